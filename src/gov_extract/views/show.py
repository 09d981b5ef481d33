"""`show`: one document as the extractor saw it, in a terminal or as JSON (the HTML page
is `views/page.py`): its text with the entities, posts and event triggers marked, its
posts, and every event with its participants and the rule that fired.

Nothing is cut: at any width, and when piped, every value is wrapped onto more lines.
Without colour (piped, `--color never`, NO_COLOR) the marks are written into the
text as `[place: Севастополя]`, so that the marks are not lost with the colours.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from gov_extract.views.document import (
    COLOURS,
    LEGEND,
    DocumentNotFound,
    DocumentView,
    Open,
    date_how,
    load_document,
    marks,
    nested,
    via_note,
)
from gov_extract.views.page import render_html

# The command's three renderings, for the command line and the API in one place.
__all__ = [
    "DocumentNotFound",
    "load_document",
    "render",
    "render_html",
    "render_json",
    "render_terminal",
    "show",
]

COLOR_MODES = ("auto", "always", "never")
STYLES = {
    **{kind: Style(color="black", bgcolor=COLOURS[kind]) for kind in ("PER", "ORG", "LOC")},
    "post": Style(italic=True, underline=True),
    "trigger": Style(bold=True, color="red", underline=True),
    "date": Style(color="black", bgcolor="#fff3a8"),
}


def console(color: str = "auto", width: int | None = None, file=None) -> Console:
    """A console that colours `always`, `never`, or (`auto`) when it writes to a terminal."""
    if color not in COLOR_MODES:
        raise ValueError(f"color is one of {', '.join(COLOR_MODES)}, not {color!r}")
    if color == "never":
        return Console(file=file, width=width, color_system=None, force_terminal=False)
    return Console(file=file, width=width, force_terminal=True if color == "always" else None)


def show(out: Path, doc: str, color: str = "auto", width: int | None = None) -> DocumentView:
    """Print the document `doc` names with everything extracted from it."""
    view = load_document(out, doc)
    terminal = console(color, width)
    terminal.print(render(view, plain=_plain(terminal)))
    return view


def render_terminal(view: DocumentView, color: str = "never", width: int | None = 80) -> str:
    """What `show` prints, as a string (ANSI colours with `always`, or with `auto` when
    standard output is a terminal)."""
    if color == "auto":
        color = "always" if sys.stdout.isatty() else "never"
    buffer = io.StringIO()
    terminal = console(color, width, file=buffer)
    terminal.print(render(view, plain=_plain(terminal)))
    return buffer.getvalue()


def _plain(terminal: Console) -> bool:
    return terminal.color_system is None or terminal.no_color


def render(view: DocumentView, plain: bool = False) -> Group:
    """The document's header, marked text, posts and event cards; `plain` writes the
    marks into the text instead of colouring them."""
    parts: list[RenderableType] = [_header(view)]
    if view.document.text:
        parts += [_legend(plain), Panel(_marked_text(view, plain), padding=(0, 1))]
    if not view.positions.empty:
        parts += [Text(f"posts ({len(view.positions)})", style="bold"), _posts(view)]
    parts.append(Text(f"events ({len(view.events)})", style="bold"))
    parts += [_event_card(view, event) for event in view.events.itertuples()]
    return Group(*parts)


def _header(view: DocumentView) -> Text:
    doc = view.document
    header = Text(doc.title if pd.notna(doc.title) else doc.source, style="bold")
    record = f" [{doc.record}]" if pd.notna(doc.record) else ""
    header.append(f"\n{doc.doc_id} · {doc.source}{record} · ", style="dim")
    if pd.notna(doc.published_at):
        header.append("published ", style="dim").append(str(doc.published_at), style=STYLES["date"])
        header.append(" · ", style="dim")
    header.append(doc.status, style="dim")
    for problem in (doc.error, doc.warning):
        if pd.notna(problem):
            header.append(f"\n{problem}", style="yellow")
    return header


def _legend(plain: bool) -> Text:
    """The legend words of the page too; a trigger's label is its event's id."""
    legend = Text("legend: ")
    for kind, word in LEGEND.items():
        label = "e0" if kind == "trigger" else word
        if plain:
            legend.append(f"[{label}: {word}]  " if kind == "trigger" else f"[{word}: …]  ")
        else:
            legend.append(word, style=STYLES[kind])
            legend.append("[e0]  " if kind == "trigger" else "  ", style="dim red")
    if not plain:  # dates are coloured, not marked in a plain text
        legend.append("date", style=STYLES["date"])
    return legend


def _marked_text(view: DocumentView, plain: bool) -> Text:
    """Coloured spans with each trigger's event id after it, or (`plain`) every mark as
    `[label: text]`, nested as the spans are."""
    found = marks(view)
    # The event id follows the last part of a trigger only (`соглашение … подписано[e1]`).
    last_parts = set({dict(m.attrs)["event-id"]: m for m in found if m.kind == "trigger"}.values())
    marked, active = Text(), []
    for item in nested(view.document.text, found):
        if isinstance(item, str):
            style = Style.combine([Style(), *(STYLES[m.kind] for m in active)])
            marked.append(item, style=None if plain else style)
        elif isinstance(item, Open):
            active.append(item.mark)
            if plain:
                marked.append(f"[{item.mark.label}: " if item.first else "[")
        else:
            active.remove(item.mark)
            if plain:
                marked.append("]")
            elif item.last and item.mark in last_parts:
                marked.append(f"[{item.mark.label}]", style="dim red")
    return marked


def _grid() -> Table:
    """Two columns, a label and its value; a value too long for a line goes on the
    next ones, a word too long for one is folded, never cut."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _posts(view: DocumentView) -> Table:
    grid = _grid()
    for row in view.positions.itertuples():
        line = Text(row.person, style="bold")
        line.append(f": {row.position}")
        where = _labelled((("body", row.organization), ("place", row.location)))
        if where:
            inferred = " (inferred)" if row.where_source == "inferred" else ""
            line.append(f" · {where}{inferred}", style="dim")
        grid.add_row("•", line)
    return grid


