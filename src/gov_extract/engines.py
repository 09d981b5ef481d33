"""Where documents are annotated: in this process, in a pool of local processes, or on a
Dask cluster. Every engine runs `annotate_batch` on the batches the run forms, so the
output depends neither on the engine nor on the number of workers.

One document must not hold a run: each has `doc_timeout` seconds, after which it gets
an error row and its batch goes on (a timer in the annotating process; in the pool the
parent also stops a worker stuck where the timer cannot reach, in C code). A pool
worker that dies costs the one document it was annotating, and no worker outlives the
run.
"""

from __future__ import annotations

import ctypes
import gc
import math
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection, wait
from types import FrameType
from typing import TYPE_CHECKING, Any

from threadpoolctl import threadpool_limits

from gov_extract.errors import OutputError, UsageError
from gov_extract.inputs.clean import clean
from gov_extract.records import INTERNAL_ERROR, Doc, Source
from gov_extract.store.state import Annotated, pickled
from gov_extract.store.tables import document_row

if TYPE_CHECKING:
    from multiprocessing.context import SpawnContext

    from gov_extract.nlp.annotate import Annotator

# (place of the record in its file, the record)
Item = tuple[int, Source]
Runner = Callable[[Iterable[list[Item]], str], Iterator[list[Annotated]]]
# Annotates documents in place, as `Annotator.__call__` does, and may tell the seconds
# each of its steps took.
Annotate = Callable[[Sequence[Doc]], Mapping[str, float] | None]
# What one document's annotation came to: the document, whether it failed, the
# seconds of the annotator's steps spent on it.
Outcome = tuple[Doc, bool, Mapping[str, float]]

# A batch allocates hundreds of thousands of tokens that live until it ends, and
# publishing loads every document's annotations: with Python's default first
# threshold (700) the collector runs thousands of times in vain. With the models
# frozen, this takes a tenth off the annotation time (`make bench`).
GC_THRESHOLD = (10_000, 50, 50)

# Seconds one document may take; a release takes a fraction of a second.
DOC_TIMEOUT = 60.0
# How long past a budget the pool waits for the worker's own timer before it kills
# the worker: the timer answers within milliseconds unless C code holds the process.
GRACE = 2.0

WORKER_DIED = (
    "the worker process died while annotating this document (killed or out of memory); "
    "if it happens again, please report it together with the input file"
)


def timeout_error(seconds: float) -> str:
    return (
        f"annotation took longer than {seconds:g} s and was stopped; the text may be "
        "pathological or this is a bug in gov-extract: please report it together with "
        "the input file, or raise --doc-timeout"
    )


_annotator: Annotator | None = None
# A Dask worker may run several tasks at once in threads of one process; the models
# (spaCy's vocabulary, the caches) are one per process and not made for that.
_annotating = threading.Lock()


def worker_annotator() -> Annotator:
    """The models, loaded once per process and kept for every later batch."""
    global _annotator
    if _annotator is None:
        # Imported here: a run that annotates in worker processes, or not at all
        # (nothing new), never loads the NLP stack in the parent.
        from gov_extract.nlp.annotate import Annotator

        _annotator = Annotator()
        # The models are millions of objects that live as long as the process; frozen,
        # the collector stops walking them.
        gc.freeze()
    return _annotator


class Overrun(BaseException):
    """A document ran over its time. Not an Exception, so that an annotator's own
    `except Exception` does not swallow it."""


class DocTimer:
    """While entered, SIGALRM stops annotation that runs over `doc_timeout` seconds per
    document by raising `Overrun`. Python runs signal handlers in the main thread only:
    entered in another thread (a Dask worker's), or not entered, it sets no limit."""

    def __init__(self, doc_timeout: float) -> None:
        self.doc_timeout = doc_timeout
        self.installed = False
        self.armed = False
        self._previous: Any = None

    def __enter__(self) -> DocTimer:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGALRM, self._expire)
            self.installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self.installed:
            signal.signal(signal.SIGALRM, self._previous or signal.SIG_DFL)
            self.installed = False

    @contextmanager
    def limit(self) -> Iterator[None]:
        if not self.installed:
            yield
            return
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.doc_timeout)
        try:
            yield
        finally:
            # Disarmed first: a signal already on its way must not stop what comes next.
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)

    def _expire(self, signum: int, frame: FrameType | None) -> None:
        if self.armed:
            raise Overrun


