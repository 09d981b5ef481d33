"""Readers: files of every supported format to `Source` records, one per document.

A reader never raises for bad input: what it cannot read becomes a `Source` with
`error` set, so that the document still gets its `documents` row. An empty file or
cell becomes a `Source` with an empty body, which the cleaner marks `empty`.

Tabular files (CSV, JSONL, Parquet) are read as streams, a row at a time, so that
memory does not grow with what a file holds: a row over its limit and the part of a
file past its limit are not read, and get error rows; the rows before them are kept.
"""

from __future__ import annotations

import codecs
import csv
import errno
import gzip
import hashlib
import itertools
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from gov_extract.inputs.dates import parse_datetime
from gov_extract.inputs.decode import DecodeError, decode, legacy_line
from gov_extract.records import INTERNAL_ERROR, Source, sha256

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
# A row of a tabular file may hold this many times the limit of a document in all its
# fields together (text, title, the columns that are not read, quoting); a longer one
# is skipped unparsed, so that a row never holds more than that in memory. A row a
# little over the limit is still parsed, and its message gives its exact length.
ROW_CHARS_PER_DOCUMENT_CHAR = 4
# Unpacked bytes of a tabular file read at most: a gzip bomb or a runaway export stops
# there. A gigabyte of releases is already hours of annotation on a few cores.
MAX_FILE_BYTES = 1_000_000_000
# Bytes read at a time; the first read also tells the encoding (decode.py).
CHUNK_BYTES = 1 << 20
PARQUET_BATCH_ROWS = 256
# CSV delimiters told apart by the header line, the first one when in doubt: `;` is
# what Excel writes in a Russian locale, where `,` is the decimal separator.
DELIMITERS = (",", ";", "\t", "|")

# csv's own field limit (128 KB) would break the row of a long release and, being an
# error in the middle of a record, the rows after it; `max_chars` is checked per row.
csv.field_size_limit(2**31 - 1)

NAME_NOT_UTF8 = (
    "file name not valid UTF-8: its bytes that are not were read as cp1251 (as a ZIP "
    "made on Windows stores them); rename the file in UTF-8 if `source` reads wrong"
)
MIXED_ENCODINGS = "mixed encodings: the bytes that are not valid UTF-8 were read as cp1251"
# Bytes that are not UTF-8, as the surrogateescape error handler gives them.
_ESCAPED = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column of a tabular input holds what; each field lists names tried in order.
    `sep` is the delimiter of CSV files, else told by their header line."""

    text: tuple[str, ...] = ("text", "body", "content")
    title: tuple[str, ...] = ("title", "headline")
    date: tuple[str, ...] = ("date", "published_at", "published", "datetime")
    url: tuple[str, ...] = ("url", "link")
    id: tuple[str, ...] = ("id", "doc_id")
    sep: str | None = None

    @classmethod
    def with_overrides(cls, sep: str | None = None, **given: str | None) -> Columns:
        defaults = cls()
        return cls(
            sep=sep,
            **{
                name: (value,) if value else getattr(defaults, name)
                for name, value in given.items()
            },
        )


def delimiter(value: str) -> str:
    """`--sep` as the one character csv wants: `\\t` and `tab` stand for a tab."""
    sep = {"\\t": "\t", "tab": "\t"}.get(value.lower(), value)
    if len(sep) != 1 or sep in '"\r\n':
        raise ValueError(
            f"--sep must be one character other than a quote or a newline, not {value!r}"
        )
    return sep


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
    """The input's path relative to the input root, as valid text (`_name_text`)."""
    return _name_text(_relative(path, root))


def _relative(path: Path, root: Path) -> str:
    if root.is_file():
        return path.name
    return path.relative_to(root).as_posix()


def _name_text(name: str) -> str:
    """A path as valid text, the same on every run. Python gives the bytes of a name
    that are not UTF-8 (a cp1251 name unpacked from a Windows ZIP) as lone surrogates,
    which no hash, SQLite or Arrow takes; they are read as cp1251 instead."""
    return _legacy_bytes(name)


