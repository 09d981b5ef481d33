"""The parser's morphology beside Natasha's own tagger, on sentences written here:
the parser runs both models on one encoding of the words."""

from __future__ import annotations

import pytest
from natasha import NewsMorphTagger
from razdel import tokenize

from gov_extract.nlp.embedding import news_embedding, news_tagger
from gov_extract.nlp.syntax import SENTENCES_PER_CALL, Parser
from gov_extract.records import Sentence, Token

SENTENCES = [
    "Губернатор области провёл совещание с главами районов.",
    "Делегация прибыла в город для переговоров о поставках зерна.",
    "Подписано соглашение о строительстве завода «Ромашка» в 2024 году.",
    "Мэр встретился с жителями.",
]


def _sentence(text: str) -> Sentence:
    tokens = [Token(t.start, t.stop, t.text) for t in tokenize(text)]
    return Sentence(0, len(text), tokens)


@pytest.fixture(scope="module")
def taggers() -> tuple[Parser, NewsMorphTagger]:
    embedding = news_embedding()
    return Parser(embedding), news_tagger(NewsMorphTagger, embedding)


def test_parts_of_speech_and_features_are_natashas(
    taggers: tuple[Parser, NewsMorphTagger],
) -> None:
    parser, natasha = taggers
    # More sentences than one forward pass takes, of unlike lengths.
    texts = SENTENCES * (SENTENCES_PER_CALL // len(SENTENCES) + 1)
    sentences = [_sentence(text) for text in texts]
    words = [[token.text for token in sent.tokens] for sent in sentences]
    for doc, markup in zip(parser(sentences), natasha.map(words), strict=True):
        assert [token.pos_ for token in doc] == [token.pos for token in markup.tokens]
        assert [str(token.morph) for token in doc] == [
            "|".join(f"{k}={v}" for k, v in sorted(token.feats.items())) for token in markup.tokens
        ]
