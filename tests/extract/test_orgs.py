"""Organisation spans repaired from the head lexicon (models/organizations.toml)."""

import pytest

from gov_extract.nlp.annotate import segment
from gov_extract.records import Doc


def _orgs(annotator, text: str) -> list[str]:
    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    annotator([doc])
    return [m.normal for m in doc.mentions if m.type == "ORG"]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Делегация Правительства Севастополя посетила Москву.", "Правительство Севастополя"),
        ("Он встретился с руководителем Департамента территориальных органов исполнительной власти Москвы Евгением Стружаком.",
         "Департамент территориальных органов исполнительной власти Москвы"),
        ("Соглашение подписали с Министерством промышленности и торговли Российской Федерации.",
         "Министерство промышленности и торговли Российской Федерации"),
        ("Депутаты Законодательного собрания Санкт-Петербурга приняли закон.", "Законодательное собрание Санкт-Петербурга"),
        # The body's head noun is written as part of its name.
        ("Глава администрации города Ялты провёл совещание.", "Администрация города Ялты"),
        ("Глава администрации Н.Новгорода провёл совещание.", "Администрация Н.Новгорода"),
        ("Студенты Тверского университета им. Михаила Ломоносова победили.",
         "Тверской университет им. Михаила Ломоносова"),
        # A common noun before a legal form is no part of the name.
        ("Договор подписан с предприятием ПАО «Звезда» вчера.", "ПАО «Звезда»"),
        ("Он возглавляет ассоциацию «Совет муниципальных образований города Москвы».",
         "ассоциация «Совет муниципальных образований города Москвы»"),
        ("Договор заключили с ПАО «Газпром» в прошлом году.", "ПАО «Газпром»"),
        # The region's abbreviation between the legal form and the name.
        ("Договор заключили с ГУП РК «Крымские водные ресурсы» вчера.",
         "ГУП РК «Крымские водные ресурсы»"),
        # Guillemets nest.
        ("Договор с ООО «Агрофирма «Кама»» подписан.", "ООО «Агрофирма «Кама»»"),
        ("ООО «Агрофирма «Кама» сообщило о росте урожая.", "ООО «Агрофирма «Кама»"),
        # The place's first word is in the name, its second (an apposition) too.
        ("Делегация Национального собрания Республики Беларусь посетила Екатеринбург.",
         "Национальное собрание Республики Беларусь"),
        ("Директор Департамента по территориальному развитию и взаимодействию с органами местного самоуправления Севастополя Валентин Демидов выступил.",
         "Департамент по территориальному развитию и взаимодействию с органами местного самоуправления Севастополя"),
        # A town after `г.` in either case, a foreign name that does not decline after
        # its noun, adjectives joined by `и` before their noun.
        ("Гостей принимала управа Тверского района Центрального административного округа г. Москвы вчера.",
         "Управа Тверского района Центрального административного округа г. Москвы"),
        ("Делегация Народного правительства провинции Хэнань прибыла в Тверь.",
         "Народное правительство провинции Хэнань"),
        ("В совещании участвовали главные управления МЧС России по субъектам Северо-Западного и Южного федеральных округов.",
         "главные управления МЧС России по субъектам Северо-Западного и Южного федеральных округов"),
        # A noun of the name that takes its object in the instrumental or with a
        # preposition of its own (`governs`).
        ("Договор аренды согласован с Федеральным агентством по управлению государственным имуществом в июне.",
         "Федеральное агентство по управлению государственным имуществом"),
        ("Отчёт направлен в Управление делами Президента Российской Федерации вчера.",
         "Управление делами Президента Российской Федерации"),
        ("Проверку провела Федеральная служба по надзору в сфере здравоохранения в марте.",
         "Федеральная служба по надзору в сфере здравоохранения"),
        # `по` after such a noun is no object of it (`ПО`, software, by another reading).
        ("Доклад сделал начальник Управления по контролю за оборотом оружия Главного управления МВД по Тверской области вчера.",
         "Управление по контролю за оборотом оружия Главного управления МВД по Тверской области"),
        # A surname after initials after `имени`; a word as likely a verb ends the name.
        ("Он окончил Институт иностранных языков имени М. Тореза в Москве.",
         "Институт иностранных языков имени М. Тореза"),
        ("Выпускники университета им. В. И. Ленина собрались вчера.",
         "Университет им. В. И. Ленина"),
        ("Сотрудники Управления МВД по Тверской области прибыли на место.",
         "Управление МВД по Тверской области"),
        # The person a body is named after, whom the NER model tags, ends the name.
        ("Делегация посетила Академию им. Йозефа Бойса вчера.", "Академия им. Йозефа Бойса"),
        # Party committees are bodies.
        ("Он работал секретарём Тверского обкома КПСС.", "Тверской обком КПСС"),
        # A list in the name, its commas closed by `и`.
        ("Письмо направлено в Министерство строительства, архитектуры и жилищно-коммунального хозяйства Тверской области вчера.",
         "Министерство строительства, архитектуры и жилищно-коммунального хозяйства Тверской области"),
        # An abbreviated unit before its body's abbreviation is one name.
        ("Пожар потушили сотрудники ГУ МЧС России по Тверской области к утру.",
         "ГУ МЧС России по Тверской области"),
        # A foreign body's name: its modifier keeps its form, its head takes the nominative.
        ("Председатель Жогорку Кенеша Киргизской Республики прибыл в Москву.",
         "Жогорку Кенеш Киргизской Республики"),
    ],
)  # fmt: skip
def test_whole_body_names(annotator, text: str, org: str) -> None:
    assert org in _orgs(annotator, text)


