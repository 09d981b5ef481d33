"""The whole job as one library call: read → clean → annotate → link → write.

`run()` is what `gov-extract run` calls, and what a notebook can call too. A run is
incremental: only documents that are new, changed (content_sha256) or processed by
another pipeline_version are annotated and linked (against the registry of entities
earlier runs found), and only the parts of the tables that held them are written
again. See `state.py` for what is stored, `publish.py` for what a publish writes and
`write.py` for how the tables are replaced atomically.
"""

from __future__ import annotations

import errno
import gc
import os
import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from gov_extract import __version__, checkpoints, lexicons
from gov_extract.engines import DOC_TIMEOUT, GC_THRESHOLD, Item, default_workers, open_engine
from gov_extract.errors import OutputError, UsageError
from gov_extract.inputs.read import (
    MAX_CHARS,
    MAX_FILE_BYTES,
    Columns,
    discover,
    read,
    relative_source,
)
from gov_extract.publish import batches, publish
from gov_extract.records import Source
from gov_extract.store.state import STATE_DIR, STATE_FILE, Annotated, Known, RunLock, State, damaged
from gov_extract.store.write import check, count_rows, event_types, published, recover

# Documents per task: enough for Natasha's tagger to fill its batches, few enough
# that a worker reports progress often and a Ctrl-C is answered within a second or two.
BATCH_SIZE = 32
# Stage names of the annotator's steps in `RunSummary.stage_seconds`: `annotate.ner`.
STEP_STAGE = "annotate."


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
    # Of the published tables, the whole corpus: what a run that changed little still
    # has to show.
    n_entities: int = 0
    n_positions: int = 0
    events_by_type: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    # Wall-clock seconds of the run's stages in this process (read, annotate, stash,
    # publish), and under STEP_STAGE those of each annotation step, summed over the
    # workers: with several, the steps add up to more than `annotate`.
    stage_seconds: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    interrupted: bool = False
    # What was wrong with the published tables before this run wrote them again.
    repairs: list[str] = field(default_factory=list)
    # Files under INPUT of no supported format, which the run did not read.
    unsupported: list[str] = field(default_factory=list)

    @property
    def n_documents(self) -> int:
        return self.plan.total()

    @property
    def n_processed(self) -> int:
        return self.by_status.total()

    @property
    def ok(self) -> bool:
        """Every input read and processed, and there was at least one."""
        return not self.failures and self.n_documents > 0

    def step_seconds(self) -> dict[str, float]:
        """Seconds of each annotation step, by the step's name, slowest first."""
        steps = {
            stage.removeprefix(STEP_STAGE): seconds
            for stage, seconds in self.stage_seconds.items()
            if stage.startswith(STEP_STAGE)
        }
        return dict(sorted(steps.items(), key=lambda step: -step[1]))

    def add(self, done: Iterable[Annotated]) -> None:
        for item in done:
            self.by_status[item.status] += 1
            self.mentions_by_type.update(item.mention_types)
            for step, seconds in item.step_seconds.items():
                self.stage_seconds[STEP_STAGE + step] += seconds
            if item.status != "ok":
                failure = Failure(item.source, item.record, item.status, item.error or "")
                self.failures.append(failure)


# Called after each batch with (documents processed, files read, files in all).
Progress = Callable[[int, int, int], None]


def run(
    input: str | os.PathLike[str],
    out: str | os.PathLike[str] = "data/out",
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
    max_file_bytes: int = MAX_FILE_BYTES,
    follow_links: bool = False,
    input_changed: bool = False,
    rebuild_state: bool = False,
    doc_timeout: float = DOC_TIMEOUT,
    relink: bool = False,
) -> RunSummary:
    """Bring the tables in `out` up to date with `input` (paths as `str` or `Path`).

    Documents whose source is gone are kept unless `prune`; `reprocess` annotates every
    document again. New and changed documents are linked against the entities earlier
    runs found, which keep their ids; `relink` links every stored document afresh. A document whose annotation takes longer than `doc_timeout`
    seconds gets an error row and the run goes on. A published table found damaged is
    written again from the run state (`RunSummary.repairs` says what was wrong). Raises `errors.UsageError` for
    what cannot be done as asked (another run holds `out`, `input` is not the one `out`
    was built from unless `input_changed`, …) and `errors.OutputError` when `out`
    cannot be written or its state is damaged (`rebuild_state` starts it afresh).
    """
    started = time.perf_counter()
    input, out = Path(input), Path(out)
    _check_paths(input, out)
    with _collect_less(), _output_errors(out), RunLock(out), State(
        out, rebuild=rebuild_state
    ) as state, _Interrupt() as interrupt:
        state.check_input(input, input_changed)
        recover(out)
        if reprocess:
            state.forget_versions()
        reading = Reading(columns or Columns(), max_chars, follow_links, max_file_bytes)
        job = _Job(input, out, reading, state, pipeline_version(), progress)
        job.summary.repairs = check(out, expected=state.has_published())
        if job.summary.repairs or not published(out):
            state.unpublish()
        job.annotate(
            state, interrupt, workers or default_workers(), engine, scheduler, batch_size,
            doc_timeout,
        )  # fmt: skip
        if prune and not interrupt.requested:
            job.summary.n_removed = len(job.vanished)
            state.remove(job.vanished)
        if state.dirty or relink or not published(out):
            job.timed("publish", lambda: publish(out, state, relink))
        job.summary.n_entities = count_rows(out, "entities")
        job.summary.n_positions = count_rows(out, "positions")
        job.summary.events_by_type = event_types(out)
        job.summary.interrupted = interrupt.requested
    job.summary.seconds = time.perf_counter() - started
    return job.summary


