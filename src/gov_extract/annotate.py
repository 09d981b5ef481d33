"""Sentences, tokens, lemmas and named entities of cleaned documents.

razdel segments, pymorphy3 lemmatises, Natasha's NER tagger finds PER/ORG/LOC.
The tagger runs on a whole batch of documents per call.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from razdel import sentenize, tokenize
from slovnet.bio import bio_spans

from .aliases import read_definitions, tag_short_names
from .events import EventExtractor
from .morph import is_word, lemma
from .norm import Piece, normal_form
from .orgs import repair_organizations
from .posts import find_positions
from .records import Doc, Mention, Sentence, Token

# Natural sentences, even in legal prose, stay well below this.
MAX_SENTENCE_CHARS = 1000
# Greedy: the last whitespace run of a window that has text before it.
_LAST_SPACE = re.compile(r".*\S(\s+)", re.DOTALL)
_SPACE = re.compile(r"\s*")


class Annotator:
    """Holds the NER model; load it once per process and call it on batches."""

    def __init__(self) -> None:
        # Natasha ships its embeddings and tagger weights inside the package:
        # nothing is downloaded.
        from natasha import NewsEmbedding, NewsNERTagger

        self.ner = NewsNERTagger(NewsEmbedding())
        self.events = EventExtractor()

    def __call__(self, docs: Sequence[Doc]) -> None:
        live = [doc for doc in docs if doc.status == "ok"]
        for doc in live:
            segment(doc)
            lemmatize(doc)
        self.tag_ner(live)
        for doc in live:
            repair_organizations(doc)
            tag_short_names(doc)
            normalize(doc)
            read_definitions(doc)
            doc.positions = find_positions(doc)
        self.events(live)

    def tag_ner(self, docs: Sequence[Doc]) -> None:
        # Whole documents, not sentences: the tagger's window looks across sentence
        # ends, and names in short sentences are found more often with it. The tagger
        # is fed our razdel tokens through slovnet's encoder and decoder, which is
        # what `NERTagger.map` does after tokenising the text a second time.
        infer = self.ner.infer
        words = [[token.text for token in doc.tokens] for doc in docs]
        tags = infer.decoder(infer.process(infer.encoder(words)))
        for doc, doc_tags in zip(docs, tags, strict=True):
            starts = [sent.start for sent in doc.sentences]
            for span in bio_spans(doc.tokens, doc_tags):
                # The tagger sometimes runs on into a bracketed abbreviation:
                # `Москвы (ДТОИВ)`; the brackets are read by `read_definitions`.
                stop = span.start + len(doc.text[span.start : span.stop].split(" (")[0])
                index = max(bisect_right(starts, span.start) - 1, 0)
                text = doc.text[span.start : stop]
                doc.mentions.append(Mention(span.start, stop, span.type, text, index))


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
            for token in sent.tokens
            if token.start >= mention.start and token.stop <= mention.stop
        ]
        mention.normal = normal_form(mention.text, pieces, mention.type)


def lemma_text(doc: Doc) -> str:
    return " ".join(token.lemma for token in doc.tokens if token.lemma)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    position = 0
    for line in text.split("\n"):
        if line.strip():
            yield position, line
        position += len(line) + 1
