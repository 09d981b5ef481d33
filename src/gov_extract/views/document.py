"""One document and its rows in every table, and the spans of its text that they mark:
what the terminal, the HTML page and the JSON of `show` all render.

A researcher trusts the tables after checking them on texts they know; `show` puts
the rows of all tables beside the text they were read from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path, PurePosixPath

import pandas as pd

from gov_extract.views.stats import read_table

# The words every rendering uses for a kind of mark, in its legend and on its labels.
LEGEND = {
    "PER": "person",
    "ORG": "body",
    "LOC": "place",
    "post": "post",
    "trigger": "event trigger",
}
# displaCy's colours, so that both look like what spaCy users know.
COLOURS = {"PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#ff9561"}
# `events.date_source` in words.
DATE_SOURCES = {"text": "stated in the text", "context": "from its context",
                "published": "the publication date"}  # fmt: skip
# Where two marks cover the same span the outer one comes first.
KIND_ORDER = {"post": 0, "PER": 1, "ORG": 1, "LOC": 1, "trigger": 2}


class DocumentNotFound(LookupError):
    pass


@dataclass
class DocumentView:
    """A document's row and its rows in every other table."""

    document: pd.Series
    mentions: pd.DataFrame
    positions: pd.DataFrame
    events: pd.DataFrame
    participants: pd.DataFrame

    def short_id(self, event_id: str) -> str:
        return event_id.removeprefix(f"{self.document.doc_id}-")

    def participants_of(self, event_id: str) -> pd.DataFrame:
        return self.participants[self.participants.event_id == event_id]


@dataclass(frozen=True)
class Mark:
    """A marked span of the text: an entity mention, a post or (a part of) an event
    trigger. `label` is written at its start, `hover` says what it was read as."""

    start: int
    end: int
    kind: str  # PER, ORG, LOC, post or trigger
    label: str
    hover: str
    attrs: tuple[tuple[str, str], ...] = ()
    # False for the later parts of a trigger (`подписали … соглашение`): one label each.
    labelled: bool = True

    @property
    def order(self) -> tuple[int, int, int]:
        return (self.start, -self.end, KIND_ORDER[self.kind])


def load_document(out: Path, doc: str) -> DocumentView:
    """The document `doc` names: a doc_id, its own id in a CSV, JSONL or Parquet input
    (`record`: `1004`), a source path (relative to the input root or with folders above
    it) or a source file name."""
    documents = read_table(out, "documents")
    doc_id = _find_doc_id(documents, doc)

    def rows(name: str) -> pd.DataFrame:
        table = read_table(out, name)
        return table[table.doc_id == doc_id].sort_values("start").reset_index(drop=True)

    return DocumentView(
        document=documents[documents.doc_id == doc_id].iloc[0],
        mentions=rows("mentions"),
        positions=rows("positions"),
        events=rows("events"),
        participants=rows("event_participants"),
    )


def _find_doc_id(documents: pd.DataFrame, doc: str) -> str:
    if (documents.doc_id == doc).any():
        return doc
    matches = documents[documents.record == doc]
    if len(matches) == 1:
        return matches.doc_id.iloc[0]
    if len(matches) > 1:
        raise DocumentNotFound(f"{len(matches)} documents have the record id {doc!r}; "
                               f"give a doc_id:\n{_listed(matches)}")  # fmt: skip
    wanted = PurePosixPath(Path(doc).as_posix())
    matches = documents[[_same_source(wanted, source) for source in documents.source]]
    if matches.empty:
        matches = documents[[PurePosixPath(s).name == wanted.name for s in documents.source]]
    if len(matches) == 1:
        return matches.doc_id.iloc[0]
    if matches.empty:
        raise DocumentNotFound(
            f"no document {doc!r}: give a doc_id, a record id, or the path or file name "
            "of an input"
        )
    raise DocumentNotFound(
        f"{len(matches)} documents come from {doc!r}; give a doc_id:\n{_listed(matches)}"
    )


def _listed(documents: pd.DataFrame) -> str:
    return "\n".join(
        f"  {row.doc_id}  {row.source}" + (f" [{row.record}]" if pd.notna(row.record) else "")
        for row in documents.itertuples()
    )


def _same_source(wanted: PurePosixPath, source: str) -> bool:
    # A source is relative to the input root; the path a user types may start above it.
    parts = PurePosixPath(source).parts
    return wanted.parts[-len(parts) :] == parts


def text_of(value: object) -> str:
    return "" if pd.isna(value) else str(value)


def date_how(event) -> str:
    """`stated in the text, day`: where an event's date comes from and how precise it is."""
    how = (DATE_SOURCES.get(text_of(event.date_source), text_of(event.date_source)),
           text_of(event.date_precision))  # fmt: skip
    return ", ".join(h for h in how if h)


