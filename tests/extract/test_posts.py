from __future__ import annotations

import json

import pytest
from conftest import shared_path

from gov_extract.extract.posts.places import implied_place
from gov_extract.records import Doc, Position


def _doc(annotator, text: str) -> Doc:
    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    annotator([doc])
    return doc


def _by_person(doc: Doc) -> dict[str, list[Position]]:
    found: dict[str, list[Position]] = {}
    for position in doc.positions:
        found.setdefault(position.person.normal, []).append(position)
    return found


def _one(doc: Doc, person: str) -> Position:
    (position,) = _by_person(doc)[person]
    return position


def _normal(mention) -> str | None:
    return mention.normal if mention is not None else None


def test_post_before_name(annotator) -> None:
    doc = _doc(annotator, "Губернатор Севастополя Дмитрий Овсянников провёл совещание.")
    position = _one(doc, "Дмитрий Овсянников")
    assert position.position == "губернатор Севастополя"
    assert position.title == "губернатор"
    assert position.position_text == "Губернатор Севастополя"
    assert _normal(position.loc) == "Севастополь"
    assert position.org is None
    assert doc.text[position.start : position.stop] == "Губернатор Севастополя Дмитрий Овсянников"


def test_post_in_oblique_case(annotator) -> None:
    doc = _doc(
        annotator,
        "Проект поддержан губернатором Дмитрием Овсянниковым и мэром Москвы Сергеем Собяниным.",
    )
    governor = _one(doc, "Дмитрий Овсянников")
    assert (governor.position, governor.title) == ("губернатор", "губернатор")
    mayor = _one(doc, "Сергей Собянин")
    assert (mayor.position, mayor.title, _normal(mayor.loc)) == ("мэр Москвы", "мэр", "Москва")


def test_post_after_name(annotator) -> None:
    doc = _doc(annotator, "Дмитрий Овсянников, губернатор Севастополя, провёл совещание.")
    position = _one(doc, "Дмитрий Овсянников")
    assert position.position == "губернатор Севастополя"
    assert _normal(position.loc) == "Севастополь"


def test_post_after_name_with_dash_and_verb(annotator) -> None:
    doc = _doc(
        annotator,
        "Андрей Смирнов — бывший заместитель министра иностранных дел России. "
        "В марте Ольга Петрова назначена министром финансов Калужской области.",
    )
    smirnov = _one(doc, "Андрей Смирнов")
    assert smirnov.position == "бывший заместитель министра иностранных дел России"
    assert smirnov.title == "бывший заместитель министра"
    petrova = _one(doc, "Ольга Петрова")
    assert petrova.position == "министр финансов Калужской области"
    assert _normal(petrova.loc) == "Калужская область"


def test_long_post_with_dash(annotator) -> None:
    doc = _doc(
        annotator,
        "Заместитель председателя правительства Республики Крым – министр финансов "
        "Ирина Кивико выступила с докладом.",
    )
    position = _one(doc, "Ирина Кивико")
    assert (
        position.position
        == "заместитель председателя правительства Республики Крым – министр финансов"
    )
    assert position.title == "заместитель председателя"
    assert _normal(position.loc) == "Республика Крым"


def test_acting_post(annotator) -> None:
    doc = _doc(
        annotator,
        "В совещании участвовал врио губернатора Калужской области Владислав Шапша. "
        "Слово взял исполняющий обязанности главы администрации Твери Олег Сидоров.",
    )
    shapsha = _one(doc, "Владислав Шапша")
    assert shapsha.position == "врио губернатора Калужской области"
    assert shapsha.title == "врио губернатора"
    assert _normal(shapsha.loc) == "Калужская область"
    sidorov = _one(doc, "Олег Сидоров")
    assert sidorov.position.startswith("исполняющий обязанности главы администрации")
    assert sidorov.title == "исполняющий обязанности главы"


def test_org_and_modifiers(annotator) -> None:
    doc = _doc(
        annotator,
        "Соглашение подписал генеральный директор Союза российских городов Игорь Волков.",
    )
    position = _one(doc, "Игорь Волков")
    assert position.position == "генеральный директор Союза российских городов"
    assert position.title == "генеральный директор"
    assert _normal(position.org) == "Союз российских городов"


def test_two_posts_of_one_person(annotator) -> None:
    doc = _doc(
        annotator,
        "Сергей Аксёнов, глава Республики Крым, председатель Совета министров Республики "
        "Крым, провёл совещание.",
    )
    posts = {p.position for p in _by_person(doc)["Сергей Аксёнов"]}
    assert posts == {
        "глава Республики Крым",
        "председатель Совета министров Республики Крым",
    }


def test_adjacent_posts_in_different_cases_are_not_one_persons(annotator) -> None:
    doc = _doc(
        annotator,
        "В беседе с корреспондентом «Вестей» лидер движения «Зелёные» Иван Петров назвал сроки.",
    )
    assert _one(doc, "Иван Петров").title == "лидер"


