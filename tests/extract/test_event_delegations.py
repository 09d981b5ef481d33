"""Who travels and who receives, told around the visit: the hosts greeting the guests
in a sentence of their own, the members of a delegation named in a later sentence, its
head named by `во главе с`, the release's own district. Releases of several sentences,
parsed by hand as in test_event_referents.py."""

from __future__ import annotations

from test_event_referents import ANIM_M, NEWS, PAST_M, extract, release

from gov_extract.extract.events import referents
from gov_extract.records import Event, Mention

INAN_F = "Animacy=Inan|Case=Nom|Gender=Fem|Number=Sing"
PAST_PL = "Aspect=Perf|Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin|Voice=Act"

# «Делегация Тулы посетила Орёл.»
DELEGATION_VISITS = [
    ("Делегация", "делегация", "NOUN", 2, "nsubj", INAN_F),
    ("Тулы", "тула", "PROPN", 0, "nmod", "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"),
    ("посетила", "посетить", "VERB", 2, "ROOT", PAST_M.replace("Masc", "Fem")),
    ("Орёл", "орёл", "PROPN", 2, "obj", "Animacy=Inan|Case=Acc|Gender=Masc|Number=Sing"),
    (".", ".", "PUNCT", 2, "punct", ""),
]
DELEGATION_NAMES = {(1, 1, 1): ("LOC", "Тула"), (1, 3, 3): ("LOC", "Орёл")}
# «В состав делегации также вошли Петров и Сидоров.»
MEMBERS = [
    ("В", "в", "ADP", 1, "case", ""),
    ("состав", "состав", "NOUN", 4, "obl", "Animacy=Inan|Case=Acc|Gender=Masc|Number=Sing"),
    ("делегации", "делегация", "NOUN", 1, "nmod", "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"),
    ("также", "также", "ADV", 4, "advmod", ""),
    ("вошли", "войти", "VERB", 4, "ROOT", PAST_PL),
    ("Петров", "петров", "PROPN", 4, "nsubj", ANIM_M),
    ("и", "и", "CCONJ", 7, "cc", ""),
    ("Сидоров", "сидоров", "PROPN", 5, "conj", ANIM_M),
    (".", ".", "PUNCT", 4, "punct", ""),
]


def _sides(event: Event) -> set[tuple[str, str]]:
    return {(p.role, p.name) for p in event.participants}


def test_members_named_after_the_visit_are_its_visitors() -> None:
    names = {**DELEGATION_NAMES, (2, 5, 5): ("PER", "Петров"), (2, 7, 7): ("PER", "Сидоров")}
    [visit] = extract(*release(NEWS, DELEGATION_VISITS, MEMBERS, names=names)).events
    assert _sides(visit) == {
        ("visitor", "Тула"),
        ("destination", "Орёл"),
        ("visitor", "Петров"),
        ("visitor", "Сидоров"),
    }


def test_members_of_a_delegation_no_visit_was_told_of_are_no_event() -> None:
    names = {(1, 5, 5): ("PER", "Петров"), (1, 7, 7): ("PER", "Сидоров")}
    assert extract(*release(NEWS, MEMBERS, names=names)).events == []


def test_an_agreement_after_the_members_has_the_visit_s_sides() -> None:
    """`Планируется подписать соглашение` after the members: the sides are the visit's
    (the delegation's region and the place visited), not the members just listed."""
    sign = [
        ("Планируется", "планироваться", "VERB", 0, "ROOT", ""),
        ("подписать", "подписать", "VERB", 0, "csubj", "Aspect=Perf|VerbForm=Inf|Voice=Act"),
        ("соглашение", "соглашение", "NOUN", 1, "obj", "Animacy=Inan|Case=Acc|Number=Sing"),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]
    names = {**DELEGATION_NAMES, (2, 5, 5): ("PER", "Петров"), (2, 7, 7): ("PER", "Сидоров")}
    doc = extract(*release(NEWS, DELEGATION_VISITS, MEMBERS, sign, names=names))
    [agreement] = [e for e in doc.events if e.type == "agreement"]
    assert _sides(agreement) == {("party", "Тула"), ("party", "Орёл")}


