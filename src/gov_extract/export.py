"""The tables as CSV or JSON Lines, for readers that do not read Parquet
(`gov-extract export`): one file per table, `<table>.csv` or `<table>.jsonl`.

Read and written a record batch at a time, so that memory does not follow the size of
the output. CSV is UTF-8 with a header line; a list (`entities.aliases`) becomes its
items joined by `; `, dates ISO 8601. JSON Lines keeps lists as arrays, dates and times
as ISO 8601 strings, missing values as null. Each file appears whole or not at all: it
is written under a temporary name and renamed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.dataset as pa_dataset

from gov_extract.store.schema import TABLES
from gov_extract.tables import snapshot

FORMATS = ("csv", "jsonl")
# Between the items of a list in a CSV cell.
LIST_SEPARATOR = "; "


def export(
    out: str | os.PathLike[str],
    to: str | os.PathLike[str],
    format: str = "csv",
    tables: Iterable[str] = TABLES,
) -> dict[str, Path]:
    """Write the `tables` of the output folder `out` into the folder `to`; returns the
    file written for each table."""
    if format not in FORMATS:
        raise ValueError(f"format {format!r}: give one of {', '.join(FORMATS)}")
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise ValueError(f"no table {unknown[0]!r}: the tables are {', '.join(TABLES)}")
    folder, to = snapshot(out), Path(to)
    to.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in tables:
        dataset = pa_dataset.dataset(folder / name, format="parquet")
        target = to / f"{name}.{format}"
        partial = target.with_name(f".{target.name}.partial")
        with partial.open("wb") as sink:
            (_write_csv if format == "csv" else _write_jsonl)(dataset, sink)
        partial.replace(target)
        written[name] = target
    return written


def _write_csv(dataset: pa_dataset.Dataset, sink: BinaryIO) -> None:
    schema = pa.schema(
        [pa.field(f.name, pa.string()) if _is_list(f.type) else f for f in dataset.schema]
    )
    with pa_csv.CSVWriter(sink, schema) as writer:
        for batch in dataset.to_batches():
            columns = [
                pc.binary_join(column, LIST_SEPARATOR) if _is_list(column.type) else column
                for column in batch.columns
            ]
            writer.write_batch(pa.record_batch(columns, schema=schema))


def _is_list(type: pa.DataType) -> bool:
    return pa.types.is_list(type) or pa.types.is_large_list(type)


def _write_jsonl(dataset: pa_dataset.Dataset, sink: BinaryIO) -> None:
    for batch in dataset.to_batches():
        sink.writelines(_json_lines(batch.to_pylist()))


def _json_lines(rows: list[dict[str, Any]]) -> Iterator[bytes]:
    for row in rows:
        yield (json.dumps(row, ensure_ascii=False, default=_iso) + "\n").encode()


def _iso(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
