"""Participants a sentence does not name (`Затем посетил …`, `Она встретилась …`,
`Губернатор осмотрел …`), resolved at the level of the release, and one event per real
event once the same person is the doer of several. Releases of several sentences,
parsed by hand, with morphology, as in test_event_rules.py."""

from __future__ import annotations

from datetime import date, datetime

from spacy.tokens import Doc as SpacyDoc
from test_event_rules import VOCAB, lay_out, parsed

from gov_extract.extract.events import referents
from gov_extract.extract.events.extractor import EventExtractor
from gov_extract.extract.events.matching import Triggers
from gov_extract.extract.events.merging import merge
from gov_extract.nlp.annotate import drop_pronouns
from gov_extract.records import Doc, Event, Mention, Participant, Position, Sentence

PAST_M = "Aspect=Perf|Gender=Masc|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin|Voice=Act"
PAST_F = "Aspect=Perf|Gender=Fem|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin|Voice=Act"
FUT_1PL = "Aspect=Perf|Mood=Ind|Number=Plur|Person=1|Tense=Fut|VerbForm=Fin|Voice=Act"
ANIM_M = "Animacy=Anim|Case=Nom|Gender=Masc|Number=Sing"
ANIM_F = "Animacy=Anim|Case=Nom|Gender=Fem|Number=Sing"

Row = tuple[str, str, str, int, str, str]  # word, lemma, POS, head, dep, morph

# «Олег Смирнов и Анна Белова»: a headline naming a man, then a woman.
HEADLINE = [
    ("Олег", "олег", "PROPN", 0, "ROOT", ANIM_M),
    ("Смирнов", "смирнов", "PROPN", 0, "flat:name", ANIM_M),
    ("и", "и", "CCONJ", 3, "cc", ""),
    ("Анна", "анна", "PROPN", 0, "conj", ANIM_F),
    ("Белова", "белова", "PROPN", 3, "flat:name", ANIM_F),
]
# «Новости района»: a headline with neither person nor event.
NEWS = [("Новости", "новость", "NOUN", 0, "ROOT", ""), ("района", "район", "NOUN", 0, "nmod", "")]
# «Затем посетил больницу.»
NO_SUBJECT = [
    ("Затем", "затем", "ADV", 1, "advmod", ""),
    ("посетил", "посетить", "VERB", 1, "ROOT", PAST_M),
    ("больницу", "больница", "NOUN", 1, "obj", "Animacy=Inan|Case=Acc|Gender=Fem|Number=Sing"),
    (".", ".", "PUNCT", 1, "punct", ""),
]
# «Она встретилась с ветеранами.»
SHE_MET = [
    ("Она", "она", "PRON", 1, "nsubj", "Case=Nom|Gender=Fem|Number=Sing|Person=3"),
    ("встретилась", "встретиться", "VERB", 1, "ROOT", PAST_F),
    ("с", "с", "ADP", 3, "case", ""),
    ("ветеранами", "ветеран", "NOUN", 1, "obl", "Animacy=Anim|Case=Ins|Gender=Masc|Number=Plur"),
    (".", ".", "PUNCT", 1, "punct", ""),
]
# «Посетим завод.» — first person: the release's protagonist is not the doer.
WE_VISIT = [
    ("Посетим", "посетить", "VERB", 0, "ROOT", FUT_1PL),
    ("завод", "завод", "NOUN", 0, "obj", "Animacy=Inan|Case=Acc|Gender=Masc|Number=Sing"),
    (".", ".", "PUNCT", 0, "punct", ""),
]
# «Смирнов посетил Тулу.»
VISIT_TULA = [
    ("Смирнов", "смирнов", "PROPN", 1, "nsubj", ANIM_M),
    ("посетил", "посетить", "VERB", 1, "ROOT", PAST_M),
    ("Тулу", "тула", "PROPN", 1, "obj", "Animacy=Inan|Case=Acc|Gender=Fem|Number=Sing"),
    (".", ".", "PUNCT", 1, "punct", ""),
]
# «Губернатор посетил Тулу.» — the post without a name, the release has stated it.
GOVERNOR_VISITS = [
    ("Губернатор", "губернатор", "NOUN", 1, "nsubj", ANIM_M),
    *VISIT_TULA[1:],
]
# «Губернатор посетил Орёл.»
GOVERNOR_VISITS_OREL = [
    *GOVERNOR_VISITS[:2],
    ("Орёл", "орёл", "PROPN", 1, "obj", "Animacy=Inan|Case=Acc|Gender=Masc|Number=Sing"),
    (".", ".", "PUNCT", 1, "punct", ""),
]


