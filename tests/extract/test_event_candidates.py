"""Which sentences the event step parses, and the marks its patterns read: sentences
and patterns written for these tests."""

from gov_extract.extract.events.extractor import _may_match
from gov_extract.extract.events.frames import Frame, _needs
from gov_extract.extract.events.matching import _depths
from gov_extract.records import Sentence, Token


def _sentence(*words: tuple[str, str]) -> Sentence:
    """A sentence of (text, lemma) words, one space apart."""
    tokens, at = [], 0
    for text, lemma in words:
        tokens.append(Token(at, at + len(text), text, lemma))
        at += len(text) + 1
    return Sentence(0, at - 1, tokens)


def test_a_pattern_needs_the_lemmas_of_the_words_it_cannot_match_without() -> None:
    needs = _needs(
        [
            {"LEMMA": {"IN": ["подписать", "заключить"]}},
            {"LEMMA": {"IN": ["телефонный"]}, "OP": "?"},  # may be left out
            {"LEMMA": "договор"},
            {"LEMMA": {"NOT_IN": ["приказ"]}},  # any other word
            {"POS": "NOUN"},
            {"LEMMA": {"IN": ["сторона"]}, "OP": "+"},
            {"LEMMA": {"IN": ["отказ"]}, "OP": "!"},  # must not be there
        ]
    )
    assert needs == (
        frozenset({"подписать", "заключить"}),
        frozenset({"договор"}),
        frozenset({"сторона"}),
    )
    frame = Frame("f", "agreement", "057", (), (), (), needs=needs)
    assert frame.may_match({"заключить", "договор", "сторона", "новый"})
    assert not frame.may_match({"заключить", "сторона"})


def test_a_sentence_with_a_trigger_but_not_the_words_its_frames_need_is_not_parsed() -> None:
    signed = [("Министр", "министр"), ("подписал", "подписать")]
    assert _may_match(_sentence(*signed, ("договор", "договор")))
    # `подписать` starts only frames that need what was signed.
    assert not _may_match(_sentence(*signed, ("приказ", "приказ")))
    assert not _may_match(_sentence(("Министр", "министр"), ("выступил", "выступить")))


def test_depths_count_every_token_s_ancestors() -> None:
    # `Губернатор посетил город Тулы`: `Губернатор` and `город` hang on `посетил`, the
    # root; `Тулы` on `город`.
    assert _depths([1, 1, 1, 2]) == [1, 0, 1, 2]
    assert _depths([0]) == [0]
    assert _depths([]) == []
