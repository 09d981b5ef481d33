"""The whole job as one library call: read → clean → annotate → link → write.

`run()` is what `gov-extract run` calls, and what a notebook can call too. A run is
incremental: only documents that are new, changed (content_sha256) or processed by
another pipeline_version are annotated; the tables are then rebuilt from the stored
annotations of every document, since linking is corpus-wide. See `state.py` for what
is stored and `write.py` for how the tables are replaced atomically.
"""

from __future__ import annotations

import gc
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from types import FrameType

from . import __version__, lexicons
from .engines import GC_THRESHOLD, Item, default_workers, open_engine
from .link import link
from .read import MAX_CHARS, Columns, discover, read
from .records import Source
from .schema import TABLES
from .state import Annotated, Known, RunLock, State
from .tables import build_tables
from .write import count_rows, kill_point, recover, write_tables

# Documents per task: enough for Natasha's tagger to fill its batches, few enough
# that a worker reports progress often and a Ctrl-C is answered within a second or two.
BATCH_SIZE = 32


def pipeline_version() -> str:
    return f"{__version__}+rules.{lexicons.fingerprint()}"


@dataclass
class Failure:
    source: str
    record: str | None
    status: str
    error: str


@dataclass
class RunSummary:
    n_files: int = 0
    # Documents read from the input, by what the run did with them: new, changed,
    # outdated (another pipeline_version, --reprocess or an internal error) or unchanged.
    plan: Counter[str] = field(default_factory=Counter)
    n_removed: int = 0
    # Of the documents processed in this run.
    by_status: Counter[str] = field(default_factory=Counter)
    mentions_by_type: Counter[str] = field(default_factory=Counter)
    n_entities: int = 0
    seconds: float = 0.0
    stage_seconds: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    interrupted: bool = False

    @property
    def n_documents(self) -> int:
        return self.plan.total()

    @property
    def n_processed(self) -> int:
        return self.by_status.total()

    @property
    def ok(self) -> bool:
        return not self.failures

    def add(self, done: Iterable[Annotated]) -> None:
        for item in done:
            self.by_status[item.status] += 1
            self.mentions_by_type.update(item.mention_types)
            if item.status != "ok":
                failure = Failure(item.source, item.record, item.status, item.error or "")
                self.failures.append(failure)


# Called after each batch with (documents processed, files read, files in all).
Progress = Callable[[int, int, int], None]


def run(
    input: Path,
    out: Path,
    columns: Columns | None = None,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    reprocess: bool = False,
    prune: bool = False,
    batch_size: int = BATCH_SIZE,
    max_chars: int = MAX_CHARS,
    follow_links: bool = False,
) -> RunSummary:
    """Bring the tables in `out` up to date with `input`.

    Documents whose source is gone are kept unless `prune`; `reprocess` annotates every
    document again. Raises `state.Locked` when another run holds `out`.
    """
    started = time.perf_counter()
    with _collect_less(), RunLock(out), State(out) as state, _Interrupt() as interrupt:
        recover(out)
        if reprocess:
            state.forget_versions()
        reading = Reading(columns or Columns(), max_chars, follow_links)
        job = _Job(input, reading, state.known(), pipeline_version(), progress)
        job.annotate(state, interrupt, workers or default_workers(), engine, scheduler, batch_size)
        if prune and not interrupt.requested:
            job.summary.n_removed = len(job.vanished)
            state.remove(job.vanished)
        if state.dirty or any(not (out / name).is_dir() for name in TABLES):
            job.timed("publish", lambda: _publish(out, state))
        job.summary.n_entities = count_rows(out, "entities")
        job.summary.interrupted = interrupt.requested
    job.summary.seconds = time.perf_counter() - started
    return job.summary


@dataclass(frozen=True)
class Reading:
    """How inputs are read: tabular columns, the size limit, whether links are followed."""

    columns: Columns
    max_chars: int = MAX_CHARS
    follow_links: bool = False


