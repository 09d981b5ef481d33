"""Participants: who a token a frame's path leads to stands for (a named mention, the
holder of a post, a group, the sides named before), its conjuncts, and their roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from gov_extract.extract.events import referents
from gov_extract.extract.events.frames import lexicon
from gov_extract.extract.events.merging import MAX_MERGE_DISTANCE, joins_other
from gov_extract.extract.events.paths import MAX_CLIMB
from gov_extract.nlp.morph import lemma, parses
from gov_extract.nlp.norm import normalize_text
from gov_extract.records import Doc, Event, Mention, Participant, Sentence, tokens_within


@dataclass
class Context:
    """What argument expansion needs to know about one sentence of one document."""

    doc: Doc
    sent_idx: int
    sdoc: SpacyDoc
    mentions: list[Mention | None]  # the longest mention over each token
    persons_by_post: dict[int, Mention]  # post token start → the person holding it
    previous: list[Event]  # the document's events found so far
    anaphoric: bool = False

    @cached_property
    def protagonist(self) -> Mention | None:
        """The release's protagonist (`referents.protagonist`), found once for the
        sentence rather than at every pronoun, bare post and subjectless clause, and
        only for a sentence that has one of them."""
        return referents.protagonist(self.doc)


def expand_all(context: Context, index: int, role: str, type: str) -> list[Participant]:
    """The participant a token stands for, and those coordinated with it
    (`с Департаментом …, Союзом российских городов и ассоциацией …`)."""
    found = []
    queue, seen = [_picked(context.sdoc[index])], set()
    # The body each conjunct was coordinated with (`МИД РФ и Беларуси`).
    after: dict[int, Participant] = {}
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        sides = _sides_by_post(context, context.sdoc[current])
        if sides:
            # `Руководители субъектов договорились` after the two governors' meeting.
            found.extend(_as_sides(sides, role, type))
            continue
        participant = _expand(context, current, depth=0)
        if participant is None and role == "target":
            participant = _site(context, context.sdoc[current])
        # A group's members do what the group does; a visited group hosts as a body.
        members = _members(context.sdoc[current]) if participant and role != "target" else []
        named_by_members = members or _bare(context.sdoc[current])
        if participant is not None and participant.type == "GROUP" and named_by_members:
            # `делегация в составе A и B`: A and B are the participants; a bare
            # `делегация` names nobody.
            participant = None
        people = _they(context.sdoc[current]) if participant is None else None
        if people is not None:
            # `посетил пункт размещения переселенцев и пообщался с ними`: the people
            # just named, not the sides of the visit.
            participant = _group(context, people)
        elif participant is None and _refers_back(context.sdoc[current]):
            # `стороны`, `коллеги`: the sides named before, else a group of people
            # (`с коллегами встретились` at a release's start).
            earlier = _antecedents(context, role, type)
            found.extend(earlier)
            participant = None if earlier else _people(context, context.sdoc[current])
        if (
            participant is not None
            and current in after
            and _joint(context, after[current], participant)
        ):
            participant = None  # `комиссии России и Киргизии`: one body of both
        elif participant is not None and current in after:
            participant = _elliptic(context, after[current], participant) or participant
        if participant is not None:
            participant.role = role_of(role, participant.type, type)
            found.append(participant)
        queue.extend(members)
        # A conjunct may hang on any word of a multi-word name (`городов и ассоциации`);
        # Russian coordination runs forward, so only later words are conjuncts.
        covered = _covered(context, participant, current)
        for token in covered:
            conjuncts = [
                c.i for c in context.sdoc[token].children if c.dep_ == "conj" and c.i > max(covered)
            ]
            queue.extend(conjuncts)
            if participant is not None and participant.type == "ORG":
                after.update(dict.fromkeys(conjuncts, participant))
        queue.extend(_listed(context, current, participant, max(covered)))
    return found


def _joint(context: Context, body: Participant, place: Participant) -> bool:
    """`межправительственной комиссии России и Киргизии`: a place coordinated with the
    place a commission, council or group is named after belongs to that one body's
    name, which takes it in."""
    if place.type != "LOC" or body.mention is None or place.mention is None:
        return False
    words = {lemma(word.lower()) for word in body.name.split()}
    if not words & lexicon().bodies:
        return False
    text = context.doc.text
    body.name = normalize_text(text[body.mention.start : place.mention.stop], "ORG")
    body.stop = place.mention.stop
    return True


def _elliptic(context: Context, body: Participant, place: Participant) -> Participant | None:
    """`коллегии МИД РФ и Беларуси`: a place in the genitive coordinated with a body
    named after a place is that body of the other place (`МИД Беларуси`)."""
    if place.type != "LOC" or body.mention is None or place.mention is None:
        return None
    inner = [
        m
        for m in context.doc.mentions
        if m.type == "LOC" and body.mention.start < m.start and m.stop == body.mention.stop
    ]
    if not inner:
        return None
    text = context.doc.text
    head = text[body.mention.start : inner[0].start]
    name = head + text[place.mention.start : place.mention.stop]
    return Participant("", "ORG", place.start, place.stop, None, normalize_text(name, "ORG"))


def _picked(token: Token) -> int:
    """`один из пунктов размещения`, `ряд предприятий`: what the partitive word picks
    from, where it says (an `из`-phrase or a genitive); else the token itself."""
    if token.lemma_ not in lexicon().partitive:
        return token.i
    whole = [c for c in token.children if c.dep_ == "nmod" and c.i > token.i]
    return whole[0].i if whole else token.i


def _they(token: Token) -> Token | None:
    """`они`, `ними` after people named by a plural noun earlier in the sentence
    (`пункт размещения переселенцев … с ними`): the nearest such noun."""
    morph = token.morph
    if token.pos_ != "PRON" or "3" not in morph.get("Person") or "Plur" not in morph.get("Number"):
        return None
    return next(
        (
            t
            for t in reversed(token.doc[: token.i])
            if t.pos_ == "NOUN"
            and "Plur" in t.morph.get("Number")
            and "Anim" in t.morph.get("Animacy")
        ),
        None,
    )


def _listed(context: Context, index: int, participant: Participant | None, after: int) -> list[int]:
    """`глава ОАО «РЖД» Олег Белозёров, начальник … Валерий Веренич и госсекретарь …`:
    the parser may hang the later names of a list on the first post as appositions;
    a person's name there, after the holder's, is one more of the list."""
    if participant is None or participant.type != "PER":
        return []
    return [
        c.i
        for c in context.sdoc[index].children
        if c.dep_ == "appos"
        and c.i > after
        and (mention := context.mentions[c.i]) is not None
        and mention.type == "PER"
        and mention is not participant.mention
    ]


def _refers_back(token: Token) -> bool:
    """`стороны`, `участники`, and `мы` of a quoted speaker (`«Мы договорились…»`):
    the sides named before."""
    morph = token.morph
    we = token.pos_ == "PRON" and "1" in morph.get("Person") and "Plur" in morph.get("Number")
    return we or token.lemma_ in lexicon().anaphoric


def _sides_by_post(context: Context, token: Token) -> list[Participant]:
    """A plural post as the doer, naming nobody (`Главы правительств условились`): the
    people of the latest event before that has two or more, however far back."""
    # The tagger may take a capitalised plural at a sentence's start for an adjective
    # (`Руководители субъектов`): the post's lemma is what counts.
    if token.dep_ != "nsubj" or "Plur" not in token.morph.get("Number"):
        return []
    if token.pos_ not in ("NOUN", "ADJ") or not referents.is_post(token.lemma_):
        return []
    # `представители Правительства Москвы`: whose people they are is named.
    named = [c for c in token.children if c.dep_ in ("appos", "flat:name")]
    named += [t for c in token.children if c.dep_ == "nmod" for t in c.subtree]
    if any(context.mentions[t.i] is not None for t in named):
        return []
    for event in _told(context):
        people = [p for p in event.participants if p.type == "PER"]
        if len(people) >= 2:
            return people
    return []


def sides_before(context: Context, type: str) -> list[Participant]:
    """The sides of the latest event before with two or more, as the sides of an
    event of `type` (`party`, a person `signatory`)."""
    for event in _told(context):
        if len(event.participants) >= 2:
            return _as_sides(event.participants, "party", type)
    return []


def visitor_before(context: Context) -> list[Participant]:
    """The first visitor of the latest visit told before, as a meeting's side: the one
    whose trip the release is telling (`делегация Самарской области`, the region)."""
    for event in _told(context):
        visitors = [p for p in event.participants if p.role == "visitor"]
        if event.type == "visit" and visitors:
            return _as_sides(visitors[:1], "participant", "meeting")
    return []


def _antecedents(context: Context, role: str, type: str) -> list[Participant]:
    """`стороны`, `участники`: the participants of the event named just before that
    has any (`По итогам переговоров стороны договорились`: not the bare `переговоров`),
    or of the headline's, the release's own event, from any distance."""
    for event in _told(context):
        near = context.sent_idx - event.sent_idx <= MAX_MERGE_DISTANCE
        if (near or event.sent_idx == 0) and event.participants:
            return _as_sides(event.participants, role, type)
    return []


def _told(context: Context) -> list[Event]:
    """The events found so far, latest first, without those that only add people to
    another (`В состав делегации вошли …`): the sides are the whole event's."""
    return [e for e in reversed(context.previous) if not joins_other(e)]