def test_a_delegation_s_head_is_a_visitor_however_the_parser_hangs_во_главе() -> None:
    """«Начался визит делегации Тулы во главе с Петровым.» with `во главе` hung on
    `делегации` as its preposition: Тула and Петров travel, Тула is no destination."""
    rows = [
        ("Начался", "начаться", "VERB", 0, "ROOT", PAST_M),
        ("визит", "визит", "NOUN", 0, "nsubj", "Animacy=Inan|Case=Nom|Gender=Masc|Number=Sing"),
        (
            "делегации",
            "делегация",
            "NOUN",
            1,
            "nmod",
            "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing",
        ),
        ("Тулы", "тула", "PROPN", 2, "nmod", "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"),
        ("во", "в", "ADP", 2, "case", ""),
        ("главе", "глава", "NOUN", 4, "fixed", ""),
        ("с", "с", "ADP", 7, "case", ""),
        ("Петровым", "петров", "PROPN", 4, "obl", "Animacy=Anim|Case=Ins|Gender=Masc|Number=Sing"),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]
    names = {(1, 3, 3): ("LOC", "Тула"), (1, 7, 7): ("PER", "Петров")}
    [visit] = extract(*release(NEWS, rows, names=names)).events
    assert _sides(visit) == {("visitor", "Тула"), ("visitor", "Петров")}


def test_hosts_greeting_the_guests_with_a_verb_tagged_as_an_adverb() -> None:
    """`Встречали гостей Петров и депутаты.`: the tagger may call a plural past verb
    opening a sentence an adverb; its greeters still host the visit told before, and
    `гостей` are its visitors, not a group of their own."""
    greeted = [
        ("Встречали", "встречать", "ADV", 0, "ROOT", ""),
        ("гостей", "гость", "NOUN", 0, "obj", "Animacy=Anim|Case=Gen|Gender=Masc|Number=Plur"),
        ("Петров", "петров", "PROPN", 0, "nsubj", ANIM_M),
        ("и", "и", "CCONJ", 4, "cc", ""),
        ("депутаты", "депутат", "NOUN", 2, "conj", "Animacy=Anim|Case=Nom|Gender=Masc|Number=Plur"),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]
    names = {**DELEGATION_NAMES, (2, 2, 2): ("PER", "Петров")}
    [visit] = extract(*release(NEWS, DELEGATION_VISITS, greeted, names=names)).events
    assert _sides(visit) == {
        ("visitor", "Тула"),
        ("destination", "Орёл"),
        ("host", "Петров"),
        ("host", "депутаты"),
    }


def test_our_district_is_the_district_the_release_names_in_full() -> None:
    """`наш район` after a headline where the NER model took `РАЙОНА` alone: the district
    named in full (`Заречный район`)."""
    doc, _ = release(NEWS, NEWS, names={})
    doc.mentions = [
        Mention(0, 6, "LOC", "РАЙОНА", 0, "РАЙОНА"),
        Mention(20, 34, "LOC", "Заречного района", 1, "Заречный район"),
    ]
    found = referents.own_territory(doc, "район")
    assert found is not None and found.normal == "Заречный район"


def _sitting(adjective: tuple[str, str], body: tuple[str, str]) -> list[tuple[str, ...]]:
    """«Состоялось заседание <adjective> <body> России и Армении.»"""
    return [
        ("Состоялось", "состояться", "VERB", 0, "ROOT", PAST_M.replace("Masc", "Neut")),
        ("заседание", "заседание", "NOUN", 0, "nsubj", "Animacy=Inan|Case=Nom|Number=Sing"),
        (adjective[0], adjective[1], "ADJ", 3, "amod", "Case=Gen|Degree=Pos|Number=Sing"),
        (body[0], body[1], "NOUN", 1, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        ("России", "россия", "PROPN", 3, "nmod", "Animacy=Inan|Case=Gen|Number=Sing"),
        ("и", "и", "CCONJ", 6, "cc", ""),
        ("Армении", "армения", "PROPN", 4, "conj", "Animacy=Inan|Case=Gen|Number=Sing"),
        (".", ".", "PUNCT", 0, "punct", ""),
    ]


def test_a_sitting_of_a_body_the_ner_model_left_unnamed() -> None:
    """`заседание межправительственной комиссии России и Армении`: the body, named by
    its phrase with the countries in it, takes part; the sitting is an event."""
    rows = _sitting(("межправительственной", "межправительственный"), ("комиссии", "комиссия"))
    [meeting] = extract(*release(NEWS, rows, names={})).events
    [(role, type, name)] = [(p.role, p.type, p.name) for p in meeting.participants]
    assert (role, type) == ("participant", "ORG")
    assert name.lower().startswith("межправительственн") and name.endswith("Армении")


def test_an_adjective_of_the_sitting_names_no_body() -> None:
    """`заседание выездной коллегии …`: which sitting, not which body; with no body
    named, no event (as `совет` alone would be none)."""
    rows = _sitting(("выездной", "выездной"), ("коллегии", "коллегия"))
    assert extract(*release(NEWS, rows, names={})).events == []
