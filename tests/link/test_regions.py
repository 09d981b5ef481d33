"""Where places, bodies, posts and events are: names read through their lemmas, the
order of a body's places, and ambiguous names settled by the release or left open."""

import pytest

from gov_extract.link.entities import link, read_names
from gov_extract.link.regions import LOCAL, annotate, gazetteer, places_in, region_name
from gov_extract.records import Doc, Entity, Event, Mention, Participant, Position, Sentence, Where

TULA = frozenset({("RU-TUL", "RU")})


def _one(name: str, type: str = "LOC") -> tuple[str | None, str] | None:
    found = places_in(name, type)
    assert len(found) <= 1, (name, found)
    return next(iter(found), None)


@pytest.mark.parametrize(
    ("name", "type", "expected"),
    [
        # Official names, in any case form.
        ("Тульская область", "LOC", ("RU-TUL", "RU")),
        ("Республика Татарстан", "LOC", ("RU-TA", "RU")),
        ("Ханты-Мансийский автономный округ — Югра", "LOC", ("RU-KHM", "RU")),
        # Short and colloquial forms.
        ("Ленобласть", "LOC", ("RU-LEN", "RU")),
        ("Кузбасс", "LOC", ("RU-KEM", "RU")),
        ("Приангарье", "LOC", ("RU-IRK", "RU")),
        ("Ставрополье", "LOC", ("RU-STA", "RU")),
        ("Югра", "LOC", ("RU-KHM", "RU")),
        ("Подмосковье", "LOC", ("RU-MOS", "RU")),
        # Capitals and towns.
        ("Тула", "LOC", ("RU-TUL", "RU")),
        ("Нижний Новгород", "LOC", ("RU-NIZ", "RU")),
        ("Ростов-на-Дону", "LOC", ("RU-ROS", "RU")),
        ("Набережные Челны", "LOC", ("RU-TA", "RU")),
        ("Новокузнецк", "LOC", ("RU-KEM", "RU")),
        # Federal districts.
        ("ЦФО", "LOC", ("RU-FD-CEN", "RU")),
        ("Сибирский федеральный округ", "LOC", ("RU-FD-SIB", "RU")),
        # Countries, their places abroad.
        ("Россия", "LOC", (None, "RU")),
        ("КНР", "LOC", (None, "CN")),
        ("Хэйлунцзян", "LOC", (None, "CN")),
        ("Минская область", "LOC", (None, "BY")),
        # Bodies: the place their name holds, in whatever case.
        ("Правительство Тульской области", "ORG", ("RU-TUL", "RU")),
        ("мэрия Новосибирска", "ORG", ("RU-NVS", "RU")),
        ("Администрация города Нижнего Новгорода", "ORG", ("RU-NIZ", "RU")),
        ("Правительство ХМАО-Югры", "ORG", ("RU-KHM", "RU")),
        ("Тульская городская Дума", "ORG", ("RU-TUL", "RU")),
        ("Крымский федеральный университет", "ORG", ("RU-P-CR", "RU")),
        ("Министерство иностранных дел Китайской Народной Республики", "ORG", (None, "CN")),
    ],
)
def test_each_kind_of_name(name: str, type: str, expected: tuple[str | None, str]) -> None:
    assert _one(name, type) == expected


def test_a_body_is_where_its_first_place_is_or_a_place_inside_its_country() -> None:
    assert _one("Посольство России в Китае", "ORG") == (None, "RU")
    assert _one("Генеральное консульство Китая в Хабаровске", "ORG") == (None, "CN")
    assert _one("Управление МВД России по Тульской области", "ORG") == ("RU-TUL", "RU")


def test_a_quoted_name_counts_when_the_words_around_it_name_no_place() -> None:
    assert _one("АО «Тульский завод точных приборов»", "ORG") == ("RU-TUL", "RU")
    assert _one("Фонд развития Тульской области «Содействие»", "ORG") == ("RU-TUL", "RU")


def test_a_national_body_that_names_no_place_is_russias() -> None:
    assert _one("Федеральная служба по надзору в сфере образования", "ORG") == (None, "RU")
    assert _one("Минпромторг", "ORG") == (None, "RU")
    assert _one("Управление Росреестра", "ORG") == (None, "RU")
    # A place named in it comes first.
    assert _one("Федеральное министерство экономики Германии", "ORG") == (None, "DE")
    assert _one("Управление Росреестра по Тульской области", "ORG") == ("RU-TUL", "RU")
    assert _one("Министерство культуры", "ORG") is None
    assert _one("Ростов", "ORG") == ("RU-ROS", "RU")


