"""Natasha's news embedding (navec), loaded as its taggers use it.

navec's loader also computes, for `Navec.sim`, every word's norm and a table of
products of centroids: 26 MB and 0.16 s in every process that loads it. Natasha's
NER, morphology and syntax models read only the codes and indexes, and every worker
loads the embedding when it starts.
"""

from __future__ import annotations

from natasha.data import NEWS_EMBEDDING
from navec import Navec
from navec.meta import Meta
from navec.navec import META, PQ_, VOCAB
from navec.pq import PQ
from navec.tar import Tar
from navec.vocab import Vocab


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
