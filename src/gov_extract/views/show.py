"""One document as the extractor saw it: its text with the entities, posts and event
triggers marked, and every event with its participants and the rule that fired.

A researcher trusts the tables after checking them on texts they know; `show` puts
the rows of all tables beside the text they were read from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from pathlib import Path, PurePosixPath

import pandas as pd
from rich.console import Console, Group
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from gov_extract.views.stats import read_table

# displaCy's colours, so that the page looks like what spaCy users know.
COLOURS = {"PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#ff9561", "post": "#e4e7d2"}
TERMINAL_STYLES = {
    **{type: Style(color="black", bgcolor=COLOURS[type]) for type in ("PER", "ORG", "LOC")},
    "post": Style(italic=True, underline=True),
    "trigger": Style(bold=True, color="red", underline=True),
}
# Where two marks cover the same span the outer one is listed first.
KIND_ORDER = {"post": 0, "ent": 1, "trigger": 2}


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


@dataclass(frozen=True)
class Mark:
    """A marked span of the text: an entity mention, a post or an event trigger."""

    start: int
    end: int
    kind: str
    label: str
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def order(self) -> tuple[int, int, int]:
        return (self.start, -self.end, KIND_ORDER[self.kind])


def load_document(out: Path, doc: str) -> DocumentView:
    """The document `doc` names: a doc_id, a source path (relative to the input root
    or with folders above it) or a source file name."""
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
    wanted = PurePosixPath(Path(doc).as_posix())
    matches = documents[[_same_source(wanted, source) for source in documents.source]]
    if matches.empty:
        matches = documents[[PurePosixPath(s).name == wanted.name for s in documents.source]]
    if len(matches) == 1:
        return matches.doc_id.iloc[0]
    if matches.empty:
        raise DocumentNotFound(
            f"no document {doc!r}: give a doc_id, or the path or file name of an input"
        )
    listed = "\n".join(
        f"  {row.doc_id}  {row.source}" + (f" [{row.record}]" if pd.notna(row.record) else "")
        for row in matches.itertuples()
    )
    raise DocumentNotFound(f"{len(matches)} documents come from {doc!r}; give a doc_id:\n{listed}")


def _same_source(wanted: PurePosixPath, source: str) -> bool:
    # A source is relative to the input root; the path a user types may start above it.
    parts = PurePosixPath(source).parts
    return wanted.parts[-len(parts) :] == parts


def marks(view: DocumentView) -> list[Mark]:
    """Mentions, posts and triggers of the document, outer spans first."""
    found = [
        Mark(m.start, m.end, "ent", m.type,
             (("mention-id", m.mention_id), ("entity-id", m.entity_id), ("normal", m.normal)))
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
            yield Mark(start, start + len(row.position_text), "post", "post",
                       (("person", row.person), ("position", row.position)))  # fmt: skip


def _trigger_marks(view: DocumentView) -> Iterator[Mark]:
    """Each word of a trigger inside its event's span: `подписать … соглашение`."""
    text = view.document.text
    for event in view.events.itertuples():
        for word in event.trigger.split():
            # Searched in the text itself, not a lowercased copy whose offsets may differ.
            found = re.compile(re.escape(word), re.IGNORECASE).search(text, event.start, event.end)
            if found:
                yield Mark(found.start(), found.end(), "trigger",
                           f"{view.short_id(event.event_id)} {event.type}",
                           (("event-id", event.event_id),))  # fmt: skip


def _segments(text: str, sorted_marks: list[Mark]) -> Iterator[tuple[int, int, list[Mark]]]:
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


# ---------------------------------------------------------------- terminal


def show(out: Path, doc: str, console: Console | None = None) -> DocumentView:
    """Print the document `doc` names with everything extracted from it."""
    view = load_document(out, doc)
    (console or Console()).print(render(view))
    return view


def render(view: DocumentView) -> Group:
    parts: list = [_header(view)]
    if view.document.text:
        parts += [_legend(), Panel(_marked_text(view), padding=(0, 1))]
    if not view.positions.empty:
        parts.append(_posts_table(view))
    parts.append(_events_table(view))
    return Group(*parts)


