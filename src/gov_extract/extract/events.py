"""Visits, meetings and agreements from the rules in `models/events.toml`.

Sentences holding a trigger lemma are parsed (`syntax.Parser`); spaCy's Matcher
and DependencyMatcher find the triggers of each frame; participants, topic and
place are read off the dependency tree along the frame's paths; modality and
date come from the trigger's surroundings. Mentions of the same event (headline
and body, `стороны обсудили` after `встретился`) are merged into one event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

# `_.person` in patterns: the token names a person, or a post someone holds.
if not Token.has_extension("person"):
    Token.set_extension("person", default=False)

from gov_extract import lexicons
from gov_extract.extract.when import find_date
from gov_extract.nlp.morph import lemma
from gov_extract.nlp.norm import normalize_text
from gov_extract.nlp.syntax import Parser
from gov_extract.records import Doc, Event, Mention, Participant

if TYPE_CHECKING:
    from navec import Navec

MAX_MERGE_DISTANCE = 3  # sentences between two mentions of one event
MAX_CLIMB = 3  # heads climbed to find who does what an infinitive says
PLANNED_CAMEO = "036"  # express intent to meet or visit
INTENT_TO_AGREE_CAMEO = "030"


@dataclass(frozen=True, slots=True)
class Arg:
    path: tuple[str, ...]
    role: str
    head: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Frame:
    name: str
    type: str
    cameo: str
    args: tuple[Arg, ...]
    topic: tuple[tuple[str, ...], ...]
    place: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    frames: dict[str, Frame]
    planned: frozenset[str]
    negated: frozenset[str]
    negation_words: frozenset[str]
    groups: frozenset[str]
    facilities: frozenset[str]
    anaphoric: frozenset[str]
    joining: frozenset[str]
    object_control: frozenset[str]
    trigger_lemmas: frozenset[str]


@cache
def lexicon() -> Lexicon:
    data = lexicons.load("events")
    frames = {}
    lemmas: set[str] = set()
    for raw in data["frame"]:
        frames[raw["name"]] = Frame(
            name=raw["name"],
            type=raw["type"],
            cameo=raw["cameo"],
            args=tuple(
                Arg(tuple(a["path"].split("/")), a["role"], frozenset(a.get("head", [])))
                for a in raw["args"]
            ),
            topic=tuple(tuple(path.split("/")) for path in raw["topic"]),
            place=tuple(tuple(path.split("/")) for path in raw["place"]),
        )
        first = raw["match"][0] if "match" in raw else raw["dependency"][0]["RIGHT_ATTRS"]
        lemmas.update(first["LEMMA"]["IN"])
        if "match" in raw:
            for token in raw["match"]:
                lemmas.update(token["LEMMA"]["IN"])
    modality, participants = data["modality"], data["participants"]
    return Lexicon(
        frames=frames,
        planned=frozenset(modality["planned"]),
        negated=frozenset(modality["negated"]),
        negation_words=frozenset(modality["negation_words"]),
        groups=frozenset(participants["groups"]),
        facilities=frozenset(participants["facilities"]),
        anaphoric=frozenset(participants["anaphoric"]),
        joining=frozenset(participants["joining"]),
        object_control=frozenset(participants["object_control"]),
        trigger_lemmas=frozenset(lemmas),
    )


@dataclass
class _Found:
    """One trigger match: its frame, its trigger tokens and named pattern nodes."""

    frame: Frame
    trigger: list[int]
    nodes: dict[str, int] = field(default_factory=dict)


@dataclass
class _Context:
    """What argument expansion needs to know about one sentence of one document."""

    doc: Doc
    sent_idx: int
    sdoc: SpacyDoc
    mentions: list[Mention | None]  # the longest mention over each token
    persons_by_post: dict[int, Mention]  # post token start → the person holding it
    previous: list[Event]  # the document's events found so far
    anaphoric: bool = False


class EventExtractor:
    """Holds the parser and the compiled matchers; call it on annotated documents."""

    def __init__(self, embedding: Navec) -> None:
        self.parser = Parser(embedding)
        vocab = self.parser.vocab
        self.matcher = Matcher(vocab)
        self.dependency = DependencyMatcher(vocab)
        for raw in lexicons.load("events")["frame"]:
            if "match" in raw:
                self.matcher.add(raw["name"], [raw["match"]])
            else:
                self.dependency.add(raw["name"], [raw["dependency"]])
        self.node_names = {
            raw["name"]: [node["RIGHT_ID"] for node in raw["dependency"]]
            for raw in lexicons.load("events")["frame"]
            if "dependency" in raw
        }

    def __call__(self, docs: Sequence[Doc]) -> None:
        """Fill `doc.events` for each document. The candidate sentences of the whole
        batch are parsed in one call: the parser is fastest on many sentences."""
        lex = lexicon()
        candidates = [
            (doc, index)
            for doc in docs
            for index, sent in enumerate(doc.sentences)
            if any(token.lemma in lex.trigger_lemmas for token in sent.tokens)
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
        persons_by_post = _persons_by_post(doc)
        events: list[Event] = []
        for sent_idx, sdoc in parsed:
            context = _Context(
                doc, sent_idx, sdoc, _token_mentions(doc, sent_idx), persons_by_post, events
            )
            _set_entities(sdoc, context.mentions)
            _mark_persons(context)
            for found in _without_nested(sdoc, self._matches(sdoc)):
                event = _build(context, found)
                if event is not None:
                    events.append(event)
        return _merge(events)

    def _matches(self, sdoc: SpacyDoc) -> list[_Found]:
        frames = lexicon().frames
        strings = sdoc.vocab.strings
        found = []
        for match_id, start, end in self.matcher(sdoc):
            found.append(_Found(frames[strings[match_id]], list(range(start, end))))
        for match_id, tokens in self.dependency(sdoc):
            name = strings[match_id]
            nodes = dict(zip(self.node_names[name], tokens, strict=True))
            trigger = sorted({nodes["trigger"], *(t for n, t in nodes.items() if n == "document")})
            found.append(_Found(frames[name], trigger, nodes))
        return found


def _without_nested(sdoc: SpacyDoc, matches: list[_Found]) -> list[_Found]:
    """One match per trigger word; a noun under a verb trigger of the same type
    (`посетила с рабочим визитом`) belongs to the verb's event."""
    taken: set[int] = set()
    kept = []
    # Longer matches first: `телефонный разговор` before `разговор`,
    # `подписали соглашение` before `соглашение`.
    for match in sorted(matches, key=lambda m: (-len(m.trigger), -len(m.nodes))):
        if not taken & set(match.trigger):
            kept.append(match)
            taken.update(match.trigger)
    triggers = {(m.frame.type, i) for m in kept for i in m.trigger}
    return sorted(
        (
            m
            for m in kept
            if (m.frame.type, sdoc[_trigger(m)].head.i) not in triggers
            or sdoc[_trigger(m)].head.i in m.trigger
        ),
        key=lambda m: m.trigger[0],
    )


