"""Where documents are annotated: in this process, in a pool of local processes, or on a
Dask cluster. Every engine runs `annotate_batch` on the batches the run forms, so the
output depends neither on the engine nor on the number of workers.
"""

from __future__ import annotations

import concurrent.futures
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any

from threadpoolctl import threadpool_limits

from .clean import clean
from .records import INTERNAL_ERROR, Doc, Source
from .state import Annotated, pickled
from .tables import document_row

if TYPE_CHECKING:
    from .annotate import Annotator

# (place of the record in its file, the record)
Item = tuple[int, Source]
Runner = Callable[[Iterable[list[Item]], str], Iterator[list[Annotated]]]

# A batch allocates hundreds of thousands of tokens that live until it ends, and
# publishing loads every document's annotations: with Python's default first
# threshold (700) the collector runs thousands of times in vain. With the models
# frozen, this takes a tenth off the annotation time (`make bench`).
GC_THRESHOLD = (10_000, 50, 50)

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
        from .annotate import Annotator

        _annotator = Annotator()
        # The models are millions of objects that live as long as the process; frozen,
        # the collector stops walking them.
        gc.freeze()
    return _annotator


def annotate_batch(batch: list[Item], version: str) -> list[Annotated]:
    with _annotating:
        annotator = worker_annotator()
        try:
            docs = [clean(source) for _, source in batch]
            annotator(docs)
            outcomes = [(doc, False) for doc in docs]
        except Exception:
            # One document that breaks an annotator must not take its batch with it.
            outcomes = [_annotate_alone(annotator, source) for _, source in batch]
    return [
        _annotated(ordinal, doc, version, failed)
        for (ordinal, _), (doc, failed) in zip(batch, outcomes, strict=True)
    ]


def _annotate_alone(annotator: Annotator, source: Source) -> tuple[Doc, bool]:
    try:
        doc = clean(source)
        annotator([doc])
    except Exception as error:
        return _failed(source, error), True
    return doc, False


def _failed(source: Source, error: Exception) -> Doc:
    return Doc(
        source.doc_id, source.source, source.record, source.format, source.content_sha256,
        title=source.title, url=source.url, published_at=source.published_at,
        status="error", error=INTERNAL_ERROR.format(f"{type(error).__name__}: {error}"),
    )  # fmt: skip


def _annotated(ordinal: int, doc: Doc, version: str, failed: bool) -> Annotated:
    row = document_row(doc, version)
    # Linking and the tables need the mentions of the whole corpus, not the tokens.
    doc.sentences = []
    return Annotated(
        doc.doc_id, doc.source, doc.record, ordinal, doc.content_sha256, doc.status, doc.error,
        failed, tuple(mention.type for mention in doc.mentions), pickled(doc), pickled(row),
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
def open_engine(engine: str, workers: int, scheduler: str | None = None) -> Iterator[Runner]:
    if engine == "dask":
        with _dask(workers, scheduler) as runner:
            yield runner
    elif workers <= 1:
        # One worker is one core, as each pool worker is (`_start_worker`): OpenBLAS
        # would spread the taggers' matrix products over every core of the machine.
        with one_blas_thread():
            yield _in_process
    else:
        with _pool(workers) as runner:
            yield runner


def _in_process(batches: Iterable[list[Item]], version: str) -> Iterator[list[Annotated]]:
    for batch in batches:
        yield annotate_batch(batch, version)


@contextmanager
def _pool(workers: int) -> Iterator[Runner]:
    # forkserver: workers do not inherit the parent's threads (the progress bar's).
    # Nothing preloaded: what the server imports it imports before the first fork,
    # alone; each worker imports its modules on its own core, beside the others.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([])
    pool = concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker
    )
    try:
        wait = partial(concurrent.futures.wait, return_when=concurrent.futures.FIRST_COMPLETED)
        yield partial(_windowed, pool.submit, wait, 2 * workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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
    from distributed import Client, LocalCluster, wait

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    client = Client(scheduler or cluster)
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
