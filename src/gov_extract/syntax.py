"""Natasha's morphology and syntax for the sentences that need them, as spaCy Docs.

Parsing is the costliest stage, so only sentences with a candidate event trigger
are parsed. Each becomes a spaCy `Doc` over our razdel tokens, carrying pymorphy3
lemmas, Natasha's part of speech, features and dependency tree, so that event
rules can be spaCy `Matcher` / `DependencyMatcher` patterns.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc as SpacyDoc
from spacy.vocab import Vocab

from .records import Sentence


class Parser:
    """Natasha's morphology tagger and syntax parser, loaded once per process."""

    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsMorphTagger, NewsSyntaxParser

        embedding = NewsEmbedding()
        self.morph = NewsMorphTagger(embedding)
        self.syntax = NewsSyntaxParser(embedding)
        self.vocab = Vocab()

    def __call__(self, sentences: Sequence[Sentence]) -> list[SpacyDoc]:
        words = [[token.text for token in sent.tokens] for sent in sentences]
        tagged = self.morph.map(words)
        parsed = self.syntax.map(words)
        return [
            self._doc(sent, morph.tokens, tree.tokens)
            for sent, morph, tree in zip(sentences, tagged, parsed, strict=True)
        ]

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
