"""Run state under OUT/_state: what each document's last run produced, and the lock.

`state.sqlite` holds one row per document: the key that decides whether a run must
process it again (content_sha256 + pipeline_version), its annotations as linked
(mentions with their entity ids, positions, events), its `documents` row, and the
part of the published tables that holds its rows (null: not published yet). Beside
them, the registry of entities that new documents are linked against
(`link/registry.py`, in the same database), and what changed or removed documents
leave behind until the next publish (`stale`): the parts that hold their rows, and
their linked annotations, whose counts the registry gives back. The
tables are a function of this state, so that any part can be written again when it
is lost; the state is committed last: a run killed before that leaves it as it was,
and the next run writes the same parts again.
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
from gov_extract.records import Doc, Where

STATE_DIR = "_state"
STATE_FILE = "state.sqlite"
# The layout of the `docs` table: a state of another layout is started afresh.
STATE_FORMAT = "5"
REGISTRY_TABLES = ("entities", "entity_forms", "entity_docs", "short_names", "entity_places")

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
    linked integer not null,        -- doc's mentions carry their entity ids
    places blob,                    -- pickled [(entity_id, Where)] the release settled
    part text                       -- the part of the tables that holds its rows
);
create index docs_part on docs(part);
create table stale (
    doc_id text not null,
    part text,                      -- the part that holds its rows, if published
    doc blob,                       -- its annotations as linked, if linked
    places blob
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
class Stored:
    """A stored document as a publish reads it back: its annotations (None unless its
    status is ok) and its `documents` row."""

    doc_id: str
    doc: Doc | None
    row: dict


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
        with self.transaction():
            for table in ("docs", "stale", *REGISTRY_TABLES):
                self.db.execute(f"drop table if exists {table}")
            for statement in _SCHEMA.split(";"):
                self.db.execute(statement)
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

    def known(self, doc_id: str) -> Known | None:
        """What decides whether a document is processed again; looked up one at a time,
        so that a night's run does not hold the keys of the whole archive."""
        row = self.db.execute(
            "select content_sha256, pipeline_version, retry from docs where doc_id = ?", (doc_id,)
        ).fetchone()
        return Known(row[0], row[1], bool(row[2])) if row else None

    def doc_ids(self) -> set[str]:
        return {doc_id for (doc_id,) in self.db.execute("select doc_id from docs")}

    def stash(self, done: Iterable[Annotated], version: str) -> None:
        """Store processed documents as pending; one transaction per call."""
        done = list(done)
        with self.transaction():
            self._take_back([a.doc_id for a in done])
            self.db.executemany(
                "insert into docs values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, null, null)",
                (
                    (a.doc_id, a.source, a.ordinal, a.content_sha256, version,
                     int(a.internal_error), a.status, a.doc, a.row)
                    for a in done
                ),
            )  # fmt: skip
            self._set_meta("dirty", "1")

    def remove(self, doc_ids: Iterable[str]) -> None:
        with self.transaction():
            self._take_back(list(doc_ids))
            self._set_meta("dirty", "1")

    def _take_back(self, doc_ids: list[str]) -> None:
        """Forget stored documents, keeping what the next publish must undo: the parts
        that hold their rows, and their linked annotations."""
        for start in range(0, len(doc_ids), 500):
            chunk = doc_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            self.db.execute(
                "insert into stale select doc_id, part, case when linked then doc end, places "
                f"from docs where doc_id in ({marks}) and (linked = 1 or part is not null)",
                chunk,
            )
            self.db.execute(f"delete from docs where doc_id in ({marks})", chunk)

    def forget_versions(self) -> None:
        """`--reprocess`: every document present in the input is processed again, and a
        run killed on the way still knows it has to."""
        with self.transaction():
            self.db.execute("update docs set pipeline_version = ''")

    def pending(self, unlinked: bool = False) -> list[str]:
        """The documents whose rows are not in the published tables (with `unlinked`,
        those of them with annotations not linked yet), in a stable order (source,
        place in it)."""
        condition = "status = 'ok' and linked = 0" if unlinked else "1"
        query = f"select doc_id from docs where part is null and {condition} order by source, ordinal"
        return [doc_id for (doc_id,) in self.db.execute(query)]

    def load(self, doc_ids: list[str]) -> list[Stored]:
        marks = ",".join("?" * len(doc_ids))
        rows = self.db.execute(
            f"select doc_id, status, doc, row from docs where doc_id in ({marks})", doc_ids
        )
        found = {
            doc_id: Stored(doc_id, pickle.loads(doc) if status == "ok" else None, pickle.loads(row))
            for doc_id, status, doc, row in rows
        }
        return [found[doc_id] for doc_id in doc_ids]

    def annotations(self, doc_ids: list[str]) -> list[Doc]:
        """The annotations of documents of status ok, without their `documents` rows
        (whose texts are the bulk of the state)."""
        marks = ",".join("?" * len(doc_ids))
        query = f"select doc from docs where status = 'ok' and doc_id in ({marks})"
        return [pickle.loads(doc) for (doc,) in self.db.execute(query, doc_ids)]

    def linked(self, docs: list[Doc], places: dict[str, list[tuple[str, Where]]]) -> None:
        """Documents linked: stored with their entity ids, and where they put places."""
        self.db.executemany(
            "update docs set doc = ?, places = ?, linked = 1 where doc_id = ?",
            ((pickled(doc), pickled(places.get(doc.doc_id, [])), doc.doc_id) for doc in docs),
        )

    def place(self, doc_ids: list[str], part: str) -> None:
        """Documents whose rows `part` holds."""
        self.db.executemany("update docs set part = ? where doc_id = ?", ((part, d) for d in doc_ids))

    def stale(self) -> dict[str, set[str]]:
        """The parts that hold rows of documents changed or removed since, with them."""
        found: dict[str, set[str]] = {}
        for part, doc_id in self.db.execute("select part, doc_id from stale where part is not null"):
            found.setdefault(part, set()).add(doc_id)
        return found

    def forgotten(self) -> Iterator[tuple[Doc, list[tuple[str, Where]]]]:
        """The linked annotations of documents changed or removed since, one at a time."""
        query = "select doc, places from stale where doc is not null"
        for doc, places in self.db.execute(query):
            yield pickle.loads(doc), pickle.loads(places)

    def parts(self) -> set[str]:
        """The parts that hold the rows of stored documents."""
        return {part for (part,) in self.db.execute("select distinct part from docs where part is not null")}

    def unplace(self, parts: set[str]) -> None:
        """Parts the published tables lack: their documents are written again."""
        self.db.executemany("update docs set part = null where part = ?", ((p,) for p in parts))

    def merge_parts(self, into: dict[str, str]) -> None:
        """Parts merged into one (`compact`), by their names."""
        self.db.executemany(
            "update docs set part = ? where part = ?",
            ((new, old) for old, new in into.items() if new != old),
        )

    def published(self) -> None:
        """The tables show the state: the last step of a publish's transaction."""
        self.db.execute("delete from stale")
        self._set_meta("dirty", "0")

    def has_published(self) -> bool:
        return self.db.execute("select 1 from docs where part is not null limit 1").fetchone() is not None

    def unpublish(self) -> None:
        """The published tables are damaged: the next publish writes every row again,
        from the linked documents as stored."""
        with self.transaction():
            self.db.execute("update docs set part = null")
            # Every part is written anew; what forgotten documents counted still goes.
            self.db.execute("delete from stale where doc is null")
            self.db.execute("update stale set part = null")
            self._set_meta("dirty", "1")

    def unlink(self) -> None:
        """`--relink`: every document is linked again (the registry is emptied beside)."""
        self.db.execute("update docs set part = null, linked = 0, places = null")
        self.db.execute("delete from stale")

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
            with self.transaction():
                self._set_meta("input", here)

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("select value from meta where key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("insert or replace into meta values (?, ?)", (key, value))

    def transaction(self) -> _Transaction:
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