def test_coordinated_bodies_stay_apart(annotator) -> None:
    orgs = _orgs(
        annotator,
        "Представители Правительства Москвы и органов местного самоуправления выразили пожелание.",
    )
    assert "Правительство Москвы" in orgs
    orgs = _orgs(
        annotator,
        "Пришли представители Правительства Москвы, органов местного самоуправления и общественных организаций.",
    )
    assert "Правительство Москвы" in orgs
    orgs = _orgs(
        annotator,
        "Договорились с Союзом российских городов и ассоциацией «Совет муниципальных образований».",
    )
    assert "Союз российских городов" in orgs
    assert "ассоциация «Совет муниципальных образований»" in orgs


def test_meeting_is_not_a_body(annotator) -> None:
    orgs = _orgs(
        annotator,
        "Он принял участие в Общем собрании Общенациональной ассоциации территориального общественного самоуправления.",
    )
    assert not any(org.startswith("Общее собрание") for org in orgs)


def test_place_inside_a_body_stays_a_place(annotator) -> None:
    doc = Doc("d", "d.txt", None, "txt", "x", text="Делегация Правительства Севастополя прибыла.")
    annotator([doc])
    assert [(m.type, m.text) for m in doc.mentions] == [
        ("ORG", "Правительства Севастополя"),
        ("LOC", "Севастополя"),
    ]


def test_segment_keeps_lines_apart() -> None:
    doc = Doc(
        "d", "d.txt", None, "txt", "x", text="Заголовок без точки\nПервое предложение. Второе."
    )
    segment(doc)
    assert [doc.text[s.start : s.stop] for s in doc.sentences] == [
        "Заголовок без точки",
        "Первое предложение.",
        "Второе.",
    ]


def _mentions(annotator, text: str) -> list[tuple[str, str]]:
    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    annotator([doc])
    return [(m.type, m.text) for m in doc.mentions]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Сборная России по хоккею выиграла турнир в Уфе.", "Сборная России по хоккею"),
        ("Об этом сообщила пресс-служба губернатора Новосибирской области.",
         "пресс-служба губернатора Новосибирской области"),
        ("Федерация бобслея России объявила открытый набор.", "Федерация бобслея России"),
    ],
)  # fmt: skip
def test_more_heads(annotator, text: str, org: str) -> None:
    assert ("ORG", org) in _mentions(annotator, text)


def test_a_known_place_is_not_a_head(annotator) -> None:
    mentions = _mentions(
        annotator,
        "Приняты поправки в законодательные акты Российской Федерации по вопросам пенсий.",
    )
    assert ("LOC", "Российской Федерации") in mentions
    assert not [text for type, text in mentions if type == "ORG"]


def test_and_after_the_head_starts_a_second_body(annotator) -> None:
    orgs = _orgs(annotator, "Он член Общественной палаты и региональной рабочей группы.")
    assert "Общественная палата" in orgs
    assert not any("группы" in org for org in orgs)