def test_second_post_with_a_place_adjective_is_still_the_same_persons(annotator) -> None:
    doc = _doc(annotator, "Наблюдатель от ООН французский дипломат Жан Дюпон заявил о нарушениях.")
    assert {p.title for p in _by_person(doc)["Жан Дюпон"]} == {"наблюдатель", "дипломат"}


def test_name_in_the_genitive_after_a_serving_post_is_whom_it_serves(annotator) -> None:
    doc = _doc(
        annotator,
        "Пресс-секретарь Ивана Петрова Олег Смирнов отказался от комментариев. "
        "Заместитель Анны Сидоровой сообщил о планах. "
        "Адвокат Сергея Орлова Пётр Лебедев обжаловал приговор.",
    )
    found = _by_person(doc)
    assert set(found) == {"Олег Смирнов", "Пётр Лебедев"}
    assert found["Олег Смирнов"][0].position == "пресс-секретарь Ивана Петрова"
    assert found["Пётр Лебедев"][0].position == "адвокат Сергея Орлова"


def test_post_after_a_word_for_a_relative_is_the_relatives(annotator) -> None:
    doc = _doc(
        annotator,
        "Среди гостей была дочь знаменитого писателя, актёра и режиссёра Анна Петрова. "
        "Выставку открыла дочь губернатора Ивана Смирнова.",
    )
    found = _by_person(doc)
    assert "Анна Петрова" not in found
    # A name in the genitive is the relative, who holds the post.
    assert _one(doc, "Иван Смирнов").title == "губернатор"


def test_coordinated_list_does_not_shift_posts(annotator) -> None:
    doc = _doc(
        annotator,
        "Он встретился с руководителем Департамента территориальных органов исполнительной "
        "власти Москвы Евгением Стружаком, генеральным директором Союза российских городов, "
        "главой муниципального округа Текстильщики Александрой Игнатьевой.",
    )
    found = _by_person(doc)
    assert [p.position for p in found["Евгений Стружак"]] == [
        "руководитель Департамента территориальных органов исполнительной власти Москвы"
    ]
    assert _normal(found["Евгений Стружак"][0].org) == (
        "Департамент территориальных органов исполнительной власти Москвы"
    )
    (ignatieva,) = found["Александра Игнатьева"]
    assert ignatieva.position == "глава муниципального округа Текстильщики"
    assert ignatieva.title == "глава"
    # The post with no name after it belongs to nobody.
    assert not any("Союза" in p.position for ps in found.values() for p in ps)


def test_plural_is_not_a_post(annotator) -> None:
    doc = _doc(annotator, "Министры обсудили бюджет, Иван Петров выступил первым.")
    assert doc.positions == []


def test_bare_post_resolves_to_the_person(annotator) -> None:
    doc = _doc(
        annotator,
        "Губернатор Калужской области Владислав Шапша посетил завод. "
        "Губернатор отметил рост производства.",
    )
    offset = doc.text.index("Губернатор отметил")
    assert doc.post_holders[offset].normal == "Владислав Шапша"


def test_bare_post_with_two_candidates_is_not_resolved(annotator) -> None:
    doc = _doc(
        annotator,
        "Губернатор Калужской области Владислав Шапша встретился с губернатором Тульской "
        "области Алексеем Дюминым. Губернатор отметил рост производства.",
    )
    assert doc.post_holders == {}


def test_seed_release(annotator) -> None:
    from gov_extract.inputs.clean import clean
    from gov_extract.inputs.read import Columns, read

    path = shared_path("seeds", "sevastopol-moscow-2018-05-18.txt")
    expected = json.loads(shared_path("seeds", "expected.json").read_text(encoding="utf-8"))
    doc = clean(next(read(path, path.parent, Columns())))
    annotator([doc])
    found = _by_person(doc)
    for person in expected["persons"]:
        assert person["name"] in found, person
        match = [p for p in found[person["name"]] if p.position == person["position"]]
        assert match, (person, [p.position for p in found[person["name"]]])
        if "location" in person:
            assert _normal(match[0].loc) == person["location"]


@pytest.mark.parametrize(
    ("text", "person", "position"),
    [
        (
            "Посол России в Грузии Иван Петров вручил грамоты.",
            "Иван Петров",
            "посол России в Грузии",
        ),
        (
            "Координатор движения «Левый фронт» Сергей Удальцов задержан.",
            "Сергей Удальцов",
            "координатор движения «Левый фронт»",
        ),
    ],
)
def test_chains_with_prepositions_and_quotes(
    annotator, text: str, person: str, position: str
) -> None:
    assert _one(_doc(annotator, text), person).position == position


def test_profession_written_with_yo(annotator) -> None:
    doc = _doc(annotator, "На встрече выступил режиссёр Иван Петров.")
    assert _one(doc, "Иван Петров").title == "режиссёр"


def test_governor_does_not_take_a_country_as_the_release_territory(annotator) -> None:
    doc = _doc(
        annotator,
        "Правительство России обсудило бюджет. По словам губернатора Ивана Петрова, денег мало.",
    )
    assert _one(doc, "Иван Петров").loc is None