def test_what_says_nothing_of_where_it_is() -> None:
    # An adjective before a district, a street or a station names a place elsewhere:
    # the name is local, in whichever subject the release is about.
    assert places_in("Кировский район", "LOC") == LOCAL
    assert places_in("Московский проспект", "LOC") == LOCAL
    assert places_in("Казанский вокзал", "ORG") == LOCAL
    assert places_in("района", "LOC") == frozenset()
    # A town named for a person, in a body's name, only after a word for a town.
    assert _one("Дом-музей Чехова", "ORG") is None
    assert _one("Администрация города Чехова", "ORG") == ("RU-MOS", "RU")
    # A town whose name is an adjective is that adjective in its own gender only.
    assert _one("Октябрьская железная дорога", "ORG") is None
    assert _one("Администрация города Октябрьского", "ORG") == ("RU-BA", "RU")
    assert _one("Грозная сила", "ORG") is None
    # A common word is no town: `шахта` is not `Шахты`; lowercase is no name.
    assert _one("Шахта Южная", "ORG") is None
    assert _one("бор", "LOC") is None


def test_an_ambiguous_name_has_both_readings() -> None:
    assert places_in("Троицк", "LOC") == {("RU-MOW", "RU"), ("RU-CHE", "RU")}
    assert places_in("Алтай", "LOC") == {("RU-AL", "RU"), ("RU-ALT", "RU")}


def _doc(doc_id: str, *mentions: tuple[str, str], sentences: int = 1) -> Doc:
    doc = Doc(doc_id, f"{doc_id}.txt", None, "txt", "x")
    doc.sentences = [Sentence(i, i + 1) for i in range(sentences)]
    doc.mentions = [
        Mention(i, i + 1, type, normal, min(i, sentences - 1), normal=normal)
        for i, (type, normal) in enumerate(mentions)
    ]
    read_names(doc)
    return doc


def _where(entities, name: str) -> Where:
    return next(e.where for e in entities if e.name == name)


def test_the_release_settles_an_ambiguous_name_by_its_other_places() -> None:
    chelyabinsk = _doc("a", ("LOC", "Троицк"), ("LOC", "Челябинская область"), sentences=2)
    entities = link([chelyabinsk])
    annotate(entities, [chelyabinsk])
    assert _where(entities, "Троицк") == Where("RU-CHE", "RU", "context")
    assert _where(entities, "Челябинская область") == Where("RU-CHE", "RU", "name")


def test_the_release_settles_an_ambiguous_name_by_its_own_territory() -> None:
    # Both readings are named; the release's first sentence names Moscow.
    doc = _doc(
        "a", ("LOC", "Москва"), ("LOC", "Троицк"), ("LOC", "Челябинская область"), sentences=3
    )
    entities = link([doc])
    annotate(entities, [doc])
    assert _where(entities, "Троицк") == Where("RU-MOW", "RU", "publisher")


def test_an_ambiguous_name_nothing_settles_keeps_only_its_country() -> None:
    doc = _doc("a", ("LOC", "Троицк"))
    entities = link([doc])
    annotate(entities, [doc])
    assert _where(entities, "Троицк") == Where(None, "RU", "name")


def test_releases_that_disagree_leave_the_entity_open_and_each_row_its_own() -> None:
    moscow = _doc("a", ("LOC", "Москва"), ("LOC", "Троицк"), sentences=2)
    chelyabinsk = _doc("b", ("LOC", "Челябинск"), ("LOC", "Троицк"), sentences=2)
    for doc in (moscow, chelyabinsk):
        troitsk = doc.mentions[1]
        doc.events = [
            Event("visit", "посетил", 0, 1, 1, "", "asserted", "042", "visit", location=troitsk)
        ]
    entities = link([moscow, chelyabinsk])
    annotate(entities, [moscow, chelyabinsk])
    assert _where(entities, "Троицк") == Where(None, "RU", "name")
    assert moscow.events[0].where.region == "RU-MOW"
    assert chelyabinsk.events[0].where.region == "RU-CHE"


def _release(*sentences: list[str | tuple[str, str]]) -> Doc:
    """A release of the sentences given, each of text and (type, name) mentions whose
    surface is their name."""
    doc = Doc("a", "a.txt", None, "txt", "x")
    text = ""
    for index, parts in enumerate(sentences):
        start = len(text)
        for part in parts:
            if isinstance(part, tuple):
                type, name = part
                doc.mentions.append(
                    Mention(len(text), len(text) + len(name), type, name, index, normal=name)
                )
                part = name
            text += part
        doc.sentences.append(Sentence(start, len(text)))
        text += " "
    doc.text = text
    read_names(doc)
    return doc


