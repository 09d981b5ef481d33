"""The output tables of contract version 2 (`docs/schema.md`), as Arrow schemas.

Columns the contract marks `null` are nullable; every other column is checked
for nulls before a table is written.
"""

from __future__ import annotations

import pyarrow as pa

CONTRACT_VERSION = 2

_STR, _I32 = pa.string(), pa.int32()


def _field(name: str, type: pa.DataType, nullable: bool = False) -> pa.Field:
    return pa.field(name, type, nullable=nullable)


DOCUMENTS = pa.schema([
    _field("doc_id", _STR),
    _field("source", _STR),
    _field("record", _STR, True),
    _field("format", _STR),
    _field("url", _STR, True),
    _field("title", _STR, True),
    _field("published_at", pa.timestamp("us"), True),
    _field("text", _STR),
    _field("lemma_text", _STR),
    _field("n_sentences", _I32),
    _field("n_tokens", _I32),
    _field("status", _STR),
    _field("error", _STR, True),
    _field("content_sha256", _STR),
    _field("pipeline_version", _STR),
    _field("processed_at", pa.timestamp("us", tz="UTC")),
    # Beyond contract version 1: what went wrong in reading a document that is
    # still usable (`mixed encodings: … read as cp1251`).
    _field("warning", _STR, True),
])  # fmt: skip

MENTIONS = pa.schema([
    _field("doc_id", _STR),
    _field("mention_id", _STR),
    _field("type", _STR),
    _field("text", _STR),
    _field("normal", _STR),
    _field("start", _I32),
    _field("end", _I32),
    _field("sent_idx", _I32),
    _field("entity_id", _STR),
])  # fmt: skip

ENTITIES = pa.schema([
    _field("entity_id", _STR),
    _field("type", _STR),
    _field("name", _STR),
    _field("first", _STR, True),
    _field("middle", _STR, True),
    _field("last", _STR, True),
    _field("aliases", pa.list_(_STR)),
    _field("n_mentions", _I32),
    _field("n_docs", _I32),
    # Beyond contract version 2: where a place or body is (`link.regions`).
    _field("region", _STR, True),
    _field("country", _STR, True),
    _field("region_source", _STR, True),
    # Beyond contract version 2: the entity a surname given alone came to stand for
    # after its mentions were written (`link.registry`); null for every other entity.
    _field("merged_into", _STR, True),
])  # fmt: skip

POSITIONS = pa.schema([
    _field("doc_id", _STR),
    _field("person_entity_id", _STR),
    _field("person", _STR),
    _field("position", _STR),
    _field("title", _STR),
    _field("position_text", _STR),
    _field("org_entity_id", _STR, True),
    _field("organization", _STR, True),
    _field("loc_entity_id", _STR, True),
    _field("location", _STR, True),
    _field("sent_idx", _I32),
    _field("start", _I32),
    _field("end", _I32),
    _field("where_source", _STR, True),
    _field("rule", _STR),
    # Beyond contract version 2: the region and country of the post's place or body.
    _field("region", _STR, True),
    _field("country", _STR, True),
])  # fmt: skip

EVENTS = pa.schema([
    _field("event_id", _STR),
    _field("doc_id", _STR),
    _field("type", _STR),
    _field("trigger", _STR),
    _field("start", _I32),
    _field("end", _I32),
    _field("sent_idx", _I32),
    _field("sentence", _STR),
    _field("date", pa.date32(), True),
    _field("date_source", _STR, True),
    _field("location", _STR, True),
    _field("loc_entity_id", _STR, True),
    _field("modality", _STR),
    _field("topic", _STR, True),
    _field("cameo", _STR),
    _field("rule", _STR),
    _field("date_precision", _STR, True),
    # Beyond contract version 2: where it took place, and where a visitor came from.
    _field("region", _STR, True),
    _field("country", _STR, True),
    _field("origin_region", _STR, True),
    _field("origin_country", _STR, True),
])  # fmt: skip

EVENT_PARTICIPANTS = pa.schema([
    _field("event_id", _STR),
    _field("doc_id", _STR),
    _field("role", _STR),
    _field("name", _STR),
    _field("entity_id", _STR, True),
    _field("type", _STR),
    _field("position", _STR, True),
    _field("start", _I32),
    _field("end", _I32),
    _field("via", _STR),
])  # fmt: skip

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "mentions": MENTIONS,
    "entities": ENTITIES,
    "positions": POSITIONS,
    "events": EVENTS,
    "event_participants": EVENT_PARTICIPANTS,
}


class SchemaError(ValueError):
    pass


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows as an Arrow table of the contract's schema; raises SchemaError when they break it."""
    schema = TABLES[name]
    try:
        table = pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError) as error:
        raise SchemaError(f"{name}: {error}") from error
    validate(name, table)
    return table


def validate(name: str, table: pa.Table) -> None:
    schema = TABLES[name]
    if not table.schema.equals(schema):
        raise SchemaError(f"{name}: schema differs from the contract:\n{table.schema}")
    for field in schema:
        if not field.nullable and table.column(field.name).null_count:
            raise SchemaError(f"{name}.{field.name}: null values in a column that has none")
