"""The registry of entities under OUT/_state: every entity earlier runs linked, with what
names it by and what joined it, so that a run links only its new and changed
documents against it and an entity keeps its `entity_id` from one night to the next.

Tables of state.sqlite, written in the same transaction as the documents they count:

    entities       one row per entity of the published `entities` table: its cluster
                   key, its name and counts as published, where it is, `merged_into`
    entity_forms   the normal forms of its mentions, counted: its name is the fullest
    entity_docs    the documents that name it, counted
    short_names    the abbreviations releases defined, counted by meaning
    entity_places  where releases put an ambiguous place or body, counted

Counts go up when a document is linked and down when it changes or is removed, so an
entity's row is what linking every stored document afresh would give it, with one
exception: the mentions written before a merge keep the id they had (see `merges`).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from gov_extract.link.entities import entity_id_of, make_entity, name_key
from gov_extract.link.regions import where_of
from gov_extract.records import Doc, Entity, PersonName, Where

SCHEMA = """
create table if not exists entities (
    entity_id text primary key,
    key text not null,            -- the cluster key the id is a hash of
    type text not null,
    surname text,                 -- PER: the surname key, for surnames given alone
    first_key text,               -- PER: the first name's key where the key is a full name
    name text not null,
    first text, middle text, last text,
    aliases text not null,        -- JSON list
    n_mentions integer not null,
    n_docs integer not null,
    region text, country text, region_source text,
    merged_into text,             -- the entity a surname alone came to stand for
    renamed integer not null default 0  -- named otherwise since the last publish
);
create index if not exists entities_surname on entities(surname);
create table if not exists entity_forms (
    entity_id text not null, form text not null, n integer not null,
    primary key (entity_id, form)
);
create table if not exists entity_docs (
    entity_id text not null, n integer not null, primary key (entity_id)
);
create table if not exists short_names (
    short text not null, full_key text not null, full text not null, n integer not null,
    primary key (short, full_key)
);
create table if not exists entity_places (
    entity_id text not null, region text not null, country text not null,
    source text not null, n integer not null,
    primary key (entity_id, region, country, source)
);
"""

# Parameters per `in (…)` query: SQLite's limit is 32 766; fewer keep each query cheap.
_CHUNK = 500
# Places are stored with '' for None: a primary key of SQLite treats nulls as distinct.
_NONE = ""


class Registry:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.executescript(SCHEMA)
        # Entities whose counts changed since the last `refresh`.
        self.touched: set[str] = set()
        # Surnames whose full names may have come or gone: their surnames alone may
        # stand for someone else now.
        self._surnames: set[str] = set()
        # The names of the persons of the documents added last, as they were read
        # (`Mention.name`): one chunk's, so that memory stays bounded.
        self._names: dict[str, PersonName] = {}

    def reset(self) -> None:
        for table in ("entities", "entity_forms", "entity_docs", "short_names", "entity_places"):
            self.db.execute(f"delete from {table}")
        self.touched.clear()
        self._surnames.clear()

    # What `link.entities.link` asks of earlier runs (`link.entities.Known`).
    def full_names(self, surnames: Iterable[str]) -> dict[str, set[tuple[str, str]]]:
        found: dict[str, set[tuple[str, str]]] = defaultdict(set)
        query = "select surname, first_key from entities where first_key is not null and surname in ({})"
        for surname, first_key in self._select(query, surnames):
            found[surname].add((surname, first_key))
        return found

    def short_names(self, shorts: Iterable[str]) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = defaultdict(dict)
        query = "select short, full_key, full from short_names where short in ({})"
        for short, full_key, full in self._select(query, shorts):
            found[short][full_key] = full
        return found

    def add(self, docs: Sequence[Doc], keys: Iterable[str]) -> None:
        """Count the mentions and definitions of linked documents; `keys` are their
        cluster keys (`link.entities.cluster`): new ones are registered, to be named by
        the next `refresh`."""
        for key in keys:
            surname, first_key = _person_key(key)
            self.db.execute(
                "insert or ignore into entities (entity_id, key, type, surname, first_key, "
                "name, aliases, n_mentions, n_docs) values (?, ?, ?, ?, ?, '', '[]', 0, 0)",
                (entity_id_of(key), key, key.partition(":")[0], surname, first_key),
            )
        # The parent of the annotator's workers reads no name the workers read.
        self._names = {
            m.normal: m.name for doc in docs for m in doc.mentions if m.name is not None
        }
        self._count(docs, +1)

    def subtract(self, docs: Sequence[Doc], places: Iterable[tuple[str, Where]]) -> None:
        """Take back what linked documents counted: they changed or are gone."""
        self._count(docs, -1)
        self.add_places(places, -1)

    def add_places(self, places: Iterable[tuple[str, Where]], sign: int = +1) -> None:
        self.db.executemany(
            "insert into entity_places values (?, ?, ?, ?, ?) on conflict do update "
            "set n = n + excluded.n",
            (
                (eid, where.region or _NONE, where.country or _NONE, where.source or _NONE, sign)
                for eid, where in places
            ),
        )
        self.touched.update(eid for eid, _ in places)

    def places(self, entity_ids: Iterable[str]) -> dict[str, set[Where]]:
        """Where the releases stored so far put each ambiguous entity."""
        found: dict[str, set[Where]] = defaultdict(set)
        query = "select entity_id, region, country, source from entity_places where n > 0 and entity_id in ({})"
        for eid, region, country, source in self._select(query, entity_ids):
            found[eid].add(Where(region or None, country or None, source or None))
        return found

    def entities(self, entity_ids: Iterable[str]) -> dict[str, Entity]:
        """The entities as every stored document names them (`where` not set)."""
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        query = "select entity_id, form, n from entity_forms where n > 0 and entity_id in ({})"
        for eid, form, n in self._select(query, entity_ids):
            forms[eid][form] = n
        query = "select entity_id, key, entity_docs.n from entities join entity_docs using (entity_id) where entity_id in ({})"
        return {
            eid: make_entity(eid, key, forms[eid], n_docs, self._names)
            for eid, key, n_docs in self._select(query, list(forms))
        }

    def refresh(self) -> None:
        """Name, count and place again every entity whose counts changed, drop those no
        document names any more, and settle what surnames alone stand for."""
        touched = sorted(self.touched)
        for start in range(0, len(touched), _CHUNK):
            chunk = touched[start : start + _CHUNK]
            current = self.entities(chunk)
            places = self.places(chunk)
            for eid in chunk:
                entity = current.get(eid)
                if entity is None:
                    self._drop(eid)
                    continue
                entity.where = where_of(entity.name, entity.type, places.get(eid, set()))
                self._update(entity)
        self.touched.clear()
        self._merges()

    def rows(self) -> Iterator[dict]:
        """The published `entities` table, in the order of the ids."""
        cursor = self.db.execute(
            "select entity_id, type, name, first, middle, last, aliases, n_mentions, "
            "n_docs, region, country, region_source, merged_into from entities "
            "where n_mentions > 0 order by entity_id"
        )
        for (eid, type, name, first, middle, last, aliases, n_mentions, n_docs, region,
             country, source, merged_into) in cursor:  # fmt: skip
            yield {
                "entity_id": eid, "type": type, "name": name, "first": first,
                "middle": middle, "last": last, "aliases": json.loads(aliases),
                "n_mentions": n_mentions, "n_docs": n_docs, "region": region,
                "country": country, "region_source": source, "merged_into": merged_into,
            }  # fmt: skip

    def renamed(self) -> dict[str, str]:
        """The entities named otherwise since the last publish, with their new names."""
        return dict(self.db.execute("select entity_id, name from entities where renamed = 1"))

    def published(self) -> None:
        self.db.execute("update entities set renamed = 0 where renamed = 1")

    def names(self, entity_ids: Iterable[str]) -> dict[str, str]:
        query = "select entity_id, name from entities where entity_id in ({})"
        return dict(self._select(query, entity_ids))

    def _count(self, docs: Sequence[Doc], sign: int) -> None:
        forms: Counter[tuple[str, str]] = Counter()
        in_docs: Counter[str] = Counter()
        shorts: Counter[tuple[str, str, str]] = Counter()
        for doc in docs:
            ids = set()
            for mention in doc.mentions:
                if mention.entity_id:
                    forms[mention.entity_id, mention.normal] += sign
                    ids.add(mention.entity_id)
            in_docs.update({eid: sign for eid in ids})
            for short, full in doc.short_names.items():
                shorts[short, name_key(full), full] += sign
        self.db.executemany(
            "insert into entity_forms values (?, ?, ?) on conflict do update set n = n + excluded.n",
            ((eid, form, n) for (eid, form), n in forms.items()),
        )
        self.db.executemany(
            "insert into entity_docs values (?, ?) on conflict do update set n = n + excluded.n",
            in_docs.items(),
        )
        self.db.executemany(
            "insert into short_names values (?, ?, ?, ?) on conflict do update set n = n + excluded.n",
            ((short, key, full, n) for (short, key, full), n in shorts.items()),
        )
        self.db.execute("delete from short_names where n <= 0")
        self.touched.update(in_docs)

    def _update(self, entity: Entity) -> None:
        n_before, surname, first_key, name_before = self.db.execute(
            "select n_mentions, surname, first_key, name from entities where entity_id = ?",
            (entity.entity_id,),
        ).fetchone()
        if first_key is not None and (n_before == 0) != (entity.n_mentions == 0):
            self._surnames.add(surname)
        # Rows written before name it by its old name: their parts are written again.
        renamed = n_before > 0 and name_before != entity.name
        self.db.execute(
            "update entities set name = ?, first = ?, middle = ?, last = ?, aliases = ?, "
            "n_mentions = ?, n_docs = ?, region = ?, country = ?, region_source = ?, "
            "renamed = max(renamed, ?) where entity_id = ?",
            (
                entity.name, entity.first, entity.middle, entity.last,
                json.dumps(entity.aliases, ensure_ascii=False), entity.n_mentions,
                entity.n_docs, entity.where.region, entity.where.country,
                entity.where.source, int(renamed), entity.entity_id,
            ),
        )  # fmt: skip

    def _drop(self, entity_id: str) -> None:
        row = self.db.execute(
            "select surname, first_key from entities where entity_id = ?", (entity_id,)
        ).fetchone()
        if row and row[1] is not None:
            self._surnames.add(row[0])
        for table in ("entities", "entity_forms", "entity_docs", "entity_places"):
            self.db.execute(f"delete from {table} where entity_id = ?", (entity_id,))

    def _merges(self) -> None:
        """A surname given alone (`Петров`, `Петров И.`) stands for the one person of
        the corpus named in full with it (and that initial). Linking a batch joins its
        own mentions so; those of earlier runs keep their id, and their entity says
        whom it stands for now (`merged_into`), or no longer (a second full name came)."""
        surnames = sorted(self._surnames - {""})
        self._surnames.clear()
        full = self.full_names(surnames)
        query = "select entity_id, key, merged_into from entities where first_key is null and surname in ({})"
        for eid, key, merged_into in list(self._select(query, surnames)):
            surname, _, initial = key.removeprefix("PER:").partition("|")
            candidates = {
                (s, first) for s, first in full.get(surname, ()) if first.startswith(initial)
            }
            into = entity_id_of("PER:" + "|".join(candidates.pop())) if len(candidates) == 1 else None
            if into != merged_into:
                self.db.execute(
                    "update entities set merged_into = ? where entity_id = ?", (into, eid)
                )

    def _select(self, query: str, values: Iterable[str]) -> Iterator[tuple]:
        iterator = iter(values)
        while chunk := list(islice(iterator, _CHUNK)):
            yield from self.db.execute(query.format(",".join("?" * len(chunk))), chunk)


def _person_key(key: str) -> tuple[str | None, str | None]:
    """The surname key and, for a full name, the first name's key of a PER cluster key;
    a surname with an initial (`петров|и`) is not a full name, nor a first name alone."""
    kind, _, rest = key.partition(":")
    if kind != "PER" or rest.startswith("first|"):
        return None, None
    surname, _, first = rest.partition("|")
    return surname, first if len(first) > 1 else None