def _header(view: DocumentView) -> Text:
    doc = view.document
    header = Text(doc.title if pd.notna(doc.title) else doc.source, style="bold")
    record = f" [{doc.record}]" if pd.notna(doc.record) else ""
    published = f" · {doc.published_at}" if pd.notna(doc.published_at) else ""
    header.append(f"\n{doc.doc_id} · {doc.source}{record}{published} · {doc.status}", style="dim")
    for problem in (doc.error, doc.warning):
        if pd.notna(problem):
            header.append(f"\n{problem}", style="yellow")
    return header


def _legend() -> Text:
    legend = Text("legend: ")
    for kind, label in (("PER", "person"), ("ORG", "body"), ("LOC", "place"),
                        ("post", "post"), ("trigger", "event trigger [event]")):  # fmt: skip
        legend.append(label, style=TERMINAL_STYLES[kind])
        legend.append("  ")
    return legend


def _marked_text(view: DocumentView) -> Text:
    text = view.document.text
    found = marks(view)
    marked = Text()
    for start, end, active in _segments(text, found):
        style = Style.combine([Style(), *(TERMINAL_STYLES[_style_key(m)] for m in active)])
        marked.append(text[start:end], style=style)
        for mark in active:
            if mark.kind == "trigger" and mark.end == end:
                marked.append(f"[{mark.label.split()[0]}]", style="dim red")
    return marked


def _style_key(mark: Mark) -> str:
    return mark.label if mark.kind == "ent" else mark.kind


def _posts_table(view: DocumentView) -> Table:
    table = Table(title="posts", title_justify="left")
    for column in ("person", "post", "body", "place"):
        table.add_column(column)
    for row in view.positions.itertuples():
        table.add_row(row.person, row.position, _text(row.organization), _text(row.location))
    return table


def _events_table(view: DocumentView) -> Table:
    table = Table(title=f"events ({len(view.events)})", title_justify="left", show_lines=True)
    for column in ("event", "type", "modality", "date", "participants", "where, about", "rule"):
        table.add_column(column)
    for event in view.events.itertuples():
        table.add_row(
            view.short_id(event.event_id),
            f"{event.type}\nCAMEO {event.cameo}",
            event.modality,
            f"{_text(event.date)}\n({_text(event.date_source)})",
            "\n".join(_participant_line(p) for p in _participants(view, event.event_id)),
            "\n".join(_text(v) for v in (event.location, event.topic) if pd.notna(v)),
            f"{event.rule}\ntrigger: {event.trigger}",
        )
    return table


def _participants(view: DocumentView, event_id: str) -> Iterator:
    rows = view.participants
    return rows[rows.event_id == event_id].itertuples()


def _participant_line(row) -> str:
    post = f", {row.position}" if pd.notna(row.position) else ""
    return f"{row.role}: {row.name} ({row.type}{post})"


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value)


# ---------------------------------------------------------------- HTML

CSS = """
body { font: 16px/1.6 system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
.meta, .problem { color: #666; font-size: 0.9em; }
.problem { color: #a60; }
.text { white-space: pre-wrap; border: 1px solid #ddd; border-radius: 4px; padding: 1em; line-height: 2.4; }
mark.ent { padding: 0.15em 0.3em; border-radius: 0.35em; color: inherit; }
.post { border-bottom: 2px dotted #888; }
.trigger { color: #b00; font-weight: bold; text-decoration: underline; }
.label::after { content: attr(data-label); font-size: 0.65em; font-weight: bold; text-transform: uppercase;
  vertical-align: middle; margin-left: 0.3em; color: #333; }
.legend span { margin-right: 1em; padding: 0.1em 0.4em; border-radius: 0.35em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ddd; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
article.event { border-left: 4px solid #b00; padding-left: 1em; margin: 1.5em 0; }
blockquote { margin: 0.5em 0; color: #444; font-style: italic; }
""" + "".join(f".{kind} {{ background: {colour}; }}\n" for kind, colour in COLOURS.items())

TAGS = {"ent": "mark", "post": "span", "trigger": "span"}


