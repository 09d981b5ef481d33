"""Parquet output: one folder of part files per table, each folder replaced atomically.

A table changes by building its next folder beside the live one and renaming it into
place: `.name.tmp` is written (parts kept from the live folder are hard-linked, not
copied), renamed to `.name.new` once complete, then the live folder is retired and
`.name.new` takes its place. Parquet readers skip dot-names, so a reader sees either
the previous complete table or the next one. A crash between the two renames leaves
a complete `.name.new` and no live folder; `recover` puts it in place.
"""

from __future__ import annotations

import os
import shutil
import signal
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .schema import TABLES, SchemaError, validate

# The only table whose rows do not depend on corpus-wide linking: rows of unchanged
# documents stay in their part files, so a nightly run does not rewrite every text.
PER_DOCUMENT = "documents"

KILL_ENV = "GOV_EXTRACT_TEST_KILL_AT"


def kill_point(stage: str, count: int = 1) -> None:
    """Lets the crash tests stop the run at a chosen point, as SIGKILL or an OOM killer
    would: GOV_EXTRACT_TEST_KILL_AT=stage[:count[:SIGNAL]]."""
    wanted = os.environ.get(KILL_ENV)
    if not wanted:
        return
    name, _, rest = wanted.partition(":")
    number, _, signame = rest.partition(":")
    if name == stage and int(number or 1) == count:
        os.kill(os.getpid(), getattr(signal, signame or "SIGKILL"))


def write_tables(out: Path, tables: dict[str, pa.Table], kept_documents: set[str]) -> None:
    """Replace every table; `documents` keeps the rows of `kept_documents` from its
    current parts and gets the new rows as a new part."""
    out.mkdir(parents=True, exist_ok=True)
    for count, (name, table) in enumerate(tables.items(), start=1):
        validate(name, table)
        kept = kept_parts(out / name, kept_documents) if name == PER_DOCUMENT else []
        replace_table(out, name, [*kept, table])
        kill_point("write", count)
    _fsync(out)


def kept_parts(folder: Path, keep: set[str]) -> list[Path | pa.Table]:
    """The live parts as they are where every row is kept, filtered where some are."""
    kept: list[Path | pa.Table] = []
    wanted = pa.array(sorted(keep), pa.string())
    for part in parts(folder):
        ids = pq.read_table(part, columns=["doc_id"]).column("doc_id")
        mask = pc.is_in(ids, value_set=wanted)
        n_kept = pc.sum(mask).as_py() or 0
        if n_kept == len(ids):
            kept.append(part)
        elif n_kept:
            kept.append(pq.read_table(part).filter(mask))
    return kept


def replace_table(out: Path, name: str, pieces: Iterable[Path | pa.Table]) -> None:
    """Make `pieces` (live part files to keep, tables to write) the whole table."""
    temporary, complete = out / f".{name}.tmp", out / f".{name}.new"
    for leftover in (temporary, complete):
        shutil.rmtree(leftover, ignore_errors=True)
    temporary.mkdir()
    for piece in pieces:
        if isinstance(piece, Path):
            _check_part(name, piece)
            _link_or_copy(piece, temporary / piece.name)
        else:
            validate(name, piece)
            _write_part(piece, temporary / part_name())
    _fsync(temporary)
    os.replace(temporary, complete)
    _swap(out, name)


def compact(out: Path, max_rows: int = 1_000_000) -> dict[str, tuple[int, int]]:
    """Merge each table's parts into files of up to `max_rows` rows, rows in the same
    order; returns parts before and after, by table."""
    merged = {}
    for name in TABLES:
        folder = out / name
        before = parts(folder)
        if len(before) <= 1:
            merged[name] = (len(before), len(before))
            continue
        temporary, complete = out / f".{name}.tmp", out / f".{name}.new"
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir()
        _stream_parts(before, temporary, max_rows)
        _fsync(temporary)
        shutil.rmtree(complete, ignore_errors=True)
        os.replace(temporary, complete)
        _swap(out, name)
        merged[name] = (len(before), len(parts(folder)))
    _fsync(out)
    return merged


def recover(out: Path) -> None:
    """Finish or undo what a killed run left: put a complete `.name.new` in place where
    the live folder is missing, drop every other leftover."""
    for name in TABLES:
        target, complete = out / name, out / f".{name}.new"
        if complete.exists() and not target.exists():
            os.replace(complete, target)
        for leftover in (out / f".{name}.tmp", complete, out / f".{name}.old"):
            shutil.rmtree(leftover, ignore_errors=True)


def parts(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.parquet")) if folder.is_dir() else []


def count_rows(out: Path, name: str) -> int:
    return sum(pq.read_metadata(part).num_rows for part in parts(out / name))


def part_name() -> str:
    # Time first, so that parts list in the order they were written.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return f"part-{stamp}-{uuid.uuid4().hex[:8]}.parquet"


def _swap(out: Path, name: str) -> None:
    target, complete, retired = out / name, out / f".{name}.new", out / f".{name}.old"
    if target.exists():
        os.replace(target, retired)
    kill_point("swap")
    os.replace(complete, target)
    shutil.rmtree(retired, ignore_errors=True)


def _check_part(name: str, part: Path) -> None:
    """A kept part must still be of the contract's schema; its rows were validated
    when it was written."""
    if not pq.read_schema(part).equals(TABLES[name]):
        raise SchemaError(f"{part}: schema differs from the contract; run with --reprocess")


def _write_part(table: pa.Table, path: Path) -> None:
    with path.open("wb") as handle:
        pq.write_table(table, handle, compression="zstd")
        handle.flush()
        os.fsync(handle.fileno())


def _stream_parts(sources: list[Path], folder: Path, max_rows: int) -> None:
    """Copy the rows of `sources` in order into new parts, a row group at a time."""
    schema = pq.read_schema(sources[0])
    writer: pq.ParquetWriter | None = None
    rows = 0
    for source in sources:
        file = pq.ParquetFile(source)
        for index in range(file.num_row_groups):
            group = file.read_row_group(index)
            if writer is None or rows + group.num_rows > max_rows > rows:
                if writer:
                    writer.close()
                writer, rows = pq.ParquetWriter(folder / part_name(), schema, compression="zstd"), 0
            writer.write_table(group)
            rows += group.num_rows
    if writer:
        writer.close()
    for part in folder.iterdir():
        _fsync(part)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


def _fsync(path: Path) -> None:
    """Flush a file or a folder's entries, so that a renamed folder survives a reboot."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
