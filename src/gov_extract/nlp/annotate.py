"""Sentences, tokens, lemmas and named entities of cleaned documents.

razdel segments, pymorphy3 lemmatises, Natasha's NER tagger finds PER/ORG/LOC.
The tagger runs on a whole batch of documents per call.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from razdel import sentenize, tokenize

from gov_extract.extract.aliases import read_definitions, tag_short_names
from gov_extract.extract.events import EventExtractor
from gov_extract.extract.orgs import repair_organizations
from gov_extract.extract.posts.positions import drop_post_mentions, read_positions
from gov_extract.link.entities import read_names, settle_gender
from gov_extract.nlp.morph import is_word, lemma
from gov_extract.nlp.ner import NER
from gov_extract.nlp.norm import Piece, normal_form
from gov_extract.records import Doc, Sentence, Token, tokens_within

# Natural sentences, even in legal prose, stay well below this.
MAX_SENTENCE_CHARS = 1000
# Greedy: the last whitespace run of a window that has text before it.
_LAST_SPACE = re.compile(r".*\S(\s+)", re.DOTALL)
_SPACE = re.compile(r"\s*")


class Annotator:
    """Holds the models (NER, morphology, syntax); load it once per process and call it
    on batches."""

    def __init__(self) -> None:
        # Natasha ships its embeddings and tagger weights inside the package:
        # nothing is downloaded.
        from gov_extract.nlp.embedding import news_embedding

        embedding = news_embedding()
        self.ner = NER(embedding)
        self.events = EventExtractor(embedding)

    def __call__(self, docs: Sequence[Doc]) -> None:
        live = [doc for doc in docs if doc.status == "ok"]
        for doc in live:
            segment(doc)
            lemmatize(doc)
        self.ner(live)
        for doc in live:
            drop_post_mentions(doc)
            repair_organizations(doc)
            tag_short_names(doc)
            normalize(doc)
            settle_gender(doc)
            read_definitions(doc)
            read_names(doc)
            read_positions(doc)
        self.events(live)


def segment(doc: Doc) -> None:
    """Sentences within lines: a headline or paragraph never runs into the next one.

    A sentence longer than MAX_SENTENCE_CHARS (a table or a transcript without
    punctuation) is cut into chunks at whitespace: the parser and the matchers work per
    sentence, and their cost grows faster than the sentence's length.
    """
    doc.sentences = []
    for line_start, line in _lines(doc.text):
        for sent in sentenize(line):
            for start, stop in _chunks(line, sent.start, sent.stop):
                at = line_start + start
                tokens = [
                    Token(at + token.start, at + token.stop, token.text)
                    for token in tokenize(line[start:stop])
                ]
                doc.sentences.append(Sentence(at, line_start + stop, tokens))


def _chunks(text: str, start: int, stop: int) -> Iterator[tuple[int, int]]:
    """text[start:stop] in spans of at most MAX_SENTENCE_CHARS, cut at their last
    whitespace; a run without whitespace that long is cut anywhere."""
    while stop - start > MAX_SENTENCE_CHARS:
        window = _LAST_SPACE.match(text, start, start + MAX_SENTENCE_CHARS)
        end, after = window.span(1) if window else (start + MAX_SENTENCE_CHARS,) * 2
        yield start, end
        start = _SPACE.match(text, after, stop).end()
    yield start, stop


def lemmatize(doc: Doc) -> None:
    for sent in doc.sentences:
        for token in sent.tokens:
            if is_word(token.text):
                token.lemma = lemma(token.text)


def normalize(doc: Doc) -> None:
    for mention in doc.mentions:
        sent = doc.sentences[mention.sent_idx]
        pieces = [
            Piece(token.start - mention.start, token.stop - mention.start, token.text)
            for token in tokens_within(sent.tokens, mention.start, mention.stop)
        ]
        mention.normal = normal_form(mention.text, pieces, mention.type)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    position = 0
    for line in text.split("\n"):
        if line.strip():
            yield position, line
        position += len(line) + 1