def render_html(view: DocumentView) -> str:
    """A standalone HTML5 page of the document: nothing is loaded from elsewhere."""
    doc = view.document
    title = escape(doc.title if pd.notna(doc.title) else doc.source)
    body = [f"<h1>{title}</h1>", f'<p class="meta">{escape(_meta(doc))}</p>']
    body += [f'<p class="problem">{escape(p)}</p>' for p in (doc.error, doc.warning) if pd.notna(p)]
    body += [_html_legend(), f'<div class="text">{_html_text(view)}</div>']
    body += [_html_posts(view), f"<h2>Events ({len(view.events)})</h2>"]
    body += [_html_event(view, event) for event in view.events.itertuples()]
    return (
        '<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _meta(doc: pd.Series) -> str:
    items = [doc.doc_id, doc.source + (f" [{doc.record}]" if pd.notna(doc.record) else "")]
    items += [str(doc.published_at)] if pd.notna(doc.published_at) else []
    return " · ".join([*items, doc.status])


def _html_legend() -> str:
    items = [f'<span class="{t}">{t}</span>' for t in ("PER", "ORG", "LOC")]
    items += ['<span class="post">post</span>', '<span class="trigger">event trigger</span>']
    return f'<p class="legend">{"".join(items)}</p>'


def _html_text(view: DocumentView) -> str:
    """The text with nested marks; a mark that crosses another is cut in two, so that
    the elements always nest. Labels are CSS content, not text: the page's text is
    the document's text."""
    text, html, open_marks = view.document.text, [], []
    for start, end, active in _segments(text, marks(view)):
        keep = _common_prefix(open_marks, active)
        html += [_close(m, start) for m in reversed(open_marks[keep:])]
        html += [_open(m) for m in active[keep:]]
        html.append(escape(text[start:end]))
        open_marks = active
    html += [_close(m, len(text)) for m in reversed(open_marks)]
    return "".join(html)


def _common_prefix(a: list[Mark], b: list[Mark]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] is b[n]:
        n += 1
    return n


def _open(mark: Mark) -> str:
    classes = f"ent {mark.label}" if mark.kind == "ent" else mark.kind
    attrs = "".join(f' data-{key}="{escape(value)}"' for key, value in mark.attrs)
    return f'<{TAGS[mark.kind]} class="{classes}"{attrs}>'


def _close(mark: Mark, at: int) -> str:
    label = (
        f'<span class="label" data-label="{escape(mark.label)}"></span>' if at == mark.end else ""
    )
    return f"{label}</{TAGS[mark.kind]}>"


def _html_posts(view: DocumentView) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.person)}</td><td>{escape(r.position)}</td>"
        f"<td>{escape(_text(r.organization))}</td><td>{escape(_text(r.location))}</td></tr>"
        for r in view.positions.itertuples()
    )
    head = "<tr><th>person</th><th>post</th><th>body</th><th>place</th></tr>"
    return f"<h2>Posts ({len(view.positions)})</h2>\n<table>{head}{rows}</table>"


def _html_event(view: DocumentView, event) -> str:
    facts = {
        "modality": event.modality, "date": f"{_text(event.date)} ({_text(event.date_source)})",
        "where": _text(event.location), "about": _text(event.topic), "CAMEO": event.cameo,
        "rule": event.rule, "trigger": event.trigger,
    }  # fmt: skip
    listed = "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in facts.items() if v)
    people = "".join(
        f'<tr data-entity-id="{escape(_text(p.entity_id))}"><td>{escape(p.role)}</td>'
        f"<td>{escape(p.name)}</td><td>{escape(p.type)}</td><td>{escape(_text(p.position))}</td></tr>"
        for p in _participants(view, event.event_id)
    )
    head = "<tr><th>role</th><th>name</th><th>type</th><th>post</th></tr>"
    return (
        f'<article class="event" id="{escape(event.event_id)}">\n'
        f"<h3>{escape(view.short_id(event.event_id))} · {escape(event.type)}</h3>\n"
        f"<dl>{listed}</dl>\n<table>{head}{people}</table>\n"
        f"<blockquote>{escape(event.sentence)}</blockquote>\n</article>"
    )