def release(
    *sentences: list[Row], names: dict[tuple[int, int, int], tuple[str, str]]
) -> tuple[Doc, dict[int, SpacyDoc]]:
    """A release of the given sentences, one per line; `names` maps (sentence, first
    token, last token) to (type, normal form). Returns the record and each sentence's
    hand-made parse by its start offset."""
    tokens_of, text, parses = [], "", {}
    for rows in sentences:
        start = len(text)
        tokens, line = lay_out(rows, start)
        text += line + "\n"
        tokens_of.append(tokens)
        parses[start] = parsed(rows)
    mentions = [
        Mention(
            tokens_of[s][a].start,
            tokens_of[s][b].stop,
            type,
            text[tokens_of[s][a].start : tokens_of[s][b].stop],
            s,
            normal,
        )
        for (s, a, b), (type, normal) in names.items()
    ]
    sents = [Sentence(t[0].start, t[-1].stop, t) for t in tokens_of]
    doc = Doc(
        "d",
        "d.txt",
        None,
        "txt",
        "",
        text=text,
        published_at=datetime(2024, 3, 5),
        sentences=sents,
        mentions=mentions,
    )
    return doc, parses


def extract(doc: Doc, parses: dict[int, SpacyDoc]) -> Doc:
    extractor = EventExtractor.__new__(EventExtractor)
    extractor.parser = lambda sentences: [parses[s.start] for s in sentences]
    extractor.triggers = Triggers(VOCAB)
    extractor([doc])
    return doc


def headline_with_two_people(*body: list[Row]) -> tuple[Doc, dict[int, SpacyDoc]]:
    return release(
        HEADLINE,
        *body,
        names={(0, 0, 1): ("PER", "Олег Смирнов"), (0, 3, 4): ("PER", "Анна Белова")},
    )


def test_a_clause_without_a_subject_is_the_protagonists() -> None:
    doc = extract(*headline_with_two_people(NO_SUBJECT))
    [event] = doc.events
    assert [(p.role, p.name, p.via) for p in event.participants if p.type == "PER"] == [
        ("visitor", "Олег Смирнов", "implicit")
    ]


def test_a_pronoun_is_the_nearest_person_of_its_gender() -> None:
    """`Она` after a headline whose first person is a man: the woman it names."""
    doc = extract(*headline_with_two_people(SHE_MET))
    [event] = doc.events
    people = [(p.name, p.via) for p in event.participants if p.type == "PER"]
    assert people == [("Анна Белова", "pronoun")]
    assert [(p.name, p.via) for p in event.participants if p.type == "GROUP"] == [
        ("ветераны", "group")
    ]


def test_a_first_person_clause_has_no_implicit_doer() -> None:
    doc = extract(*headline_with_two_people(WE_VISIT))
    assert doc.events == []


def test_a_bare_post_is_the_person_the_release_gave_it() -> None:
    doc, parses = release(
        NEWS,
        VISIT_TULA,
        GOVERNOR_VISITS_OREL,
        names={
            (1, 0, 0): ("PER", "Смирнов"),
            (1, 2, 2): ("LOC", "Тула"),
            (2, 2, 2): ("LOC", "Орёл"),
        },
    )
    doc.post_holders = {doc.sentences[2].tokens[0].start: doc.mentions[0]}
    extract(doc, parses)
    assert [[(p.name, p.via) for p in e.participants if p.type == "PER"] for e in doc.events] == [
        [("Смирнов", "name")],
        [("Смирнов", "post")],
    ]


def test_the_same_doer_visiting_another_place_is_another_event() -> None:
    """`Смирнов посетил Тулу. Затем посетил больницу.`: two visits, not one with two
    hosts; the same visit told again (`Губернатор посетил Тулу`) is the first."""
    doc, parses = release(
        HEADLINE,
        VISIT_TULA,
        NO_SUBJECT,
        GOVERNOR_VISITS,
        names={
            (0, 0, 1): ("PER", "Олег Смирнов"),
            (1, 0, 0): ("PER", "Смирнов"),
            (1, 2, 2): ("LOC", "Тула"),
            (2, 2, 2): ("ORG", "больница"),
            (3, 2, 2): ("LOC", "Тула"),
        },
    )
    doc.post_holders = {doc.sentences[3].tokens[0].start: doc.mentions[1]}
    extract(doc, parses)
    assert len(doc.events) == 2
    first, second = doc.events
    assert {p.name for p in first.participants} == {"Смирнов", "Тула"}
    assert {p.name for p in second.participants} == {"Олег Смирнов", "больница"}
    assert [p.via for p in second.participants if p.type == "PER"] == ["implicit"]