# Never entered: no time limit (Dask's worker threads).
_NO_LIMIT = DocTimer(DOC_TIMEOUT)


def annotate_batch(
    batch: list[Item],
    version: str,
    timer: DocTimer = _NO_LIMIT,
    annotate: Annotate | None = None,
    alone: bool = False,
    starting: Callable[[int], object] | None = None,
) -> list[Annotated]:
    """The batch annotated in one call, as the tagger is fastest, within one document's
    time; if that fails or overruns, each document alone within its own time.
    `alone` skips the batch call; `starting(i)` is told before the i-th document is
    annotated alone. `annotate` stands for the models (tests put in one that hangs).
    The annotator's step seconds go back with the documents (`Annotated.step_seconds`);
    those of a batch call that failed are lost."""
    with _annotating:
        annotator = annotate or worker_annotator()
        outcomes = None if alone else _annotate_together(annotator, batch, timer)
        if outcomes is None:
            # One document that breaks an annotator, or runs too long, must not take
            # its batch with it.
            outcomes = []
            for index, (_, source) in enumerate(batch):
                if starting:
                    starting(index)
                outcomes.append(_annotate_alone(annotator, source, timer))
    return [
        _annotated(ordinal, doc, version, failed, seconds)
        for (ordinal, _), (doc, failed, seconds) in zip(batch, outcomes, strict=True)
    ]


def _annotate_together(
    annotator: Annotate, batch: list[Item], timer: DocTimer
) -> list[Outcome] | None:
    try:
        # The whole batch within one document's time: a batch of releases takes well
        # under a second, and one that overruns is done again a document at a time.
        # A hang then costs two budgets, not one per document of its batch.
        with timer.limit():
            docs = [clean(source) for _, source in batch]
            seconds = annotator(docs) or {}
    except (Exception, Overrun):
        return None
    # The steps run on the whole batch: each document takes an equal share, so that
    # the run adds up the batch's seconds whatever it does with its documents.
    share = {step: spent / max(len(docs), 1) for step, spent in seconds.items()}
    return [(doc, False, share) for doc in docs]


def _annotate_alone(annotator: Annotate, source: Source, timer: DocTimer) -> Outcome:
    try:
        with timer.limit():
            doc = clean(source)
            seconds = annotator([doc]) or {}
    except Overrun:
        return _failed(source, timeout_error(timer.doc_timeout)), True, {}
    except Exception as error:
        error_text = INTERNAL_ERROR.format(f"{type(error).__name__}: {error}")
        return _failed(source, error_text), True, {}
    return doc, False, seconds


def _failed(source: Source, error: str) -> Doc:
    return Doc(
        source.doc_id, source.source, source.record, source.format, source.content_sha256,
        title=source.title, url=source.url, published_at=source.published_at,
        status="error", error=error,
    )  # fmt: skip


def _annotated(
    ordinal: int, doc: Doc, version: str, failed: bool, step_seconds: Mapping[str, float]
) -> Annotated:
    row = document_row(doc, version)
    # Linking and the tables need the mentions of the whole corpus, not the tokens.
    doc.sentences = []
    return Annotated(
        doc.doc_id, doc.source, doc.record, ordinal, doc.content_sha256, doc.status, doc.error,
        failed, tuple(mention.type for mention in doc.mentions), pickled(doc), pickled(row),
        dict(step_seconds),
    )  # fmt: skip


def one_blas_thread() -> threadpool_limits:
    """Limit BLAS to one thread in this process, until the returned limits are left as
    a context. threadpoolctl limits the libraries loaded so far: NumPy, and its
    OpenBLAS, is loaded first, or a worker that has not imported it yet would run with
    a thread per core (two workers took 3 x longer)."""
    import numpy  # noqa: F401

    return threadpool_limits(1)


def default_workers() -> int:
    return len(os.sched_getaffinity(0))


