"""The tables in memory, as pandas DataFrames: `gov_extract.load(out)` reads an output
folder, `gov_extract.extract(text)` (`text.py`) gives the same for one text.

Beside the contract's six tables, `Tables` holds the joins a researcher makes first:
every event participant with the event and the post (`participations`), one row per
event with its participants (`events_with_participants`), the posts dated by their
release (`posts`). A one-document `Tables` shows in a notebook as the page of
`gov-extract show --html`.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from gov_extract.store.schema import TABLES, to_table
from gov_extract.store.write import CURRENT
from gov_extract.views.document import DocumentView
from gov_extract.views.document import _find_doc_id as find_doc_id
from gov_extract.views.page import render_html
from gov_extract.views.stats import NotAnOutput


def snapshot(out: str | os.PathLike[str]) -> Path:
    """The published version of OUT's tables, resolved once: reads from it stay
    consistent while a run publishes the next version."""
    out = Path(out)
    missing = [name for name in TABLES if not (out / name).is_dir()]
    if missing:
        raise NotAnOutput(
            f"{out} is not an output folder of `gov-extract run`: no {missing[0]}/ in it"
        )
    current = out / CURRENT
    return Path(os.path.realpath(current)) if current.exists() else out


@dataclass(repr=False, eq=False)
class Tables:
    """The six tables of the contract (docs/schema.md), one DataFrame each."""

    documents: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    positions: pd.DataFrame
    events: pd.DataFrame
    event_participants: pd.DataFrame

    @classmethod
    def from_rows(cls, rows: dict[str, list[dict]]) -> Tables:
        """Rows by table, typed by the contract's schemas as a Parquet read types them."""
        return cls(**{name: to_table(name, rows.get(name, [])).to_pandas() for name in TABLES})

    @cached_property
    def participations(self) -> pd.DataFrame:
        """One row per participant of an event: the event's type, modality, date, place
        and topic, the participant's role, name, entity type (`entity_type`) and post as
        the release states it, and the release's date and source."""
        events = self.events[
            ["event_id", "type", "modality", "date", "location", "topic", "trigger", "sentence"]
        ]
        people = self.event_participants.rename(columns={"type": "entity_type"})[
            ["event_id", "doc_id", "role", "name", "entity_type", "position", "entity_id", "via"]
        ]
        documents = self.documents[["doc_id", "published_at", "source", "record"]]
        joined = events.merge(people, on="event_id").merge(documents, on="doc_id", how="left")
        return joined.sort_values(["date", "event_id", "role", "name"], na_position="last",
                                  ignore_index=True)  # fmt: skip

    @cached_property
    def events_with_participants(self) -> pd.DataFrame:
        """One row per event, its participants in one column: `name (post)`, `; `
        between them, in the order of the roles."""
        listed = self.participations.assign(
            who=lambda rows: rows.name.where(
                rows.position.isna(), rows.name + " (" + rows.position.fillna("") + ")"
            )
        )
        together = listed.groupby("event_id", sort=False).who.agg("; ".join).to_dict()
        columns = ["event_id", "date", "type", "modality", "location", "topic", "trigger",
                   "sentence", "doc_id"]  # fmt: skip
        return (
            self.events[columns]
            .assign(participants=lambda events: events.event_id.map(together))
            .sort_values(["date", "event_id"], na_position="last", ignore_index=True)
        )

    @cached_property
    def posts(self) -> pd.DataFrame:
        """The positions, each dated by the release that states it, oldest first."""
        documents = self.documents[["doc_id", "published_at", "source", "record"]]
        return self.positions.merge(documents, on="doc_id", how="left").sort_values(
            ["published_at", "doc_id", "start"], na_position="last", ignore_index=True
        )

    def document(self, doc: str) -> Tables:
        """The rows of one document, named as `gov-extract show` names it: doc_id, its
        own id in a CSV, JSONL or Parquet input (`record`), or its source path or file
        name. Raises `LookupError` when none or several match."""
        doc_id = find_doc_id(self.documents, doc)
        own = {name: frame[frame.doc_id == doc_id] for name, frame in self.frames().items()
               if name != "entities"}  # fmt: skip
        own["entities"] = self.entities[self.entities.entity_id.isin(own["mentions"].entity_id)]
        return Tables(**{name: frame.reset_index(drop=True) for name, frame in own.items()})

    def frames(self) -> dict[str, pd.DataFrame]:
        """The six tables by name."""
        return {field.name: getattr(self, field.name) for field in fields(self)}

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """Every table as a list of rows that `json.dumps` takes: dates and times in ISO
        8601, missing values as None."""
        return {
            name: [_plain_row(row) for row in frame.to_dict("records")]
            for name, frame in self.frames().items()
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def duckdb(self) -> Any:
        """A DuckDB connection in memory with the six tables and the joins above as
        tables of the same names (duckdb is optional: `pip install duckdb`)."""
        import duckdb

        connection = duckdb.connect()
        named = {**self.frames(), "participations": self.participations,
                 "events_with_participants": self.events_with_participants, "posts": self.posts}  # fmt: skip
        for name, frame in named.items():
            connection.register(name, frame)
        return connection

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(frame)}" for name, frame in self.frames().items())
        return f"Tables({counts})"

    def _repr_html_(self) -> str:
        """One document: the page of `show --html` as one element whose style stays its
        own; several: the size of each table."""
        if len(self.documents) != 1:
            rows = "".join(
                f"<tr><td>{name}</td><td>{len(frame)}</td></tr>"
                for name, frame in self.frames().items()
            )
            return f"<table><tr><th>table</th><th>rows</th></tr>{rows}</table>"
        return render_html(view(self), standalone=False)


def load(out: str | os.PathLike[str] = "data/out") -> Tables:
    """The tables of an output folder of `gov-extract run`, read from one published
    version. Raises `NotAnOutput` (a `FileNotFoundError`) when `out` is not one."""
    folder = snapshot(out)
    return Tables(**{name: pd.read_parquet(folder / name) for name in TABLES})


def render(tables: Tables, doc: str | None = None) -> str:
    """The HTML page of one document, as `gov-extract show --html` writes it: the only
    document of `tables` (what `extract` returns), or the one `doc` names (as
    `Tables.document` takes it)."""
    if doc is not None:
        tables = tables.document(doc)
    if len(tables.documents) != 1:
        raise LookupError(
            f"render shows one document and these tables hold {len(tables.documents)}: "
            "name one, render(tables, doc_id)"
        )
    return render_html(view(tables))


def view(tables: Tables) -> DocumentView:
    """The view of the only document of `tables`, for the functions of `views.show`."""

    def by_start(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.sort_values("start", kind="stable").reset_index(drop=True)

    return DocumentView(
        document=tables.documents.iloc[0],
        mentions=by_start(tables.mentions),
        positions=by_start(tables.positions),
        events=by_start(tables.events),
        participants=by_start(tables.event_participants),
    )


def _plain_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _plain(value) for key, value in row.items()}


def _plain(value: Any) -> Any:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy scalars and arrays (entities.aliases)
        return value.tolist()
    return value