def _as_sides(participants: list[Participant], role: str, type: str) -> list[Participant]:
    return [
        Participant(
            role_of(role, p.type, type), p.type, p.start, p.stop, p.mention, p.name, via="implicit"
        )
        for p in participants
    ]


def _covered(context: Context, participant: Participant | None, index: int) -> list[int]:
    mention = participant.mention if participant else None
    held = [i for i, m in enumerate(context.mentions) if m is mention and m]
    # From the post to its holder (`губернатор Севастополя Алексей Воронцов и министр …`):
    # a conjunct may hang on any of these words.
    return list(range(min([index, *held]), max([index, *held]) + 1))


def _expand(context: Context, index: int, depth: int) -> Participant | None:
    lex = lexicon()
    token = context.sdoc[index]
    tokens = context.doc.sentences[context.sent_idx].tokens
    mention = context.mentions[index]
    if mention is not None:
        return _named(mention)
    person = context.persons_by_post.get(tokens[index].start)
    if person is not None and not _holds_another(context, token, person):
        person = _holder(context, token, person) or person
        # A post next to its holder's name, or a bare post the release tied to a person.
        return _named(person, "name" if person.sent_idx == context.sent_idx else "post")
    holder = _holder(context, token)
    if holder is not None:
        return _named(holder)
    referent = _referent(context, token)
    if referent is not None:
        return referent
    body = _body(context, token)
    if body is not None:
        return body
    if depth == 0 and token.pos_ == "NOUN" and token.lemma_ in lex.publics:
        return _group(context, token)
    if _refers_back(token):
        context.anaphoric = True
        return None
    if token.lemma_ in lex.groups | lex.facilities | lex.bodies and depth < MAX_CLIMB:
        for child in token.children:
            # `больница в селе Исетском` is where the hospital is, not whose.
            if child.dep_ == "nmod" and not _where(child):
                inner = _expand(context, child.i, depth + 1)
                if inner is not None:
                    return inner
    if depth == 0 and token.lemma_ in lex.groups:
        # `Орловские гости`: a delegation of the territory the adjective names.
        adjectives = [c.text for c in token.children if c.dep_ == "amod"]
        place = referents.by_adjective(context.doc, adjectives) if adjectives else None
        return _named(place, "pronoun") if place is not None else _group(context, token)
    return _people(context, token) if depth == 0 else None