def test_country_adjective_gives_the_country(annotator) -> None:
    doc = _doc(
        annotator,
        "Переговоры прошли в Великобритании. Британский премьер Джон Смит поддержал проект.",
    )
    position = _one(doc, "Джон Смит")
    assert _normal(position.loc) == "Великобритания"


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Внешний долг России сократился. Премьер-министр Михаил Фрадков предложил его выплатить.",
            "Михаил Фрадков",
        ),
        # A post of the state itself is national, whatever its head.
        (
            "Россия готова к переговорам. Глава государства Дмитрий Медведев выразил соболезнования.",
            "Дмитрий Медведев",
        ),
    ],
)
def test_national_post_takes_the_country_named_nearest(annotator, text: str, person: str) -> None:
    assert _normal(_one(_doc(annotator, text), person).loc) == "Россия"


def test_post_named_as_an_office(annotator) -> None:
    doc = _doc(
        annotator,
        "Иван Петров согласился занять пост министра финансов. "
        "Место спикера парламента занял депутат Олег Сидоров.",
    )
    assert _one(doc, "Иван Петров").position == "министр финансов"
    assert any(p.title == "спикер" for p in _by_person(doc)["Олег Сидоров"])


@pytest.mark.parametrize(
    "text",
    [
        "Анна Петрова стала кандидатом на пост мэра Тулы.",
        "Анна Петрова будет баллотироваться на должность губернатора.",
    ],
)
def test_running_for_an_office_is_not_holding_it(annotator, text: str) -> None:
    assert _doc(annotator, text).positions == []


def test_office_given_to_a_pronoun_is_not_the_appointers(annotator) -> None:
    doc = _doc(annotator, "Через год президент Иван Петров назначил его на должность министра.")
    assert {p.title for p in _by_person(doc)["Иван Петров"]} == {"президент"}


def test_chain_goes_on_into_a_word_for_a_territory(annotator) -> None:
    doc = _doc(annotator, "По мнению полпреда президента в округе Виктора Ишаева, поясов много.")
    assert _one(doc, "Виктор Ишаев").position == "полпред президента в округе"


def test_bare_post_naming_something_else_is_not_resolved(annotator) -> None:
    doc = _doc(
        annotator,
        "Глава администрации района Дарья Рыбакова встретила гостей. Глава региона осмотрел школу.",
    )
    assert doc.post_holders == {}


def test_phrase_of_where_a_post_is_held_before_the_name(annotator) -> None:
    doc = _doc(
        annotator,
        "Глава российской делегации на переговорах Иван Петров заявил о прогрессе. "
        "Ранее Олег Смирнов служил заместителем прокурора в администрации Сергея Орлова.",
    )
    assert _one(doc, "Иван Петров").position == "глава российской делегации на переговорах"
    # A name in another case than the post's belongs to the noun before it.
    assert "Сергей Орлов" not in _by_person(doc)


@pytest.mark.parametrize(
    ("text", "person", "position", "org"),
    [
        (
            "На конференции выступил Виктор Смирнов - зав. кафедрой истории МГУ.",
            "Виктор Смирнов",
            "зав. кафедрой истории МГУ",
            "МГУ",
        ),
        (
            "Аарон Гринспен, управляющий компанией FaceCash, выступил против.",
            "Аарон Гринспен",
            "управляющий компанией FaceCash",
            "FaceCash",
        ),
    ],
)
def test_participle_posts_govern_the_instrumental(
    annotator, text: str, person: str, position: str, org: str
) -> None:
    found = _one(_doc(annotator, text), person)
    assert found.position == position
    assert _normal(found.org) == org


def test_participle_post_in_oblique_case_and_a_numbered_body(annotator) -> None:
    doc = _doc(
        annotator,
        "Грамоту вручили заведующему отделением Ивану Петрову. "
        "Слово взяла заведующая детским садом № 5 Анна Смирнова.",
    )
    petrov = _one(doc, "Иван Петров")
    assert (petrov.position, petrov.title) == ("заведующий отделением", "заведующий")
    assert _one(doc, "Анна Смирнова").position == "заведующая детским садом № 5"


def test_participle_before_a_head_is_a_modifier(annotator) -> None:
    doc = _doc(annotator, "Выступил Крис Хелмбрехт - управляющий директор агентства Kollektiv.")
    position = _one(doc, "Крис Хелмбрехт")
    assert position.title == "управляющий директор"
    assert position.position == "управляющий директор агентства Kollektiv"


def test_unnamed_country_of_an_adjective_is_not_guessed(annotator) -> None:
    doc = _doc(
        annotator,
        "На саммит приедет председатель КНР Ху Цзиньтао, а британский премьер Гордон Браун "
        "отказался. Отставка подмосковного губернатора Бориса Громова обсуждалась в Москве.",
    )
    brown = _one(doc, "Гордон Браун")
    assert brown.loc is None
    assert doc.text[slice(*implied_place(doc, brown))] == "британский"
    gromov = _one(doc, "Борис Громов")
    assert gromov.loc is None
    assert doc.text[slice(*implied_place(doc, gromov))] == "подмосковного"
    assert implied_place(doc, _one(doc, "Ху Цзиньтао")) is None


