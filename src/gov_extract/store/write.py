"""Parquet output: every publish is a new version of the whole set of tables, and one
rename makes it the one readers see.

    OUT/_versions/000042/<table>/part-*.parquet   one complete set of tables
    OUT/_versions/000042/manifest.json            its parts, their sizes and rows
    OUT/_current -> _versions/000042              the published set
    OUT/<table> -> _current/<table>               what readers open

A version is written under `_versions/000043.tmp`, renamed to `000043` once complete,
and published by replacing the `_current` link: a rename, so that every table switches
at once and a reader never sees mentions whose entities are not there yet. Parts of
`documents` kept from the previous version are hard-linked, not copied. The previous
version stays on disk until the next publish, for readers that opened it just before
the switch. Names under OUT that start with `_` or `.` are skipped by Parquet readers.

`check` compares the published tables with their manifest, so that a deleted or
truncated part is noticed and the next publish rebuilds it from the run state.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from gov_extract import checkpoints
from gov_extract.errors import UsageError
from gov_extract.store.schema import TABLES, SchemaError, to_table

VERSIONS = "_versions"
CURRENT = "_current"
MANIFEST = "manifest.json"
# Rows converted to Arrow and written at a time: publishing a million documents must not
# hold a million row dicts (and their texts) at once.
ROWS_PER_GROUP = 10_000
# The table whose rows do not depend on corpus-wide linking: rows of unchanged
# documents stay in their part files, so a nightly run does not rewrite every text.
PER_DOCUMENT = "documents"

class Version:
    """The next set of tables, being written. `table` adds one table's parts; `publish`
    makes the whole set the one readers see."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.number = _latest(out) + 1
        self.folder = out / VERSIONS / f"{self.number:06d}.tmp"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.manifest: dict[str, list[dict[str, Any]]] = {}

    def table(
        self, name: str, rows: Iterable[dict], kept: Iterable[Path | pa.Table] = ()
    ) -> None:
        """The table `name`: the live parts and filtered tables in `kept`, then `rows`."""
        folder = self.folder / name
        folder.mkdir()
        written: list[Path] = []
        for piece in kept:
            target = folder / (piece.name if isinstance(piece, Path) else part_name())
            if isinstance(piece, Path):
                _check_part(name, piece)
                _link_or_copy(piece, target)
            else:
                _write_groups(name, [piece], target)
            written.append(target)
        groups = (to_table(name, chunk) for chunk in _chunks(rows, ROWS_PER_GROUP))
        first = next(groups, None)
        if first is not None or not written:
            target = folder / part_name()
            _write_groups(name, _prepend(first, groups, name), target)
            written.append(target)
        self.manifest[name] = [_entry(path) for path in written]

    def publish(self) -> None:
        missing = set(TABLES) - set(self.manifest)
        if missing:
            raise ValueError(f"a version without the tables {', '.join(sorted(missing))}")
        manifest = {"version": self.number, "tables": self.manifest}
        with (self.folder / MANIFEST).open("w") as handle:
            json.dump(manifest, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        for folder in [*(self.folder / name for name in TABLES), self.folder]:
            _fsync(folder)
        complete = self.folder.with_name(f"{self.number:06d}")
        os.replace(self.folder, complete)
        _fsync(complete.parent)
        checkpoints.reached("switch")
        _point(self.out / CURRENT, Path(VERSIONS) / complete.name)
        _link_tables(self.out)
        _fsync(self.out)
        _drop_old_versions(self.out)


def check(out: Path, expected: bool) -> list[str]:
    """What is wrong with the published tables, one line per problem; empty when every
    part the manifest lists is there, of its size, readable and of the contract's
    schema. `expected`: some tables were published here before."""
    current = out / CURRENT
    if not current.exists():
        if any((out / name).exists() for name in TABLES):
            return ["the tables are in the layout of an older gov-extract, without a manifest"]
        return [f"the published tables are gone ({current} is missing)"] if expected else []
    try:
        manifest = json.loads((current / MANIFEST).read_text())["tables"]
    except (OSError, ValueError, KeyError) as error:
        return [f"the manifest of the published tables cannot be read ({error})"]
    problems = []
    for name in TABLES:
        if not (out / name).is_dir():
            problems.append(f"{name}: the table's folder is missing")
        for entry in manifest.get(name, []):
            problem = _part_problem(name, current / name / entry["file"], entry)
            if problem:
                problems.append(f"{name}: {entry['file']} {problem}")
    return problems


def published(out: Path) -> bool:
    return (out / CURRENT).exists()


def current_folder(out: Path, name: str) -> Path:
    """The published folder of a table, or where it would be."""
    return out / CURRENT / name


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


def compact(out: Path, max_rows: int = 1_000_000) -> dict[str, tuple[int, int]]:
    """Merge each table's parts into files of up to `max_rows` rows, rows in the same
    order, as a new version; returns parts before and after, by table."""
    if not published(out):
        raise UsageError(
            f"{out} holds no tables of this gov-extract version: run `gov-extract run` "
            "on it first"
        )
    version = Version(out)
    merged = {}
    for name in TABLES:
        before = parts(current_folder(out, name))
        folder = version.folder / name
        folder.mkdir()
        written = _stream_parts(before, folder, max_rows) if before else []
        if not written:
            _write_groups(name, [], folder / part_name())
        version.manifest[name] = [_entry(path) for path in parts(folder)]
        merged[name] = (len(before), len(version.manifest[name]))
    version.publish()
    return merged


def recover(out: Path) -> None:
    """Drop what a killed run left: versions never completed or never published, and
    the leftovers of the older layout's renames."""
    versions = out / VERSIONS
    live = _live_versions(out)
    if versions.is_dir():
        for folder in versions.iterdir():
            if folder.name not in live:
                shutil.rmtree(folder, ignore_errors=True)
    for leftover in out.glob(".*.*"):
        if leftover.name.split(".")[1] in TABLES or leftover.name.startswith(f".{CURRENT}"):
            _remove(leftover)


def parts(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.parquet")) if folder.is_dir() else []


def count_rows(out: Path, name: str) -> int:
    return sum(pq.read_metadata(part).num_rows for part in parts(current_folder(out, name)))


def part_name() -> str:
    # Time first, so that parts list in the order they were written.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return f"part-{stamp}-{uuid.uuid4().hex[:8]}.parquet"


def _latest(out: Path) -> int:
    folder = out / VERSIONS
    numbers = [int(p.name) for p in folder.iterdir() if p.name.isdigit()] if folder.is_dir() else []
    return max(numbers, default=0)


def _live_versions(out: Path) -> set[str]:
    """The published version and the one before it, which readers may still be reading."""
    current = out / CURRENT
    name = Path(os.readlink(current)).name if current.is_symlink() else ""
    if not name.isdigit():
        return set()
    number = int(name)
    return {f"{number:06d}", f"{number - 1:06d}"}


def _drop_old_versions(out: Path) -> None:
    live = _live_versions(out)
    for folder in (out / VERSIONS).iterdir():
        if folder.name.isdigit() and folder.name not in live:
            shutil.rmtree(folder, ignore_errors=True)


def _point(link: Path, target: Path) -> None:
    """Make `link` a symbolic link to `target` in one rename, whatever stood there."""
    temporary = link.with_name(f".{link.name}.{uuid.uuid4().hex[:8]}")
    temporary.symlink_to(target, target_is_directory=True)
    if link.exists() and not link.is_symlink():
        # A folder where a link belongs: an older layout, or an output copied without
        # its links (`cp -r`). A rename cannot replace a folder with a link.
        _remove(link)
    os.replace(temporary, link)


def _link_tables(out: Path) -> None:
    for name in TABLES:
        link = out / name
        target = Path(CURRENT) / name
        if not (link.is_symlink() and Path(os.readlink(link)) == target):
            _point(link, target)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def _part_problem(name: str, path: Path, entry: dict[str, Any]) -> str | None:
    try:
        size = path.stat().st_size
    except OSError:
        return "is missing"
    if size != entry["bytes"]:
        return f"has {size:,} bytes where {entry['bytes']:,} were written"
    try:
        metadata = pq.read_metadata(path)
    except (OSError, pa.ArrowException) as error:
        return f"cannot be read ({error})"
    if metadata.num_rows != entry["rows"] or not metadata.schema.to_arrow_schema().equals(
        TABLES[name]
    ):
        return "differs from what was written"
    return None


def _entry(path: Path) -> dict[str, Any]:
    return {
        "file": path.name,
        "bytes": path.stat().st_size,
        "rows": pq.read_metadata(path).num_rows,
    }


def _check_part(name: str, part: Path) -> None:
    """A kept part must still be of the contract's schema; its rows were validated
    when it was written."""
    if not pq.read_schema(part).equals(TABLES[name]):
        raise SchemaError(f"{part}: schema differs from the contract; run with --reprocess")


def _chunks(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _prepend(first: pa.Table | None, rest: Iterator[pa.Table], name: str) -> Iterator[pa.Table]:
    yield first if first is not None else to_table(name, [])
    yield from rest


def _write_groups(name: str, groups: Iterable[pa.Table], path: Path) -> None:
    """One part file of the tables in `groups`, each a row group: written as they come."""
    with path.open("wb") as handle:
        with pq.ParquetWriter(handle, TABLES[name], compression="zstd") as writer:
            for group in groups:
                writer.write_table(group)
        handle.flush()
        os.fsync(handle.fileno())


def _stream_parts(sources: list[Path], folder: Path, max_rows: int) -> list[Path]:
    """Copy the rows of `sources` in order into new parts, a row group at a time."""
    schema = pq.read_schema(sources[0])
    writer: pq.ParquetWriter | None = None
    written: list[Path] = []
    rows = 0
    for source in sources:
        file = pq.ParquetFile(source)
        for index in range(file.num_row_groups):
            group = file.read_row_group(index)
            if writer is None or rows + group.num_rows > max_rows > rows:
                if writer:
                    writer.close()
                written.append(folder / part_name())
                writer, rows = pq.ParquetWriter(written[-1], schema, compression="zstd"), 0
            writer.write_table(group)
            rows += group.num_rows
    if writer:
        writer.close()
    return written


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