def _holds_another(context: Context, token: Token, person: Mention) -> bool:
    """`российский премьер` tied to the person the release called `белорусский
    премьер`: the adjectives of the bare post say it is someone else's, or the place or
    body it names (`главой Армении`, the person stated `глава Молдавии`)."""
    said = referents.describing([c.text for c in token.children if c.dep_ == "amod"])
    whose = _whose(context, token)
    stated = [
        p
        for p in context.doc.positions
        if p.person is person and p.head == token.lemma_ and p.sent_idx != context.sent_idx
    ]
    return bool(stated) and all(
        referents.other_kind(context.doc, p, said) or referents.of_another(p, whose) for p in stated
    )


def _whose(context: Context, token: Token) -> Mention | None:
    """The place or body a post names in the genitive (`главой Армении`)."""
    return next(
        (
            m
            for c in token.children
            if c.dep_ == "nmod"
            and (m := context.mentions[c.i]) is not None
            and m.type in ("LOC", "ORG")
        ),
        None,
    )


def _holder(context: Context, token: Token, first: Mention | None = None) -> Mention | None:
    """Who a post names in apposition (`председателем … Махмадтоиром Зоиром Зокирзода`):
    a person named in full anywhere in its apposition chain before a word of a long
    foreign title the NER model took for a name (`Маджлиси`), else the first named
    (or `first`, the person the release tied to the post)."""
    named = [
        context.mentions[t.i]
        for t in token.subtree
        if t.i > token.i
        and t.dep_ in ("appos", "flat:name")
        and _chain(t, token)
        and context.mentions[t.i] is not None
    ]
    first = first or next(
        (context.mentions[c.i] for c in token.children if c.dep_ in ("appos", "flat:name")
         and context.mentions[c.i] is not None),
        None,
    )  # fmt: skip
    full = [m for m in named if m.type == "PER" and len(m.normal.split()) > 1]
    # A word glued to the post as if its name (`Председателем Маджлиси`), not a name
    # of a list the post heads (`Глава Смирнов, директор Анна Белова …`).
    glued = [
        m
        for c in token.children
        if c.dep_ == "flat:name"
        and (m := context.mentions[c.i]) is not None
        and m.type == "PER"
        and len(m.normal.split()) == 1
    ]
    if first is not None and first in glued and full:
        return full[0]
    return first


