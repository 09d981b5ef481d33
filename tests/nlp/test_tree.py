"""Dependency heads are a tree: the decoder on score matrices written here, the parser
on sentences written here, and every sentence of a part of ../shared/corpora."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from conftest import shared_path
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from natasha import NewsSyntaxParser
from razdel import tokenize
from spacy.tokens import Doc as SpacyDoc

from gov_extract.nlp.annotate import segment
from gov_extract.nlp.cnn import accelerate
from gov_extract.nlp.embedding import news_embedding, news_tagger
from gov_extract.nlp.syntax import Parser
from gov_extract.nlp.tree import decode, is_tree, max_arborescence, repair
from gov_extract.records import Doc, Sentence, Token

LOW = -10.0  # an arc no tree here should take


def _scores(n: int, arcs: dict[int, int], high: float = 5.0) -> np.ndarray:
    """(n, n + 1) scores where token t's best head is arcs[t] (0: the root)."""
    scores = np.full((n, n + 1), LOW)
    for token, head in arcs.items():
        scores[token - 1, head] = high
    return scores


def _decode(scores: np.ndarray) -> list[int]:
    """`decode` on a batch of one sentence."""
    return decode(scores[None], np.array([len(scores)]))[0].tolist()


def _total(scores: np.ndarray, heads: np.ndarray | list[int]) -> float:
    return float(scores[np.arange(len(heads)), heads].sum())


def test_is_tree() -> None:
    assert is_tree([2, 0, 2])
    assert is_tree([0])
    assert not is_tree([2, 1, 0])  # 1 ↔ 2 never reach the root
    assert not is_tree([0, 0, 2])  # two roots
    assert not is_tree([1, 0])  # token 1 heads itself
    assert not is_tree([0, 3])  # head out of range
    assert not is_tree([2, 1])  # no root at all


def test_cycle_of_the_argmax_is_broken_at_its_cheapest_arc() -> None:
    # 1 → 2 → 3 → 1 by argmax, 4 under the root; 2 has a fair second choice, 4.
    scores = _scores(4, {1: 2, 2: 3, 3: 1, 4: 0})
    scores[1, 4] = 4.0
    assert not is_tree(scores.argmax(-1).tolist())
    assert _decode(scores) == [2, 4, 1, 0]


def test_several_roots_become_one() -> None:
    # Tokens 1 and 3 both prefer the root; 3 would rather be under 1 than 1 under 3.
    scores = _scores(3, {1: 0, 2: 1, 3: 0})
    scores[2, 1] = 4.0
    scores[0, 3] = 1.0
    assert scores.argmax(-1).tolist() == [0, 1, 0]
    assert _decode(scores) == [0, 1, 1]


def test_token_never_heads_itself() -> None:
    scores = _scores(2, {1: 1, 2: 0})
    scores[0, 2] = 0.0
    assert _decode(scores) == [2, 0]


def test_a_tree_by_argmax_is_kept() -> None:
    # A non-projective tree: decoding does not prefer projective ones.
    scores = _scores(4, {1: 3, 2: 0, 3: 2, 4: 1})
    assert _decode(scores) == [3, 0, 2, 1]
    assert max_arborescence(scores).tolist() == [3, 0, 2, 1]


def test_a_batch_is_decoded_sentence_by_sentence_without_its_padding() -> None:
    cycle = _scores(4, {1: 2, 2: 1, 3: 0, 4: 3})
    two_roots = _scores(2, {1: 0, 2: 0})
    two_roots[1, 1] = 1.0
    batch = np.full((2, 4, 5), 100.0)  # padding outscores every real arc
    batch[0] = cycle
    batch[1, :2, :3] = two_roots
    heads = decode(batch, np.array([4, 2]))
    assert heads.tolist() == [_decode(cycle), [*_decode(two_roots), 0, 0]]
    assert is_tree(heads[0].tolist()) and _decode(two_roots) == [0, 1]


def test_the_shape_of_the_scores_is_checked() -> None:
    with pytest.raises(ValueError):
        max_arborescence(np.zeros((3, 3)))
    assert max_arborescence(np.zeros((0, 1))).tolist() == []


def _best_total(scores: np.ndarray) -> float:
    n = len(scores)
    return max(
        _total(scores, list(heads))
        for heads in itertools.product(range(n + 1), repeat=n)
        if is_tree(heads)
    )


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda n: arrays(np.float64, (n, n + 1), elements=st.floats(-20, 20, width=32))
    )
)
def test_decoding_finds_the_best_tree(scores: np.ndarray) -> None:
    heads = _decode(scores)
    assert is_tree(heads)
    assert _total(scores, heads) == pytest.approx(_best_total(scores), abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 8).flatmap(lambda n: st.lists(st.integers(-1, n + 1), min_size=n, max_size=n))
)
def test_repair_gives_a_tree_and_keeps_trees(heads: list[int]) -> None:
    repaired = repair(heads)
    assert is_tree(repaired)
    if is_tree(heads):
        assert repaired == heads


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 8).flatmap(lambda n: st.lists(st.integers(0, n), min_size=n, max_size=n)))
def test_argmax_heads_are_kept_exactly_when_they_are_a_tree(heads: list[int]) -> None:
    scores = np.zeros((len(heads), len(heads) + 1))
    scores[np.arange(len(heads)), heads] = 1.0
    assert (_decode(scores) == heads) == is_tree(heads)


