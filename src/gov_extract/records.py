"""Plain records that carry a document from stage to stage.

A reader yields `Source`s; `clean` turns one into a `Doc`; the annotators fill the
`Doc`'s sentences, tokens and mentions; `link` gives mentions their entities.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime


def make_doc_id(source: str, record: str | None) -> str:
    """Stable id: the same file path (relative to the input root) and record give the same id."""
    key = f"{source}\x00{record or ''}".encode()
    return hashlib.sha1(key).hexdigest()[:16]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# The message of a document that a reader or an annotator failed on: the tool's fault.
INTERNAL_ERROR = (
    "internal error while processing this document ({}); this is a bug in gov-extract, "
    "not a problem of the input: please report it together with the input file"
)


@dataclass(slots=True)
class Source:
    """One input document as a reader found it, before cleaning."""

    source: str
    record: str | None
    format: str
    content_sha256: str
    body: str | None = None
    title: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    error: str | None = None
    # Headers and chrome are already gone (HTML main-text extraction), so the cleaner
    # must not take the first body line for a headline.
    extracted: bool = False
    # Read, but not cleanly: `mixed encodings: … read as cp1251`.
    warning: str | None = None

    @property
    def doc_id(self) -> str:
        return make_doc_id(self.source, self.record)


@dataclass(slots=True)
class Token:
    start: int
    stop: int
    text: str
    lemma: str = ""


@dataclass(slots=True)
class Sentence:
    start: int
    stop: int
    tokens: list[Token] = field(default_factory=list)


def tokens_within(tokens: Iterable[Token], start: int, stop: int) -> list[Token]:
    """The tokens that lie wholly between the offsets `start` and `stop`: a mention's own
    words, when given its offsets."""
    return [token for token in tokens if start <= token.start and token.stop <= stop]


_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.?$")


def is_initial(part: str) -> bool:
    return bool(_INITIAL.match(part))


@dataclass(frozen=True, slots=True)
class PersonName:
    """A nominative personal name in parts; `surname` is the key surnames are compared by
    (`link.person_name` reads it)."""

    first: str | None = None
    middle: str | None = None
    last: str | None = None
    surname: str = ""

    @property
    def is_full(self) -> bool:
        return bool(self.first and self.last and not is_initial(self.first))

    @property
    def initial(self) -> str | None:
        return self.first[0].lower() if self.first else None


@dataclass(slots=True)
class Mention:
    start: int
    stop: int
    type: str
    text: str
    sent_idx: int
    normal: str = ""
    entity_id: str | None = None
    # What linking needs from morphology, read per document by `link.read_names`: the
    # parts of a person's name; the full name an ORG/LOC's normal form stands for in the
    # abbreviation lexicon, else the normal form itself.
    name: PersonName | None = None
    canonical: str = ""


def overlaps_any(start: int, stop: int, mentions: Iterable[Mention]) -> bool:
    """Whether text[start:stop] shares a character with one of the mentions."""
    return any(m.start < stop and start < m.stop for m in mentions)


@dataclass(frozen=True, slots=True)
class Where:
    """Where a place, body, post or event is (`link.regions`): a region code (ISO
    3166-2, or the project's own), a country code (ISO 3166-1 alpha-2), and how they
    were found: `name`, `context` or `publisher`."""

    region: str | None = None
    country: str | None = None
    source: str | None = None

    def __bool__(self) -> bool:
        return self.region is not None or self.country is not None


@dataclass(slots=True)
class Position:
    """A statement that a person holds a post: `губернатор Севастополя Дмитрий Овсянников`."""

    person: Mention
    position: str
    title: str
    position_text: str
    # The post alone: `text[post_start:post_stop] == position_text`.
    post_start: int
    post_stop: int
    org: Mention | None
    loc: Mention | None
    sent_idx: int
    start: int
    stop: int
    # Lemma of the post's head noun (`губернатор`), for resolving later bare mentions.
    head: str = ""
    # How `org`/`loc` were found: `stated` in the post's words, `inferred` from the
    # release (a body named before, its territory, a country named elsewhere).
    where_source: str | None = None
    # The rule that tied the post to the person (`positions.rule`).
    rule: str = ""
    # The region and country of its place or body, set by `link.regions`.
    where: Where = Where()


@dataclass(slots=True)
class Participant:
    role: str
    type: str
    start: int
    stop: int
    # The entity's mention when the participant is a named entity, else None (GROUP).
    mention: Mention | None = None
    name: str = ""
    position: str | None = None
    # How the event's sentence refers to the participant (`event_participants.via`):
    # `name`, `post`, `pronoun`, `implicit` or `group`.
    via: str = "name"


@dataclass(slots=True)
class Event:
    """A visit, meeting or agreement with the sentence that states it."""

    type: str
    trigger: str
    start: int
    stop: int
    sent_idx: int
    sentence: str
    modality: str
    cameo: str
    rule: str
    participants: list[Participant] = field(default_factory=list)
    date: date | None = None
    date_source: str | None = None
    # `day`, `month` or `year`: how much of `date` the text states.
    date_precision: str | None = None
    location: Mention | None = None
    location_name: str | None = None
    topic: str | None = None
    # Where it took place, and where a visitor came from; set by `link.regions`.
    where: Where = Where()
    origin: Where = Where()


@dataclass(slots=True)
class Doc:
    doc_id: str
    source: str
    record: str | None
    format: str
    content_sha256: str
    text: str = ""
    title: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    status: str = "ok"
    error: str | None = None
    warning: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # Abbreviations the release defines itself: `ДТОИВ` → the full name's normal form.
    short_names: dict[str, str] = field(default_factory=dict)
    # Offset of a post named without a person (`губернатор отметил`) → the person the
    # document tied it to; event participants named by their post only.
    post_holders: dict[int, Mention] = field(default_factory=dict)

    @property
    def tokens(self) -> list[Token]:
        return [token for sent in self.sentences for token in sent.tokens]


@dataclass(slots=True)
class Entity:
    entity_id: str
    type: str
    name: str
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    aliases: list[str] = field(default_factory=list)
    n_mentions: int = 0
    n_docs: int = 0
    # Where the place or body is, set by `link.regions`.
    where: Where = Where()
    # The cluster key its id is a hash of (`link.entities`): `PER:петров|иван`.
    key: str = ""