def test_national_post_not_given_a_country_visited(annotator) -> None:
    doc = _doc(annotator, "Сенатор Джон Керри прибыл в Пакистан.")
    assert _one(doc, "Джон Керри").loc is None


def test_national_post_takes_a_country_named_after_it_when_none_is_before(annotator) -> None:
    doc = _doc(
        annotator,
        "Сенатор Джон Смит прибыл в Пакистан. Он отправится и в Индию. "
        "Поездку согласовали дипломаты Канады.",
    )
    assert _normal(_one(doc, "Джон Смит").loc) == "Канада"


def test_post_under_a_national_one_is_national(annotator) -> None:
    doc = _doc(
        annotator,
        "Переговоры прошли в Канаде. Пресс-секретарь премьер-министра Джон Смит "
        "отказался от комментариев.",
    )
    assert _normal(_one(doc, "Джон Смит").loc) == "Канада"


def test_national_post_takes_the_country_stated_for_that_person(annotator) -> None:
    doc = _doc(
        annotator,
        "Премьер-министр Турции Реджеп Эрдоган договорился с президентом Виктором Януковичем. "
        "Ранее президент Украины Виктор Янукович посетил Анкару.",
    )
    posts = _by_person(doc)["Виктор Янукович"]
    assert {_normal(p.loc) for p in posts} == {"Украина"}


def test_national_post_skips_a_country_of_another_persons_post(annotator) -> None:
    doc = _doc(
        annotator,
        "Внешний долг Украины вырос. Премьер-министр Турции Реджеп Эрдоган договорился "
        "с президентом Виктором Януковичем.",
    )
    assert _normal(_one(doc, "Виктор Янукович").loc) == "Украина"


def test_signature_line_gives_the_post_after_the_name(annotator) -> None:
    doc = _doc(
        annotator,
        "Пусть победит сильнейший!\nКирсан Илюмжинов Президент ФИДЕ\n"
        "Встречу открыл Иван Петров министр финансов.",
    )
    assert _one(doc, "Кирсан Илюмжинов").position == "президент ФИДЕ"
    assert "Иван Петров" not in _by_person(doc)


def test_factrueval_where_of_a_post_is_its_place_adjective(annotator) -> None:
    from gov_extract_eval.evaluate import occupations

    doc = _doc(annotator, "Британский премьер Гордон Браун отказался от участия.")
    (predicted,) = occupations([doc], per_fact=True)["d"]
    assert doc.text[slice(*predicted.where)] == "Британский"


@pytest.mark.parametrize(
    "text",
    [
        "Президент Франции Жак Ширак объявил о переизбрании на пост главы государства.",
        "Жак Ширак, президент Франции, выступил в Берлине. Французский лидер Жак Ширак "
        "поддержал проект.",
    ],
)
def test_factrueval_head_of_state_is_one_fact_with_the_national_post(annotator, text: str) -> None:
    from gov_extract_eval.evaluate import occupations

    doc = _doc(annotator, text)
    assert len({p.title for p in doc.positions}) == 2
    (predicted,) = occupations([doc], per_fact=True)["d"]
    assert doc.text[slice(*predicted.where)] == "Франции"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Тренер назвал Ивана Петрова первым вратарём сборной команды.", "сборной команды"),
        ("Представитель вооружённых сил Иван Петров заявил о потерях.", "вооружённых сил"),
    ],
)
def test_factrueval_where_of_a_post_is_a_body_named_by_common_words(
    annotator, text: str, body: str
) -> None:
    from gov_extract_eval.evaluate import occupations

    doc = _doc(annotator, text)
    (predicted,) = occupations([doc], per_fact=True)["d"]
    assert doc.text[slice(*predicted.where)] == body


def test_second_post_after_and_is_the_same_persons(annotator) -> None:
    doc = _doc(
        annotator, "Выступил Гергей Ковач - политик и лидер партии «Зелёные», а затем гости."
    )
    found = {p.title: p for p in _by_person(doc)["Гергей Ковач"]}
    assert set(found) == {"политик", "лидер"}
    assert _normal(found["лидер"].org) == "партия «Зелёные»"


def test_who_appoints_does_not_hold_the_post(annotator) -> None:
    doc = _doc(
        annotator, "Премьер-министр Иван Петров назначил руководителем службы своего заместителя."
    )
    assert {p.title for p in _by_person(doc)["Иван Петров"]} == {"премьер-министр"}


