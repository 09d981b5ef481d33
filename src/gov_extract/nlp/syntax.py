"""Natasha's morphology and syntax for the sentences that need them, as spaCy Docs.

Parsing is the costliest stage, so only sentences with a candidate event trigger
are parsed. Each becomes a spaCy `Doc` over our razdel tokens, carrying pymorphy3
lemmas, Natasha's part of speech, features and dependency tree, so that event
rules can be spaCy `Matcher` / `DependencyMatcher` patterns.

Every Doc's heads are a tree (`tree`): slovnet's greedy head choice can make cycles,
on which spaCy's subtree and ancestor walks never end.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from slovnet.exec.infer import SyntaxInfer
from slovnet.exec.mask import split_masked
from spacy.tokens import Doc as SpacyDoc
from spacy.vocab import Vocab

from gov_extract.nlp.cnn import accelerate
from gov_extract.nlp.embedding import news_tagger
from gov_extract.nlp.tree import decode, repair
from gov_extract.records import Sentence

if TYPE_CHECKING:
    from navec import Navec

# Sentences per call of the taggers (Natasha's default is 8): with sentences sorted
# by length, larger batches mean fewer, larger matrix products.
SENTENCES_PER_CALL = 32


class Parser:
    """Natasha's morphology tagger and syntax parser, loaded once per process."""

    def __init__(self, embedding: Navec) -> None:
        """`embedding`: Natasha's news embedding (`embedding.news_embedding`), shared
        with the NER tagger (one copy of the vectors per process)."""
        from natasha import NewsMorphTagger, NewsSyntaxParser

        self.morph = news_tagger(NewsMorphTagger, embedding)
        self.syntax = news_tagger(NewsSyntaxParser, embedding)
        for tagger in (self.morph, self.syntax):
            accelerate(tagger)
            tagger.infer.encoder.batch_size = SENTENCES_PER_CALL
        infer = self.syntax.infer
        self.syntax.infer = _TreeSyntaxInfer(infer.model, infer.encoder, infer.decoder)
        self.vocab = Vocab()

    def __call__(self, sentences: Sequence[Sentence]) -> list[SpacyDoc]:
        # Shortest first: a batch is padded to its longest sentence, and sentences of
        # like length waste the least (padding is masked: the trees do not change).
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i].tokens))
        words = [[token.text for token in sentences[i].tokens] for i in order]
        tagged = self.morph.map(words)
        parsed = self.syntax.map(words)
        docs = {
            i: self._doc(sentences[i], morph.tokens, tree.tokens)
            for i, morph, tree in zip(order, tagged, parsed, strict=True)
        }
        return [docs[i] for i in range(len(sentences))]

    def _doc(self, sent: Sentence, morph: list, tree: list) -> SpacyDoc:
        tokens = sent.tokens
        spaces = [
            index + 1 < len(tokens) and tokens[index + 1].start > token.stop
            for index, token in enumerate(tokens)
        ]
        # `_TreeSyntaxInfer` gives trees; should anything else reach here, spaCy must
        # still never see a cycle.
        ids = repair([int(node.head_id) for node in tree])
        heads = [head - 1 if head else i for i, head in enumerate(ids)]
        return SpacyDoc(
            self.vocab,
            words=[token.text for token in tokens],
            spaces=spaces,
            lemmas=[token.lemma or token.text.lower() for token in tokens],
            pos=[tag.pos for tag in morph],
            morphs=["|".join(f"{k}={v}" for k, v in sorted(tag.feats.items())) for tag in morph],
            heads=heads,
            deps=["ROOT" if head == 0 else node.rel for head, node in zip(ids, tree, strict=True)],
        )


class _TreeSyntaxInfer(SyntaxInfer):
    """slovnet's inference for syntax, but each sentence's heads are a tree
    (`tree.decode` instead of slovnet's argmax), and relations are scored for those
    heads, as slovnet scores them for its own."""

    def process(self, inputs: Iterable[Any]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        model = self.model
        for input in inputs:
            x = model.encoder(model.emb(input.word_id, input.shape_id), input.pad_mask)
            scores = model.head(x)  # (batch, seq, seq + 1); column 0 is the root
            mask = ~input.pad_mask
            heads = decode(scores, mask.sum(-1))
            rels = model.rel.decode(model.rel(x, heads), mask)
            yield from zip(split_masked(heads, mask), split_masked(rels, mask), strict=True)
