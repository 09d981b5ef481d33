"""Readers: files of every supported format to `Source` records, one per document.

A reader never raises for bad input: what it cannot read becomes a `Source` with
`error` set, so that the document still gets its `documents` row.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from .dates import parse_datetime
from .decode import DecodeError, decode
from .records import Source, sha256

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".csv.gz": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column of a tabular input holds what; each field lists names tried in order."""

    text: tuple[str, ...] = ("text", "body", "content")
    title: tuple[str, ...] = ("title", "headline")
    date: tuple[str, ...] = ("date", "published_at", "published", "datetime")
    url: tuple[str, ...] = ("url", "link")
    id: tuple[str, ...] = ("id", "doc_id")

    @classmethod
    def with_overrides(cls, **given: str | None) -> Columns:
        defaults = cls()
        return cls(
            **{
                name: (value,) if value else getattr(defaults, name)
                for name, value in given.items()
            }
        )


def format_of(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(suffix):
            return FORMATS[suffix]
    return None


def discover(root: Path) -> list[Path]:
    """Input files under root (or root itself), sorted, hidden files and folders skipped."""
    if root.is_file():
        return [root]
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith((".", "_")))
        found.extend(
            Path(folder) / name
            for name in sorted(files)
            if not name.startswith((".", "_")) and format_of(Path(name))
        )
    return found


def relative_source(path: Path, root: Path) -> str:
    if root.is_file():
        return path.name
    return path.relative_to(root).as_posix()


def read(path: Path, root: Path, columns: Columns) -> Iterator[Source]:
    source = relative_source(path, root)
    fmt = format_of(path) or "txt"
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Source(
            source, None, fmt, "", error=f"cannot read the file: {error.strerror or error}"
        )
        return
    reader = READERS[fmt]
    yield from reader(data, source, columns)


def read_txt(data: bytes, source: str, columns: Columns) -> Iterator[Source]:
    digest = sha256(data)
    try:
        decoded = decode(data)
    except DecodeError as error:
        yield Source(source, None, "txt", digest, error=str(error))
        return
    yield Source(source, None, "txt", digest, body=decoded.text)


def read_html(data: bytes, source: str, columns: Columns) -> Iterator[Source]:
    # Imported here: trafilatura takes a second to import and most corpora are text.
    import trafilatura

    digest = sha256(data)
    try:
        markup = decode(data).text
    except DecodeError as error:
        yield Source(source, None, "html", digest, error=str(error))
        return
    # trafilatura parses with lxml: nothing is fetched and no script runs.
    page = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={
            "outputformat": "%Y-%m-%dT%H:%M:%S",
            "original_date": True,
            "extensive_search": False,
        },
    )
    if page is None or not (page.text or "").strip():
        yield Source(
            source, None, "html", digest,
            error="no article text found in the HTML page (only menus, scripts or an empty body); "
            "check that the page was saved completely",
        )  # fmt: skip
        return
    yield Source(
        source, None, "html", digest,
        body=page.text, title=page.title, url=page.url,
        published_at=parse_datetime(page.date), extracted=True,
    )  # fmt: skip


def read_csv(data: bytes, source: str, columns: Columns) -> Iterator[Source]:
    if source.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            yield Source(source, None, "csv", sha256(data), error=f"broken gzip file: {error}")
            return
    try:
        text = decode(data).text
    except DecodeError as error:
        yield Source(source, None, "csv", sha256(data), error=str(error))
        return
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if not header:
        yield Source(source, None, "csv", sha256(data), error="empty CSV file: no header row")
        return
    yield from _table_rows(
        (dict(zip(header, row, strict=False)) if len(row) == len(header) else row for row in rows),
        source, "csv", header, columns, sha256(data),
    )  # fmt: skip


def read_jsonl(data: bytes, source: str, columns: Columns) -> Iterator[Source]:
    try:
        text = decode(data).text
    except DecodeError as error:
        yield Source(source, None, "jsonl", sha256(data), error=str(error))
        return
    records: list[dict[str, Any] | str] = []
    keys: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            records.append(f"broken JSON line ({error.msg})")
            continue
        if not isinstance(record, dict):
            records.append("the line is not a JSON object")
            continue
        keys.extend(key for key in record if key not in keys)
        records.append(record)
    yield from _table_rows(records, source, "jsonl", keys, columns, sha256(data))


def read_parquet(data: bytes, source: str, columns: Columns) -> Iterator[Source]:
    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as error:  # pyarrow raises several unrelated types for a bad file
        yield Source(
            source, None, "parquet", sha256(data), error=f"unreadable Parquet file: {error}"
        )
        return
    yield from _table_rows(
        table.to_pylist(), source, "parquet", table.column_names, columns, sha256(data)
    )


def _table_rows(
    rows: Iterable[dict[str, Any] | Any],
    source: str,
    fmt: str,
    header: list[str],
    columns: Columns,
    file_digest: str,
) -> Iterator[Source]:
    """One `Source` per row. A row that is not a dict is broken; it carries its reason."""
    text_col = _pick(header, columns.text)
    if text_col is None:
        yield Source(
            source, None, fmt, file_digest,
            error=f"no text column: looked for {', '.join(columns.text)}, found "
            f"{', '.join(header) or 'none'}; name it with --text-col",
        )  # fmt: skip
        return
    title_col, date_col = _pick(header, columns.title), _pick(header, columns.date)
    url_col, id_col = _pick(header, columns.url), _pick(header, columns.id)
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            reason = row if isinstance(row, str) else "the row has a wrong number of fields"
            payload = json.dumps(row, ensure_ascii=False, default=str).encode()
            yield Source(source, str(number), fmt, sha256(payload), error=f"row {number}: {reason}")
            continue
        payload = json.dumps(row, ensure_ascii=False, sort_keys=True, default=str).encode()
        record = _text(row.get(id_col)) if id_col else None
        yield Source(
            source,
            record or str(number),
            fmt,
            sha256(payload),
            body=_text(row.get(text_col)) or "",
            title=_text(row.get(title_col)) if title_col else None,
            url=_text(row.get(url_col)) if url_col else None,
            published_at=parse_datetime(row.get(date_col)) if date_col else None,
        )


def _pick(header: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {name.lower(): name for name in header}
    return next((lowered[name.lower()] for name in names if name.lower() in lowered), None)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text if text and text.lower() not in {"nan", "none", "null"} else None


READERS = {
    "txt": read_txt,
    "html": read_html,
    "csv": read_csv,
    "jsonl": read_jsonl,
    "parquet": read_parquet,
}