def test_post_in_the_instrumental_after_a_name_in_the_accusative(annotator) -> None:
    doc = _doc(
        annotator,
        "Совет избрал Олега Смирнова председателем правления банка «Альфа». "
        "В случае отставки Шеварднадзе премьер-министром станет лидер партии «Союз» "
        "Иван Петров.",
    )
    assert _one(doc, "Олег Смирнов").title == "председатель"
    # An indeclinable name may be in any case: not the one made premier.
    assert "Шеварднадзе" not in _by_person(doc)


def test_post_in_the_instrumental_before_a_verb_of_holding_it(annotator) -> None:
    doc = _doc(annotator, "Вместо Оливера Кана капитаном стал Михаель Баллак.")
    assert _one(doc, "Михаель Баллак").title == "капитан"
    assert "Оливер Кан" not in _by_person(doc)


@pytest.mark.parametrize(
    ("text", "person", "title", "head"),
    [
        (
            "Молоток вручила первая женщина-спикер Нэнси Пелоси.",
            "Нэнси Пелоси", "первая женщина-спикер", "спикер",
        ),
        (
            "В Москву прибыл экс-премьер Израиля Эхуд Ольмерт.",
            "Эхуд Ольмерт", "экс-премьер", "премьер",
        ),
        # `политика` reads as `politics` first; beside a name it is a politician's.
        (
            "Слова известного политика Бориса Немцова процитировали.",
            "Борис Немцов", "политик", "политик",
        ),
        # A compound that starts with a head noun is that post too.
        (
            "Суд оправдал журналиста-расследователя Ивана Голубева.",
            "Иван Голубев", "журналист-расследователь", "журналист",
        ),
    ],
)  # fmt: skip
def test_posts_hidden_in_compounds_and_likelier_readings(
    annotator, text: str, person: str, title: str, head: str
) -> None:
    found = _one(_doc(annotator, text), person)
    assert (found.title, found.head) == (title, head)


def test_prepositions_and_owners_are_not_posts(annotator) -> None:
    doc = _doc(
        annotator,
        "После поездки Дмитрий Медведев выступил. Основатель компании Марк Цукерберг промолчал.",
    )
    assert _by_person(doc) == {}


def test_post_without_a_name_is_the_sole_persons(annotator) -> None:
    doc = _doc(
        annotator,
        "Инициативу Юрия Лужкова не одобряют эксперты. "
        "Особенно резкие замечания прозвучали в адрес мэра Москвы.",
    )
    position = _one(doc, "Юрий Лужков")
    assert (position.title, _normal(position.loc)) == ("мэр", "Москва")
    assert doc.text[position.post_start : position.post_stop] == "мэра Москвы"


@pytest.mark.parametrize(
    "text",
    [
        # The other person of the sentence holds the post.
        "Юрий Лужков отчитался. Иван Петров встретился с министром финансов.",
        # The person has a post of their own: the minister is somebody else.
        "Губернатор Иван Петров провёл совещание. Министр финансов доложил о бюджете.",
        # Two people named before: whose post it is, the text does not say.
        "Иван Петров и Сергей Сидоров прибыли. Министр финансов доложил о бюджете.",
        # A profession is anybody's.
        "Иван Петров выступил. Вопрос задал журналист газеты «Вести».",
    ],
)
def test_post_without_a_name_stays_unassigned(annotator, text: str) -> None:
    assert not any(p.title in {"министр", "журналист"} for p in _doc(annotator, text).positions)


def test_description_between_name_and_post(annotator) -> None:
    doc = _doc(
        annotator,
        "Слово дали Александру Броду, известному борцу с ксенофобией, члену Общественной палаты.",
    )
    position = _one(doc, "Александр Брод")
    assert (position.title, _normal(position.org)) == ("член", "Общественная палата")


def test_a_mention_of_post_words_alone_is_dropped(annotator) -> None:
    doc = _doc(annotator, "Замглавы Федеральной миграционной службы России Михаил Тюркин заявил.")
    assert "Замглавы" not in {m.text for m in doc.mentions}
    position = _one(doc, "Михаил Тюркин")
    assert _normal(position.org) == "Федеральная миграционная служба России"


def test_a_post_tagged_as_a_person_is_no_person(annotator) -> None:
    doc = _doc(annotator, "«Люди должны видеть, что государство рядом», — подчеркнул Президент.")
    assert not [m for m in doc.mentions if m.type == "PER"]


def test_a_first_name_that_reads_as_a_post_stays_a_person(annotator) -> None:
    """`Раиса` is also the genitive of `раис`."""
    doc = _doc(annotator, "Об этом рассказала Раиса, жительница посёлка.")
    assert [m.text for m in doc.mentions if m.type == "PER"] == ["Раиса"]