def _labelled(pairs: Iterable[tuple[str, object]]) -> str:
    return " · ".join(f"{key}: {value}" for key, value in pairs if pd.notna(value) and value)


def _event_card(view: DocumentView, event) -> Table:
    grid = _grid()
    heading = Text(f"{view.short_id(event.event_id)} ", style="bold red")
    heading.append(f"{event.type} · {event.modality} · CAMEO {event.cameo}", style="bold")
    grid.add_row("event", heading)
    when = Text("—")
    if pd.notna(event.date):
        how = date_how(event)
        when = Text.assemble((str(event.date), STYLES["date"]), f" ({how})" if how else "")
    grid.add_row("date", when)
    for key, value in (("where", event.location), ("about", event.topic)):
        if pd.notna(value):
            grid.add_row(key, str(value))
    people = [participant_line(view, p) for p in view.participants_of(event.event_id).itertuples()]
    grid.add_row("participants", "\n".join(people) or "—")
    grid.add_row("trigger", event.trigger)
    grid.add_row("rule", event.rule)
    return Panel(grid, padding=(0, 1), border_style="dim")


def participant_line(view: DocumentView, row) -> str:
    """`participant: Андрей Белов (PER, заместитель губернатора) — via post: губернатор`."""
    post = f", {row.position}" if pd.notna(row.position) else ""
    via = via_note(view, row)
    return f"{row.role}: {row.name} ({row.type}{post})" + (f" — {via}" if via else "")


# ---------------------------------------------------------------- JSON


def render_json(view: DocumentView) -> str:
    """One JSON object: the document, its mentions and posts, and its events each with
    its participants."""
    events = _records(view.events)
    for event in events:
        event["participants"] = _records(view.participants_of(event["event_id"]))
    found = {
        "document": _records(view.document.to_frame().T)[0],
        "mentions": _records(view.mentions),
        "positions": _records(view.positions),
        "events": events,
    }
    return json.dumps(found, ensure_ascii=False, indent=2, default=_json_value)


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _json_value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item"):  # a numpy scalar
        return value.item()
    if hasattr(value, "tolist"):  # a list column
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")
