"""Readers: files of every supported format to `Source` records, one per document.

A reader never raises for bad input: what it cannot read becomes a `Source` with
`error` set, so that the document still gets its `documents` row. An empty file or
cell becomes a `Source` with an empty body, which the cleaner marks `empty`.
"""

from __future__ import annotations

import csv
import errno
import gzip
import io
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import parse_datetime
from .decode import DecodeError, decode
from .records import INTERNAL_ERROR, Source, sha256

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

# Twenty times the longest press release we have seen: over it, the input is a dump,
# a log or a book, and annotating it would hold a worker for minutes.
MAX_CHARS = 1_000_000
# No supported encoding takes more bytes per character, so a one-document file larger
# than this is over the limit without being read.
MAX_BYTES_PER_CHAR = 4
ONE_DOCUMENT_FORMATS = frozenset({"txt", "html"})

# csv's own field limit (128 KB) would break the row of a long release and, being an
# error in the middle of a record, the rows after it; `max_chars` is checked per row.
csv.field_size_limit(2**31 - 1)


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


def discover(
    root: Path,
    follow_links: bool = False,
    skip: Path | None = None,
    unsupported: list[Path] | None = None,
) -> list[Path]:
    """Input files under root (or root itself), sorted, hidden files and folders and the
    folder `skip` (the run's own output) left out; files of no supported format are
    added to `unsupported` when given.

    Unreadable folders, and links that lead out of root when links are not followed,
    are listed too: `read` gives each a `documents` row that says so, rather than
    losing them silently. With `follow_links`, a folder reached twice (a link loop)
    is walked once.
    """
    if not root.is_dir():
        return [root]
    found: list[Path] = []
    walked: set[tuple[int, int]] = set()
    skipped = os.path.realpath(skip) if skip else None
    for folder, subfolders, files in os.walk(
        root, onerror=lambda error: found.append(Path(error.filename)), followlinks=follow_links
    ):
        here = Path(folder)
        if follow_links and not _first_visit(here, walked):
            subfolders[:] = []
            continue
        subfolders[:] = sorted(
            name
            for name in subfolders
            if _visible(name) and os.path.realpath(here / name) != skipped
        )
        visible = [here / name for name in sorted(files) if _visible(name)]
        found.extend(path for path in visible if format_of(path))
        if unsupported is not None:
            unsupported.extend(path for path in visible if not format_of(path))
        if not follow_links:
            found.extend(here / name for name in subfolders if _leaves(here / name, root))
    return found


def _visible(name: str) -> bool:
    return not name.startswith((".", "_"))


def _first_visit(folder: Path, walked: set[tuple[int, int]]) -> bool:
    stat = folder.stat()
    key = (stat.st_dev, stat.st_ino)
    if key in walked:
        return False
    walked.add(key)
    return True


def _leaves(path: Path, root: Path) -> bool:
    """A link whose target is outside root."""
    if not path.is_symlink():
        return False
    base = os.path.realpath(root)
    return os.path.commonpath([os.path.realpath(path), base]) != base


def relative_source(path: Path, root: Path) -> str:
    if root.is_file():
        return path.name
    return path.relative_to(root).as_posix()


def read(
    path: Path,
    root: Path,
    columns: Columns,
    *,
    max_chars: int = MAX_CHARS,
    follow_links: bool = False,
) -> Iterator[Source]:
    """The documents of one input file (or the row that says why it gives none)."""
    source = relative_source(path, root)
    fmt = "folder" if path.is_dir() else format_of(path) or "txt"
    if not follow_links and root.is_dir() and _leaves(path, root):
        yield _not_read(
            source, fmt,
            f"link out of the input folder, not followed (it points to {os.path.realpath(path)}); "
            "pass --follow-links to read it, or move its target into the input folder",
        )  # fmt: skip
        return
    try:
        data = _contents(path, fmt, max_chars)
    except OSError as error:
        yield _not_read(source, fmt, _unreadable(error, fmt))
        return
    if data is None:
        yield _not_read(source, fmt, _too_long(f"{path.stat().st_size:,} bytes", max_chars))
        return
    if not data.strip():
        yield Source(source, None, fmt, sha256(data), body="")
        return
    try:
        for found in READERS[fmt](data, source, columns):
            yield _within(found, max_chars)
    except Exception as error:  # a reader's bug must cost this file only, not the run
        yield Source(
            source, None, fmt, sha256(data),
            error=INTERNAL_ERROR.format(f"{type(error).__name__}: {error}"),
        )  # fmt: skip