def _chain(token: Token, post: Token) -> bool:
    """Whether the token hangs on the post through its modifiers and appositions only
    (`Председателем Маджлиси … Зокирзода`), not through a clause."""
    current = token
    for _ in range(MAX_CHAIN):
        if current.head.i == post.i:
            return True
        if current.dep_ not in ("appos", "flat:name", "nmod", "obj") or current.head.i == current.i:
            return False
        current = current.head
    return False


# Words between a post and the name of its holder in a long title.
MAX_CHAIN = 4


def _people(context: Context, token: Token) -> Participant | None:
    """People named by a plural noun (`с жителями`, `с руководителями предприятий`);
    inanimate plurals (`в рамках`, `органы`) are no participants."""
    if token.pos_ == "NOUN" and _plural_people(token):
        return _group(context, token)
    return None


def _plural_people(token: Token) -> bool:
    return "Plur" in token.morph.get("Number") and "Anim" in token.morph.get("Animacy")


def _group(context: Context, token: Token) -> Participant:
    """A group named by a common noun phrase: `с руководителями управляющих компаний`
    → GROUP `руководители управляющих компаний`."""
    tokens = context.doc.sentences[context.sent_idx].tokens
    inside = sorted(_with_conjuncts(token))
    start, stop = tokens[inside[0]].start, tokens[inside[-1]].stop
    phrase = context.doc.text[start:stop]
    return Participant("", "GROUP", start, stop, None, normalize_text(phrase, "GROUP"), via="group")


# `делегация: министр …`: a group, then the list of its members.
_LIST_MARKS = frozenset({":", "—", "–", "-"})


def _members(group: Token) -> list[int]:
    """The people a group noun names as its head or members (`models/events.toml`,
    `heads_after`, `members_after`, `leading`): `делегация во главе с губернатором X`,
    `делегация, возглавляемая губернатором X` (X), `делегация в составе министра A и
    депутата B`, `делегация: министр A, депутат B` (A, B; their conjuncts join as
    usual)."""
    lex = lexicon()
    people = group.pos_ == "NOUN" and _plural_people(group)
    if group.lemma_ not in lex.groups and not people:
        return []
    words = [t.text.lower() for t in group.doc]
    # `двух заместителей – A и B`: any people named by a plural noun may be listed.
    found = [
        child.i
        for child in group.children
        if child.dep_ in ("parataxis", "appos")
        and child.i > group.i
        and any(words[k] in _LIST_MARKS for k in range(group.i + 1, child.i))
    ]
    if group.lemma_ not in lex.groups:
        return found
    for child in group.children:
        if child.lemma_ in lex.leading:
            found += [c.i for c in child.children if c.dep_ in ("obl", "obl:agent")]
    for token in group.subtree:
        at = token.i
        for phrase in lex.heads_after:
            after = at + len(phrase)
            if tuple(words[at:after]) == phrase and after < len(words):
                found.append(after)
        for phrase in lex.members_after:
            if tuple(words[at : at + len(phrase)]) == phrase:
                last = group.doc[at + len(phrase) - 1]
                found += [c.i for c in last.children if c.dep_ == "nmod"]
    return found