def test_a_capitalised_pronoun_is_no_named_entity() -> None:
    doc = Doc("d", "d.txt", None, "txt", "", text="Он и Она. Олег")
    doc.mentions = [
        Mention(0, 2, "PER", "Он", 0),
        Mention(5, 8, "PER", "Она", 0),
        Mention(10, 14, "PER", "Олег", 1),
    ]
    drop_pronouns(doc)
    assert [m.text for m in doc.mentions] == ["Олег"]


# «Делегация во главе с Петровым посетила Тулу.»
DELEGATION = [
    ("Делегация", "делегация", "NOUN", 5, "nsubj", "Animacy=Inan|Case=Nom|Gender=Fem|Number=Sing"),
    ("во", "в", "ADP", 0, "case", ""),
    ("главе", "глава", "NOUN", 1, "fixed", ""),
    ("с", "с", "ADP", 4, "case", ""),
    ("Петровым", "петров", "PROPN", 1, "obl", ANIM_M),
    ("посетила", "посетить", "VERB", 5, "ROOT", PAST_F),
    ("Тулу", "тула", "PROPN", 5, "obj", "Animacy=Inan|Case=Acc|Gender=Fem|Number=Sing"),
    (".", ".", "PUNCT", 5, "punct", ""),
]
# «Смирнов посетил новый завод.»
PLANT = [
    ("Смирнов", "смирнов", "PROPN", 1, "nsubj", ANIM_M),
    ("посетил", "посетить", "VERB", 1, "ROOT", PAST_M),
    ("новый", "новый", "ADJ", 3, "amod", "Case=Acc|Gender=Masc|Number=Sing"),
    ("завод", "завод", "NOUN", 1, "obj", "Animacy=Inan|Case=Acc|Gender=Masc|Number=Sing"),
    (".", ".", "PUNCT", 1, "punct", ""),
]


def test_the_head_of_a_delegation_travels_with_it() -> None:
    doc = extract(
        *release(DELEGATION, names={(0, 4, 4): ("PER", "Петров"), (0, 6, 6): ("LOC", "Тула")})
    )
    [event] = doc.events
    assert sorted((p.role, p.name) for p in event.participants) == [
        ("destination", "Тула"),
        ("visitor", "Петров"),
    ]


def test_a_visited_site_without_a_name_is_the_host() -> None:
    doc = extract(*release(PLANT, names={(0, 0, 0): ("PER", "Смирнов")}))
    [event] = doc.events
    assert [
        (p.role, p.type, p.name, p.mention) for p in event.participants if p.role == "host"
    ] == [("host", "ORG", "новый завод", None)]


# «Прибыла делегация: министр Белова, депутат Смирнов.»
LISTED = [
    ("Прибыла", "прибыть", "VERB", 0, "ROOT", PAST_F),
    ("делегация", "делегация", "NOUN", 0, "nsubj", "Animacy=Inan|Case=Nom|Gender=Fem|Number=Sing"),
    (":", ":", "PUNCT", 3, "punct", ""),
    ("министр", "министр", "NOUN", 1, "parataxis", ANIM_M),
    ("Белова", "белова", "PROPN", 3, "appos", ANIM_F),
    (",", ",", "PUNCT", 6, "punct", ""),
    ("депутат", "депутат", "NOUN", 3, "conj", ANIM_M),
    ("Смирнов", "смирнов", "PROPN", 6, "appos", ANIM_M),
    (".", ".", "PUNCT", 0, "punct", ""),
]


def test_a_delegation_listed_after_a_colon_is_its_members() -> None:
    doc = extract(
        *release(LISTED, names={(0, 4, 4): ("PER", "Белова"), (0, 7, 7): ("PER", "Смирнов")})
    )
    [event] = doc.events
    assert sorted((p.role, p.name) for p in event.participants) == [
        ("visitor", "Белова"),
        ("visitor", "Смирнов"),
    ]


