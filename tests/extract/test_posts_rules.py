"""The rules that tie a post to a person, each on sentences written for it, with the
names laid over the text by hand: no NER model is loaded, so what is tested is the
rule, not what the model happens to tag."""

from __future__ import annotations

import pytest

from gov_extract.extract.posts.mentions import drop_post_mentions
from gov_extract.extract.posts.positions import read_positions
from gov_extract.link.entities import read_names
from gov_extract.nlp.annotate import lemmatize, segment
from gov_extract.records import Doc, Mention, Position


def _doc(text: str, *names: tuple[str, str, str]) -> Doc:
    """`names`: (type, the name as written, its normal form), in the order of the text."""
    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    segment(doc)
    lemmatize(doc)
    at = 0
    for type, written, normal in names:
        start = text.index(written, at)
        at = stop = start + len(written)
        sent_idx = next(
            i for i, s in enumerate(doc.sentences) if s.start <= start and stop <= s.stop
        )
        doc.mentions.append(Mention(start, stop, type, written, sent_idx, normal))
    read_names(doc)
    read_positions(doc)
    return doc


def _posts(doc: Doc) -> list[tuple[str, str, str]]:
    return [(p.person.normal, p.position, p.rule) for p in doc.positions]


def _per(written: str, normal: str | None = None) -> tuple[str, str, str]:
    return ("PER", written, normal or written)


IVAN, ANNA, OLEG = "Иван Петров", "Анна Смирнова", "Олег Орлов"


@pytest.mark.parametrize(
    ("text", "names", "post"),
    [
        (
            "На совещании присутствовали вице-губернаторы Иван Петров, Анна Смирнова и Олег Орлов.",
            [_per(IVAN), _per(ANNA), _per(OLEG)],
            "вице-губернатор",
        ),
        (
            "Губернатор встретился с заместителями Иваном Петровым, Анной Смирновой и "
            "Олегом Орловым.",
            [
                _per("Иваном Петровым", IVAN),
                _per("Анной Смирновой", ANNA),
                _per("Олегом Орловым", OLEG),
            ],
            "заместитель",
        ),
        (
            "Министр взял с собой двух своих заместителей – Ивана Петрова, Анну Смирнову "
            "и Олега Орлова.",
            [_per("Ивана Петрова", IVAN), _per("Анну Смирнову", ANNA), _per("Олега Орлова", OLEG)],
            "заместитель",
        ),
        (
            "Иван Петров, Анна Смирнова и Олег Орлов назначены первыми заместителями "
            "министра финансов.",
            [_per(IVAN), _per(ANNA), _per(OLEG)],
            "первый заместитель министра финансов",
        ),
        (
            "Иван Петров, Анна Смирнова и Олег Орлов – старшие советники президента.",
            [_per(IVAN), _per(ANNA), _per(OLEG)],
            "старший советник президента",
        ),
        (
            "Иван Петров, Анна Смирнова и Олег Орлов стали первыми замглавы города.",
            [_per(IVAN), _per(ANNA), _per(OLEG)],
            "первый замглавы города",
        ),
        (
            "Выступили бывшие министры Иван Петров (1990–1994 годы), Анна Смирнова "
            "(1994–1998 годы) и Олег Орлов.",
            [_per(IVAN), _per(ANNA), _per(OLEG)],
            "бывший министр",
        ),
    ],
)
def test_a_plural_post_next_to_a_list_is_each_persons(
    text: str, names: list[tuple[str, str, str]], post: str
) -> None:
    doc = _doc(text, *names)
    assert _posts(doc) == [(name, post, "post.list") for name in (IVAN, ANNA, OLEG)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Министры обсудили проект с Иваном Петровым.", [_per("Иваном Петровым", IVAN)]),
        ("Заместители министра и Иван Петров обсудили проект.", [_per(IVAN)]),
        ("На заседании выступили министры финансов и энергетики.", []),
    ],
)
def test_a_plural_post_without_a_list_is_nobodys(
    text: str, names: list[tuple[str, str, str]]
) -> None:
    assert _doc(text, *names).positions == []


def test_a_plural_post_without_a_list_is_not_the_sole_persons() -> None:
    doc = _doc("Иван Петров приехал в район. Там его встретили заместители главы.", _per(IVAN))
    assert doc.positions == []


def test_a_word_of_address_between_post_and_name() -> None:
    doc = _doc(
        "Делегацию возглавил заместитель губернатора провинции господин Ли Мин.",
        _per("Ли Мин"),
    )
    assert _posts(doc) == [("Ли Мин", "заместитель губернатора провинции", "post.before_name")]


