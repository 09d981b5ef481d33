"""What an output folder holds, in figures: documents, the most frequent names, events."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.console import Group
from rich.table import Table

from gov_extract.lexicons import load
from gov_extract.store.schema import TABLES

UNKNOWN = "unknown"  # the month of a document or event without a date


class NotAnOutput(FileNotFoundError):
    """OUT lacks a table that `gov-extract run` writes."""


def read_table(out: Path, name: str) -> pd.DataFrame:
    """One table of an output folder as `gov-extract run` wrote it."""
    folder = out / name
    if name not in TABLES or not folder.is_dir():
        raise NotAnOutput(f"{out} is not an output folder of `gov-extract run`: no {name}/ in it")
    return pd.read_parquet(folder)


def stats(out: Path, top: int = 10) -> dict:
    """The figures of `gov-extract stats`, JSON-serialisable.

    `events` counts events of every modality; `people_with_most_meetings` counts the
    meetings that took place (`asserted`), not the planned or cancelled ones, and
    `regions_most_visited` the visits that took place, by the region of their place.
    """
    documents = read_table(out, "documents")
    entities = read_table(out, "entities")
    events = read_table(out, "events")
    participants = read_table(out, "event_participants")
    return {
        "documents": {
            "total": len(documents),
            "by_status": _counts(documents.status),
            "by_month": dict(sorted(_counts(_months(documents.published_at)).items())),
        },
        "people": _top_entities(entities, "PER", top),
        "bodies": _top_entities(entities, "ORG", top),
        "places": _top_entities(entities, "LOC", top),
        "events": {
            "total": len(events),
            "by_type": _counts(events.type),
            "by_modality": _counts(events.modality),
            "by_month": _by_month_and_type(events),
        },
        "people_with_most_meetings": _most_meetings(events, participants, top),
        "regions_most_visited": _most_visited(events, top),
    }


def _counts(values: pd.Series) -> dict[str, int]:
    # Most frequent first; ties by key so that the output does not depend on row order.
    counts = values.value_counts()
    return {
        str(key): int(counts[key])
        for key in sorted(counts.index, key=lambda k: (-counts[k], str(k)))
    }


def _months(dates: pd.Series) -> pd.Series:
    months = pd.to_datetime(dates).dt.strftime("%Y-%m")
    return months.fillna(UNKNOWN).astype(str)


def _top_entities(entities: pd.DataFrame, type: str, top: int) -> list[dict]:
    ranked = entities[entities.type == type].sort_values(
        ["n_docs", "n_mentions", "name"], ascending=[False, False, True]
    )
    return [
        {"entity_id": row.entity_id, "name": row.name, "n_docs": int(row.n_docs),
         "n_mentions": int(row.n_mentions)}
        for row in ranked.head(top).itertuples()
    ]  # fmt: skip


def _by_month_and_type(events: pd.DataFrame) -> dict[str, dict[str, int]]:
    months = _months(events.date)
    return {month: _counts(events.type[months == month]) for month in sorted(months.unique())}


def _most_meetings(events: pd.DataFrame, participants: pd.DataFrame, top: int) -> list[dict]:
    held = events[(events.type == "meeting") & (events.modality == "asserted")]
    people = participants[(participants.type == "PER") & participants.entity_id.notna()]
    met = people[people.event_id.isin(held.event_id)].drop_duplicates(["event_id", "entity_id"])
    counts = met.groupby(["entity_id", "name"]).size().reset_index(name="meetings")
    counts = counts.sort_values(["meetings", "name"], ascending=[False, True]).head(top)
    return [
        {"entity_id": row.entity_id, "name": row.name, "meetings": int(row.meetings)}
        for row in counts.itertuples()
    ]


def _most_visited(events: pd.DataFrame, top: int) -> list[dict]:
    if "region" not in events.columns:
        return []  # an output written before the tables had regions
    made = events[(events.type == "visit") & (events.modality == "asserted")]
    counts = made[made.region.notna()].groupby("region").size().reset_index(name="visits")
    counts = counts.sort_values(["visits", "region"], ascending=[False, True]).head(top)
    names = _region_names()
    return [
        {"region": row.region, "name": names.get(row.region, row.region), "visits": int(row.visits)}
        for row in counts.itertuples()
    ]


def _region_names() -> dict[str, str]:
    """Region codes by the official names the gazetteer gives them."""
    gazetteer = load("gazetteer")
    return {
        place["code"]: place["names"][0]
        for place in [*gazetteer["subjects"], *gazetteer["districts"]]
    }


def render(figures: dict) -> Group:
    """The figures of `stats()` as rich tables."""
    documents, events = figures["documents"], figures["events"]
    return Group(
        _pairs(f"documents ({documents['total']})", "status", documents["by_status"]),
        _pairs("documents by month of publication", "month", documents["by_month"]),
        _ranking("people", figures["people"]),
        _ranking("bodies", figures["bodies"]),
        _ranking("places", figures["places"]),
        _pairs(f"events ({events['total']})", "type", events["by_type"]),
        _pairs("events by modality", "modality", events["by_modality"]),
        _events_by_month(events["by_month"]),
        _pairs(
            "people with most meetings (held)",
            "person",
            {row["name"]: row["meetings"] for row in figures["people_with_most_meetings"]},
        ),
        _pairs(
            "regions most visited (visits held)",
            "region",
            {
                f"{row['name']} ({row['region']})": row["visits"]
                for row in figures["regions_most_visited"]
            },
        ),
    )


def _pairs(title: str, key: str, counts: dict[str, int]) -> Table:
    table = Table(title=title, title_justify="left", min_width=40)
    table.add_column(key)
    table.add_column("n", justify="right")
    for name, count in counts.items():
        table.add_row(name, str(count))
    return table


def _ranking(title: str, rows: list[dict]) -> Table:
    table = Table(title=f"most frequent {title}", title_justify="left", min_width=40)
    table.add_column("name")
    table.add_column("documents", justify="right")
    table.add_column("mentions", justify="right")
    for row in rows:
        table.add_row(row["name"], str(row["n_docs"]), str(row["n_mentions"]))
    return table


def _events_by_month(by_month: dict[str, dict[str, int]]) -> Table:
    types = ("meeting", "visit", "agreement")
    table = Table(title="events by month", title_justify="left", min_width=40)
    table.add_column("month")
    for type in types:
        table.add_column(type, justify="right")
    for month, counts in by_month.items():
        table.add_row(month, *(str(counts.get(type, 0)) for type in types))
    return table