def _legacy_bytes(escaped: str) -> str:
    """Text decoded as UTF-8 with surrogateescape, its bytes that are not UTF-8 read as
    cp1251, the commonest legacy code page, as decode.py reads a line of a mixed file."""
    if not _ESCAPED.search(escaped):
        return escaped
    return legacy_line(escaped.encode("utf-8", "surrogateescape"), escaped, "cp1251")


@dataclass(frozen=True, slots=True)
class _File:
    """An input file being read, and the limits it is read within."""

    path: Path
    source: str
    format: str
    columns: Columns
    max_chars: int
    max_file_bytes: int

    @property
    def gzipped(self) -> bool:
        return self.path.name.lower().endswith(".gz")

    @property
    def row_chars(self) -> int:
        return ROW_CHARS_PER_DOCUMENT_CHAR * self.max_chars

    def digest(self) -> str:
        """Hash of the file's bytes, for a row that stands for the whole file: read
        again as a stream, as such rows are rare."""
        with self.path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()


class _Stop(Exception):
    """Reading a file cannot go on (too large, broken, binary); the message says why
    in words for the `documents` row. The rows read before are kept."""


def read(
    path: Path,
    root: Path,
    columns: Columns,
    *,
    max_chars: int = MAX_CHARS,
    max_file_bytes: int = MAX_FILE_BYTES,
    follow_links: bool = False,
) -> Iterator[Source]:
    """The documents of one input file (or the row that says why it gives none), as
    they are read: what a tabular file holds past `max_file_bytes` unpacked bytes is
    not read, nor a row over `ROW_CHARS_PER_DOCUMENT_CHAR * max_chars` characters."""
    name = _relative(path, root)
    source = _name_text(name)
    fmt = "folder" if path.is_dir() else format_of(path) or "txt"
    file = _File(path, source, fmt, columns, max_chars, max_file_bytes)
    yield from _warned(
        _documents(file, root, follow_links), NAME_NOT_UTF8 if source != name else None
    )


def _documents(file: _File, root: Path, follow_links: bool) -> Iterator[Source]:
    path, source, fmt = file.path, file.source, file.format
    if not follow_links and root.is_dir() and _leaves(path, root):
        yield _not_read(
            source, fmt,
            f"link out of the input folder, not followed (it points to "
            f"{_name_text(os.path.realpath(path))}); "
            "pass --follow-links to read it, or move its target into the input folder",
        )  # fmt: skip
        return
    try:
        size = _size(path, fmt)
    except OSError as error:
        yield _not_read(source, fmt, _unreadable(error, fmt))
        return
    if size == 0:
        yield Source(source, None, fmt, sha256(b""), body="")
        return
    documents = _one_document(file, size) if fmt in ONE_DOCUMENT_FORMATS else _table(file)
    try:
        yield from documents
    except Exception as error:  # a reader's bug must cost this file only, not the run
        yield Source(
            source, None, fmt, "",
            error=INTERNAL_ERROR.format(f"{type(error).__name__}: {error}"),
        )  # fmt: skip


def _size(path: Path, fmt: str) -> int:
    """The size of a regular file; raises why a folder or anything else is not read."""
    if fmt == "folder":
        os.listdir(path)  # raises why the walk could not list it
        raise IsADirectoryError(f"cannot list {path}")
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        # Reading a pipe or a device would block the run or never end.
        raise OSError(errno.EINVAL, "not a regular file but a pipe, socket or device")
    return status.st_size


def _one_document(file: _File, size: int) -> Iterator[Source]:
    if size > MAX_BYTES_PER_CHAR * file.max_chars:
        yield _not_read(file.source, file.format, _too_long(f"{size:,} bytes", file.max_chars))
        return
    try:
        data = file.path.read_bytes()
    except OSError as error:
        yield _not_read(file.source, file.format, _unreadable(error, file.format))
        return
    if not data.strip():
        yield Source(file.source, None, file.format, sha256(data), body="")
        return
    for found in READERS[file.format](data, file.source, file.columns):
        yield _within(found, file.max_chars)


