"""When an event happened or will happen: the date its sentence states, resolved
against the publication date, else that of the dated event it belongs to, else the
publication date.
"""

from __future__ import annotations

from spacy.tokens import Token

from gov_extract.extract.events.arguments import Context
from gov_extract.extract.events.frames import lexicon
from gov_extract.extract.events.merging import MAX_MERGE_DISTANCE
from gov_extract.extract.when import find_date
from gov_extract.records import Event


def _planned_in_past(token: Token) -> bool:
    """`планировал посетить`: a plan made in the past. A participle says how things
    stand (`встреча назначена на вторник`): the plan holds, the day is ahead."""
    planned = lexicon().planned
    return any(
        a.lemma_ in planned
        and "Past" in a.morph.get("Tense")
        and "Part" not in a.morph.get("VerbForm")
        for a in token.ancestors
    )


def date(context: Context, event: Event, sentence: str, token: Token) -> None:
    published = context.doc.published_at
    if published is None:
        return
    direction = {"planned": True, "asserted": False}.get(event.modality)
    if event.modality == "planned" and _planned_in_past(token):
        # `Ранее … планировал 18 апреля посетить`: a plan made before publication
        # may have been for a day on either side of it.
        direction = None
    stated = find_date(sentence, published.date(), future=direction)
    if stated is not None:
        event.date, event.date_source = stated.date, "text"
        event.date_precision = "day"
        return
    event.date, event.date_source = published.date(), "published"
    event.date_precision = "day"
    # `В ходе поездки министр встретился …`: what happens during a dated event
    # shares its date.
    for earlier in reversed(context.previous):
        near = context.sent_idx - earlier.sent_idx <= MAX_MERGE_DISTANCE
        if near and earlier.date_source == "text" and earlier.modality == event.modality:
            event.date, event.date_source = earlier.date, "text"
            return
