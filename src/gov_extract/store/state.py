"""Run state under OUT/_state: what each document's last run produced, and the lock.

`state.sqlite` holds one row per document: the key that decides whether a run must
process it again (content_sha256 + pipeline_version), its annotations (mentions,
positions, events, short names: what corpus-wide linking needs again whenever any
document changes) and its `documents` row, with whether that row is published. The
tables are a function of this state, so that any of them can be written again when a
part is lost; the state is committed last: a run killed before that leaves `dirty`
set and the next run writes the tables again.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import os
import pickle
import socket
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from gov_extract import records
from gov_extract.errors import OutputError, UsageError
from gov_extract.records import Doc

STATE_DIR = "_state"
STATE_FILE = "state.sqlite"
# The layout of the `docs` table: a state of another layout is started afresh.
STATE_FORMAT = "3"

_SCHEMA = """
create table docs (
    doc_id text primary key,
    source text not null,
    ordinal integer not null,       -- place of the record in its file, for a stable order
    content_sha256 text not null,
    pipeline_version text not null,
    retry integer not null,         -- an internal error: try again on the next run
    status text not null,           -- ok, empty or error: only ok documents have annotations
    doc blob not null,              -- pickled Doc without its sentences and tokens
    row blob not null,              -- pickled documents row
    published integer not null      -- the row is in the published documents table
);
"""


class Locked(UsageError):
    """Another run holds OUT."""


class StateDamaged(OutputError):
    """state.sqlite cannot be read; the message says how to start afresh."""


@dataclass(frozen=True, slots=True)
class Annotated:
    """One processed document as a worker hands it back: keys and counts in the clear,
    the document and its `documents` row pickled, so that the parent only stores them."""

    doc_id: str
    source: str
    record: str | None
    ordinal: int
    content_sha256: str
    status: str
    error: str | None
    internal_error: bool
    mention_types: tuple[str, ...]
    doc: bytes
    row: bytes
    # The document's share of the seconds each annotation step took on its batch
    # (`annotate.Annotator`): the steps run on whole batches. Not stored.
    step_seconds: dict[str, float]


@dataclass(frozen=True, slots=True)
class Known:
    content_sha256: str
    pipeline_version: str
    retry: bool


class RunLock:
    """An exclusive lock on OUT for one run. The kernel drops it when the process dies,
    SIGKILL included, so a lock file left behind by a killed run is never in the way."""

    def __init__(self, out: Path) -> None:
        self.path = out / STATE_DIR / "lock"
        self._handle: int | None = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 200, 0).decode(errors="replace").strip() or "unknown"
            os.close(handle)
            raise Locked(
                f"another gov-extract run is writing to {self.path.parents[1]} "
                f"(process {holder}); wait for it to finish, or give another --out"
            ) from None
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()} on {socket.gethostname()}\n".encode(), 0)
        self._handle = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            os.ftruncate(self._handle, 0)
            os.close(self._handle)  # closing releases the lock
            self._handle = None


def records_fingerprint() -> str:
    """Fields of the pickled records: stored documents are unreadable once they change."""
    fields = sorted(
        f"{name}:{','.join(field.name for field in dataclasses.fields(cls))}"
        for name, cls in vars(records).items()
        if dataclasses.is_dataclass(cls) and cls.__module__ == records.__name__
    )
    return hashlib.sha256("\n".join(fields).encode()).hexdigest()[:12]


class State:
    def __init__(self, out: Path, rebuild: bool = False) -> None:
        folder = out / STATE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / STATE_FILE
        if rebuild and self.path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            os.replace(self.path, self.path.with_name(f"{STATE_FILE}.damaged-{stamp}"))
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("pragma synchronous = full")
            self._upgrade()
        except sqlite3.DatabaseError as error:
            raise damaged(self.path, error) from None

    def _upgrade(self) -> None:
        """Start afresh where the stored documents cannot be read back: another layout
        of the `docs` table, or other fields of the pickled records. Every source is
        processed again and the tables keep only what this run reads."""
        self.db.execute("create table if not exists meta (key text primary key, value text not null)")
        fingerprint = f"{STATE_FORMAT}:{records_fingerprint()}"
        if self._meta("records") == fingerprint:
            return
        with self._transaction():
            self.db.execute("drop table if exists docs")
            self.db.execute(_SCHEMA)
            self._set_meta("records", fingerprint)
            self._set_meta("dirty", "1")

    def __enter__(self) -> State:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.db.close()

    @property
    def dirty(self) -> bool:
        """The tables do not show the state yet."""
        return self._meta("dirty") == "1"

    def known(self) -> dict[str, Known]:
        rows = self.db.execute("select doc_id, content_sha256, pipeline_version, retry from docs")
        return {doc_id: Known(sha, version, bool(retry)) for doc_id, sha, version, retry in rows}

    def stash(self, done: Iterable[Annotated], version: str) -> None:
        """Store processed documents as pending; one transaction per call."""
        with self._transaction():
            self.db.executemany(
                "insert or replace into docs values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (
                    (a.doc_id, a.source, a.ordinal, a.content_sha256, version,
                     int(a.internal_error), a.status, a.doc, a.row)
                    for a in done
                ),
            )  # fmt: skip
            self._set_meta("dirty", "1")

    def remove(self, doc_ids: Iterable[str]) -> None:
        with self._transaction():
            self.db.executemany("delete from docs where doc_id = ?", ((i,) for i in doc_ids))
            self._set_meta("dirty", "1")

    def forget_versions(self) -> None:
        """`--reprocess`: every document present in the input is processed again, and a
        run killed on the way still knows it has to."""
        with self._transaction():
            self.db.execute("update docs set pipeline_version = ''")

    def documents(self) -> tuple[list[Doc], set[str]]:
        """The documents that have annotations (status ok) in a stable order (source,
        place in it), and the ids of every document whose `documents` row is published.
        Empty and failed documents are not unpickled: a dump of a million rows may be
        mostly that."""
        docs = [
            pickle.loads(doc)
            for (doc,) in self.db.execute(
                "select doc from docs where status = 'ok' order by source, ordinal"
            )
        ]
        published = {
            doc_id for (doc_id,) in self.db.execute("select doc_id from docs where published = 1")
        }
        return docs, published

    def rows(self, unpublished_only: bool) -> Iterator[dict]:
        """The stored `documents` rows, one at a time: with their texts they are the
        bulk of the state."""
        query = "select row from docs" + (" where published = 0" if unpublished_only else "")
        for (row,) in self.db.execute(query + " order by source, ordinal"):
            yield pickle.loads(row)

    def mark_published(self) -> None:
        with self._transaction():
            self.db.execute("update docs set published = 1 where published = 0")
            self._set_meta("dirty", "0")

    def has_published(self) -> bool:
        return self.db.execute("select 1 from docs where published = 1 limit 1").fetchone() is not None

    def unpublish(self) -> None:
        """The published tables are damaged: the next publish writes every row again."""
        with self._transaction():
            self.db.execute("update docs set published = 0")
            self._set_meta("dirty", "1")

    def check_input(self, input: Path, changed: bool) -> None:
        """Remember which INPUT this OUT is built from, and refuse another unless told:
        `source` is relative to INPUT, so every document would be stored twice."""
        here = os.path.realpath(input)
        known = self._meta("input")
        if known not in (None, here) and not changed and self.db.execute(
            "select 1 from docs limit 1"
        ).fetchone():
            raise UsageError(
                f"{self.path.parents[1]} was built from {known}, not {here}: document ids "
                "depend on the input folder, so every document would be stored twice; give "
                "another --out, or pass --input-changed if the input folder moved"
            )
        if known != here:
            with self._transaction():
                self._set_meta("input", here)

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("select value from meta where key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("insert or replace into meta values (?, ?)", (key, value))

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("begin immediate")

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self.db.execute("commit" if kind is None else "rollback")


def damaged(path: Path, error: sqlite3.DatabaseError) -> OutputError:
    """The error to raise for a database error on the state: a full disk is not damage."""
    if "full" in str(error):
        return OutputError(f"no space left to write {path} ({error}); free some disk space")
    return StateDamaged(
        f"the run state {path} is damaged ({error}); run again with --rebuild-state to "
        "move it aside and read every input again (the tables are then rebuilt from INPUT)"
    )


def pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
