"""The whole job as one library call: read → clean → annotate → link → write.

`run()` is what `gov-extract run` calls, and what a notebook can call too.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

import pyarrow as pa

from . import __version__, lexicons
from .annotate import Annotator, lemma_text
from .clean import clean
from .link import link
from .read import Columns, discover, read
from .records import Doc, Entity
from .schema import to_table
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
    write_tables(out, assemble(document_rows, docs, entities))

    for doc in docs:
        summary.by_status[doc.status] += 1
        summary.mentions_by_type.update(m.type for m in doc.mentions)
        if doc.status != "ok":
            summary.failures.append(Failure(doc.source, doc.record, doc.status, doc.error or ""))
    summary.n_documents = len(docs)
    summary.n_entities = len(entities)
    summary.seconds = time.perf_counter() - started
    return summary


def document_row(doc: Doc, version: str) -> dict:
    return {
        "doc_id": doc.doc_id,
        "source": doc.source,
        "record": doc.record,
        "format": doc.format,
        "url": doc.url,
        "title": doc.title,
        "published_at": doc.published_at,
        "text": doc.text,
        "lemma_text": lemma_text(doc),
        "n_sentences": len(doc.sentences),
        "n_tokens": sum(len(sent.tokens) for sent in doc.sentences),
        "status": doc.status,
        "error": doc.error,
        "content_sha256": doc.content_sha256,
        "pipeline_version": version,
        "processed_at": datetime.now(UTC),
    }


def mention_rows(doc: Doc) -> Iterator[dict]:
    for index, mention in enumerate(doc.mentions):
        yield {
            "doc_id": doc.doc_id,
            "mention_id": f"{doc.doc_id}-m{index}",
            "type": mention.type,
            "text": mention.text,
            "normal": mention.normal,
            "start": mention.start,
            "end": mention.stop,
            "sent_idx": mention.sent_idx,
            "entity_id": mention.entity_id,
        }


def entity_row(entity: Entity) -> dict:
    return {
        "entity_id": entity.entity_id,
        "type": entity.type,
        "name": entity.name,
        "first": entity.first,
        "middle": entity.middle,
        "last": entity.last,
        "aliases": entity.aliases,
        "n_mentions": entity.n_mentions,
        "n_docs": entity.n_docs,
    }


def position_rows(doc: Doc, names: dict[str, str]) -> Iterator[dict]:
    """Persons, bodies and places by their linked entities' canonical names."""
    for found in doc.positions:
        org, loc = found.org, found.loc
        yield {
            "doc_id": doc.doc_id,
            "person_entity_id": found.person.entity_id,
            "person": names[found.person.entity_id],
            "position": found.position,
            "title": found.title,
            "position_text": found.position_text,
            "org_entity_id": org.entity_id if org else None,
            "organization": names[org.entity_id] if org else None,
            "loc_entity_id": loc.entity_id if loc else None,
            "location": names[loc.entity_id] if loc else None,
            "sent_idx": found.sent_idx,
            "start": found.start,
            "end": found.stop,
        }


def assemble(
    document_rows: list[dict], docs: list[Doc], entities: list[Entity]
) -> dict[str, pa.Table]:
    names = {entity.entity_id: entity.name for entity in entities}
    return {
        "documents": to_table("documents", document_rows),
        "mentions": to_table("mentions", [row for doc in docs for row in mention_rows(doc)]),
        "entities": to_table("entities", [entity_row(entity) for entity in entities]),
        "positions": to_table("positions", [r for doc in docs for r in position_rows(doc, names)]),
        "events": to_table("events", []),
        "event_participants": to_table("event_participants", []),
    }


def _batches(items: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
