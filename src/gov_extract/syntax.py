"""Natasha's morphology and syntax for the sentences that need them, as spaCy Docs.

Parsing is the costliest stage, so only sentences with a candidate event trigger
are parsed. Each becomes a spaCy `Doc` over our razdel tokens, carrying pymorphy3
lemmas, Natasha's part of speech, features and dependency tree, so that event
rules can be spaCy `Matcher` / `DependencyMatcher` patterns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc as SpacyDoc
from spacy.vocab import Vocab

from .cnn import accelerate
from .embedding import news_tagger
from .records import Sentence

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
        heads = [int(node.head_id) - 1 if node.head_id != "0" else i for i, node in enumerate(tree)]
        return SpacyDoc(
            self.vocab,
            words=[token.text for token in tokens],
            spaces=spaces,
            lemmas=[token.lemma or token.text.lower() for token in tokens],
            pos=[tag.pos for tag in morph],
            morphs=["|".join(f"{k}={v}" for k, v in sorted(tag.feats.items())) for tag in morph],
            heads=heads,
            deps=["ROOT" if node.head_id == "0" else node.rel for node in tree],
        )
