"""The whole job as one library call: read → clean → annotate → link → write.

`run()` is what `gov-extract run` calls, and what a notebook can call too.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from . import __version__, lexicons
from .annotate import Annotator
from .clean import clean
from .link import link
from .read import Columns, discover, read
from .records import Doc
from .tables import build_tables, document_row
from .write import write_tables

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
    n_documents: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    mentions_by_type: Counter[str] = field(default_factory=Counter)
    n_entities: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


# Called after each batch with (documents done, files done, files in all).
Progress = Callable[[int, int, int], None]


def run(
    input: Path,
    out: Path,
    columns: Columns | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    started = time.perf_counter()
    columns = columns or Columns()
    files = discover(input)
    summary = RunSummary(n_files=len(files))
    annotator = Annotator()
    version = pipeline_version()
    docs: list[Doc] = []
    document_rows: list[dict] = []
    files_done = 0

    def sources() -> Iterator[Doc]:
        nonlocal files_done
        for path in files:
            for source in read(path, input, columns):
                yield clean(source)
            files_done += 1

    for batch in _batches(sources(), BATCH_SIZE):
        annotator(batch)
        for doc in batch:
            document_rows.append(document_row(doc, version))
            # Linking needs the mentions of the whole corpus, not the tokens.
            doc.sentences = []
            docs.append(doc)
        if progress:
            progress(len(docs), files_done, len(files))

    entities = link(docs)
    write_tables(out, build_tables(document_rows, docs, entities))

    for doc in docs:
        summary.by_status[doc.status] += 1
        summary.mentions_by_type.update(m.type for m in doc.mentions)
        if doc.status != "ok":
            summary.failures.append(Failure(doc.source, doc.record, doc.status, doc.error or ""))
    summary.n_documents = len(docs)
    summary.n_entities = len(entities)
    summary.seconds = time.perf_counter() - started
    return summary


def _batches(items: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