def _check_paths(input: Path, out: Path) -> None:
    """Refuse what would make a run read its own output or write where it cannot."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder: give a folder for the tables")
    if not input.exists():
        raise UsageError(f"the input {input} does not exist")
    if out.exists() and _under(input, out):
        raise UsageError(
            f"the input {input} lies inside the output folder {out}: the run would read "
            "its own tables; keep releases and tables in separate folders"
        )


def _under(path: Path, folder: Path) -> bool:
    base = os.path.realpath(folder)
    return os.path.commonpath([os.path.realpath(path), base]) == base


@contextmanager
def _output_errors(out: Path) -> Iterator[None]:
    """OUT that cannot be written, as one message instead of a traceback."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        raise damaged(out / STATE_DIR / STATE_FILE, error) from None
    except OSError as error:
        if error.errno not in _STORAGE_ERRORS:
            raise
        raise OutputError(
            f"cannot write to {out}: {error.strerror} ({error.filename or out}); "
            f"{_STORAGE_ERRORS[error.errno]}. The tables are as the last complete run left them"
        ) from None


_STORAGE_ERRORS = {
    errno.ENOSPC: "free some disk space or give another --out",
    errno.EDQUOT: "free some disk space or give another --out",
    errno.EROFS: "the file system is read-only: give another --out",
    errno.EACCES: "check that the user running gov-extract may write there, or give another --out",
    errno.EPERM: "check that the user running gov-extract may write there, or give another --out",
}


@dataclass(frozen=True)
class Reading:
    """How inputs are read: tabular columns, the size limits, whether links are followed."""

    columns: Columns
    max_chars: int = MAX_CHARS
    follow_links: bool = False
    max_file_bytes: int = MAX_FILE_BYTES


class _Job:
    """One run's reading, selection and annotation, with its counts and timings."""

    def __init__(
        self,
        input: Path,
        out: Path,
        reading: Reading,
        state: State,
        version: str,
        progress: Progress | None,
    ) -> None:
        self.input, self.reading, self.state, self.version = input, reading, state, version
        self.progress = progress
        unsupported: list[Path] = []
        self.files = discover(input, reading.follow_links, skip=out, unsupported=unsupported)
        self.summary = RunSummary(
            n_files=len(self.files),
            unsupported=[relative_source(path, input) for path in unsupported],
        )
        self.seen: set[str] = set()
        self.files_done = 0

    @property
    def vanished(self) -> set[str]:
        return self.state.doc_ids() - self.seen

    def annotate(
        self,
        state: State,
        interrupt: _Interrupt,
        workers: int,
        engine: str,
        scheduler: str | None,
        batch_size: int,
        doc_timeout: float,
    ) -> None:
        work = batches(self._select(self._sources(interrupt)), batch_size)
        started = time.perf_counter()
        with open_engine(engine, workers, scheduler, doc_timeout) as runner:
            try:
                for count, done in enumerate(runner(work, self.version), start=1):
                    checkpoints.reached("stash", count)
                    self.timed("stash", lambda done=done: state.stash(done, self.version))
                    self.summary.add(done)
                    checkpoints.reached("annotate", count)
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
            found = enumerate(
                read(
                    path,
                    self.input,
                    self.reading.columns,
                    max_chars=self.reading.max_chars,
                    max_file_bytes=self.reading.max_file_bytes,
                    follow_links=self.reading.follow_links,
                )
            )
            # Record by record: a tabular file may hold millions, which go on to be
            # annotated as they are read, and Ctrl-C stops reading between two of them.
            while (item := self._read_next(found)) is not None:
                yield item
                if interrupt.requested:
                    return
            checkpoints.reached("read", self.files_done + 1)
            self.files_done += 1

    def _read_next(self, found: Iterator[Item]) -> Item | None:
        started = time.perf_counter()
        item = next(found, None)
        self.summary.stage_seconds["read"] += time.perf_counter() - started
        return item

    def _select(self, items: Iterable[Item]) -> Iterator[Item]:
        """The records that need annotating: new, changed or outdated ones."""
        for ordinal, source in items:
            doc_id = source.doc_id
            if doc_id in self.seen:
                self._duplicate(source)
                continue
            self.seen.add(doc_id)
            reason = self._reason(self.state.known(doc_id), source.content_sha256)
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


@contextmanager
def _collect_less() -> Iterator[None]:
    """GC_THRESHOLD for the run, the caller's thresholds after it (a notebook's)."""
    previous = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


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