def _bare(token: Token) -> bool:
    """A group noun alone, in the singular: `делегация`, `руководство`."""
    return (
        token.lemma_ in lexicon().groups
        and "Sing" in token.morph.get("Number")
        and not any(c.dep_ in ("amod", "nmod", "det") for c in token.children)
    )


def _site(context: Context, token: Token) -> Participant | None:
    """A visited place without a name of its own (`посетил областную больницу №13`,
    `заглянул в центр образования «Юность»`): the host, named by its noun phrase."""
    if token.pos_ != "NOUN" or token.lemma_ not in lexicon().facilities:
        return None
    tokens = context.doc.sentences[context.sent_idx].tokens
    inside = sorted(_phrase_tokens(token))
    start, stop = tokens[inside[0]].start, tokens[inside[-1]].stop
    phrase = context.doc.text[start:stop]
    return Participant("", "ORG", start, stop, None, normalize_text(phrase, "ORG"))


def _body(context: Context, token: Token) -> Participant | None:
    """A body the NER model did not name (`заседание межгосударственной комиссии`,
    `рабочей группы по сотрудничеству России и Белоруссии`, `кабинетом министров
    Украины`): an ORG named by its noun phrase, its conjuncts within (`России и
    Белоруссии`) included, when an adjective or its members say which body it is
    (`совет` alone, `предстоящего совета` name none)."""
    lex = lexicon()
    if token.pos_ != "NOUN" or token.lemma_ not in lex.bodies:
        return None
    naming = [
        c
        for c in token.children
        if (
            c.dep_ == "amod"
            and c.pos_ == "ADJ"
            # `в рабочем кабинете`: a room, a body only by its members
            and token.lemma_ not in lex.places
            and c.lemma_ not in lex.sitting_words
            and not _ordinal(c.text)
        )
        or (c.dep_ == "nmod" and c.lemma_ in lex.body_members and c.i == token.i + 1)
    ]
    if not naming:
        return None
    inside = _with_conjuncts(token)
    tokens = context.doc.sentences[context.sent_idx].tokens
    start, stop = tokens[min(inside)].start, tokens[max(inside)].stop
    phrase = context.doc.text[start:stop]
    return Participant("", "ORG", start, stop, None, normalize_text(phrase, "ORG"))


def _with_conjuncts(token: Token) -> set[int]:
    """The noun phrase with the words coordinated within it (`комиссии России и
    Белоруссии`, `руководители служб и предприятий`), not with its head."""
    inside = _phrase_tokens(token)
    return inside | {k for i in list(inside) if i != token.i for k in _conjuncts(token.doc[i])}


def _conjuncts(token: Token) -> set[int]:
    """The words coordinated with a word of a name, and theirs (`России и Белоруссии`),
    in its case: `предприятий и представителями` are two phrases the parser joined."""
    found = set()
    case = token.morph.get("Case")
    for conj in (c for c in token.children if c.dep_ == "conj"):
        if case and conj.morph.get("Case") and conj.morph.get("Case") != case:
            continue
        found |= _phrase_tokens(conj) | {c.i for c in conj.children if c.dep_ in ("cc", "case")}
    return found


def _ordinal(word: str) -> bool:
    """`седьмое заседание комиссии`: a number says which sitting, not which body."""
    return any("Anum" in parse.tag for parse in parses(word)[:1])


def _phrase_tokens(token: Token) -> set[int]:
    """The noun and its modifiers, without conjuncts, clauses, its own preposition or
    where it is (`больница в селе Крутом`, `главы поселений в режиме видеосвязи`: a
    phrase of `в`/`на` says where, not who)."""
    found = {token.i}
    for child in token.children:
        relation = child.dep_.split(":")[0]
        if relation == "nummod":
            # `больница №13`: the number, whole.
            found |= {t.i for t in child.subtree}
        elif relation in ("amod", "nmod", "det", "flat", "fixed") and not _where(child):
            if relation == "amod" and "Part" in child.morph.get("VerbForm"):
                continue  # `отремонтированную больницу`: what was done to it, not which
            found |= _phrase_tokens(child) | {c.i for c in child.children if c.dep_ == "case"}
    return found