def _linked(doc: Doc) -> list[Entity]:
    entities = link([doc])
    annotate(entities, [doc])
    return entities


def _local_where(doc: Doc) -> Where:
    return next(e.where for e in _linked(doc) if places_in(e.name, e.type) == LOCAL)


def test_a_local_name_is_in_the_subject_named_right_after_it() -> None:
    doc = _release(
        ["Делегация ", ("LOC", "Тулы"), " посетила ", ("LOC", "Кировский район"), " ",
         ("LOC", "Калужской области"), "."],
    )  # fmt: skip
    assert _local_where(doc) == Where("RU-KLU", "RU", "context")
    chain = _release(
        [("LOC", "Тула"), " и ", ("LOC", "Заречный район"), " ", ("LOC", "Центральный округ"),
         " г. ", ("LOC", "Калуги"), "."],
    )  # fmt: skip
    assert _local_where(chain) == Where("RU-KLU", "RU", "context")


def test_a_local_name_is_in_the_one_subject_named_before_it() -> None:
    doc = _release(
        [("ORG", "Правительство Тульской области"), " сообщило."],
        ["В ", ("LOC", "Туле"), " прошла встреча."],
        ["В ", ("LOC", "Кировском районе"), " открыли школу."],
    )  # fmt: skip
    assert _local_where(doc) == Where("RU-TUL", "RU", "context")


def test_a_local_name_is_left_open_where_the_release_does_not_settle_it() -> None:
    # Named before any subject.
    first = _release([("LOC", "Советский район"), " и ", ("LOC", "Тула"), "."])
    assert _local_where(first) == Where()
    # Beside another subject earlier in its own sentence: perhaps the partner's.
    partner = _release(
        [("LOC", "Тульская область"), " и ", ("LOC", "Советский район"), " подписали."]
    )
    assert _local_where(partner) == Where()
    # Two subjects in the release.
    two = _release(
        [("LOC", "Тула"), " и ", ("LOC", "Калуга"), "."], ["В ", ("LOC", "Советском районе"), "."]
    )
    assert _local_where(two) == Where()
    # A release about a local place it does not place.
    unknown = _release(
        [("LOC", "Урочищенский район"), " сообщает."], ["В ", ("LOC", "Туле"), " встреча."],
        ["Глава ", ("ORG", "администрации Нагорного района"), " выступил."],
    )  # fmt: skip
    assert all(not e.where for e in _linked(unknown) if places_in(e.name, e.type) == LOCAL)
    # A place abroad: only the subject right after it says where it is.
    abroad = _release([("LOC", "Тула"), " и ", ("LOC", "Минск"), "."],
                      [("LOC", "Заводской район"), "."])  # fmt: skip
    assert _local_where(abroad) == Where()


def _person(doc: Doc, name: str) -> Mention:
    mention = Mention(90, 91, "PER", name, 0, normal=name)
    doc.mentions.append(mention)
    read_names(doc)
    return mention


def test_posts_and_visits_take_their_places() -> None:
    doc = _doc("a", ("ORG", "Правительство Тульской области"), ("LOC", "Казань"), sentences=2)
    governor = _person(doc, "Иван Петров")
    body, kazan = doc.mentions[0], doc.mentions[1]
    doc.positions = [
        Position(governor, "губернатор", "губернатор", "губернатор", 0, 1, body, None, 0, 0, 1)
    ]
    doc.events = [
        Event(
            "visit", "посетил", 0, 1, 1, "", "asserted", "042", "visit",
            participants=[
                Participant("visitor", "PER", 90, 91, governor),
                Participant("destination", "LOC", 1, 2, kazan),
            ],
        ),
        Event(
            "visit", "посетила", 0, 1, 1, "", "asserted", "042", "visit",
            participants=[Participant("visitor", "ORG", 0, 1, body)],
            location_name="Тула",
        ),
        Event("meeting", "встретился", 0, 1, 1, "", "asserted", "040", "meeting"),
    ]  # fmt: skip
    entities = link([doc])
    annotate(entities, [doc])
    assert doc.positions[0].where == Where("RU-TUL", "RU", "name")
    trip, delegation, meeting = doc.events
    assert (trip.where.region, trip.origin.region) == ("RU-TA", "RU-TUL")
    assert (delegation.where.region, delegation.origin.region) == ("RU-TUL", "RU-TUL")
    assert not meeting.where and not meeting.origin
    assert next(e for e in entities if e.type == "PER").where == Where()


def test_region_names() -> None:
    assert region_name("RU-TUL") == "Тульская область"
    assert region_name("RU-FD-SIB") == "Сибирский федеральный округ"
    assert len([c for c in gazetteer().names if not c.startswith("RU-FD-")]) == 89
