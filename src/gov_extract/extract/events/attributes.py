"""What an event is besides its participants and date: its modality and CAMEO code,
topic and place, and whether it only joins or refers back to another.
"""

from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from gov_extract.extract.events.arguments import Context
from gov_extract.extract.events.frames import Frame, lexicon
from gov_extract.extract.events.paths import follow
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


def _subtree_text(context: Context, token: Token, skip_case: bool = False) -> str:
    tokens = context.doc.sentences[context.sent_idx].tokens
    indices = [
        t.i for t in token.subtree if not (skip_case and t.dep_ == "case" and t.head == token)
    ]
    indices = [i for i in indices if context.sdoc[i].dep_ != "punct" or i != max(indices)]
    return context.doc.text[tokens[min(indices)].start : tokens[max(indices)].stop]
