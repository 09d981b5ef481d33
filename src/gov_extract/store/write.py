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
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from gov_extract import checkpoints
from gov_extract.store.schema import TABLES, SchemaError, to_table
from gov_extract.store.tables import NAME_COLUMNS

VERSIONS = "_versions"
CURRENT = "_current"
MANIFEST = "manifest.json"
# Rows converted to Arrow and written at a time: publishing a million documents must not
# hold a million row dicts (and their texts) at once.
ROWS_PER_GROUP = 10_000

class Version:
    """The next set of tables, being written: parts kept from the published version,
    parts written again without some documents, new parts; `publish` makes the whole
    set the one readers see."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.number = _latest(out) + 1
        self.folder = out / VERSIONS / f"{self.number:06d}.tmp"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.manifest: dict[str, list[dict[str, Any]]] = {}
        # Parts written so far (not kept): where a test's kill lands (`checkpoints`).
        self.n_written = 0
        self._published = {
            (name, entry["file"]): entry
            for name, entries in _manifest(out).items()
            for entry in entries
        }

    def keep(self, name: str, source: Path) -> None:
        """A part of the published version, unchanged: hard-linked, not copied. A part
        its manifest lists keeps its entry (the run checked the parts against it before:
        `check`), so that a night does not read every part of the archive again."""
        entry = self._published.get((name, source.name))
        if entry is None:
            _check_part(name, source)
        target = self._folder(name) / source.name
        _link_or_copy(source, target)
        self._add(name, target, written=False, entry=entry)

    def rewrite(self, name: str, source: Path, drop: set[str], names: Mapping[str, str]) -> None:
        """A part of the published version: hard-linked as it is, or written again under
        the same name without the rows of the documents `drop` and with the new `names`
        of entities (by id); no part where no row is left."""
        columns = NAME_COLUMNS.get(name, {}) if names else {}
        renamed = pa.array(sorted(names), pa.string())
        if not drop and not _names_any(source, columns, renamed):
            self.keep(name, source)
            return
        table = pq.read_table(source)
        if drop:
            gone = pc.is_in(table.column("doc_id"), value_set=pa.array(sorted(drop), pa.string()))
            table = table.filter(pc.invert(gone))
        new_names = pa.array([names[entity_id] for entity_id in renamed.to_pylist()], pa.string())
        for id_column, name_column in columns.items():
            found = pc.take(new_names, pc.index_in(table.column(id_column), value_set=renamed))
            index = table.schema.get_field_index(name_column)
            named = pc.coalesce(found, table.column(name_column))
            table = table.set_column(index, table.schema.field(index), named)
        if table.num_rows:
            with self.open(name, source.name) as part:
                part.write_table(table)

    def write(self, name: str, rows: Iterable[dict]) -> None:
        """A new part of `rows`."""
        with self.open(name, part_name()) as part:
            part.add(rows)

    def open(self, name: str, file: str) -> PartWriter:
        """A new part written a row group at a time; in the manifest once closed."""
        return PartWriter(self, name, self._folder(name) / file)

    def merge(self, name: str, sources: list[Path], file: str) -> None:
        """One part of the rows of `sources`, in order, a row group at a time."""
        with self.open(name, file) as part:
            for source in sources:
                _check_part(name, source)
                handle = pq.ParquetFile(source)
                for index in range(handle.num_row_groups):
                    part.write_table(handle.read_row_group(index))

    def _folder(self, name: str) -> Path:
        folder = self.folder / name
        folder.mkdir(exist_ok=True)
        return folder

    def _add(
        self, name: str, path: Path, written: bool = True, entry: dict[str, Any] | None = None
    ) -> None:
        self.manifest.setdefault(name, []).append(entry or _entry(path, name))
        if written:
            self.n_written += 1
            checkpoints.reached("write", self.n_written)

    def publish(self) -> None:
        for name in set(TABLES) - set(self.manifest):  # a table with no rows is one empty part
            self.write(name, [])
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


def published_parts(out: Path) -> dict[str, list[Path]]:
    """The parts of each published table, as its manifest lists them."""
    return {
        name: [current_folder(out, name) / entry["file"] for entry in entries]
        for name, entries in _manifest(out).items()
    }


def _manifest(out: Path) -> dict[str, list[dict[str, Any]]]:
    """The published manifest's entries by table; none where it cannot be read."""
    try:
        return json.loads((out / CURRENT / MANIFEST).read_text())["tables"]
    except (OSError, ValueError, KeyError):
        return {}


class PartWriter:
    """One part file: rows converted and written a row group of `ROWS_PER_GROUP` at a
    time as they come, or whole tables; synced and entered in the manifest when closed
    (a part of no rows holds one empty row group)."""

    def __init__(self, version: Version, name: str, path: Path) -> None:
        self.version, self.name, self.path = version, name, path
        self._handle = path.open("wb")
        self._writer = pq.ParquetWriter(self._handle, TABLES[name], compression="zstd")
        self._rows: list[dict] = []
        self._empty = True

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, rows: Iterable[dict]) -> None:
        for row in rows:
            self._rows.append(row)
            if len(self._rows) >= ROWS_PER_GROUP:
                self._flush()

    def write_table(self, table: pa.Table) -> None:
        self._writer.write_table(table)
        self._empty = False

    def close(self) -> None:
        if self._rows or self._empty:
            self._flush()
        self._writer.close()
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        self.version._add(self.name, self.path)

    def _flush(self) -> None:
        self.write_table(to_table(self.name, self._rows))
        self._rows = []


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
    """The rows of a published table, as its manifest counts them."""
    return sum(entry["rows"] for entry in _manifest(out).get(name, []))


def event_types(out: Path) -> Counter[str]:
    """The published events by type, as the manifest counts them part by part."""
    found: Counter[str] = Counter()
    for entry in _manifest(out).get("events", []):
        found.update(entry["types"])
    return found


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


def _entry(path: Path, name: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "file": path.name,
        "bytes": path.stat().st_size,
        "rows": pq.read_metadata(path).num_rows,
    }
    if name == "events":
        # The run's summary counts events by type from the manifest, not from every part.
        types = pq.read_table(path, columns=["type"]).column("type").to_pylist()
        entry["types"] = dict(Counter(types))
    return entry


def _names_any(part: Path, columns: Mapping[str, str], ids: pa.Array) -> bool:
    """Whether a part's rows name any of the entities `ids`; reads the id columns only."""
    if not columns:
        return False
    table = pq.read_table(part, columns=list(columns))
    return any(pc.any(pc.is_in(table.column(c), value_set=ids)).as_py() for c in columns)


def _check_part(name: str, part: Path) -> None:
    """A kept part must still be of the contract's schema; its rows were validated
    when it was written."""
    if not pq.read_schema(part).equals(TABLES[name]):
        raise SchemaError(f"{part}: schema differs from the contract; run with --reprocess")


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