@pytest.mark.parametrize(
    ("written", "post"),
    [
        ("аким Карагандинской области", "аким Карагандинской области"),
        ("хоким Ташкента", "хоким Ташкента"),
        ("спецпосланник американского лидера", "спецпосланник американского лидера"),
        (
            "спецпредставитель президента по вопросам экологии",
            "спецпредставитель президента по вопросам экологии",
        ),
        ("первый секретарь обкома партии", "первый секретарь обкома партии"),
        (
            "заместитель председателя кабинета министров",
            "заместитель председателя кабинета министров",
        ),
        ("замгубернатора по планированию и финансам", "замгубернатора по планированию и финансам"),
    ],
)
def test_posts_of_other_countries_and_short_forms(written: str, post: str) -> None:
    doc = _doc(f"С докладом выступил {written} Иван Петров.", _per(IVAN))
    assert _posts(doc) == [(IVAN, post, "post.before_name")]


def test_a_compound_post_whose_second_half_is_in_the_genitive_keeps_it() -> None:
    """`заместитель губернатора – председателя правительства`: whose deputy he is."""
    doc = _doc(
        "Заместитель губернатора – председателя правительства области Иван Петров открыл "
        "совещание. Заместителем губернатора – министром финансов назначена Анна Смирнова.",
        _per(IVAN),
        _per(ANNA),
    )
    assert _posts(doc) == [
        (IVAN, "заместитель губернатора – председателя правительства области", "post.before_name"),
        (ANNA, "заместитель губернатора – министр финансов", "post.copula"),
    ]


def test_and_between_two_names_in_a_chain_goes_on() -> None:
    doc = _doc(
        "Слово взял министр по развитию Дальнего Востока и Арктики Иван Петров.",
        ("LOC", "Дальнего Востока", "Дальний Восток"),
        ("LOC", "Арктики", "Арктика"),
        _per(IVAN),
    )
    assert _posts(doc) == [
        (IVAN, "министр по развитию Дальнего Востока и Арктики", "post.before_name")
    ]


@pytest.mark.parametrize(
    ("text", "names", "rule"),
    [
        ("Губернатор Иван Петров провёл совещание.", [_per(IVAN)], "post.before_name"),
        ("Иван Петров, губернатор области, провёл совещание.", [_per(IVAN)], "post.after_name"),
        ("Иван Петров назначен министром финансов.", [_per(IVAN)], "post.copula"),
        ("Министром финансов назначен Иван Петров.", [_per(IVAN)], "post.copula"),
        (
            "Президент назначил Ивана Петрова министром финансов.",
            [_per("Ивана Петрова", IVAN)],
            "post.appointment",
        ),
        ("Иван Петров согласился занять пост министра.", [_per(IVAN)], "post.office"),
        (
            "Иван Петров – политик и лидер партии.",
            [_per(IVAN)],
            "post.second",
        ),
        (
            "Иван Петров, известный борец с коррупцией, член Общественной палаты, выступил.",
            [_per(IVAN)],
            "post.apposition",
        ),
        ("Иван Петров Президент фонда", [_per(IVAN)], "post.signature"),
    ],
)
def test_each_rule_is_named(text: str, names: list[tuple[str, str, str]], rule: str) -> None:
    rules = {p.rule for p in _doc(text, *names).positions}
    assert rule in rules


def test_stacked_posts_before_one_name_are_named_so() -> None:
    doc = _doc("Слово взял глава республики и председатель правительства Иван Петров.", _per(IVAN))
    assert _posts(doc) == [
        (IVAN, "глава республики", "post.stacked"),
        (IVAN, "председатель правительства", "post.before_name"),
    ]


def _only(doc: Doc) -> Position:
    (position,) = doc.positions
    return position


def test_a_post_without_a_name_is_the_sole_persons_by_its_own_rule() -> None:
    doc = _doc("Иван Петров открыл форум. Инициативу поддержал губернатор области.", _per(IVAN))
    position = _only(doc)
    assert (position.person.normal, position.rule) == (IVAN, "post.sole_person")


def test_list_items_may_have_posts_of_their_own() -> None:
    doc = _doc(
        "Бывший министр Иван Петров и ректор университета Анна Смирнова назначены "
        "советниками губернатора.",
        _per(IVAN),
        _per(ANNA),
    )
    assert [p for p in _posts(doc) if p[2] == "post.list"] == [
        (IVAN, "советник губернатора", "post.list"),
        (ANNA, "советник губернатора", "post.list"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Иван Петров провёл приём граждан. Потом он встретился с председателем совета дома.",
        "Иван Петров провёл приём граждан. Председатель совета дома рассказала о проблемах.",
    ],
)
def test_a_post_without_a_name_of_someone_the_person_met_is_not_theirs(text: str) -> None:
    assert _doc(text, _per(IVAN)).positions == []