class _Job:
    """One run's reading, selection and annotation, with its counts and timings."""

    def __init__(
        self,
        input: Path,
        reading: Reading,
        known: dict[str, Known],
        version: str,
        progress: Progress | None,
    ) -> None:
        self.input, self.reading, self.known, self.version = input, reading, known, version
        self.progress = progress
        self.files = discover(input, follow_links=reading.follow_links)
        self.summary = RunSummary(n_files=len(self.files))
        self.seen: set[str] = set()
        self.files_done = 0

    @property
    def vanished(self) -> set[str]:
        return set(self.known) - self.seen

    def annotate(
        self,
        state: State,
        interrupt: _Interrupt,
        workers: int,
        engine: str,
        scheduler: str | None,
        batch_size: int,
    ) -> None:
        work = _batches(self._select(self._sources(interrupt)), batch_size)
        started = time.perf_counter()
        with open_engine(engine, workers, scheduler) as runner:
            try:
                for count, done in enumerate(runner(work, self.version), start=1):
                    kill_point("stash", count)
                    self.timed("stash", lambda done=done: state.stash(done, self.version))
                    self.summary.add(done)
                    kill_point("annotate", count)
                    if self.progress:
                        self.progress(self.summary.n_processed, self.files_done, len(self.files))
            except Exception:
                # Workers hit by the same Ctrl-C may die first; what they finished is kept.
                if not interrupt.requested:
                    raise
        own = self.summary.stage_seconds
        own["annotate"] += time.perf_counter() - started - own["read"] - own["stash"]

    def timed(self, stage: str, step: Callable[[], object]) -> None:
        started = time.perf_counter()
        step()
        self.summary.stage_seconds[stage] += time.perf_counter() - started

    def _sources(self, interrupt: _Interrupt) -> Iterator[Item]:
        for path in self.files:
            if interrupt.requested:
                return
            started = time.perf_counter()
            found = list(
                enumerate(
                    read(
                        path,
                        self.input,
                        self.reading.columns,
                        max_chars=self.reading.max_chars,
                        follow_links=self.reading.follow_links,
                    )
                )
            )
            self.summary.stage_seconds["read"] += time.perf_counter() - started
            kill_point("read", self.files_done + 1)
            self.files_done += 1
            yield from found

    def _select(self, items: Iterable[Item]) -> Iterator[Item]:
        """The records that need annotating: new, changed or outdated ones."""
        for ordinal, source in items:
            doc_id = source.doc_id
            if doc_id in self.seen:
                self._duplicate(source)
                continue
            self.seen.add(doc_id)
            reason = self._reason(self.known.get(doc_id), source.content_sha256)
            self.summary.plan[reason] += 1
            if reason != "unchanged":
                yield ordinal, source

    def _reason(self, known: Known | None, content_sha256: str) -> str:
        if known is None:
            return "new"
        if known.content_sha256 != content_sha256:
            return "changed"
        if known.pipeline_version != self.version or known.retry:
            return "outdated"
        return "unchanged"

    def _duplicate(self, source: Source) -> None:
        self.summary.failures.append(
            Failure(
                source.source, source.record, "error",
                "another record of this file has the same id; only the first one is kept: "
                "give every record its own id, or name another column with --id-col",
            )
        )  # fmt: skip


def _publish(out: Path, state: State) -> None:
    """Rebuild the tables from the stored annotations of every document; commit last."""
    docs, pending_rows, published = state.documents()
    entities = link(docs)
    write_tables(out, build_tables(pending_rows, docs, entities), published)
    kill_point("commit")
    state.mark_published()


@contextmanager
def _collect_less() -> Iterator[None]:
    """GC_THRESHOLD for the run, the caller's thresholds after it (a notebook's)."""
    previous = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class _Interrupt:
    """The first Ctrl-C asks the run to stop reading, finish the batches in flight and
    publish what is done; a second one aborts at once (the state stays consistent)."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: object = None

    def __enter__(self) -> _Interrupt:
        try:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread: Ctrl-C stays the caller's business
            self._previous = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