def test_repair_keeps_the_arcs_outside_the_cycle() -> None:
    # 1 ↔ 2, 3 the root, 4 under 3: one arc of the cycle goes, token 2 to its
    # nearest head.
    assert repair([2, 1, 0, 3]) == [2, 3, 0, 3]


# Sentences written for these tests, on which Natasha's greedy heads make a cycle or
# leave no root (checked in test_parser_gives_trees_where_natasha_does_not).
NOT_TREES_BY_ARGMAX = [
    "Министр — о планах; губернатор — о бюджете; мэр — о дорогах.",
    "Делегация во главе с послом прибыла в город для переговоров о поставках зерна, удобрений и техники.",
    "Новости. Главная. Контакты. Поиск.",
    "Москва, 5 мая — РИА Новости.",
]
TREES_BY_ARGMAX = [
    "Губернатор области провёл совещание с главами районов, на котором обсудили ремонт дорог.",
    "Президент России провёл телефонный разговор с Президентом Франции.",
    "Подписано соглашение между правительством области и компанией «Ромашка» о строительстве завода.",
]


@pytest.fixture(scope="module")
def parsers() -> tuple[Parser, NewsSyntaxParser]:
    """Our parser, and Natasha's with the same encoder but slovnet's own decoding."""
    embedding = news_embedding()
    natasha = news_tagger(NewsSyntaxParser, embedding)
    accelerate(natasha)
    return Parser(embedding), natasha


def _sentence(text: str) -> Sentence:
    """`text` as one sentence, whatever razdel's sentence splitter would make of it."""
    tokens = [Token(t.start, t.stop, t.text) for t in tokenize(text)]
    return Sentence(0, len(text), tokens)


def _sentences(text: str) -> list[Sentence]:
    doc = Doc("d", "d.txt", None, "txt", "x", text=text)
    segment(doc)
    return doc.sentences


def _assert_spacy_tree(doc: SpacyDoc) -> None:
    """spaCy's view: one token heads itself (the root), and every other token reaches
    it within len(doc) steps."""
    roots = [token for token in doc if token.head.i == token.i]
    assert len(roots) == 1 and roots[0].dep_ == "ROOT", doc.text
    for token in doc:
        steps = 0
        while token.head.i != token.i:
            token, steps = token.head, steps + 1
            assert steps <= len(doc), doc.text
    assert sum(1 for _ in roots[0].subtree) == len(doc)


def _natasha_heads(natasha: NewsSyntaxParser, sentences: list[Sentence]) -> list[list[int]]:
    words = [[token.text for token in sent.tokens] for sent in sentences]
    return [[int(token.head_id) for token in markup.tokens] for markup in natasha.map(words)]


def test_parser_gives_trees_where_natasha_does_not(
    parsers: tuple[Parser, NewsSyntaxParser],
) -> None:
    parser, natasha = parsers
    sentences = [_sentence(text) for text in NOT_TREES_BY_ARGMAX]
    assert not any(is_tree(heads) for heads in _natasha_heads(natasha, sentences))
    for doc in parser(sentences):
        _assert_spacy_tree(doc)


def test_parser_keeps_natasha_trees_and_relations(parsers: tuple[Parser, NewsSyntaxParser]) -> None:
    parser, natasha = parsers
    sentences = [_sentence(text) for text in TREES_BY_ARGMAX]
    words = [[token.text for token in sent.tokens] for sent in sentences]
    for doc, markup in zip(parser(sentences), natasha.map(words), strict=True):
        _assert_spacy_tree(doc)
        heads = [int(token.head_id) for token in markup.tokens]
        assert is_tree(heads)
        assert [token.head.i + 1 if token.dep_ != "ROOT" else 0 for token in doc] == heads
        assert [token.dep_ for token in doc] == [
            "ROOT" if token.head_id == "0" else token.rel for token in markup.tokens
        ]


def _corpus_sentences() -> list[Sentence]:
    """Every sentence of the real releases and of NEREL's dev texts: Natasha's argmax
    gives hundreds of non-trees, and all is parsed twice in well under a minute."""
    corpora = shared_path("corpora")
    paths = sorted((corpora / "real-releases" / "texts").glob("*.txt"))
    paths += sorted((corpora / "NEREL-v1.1" / "dev").glob("*.txt"))
    return [sent for path in paths for sent in _sentences(path.read_text(encoding="utf-8"))]


def test_no_corpus_sentence_has_a_cycle(parsers: tuple[Parser, NewsSyntaxParser]) -> None:
    parser, natasha = parsers
    sentences = _corpus_sentences()
    not_trees = sum(not is_tree(heads) for heads in _natasha_heads(natasha, sentences))
    assert not_trees >= 200  # the test would not show anything on trees alone
    for doc in parser(sentences):
        _assert_spacy_tree(doc)