@contextmanager
def open_engine(
    engine: str,
    workers: int,
    scheduler: str | None = None,
    doc_timeout: float = DOC_TIMEOUT,
    annotate: Annotate | None = None,
) -> Iterator[Runner]:
    """A runner of batches. `doc_timeout` and `annotate` (see `annotate_batch`) hold for
    the local engine; Dask's workers annotate in threads, where no timer reaches."""
    if not doc_timeout > 0:
        raise ValueError(f"doc_timeout must be a positive number of seconds, not {doc_timeout}")
    if engine == "dask":
        with _dask(workers, scheduler) as runner:
            yield runner
    elif workers <= 1:
        # One worker is one core, as each pool worker is (`_start_worker`): OpenBLAS
        # would spread the taggers' matrix products over every core of the machine.
        with one_blas_thread(), DocTimer(doc_timeout) as timer:
            yield partial(_in_process, timer, annotate)
    else:
        pool = _Pool(workers, doc_timeout, annotate)
        try:
            yield pool.run
        finally:
            pool.close()


def _in_process(
    timer: DocTimer, annotate: Annotate | None, batches: Iterable[list[Item]], version: str
) -> Iterator[list[Annotated]]:
    for batch in batches:
        yield annotate_batch(batch, version, timer, annotate)


@dataclass(frozen=True)
class _Task:
    batch: list[Item]
    # Each document by itself: the batch was on a worker that died or was stopped.
    alone: bool = False


class _Worker:
    """A worker process, and what the parent knows of it: the task it holds, the
    document of that task it annotates alone (as it last said) and when it is due."""

    def __init__(self, context: SpawnContext, doc_timeout: float, annotate: Annotate | None):
        self.conn, theirs = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(theirs, os.getpid(), doc_timeout, annotate), daemon=True
        )
        self.process.start()
        theirs.close()
        self.doc_timeout = doc_timeout
        self.ready = False
        self.task: _Task | None = None
        self.doc: int | None = None
        self.deadline = math.inf

    @property
    def idle(self) -> bool:
        return self.ready and self.task is None

    def give(self, task: _Task, version: str) -> None:
        self.conn.send((task.batch, version, task.alone))
        self.task, self.doc = task, None
        self._due()

    def hear(self, kind: str, value: Any) -> list[Annotated] | None:
        """Takes in a message of the worker; the annotated batch when it is one."""
        if kind == "ready":
            self.ready = True
        elif kind == "alone":
            self.doc = value
            self._due()
        else:
            self.task, self.doc, self.deadline = None, None, math.inf
            return value
        return None

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def _due(self) -> None:
        self.deadline = time.monotonic() + self.doc_timeout + GRACE


class _Pool:
    """Worker processes that annotate one task at a time. The parent knows which task
    each one holds, so a worker that dies (the OOM killer, a kill -9, a crash in C
    code) or overruns its budget (a hang where its timer cannot reach) costs the run
    one document: the parent kills it if need be, the task's document it was
    annotating alone gets an error row, the rest of the task goes to a fresh worker,
    each document alone."""

    def __init__(self, size: int, doc_timeout: float, annotate: Annotate | None) -> None:
        # spawn: workers inherit neither the parent's threads (the progress bar's) nor
        # its modules; each imports its own on its own core, beside the others. And
        # their parent is the run itself, which they die with (`_die_with_parent`).
        self.context = multiprocessing.get_context("spawn")
        self.doc_timeout, self.annotate = doc_timeout, annotate
        self.workers = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        return _Worker(self.context, self.doc_timeout, self.annotate)

    def close(self) -> None:
        # Nothing to save in a worker: killed, an idle one or a busy one ends at once.
        for worker in self.workers:
            worker.stop()

    def run(self, batches: Iterable[list[Item]], version: str) -> Iterator[list[Annotated]]:
        todo = (_Task(batch) for batch in batches)
        # Retries of lost workers' tasks first, then new batches.
        queue: deque[_Task] = deque()
        finished: list[list[Annotated]] = []
        while True:
            for worker in self.workers:
                if worker.idle and queue:
                    worker.give(queue.popleft(), version)
            yield from finished
            finished = []
            idle = sum(worker.idle for worker in self.workers)
            # A batch read ahead: a worker that finishes gets its next one at once.
            while len(queue) <= idle and (task := next(todo, None)):
                queue.append(task)
            if idle and queue:
                continue
            if not queue and not any(worker.task for worker in self.workers):
                return
            finished = self._answer(version, queue)

    def _answer(self, version: str, queue: deque[_Task]) -> list[list[Annotated]]:
        """Waits for messages, deaths and overruns of workers; the batches they finished."""
        due = min(worker.deadline for worker in self.workers)
        timeout = None if due == math.inf else max(0.0, due - time.monotonic())
        ready = wait(
            [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers], timeout
        )
        finished = []
        for index, worker in enumerate(self.workers):
            error = None
            if worker.conn in ready:
                try:
                    done = worker.hear(*worker.conn.recv())
                except (EOFError, OSError):
                    error = WORKER_DIED
                else:
                    if done is not None:
                        finished.append(done)
            elif worker.process.sentinel in ready:
                error = WORKER_DIED
            elif time.monotonic() > worker.deadline:
                error = timeout_error(self.doc_timeout)
            if error is not None and (failed := self._replace(index, error, version, queue)):
                finished.append(failed)
        return finished

    def _replace(
        self, index: int, error: str, version: str, queue: deque[_Task]
    ) -> list[Annotated]:
        """A fresh worker for the lost one; the error row of the document it was on."""
        lost = self.workers[index]
        lost.stop()
        if not lost.ready:
            raise RuntimeError(
                f"a worker process ended (exit status {lost.process.exitcode}) while it "
                "loaded the models; see the messages above"
            )
        self.workers[index] = self._start()
        task, doc = lost.task, lost.doc
        if task is None:
            return []
        if doc is None:
            queue.appendleft(_Task(task.batch, alone=True))
            return []
        ordinal, source = task.batch[doc]
        if rest := task.batch[:doc] + task.batch[doc + 1 :]:
            queue.appendleft(_Task(rest, alone=True))
        return [_annotated(ordinal, _failed(source, error), version, failed=True, step_seconds={})]