def test_a_verb_of_holding_after_a_clause_set_off_by_commas() -> None:
    doc = _doc(
        "Иван Петров, ранее возглавлявший комитет по бюджету, назначен министром финансов.",
        _per(IVAN),
    )
    assert _posts(doc) == [(IVAN, "министр финансов", "post.copula")]


@pytest.mark.parametrize(
    ("second", "post"),
    [
        ("Он назначен на должность заместителя главы города.", "заместитель главы города"),
        ("Он назначен заместителем главы города.", "заместитель главы города"),
    ],
)
def test_a_pronoun_stands_for_the_person_the_sentence_before_names(second: str, post: str) -> None:
    doc = _doc(f"Иван Петров переведён на работу в администрацию города. {second}", _per(IVAN))
    assert _posts(doc) == [(IVAN, post, "post.pronoun")]


def test_a_pronoun_of_another_gender_stands_for_nobody() -> None:
    doc = _doc("Иван Петров вручил награды. Она назначена заместителем главы города.", _per(IVAN))
    assert doc.positions == []


def test_a_shorter_statement_takes_the_fuller_post_of_the_same_person() -> None:
    doc = _doc(
        "Губернатор Тульской области Иван Петров провёл совещание. Губернатор Петров "
        "поручил подготовить доклад.",
        ("LOC", "Тульской области", "Тульская область"),
        _per(IVAN),
        _per("Петров"),
    )
    full, short = doc.positions
    assert (short.position, short.position_text) == ("губернатор Тульской области", "Губернатор")
    assert (short.loc, short.where_source) == (full.loc, "inferred")


def test_a_former_or_ambiguous_fuller_post_is_not_taken() -> None:
    doc = _doc(
        "Бывший министр финансов Иван Петров выступил. Министр Петров ответил на вопросы.",
        _per(IVAN),
        _per("Петров"),
    )
    assert [p.position for p in doc.positions] == ["бывший министр финансов", "министр"]
    doc = _doc(
        "Министр финансов Иван Петров и министр энергетики Иван Петров выступили. "
        "Министр Петров ответил на вопросы.",
        _per(IVAN),
        _per(IVAN),
        _per("Петров"),
    )
    assert doc.positions[-1].position == "министр"


def test_a_bodys_short_name_in_brackets_is_in_the_post() -> None:
    doc = _doc(
        "Руководитель Федерального агентства лесного хозяйства (Рослесхоз) Иван Петров выступил.",
        (
            "ORG",
            "Федерального агентства лесного хозяйства",
            "Федеральное агентство лесного хозяйства",
        ),
        _per(IVAN),
    )
    assert _posts(doc) == [
        (
            IVAN,
            "руководитель Федерального агентства лесного хозяйства (Рослесхоз)",
            "post.before_name",
        )
    ]


def test_a_list_after_a_phrase_that_opens_it_belongs_to_both_plural_posts() -> None:
    doc = _doc(
        "Приехали известные писатели и поэты, среди которых – Иван Петров и Олег Орлов.",
        _per(IVAN),
        _per(OLEG),
    )
    assert sorted(_posts(doc)) == [
        (IVAN, "писатель", "post.list"),
        (IVAN, "поэт", "post.list"),
        (OLEG, "писатель", "post.list"),
        (OLEG, "поэт", "post.list"),
    ]


@pytest.mark.parametrize("profession", ["инженер", "волонтёр", "переводчица", "рэпер"])
def test_trades_and_professions_are_posts(profession: str) -> None:
    assert _posts(_doc(f"Выступил {profession} Иван Петров.", _per(IVAN))) == [
        (IVAN, profession, "post.before_name")
    ]


def test_a_generic_head_over_common_words_takes_the_persons_one_other_post() -> None:
    doc = _doc(
        "Министр иностранных дел России Иван Петров прибыл в Минск. Визит главы "
        "российского ведомства Ивана Петрова продлится два дня.",
        ("LOC", "России", "Россия"),
        _per(IVAN),
        ("LOC", "Минск", "Минск"),
        _per("Ивана Петрова", IVAN),
    )
    full, generic = doc.positions
    assert (generic.position, generic.title) == (full.position, full.title)
    assert generic.position_text == "главы российского ведомства"


