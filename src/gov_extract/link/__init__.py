"""Link: mentions of the whole corpus grouped into entities with stable ids, and
places, bodies, posts and events tied to their region and country."""

from __future__ import annotations

from collections.abc import Sequence

from gov_extract.link.entities import link
from gov_extract.link.regions import annotate
from gov_extract.records import Doc, Entity


def link_corpus(docs: Sequence[Doc]) -> list[Entity]:
    """The corpus's entities, each mention given its `entity_id`, and where each place,
    body, post and event is (`models/gazetteer.toml`)."""
    entities = link(docs)
    annotate(entities, docs)
    return entities