def test_a_surname_that_is_a_post_word_stays_a_person(annotator) -> None:
    doc = _doc(
        annotator,
        "Ветеран футбола уверен, что Дик Адвокат запоздал с заменами. "
        "Не могу понять, почему Адвокат так поздно вмешался в игру.",
    )
    assert [m.text for m in doc.mentions if m.type == "PER"] == ["Дик Адвокат", "Адвокат"]


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        (
            "Немецкий концерн «Бета» построит завод в Калуге. Об этом заявил шеф концерна "
            "Ханс Мюллер.",
            "Ханс Мюллер", "Немецкий концерн «Бета»",
        ),
        # The noun before a name in quotes is the body's too.
        (
            "Выставку открыл музей «Арсенал». Гостей встретила директор музея Анна Сидорова.",
            "Анна Сидорова", "Арсенал",
        ),
        # A word for a kind of body refers back to a narrower one (`kinds`).
        (
            "Делегация посетила завод «Авиастар-СП». Генеральный директор предприятия "
            "Андрей Демидов рассказал о планах.",
            "Андрей Демидов", "завод «Авиастар-СП»",
        ),
        # An adjective of the post that the name lacks: another court.
        (
            "Жалобу отклонил Верховный суд. Решение обжаловал судья апелляционного суда "
            "Иван Петров.",
            "Иван Петров", None,
        ),
    ],
)  # fmt: skip
def test_word_for_a_body_refers_back_to_the_body_named_before(
    annotator, text: str, person: str, body: str | None
) -> None:
    found = _one(_doc(annotator, text), person).org
    assert (found.text if found else None) == body


@pytest.mark.parametrize(
    "post", ["министр здравоохранения региона", "министр экономического развития региона"]
)
def test_a_word_for_a_kind_of_place_refers_back_to_the_place_named_before(
    annotator, post: str
) -> None:
    """`экономического` is the ministry's adjective, not the region's."""
    doc = _doc(
        annotator,
        "Губернатор Новосибирской области Андрей Травников провёл совещание. "
        f"В нём участвовал {post} Константин Хальзов.",
    )
    assert _normal(_one(doc, "Константин Хальзов").loc) == "Новосибирская область"


def test_a_list_in_the_chain_runs_through_its_commas(annotator) -> None:
    doc = _doc(
        annotator,
        "В переговорах участвовал председатель комитета по бюджету, финансам и налогам "
        "Владимир Терешков.",
    )
    assert _one(doc, "Владимир Терешков").position == (
        "председатель комитета по бюджету, финансам и налогам"
    )


def test_a_place_tagged_with_the_post_before_it_is_the_place(annotator) -> None:
    doc = _doc(annotator, "Раис Республики Татарстан Рустам Минниханов посетил Альметьевск.")
    position = _one(doc, "Рустам Минниханов")
    assert (position.position, _normal(position.loc)) == (
        "раис Республики Татарстан",
        "Республика Татарстан",
    )


def test_a_post_in_a_body_with_nested_quotes(annotator) -> None:
    doc = _doc(annotator, "Выступил начальник ФКУ «Упрдор «Волго-Вятка»» Сергей Орлов.")
    position = _one(doc, "Сергей Орлов")
    assert _normal(position.org) == "ФКУ «Упрдор «Волго-Вятка»»"


def test_the_word_for_a_place_before_its_name_is_in_the_post(annotator) -> None:
    doc = _doc(
        annotator,
        "Глава региона вручил награду главе городского округа город Арзамас Александру Щелокову.",
    )
    position = _one(doc, "Александр Щелоков")
    assert (position.position, _normal(position.loc)) == (
        "глава городского округа город Арзамас",
        "Арзамас",
    )


def test_post_after_a_name_and_its_aside_in_brackets(annotator) -> None:
    doc = _doc(
        annotator, "Отставку принял Иван Сергеев (Ivan Sergeev), министр финансов земли Бавария."
    )
    assert _one(doc, "Иван Сергеев").position == "министр финансов земли Бавария"


def test_posts_listed_with_commas_before_one_name_are_all_his(annotator) -> None:
    doc = _doc(
        annotator, "На форуме выступили профессор, академик, ректор университета Павел Смирнов."
    )
    posts = {p.position for p in _by_person(doc)["Павел Смирнов"]}
    assert posts == {"профессор", "академик", "ректор университета"}


def test_post_after_a_name_past_its_adjectives(annotator) -> None:
    doc = _doc(
        annotator,
        "Проект представили Анна Колесова и Олег Бруно, миланский профессиональный архитектор.",
    )
    assert _one(doc, "Олег Бруно").position == "архитектор"
    assert "Анна Колесова" not in _by_person(doc)


def test_posts_before_a_name_are_not_the_name_in_front(annotator) -> None:
    doc = _doc(
        annotator,
        "В жюри вошли певцы Ирина Белова и Олег Ткачёв, известный режиссёр и сценарист Павел Орлов.",
    )
    people = _by_person(doc)
    assert {p.position for p in people["Павел Орлов"]} == {"режиссёр", "сценарист"}
    assert [p.position for p in people["Олег Ткачёв"]] == ["певец"]


@pytest.mark.parametrize(
    ("text", "post"),
    [
        (
            "Сергей Орлов с 2015 года является председателем комитета по бюджету.",
            "председатель комитета по бюджету",
        ),
        (
            "Андрей Лебедев в 2012 году был назначен заместителем министра транспорта.",
            "заместитель министра транспорта",
        ),
    ],
)
def test_verb_of_holding_a_post_after_an_adverbial(annotator, text: str, post: str) -> None:
    (position,) = _doc(annotator, text).positions
    assert (position.position, position.rule) == (post, "post.copula")


