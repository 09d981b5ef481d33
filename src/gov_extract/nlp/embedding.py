"""Natasha's news embedding (navec), and its taggers over it, loaded as they are used.

navec's loader also computes, for `Navec.sim`, every word's norm and a table of
products of centroids: 26 MB and 0.16 s in every process that loads it. Natasha's
NER, morphology and syntax models read only the codes and indexes, and every worker
loads the embedding when it starts.

Each tagger's pack holds its own copy of navec's 250 002 words (the model's word ids
index navec's vectors, so the lists are the same): slovnet reads and indexes it once
per tagger, 0.09 s and a 250 000-entry dict each. `news_tagger` gives the tagger
navec's own list and index instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

from natasha.data import NEWS_EMBEDDING
from navec import Navec
from navec.meta import Meta
from navec.navec import META, PQ_, VOCAB
from navec.pq import PQ
from navec.tar import Tar
from navec.vocab import Vocab
from slovnet.const import WORD
from slovnet.exec.pack import Pack
from slovnet.shape import word_shape
from slovnet.vocab import Vocab as SlovnetVocab

from gov_extract.nlp.morph import WORDS_CACHED

Tagger = TypeVar("Tagger")


class _Codes(PQ):
    def precompute(self) -> None:
        """Nothing: the norms and products serve similarity queries, which nothing
        here makes."""


def news_embedding() -> Navec:
    """What `natasha.NewsEmbedding()` loads, from the same file, without the tables
    for similarity."""
    with Tar(NEWS_EMBEDDING) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        vocab = Vocab.from_file(tar.load(VOCAB))
        pq = _Codes.from_file(tar.load(PQ_))
    return Navec(meta, vocab, pq)


def news_tagger(tagger_type: type[Tagger], navec: Navec) -> Tagger:
    """`tagger_type(navec)` (NewsNERTagger, NewsMorphTagger, NewsSyntaxParser) with
    navec's words as its word vocabulary."""
    with _words_of(navec.vocab):
        return tagger_type(navec)  # type: ignore[call-arg]


class WordIds:
    """slovnet's encoding of a tagger's input (`WordShapeInferEncoder.item`): each
    word's vocabulary id and shape id, found once per word, as releases repeat their
    words."""

    def __init__(self, encoder: Any) -> None:
        self.encoder = encoder
        self.one = lru_cache(maxsize=WORDS_CACHED)(self._one)

    def __call__(self, words: Sequence[str]) -> tuple[list[int], list[int]]:
        ids = [self.one(word) for word in words]
        return [word_id for word_id, _ in ids], [shape_id for _, shape_id in ids]

    def _one(self, word: str) -> tuple[int, int]:
        words, shapes = self.encoder.words_vocab, self.encoder.shapes_vocab
        return words.encode(word.lower()), shapes.encode(word_shape(word))


@contextmanager
def _words_of(vocab: Vocab) -> Iterator[None]:
    """slovnet's packs load their vocabularies through `Pack.load_vocab`, with no way
    to pass one in: for the loading of one tagger, its word vocabulary is navec's."""
    words = SlovnetVocab.__new__(SlovnetVocab)
    words.items, words.item_ids = vocab.words, vocab.word_ids
    words.unk_id, words.pad_id = vocab.unk_id, vocab.pad_id
    load_vocab = Pack.load_vocab

    def load(pack: Pack, id: str) -> SlovnetVocab:
        return words if id == WORD else load_vocab(pack, id)

    Pack.load_vocab = load
    try:
        yield
    finally:
        Pack.load_vocab = load_vocab