def _contents(path: Path, fmt: str, max_chars: int) -> bytes | None:
    """The file's bytes; None for a one-document file too large to be under the limit."""
    if fmt == "folder":
        os.listdir(path)  # raises why the walk could not list it
        raise IsADirectoryError(f"cannot list {path}")
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        # Reading a pipe or a device would block the run or never end.
        raise OSError(errno.EINVAL, "not a regular file but a pipe, socket or device")
    if fmt in ONE_DOCUMENT_FORMATS and status.st_size > MAX_BYTES_PER_CHAR * max_chars:
        return None
    return path.read_bytes()


def _unreadable(error: OSError, fmt: str) -> str:
    what = "folder" if fmt == "folder" else "file"
    return (
        f"cannot read the {what}: {error.strerror or error}; check that it still exists, "
        "is a regular file or folder, and that the user running gov-extract may read it"
    )


def _too_long(size: str, max_chars: int) -> str:
    return (
        f"document too long: {size}, over the limit of {max_chars:,} characters; split it "
        "into releases, or raise the limit with --max-chars"
    )


def _within(source: Source, max_chars: int) -> Source:
    size = len(source.body or "") + len(source.title or "")
    if size <= max_chars:
        return source
    error = _too_long(f"{size:,} characters", max_chars)
    return _not_read(source.source, source.format, error, record=source.record)


def _not_read(source: str, fmt: str, error: str, record: str | None = None) -> Source:
    """A document this run could not read. Its content hash is empty, so that the next
    run reads it again: with the file readable, --follow-links or a larger --max-chars
    it may well succeed."""
    return Source(source, record, fmt, "", error=error)


def read_txt(data: bytes, source: str, columns: Columns) -> Iterator[Source]:
    digest = sha256(data)
    try:
        decoded = decode(data)
    except DecodeError as error:
        yield Source(source, None, "txt", digest, error=str(error))
        return
    yield Source(source, None, "txt", digest, body=decoded.text, warning=decoded.warning)


def read_html(data: bytes, source: str, columns: Columns) -> Iterator[Source]:
    # Imported here: trafilatura takes a second to import and most corpora are text.
    import trafilatura

    digest = sha256(data)
    try:
        decoded = decode(data)
    except DecodeError as error:
        yield Source(source, None, "html", digest, error=str(error))
        return
    markup = decoded.text
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
        published_at=parse_datetime(page.date), extracted=True, warning=decoded.warning,
    )  # fmt: skip


def read_csv(data: bytes, source: str, columns: Columns) -> Iterator[Source]:
    if source.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            yield Source(
                source, None, "csv", sha256(data),
                error=f"broken gzip file ({error}); compress the CSV again",
            )  # fmt: skip
            return
    try:
        decoded = decode(data)
    except DecodeError as error:
        yield Source(source, None, "csv", sha256(data), error=str(error))
        return
    lines = io.StringIO(decoded.text, newline="").readlines()
    if not lines:
        yield Source(source, None, "csv", sha256(data), body="")
        return
    header = next(csv.reader(lines[:1]))
    rows = _table_rows(_csv_rows(lines, header), source, "csv", header, columns, sha256(data))
    yield from _warned(rows, decoded.warning)


def _csv_rows(lines: list[str], header: list[str]) -> Iterator[dict[str, str] | Broken]:
    for line, fields in _csv_records(lines):
        if not isinstance(fields, list):
            yield Broken(line, fields, lines[line - 1])
        elif len(fields) != len(header):
            reason = (
                f"{len(fields)} fields where the header has {len(header)}; "
                "check the delimiters and the quoting of this row"
            )
            yield Broken(line, reason, lines[line - 1])
        elif any(fields):
            yield dict(zip(header, fields, strict=True))