def test_a_generic_head_with_a_named_body_or_two_other_posts_stays() -> None:
    doc = _doc(
        "Министр финансов Иван Петров и глава Росимущества Иван Петров выступили.",
        _per(IVAN),
        ("ORG", "Росимущества", "Росимущество"),
        _per(IVAN),
    )
    assert [p.position for p in doc.positions] == ["министр финансов", "глава Росимущества"]
    doc = _doc(
        "Министр финансов Иван Петров, ректор университета Иван Петров и глава ведомства "
        "Иван Петров выступили.",
        _per(IVAN),
        _per(IVAN),
        _per(IVAN),
    )
    assert doc.positions[-1].position == "глава ведомства"


@pytest.mark.parametrize(
    ("written", "name"),
    [("Император Акихито", "Акихито"), ("Папа Франциск", "Франциск")],
)
def test_a_person_tagged_with_the_post_before_it_is_the_person(written: str, name: str) -> None:
    doc = Doc("d", "d.txt", None, "txt", "x", text=f"Вчера {written} выступил с обращением.")
    segment(doc)
    lemmatize(doc)
    start = doc.text.index(written)
    doc.mentions = [Mention(start, start + len(written), "PER", written, 0)]
    drop_post_mentions(doc)
    assert [m.text for m in doc.mentions] == [name]


@pytest.mark.parametrize(
    "post",
    [
        "заместитель министра по борьбе с коррупцией",
        "начальник управления по контролю за оборотом наркотиков",
        "советник по связям с общественностью",
    ],
)
def test_a_po_phrase_takes_its_nouns_object(post: str) -> None:
    doc = _doc(f"Слово взял {post} Иван Петров.", _per(IVAN))
    assert _posts(doc) == [(IVAN, post, "post.before_name")]


def test_with_after_a_post_outside_a_po_phrase_ends_it() -> None:
    doc = _doc("Министр финансов с супругой Иван Петров прибыл.", _per(IVAN))
    assert doc.positions == []


def test_two_posts_joined_by_a_verb_of_holding_before_a_name_are_one_persons() -> None:
    doc = _doc(
        "Всё это время врио руководителя был сотрудник аппарата агентства Иван Петров.",
        _per(IVAN),
    )
    assert _posts(doc) == [
        (IVAN, "врио руководителя", "post.stacked"),
        (IVAN, "сотрудник аппарата агентства", "post.before_name"),
    ]


def test_an_age_between_post_and_name() -> None:
    doc = _doc("Выступил действующий президент 89-летний Иван Петров.", _per(IVAN))
    assert _posts(doc) == [(IVAN, "действующий президент", "post.before_name")]


def test_adjectives_between_a_verb_of_holding_and_the_post() -> None:
    doc = _doc("Иван Петров был профессиональным дипломатом.", _per(IVAN))
    assert _posts(doc) == [(IVAN, "дипломат", "post.copula")]


def test_an_office_held_by_the_name_after_its_verb() -> None:
    doc = _doc(
        "До Ивана Петрова пост генерального директора занимал Олег Орлов.",
        _per("Ивана Петрова", IVAN),
        _per(OLEG),
    )
    assert _posts(doc) == [(OLEG, "генеральный директор", "post.office")]


def test_a_post_after_a_name_with_a_post_before_it_ends_the_sentence() -> None:
    doc = _doc("Слово взял академик Иван Петров, языковед и литературовед.", _per(IVAN))
    assert _posts(doc) == [
        (IVAN, "академик", "post.before_name"),
        (IVAN, "языковед", "post.after_name"),
        (IVAN, "литературовед", "post.second"),
    ]


@pytest.mark.parametrize(
    ("written", "post"),
    [
        ("председатели профильных комитетов", "председатель профильного комитета"),
        ("главы районов", "глава района"),
        ("министры финансов", "министр финансов"),
    ],
)
def test_a_plural_posts_genitive_plural_is_each_ones(written: str, post: str) -> None:
    doc = _doc(f"Выступили {written} Иван Петров и Олег Орлов.", _per(IVAN), _per(OLEG))
    assert _posts(doc) == [(IVAN, post, "post.list"), (OLEG, post, "post.list")]


def test_a_pronoun_holds_each_post_its_sentence_gives_by_a_verb() -> None:
    doc = _doc(
        "Иван Петров выдвинут кандидатом. Сейчас он является депутатом парламента, "
        "также является членом бюджетного комитета.",
        _per(IVAN),
    )
    assert [(p.position, p.rule) for p in doc.positions] == [
        ("депутат парламента", "post.pronoun"),
        ("член бюджетного комитета", "post.pronoun"),
    ]