# «Смирнов встретился с министром.»
MEETS_MINISTER = [
    ("Смирнов", "смирнов", "PROPN", 1, "nsubj", ANIM_M),
    ("встретился", "встретиться", "VERB", 1, "ROOT", PAST_M),
    ("с", "с", "ADP", 3, "case", ""),
    ("министром", "министр", "NOUN", 1, "obl", "Animacy=Anim|Case=Ins|Gender=Masc|Number=Sing"),
    (".", ".", "PUNCT", 1, "punct", ""),
]
# «С коллегами встретились.»
WITH_COLLEAGUES = [
    ("С", "с", "ADP", 1, "case", ""),
    ("коллегами", "коллега", "NOUN", 2, "obl", "Animacy=Anim|Case=Ins|Gender=Masc|Number=Plur"),
    (
        "встретились",
        "встретиться",
        "VERB",
        2,
        "ROOT",
        "Aspect=Perf|Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin|Voice=Mid",
    ),
    (".", ".", "PUNCT", 2, "punct", ""),
]


def test_a_surname_the_ner_missed_is_the_person_named_in_full() -> None:
    doc = extract(*headline_with_two_people(VISIT_TULA))
    [event] = doc.events
    assert [(p.name, p.via) for p in event.participants if p.type == "PER"] == [
        ("Олег Смирнов", "name")
    ]


def test_a_post_as_subject_is_the_protagonist_when_nobody_else_holds_it() -> None:
    doc = extract(*headline_with_two_people(GOVERNOR_VISITS))
    [event] = doc.events
    assert [(p.name, p.via) for p in event.participants if p.type == "PER"] == [
        ("Олег Смирнов", "post")
    ]


def test_a_post_as_object_is_nobody_the_release_names() -> None:
    """`встретился с министром`: a minister the release never names, not its protagonist."""
    doc, parses = release(
        HEADLINE,
        MEETS_MINISTER,
        names={
            (0, 0, 1): ("PER", "Олег Смирнов"),
            (0, 3, 4): ("PER", "Анна Белова"),
            (1, 0, 0): ("PER", "Смирнов"),
        },
    )
    extract(doc, parses)
    assert [[p.name for p in e.participants] for e in doc.events] == [["Смирнов"]]


def test_colleagues_with_nobody_named_before_are_a_group() -> None:
    doc = extract(*headline_with_two_people(WITH_COLLEAGUES))
    [event] = doc.events
    assert sorted((p.role, p.type, p.name) for p in event.participants) == [
        ("participant", "GROUP", "коллеги"),
        ("participant", "PER", "Олег Смирнов"),
    ]


def test_a_protagonist_needs_a_first_name_somewhere_in_the_release() -> None:
    """A single capitalised word in a headline (a site's name taken for a surname) is
    nobody's protagonist; a headline surname the release names in full is."""
    news, parses = release(NEWS, NO_SUBJECT, names={(0, 0, 0): ("PER", "Новости")})
    assert extract(news, parses).events == []
    surname = [("Смирнов", "смирнов", "PROPN", 0, "ROOT", ANIM_M)]
    doc, parses = release(
        surname,
        HEADLINE,
        NO_SUBJECT,
        names={(0, 0, 0): ("PER", "Смирнов"), (1, 0, 1): ("PER", "Олег Смирнов")},
    )
    extract(doc, parses)
    assert [p.name for e in doc.events for p in e.participants if p.via == "implicit"] == [
        "Олег Смирнов"
    ]


def _event(sent_idx: int, *sides: tuple[str, str]) -> Event:
    return Event(
        "agreement", "подписали", 0, 1, sent_idx, "", "asserted", "057", "agreement.sign",
        participants=[Participant("party", type, 0, 1, Mention(0, 1, type, name, 0, name), name) for type, name in sides],
    )  # fmt: skip


def test_a_body_named_again_more_fully_is_the_same_side() -> None:
    """`Росатом и правительство края подписали …`, then `подписано соглашение между
    Госкорпорацией «Росатом» и …`: one agreement; a body named by a common word alone is
    no evidence (`Правительство` of another region)."""
    same = merge([_event(1, ("ORG", "Росатом")), _event(2, ("ORG", "Госкорпорация «Росатом»"))])
    assert len(same) == 1
    other = merge([_event(1, ("ORG", "правительство")), _event(2, ("ORG", "правительство края"))])
    assert len(other) == 2
    short = ("ORG", "правительство Чукотского АО")
    full = ("ORG", "правительство Чукотского автономного округа")
    assert len(merge([_event(1, short), _event(2, full)])) == 1
    assert len(merge([_event(1, ("ORG", "правительство Чукотского ГО")), _event(2, full)])) == 2