@pytest.mark.parametrize(
    ("text", "org", "loc"),
    [
        ("Вчера член Конгресса США выступил в Берлине.", "Конгресса США", "США"),
        ("Сотрудники МЧС России по Республике Крым прибыли на место.",
         "МЧС России по Республике Крым", "Республике Крым"),
    ],
)  # fmt: skip
def test_the_country_of_a_body_belongs_to_its_name(annotator, text, org, loc) -> None:
    mentions = _mentions(annotator, text)
    assert ("ORG", org) in mentions
    assert ("LOC", loc) in mentions


def test_dictionary_organisation_names(annotator) -> None:
    assert ("ORG", "Интерпол") in _mentions(annotator, "Интерпол объявил его в розыск.")
    assert ("ORG", "Еврокомиссии") in _mentions(
        annotator, "Проект внесён на рассмотрение Еврокомиссии."
    )


def test_a_quoted_name_is_found_again_without_quotes(annotator) -> None:
    mentions = _mentions(
        annotator,
        "Интервью записала Русская служба «Голоса Америки».\n"
        "Голос Америки: как вы оцениваете ситуацию?",
    )
    assert ("ORG", "Голос Америки") in mentions
    assert ("LOC", "Америки") not in mentions[1:]


def test_a_quoted_place_name_is_not_spread(annotator) -> None:
    mentions = _mentions(annotator, "Сюжет показал телеканал «Россия». Россия ответит на санкции.")
    assert ("LOC", "Россия") in mentions


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A street or square is named with its noun, not as a territory of its own.
        ("Митинг прошёл на площади Лазарева в центре Чебоксар.", "площадь Лазарева"),
        ("Праздник прошёл на улице Полежаева в Саранске.", "улица Полежаева"),
        # A kremlin is a place, not a body.
        ("Гости осмотрели Нижегородский кремль и музей.", "Нижегородский кремль"),
    ],
)
def test_places_in_a_town(annotator, text: str, place: str) -> None:
    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    annotator([doc])
    assert ("LOC", place) in [(m.type, m.normal) for m in doc.mentions]
    assert not [m for m in doc.mentions if m.type == "ORG"]


def test_a_municipality_named_before_a_person_is_no_part_of_the_name(annotator) -> None:
    mentions = _mentions(annotator, "Глава МО Светлановское Лебедева О.В. провела приём граждан.")
    assert ("ORG", "МО Светлановское") in mentions
    assert ("PER", "Лебедева О.В.") in mentions


def test_an_object_in_the_instrumental_names_nothing_by_itself(annotator) -> None:
    """`по управлению имуществом` continues a name, but a chain of lowercase words,
    object or not, does not make one."""
    assert not _orgs(annotator, "Вопрос рассмотрит комитет по управлению имуществом на неделе.")


def test_a_body_followed_by_its_country_is_no_person(annotator) -> None:
    """A parliament named in its own language, which the NER model reads as a person's
    name, with a chamber of it written before it."""
    mentions = _mentions(
        annotator,
        "Делегацию возглавил председатель Маджлиси намояндагон Маджлиси Оли Республики Таджикистан.",
    )
    assert not [text for type, text in mentions if type == "PER"]
    assert ("ORG", "Маджлиси намояндагон Маджлиси Оли Республики Таджикистан") in mentions


def test_a_known_person_before_a_place_stays_a_person(annotator) -> None:
    """A surname the dictionary knows is a person's, whatever place follows it."""
    mentions = _mentions(annotator, "Туристы осмотрели дом-музей Чехова Ялты и окрестности.")
    assert ("PER", "Чехова") in mentions


def test_a_lowercase_word_before_a_capitalised_head_is_no_part_of_the_name(annotator) -> None:
    """`предстоящего Совета …`: a capitalised head opens the name; a pronoun says which
    bodies, not what they are named (`некоторых департаментов …`)."""
    orgs = _orgs(
        annotator,
        "Вопрос вынесут на рассмотрение предстоящего Совета Законодателей Тверской области.",
    )
    assert "Совет Законодателей Тверской области" in orgs
    orgs = _orgs(
        annotator,
        "Сотрудники некоторых департаментов Правительства Тверской области прошли обучение.",
    )
    assert orgs and not any(org.startswith("некотор") for org in orgs)