def _table(file: _File) -> Iterator[Source]:
    try:
        raw = file.path.open("rb")
    except OSError as error:
        yield _not_read(file.source, file.format, _unreadable(error, file.format))
        return
    with raw:
        # GzipFile unpacks as it is read: a bomb costs a chunk of memory at a time.
        stream = gzip.GzipFile(fileobj=raw) if file.gzipped else raw
        try:
            for found in TABLE_READERS[file.format](stream, file):
                yield _within(found, file.max_chars)
        except _Stop as stop:
            yield _not_read(file.source, file.format, str(stop))


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


def _too_large(file: _File) -> str:
    unpacked = " unpacked" if file.gzipped or file.format == "parquet" else ""
    return (
        f"file too large: over {file.max_file_bytes:,} bytes{unpacked}, the rows past them "
        "are not read; split it, or raise the limit with --max-file-bytes"
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


def _warned(sources: Iterable[Source], warning: str | None) -> Iterator[Source]:
    """Every document of a file read with a warning carries it, beside its own."""
    for source in sources:
        if warning:
            source.warning = f"{source.warning}; {warning}" if source.warning else warning
        yield source


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

    from gov_extract.inputs.markup import article_tree

    digest = sha256(data)
    try:
        decoded = decode(data)
    except DecodeError as error:
        yield Source(source, None, "html", digest, error=str(error))
        return
    # trafilatura parses with lxml: nothing is fetched and no script runs.
    tree, deep = article_tree(decoded.text)
    page = None
    if tree is not None:
        page = trafilatura.bare_extraction(
            tree,
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
        warning="; ".join(filter(None, [decoded.warning, deep])) or None,
    )  # fmt: skip


# A line of a text file with its ending, and the warning its decoding gave, if any.
Line = tuple[str, str | None]

# Line ends as io.StringIO(newline="") splits at them, csv's own; JSONL lines end at
# \n alone, as JSON strings may hold U+2028 and its like. A literal \n is searched for
# twenty times faster than the alternation, which is used only where there is a \r.
_UNIVERSAL_LINE_END = re.compile(r"\r\n|\r|\n")
_NEWLINE = re.compile("\n")
_LINE_ENDS = ("\n", "\r")


def _chunks(stream: BinaryIO, file: _File) -> Iterator[bytes]:
    """The file's bytes, unpacked, up to `max_file_bytes`; past them, `_Stop`."""
    unpacked = 0
    while True:
        try:
            chunk = stream.read(CHUNK_BYTES)
        except (OSError, EOFError, zlib.error) as error:
            if file.gzipped:
                raise _Stop(f"broken gzip file ({error}); compress the CSV again") from None
            raise _Stop(_unreadable(error, file.format)) from None
        if not chunk:
            return
        unpacked += len(chunk)
        if unpacked > file.max_file_bytes:
            yield chunk[: len(chunk) - (unpacked - file.max_file_bytes)]
            raise _Stop(_too_large(file))
        yield chunk


def _lines(stream: BinaryIO, file: _File, universal: bool) -> Iterator[Line]:
    """The lines of a text file, decoded as they are read: the first chunk tells the
    encoding (decode.py). Later bytes that are not valid UTF-8 in a UTF-8 file are read
    as cp1251, and in a legacy one replaced, with a warning on their line. A line
    longer than a row may be comes in pieces of `file.row_chars + 1` characters."""
    chunks = _chunks(stream, file)
    first = next(chunks, b"")
    # Without the line that a full chunk may cut in the middle of a character.
    whole = first if len(first) < CHUNK_BYTES else first[: first.rfind(b"\n") + 1] or first
    try:
        encoding = codecs.lookup(decode(whole).encoding).name
    except DecodeError as error:
        raise _Stop(str(error)) from None
    utf8 = encoding in ("utf-8", "utf-8-sig")
    decoder = codecs.getincrementaldecoder(encoding)("strict" if utf8 else "replace")
    for text in _split(_decoded(decoder, first, chunks), file.row_chars + 1, universal):
        if decoder.errors == "surrogateescape" and _ESCAPED.search(text):
            yield _legacy_bytes(text), MIXED_ENCODINGS
        elif not utf8 and "\ufffd" in text:
            yield text, f"some bytes are not valid {encoding} and were replaced by '\ufffd'"
        else:
            yield text, None


def _decoded(
    decoder: codecs.IncrementalDecoder, first: bytes, chunks: Iterable[bytes]
) -> Iterator[str]:
    """The text of the chunks. A strict decoder turns to surrogateescape at the first
    bytes it cannot decode, for good: lines are searched for them only from then on."""
    for chunk in itertools.chain([first], chunks):
        yield _decode(decoder, chunk, final=False)
    yield _decode(decoder, b"", final=True)


def _decode(decoder: codecs.IncrementalDecoder, chunk: bytes, final: bool) -> str:
    state = decoder.getstate()
    try:
        return decoder.decode(chunk, final)
    except UnicodeDecodeError:
        decoder.setstate(state)
        decoder.errors = "surrogateescape"
        return decoder.decode(chunk, final)


def _split(texts: Iterable[str], cap: int, universal: bool) -> Iterator[str]:
    """Lines with their endings: `\n`, and with `universal` also `\r\n` and `\r`; a
    line over `cap` characters in pieces of `cap`."""
    rest = ""
    for text in texts:
        # A \r at the end of the text so far may be the first half of a \r\n.
        pending = rest.endswith("\r")
        searched = len(rest) - pending
        rest += text
        ends = _UNIVERSAL_LINE_END if universal and (pending or "\r" in text) else _NEWLINE
        start = 0
        for end in ends.finditer(rest, searched):
            if end.end() == len(rest) and end.group() == "\r":
                break
            yield rest[start : end.end()]
            start = end.end()
        rest = rest[start:]
        while len(rest) > cap:
            yield rest[:cap]
            rest = rest[cap:]
    if rest:
        yield rest


def read_csv(stream: BinaryIO, file: _File) -> Iterator[Source]:
    lines = _lines(stream, file, universal=True)
    read = 0
    for header_line, _ in lines:
        read += 1
        if header_line.strip():
            break
    else:
        yield Source(file.source, None, "csv", file.digest(), body="")
        return
    if len(header_line) > file.row_chars:
        raise _Stop(
            f"no CSV header: the first line has more than {file.row_chars:,} characters; "
            "check that the file is a CSV table"
        )
    sep = file.columns.sep or _delimiter(header_line)
    header = next(csv.reader([header_line], delimiter=sep))
    rows = _csv_rows(_Feed(lines, file.row_chars, read), header, sep)
    yield from _table_rows(rows, file, header)


def _delimiter(header: str) -> str:
    """The delimiter that splits the header line into the most fields."""
    return max(DELIMITERS, key=lambda sep: len(next(csv.reader([header], delimiter=sep))))


def _csv_rows(feed: _Feed, header: list[str], sep: str) -> Iterator[tuple[Row, str | None]]:
    """(row, warning) of the records after the header.

    Parsed strictly, so that a quote left open is caught where the text stops making
    sense instead of swallowing every row up to the next quote: that record is broken,
    and parsing starts again on the line after its first one. A stray quote within
    one line is read leniently, as spreadsheets do. A record over the feed's limit
    is skipped unparsed.
    """
    strict = csv.reader(feed, strict=True, delimiter=sep)
    while True:
        line = feed.start()
        try:
            fields: list[str] | str = next(strict)
        except StopIteration:
            return
        except _TooLong:
            feed.skip_record()
            yield Overlong(line), None
            continue
        except csv.Error as error:
            if len(feed.record) == 1:
                fields = _lenient(feed.record[0][0], sep)
            else:
                fields = (
                    f"a quoted field that starts here does not end properly ({error}); "
                    "the rows below it are read on their own: fix the quoting of this row"
                )
        raw = feed.record[0][0] if feed.record else ""
        warning = next((warning for _, warning in feed.record if warning), None)
        if isinstance(fields, str):
            feed.again_after_first()
            yield Broken(line, fields, raw), warning
        elif len(fields) != len(header):
            reason = (
                f"{len(fields)} fields where the header has {len(header)}; "
                "check the delimiters and the quoting of this row"
            )
            yield Broken(line, reason, raw), warning
        elif any(fields):
            yield dict(zip(header, fields, strict=True)), warning


def _lenient(line: str, sep: str) -> list[str] | str:
    try:
        return next(csv.reader([line], delimiter=sep))
    except csv.Error as error:
        return f"the row cannot be parsed ({error}); fix its quoting"


class _TooLong(Exception):
    """A record of a CSV file is over the characters a row may hold."""


class _Feed:
    """Lines for csv.reader. Those of the record being parsed are kept, so that parsing
    can start again on the line after its first; a record over `limit` characters
    stops with `_TooLong`, and is then skipped to its end without being kept."""

    def __init__(self, lines: Iterator[Line], limit: int, read: int) -> None:
        self.lines, self.limit = lines, limit
        self.record: list[Line] = []
        self.size = 0
        # Lines to give again, the next one last.
        self.again: list[Line] = []
        # Lines given so far, in numbers of their ends (a long line comes in pieces).
        self.read = read

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self._next()
        if line is None:
            raise StopIteration
        self.record.append(line)
        self.size += len(line[0])
        if self.size > self.limit:
            raise _TooLong
        return line[0]

    def _next(self) -> Line | None:
        line = self.again.pop() if self.again else next(self.lines, None)
        if line is not None:
            self.read += line[0].endswith(_LINE_ENDS)
        return line

    def start(self) -> int:
        """A record starts: the number of its first line."""
        self.record.clear()
        self.size = 0
        return self.read + 1

    def again_after_first(self) -> None:
        again = self.record[1:]
        self.again.extend(reversed(again))
        self.read -= sum(text.endswith(_LINE_ENDS) for text, _ in again)

    def skip_record(self) -> None:
        """Skip what is left of an overlong record: it ends at the first line end where
        its quotes are balanced, a quote within a quoted field being doubled."""
        quotes = sum(text.count('"') for text, _ in self.record)
        text = self.record[-1][0]
        while quotes % 2 or not text.endswith(_LINE_ENDS):
            line = self._next()
            if line is None:
                break
            text = line[0]
            quotes += text.count('"')


def read_jsonl(stream: BinaryIO, file: _File) -> Iterator[Source]:
    lines = _lines(stream, file, universal=False)
    yield from _table_rows(_jsonl_rows(lines, file.row_chars), file, None)


def _jsonl_rows(lines: Iterator[Line], limit: int) -> Iterator[tuple[Row, str | None]]:
    for number, (text, warning) in enumerate(lines, start=1):
        if len(text) > limit:
            while not text.endswith("\n"):  # the rest of the line, unread
                text, _ = next(lines, ("\n", None))
            yield Overlong(number), None
        elif text.strip():
            yield _json_record(number, text), warning


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


def read_parquet(stream: BinaryIO, file: _File) -> Iterator[Source]:
    # Imported here: worker processes import this module and read no Parquet.
    import pyarrow.parquet as pq

    try:
        # Not pre-buffered: column chunks are read a page at a time, not whole.
        parquet = pq.ParquetFile(stream, pre_buffer=False)
    except Exception as error:  # pyarrow raises several unrelated types for a bad file
        raise _Stop(_unreadable_parquet(error)) from None
    yield from _table_rows(_parquet_rows(parquet, file), file, parquet.schema_arrow.names)


def _parquet_rows(parquet: Any, file: _File) -> Iterator[tuple[Row, str | None]]:
    """The rows in batches; a row group only when the unpacked size the file's metadata
    gives for it keeps the file within `max_file_bytes`."""
    unpacked = 0
    for group in range(parquet.num_row_groups):
        unpacked += parquet.metadata.row_group(group).total_byte_size
        if unpacked > file.max_file_bytes:
            raise _Stop(_too_large(file))
        batches = parquet.iter_batches(PARQUET_BATCH_ROWS, row_groups=[group])
        while True:
            try:
                batch = next(batches, None)
            except Exception as error:
                raise _Stop(_unreadable_parquet(error)) from None
            if batch is None:
                break
            for row in batch.to_pylist():
                yield row, None


def _unreadable_parquet(error: Exception) -> str:
    return f"unreadable Parquet file ({error}); write it again or convert it to CSV"


@dataclass(frozen=True, slots=True)
class Broken:
    """A row of a tabular file that could not be read, and its raw text."""

    line: int
    reason: str
    raw: str


@dataclass(frozen=True, slots=True)
class Overlong:
    """A row of a tabular file over the characters a row may hold, left unread."""

    line: int


Row = dict[str, Any] | Broken | Overlong


class _Picked(NamedTuple):
    """The columns of a row that hold what `Columns` names."""

    text: str | None
    title: str | None
    date: str | None
    url: str | None
    id: str | None

    @classmethod
    def of(cls, keys: Sequence[str], columns: Columns) -> _Picked:
        names = (columns.text, columns.title, columns.date, columns.url, columns.id)
        return cls(*(_pick(keys, tried) for tried in names))


# Key sets of JSONL records remembered with their picked columns; usually there is one.
_PICKED_KEY_SETS = 64


def _table_rows(
    rows: Iterable[tuple[Row, str | None]], file: _File, header: Sequence[str] | None
) -> Iterator[Source]:
    """One `Source` per row; a file without rows gives one empty document. Columns are
    found in the header, or without one (JSONL) in each record's keys, the first
    record standing for the header."""
    source, fmt, columns = file.source, file.format, file.columns
    if header is not None and _pick(header, columns.text) is None:
        yield _no_text_column(file, header)
        return
    picked: dict[tuple[str, ...], _Picked] = {}
    number, first = 0, True
    for number, (row, warning) in enumerate(rows, start=1):
        if isinstance(row, Broken):
            yield Source(
                source, str(number), fmt, sha256(row.raw.encode()),
                error=f"row {number} (line {row.line}): {row.reason}", warning=warning,
            )  # fmt: skip
            continue
        if isinstance(row, Overlong):
            size = f"row {number} (line {row.line}) has more than {file.row_chars:,} characters"
            yield _not_read(source, fmt, _too_long(size, file.max_chars), record=str(number))
            continue
        keys = tuple(row)
        if keys not in picked:
            if len(picked) == _PICKED_KEY_SETS:
                picked.clear()
            picked[keys] = _Picked.of(keys, columns)
        cols = picked[keys]
        if first and cols.text is None:
            yield _no_text_column(file, keys)
            return
        first = False
        payload = json.dumps(row, ensure_ascii=False, sort_keys=True, default=str).encode()
        record = _text(row.get(cols.id)) if cols.id else None
        yield Source(
            source,
            record or str(number),
            fmt,
            sha256(payload),
            body=_text(row.get(cols.text)) or "",
            title=_text(row.get(cols.title)) if cols.title else None,
            url=_text(row.get(cols.url)) if cols.url else None,
            published_at=parse_datetime(row.get(cols.date)) if cols.date else None,
            warning=warning,
        )
    if number == 0:
        yield Source(source, None, fmt, file.digest(), body="")


def _no_text_column(file: _File, header: Sequence[str]) -> Source:
    return Source(
        file.source, None, file.format, file.digest(),
        error=f"no text column: looked for {', '.join(file.columns.text)}, found "
        f"{', '.join(header) or 'none'}; name it with --text-col",
    )  # fmt: skip


def _pick(header: Sequence[str], names: tuple[str, ...]) -> str | None:
    lowered = {name.lower(): name for name in header}
    return next((lowered[name.lower()] for name in names if name.lower() in lowered), None)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text if text and text.lower() not in {"nan", "none", "null"} else None


# One-document formats, read whole (they are within MAX_BYTES_PER_CHAR * max_chars).
READERS = {
    "txt": read_txt,
    "html": read_html,
}
# Tabular formats, read as streams.
TABLE_READERS = {
    "csv": read_csv,
    "jsonl": read_jsonl,
    "parquet": read_parquet,
}