def test_a_body_named_after_a_place_is_not_that_place() -> None:
    """`с Тульской областью`, then `с рабочей группой … Тульской области`: two sides."""
    body = ("ORG", "рабочая группа Тульской области")
    assert len(merge([_event(1, ("LOC", "Тульская область")), _event(2, body)])) == 2


# «Тула встретила делегацию из Орла.»
TULA_RECEIVES = [
    ("Тула", "тула", "PROPN", 1, "nsubj", "Animacy=Inan|Case=Nom|Gender=Fem|Number=Sing"),
    ("встретила", "встретить", "VERB", 1, "ROOT", PAST_F),
    ("делегацию", "делегация", "NOUN", 1, "obj", "Animacy=Inan|Case=Acc|Gender=Fem|Number=Sing"),
    ("из", "из", "ADP", 4, "case", ""),
    ("Орла", "орёл", "PROPN", 2, "nmod", "Animacy=Inan|Case=Gen|Gender=Masc|Number=Sing"),
    (".", ".", "PUNCT", 1, "punct", ""),
]


def test_a_territory_receiving_guests_is_their_destination_not_a_host() -> None:
    doc = extract(
        *release(TULA_RECEIVES, names={(0, 0, 0): ("LOC", "Тула"), (0, 4, 4): ("LOC", "Орёл")})
    )
    visits = [e for e in doc.events if e.type == "visit"]
    assert [sorted((p.role, p.name) for p in e.participants) for e in visits] == [
        [("destination", "Тула"), ("visitor", "Орёл")]
    ]


def test_a_bare_delegation_names_nobody() -> None:
    """`Прибыла делегация в Тулу.`: the destination, and no GROUP `делегация`."""
    rows = [
        *LISTED[:2],
        ("в", "в", "ADP", 3, "case", ""),
        ("Тулу", "тула", "PROPN", 0, "obl", "Animacy=Inan|Case=Acc|Gender=Fem|Number=Sing"),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]
    [event] = extract(*release(rows, names={(0, 3, 3): ("LOC", "Тула")})).events
    assert [(p.role, p.name) for p in event.participants] == [("destination", "Тула")]


def test_a_side_named_again_in_another_role_keeps_its_first() -> None:
    first = _event(1, ("LOC", "Тула"))
    later = _event(2, ("LOC", "Тула"))
    later.participants[0].role = "destination"
    [event] = merge([first, later])
    assert [(p.role, p.name) for p in event.participants] == [("party", "Тула")]


PAST_PL = "Aspect=Perf|Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin|Voice=Mid"
# «Смирнов и Белова провели встречу.»
TWO_MEET = [
    ("Смирнов", "смирнов", "PROPN", 3, "nsubj", ANIM_M),
    ("и", "и", "CCONJ", 2, "cc", ""),
    ("Белова", "белова", "PROPN", 0, "conj", ANIM_F),
    ("провели", "провести", "VERB", 3, "ROOT", PAST_PL),
    ("встречу", "встреча", "NOUN", 3, "obj", "Animacy=Inan|Case=Acc|Gender=Fem|Number=Sing"),
    (".", ".", "PUNCT", 3, "punct", ""),
]
TWO_NAMES = {(0, 0, 0): ("PER", "Олег Смирнов"), (0, 2, 2): ("PER", "Анна Белова")}


def _agreed(subject: tuple[str, str, str, int, str, str]) -> list[list[tuple[str, str, str]]]:
    """`Смирнов и Белова провели встречу.`, four sentences of nothing, then `<subject>
    договорились.`: the agreements' signatories."""
    agreed = [
        subject,
        ("договорились", "договориться", "VERB", 1, "ROOT", PAST_PL),
        (".", ".", "PUNCT", 1, "punct", ""),
    ]
    doc = extract(*release(TWO_MEET, NEWS, NEWS, NEWS, NEWS, agreed, names=TWO_NAMES))
    return [
        sorted((p.role, p.name, p.via) for p in e.participants)
        for e in doc.events
        if e.type == "agreement"
    ]


