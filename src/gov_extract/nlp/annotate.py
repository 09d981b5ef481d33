"""Sentences, tokens, lemmas and named entities of cleaned documents.

razdel segments, pymorphy3 lemmatises, Natasha's NER tagger finds PER/ORG/LOC.
The tagger runs on a whole batch of documents per call.

The annotator is a declared list of steps (`annotation_steps`), each saying what it
reads from the `Doc` and what it writes there; the order is checked once when the
models load, and every call times each step.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from razdel import sentenize, tokenize

from gov_extract.extract.aliases import read_definitions, tag_short_names
from gov_extract.extract.events import EventExtractor
from gov_extract.extract.orgs import repair_organizations
from gov_extract.extract.posts.mentions import drop_post_mentions
from gov_extract.extract.posts.positions import read_positions
from gov_extract.link.entities import read_names, settle_gender
from gov_extract.link.spelling import settle_spellings
from gov_extract.nlp.morph import WORDS_CACHED, is_word, lemma, parses
from gov_extract.nlp.ner import NER
from gov_extract.nlp.norm import Piece, normal_form
from gov_extract.records import Doc, Sentence, Token, tokens_within

# Natural sentences, even in legal prose, stay well below this.
MAX_SENTENCE_CHARS = 1000
# Greedy: the last whitespace run of a window that has text before it.
_LAST_SPACE = re.compile(r".*\S(\s+)", re.DOTALL)
_SPACE = re.compile(r"\s*")


# What `clean` gives a document before the first step.
CLEANED = ("text", "published_at")


@dataclass(frozen=True, slots=True)
class Step:
    """One annotation step, like a component of spaCy's pipeline. `run` takes one
    document, or the whole batch when `batch` (the models are fastest on many
    documents at once). `needs` and `provides` name what it reads from the `Doc` and
    what it writes there; a step that rewrites what an earlier one wrote (drops
    mentions, corrects normal forms) names it in both."""

    name: str
    run: Callable[[Doc], None] | Callable[[Sequence[Doc]], None]
    batch: bool
    needs: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, docs: Sequence[Doc]) -> None:
        if self.batch:
            self.run(docs)
        else:
            for doc in docs:
                self.run(doc)


Model = Callable[[Sequence[Doc]], None]


def annotation_steps(ner: Model, events: Model) -> tuple[Step, ...]:
    """The annotator's steps in the order they run, around its two models."""
    split = ("sentences", "tokens")
    lemmatized = (*split, "lemmas")
    return (
        Step("segment", segment, batch=False, needs=("text",), provides=split),
        Step("lemmatize", lemmatize, batch=False, needs=("tokens",), provides=("lemmas",)),
        Step("ner", ner, batch=True, needs=split, provides=("mentions",)),
        Step(
            "drop_pronouns", drop_pronouns, batch=False,
            needs=("mentions",), provides=("mentions",),
        ),
        Step(
            "drop_post_mentions", drop_post_mentions, batch=False,
            needs=(*lemmatized, "mentions"), provides=("mentions",),
        ),
        Step(
            "repair_organizations", repair_organizations, batch=False,
            needs=(*lemmatized, "mentions"), provides=("mentions",),
        ),
        Step(
            "tag_short_names", tag_short_names, batch=False,
            needs=(*split, "mentions"), provides=("mentions",),
        ),
        Step(
            "normalize", normalize, batch=False,
            needs=(*split, "mentions"), provides=("normal",),
        ),
        Step(
            "settle_gender", settle_gender, batch=False,
            needs=("text", "mentions", "normal"), provides=("normal",),
        ),
        Step(
            "settle_spellings", settle_spellings, batch=False,
            needs=("mentions", "normal"), provides=("normal",),
        ),
        # Adds the abbreviations it reads as mentions, with their normal forms.
        Step(
            "read_definitions", read_definitions, batch=False,
            needs=(*split, "mentions", "normal"), provides=("mentions", "short_names"),
        ),
        # After every step that adds mentions or changes normal forms: linking reads
        # these names and never looks at the text again.
        Step(
            "read_names", read_names, batch=False,
            needs=("mentions", "normal"), provides=("names",),
        ),
        Step(
            "read_positions", read_positions, batch=False,
            needs=(*lemmatized, "mentions", "normal"), provides=("positions", "post_holders"),
        ),
        Step(
            "events", events, batch=True,
            needs=(*lemmatized, "published_at", "mentions", "normal", "positions", "post_holders"),
            provides=("events",),
        ),
    )  # fmt: skip


def check_steps(steps: Sequence[Step], given: Iterable[str] = CLEANED) -> None:
    """Refuse steps that share a name (timings are reported by it) or a step that
    needs what neither `given` nor a step before it provides."""
    provided, names = set(given), set()
    for step in steps:
        if step.name in names:
            raise ValueError(f"two annotation steps are named {step.name!r}")
        names.add(step.name)
        if missing := [need for need in step.needs if need not in provided]:
            raise ValueError(
                f"the annotation step {step.name!r} needs {', '.join(missing)}, which no "
                "step before it provides: move it after the step that does"
            )
        provided.update(step.provides)


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
        self.steps = annotation_steps(self.ner, self.events)
        check_steps(self.steps)

    def __call__(self, docs: Sequence[Doc]) -> dict[str, float]:
        """Annotates the documents in place, each step on all of them before the next
        step; returns the seconds each step took."""
        live = [doc for doc in docs if doc.status == "ok"]
        seconds = {}
        for step in self.steps:
            started = time.perf_counter()
            step(live)
            seconds[step.name] = time.perf_counter() - started
        return seconds


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


def drop_pronouns(doc: Doc) -> None:
    """`Он посетил школу`: the NER model takes a capitalised pronoun for a name. A
    pronoun is never a named entity; the event rules resolve it to the person meant."""
    doc.mentions = [m for m in doc.mentions if not _pronoun(m.text)]


def _pronoun(text: str) -> bool:
    if " " in text:
        return False
    found = parses(text)
    return bool(found) and "NPRO" in found[0].tag


def lemmatize(doc: Doc) -> None:
    for sent in doc.sentences:
        for token in sent.tokens:
            token.lemma = _token_lemma(token.text)


@lru_cache(maxsize=WORDS_CACHED)
def _token_lemma(text: str) -> str:
    """A word's lemma, and none (`""`) for punctuation and symbols: one look-up per token."""
    return lemma(text) if is_word(text) else ""


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