def _trigger(found: _Found) -> int:
    """The token the frame's paths start from: the verb of a two-node pattern,
    the head noun of `телефонный разговор`."""
    return found.nodes.get("trigger", found.trigger[-1])


def _build(context: _Context, found: _Found) -> Event | None:
    sdoc, frame = context.sdoc, found.frame
    tokens = context.doc.sentences[context.sent_idx].tokens
    trigger = _trigger(found)
    context.anaphoric = False
    participants: list[Participant] = []
    for arg in frame.args:
        for index in _follow(sdoc, trigger, arg, found.nodes):
            for participant in _expand_all(context, index, arg.role, frame.type):
                if not any(_same(participant, p) for p in participants):
                    participants.append(participant)
    modality = _modality(sdoc, trigger)
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
        cameo=_cameo(frame, modality),
        rule=frame.name,
        participants=participants,
        topic=_topic(context, trigger, frame, found.nodes),
    )
    in_sentence = [p for p in participants if sentence.start <= p.start < sentence.stop]
    event.start = min([event.start, *(p.start for p in in_sentence)])
    event.stop = max([event.stop, *(p.stop for p in in_sentence)])
    _place(context, trigger, frame, found.nodes, event)
    _date(context, event, text, sdoc[trigger])
    if context.anaphoric and not participants:
        event.rule += "+anaphoric"
    elif _joins(sdoc[trigger]):
        event.rule += "+joined"
    return event


def _joins(trigger: Token) -> bool:
    """`Во встрече также участвовали …`: taking part in an event that names no side of
    its own."""
    return (
        trigger.dep_ == "obl"
        and trigger.head.lemma_ in lexicon().joining
        and not any(child.dep_ == "nmod" for child in trigger.children)
    )


def _follow(sdoc: SpacyDoc, trigger: int, arg: Arg, nodes: dict[str, int]) -> list[int]:
    current = [trigger]
    for step in arg.path:
        if step in nodes:
            current = [nodes[step]]
            continue
        if step.startswith("^"):
            heads = [sdoc[i].head for i in current if sdoc[i].head.i != i]
            if arg.head:
                heads = [h for h in heads if h.lemma_ in arg.head]
            current = [h.i for h in heads]
            step = step[1:]
            if not step:
                continue
        if step == "subject":
            current = [s for i in current for s in _subject(sdoc[i])]
        else:
            current = [c.i for i in current for c in _children(sdoc[i], step)]
    return current