def test_a_plural_post_as_doer_is_the_people_of_the_event_before() -> None:
    heads = (
        "Руководители",
        "руководитель",
        "NOUN",
        1,
        "nsubj",
        "Animacy=Anim|Case=Nom|Gender=Masc|Number=Plur",
    )
    assert _agreed(heads) == [
        [("signatory", "Анна Белова", "implicit"), ("signatory", "Олег Смирнов", "implicit")]
    ]


def test_we_of_a_quoted_speaker_are_the_sides_named_before() -> None:
    we = ("Мы", "мы", "PRON", 1, "nsubj", "Case=Nom|Number=Plur|Person=1")
    assert _agreed(we) == [
        [("signatory", "Анна Белова", "implicit"), ("signatory", "Олег Смирнов", "implicit")]
    ]


def test_our_district_is_the_district_the_release_names() -> None:
    district = [
        ("Магдагачинский", "магдагачинский", "ADJ", 1, "amod", ""),
        ("район", "район", "NOUN", 1, "ROOT", ""),
    ]
    ours = [
        ("В", "в", "ADP", 2, "case", ""),
        ("нашем", "наш", "DET", 2, "det", ""),
        ("районе", "район", "NOUN", 3, "obl", "Animacy=Inan|Case=Loc|Gender=Masc|Number=Sing"),
        ("побывал", "побывать", "VERB", 3, "ROOT", PAST_M),
        ("губернатор", "губернатор", "NOUN", 3, "nsubj", ANIM_M),
        (".", ".", "PUNCT", 3, "punct", ""),
    ]
    doc = extract(*release(district, ours, names={(0, 0, 1): ("LOC", "Магдагачинский район")}))
    [event] = doc.events
    assert [(p.role, p.name, p.via) for p in event.participants] == [
        ("destination", "Магдагачинский район", "pronoun")
    ]


def test_a_signing_that_names_no_side_is_signed_by_the_sides_of_the_talks() -> None:
    """`Смирнов и Белова провели встречу. … Подписано соглашение.`"""
    signed = [
        (
            "Подписано",
            "подписать",
            "VERB",
            0,
            "ROOT",
            "Aspect=Perf|Gender=Neut|Number=Sing|Tense=Past|Variant=Short|VerbForm=Part|Voice=Pass",
        ),
        (
            "соглашение",
            "соглашение",
            "NOUN",
            0,
            "nsubj:pass",
            "Animacy=Inan|Case=Nom|Gender=Neut|Number=Sing",
        ),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]
    doc = extract(*release(TWO_MEET, NEWS, signed, names=TWO_NAMES))
    agreements = [
        sorted((p.role, p.name, p.via) for p in e.participants)
        for e in doc.events
        if e.type == "agreement"
    ]
    assert agreements == [
        [("signatory", "Анна Белова", "implicit"), ("signatory", "Олег Смирнов", "implicit")]
    ]


def test_who_joined_the_talks_joins_the_event_told_with_that_word() -> None:
    """`Смирнов и Белова провели встречу. Иванов встретился с Петровым. Во встрече
    участвовал Сидоров.`: Сидоров joins the `встреча`, not the nearest meeting."""
    met = [
        ("Иванов", "иванов", "PROPN", 1, "nsubj", ANIM_M),
        ("встретился", "встретиться", "VERB", 1, "ROOT", PAST_M),
        ("с", "с", "ADP", 3, "case", ""),
        ("Петровым", "петров", "PROPN", 1, "obl", ANIM_M),
        (".", ".", "PUNCT", 1, "punct", ""),
    ]
    joined = [
        ("Во", "в", "ADP", 1, "case", ""),
        ("встрече", "встреча", "NOUN", 2, "obl", "Animacy=Inan|Case=Loc|Gender=Fem|Number=Sing"),
        ("участвовал", "участвовать", "VERB", 2, "ROOT", PAST_M),
        ("Сидоров", "сидоров", "PROPN", 2, "nsubj", ANIM_M),
        (".", ".", "PUNCT", 2, "punct", ""),
    ]
    names = {
        **TWO_NAMES,
        (1, 0, 0): ("PER", "Иванов"),
        (1, 3, 3): ("PER", "Петров"),
        (2, 3, 3): ("PER", "Сидоров"),
    }
    doc = extract(*release(TWO_MEET, met, joined, names=names))
    assert [sorted(p.name for p in e.participants) for e in doc.events] == [
        ["Анна Белова", "Олег Смирнов", "Сидоров"],
        ["Иванов", "Петров"],
    ]