def test_a_subject_between_the_name_and_the_verb_holds_the_post(annotator) -> None:
    doc = _doc(
        annotator, "Андрей Лебедев и его коллега в 2012 году были назначены заместителями министра."
    )
    assert doc.positions == []


def test_second_post_after_a_conjunction_of_time_is_the_same_persons(annotator) -> None:
    doc = _doc(
        annotator, "Мирон Сидоров был министром здравоохранения, а затем министром иностранных дел."
    )
    posts = [(p.position, p.rule) for p in doc.positions]
    assert posts == [
        ("министр здравоохранения", "post.copula"),
        ("министр иностранных дел", "post.second"),
    ]


def test_a_post_after_a_comma_and_and_is_somebody_elses(annotator) -> None:
    doc = _doc(annotator, "Присутствовали Иван Петров, губернатор области, и мэр города.")
    assert [p.position for p in doc.positions] == ["губернатор области"]


def test_an_office_and_a_second_post_beside_it_are_two_posts(annotator) -> None:
    doc = _doc(
        annotator,
        "Вячеслав Тимченко занимает должность руководителя координационного совета, "
        "а также заместителя председателя комитета по бюджету.",
    )
    posts = [(p.position, p.rule) for p in doc.positions]
    assert posts == [
        ("руководитель координационного совета", "post.office"),
        ("заместитель председателя комитета по бюджету", "post.second"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Премьер-министр Иван Кузнецов назначил Олега Белова заместителем министра транспорта. "
        "Сергей Аристов, занимавший этот пост, ушёл на пенсию.",
        "Заместителем министра транспорта назначен Олег Белов. Ранее этот пост занимал Сергей Аристов.",
    ],
)
def test_an_office_pointed_to_is_the_post_given_before(annotator, text: str) -> None:
    position = _one(_doc(annotator, text), "Сергей Аристов")
    assert (position.position, position.rule) == (
        "заместитель министра транспорта",
        "post.this_office",
    )
    assert position.position_text == "этот пост"


@pytest.mark.parametrize(
    "text",
    [
        "Олег Белов назначен министром. Он займёт этот пост в понедельник.",
        "Генеральным директором избран Олег Белов, сменивший на этом посту Сергея Аристова.",
    ],
)
def test_an_office_pointed_to_without_another_holder_adds_nothing(annotator, text: str) -> None:
    assert [p.person.normal for p in _doc(annotator, text).positions] == ["Олег Белов"]


@pytest.mark.parametrize(
    ("text", "person", "post"),
    [
        ("Концерт вела телеведущая Анна Морозова.", "Анна Морозова", "телеведущая"),
        ("Награду вручили мичману Олегу Белову.", "Олег Белов", "мичман"),
        ("Хормейстер Ирина Котова готовит хор к конкурсу.", "Ирина Котова", "хормейстер"),
        (
            "Выступил американский хип-хоп-исполнитель Джон Картер.",
            "Джон Картер",
            "хип-хоп-исполнитель",
        ),
    ],
)
def test_trades_ranks_and_womens_forms_are_posts(
    annotator, text: str, person: str, post: str
) -> None:
    assert _one(_doc(annotator, text), person).position == post


def test_a_field_that_reads_as_a_trade_stays_in_the_chain(annotator) -> None:
    doc = _doc(annotator, "Заместитель министра промышленности и энергетики Олег Белов выступил.")
    assert _one(doc, "Олег Белов").position == "заместитель министра промышленности и энергетики"


@pytest.mark.parametrize(
    ("text", "person", "post"),
    [
        (
            "Иван Петров, один из руководителей компании «Газпром», дал интервью.",
            "Иван Петров",
            "руководитель компании «Газпром»",
        ),
        (
            "Один из лидеров оппозиции Иван Петров заявил о протесте.",
            "Иван Петров",
            "лидер оппозиции",
        ),
        (
            "Суд освободил одного из самых влиятельных боссов мафии Олега Белова.",
            "Олег Белов",
            "босс мафии",
        ),
    ],
)
def test_one_of_a_plural_post_is_the_persons_post(
    annotator, text: str, person: str, post: str
) -> None:
    assert _one(_doc(annotator, text), person).position == post


def test_plural_post_in_the_instrumental_before_a_verb_and_a_list(annotator) -> None:
    doc = _doc(annotator, "Заместителями министра назначены Иван Петров и Олег Белов.")
    found = {p.person.normal: (p.position, p.rule) for p in doc.positions}
    assert found == {
        "Иван Петров": ("заместитель министра", "post.list"),
        "Олег Белов": ("заместитель министра", "post.list"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Умер премьер Мали с 1991 по 1992 годы Иван Сакко.",
        "Умер премьер Мали в 1991—1992 годах Иван Сакко.",
    ],
)
def test_years_between_a_post_and_its_name(annotator, text: str) -> None:
    assert _one(_doc(annotator, text), "Иван Сакко").position == "премьер Мали"


