"""Rows of the contract's tables from annotated, linked documents."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from gov_extract.records import Doc, Entity

# The columns that give an entity's canonical name, by the id column beside them: a part
# is written again with the new name when an entity's name changes (`publish`).
NAME_COLUMNS = {
    "positions": {
        "person_entity_id": "person", "org_entity_id": "organization", "loc_entity_id": "location",
    },
    "events": {"loc_entity_id": "location"},
    "event_participants": {"entity_id": "name"},
}  # fmt: skip


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
        "warning": doc.warning,
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
        "region": entity.where.region,
        "country": entity.where.country,
        "region_source": entity.where.source,
        "merged_into": None,
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
            "where_source": found.where_source if org or loc else None,
            "rule": found.rule,
            "region": found.where.region,
            "country": found.where.country,
        }


def linked_rows(docs: list[Doc], entities: list[Entity]) -> dict[str, Iterator[dict]]:
    """The rows of every table but `documents`, by table, made as they are read: a
    table is written a row group at a time."""
    names = {entity.entity_id: entity.name for entity in entities}
    return {
        "mentions": (row for doc in docs for row in mention_rows(doc)),
        "entities": (entity_row(entity) for entity in entities),
        "positions": (row for doc in docs for row in position_rows(doc, names)),
        "events": (row for doc in docs for row in event_rows(doc, names)),
        "event_participants": (row for doc in docs for row in participant_rows(doc, names)),
    }


def event_rows(doc: Doc, names: dict[str, str]) -> Iterator[dict]:
    for index, event in enumerate(doc.events):
        place = event.location
        yield {
            "event_id": f"{doc.doc_id}-e{index}",
            "doc_id": doc.doc_id,
            "type": event.type,
            "trigger": event.trigger,
            "start": event.start,
            "end": event.stop,
            "sent_idx": event.sent_idx,
            "sentence": event.sentence,
            "date": event.date,
            "date_source": event.date_source,
            "location": names[place.entity_id] if place else event.location_name,
            "loc_entity_id": place.entity_id if place else None,
            "modality": event.modality,
            "topic": event.topic,
            "cameo": event.cameo,
            "rule": event.rule,
            "date_precision": event.date_precision if event.date else None,
            "region": event.where.region,
            "country": event.where.country,
            "origin_region": event.origin.region,
            "origin_country": event.origin.country,
        }


def participant_rows(doc: Doc, names: dict[str, str]) -> Iterator[dict]:
    posts = {}
    for found in doc.positions:
        posts.setdefault(found.person.entity_id, found.position)
    for index, event in enumerate(doc.events):
        for participant in event.participants:
            mention = participant.mention
            entity_id = mention.entity_id if mention else None
            yield {
                "event_id": f"{doc.doc_id}-e{index}",
                "doc_id": doc.doc_id,
                "role": participant.role,
                "name": names[entity_id] if entity_id else participant.name,
                "entity_id": entity_id,
                "type": participant.type,
                "position": posts.get(entity_id) if participant.type == "PER" else None,
                "start": participant.start,
                "end": participant.stop,
                "via": participant.via,
            }


def lemma_text(doc: Doc) -> str:
    return " ".join(token.lemma for token in doc.tokens if token.lemma)