def _serve(conn: Connection, parent: int, doc_timeout: float, annotate: Annotate | None) -> None:
    """A pool worker's life: the models, then the tasks the parent sends until it ends."""
    _die_with_parent(parent)
    _start_worker()
    with DocTimer(doc_timeout) as timer:
        conn.send(("ready", None))
        while True:
            batch, version, alone = conn.recv()
            done = annotate_batch(
                batch, version, timer, annotate, alone, lambda index: conn.send(("alone", index))
            )
            conn.send(("done", done))


# prctl(2): the signal the kernel sends a process when the thread that started it ends.
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when the run ends, however it ends (SIGKILL,
    SIGTERM, a crash): a worker busy with a batch or waiting for the next would live
    on with its 200 MB of models."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL)) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # the run ended before the line above
        os._exit(1)


def _start_worker() -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides what to keep.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # OpenBLAS starts a thread per core in every worker: N workers would run N x cores
    # threads on the cores and two workers were slower than one (`make bench`). One
    # process per core is the parallelism. (Dask's nanny sets the same for its workers.)
    one_blas_thread()
    gc.set_threshold(*GC_THRESHOLD)
    worker_annotator()


@contextmanager
def _dask(workers: int, scheduler: str | None) -> Iterator[Runner]:
    try:
        from distributed import Client, LocalCluster, wait
    except ImportError:
        raise UsageError(
            "--engine dask needs Dask, an optional part of gov-extract: "
            "pip install 'gov-extract[dask]'"
        ) from None
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        client = Client(scheduler or cluster)
    except (OSError, TimeoutError) as error:
        raise OutputError(
            f"cannot reach the Dask scheduler at {scheduler} ({error}); start it "
            "(`dask scheduler`), check the address, or run without --engine dask"
        ) from None
    try:
        slots = sum(client.nthreads().values()) or workers
        submit = partial(client.submit, pure=False)
        yield partial(_windowed, submit, partial(wait, return_when="FIRST_COMPLETED"), 2 * slots)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _windowed(
    submit: Callable[..., Any],
    wait_first: Callable[[set[Any]], Any],
    window: int,
    batches: Iterable[list[Item]],
    version: str,
) -> Iterator[list[Annotated]]:
    """Results as they finish, with at most `window` batches in flight: enough to keep
    every worker busy, few enough that a huge input does not sit in memory."""
    running: set[Any] = set()
    for batch in batches:
        running.add(submit(annotate_batch, batch, version))
        while len(running) >= window:
            yield from _finished(wait_first, running)
    while running:
        yield from _finished(wait_first, running)


def _finished(
    wait_first: Callable[[set[Any]], Any], running: set[Any]
) -> Iterator[list[Annotated]]:
    done, _ = wait_first(running)
    for future in done:
        running.discard(future)
        yield future.result()
