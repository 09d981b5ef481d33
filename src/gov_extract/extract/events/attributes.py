"""What an event is besides its participants: its modality and CAMEO code, topic,
place and date, and whether it only joins or refers back to another.
"""

from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from gov_extract.extract.events.arguments import Context
from gov_extract.extract.events.frames import Frame, lexicon
from gov_extract.extract.events.merging import MAX_MERGE_DISTANCE
from gov_extract.extract.events.paths import follow
from gov_extract.extract.when import find_date
from gov_extract.nlp.norm import normalize_text
from gov_extract.records import Event

PLANNED_CAMEO = "036"  # express intent to meet or visit
INTENT_TO_AGREE_CAMEO = "030"


def joins(trigger: Token) -> bool:
    """`Во встрече также участвовали …`: taking part in an event that names no side of
    its own."""
    return (
        trigger.dep_ == "obl"
        and trigger.head.lemma_ in lexicon().joining
        and not any(child.dep_ == "nmod" for child in trigger.children)
    )


def modality(sdoc: SpacyDoc, index: int) -> str:
    lex = lexicon()
    token = sdoc[index]
    near = [token, *list(token.ancestors)[:2]]
    for item in near:
        if any(child.text.lower() in lex.negation_words for child in item.children):
            return "negated"
        if item.lemma_ in lex.negated:
            return "negated"
    if any(a.lemma_ in lex.planned for a in token.ancestors):
        return "planned"
    for item in near:
        if "Fut" in item.morph.get("Tense"):
            return "planned"
        if any(c.lemma_ == "быть" and "Fut" in c.morph.get("Tense") for c in item.children):
            return "planned"
    return "asserted"


def cameo(frame: Frame, modality: str) -> str:
    if modality != "planned":
        return frame.cameo
    return INTENT_TO_AGREE_CAMEO if frame.type == "agreement" else PLANNED_CAMEO


def topic(context: Context, trigger: int, frame: Frame, nodes: dict[str, int]) -> str | None:
    for path in frame.topic:
        for index in follow(context.sdoc, trigger, path, nodes):
            return _subtree_text(context, context.sdoc[index])
    return None


def place(
    context: Context, trigger: int, frame: Frame, nodes: dict[str, int], event: Event
) -> None:
    destination = next((p for p in event.participants if p.role == "destination"), None)
    if destination is not None:
        event.location, event.location_name = destination.mention, destination.name
        return
    for path in frame.place:
        for index in follow(context.sdoc, trigger, path, nodes):
            mention = context.mentions[index]
            if mention is not None and mention.type in ("LOC", "ORG"):
                event.location, event.location_name = mention, mention.normal
                return
            token = context.sdoc[index]
            if token.text[:1].isupper():
                # `в Доме правительства`: a named place that is no entity.
                phrase = _subtree_text(context, token, skip_case=True)
                event.location_name = normalize_text(phrase, "LOC")
                return


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
        return
    event.date, event.date_source = published.date(), "published"
    # `В ходе поездки министр встретился …`: what happens during a dated event
    # shares its date.
    for earlier in reversed(context.previous):
        near = context.sent_idx - earlier.sent_idx <= MAX_MERGE_DISTANCE
        if near and earlier.date_source == "text" and earlier.modality == event.modality:
            event.date, event.date_source = earlier.date, "text"
            return


def _subtree_text(context: Context, token: Token, skip_case: bool = False) -> str:
    tokens = context.doc.sentences[context.sent_idx].tokens
    indices = [
        t.i for t in token.subtree if not (skip_case and t.dep_ == "case" and t.head == token)
    ]
    indices = [i for i in indices if context.sdoc[i].dep_ != "punct" or i != max(indices)]
    return context.doc.text[tokens[min(indices)].start : tokens[max(indices)].stop]