def test_a_month_and_a_day_in_it_can_be_one_event() -> None:
    """`в апреле` then `15 апреля`: one signing, dated by the day."""
    first, later = _event(1, ("ORG", "Росатом")), _event(2, ("ORG", "Росатом"))
    first.date, first.date_source, first.date_precision = date(2024, 4, 1), "text", "month"
    later.date, later.date_source, later.date_precision = date(2024, 4, 15), "text", "day"
    [event] = merge([first, later])
    assert (event.date, event.date_precision) == (date(2024, 4, 15), "day")
    may = _event(2, ("ORG", "Росатом"))
    may.date, may.date_source, may.date_precision = date(2024, 5, 15), "text", "day"
    april = _event(1, ("ORG", "Росатом"))
    april.date, april.date_source, april.date_precision = date(2024, 4, 1), "text", "month"
    assert len(merge([april, may])) == 2


def test_the_one_leading_a_delegation_travels_with_it() -> None:
    """`Прибыла делегация, возглавляемая Петровым.` (`leading` in models/events.toml)."""
    rows = [
        *LISTED[:2],
        (",", ",", "PUNCT", 3, "punct", ""),
        (
            "возглавляемая",
            "возглавлять",
            "VERB",
            1,
            "acl",
            "Case=Nom|Gender=Fem|Number=Sing|Tense=Pres|VerbForm=Part|Voice=Pass",
        ),
        ("Петровым", "петров", "PROPN", 3, "obl:agent", ANIM_M),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]
    [event] = extract(*release(rows, names={(0, 4, 4): ("PER", "Петров")})).events
    assert [(p.role, p.name) for p in event.participants] == [("visitor", "Петров")]


def test_people_of_a_named_body_are_that_body_not_the_sides_before() -> None:
    """`Представители Правительства Москвы договорились …` after a meeting of two:
    the body, not the two people."""
    agreed = [
        (
            "Представители",
            "представитель",
            "NOUN",
            2,
            "nsubj",
            "Animacy=Anim|Case=Nom|Gender=Masc|Number=Plur",
        ),
        ("Москвы", "москва", "PROPN", 0, "nmod", "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"),
        ("договорились", "договориться", "VERB", 2, "ROOT", PAST_PL),
        (".", ".", "PUNCT", 2, "punct", ""),
    ]
    names = {**TWO_NAMES, (1, 1, 1): ("ORG", "Москва")}
    doc = extract(*release(TWO_MEET, agreed, names=names))
    agreements = [
        [(p.role, p.name) for p in e.participants] for e in doc.events if e.type == "agreement"
    ]
    assert agreements == [[("party", "Москва")]]


def test_who_greeted_the_visitor_hosts_the_visit_told_before() -> None:
    """`Смирнов посетил Тулу. Смирнова встретил Петров.`: one visit, Петров its host
    (`receives = true` in models/events.toml)."""
    greeted = [
        ("Смирнова", "смирнов", "PROPN", 1, "obj", "Animacy=Anim|Case=Acc|Gender=Masc|Number=Sing"),
        ("встретил", "встретить", "VERB", 1, "ROOT", PAST_M),
        ("Петров", "петров", "PROPN", 1, "nsubj", ANIM_M),
        (".", ".", "PUNCT", 1, "punct", ""),
    ]
    names = {
        (1, 0, 0): ("PER", "Смирнов"),
        (1, 2, 2): ("LOC", "Тула"),
        (2, 0, 0): ("PER", "Смирнов"),
        (2, 2, 2): ("PER", "Петров"),
    }
    doc = extract(*release(NEWS, VISIT_TULA, greeted, names=names))
    assert [sorted((p.role, p.name) for p in e.participants) for e in doc.events] == [
        [("destination", "Тула"), ("host", "Петров"), ("visitor", "Смирнов")]
    ]


