"""Publishing: the tables brought up to date with the run state, writing only what
changed.

The per-document tables (`documents`, `mentions`, `positions`, `events`,
`event_participants`) are split into parts by the run that wrote them: a part of each
table shares one name (`part-20261202T…`), and the state records which part holds each
document's rows. A publish

- keeps every part of the published version whose documents did not change
  (hard-linked into the new version, not copied);
- writes again, without them, the parts that hold rows of changed or removed
  documents (`stale`);
- links the documents not published yet against the registry of entities, in chunks,
  and writes their rows as new parts of at most `PART_DOCS` documents;
- writes `entities` from the registry.

So a night's work follows the night's news: the documents it links, the parts that
held their old rows, and one pass over the registry's entity rows. Linking is
incremental (`link/registry.py`); `relink` links every document afresh.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import TypeVar

import pyarrow.parquet as pq

from gov_extract import checkpoints
from gov_extract.errors import UsageError
from gov_extract.link.entities import cluster, full_key, name_key
from gov_extract.link.regions import annotate
from gov_extract.link.registry import Registry
from gov_extract.records import Doc, Where
from gov_extract.store.state import State, Stored
from gov_extract.store.tables import event_rows, mention_rows, participant_rows, position_rows
from gov_extract.store.write import (
    PartWriter,
    Version,
    part_name,
    published,
    published_parts,
)

T = TypeVar("T")

PER_DOCUMENT = ("documents", "mentions", "positions", "events", "event_participants")
# Documents per new part: a changed document makes its part be written again, so parts
# stay small enough for that to be cheap, and few enough for readers to open quickly.
PART_DOCS = 20_000
# Documents unpickled, linked and written at a time: the parent's memory holds one chunk.
CHUNK_DOCS = 2_000


def publish(out: Path, state: State, relink: bool = False) -> None:
    """Write the tables as a new version and publish it; commit the state last, so that
    a run killed on the way leaves the state as it was and the next run does it again.

    The documents to publish are read three times, a chunk at a time: to learn the full
    names and abbreviations they give, to link them, and to write their rows once every
    entity has its name from the whole registry."""
    registry = Registry(state.db)
    with state.transaction():
        if relink:
            state.unlink()
            registry.reset()
        _forget(state, registry)
        version = Version(out)
        unlinked = state.pending(unlinked=True)
        knowledge = _Knowledge(registry, state, unlinked)
        for chunk in batches(unlinked, CHUNK_DOCS):
            docs = state.annotations(chunk)
            state.linked(docs, _link(registry, knowledge, docs))
        registry.refresh()
        _keep(version, out, state, registry.renamed())
        for stem_ids in batches(state.pending(), PART_DOCS):
            stem = part_name().removesuffix(".parquet")
            with ExitStack() as stack:
                parts = {
                    name: stack.enter_context(version.open(name, f"{stem}.parquet"))
                    for name in PER_DOCUMENT
                }
                for chunk in batches(stem_ids, CHUNK_DOCS):
                    _rows(parts, state.load(chunk), registry)
            state.place(stem_ids, stem)
        version.write("entities", registry.rows())
        version.publish()
        checkpoints.reached("commit")
        registry.published()
        state.published()


def _forget(state: State, registry: Registry) -> None:
    """What documents changed or removed since counted leaves the registry."""
    docs: list[Doc] = []
    places: list[tuple[str, Where]] = []
    for doc, put in state.forgotten():
        docs.append(doc)
        places.extend(put)
        if len(docs) == CHUNK_DOCS:
            registry.subtract(docs, places)
            docs, places = [], []
    registry.subtract(docs, places)


def _keep(version: Version, out: Path, state: State, renamed: dict[str, str]) -> None:
    """The published parts that stay: as they are, or without the rows of documents
    changed or removed since, or with the new names of renamed entities. A part the
    state does not know (left by a run killed before its commit) is dropped; documents
    whose part the tables lack are written again."""
    found = published_parts(out)
    live = state.parts()
    stale = state.stale()
    stems = {path.stem for path in found.get(PER_DOCUMENT[0], [])}
    state.unplace(live - stems)
    for name in PER_DOCUMENT:
        for path in found.get(name, []):
            if path.stem in live:
                version.rewrite(name, path, stale.get(path.stem, set()), renamed)


class _Knowledge:
    """What linking a chunk may use beyond it: the registry, and the full names and
    abbreviations of every document this publish links, so that a surname alone in the
    first chunk finds the full name given in the last."""

    def __init__(self, registry: Registry, state: State, unlinked: list[str]) -> None:
        self.registry = registry
        self.full: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.short: dict[str, dict[str, str]] = defaultdict(dict)
        for chunk in batches(unlinked, CHUNK_DOCS):
            for doc in state.annotations(chunk):
                self._learn(doc)

    def _learn(self, doc: Doc) -> None:
        for mention in doc.mentions:
            name = mention.name
            if mention.type == "PER" and name is not None and name.is_full:
                self.full[name.surname].add(full_key(name))
        for short, full in doc.short_names.items():
            self.short[short].setdefault(name_key(full), full)

    def full_names(self, surnames: Iterable[str]) -> dict[str, set[tuple[str, str]]]:
        surnames = set(surnames)
        found = self.registry.full_names(surnames)
        for surname in surnames & set(self.full):
            found[surname] |= self.full[surname]
        return found

    def short_names(self, shorts: Iterable[str]) -> dict[str, dict[str, str]]:
        shorts = set(shorts)
        found = self.registry.short_names(shorts)
        for short in shorts & set(self.short):
            found[short] = {**found[short], **self.short[short]}
        return found


def _link(registry: Registry, knowledge: _Knowledge, docs: list[Doc]) -> dict[str, list[tuple[str, Where]]]:
    """Link documents against the registry and count them in it; where each release
    put the ambiguous places it names, by document."""
    if not docs:
        return {}
    registry.add(docs, cluster(docs, knowledge))
    ids = {m.entity_id for doc in docs for m in doc.mentions if m.entity_id}
    entities = registry.entities(ids)
    in_docs = annotate(list(entities.values()), docs, registry.places(ids))
    by_doc: dict[str, list[tuple[str, Where]]] = defaultdict(list)
    for (doc_id, entity_id), where in in_docs.items():
        by_doc[doc_id].append((entity_id, where))
    registry.add_places([p for places in by_doc.values() for p in places])
    return by_doc


def _rows(parts: dict[str, PartWriter], stored: list[Stored], registry: Registry) -> None:
    docs = [s.doc for s in stored if s.doc is not None]
    names = registry.names({m.entity_id for doc in docs for m in doc.mentions if m.entity_id})
    parts["documents"].add(s.row for s in stored)
    for doc in docs:
        parts["mentions"].add(mention_rows(doc))
        parts["positions"].add(position_rows(doc, names))
        parts["events"].add(event_rows(doc, names))
        parts["event_participants"].add(participant_rows(doc, names))


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter), as they come."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def compact(out: Path, max_docs: int = 200_000) -> dict[str, tuple[int, int]]:
    """Merge the parts of the per-document tables, consecutive ones into parts of up to
    `max_docs` documents, rows in the same order, as a new version; returns the parts
    before and after, by table."""
    if not published(out):
        raise UsageError(
            f"{out} holds no tables of this gov-extract version: run `gov-extract run` "
            "on it first"
        )
    with State(out) as state, state.transaction():
        found = published_parts(out)
        groups = _groups(found.get("documents", []), max_docs)
        version = Version(out)
        merged = {}
        for name in PER_DOCUMENT:
            by_stem = {path.stem: path for path in found.get(name, [])}
            for group in groups:
                sources = [by_stem[stem] for stem in group if stem in by_stem]
                version.merge(name, sources, f"{group[0]}.parquet")
            merged[name] = (len(by_stem), len(groups))
        for path in found.get("entities", []):
            version.keep("entities", path)
        merged["entities"] = (len(found.get("entities", [])),) * 2
        state.merge_parts({stem: group[0] for group in groups for stem in group})
        version.publish()
    return merged


def _groups(parts: list[Path], max_docs: int) -> list[list[str]]:
    """Consecutive part names, grouped to at most `max_docs` documents each."""
    groups: list[list[str]] = []
    size = max_docs
    for path in parts:
        rows = pq.read_metadata(path).num_rows
        if size + rows > max_docs:
            groups.append([])
            size = 0
        groups[-1].append(path.stem)
        size += rows
    return groups
