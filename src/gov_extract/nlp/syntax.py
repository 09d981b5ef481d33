"""Natasha's morphology and syntax for the sentences that need them, as spaCy Docs.

Parsing is the costliest stage, so only sentences with a candidate event trigger
are parsed. Each becomes a spaCy `Doc` over our razdel tokens, carrying pymorphy3
lemmas, Natasha's part of speech, features and dependency tree, so that event
rules can be spaCy `Matcher` / `DependencyMatcher` patterns.

Every Doc's heads are a tree (`tree`): slovnet's greedy head choice can make cycles,
on which spaCy's subtree and ancestor walks never end.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from slovnet.chop import chop
from slovnet.conll import parse_conll_tag
from slovnet.exec.mask import split_masked
from spacy.tokens import Doc as SpacyDoc
from spacy.vocab import Vocab

from gov_extract.nlp.cnn import accelerate
from gov_extract.nlp.embedding import WordIds, news_tagger
from gov_extract.nlp.tree import decode, repair
from gov_extract.records import Sentence

if TYPE_CHECKING:
    from navec import Navec

# Sentences per forward pass of the two models: slovnet's own batch (its `API.map`
# cuts every call into eights before the encoder sees them).
SENTENCES_PER_CALL = 8


class Parser:
    """Natasha's morphology tagger and syntax parser, loaded once per process."""

    def __init__(self, embedding: Navec) -> None:
        """`embedding`: Natasha's news embedding (`embedding.news_embedding`), shared
        with the NER tagger (one copy of the vectors per process)."""
        from natasha import NewsMorphTagger, NewsSyntaxParser

        morph = news_tagger(NewsMorphTagger, embedding)
        syntax = news_tagger(NewsSyntaxParser, embedding)
        for tagger in (morph, syntax):
            accelerate(tagger)
        self.morph, self.syntax = morph.infer, syntax.infer
        # Both models read navec's words and one list of word shapes: one encoding and
        # one lookup of the word vectors serve both.
        self.encoder = self.morph.encoder
        self.words = self.morph.model.emb.word
        self.ids = WordIds(self.encoder)
        tags = [parse_conll_tag(tag) for tag in self.morph.decoder.tags_vocab.items]
        self.pos = [pos for pos, _ in tags]
        self.feats = ["|".join(f"{k}={v}" for k, v in sorted(feats.items())) for _, feats in tags]
        self.rels = self.syntax.decoder.rels_vocab.items
        self.vocab = Vocab()

    def __call__(self, sentences: Sequence[Sentence]) -> list[SpacyDoc]:
        # Shortest first: a batch is padded to its longest sentence, and sentences of
        # like length waste the least (padding is masked: the trees do not change).
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i].tokens))
        docs = {}
        for chunk in chop(order, SENTENCES_PER_CALL):
            input = self.encoder.input(
                [self.ids([t.text for t in sentences[i].tokens]) for i in chunk]
            )
            words = self.words(input.word_id)
            tags = self._tags(words, input)
            trees = self._trees(words, input)
            for i, tag_ids, (heads, rel_ids) in zip(chunk, tags, trees, strict=True):
                docs[i] = self._doc(
                    sentences[i], tag_ids.tolist(), heads.tolist(), rel_ids.tolist()
                )
        return [docs[i] for i in range(len(sentences))]

    def _tags(self, words: np.ndarray, input: Any) -> Iterator[np.ndarray]:
        """slovnet's `MorphInfer.process` on the words' vectors."""
        model = self.morph.model
        x = model.encoder(_embedded(model, words, input), input.pad_mask)
        return split_masked(model.head.decode(model.head(x)), ~input.pad_mask)

    def _trees(self, words: np.ndarray, input: Any) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """slovnet's `SyntaxInfer.process` on the words' vectors, but each sentence's
        heads are a tree (`tree.decode` instead of slovnet's argmax), and relations are
        scored for those heads, as slovnet scores them for its own."""
        model = self.syntax.model
        x = model.encoder(_embedded(model, words, input), input.pad_mask)
        scores = model.head(x)  # (batch, seq, seq + 1); column 0 is the root
        mask = ~input.pad_mask
        heads = decode(scores, mask.sum(-1))
        rels = model.rel.decode(model.rel(x, heads), mask)
        return zip(split_masked(heads, mask), split_masked(rels, mask), strict=True)

    def _doc(
        self, sent: Sentence, tag_ids: list[int], head_ids: list[int], rel_ids: list[int]
    ) -> SpacyDoc:
        tokens = sent.tokens
        spaces = [
            index + 1 < len(tokens) and tokens[index + 1].start > token.stop
            for index, token in enumerate(tokens)
        ]
        # `_trees` gives trees; should anything else reach here, spaCy must still never
        # see a cycle.
        ids = repair(head_ids)
        heads = [head - 1 if head else i for i, head in enumerate(ids)]
        return SpacyDoc(
            self.vocab,
            words=[token.text for token in tokens],
            spaces=spaces,
            lemmas=[token.lemma or token.text.lower() for token in tokens],
            pos=[self.pos[tag] for tag in tag_ids],
            morphs=[self.feats[tag] for tag in tag_ids],
            heads=heads,
            deps=[
                "ROOT" if head == 0 else self.rels[rel]
                for head, rel in zip(ids, rel_ids, strict=True)
            ],
        )


def _embedded(model: Any, words: np.ndarray, input: Any) -> np.ndarray:
    """slovnet's `WordShapeEmbedding`, the words' vectors given."""
    return np.concatenate((words, model.emb.shape(input.shape_id)), axis=-1)
