"""`show` in a terminal and as JSON, on a document written by hand (tests/views/handmade.py)."""

from __future__ import annotations

import json
import re

import pytest
from handmade import DOC, TEXT, view

from gov_extract.views.document import LEGEND
from gov_extract.views.show import render_json, render_terminal

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def squeezed(text: str) -> str:
    """The text without its whitespace and frames: what is left once wrapping is undone."""
    return re.sub(r"[\s│╭╮╰╯─]", "", text)


@pytest.mark.parametrize("width", [40, 80, 200])
def test_nothing_is_cut_at_any_width(width: int) -> None:
    shown = render_terminal(view(), color="never", width=width)
    assert "…" not in shown.split("legend:")[0] + shown.split("╭", 1)[1]
    assert all(len(line) <= width for line in shown.splitlines())
    everything = squeezed(shown)
    document = view()
    values = [document.document.title, document.document.doc_id, "2024-03-1509:30:00"]
    values += [
        v
        for e in document.events.itertuples()
        for v in (e.type, e.modality, e.rule, e.trigger, str(e.date))
    ]
    values += [*document.events.topic.dropna(), *document.events.location.dropna()]
    values += [f"{p.role}:{p.name}({p.type}" for p in document.participants.itertuples()]
    values += [*document.positions.position, *document.positions.person]
    for value in values:
        assert squeezed(value) in everything, value


def test_place_and_topic_are_labelled_fields() -> None:
    lines = render_terminal(view(), color="never", width=100).splitlines()
    assert any(re.search(r"\bwhere +Тверь\b", line) for line in lines)
    assert any(re.search(r"\babout +о поставках зерна\b", line) for line in lines)
    assert any(
        re.search(r"\bdate +2024-03-01 \(stated in the text, month\)", line) for line in lines
    )


def test_plain_output_writes_the_marks_into_the_text() -> None:
    shown = render_terminal(view(), color="never", width=300)
    assert not ANSI.search(shown)
    # Nested as the spans are, each label at its span's start, in the legend's words.
    assert "[post: Губернатор [place: Тверской области]] [person: Иван Петров]" in shown
    assert "[body: Минфина [place: России]]" in shown
    # A trigger of two words side by side is one mark; two words apart are two, each
    # with its event's id, as a plain text has no other way to tie them.
    assert "[e1: подписали соглашение]" in shown
    assert "[e2: Соглашение] о поставках зерна было [e2: подписано]" in shown
    assert all(f"{word}" in shown.split("╭")[0] for word in LEGEND.values())


def test_colour_modes() -> None:
    coloured = render_terminal(view(), color="always", width=300)
    assert ANSI.search(coloured)
    plain = ANSI.sub("", coloured)
    # The event id follows a trigger once, after its last part.
    assert plain.count("[e2]") == 1 and "подписано[e2]" in plain
    # Dates coloured as the page highlights them, under the page's legend word.
    assert "date" in plain.split("╭")[0]
    assert re.search(r"\x1b\[[0-9;]*m2024-03-01\x1b\[0m \(stated in the text, month\)", coloured)
    assert "подписали соглашение[e1]" in plain
    # `auto` writing into a file (as under pytest) is plain.
    assert not ANSI.search(render_terminal(view(), color="auto", width=80))
    with pytest.raises(ValueError, match="always, never"):
        render_terminal(view(), color="sometimes")


def test_participants_found_otherwise_than_by_name_say_how() -> None:
    shown = render_terminal(view(), color="never", width=200)
    assert "visitor: Иван Петров (PER) — via post (named earlier as «Иван Петров»)" in shown
    assert "party: Минфин России (ORG) — via implicit (named earlier as «Минфина России»)" in shown
    assert "participant: Иван Петров (PER, губернатор Тверской области)\n" in shown.replace(
        " │", ""
    ).replace("  ", "")


def test_json_is_one_object_with_every_row() -> None:
    document = view()
    found = json.loads(render_json(document))
    assert found["document"]["doc_id"] == DOC and found["document"]["text"] == TEXT
    assert found["document"]["published_at"] == "2024-03-15T09:30:00"
    assert [m["mention_id"] for m in found["mentions"]] == list(document.mentions.mention_id)
    assert found["positions"][0]["position"] == "губернатор Тверской области"
    events = {e["event_id"]: e for e in found["events"]}
    assert list(events) == list(document.events.event_id)
    visit = events[f"{DOC}-e3"]
    assert visit["date"] == "2024-03-01" and visit["date_precision"] == "month"
    assert visit["topic"] is None and visit["location"] == "Ржев"
    assert [(p["role"], p["via"]) for p in visit["participants"]] == [
        ("visitor", "post"),
        ("destination", "name"),
    ]
    assert events[f"{DOC}-e2"]["participants"] == []