def test_a_post_in_the_chain_before_the_served_persons_name_is_theirs(annotator) -> None:
    doc = _doc(
        annotator,
        "Об этом сообщил пресс-секретарь президента России Владимира Путина Дмитрий Песков.",
    )
    assert _one(doc, "Владимир Путин").position == "президент России"
    assert (
        _one(doc, "Дмитрий Песков").position == "пресс-секретарь президента России Владимира Путина"
    )


def test_a_second_name_after_a_serving_post_holds_it(annotator) -> None:
    doc = _doc(annotator, "Адвокат Александра Кокорина Андрей Ромашов прокомментировал приговор.")
    assert [(p.person.normal, p.position) for p in doc.positions] == [
        ("Андрей Ромашов", "адвокат Александра Кокорина")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Президент выдвинул на пост главы ФБР Джеймса Коми.",
        "Основными претендентами на пост главы страны были лидер партии Иван Петров и Олег Белов.",
    ],
)
def test_an_office_run_for_is_nobodys(annotator, text: str) -> None:
    assert all(p.title != "глава" for p in _doc(annotator, text).positions)


def test_a_verb_ends_the_chain_of_a_post(annotator) -> None:
    doc = _doc(annotator, "Вчера пост главы страны занял Иван Петров.")
    assert _one(doc, "Иван Петров").position == "глава страны"


def test_posts_without_names_are_those_of_the_names_the_next_sentence_opens_with(annotator) -> None:
    doc = _doc(
        annotator,
        "Утром руководитель аграрного ведомства провёл встречу с министром сельского хозяйства "
        "Республики Беларусь. Николай Федоров и Леонид Заяц обсудили вопросы торговли.",
    )
    found = [(p.person.normal, p.title, p.rule) for p in doc.positions]
    assert found == [
        ("Николай Федоров", "руководитель", "post.names_after"),
        ("Леонид Заяц", "министр", "post.names_after"),
    ]


def test_names_after_that_are_fewer_than_the_posts_take_none(annotator) -> None:
    doc = _doc(
        annotator,
        "Утром руководитель аграрного ведомства провёл встречу с министром сельского хозяйства. "
        "Николай Федоров обсудил вопросы торговли.",
    )
    assert all(p.rule != "post.names_after" for p in doc.positions)


def test_a_post_held_at_bodies_named_by_common_words_before_the_name(annotator) -> None:
    doc = _doc(
        annotator,
        "Заседание вёл Андрей Шведов – постоянный представитель Российской Федерации "
        "при уставных и других органах Содружества Независимых Государств.",
    )
    position = _one(doc, "Андрей Шведов")
    assert position.position.endswith(
        "при уставных и других органах Содружества Независимых Государств"
    )
    assert _normal(position.org) == "Содружество Независимых Государств"


def test_a_noun_of_the_chain_takes_its_object_in_its_own_case(annotator) -> None:
    doc = _doc(
        annotator,
        "Руководитель Федерального агентства по управлению государственным имуществом Олег Белов уволен.",
    )
    position = _one(doc, "Олег Белов")
    assert (
        position.position
        == "руководитель Федерального агентства по управлению государственным имуществом"
    )


def test_a_chain_noun_governs_as_in_a_body_name(annotator) -> None:
    # `содействие` takes the dative by organizations.toml's [governs], which posts share.
    doc = _doc(
        annotator,
        "Совещание провёл директор департамента по содействию развитию малого бизнеса Иван Петров.",
    )
    assert _one(doc, "Иван Петров").position.endswith("по содействию развитию малого бизнеса")


def test_a_post_in_the_instrumental_a_verb_and_the_holders_post_and_name(annotator) -> None:
    doc = _doc(annotator, "Заместителем министра назначен директор департамента Иван Петров.")
    found = [(p.position, p.rule) for p in _by_person(doc)["Иван Петров"]]
    assert found == [
        ("заместитель министра", "post.stacked"),
        ("директор департамента", "post.before_name"),
    ]


def test_the_chain_of_a_post_goes_on_past_one_of(annotator) -> None:
    doc = _doc(annotator, "Директор одной из школ города Анна Смирнова получила награду.")
    assert _one(doc, "Анна Смирнова").position == "директор одной из школ города"


def test_a_post_before_an_aside_in_brackets_and_the_name(annotator) -> None:
    doc = _doc(
        annotator, "Слово взял член ХДС (Христианско-демократический союз Германии) Томас Шефер."
    )
    assert _one(doc, "Томас Шефер").position == "член ХДС"


def test_a_name_set_off_by_commas_after_the_post_that_opens_the_sentence(annotator) -> None:
    doc = _doc(annotator, "Председатель комитета, Иван Петров, отметил рост доходов.")
    assert _one(doc, "Иван Петров").position == "председатель комитета"