def _csv_records(lines: list[str]) -> Iterator[tuple[int, list[str] | str]]:
    """(line number, fields, or why the record is broken) of the records after the header.

    Parsed strictly, so that a quote left open is caught where the text stops making
    sense instead of swallowing every row up to the next quote: that record is broken,
    and parsing starts again on the line after its first one. A stray quote within
    one line is read leniently, as spreadsheets do.
    """
    feed = _Feed(lines, at=1)
    strict = csv.reader(feed, strict=True)
    while True:
        start = feed.at
        try:
            fields = next(strict)
        except StopIteration:
            return
        except csv.Error as error:
            if feed.at == start + 1:
                fields = _lenient(lines[start])
            else:
                feed.at = start + 1
                fields = (
                    f"a quoted field that starts here does not end properly ({error}); "
                    "the rows below it are read on their own: fix the quoting of this row"
                )
        # csv sees a blank line as a record without fields.
        if fields:
            yield start + 1, fields


def _lenient(line: str) -> list[str] | str:
    try:
        return next(csv.reader([line]))
    except csv.Error as error:
        return f"the row cannot be parsed ({error}); fix its quoting"


class _Feed:
    """Lines for csv.reader from a position the caller can move back."""

    def __init__(self, lines: list[str], at: int) -> None:
        self.lines, self.at = lines, at

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if self.at >= len(self.lines):
            raise StopIteration
        self.at += 1
        return self.lines[self.at - 1]


def read_jsonl(data: bytes, source: str, columns: Columns) -> Iterator[Source]:
    try:
        decoded = decode(data)
    except DecodeError as error:
        yield Source(source, None, "jsonl", sha256(data), error=str(error))
        return
    text = decoded.text
    records: list[dict[str, Any] | Broken] = []
    keys: list[str] = []
    # Not splitlines(): JSON strings may hold U+2028 and other line separators.
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            record = _json_record(number, line)
            if isinstance(record, dict):
                keys.extend(key for key in record if key not in keys)
            records.append(record)
    rows = _table_rows(records, source, "jsonl", keys, columns, sha256(data))
    yield from _warned(rows, decoded.warning)


def _warned(sources: Iterable[Source], warning: str | None) -> Iterator[Source]:
    """Every row of a file that decoded with a warning carries it."""
    for source in sources:
        source.warning = source.warning or warning
        yield source


def _json_record(number: int, line: str) -> dict[str, Any] | Broken:
    try:
        record = json.loads(line)
    # ValueError also covers integers too long to convert; RecursionError, deep nesting.
    except (ValueError, RecursionError) as error:
        reason = getattr(error, "msg", None) or type(error).__name__
        return Broken(number, f"broken JSON line ({reason}); fix or remove the line", line)
    if not isinstance(record, dict):
        return Broken(number, "the line is not a JSON object; write one {...} per line", line)
    return record


def read_parquet(data: bytes, source: str, columns: Columns) -> Iterator[Source]:
    # Imported here: worker processes import this module and read no Parquet.
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as error:  # pyarrow raises several unrelated types for a bad file
        yield Source(
            source, None, "parquet", sha256(data),
            error=f"unreadable Parquet file ({error}); write it again or convert it to CSV",
        )  # fmt: skip
        return
    yield from _table_rows(
        table.to_pylist(), source, "parquet", table.column_names, columns, sha256(data)
    )


@dataclass(frozen=True, slots=True)
class Broken:
    """A row of a tabular file that could not be read, and its raw text."""

    line: int
    reason: str
    raw: str


def _table_rows(
    rows: Iterable[dict[str, Any] | Broken],
    source: str,
    fmt: str,
    header: list[str],
    columns: Columns,
    file_digest: str,
) -> Iterator[Source]:
    """One `Source` per row; a file without rows gives one empty document."""
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
    number = 0
    for number, row in enumerate(rows, start=1):
        if isinstance(row, Broken):
            yield Source(
                source, str(number), fmt, sha256(row.raw.encode()),
                error=f"row {number} (line {row.line}): {row.reason}",
            )  # fmt: skip
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
    if number == 0:
        yield Source(source, None, fmt, file_digest, body="")


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
