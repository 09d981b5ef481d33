"""Visits, meetings and agreements from the rules in `models/events.toml`: the steps
put together over a batch of documents.

Sentences holding a trigger lemma and the other words some frame needs are parsed
(`syntax.Parser`); `matching` finds the triggers of each frame; participants
(`arguments`), topic and place (`attributes`) are read off the dependency tree along
the frame's paths (`paths`); modality and date come from the trigger's surroundings;
mentions of one event are merged (`merging`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from gov_extract.extract.events import attributes, dating, referents
from gov_extract.extract.events.arguments import (
    Context,
    expand_all,
    persons_by_post,
    role_of,
    sides_before,
    token_mentions,
    visitor_before,
)
from gov_extract.extract.events.frames import Arg, lexicon
from gov_extract.extract.events.matching import (
    Found,
    Triggers,
    mark_persons,
    path_start,
    set_entities,
)
from gov_extract.extract.events.merging import merge, same_participant
from gov_extract.extract.events.paths import SUBJECT, follow
from gov_extract.nlp.syntax import Parser
from gov_extract.records import Doc, Event, Mention, Participant, Sentence

if TYPE_CHECKING:
    from navec import Navec


class EventExtractor:
    """Holds the parser and the compiled matchers; call it on annotated documents."""

    def __init__(self, embedding: Navec) -> None:
        self.parser = Parser(embedding)
        self.triggers = Triggers(self.parser.vocab)

    def __call__(self, docs: Sequence[Doc]) -> None:
        """Fill `doc.events` for each document. The candidate sentences of the whole
        batch are parsed in one call: the parser is fastest on many sentences."""
        candidates = [
            (doc, index)
            for doc in docs
            for index, sent in enumerate(doc.sentences)
            if _may_match(sent)
        ]
        parsed = self.parser([doc.sentences[index] for doc, index in candidates])
        by_doc: dict[int, list[tuple[int, SpacyDoc]]] = {}
        for (doc, index), sdoc in zip(candidates, parsed, strict=True):
            by_doc.setdefault(id(doc), []).append((index, sdoc))
        for doc in docs:
            doc.events = self._extract(doc, by_doc.get(id(doc), []))

    def _extract(self, doc: Doc, parsed: list[tuple[int, SpacyDoc]]) -> list[Event]:
        if not parsed:
            return []
        holders = persons_by_post(doc)
        by_sentence: dict[int, list[Mention]] = {}
        for mention in doc.mentions:
            by_sentence.setdefault(mention.sent_idx, []).append(mention)
        events: list[Event] = []
        for sent_idx, sdoc in parsed:
            mentions = token_mentions(doc.sentences[sent_idx], by_sentence.get(sent_idx, []))
            context = Context(doc, sent_idx, sdoc, mentions, holders, events)
            set_entities(sdoc, context.mentions)
            mark_persons(context)
            for found in self.triggers(sdoc):
                event = _build(context, found)
                if event is not None:
                    events.append(event)
        return merge(events)


def _may_match(sent: Sentence) -> bool:
    """Whether the sentence holds a trigger and the words some frame needs besides
    (`принять` and `делегация`): a sentence no frame matches tells no event, and
    parsing it is most of its cost."""
    lex = lexicon()
    if not any(token.lemma in lex.trigger_lemmas for token in sent.tokens):
        return False
    # The lemmas the parsed sentence gets (`syntax.Parser`).
    lemmas = {token.lemma or token.text.lower() for token in sent.tokens}
    return any(frame.may_match(lemmas) for frame in lex.frames.values())


def _implicit(
    context: Context,
    trigger: Token,
    arg: Arg,
    type: str,
    named: list[Participant],
    with_only: bool,
) -> list[Participant]:
    """`Затем посетил школу`: the doer the clause leaves out, from the release; and the
    other side of talks told only by whom they are with (`станут переговоры с
    белорусским премьером`, `with_only`), whatever verb the noun hangs on."""
    via_head = arg.path[0].startswith("^")
    verb = referents.subject_verb(trigger, via_head, arg.head)
    gender = referents.token_gender(verb) if verb is not None else None
    if verb is None and with_only and type == "meeting" and trigger.dep_ == "nsubj":
        # A clause that tells the talks (`состоялась встреча с …`, `станут переговоры с
        # …`), whatever its verb, so long as it names no doer besides them; its gender
        # is the noun's, not the doer's.
        verb = referents.subject_verb(trigger, via_head, frozenset(), told=True)
    if verb is None:
        return []
    tokens = context.doc.sentences[context.sent_idx].tokens
    others = [p.mention for p in named if p.mention is not None]
    before = tokens[trigger.i].start
    person = referents.implicit_doer(context.doc, context.protagonist, gender, before, others)
    if person is None:
        return []
    role = arg.role if arg.role != "target" else "host"
    return [
        Participant(
            role_of(role, "PER", type),
            "PER",
            person.start,
            person.stop,
            person,
            person.normal,
            via="implicit",
        )
    ]


def _with(arg: Arg) -> bool:
    """Whether the argument is whom the event is with: `obl:с`, `nmod:с`, `^obl:с`."""
    return arg.path[-1].lstrip("^") in ("obl:с", "obl:со", "nmod:с", "nmod:со")


def _build(context: Context, found: Found) -> Event | None:
    sdoc, frame = context.sdoc, found.frame
    tokens = context.doc.sentences[context.sent_idx].tokens
    trigger = path_start(found)
    context.anaphoric = False
    participants: list[Participant] = []
    missing = None  # the doer's argument, where the sentence has no doer
    with_only = True  # every side found so far is whom the event is with (`с X`)
    with_told = False  # the sentence says with whom, named or not (`с Президентом X`)
    for arg in frame.args:
        indices = follow(sdoc, trigger, arg.path, found.nodes, arg.head)
        if not indices and arg.path[-1].lstrip("^") == SUBJECT and len(arg.path) == 1:
            missing = missing or arg
        with_told = with_told or (bool(indices) and _with(arg))
        for index in indices:
            for participant in expand_all(context, index, arg.role, frame.type):
                with_only = with_only and _with(arg)
                if not any(same_participant(participant, p) for p in participants):
                    participants.append(participant)
    if missing is not None:
        with_only = with_only and with_told
        participants += _implicit(
            context, sdoc[trigger], missing, frame.type, participants, with_only
        )
    # `Будут проведены встречи с руководителями провинции`: a clause telling only whom
    # the talks are with; the other side is the visitor whose trip they belong to (not
    # so `На встречу с X прибудут …`, whose doers come).
    told = sdoc[trigger].dep_ in ("nsubj", "nsubj:pass")
    doerless = with_only and not any(p.via == "implicit" for p in participants)
    if frame.type == "meeting" and told and participants and doerless:
        participants += visitor_before(context)
    unnamed = all(p.via == "implicit" for p in participants)
    if frame.type == "agreement" and sdoc[trigger].pos_ == "VERB" and unnamed:
        # `Будет подписан меморандум`, `планируется подписать соглашение`: signed by
        # the sides of the visit or talks the release is telling.
        participants = sides_before(context, frame.type) or participants
    modality = attributes.modality(sdoc, trigger)
    sentence = context.doc.sentences[context.sent_idx]
    text = context.doc.text[sentence.start : sentence.stop]
    event = Event(
        type=frame.type,
        trigger=" ".join(sdoc[i].text for i in found.trigger),
        start=min(tokens[i].start for i in found.trigger),
        stop=max(tokens[i].stop for i in found.trigger),
        sent_idx=context.sent_idx,
        sentence=text,
        modality=modality,
        cameo=attributes.cameo(frame, modality),
        rule=frame.name,
        participants=participants,
        topic=attributes.topic(context, trigger, frame, found.nodes),
    )
    in_sentence = [p for p in participants if sentence.start <= p.start < sentence.stop]
    event.start = min([event.start, *(p.start for p in in_sentence)])
    event.stop = max([event.stop, *(p.stop for p in in_sentence)])
    attributes.place(context, trigger, frame, found.nodes, event)
    dating.date(context, event, text, sdoc[trigger])
    if context.anaphoric and not participants:
        event.rule += "+anaphoric"
    elif frame.joins or attributes.joins(sdoc[trigger]):
        event.rule += "+joined"
    return event
