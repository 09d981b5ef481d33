"""Event rules on sentences parsed by hand (words, heads, deps, lemmas, POS), as spaCy's
own tests build their Docs: the frames of models/events.toml, the path language and the
whole events step run without any Natasha model, so a rule's test needs no parser."""

from __future__ import annotations

from datetime import datetime

import pytest
from spacy.tokens import Doc as SpacyDoc
from spacy.vocab import Vocab

from gov_extract.extract.events.extractor import EventExtractor
from gov_extract.extract.events.matching import Triggers, path_start
from gov_extract.extract.events.paths import follow
from gov_extract.records import Doc, Mention, Sentence, Token

VOCAB = Vocab()

# «Иван Петров встретился с Сергеем Лавровым в Москве.»
MEETING = [
    # word, lemma, POS, head, dep
    ("Иван", "иван", "PROPN", 2, "nsubj"),
    ("Петров", "петров", "PROPN", 0, "flat:name"),
    ("встретился", "встретиться", "VERB", 2, "ROOT"),
    ("с", "с", "ADP", 4, "case"),
    ("Сергеем", "сергей", "PROPN", 2, "obl"),
    ("Лавровым", "лавров", "PROPN", 4, "flat:name"),
    ("в", "в", "ADP", 7, "case"),
    ("Москве", "москва", "PROPN", 2, "obl"),
    (".", ".", "PUNCT", 2, "punct"),
]
# «Губернатор посетил завод.» — the visitor named by a post only.
VISIT = [
    ("Губернатор", "губернатор", "NOUN", 1, "nsubj"),
    ("посетил", "посетить", "VERB", 1, "ROOT"),
    ("завод", "завод", "NOUN", 1, "obj"),
    (".", ".", "PUNCT", 1, "punct"),
]


Row = tuple[str, ...]  # word, lemma, POS, head, dep[, morphology]


def parsed(rows: list[Row]) -> SpacyDoc:
    """The tree written by hand; a row's sixth item, when given, is its morphology
    (`Tense=Fut|…`), which modality and some patterns read."""
    words, lemmas, pos, heads, deps = (list(c) for c in zip(*(r[:5] for r in rows), strict=True))
    morphs = [r[5] if len(r) > 5 else "" for r in rows]
    return SpacyDoc(
        VOCAB, words=words, lemmas=lemmas, pos=pos, heads=heads, deps=deps, morphs=morphs
    )


def lay_out(rows: list[Row], at: int = 0) -> tuple[list[Token], str]:
    """The rows' words as tokens from offset `at`, a space between words and none
    before a full stop or comma, and the text they make."""
    tokens: list[Token] = []
    for word, lemma, *_ in rows:
        at += bool(tokens) and word not in ".,"
        tokens.append(Token(at, at + len(word), word, lemma))
        at += len(word)
    text = "".join(
        ("" if not i or t.start == tokens[i - 1].stop else " ") + t.text for i, t in enumerate(tokens)
    )
    return tokens, text


def document(rows: list[Row], names: list[tuple[int, int, str, str]]) -> Doc:
    """The annotated record of one sentence: tokens at their offsets, and mentions
    (first token, last token, type, normal form) as NER and normalisation would give."""
    tokens, text = lay_out(rows)
    mentions = [
        Mention(tokens[first].start, tokens[last].stop, type, text[tokens[first].start : tokens[last].stop], 0, normal)
        for first, last, type, normal in names
    ]
    return Doc(
        "d", "d.txt", None, "txt", "", text=text, published_at=datetime(2024, 3, 5),
        sentences=[Sentence(0, len(text), tokens)], mentions=mentions,
    )  # fmt: skip


def by_hand(rows: list[Row]) -> EventExtractor:
    """The events step with its parser replaced by the tree written above."""
    extractor = EventExtractor.__new__(EventExtractor)
    extractor.parser = lambda sentences: [parsed(rows) for _ in sentences]
    extractor.triggers = Triggers(VOCAB)
    return extractor


def test_a_frame_matches_its_trigger_and_its_paths_reach_the_participants() -> None:
    sdoc = parsed(MEETING)
    [found] = Triggers(VOCAB)(sdoc)
    assert found.frame.name == "meeting.verb" and found.trigger == [2]
    reached = {
        index
        for arg in found.frame.args
        for index in follow(sdoc, path_start(found), arg.path, found.nodes, arg.head)
    }
    assert reached == {0, 4}


@pytest.mark.parametrize("path, expected", [(["nsubj"], [0]), (["obl:с"], [4]), (["obl:в"], [7]), (["obl:о"], [])])
def test_path_steps_follow_relation_and_preposition(path: list[str], expected: list[int]) -> None:
    assert follow(parsed(MEETING), 2, path, {}) == expected


def test_the_events_step_gives_the_meeting_its_participants_place_and_date() -> None:
    doc = document(MEETING, [(0, 1, "PER", "Иван Петров"), (4, 5, "PER", "Сергей Лавров"), (7, 7, "LOC", "Москва")])
    by_hand(MEETING)([doc])
    [event] = doc.events
    assert (event.type, event.modality, event.rule) == ("meeting", "asserted", "meeting.verb")
    assert sorted(p.name for p in event.participants) == ["Иван Петров", "Сергей Лавров"]
    assert {p.role for p in event.participants} == {"participant"}
    assert event.location_name == "Москва" or (event.location and event.location.normal == "Москва")
    assert event.date == datetime(2024, 3, 5).date() and event.date_source == "published"


def test_a_post_without_a_name_is_its_holder() -> None:
    doc = document(VISIT, [])  # the NER step has dropped the post-only mention
    holder = Mention(100, 111, "PER", "Олег Иванов", 0, "Олег Иванов")
    doc.post_holders = {doc.sentences[0].tokens[0].start: holder}
    by_hand(VISIT)([doc])
    [event] = doc.events
    assert event.type == "visit"
    assert [(p.role, p.name) for p in event.participants if p.type == "PER"] == [("visitor", "Олег Иванов")]