_WHERE = frozenset({"в", "во", "на"})


def _where(token: Token) -> bool:
    """A phrase of `в`/`на`: where something is (`в селе Крутом`)."""
    return any(c.dep_ == "case" and c.lemma_ in _WHERE for c in token.children)


def _referent(context: Context, token: Token) -> Participant | None:
    """A person the sentence refers to without a full name: a surname the NER model
    missed (`Мишустин прибыл`), a third-person pronoun (`он`, `она`, `его`) or a post
    alone (`губернатор`)."""
    start = context.doc.sentences[context.sent_idx].tokens[token.i].start
    morph = token.morph
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        person = referents.by_surname(context.doc, token.text)
        return _named(person) if person is not None else None
    if token.dep_ == "det" and token.lemma_ in _POSSESSIVE:
        # `Его рабочая поездка закончится в Норильске`: whose trip, by the pronoun's
        # lemma (the tagger gives a possessive no gender).
        gender = _POSSESSIVE[token.lemma_]
        person = referents.antecedent(context.doc, context.protagonist, start, gender)
        return _named(person, "pronoun") if person is not None else None
    if token.pos_ == "PRON" and "3" in morph.get("Person") and "Sing" in morph.get("Number"):
        if "Neut" in morph.get("Gender"):
            return None
        gender = referents.token_gender(token)
        person = referents.antecedent(context.doc, context.protagonist, start, gender)
        return _named(person, "pronoun") if person is not None else None
    if token.pos_ == "NOUN" and any(c.lemma_ in lexicon().ours for c in token.children):
        place = referents.own_territory(context.doc, token.lemma_, lexicon().regions)
        return _named(place, "pronoun") if place is not None else None
    if token.pos_ == "NOUN" and "Sing" in morph.get("Number"):
        # Only the doer may be the protagonist by post alone: `встретился с министром`
        # may be with a minister the release never names.
        doer = referents.token_gender(token.head) if token.dep_ == "nsubj" else False
        said = referents.describing([c.text for c in token.children if c.dep_ == "amod"])
        whose = _whose(context, token)
        person = referents.post_holder(
            context.doc, context.protagonist, token.lemma_, start, doer, said, whose
        )
        return _named(person, "post") if person is not None else None
    return None


# The possessives `его`, `её` by their lemmas, and the gender of whom they mean.
_POSSESSIVE = {"он": "masc", "она": "femn"}


def _named(mention: Mention, via: str = "name") -> Participant:
    return Participant(
        "", mention.type, mention.start, mention.stop, mention, mention.normal, via=via
    )


def role_of(role: str, participant_type: str, event_type: str) -> str:
    # A territory is visited, never a host: `Брестская область встретила делегацию`.
    if role in ("target", "host"):
        return "destination" if participant_type == "LOC" else "host"
    if role == "party" and participant_type == "PER":
        return "signatory"
    return role


def token_mentions(sent: Sentence, mentions: list[Mention]) -> list[Mention | None]:
    """For each token of a sentence, the longest of the sentence's mentions over it."""
    tokens = sent.tokens
    mentions = sorted(mentions, key=lambda m: m.stop - m.start)
    index = {token.start: i for i, token in enumerate(tokens)}
    found: list[Mention | None] = [None] * len(tokens)
    for mention in mentions:
        for token in tokens_within(tokens, mention.start, mention.stop):
            found[index[token.start]] = mention
    return found


def persons_by_post(doc: Doc) -> dict[int, Mention]:
    """Every token start inside a stated post → the person holding it; and the
    bare posts (`губернатор отметил`) the document has tied to one person."""
    found = dict(doc.post_holders)
    for position in doc.positions:
        for sent in doc.sentences[position.sent_idx : position.sent_idx + 1]:
            for token in sent.tokens:
                if position.post_start <= token.start < position.post_stop:
                    found[token.start] = position.person
    return found