def test_who_met_the_guests_hosts_the_visit_just_told() -> None:
    """`Смирнов посетил Тулу. Гостей встречал Петров.`: one visit, Петров its host."""
    met = [
        ("Гостей", "гость", "NOUN", 1, "obj", "Animacy=Anim|Case=Acc|Gender=Masc|Number=Plur"),
        ("встречал", "встречать", "VERB", 1, "ROOT", PAST_M),
        ("Петров", "петров", "PROPN", 1, "nsubj", ANIM_M),
        (".", ".", "PUNCT", 1, "punct", ""),
    ]
    names = {
        (1, 0, 0): ("PER", "Смирнов"),
        (1, 2, 2): ("LOC", "Тула"),
        (2, 2, 2): ("PER", "Петров"),
    }
    [visit] = extract(*release(NEWS, VISIT_TULA, met, names=names)).events
    assert {(p.role, p.name) for p in visit.participants} >= {
        ("visitor", "Смирнов"),
        ("host", "Петров"),
    }


# «Смирнов встретился с главой Армении Петровым.» The post stated of a country.
MET_HEAD_OF_ARMENIA = [
    *MEETS_MINISTER[:3],
    ("главой", "глава", "NOUN", 1, "obl", "Animacy=Anim|Case=Ins|Gender=Masc|Number=Sing"),
    ("Армении", "армения", "PROPN", 3, "nmod", "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"),
    ("Петровым", "петров", "PROPN", 3, "appos", "Animacy=Anim|Case=Ins|Gender=Masc|Number=Sing"),
    (".", ".", "PUNCT", 1, "punct", ""),
]


def test_a_bare_post_of_another_country_is_not_the_holder_stated() -> None:
    """`главой Молдавии` after `главой Армении Петровым`: someone else; `главой
    Армении` again is Петров."""
    doc, _ = release(
        NEWS,
        MET_HEAD_OF_ARMENIA,
        names={(1, 4, 4): ("LOC", "Армения"), (1, 5, 5): ("PER", "Петров")},
    )
    armenia, petrov = doc.mentions
    tokens = doc.sentences[1].tokens
    doc.positions = [
        Position(
            petrov, "глава Армении", "глава", "главой Армении", tokens[3].start, tokens[4].stop,
            None, armenia, 1, tokens[3].start, tokens[5].stop, head="глава", where_source="stated",
        )
    ]  # fmt: skip
    moldova = Mention(0, 0, "LOC", "Молдавии", 2, "Молдавия")
    after = len(doc.text)
    assert referents.post_holder(doc, None, "глава", after, False, whose=moldova) is None
    assert referents.post_holder(doc, None, "глава", after, False, whose=armenia) is petrov
    assert referents.post_holder(doc, None, "глава", after, False) is petrov


# «Запланированы встречи с Петровым.» A clause telling only whom the talks are with.
MEETINGS_PLANNED = [
    ("Запланированы", "запланировать", "VERB", 0, "ROOT", "Aspect=Perf|Number=Plur|VerbForm=Part|Voice=Pass"),
    ("встречи", "встреча", "NOUN", 0, "nsubj:pass", "Animacy=Inan|Case=Nom|Gender=Fem|Number=Plur"),
    ("с", "с", "ADP", 3, "case", ""),
    ("Петровым", "петров", "PROPN", 1, "nmod", ANIM_M),
    (".", ".", "PUNCT", 0, "punct", ""),
]  # fmt: skip


def test_talks_of_a_trip_with_no_doer_have_its_visitor_as_the_other_side() -> None:
    """`Смирнов посетил Тулу. Запланированы встречи с Петровым.`: Смирнов meets Петров."""
    doc = extract(
        *release(
            NEWS,
            VISIT_TULA,
            MEETINGS_PLANNED,
            names={
                (1, 0, 0): ("PER", "Смирнов"),
                (1, 2, 2): ("LOC", "Тула"),
                (2, 3, 3): ("PER", "Петров"),
            },
        )
    )
    [meeting] = [e for e in doc.events if e.type == "meeting"]
    assert {(p.name, p.via) for p in meeting.participants} == {
        ("Петров", "name"),
        ("Смирнов", "implicit"),
    }


def test_a_person_named_only_in_a_hashtag_is_the_protagonist() -> None:
    """`Затем посетил больницу.` in a post whose only name is `#ОлегСмирнов` below it."""
    tags = [("#ОлегСмирнов", "#олегсмирнов", "X", 0, "ROOT", "")]
    [event] = extract(*release(NEWS, NO_SUBJECT, tags, names={})).events
    assert [(p.name, p.via) for p in event.participants if p.type == "PER"] == [
        ("Олег Смирнов", "implicit")
    ]