def via_note(view: DocumentView, participant) -> str:
    """How a participant was found when not by name in the event's sentence, and where
    the release names them: `via post (named earlier as «Ивана Петрова»)`."""
    via = text_of(participant.via)
    if via in ("", "name"):
        return ""
    start, end = participant.start, participant.end
    words = view.document.text[start:end] if end > start else ""
    if not words:
        return f"via {via}"
    event = view.events[view.events.event_id == participant.event_id]
    where = "named"
    if not event.empty and via != "group":
        event = event.iloc[0]
        where = ("named earlier" if end <= event.start
                 else "named later" if start >= event.end else "named here")  # fmt: skip
    return f"via {via} ({where} as «{words}»)"


# ---------------------------------------------------------------- marks


def marks(view: DocumentView) -> list[Mark]:
    """Mentions, posts and triggers of the document, outer spans first."""
    found = [
        Mark(m.start, m.end, m.type, LEGEND[m.type], m.normal,
             (("mention-id", m.mention_id), ("entity-id", m.entity_id)))
        for m in view.mentions.itertuples()
    ]  # fmt: skip
    found += _post_marks(view)
    found += _trigger_marks(view)
    return sorted(found, key=lambda mark: mark.order)


def _post_marks(view: DocumentView) -> Iterator[Mark]:
    text = view.document.text
    for row in view.positions.itertuples():
        # The row's span covers the post and the person; the post is the part as written.
        start = text.find(row.position_text, row.start, row.end)
        if start >= 0:
            yield Mark(start, start + len(row.position_text), "post", LEGEND["post"],
                       f"{row.person}: {row.position}", (("person", row.person),))  # fmt: skip


def _trigger_marks(view: DocumentView) -> Iterator[Mark]:
    """The words of each trigger inside its event's span, words that stand side by side
    as one mark (`подписали соглашение`), the first part alone labelled."""
    text = view.document.text
    for event in view.events.itertuples():
        spans = sorted(_word_spans(text, event.trigger, event.start, event.end))
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start >= merged[-1][1] and not text[merged[-1][1] : start].strip():
                merged[-1][1] = end
            elif not merged or start >= merged[-1][1]:
                merged.append([start, end])
        short = view.short_id(event.event_id)
        hover = " · ".join(v for v in (short, event.type, event.modality, text_of(event.date)) if v)
        for n, (start, end) in enumerate(merged):
            yield Mark(start, end, "trigger", short, hover,
                       (("event-id", event.event_id),), labelled=n == 0)  # fmt: skip


def _word_spans(text: str, phrase: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for word in phrase.split():
        # A whole word, searched in the text itself: a lowercased copy's offsets may differ.
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        found = pattern.search(text, start, end)
        if found:
            yield found.span()


def segments(text: str, sorted_marks: list[Mark]) -> Iterator[tuple[int, int, list[Mark]]]:
    """The text cut at every mark boundary, with the marks covering each piece, outer
    first; one sweep, so that a long document with many marks stays fast."""
    cuts = sorted({0, len(text), *(m.start for m in sorted_marks), *(m.end for m in sorted_marks)})
    active: list[Mark] = []
    waiting = iter(sorted_marks)
    following = next(waiting, None)
    for start, end in pairwise(cuts):
        arriving = []
        while following and following.start <= start:
            arriving.append(following)
            following = next(waiting, None)
        # A new list each time: the caller keeps the previous one to compare.
        active = [m for m in (*active, *arriving) if m.end > start]
        yield start, end, active


@dataclass(frozen=True)
class Open:
    mark: Mark
    first: bool  # the piece that starts the mark; a mark crossing another is cut in pieces


@dataclass(frozen=True)
class Close:
    mark: Mark
    last: bool  # the piece that ends the mark


def nested(text: str, sorted_marks: list[Mark]) -> Iterator[Open | Close | str]:
    """The text with the marks opened and closed so that they always nest: a mark
    that crosses another is closed before it and opened again after."""
    open_marks: list[Mark] = []
    for start, end, active in segments(text, sorted_marks):
        keep = _common_prefix(open_marks, active)
        yield from (Close(m, last=m.end == start) for m in reversed(open_marks[keep:]))
        yield from (Open(m, first=m.start == start) for m in active[keep:])
        yield text[start:end]
        open_marks = active
    yield from (Close(m, last=True) for m in reversed(open_marks))


def _common_prefix(a: list[Mark], b: list[Mark]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] is b[n]:
        n += 1
    return n


def depths(text: str, sorted_marks: list[Mark]) -> dict[Mark, int]:
    """How many marks a mark holds inside it, at most: the page draws an outer frame
    wider than the frames within, so that each span's start and end show."""
    inner: dict[Mark, int] = {}
    for _, _, active in segments(text, sorted_marks):
        for n, mark in enumerate(active):
            inner[mark] = max(inner.get(mark, 0), len(active) - 1 - n)
    return inner