def _children(token: Token, step: str) -> Iterable[Token]:
    if step == "obj":
        yield from _subjects_and_objects(token)[1]
        return
    if step.startswith("~"):
        # Anywhere below: `между`-phrases hang wherever the parser put them
        # (`соглашение о сотрудничестве … между X и Y`).
        yield from (t for t in token.subtree if t != token and _related(t, step[1:]))
        return
    yield from (child for child in token.children if _related(child, step))


def _related(token: Token, step: str) -> bool:
    """Whether the token stands in the step's relation to its head: `nmod`, a
    subtype `nsubj:pass`, or a preposition `obl:с`."""
    relation, _, preposition = step.partition(":")
    if token.dep_.split(":")[0] != relation:
        return False
    has_case = any(c.dep_ == "case" for c in token.children)
    # A preposition is written in Cyrillic; relation subtypes are Latin.
    if preposition and not preposition.isascii():
        return preposition in [c.lemma_ for c in token.children if c.dep_ == "case"]
    if preposition:
        return token.dep_ == step
    # A bare `nmod` is a genitive (`визит губернатора`), not a prepositional phrase.
    return not has_case


def _subjects_and_objects(token: Token) -> tuple[list[Token], list[Token]]:
    """The verb's subjects and objects. Where nominative and accusative look alike
    (`Делегация … посетила Правительство Москвы`) the parser may call both nouns
    subjects; in that case the one after the verb is its object."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
    objects = [c for c in token.children if c.dep_ == "obj"]
    before = [c for c in subjects if c.i < token.i]
    after = [c for c in subjects if c.i > token.i]
    if before and after and not objects:
        return before, after
    return subjects, objects


def _subject(token: Token) -> list[int]:
    """The doer: the subject, or for an infinitive the subject (or, after an inviting
    verb, the object) of the verb that governs it."""
    subjects = [c.i for c in _subjects_and_objects(token)[0]]
    if subjects and token.dep_ == "acl:relcl" and token.doc[subjects[0]].lemma_ == "который":
        # `Миллер и Озерец, которые … встречаются`: the relative stands for its antecedent.
        return [token.head.i]
    if subjects:
        return subjects
    current = token
    for _ in range(MAX_CLIMB):
        if current.head.i == current.i:
            break
        current = current.head
        if current.lemma_ in lexicon().object_control:
            return [c.i for c in current.children if c.dep_ == "obj"]
        found = [c.i for c in _subjects_and_objects(current)[0]]
        if found:
            return found
    return []


def _expand_all(context: _Context, index: int, role: str, type: str) -> list[Participant]:
    """The participant a token stands for, and those coordinated with it
    (`с Департаментом …, Союзом российских городов и ассоциацией …`)."""
    found = []
    queue, seen = [index], set()
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        participant = _expand(context, current, depth=0)
        if participant is not None:
            participant.role = _role(role, participant.type, type)
            found.append(participant)
        elif context.sdoc[current].lemma_ in lexicon().anaphoric:
            found.extend(_antecedents(context, role, type))
        # A conjunct may hang on any word of a multi-word name (`городов и ассоциации`);
        # Russian coordination runs forward, so only later words are conjuncts.
        covered = _covered(context, participant, current)
        for token in covered:
            queue.extend(
                c.i for c in context.sdoc[token].children if c.dep_ == "conj" and c.i > max(covered)
            )
    return found


def _antecedents(context: _Context, role: str, type: str) -> list[Participant]:
    """`стороны`, `участники`: the participants of the event named just before that
    has any (`По итогам переговоров стороны договорились`: not the bare `переговоров`),
    or of the headline's, the release's own event, from any distance."""
    for event in reversed(context.previous):
        near = context.sent_idx - event.sent_idx <= MAX_MERGE_DISTANCE
        if (near or event.sent_idx == 0) and event.participants:
            return [
                Participant(_role(role, p.type, type), p.type, p.start, p.stop, p.mention, p.name)
                for p in event.participants
            ]
    return []


def _covered(context: _Context, participant: Participant | None, index: int) -> list[int]:
    mention = participant.mention if participant else None
    held = [i for i, m in enumerate(context.mentions) if m is mention and m]
    # From the post to its holder (`губернатор Севастополя Алексей Воронцов и министр …`):
    # a conjunct may hang on any of these words.
    return list(range(min([index, *held]), max([index, *held]) + 1))


def _expand(context: _Context, index: int, depth: int) -> Participant | None:
    lex = lexicon()
    token = context.sdoc[index]
    tokens = context.doc.sentences[context.sent_idx].tokens
    mention = context.mentions[index]
    if mention is not None:
        return _named(mention)
    person = context.persons_by_post.get(tokens[index].start)
    if person is not None:
        return _named(person)
    for child in token.children:
        if child.dep_ in ("appos", "flat:name") and context.mentions[child.i] is not None:
            return _named(context.mentions[child.i])
    if token.lemma_ in lex.anaphoric:
        context.anaphoric = True
        return None
    if token.lemma_ in lex.groups | lex.facilities and depth < MAX_CLIMB:
        for child in token.children:
            if child.dep_ == "nmod":
                inner = _expand(context, child.i, depth + 1)
                if inner is not None:
                    return inner
    # People named by a plural noun (`с жителями`, `с руководителями предприятий`);
    # inanimate plurals (`в рамках`, `органы`) are no participants.
    morph = token.morph
    people = (
        token.pos_ == "NOUN" and "Plur" in morph.get("Number") and "Anim" in morph.get("Animacy")
    )
    if depth == 0 and (people or token.lemma_ in lex.groups):
        return _group(context, token)
    return None


def _group(context: _Context, token: Token) -> Participant:
    """A group named by a common noun phrase: `с руководителями управляющих компаний`
    → GROUP `руководители управляющих компаний`."""
    tokens = context.doc.sentences[context.sent_idx].tokens
    inside = sorted(_phrase_tokens(token))
    start, stop = tokens[inside[0]].start, tokens[inside[-1]].stop
    phrase = context.doc.text[start:stop]
    return Participant("", "GROUP", start, stop, None, normalize_text(phrase, "GROUP"))


def _phrase_tokens(token: Token) -> set[int]:
    """The noun and its modifiers, without conjuncts, clauses or its own preposition."""
    found = {token.i}
    for child in token.children:
        if child.dep_ in ("amod", "nmod", "det", "nummod", "flat", "fixed") or (
            child.dep_ == "case" and child.head != token
        ):
            found |= _phrase_tokens(child) | {c.i for c in child.children if c.dep_ == "case"}
    return found


def _named(mention: Mention) -> Participant:
    return Participant("", mention.type, mention.start, mention.stop, mention, mention.normal)


def _role(role: str, participant_type: str, event_type: str) -> str:
    if role == "target":
        return "destination" if participant_type == "LOC" else "host"
    if role == "party" and participant_type == "PER":
        return "signatory"
    return role


def _same(a: Participant, b: Participant) -> bool:
    return a.role == b.role and _key(a) == _key(b)


def _key(participant: Participant) -> str:
    name = participant.name.lower().replace("ё", "е")
    # A person named in full and by surname alone is one participant.
    return name.split()[-1][:5] if participant.type == "PER" and name else name


def _modality(sdoc: SpacyDoc, index: int) -> str:
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


def _cameo(frame: Frame, modality: str) -> str:
    if modality != "planned":
        return frame.cameo
    return INTENT_TO_AGREE_CAMEO if frame.type == "agreement" else PLANNED_CAMEO


def _topic(context: _Context, trigger: int, frame: Frame, nodes: dict[str, int]) -> str | None:
    for path in frame.topic:
        for index in _follow(context.sdoc, trigger, Arg(path, ""), nodes):
            return _subtree_text(context, context.sdoc[index])
    return None


def _place(
    context: _Context, trigger: int, frame: Frame, nodes: dict[str, int], event: Event
) -> None:
    destination = next((p for p in event.participants if p.role == "destination"), None)
    if destination is not None:
        event.location, event.location_name = destination.mention, destination.name
        return
    for path in frame.place:
        for index in _follow(context.sdoc, trigger, Arg(path, ""), nodes):
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


def _date(context: _Context, event: Event, sentence: str, token: Token) -> None:
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


def _subtree_text(context: _Context, token: Token, skip_case: bool = False) -> str:
    tokens = context.doc.sentences[context.sent_idx].tokens
    indices = [
        t.i for t in token.subtree if not (skip_case and t.dep_ == "case" and t.head == token)
    ]
    indices = [i for i in indices if context.sdoc[i].dep_ != "punct" or i != max(indices)]
    return context.doc.text[tokens[min(indices)].start : tokens[max(indices)].stop]


def _merge(events: list[Event]) -> list[Event]:
    """One event per real-world event: a later mention that shares a participant
    (or names none: `стороны обсудили`) enriches the earlier one."""
    merged: list[Event] = []
    # The sentence of each merged event's latest mention: distances count from there.
    latest: dict[int, int] = {}
    for event in events:
        target = next((m for m in reversed(merged) if _same_event(m, event, latest[id(m)])), None)
        if target is None:
            # A trigger with no named side is no event: `встреча выпускников` in a
            # list of plans, `Соглашением от 12.03.2019 № 45`, `Визиты` in a menu.
            if any(p.mention is not None for p in event.participants):
                merged.append(event)
                latest[id(event)] = event.sent_idx
            continue
        latest[id(target)] = event.sent_idx
        for participant in event.participants:
            if not any(_same(participant, p) for p in target.participants):
                target.participants.append(participant)
        target.topic = target.topic or event.topic
        target.location = target.location or event.location
        target.location_name = target.location_name or event.location_name
        if target.date_source != "text" and event.date_source == "text":
            target.date, target.date_source = event.date, event.date_source
    return merged


def _same_event(first: Event, later: Event, last: int) -> bool:
    """Whether `later` mentions `first` again, whose latest mention is in sentence
    `last`."""
    near = later.sent_idx - last <= MAX_MERGE_DISTANCE
    # The headline (sentence 0) may name the event the whole release is about, but
    # not one far below on a date of its own (`Ранее, 3 апреля, …`).
    other_date = later.date_source == "text" and later.date != first.date
    if not near and (first.sent_idx != 0 or other_date):
        return False
    if not later.participants or later.rule.endswith("+joined"):
        # `стороны обсудили` after any event; `Встреча состоялась в Кремле`, `Во встрече
        # также участвовали …` right after a meeting.
        same = later.rule.endswith("+anaphoric") or (near and first.type == later.type)
        return same and first.modality == later.modality
    if first.type != later.type or first.modality != later.modality:
        return False
    if first.date_source == later.date_source == "text" and first.date != later.date:
        return False
    keys = {_key(p) for p in first.participants}
    if any(_key(p) in keys for p in later.participants):
        return True
    # A headline names the release's event in fewer words, often without the
    # second side's name: the same trigger word in the lead is that event.
    return first.sent_idx == 0 and _trigger_lemma(first) == _trigger_lemma(later)


def _trigger_lemma(event: Event) -> str:
    return " ".join(lemma(word) for word in event.trigger.split())


def _token_mentions(doc: Doc, sent_idx: int) -> list[Mention | None]:
    """For each token of the sentence, the longest mention over it."""
    tokens = doc.sentences[sent_idx].tokens
    mentions = sorted(
        (m for m in doc.mentions if m.sent_idx == sent_idx), key=lambda m: m.stop - m.start
    )
    found: list[Mention | None] = [None] * len(tokens)
    for mention in mentions:
        for i, token in enumerate(tokens):
            if mention.start <= token.start and token.stop <= mention.stop:
                found[i] = mention
    return found


def _mark_persons(context: _Context) -> None:
    """`_.person` for patterns: a person's name, a post someone holds, or a noun
    with a name in apposition (`своего французского коллегу Николя Саркози`)."""
    tokens = context.doc.sentences[context.sent_idx].tokens
    persons = [bool(m and m.type == "PER") for m in context.mentions]
    for token in context.sdoc:
        named_apposition = any(
            c.dep_ in ("appos", "flat:name") and persons[c.i] for c in token.children
        )
        held = tokens[token.i].start in context.persons_by_post
        token._.person = persons[token.i] or held or named_apposition


def _set_entities(sdoc: SpacyDoc, mentions: Sequence[Mention | None]) -> None:
    """Entity spans on the spaCy Doc, so that patterns can ask for ENT_TYPE."""
    spans = []
    index = 0
    while index < len(mentions):
        mention = mentions[index]
        if mention is None:
            index += 1
            continue
        end = index
        while end < len(mentions) and mentions[end] is mention:
            end += 1
        spans.append(Span(sdoc, index, end, label=mention.type))
        index = end
    sdoc.ents = spans


def _persons_by_post(doc: Doc) -> dict[int, Mention]:
    """Every token start inside a stated post → the person holding it; and the
    bare posts (`губернатор отметил`) the document has tied to one person."""
    found = dict(doc.post_holders)
    for position in doc.positions:
        for sent in doc.sentences[position.sent_idx : position.sent_idx + 1]:
            for token in sent.tokens:
                if position.post_start <= token.start < position.post_stop:
                    found[token.start] = position.person
    return found
