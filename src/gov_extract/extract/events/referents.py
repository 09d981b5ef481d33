"""Who a sentence means without naming them, resolved at the level of the release.

A press release has a protagonist, usually its headline's subject, and its sentences
drop or replace that person's name: `Затем посетил школу` (no subject), `Он посетил`,
`Она встретилась` (a pronoun), `Губернатор осмотрел` (a bare post). Each is resolved
to a person the release names, agreeing in gender with the pronoun or the verb: a
pronoun or a missing subject to the protagonist, else the nearest such person before
it; a bare post to the person who holds that post in the release.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from gov_extract.extract.events.paths import MAX_CLIMB
from gov_extract.extract.posts.lexicon import lexicon as post_lexicon
from gov_extract.link.entities import person_name
from gov_extract.nlp.morph import lemma, parses
from gov_extract.nlp.norm import normalize_text
from gov_extract.records import Doc, Mention, Position

# Sentences from the release's start where a protagonist is looked for when the
# headline names nobody: a lead sentence names the release's subject, often below a
# subheading and a photo credit.
LEAD_SENTENCES = 5
# Verb forms that take a subject of their own, or through the verb above them.
_SUBJECT_FORMS = frozenset({"Fin", "Inf", "Conv"})
_GENDERS = {"Masc": "masc", "Fem": "femn"}


def protagonist(doc: Doc) -> Mention | None:
    """The person the release is about: the first named in its headline, or by a
    surname there the NER model missed (`Мишустин прибыл в Минск`) whom the release
    names in full, else the holder of a post its headline names (`Губернатор посетил …`),
    else the first named in its lead."""
    people = [m for m in doc.mentions if m.type == "PER"]
    headline = [_fullest(doc, m) for m in people if m.sent_idx == 0]
    named = [m for m in headline if m is not None]
    if named:
        return named[0]
    if doc.sentences:
        first = doc.sentences[0]
        for token in first.tokens:
            person = by_surname(doc, token.text) if token.text[:1].isupper() else None
            if person is not None:
                return person
        for start, person in sorted(doc.post_holders.items()):
            if first.start <= start < first.stop:
                return person
    lead = [_fullest(doc, m) for m in people if m.sent_idx < LEAD_SENTENCES]
    return next((m for m in lead if m is not None), None) or _hashtag(doc)


# `#ЕгорВирков`: a first name and a surname run together after `#`.
_HASHTAG = re.compile(r"#([А-ЯЁ][а-яё]+)([А-ЯЁ][а-яё]+)\b")


def _hashtag(doc: Doc) -> Mention | None:
    """A release of a social network that names its subject only in a hashtag: the
    first that is a first name and a surname, as a person the NER model never sees."""
    for found in _HASHTAG.finditer(doc.text):
        first, last = found.groups()
        if not any("Name" in parse.tag.grammemes for parse in parses(first)):
            continue
        sent_idx = next(
            (i for i, s in enumerate(doc.sentences) if s.start <= found.start() < s.stop), 0
        )
        return Mention(
            found.start(), found.end(), "PER", found.group(), sent_idx, f"{first} {last}"
        )
    return None


def _tagged(person: Mention) -> bool:
    """A person named in a hashtag, which tags the whole release wherever it stands."""
    return person.text.startswith("#")


def _fullest(doc: Doc, person: Mention) -> Mention | None:
    """The person as the release names them in full (`Михаил Мишустин` for a headline's
    `Мишустин`); None for a single word the release never gives a first name or
    initials to, which is seldom a person (`ПензаСМИ`, a site's name)."""
    name = person_name(person.normal)
    if name.first and name.last:
        return person
    return next(
        (
            m
            for m in doc.mentions
            if m.type == "PER"
            and person_name(m.normal).first
            and person_name(m.normal).surname == name.surname
        ),
        None,
    )


def person_gender(mention: Mention) -> str | None:
    """`masc`, `femn`, or None when the name does not tell (`Ли Цян`, `А.М. Леонов`
    reads both ways in the genitive)."""
    name = person_name(mention.normal)
    for word, kind in ((name.first, "Name"), (name.last, "Surn")):
        for parse in parses(word or ""):
            if kind in parse.tag.grammemes and parse.tag.gender in ("masc", "femn"):
                return parse.tag.gender
    return None


def token_gender(token: Token) -> str | None:
    """The gender a pronoun or a past-tense verb states, None when it states none
    (plural, present tense)."""
    if "Plur" in token.morph.get("Number"):
        return None
    genders = token.morph.get("Gender")
    return _GENDERS.get(genders[0]) if genders else None


def agrees(person: Mention, gender: str | None) -> bool:
    found = person_gender(person)
    return gender is None or found is None or found == gender


def antecedent(doc: Doc, main: Mention | None, before: int, gender: str | None) -> Mention | None:
    """`Он`, `она`: the protagonist `main` where the pronoun's gender allows, as a
    release keeps returning to them; else the first person of that gender named in the
    nearest sentence before the pronoun (or earlier in its own) that names one, a
    sentence's first person being most often its subject."""
    if main is not None and (main.stop <= before or _tagged(main)) and agrees(main, gender):
        return main
    earlier = [m for m in doc.mentions if m.type == "PER" and m.stop <= before]
    for sent_idx in sorted({m.sent_idx for m in earlier}, reverse=True):
        found = [m for m in earlier if m.sent_idx == sent_idx and agrees(m, gender)]
        named = [_fullest(doc, m) for m in sorted(found, key=lambda m: m.start)]
        person = next((m for m in named if m is not None), None)
        if person is not None:
            return person
    return None


def post_holder(
    doc: Doc,
    main: Mention | None,
    lemma: str,
    before: int,
    doer: str | bool | None,
    said: frozenset[str] = frozenset(),
    whose: Mention | None = None,
) -> Mention | None:
    """`Губернатор осмотрел …` where the release has tied no person to this mention of
    the post: the person it last gave that post before, else its protagonist if the
    release gives them that post anywhere (`main`). `doer` is the gender of the verb a subject
    post does (None when the verb states none), False for a post that is no subject:
    a subject post nobody else holds in the release (`глава региона`, `российский
    премьер`) is the protagonist too, when the verb agrees. `said` are the lemmas of the
    adjectives the bare post has (`российский`): a post stated with other ones
    (`белорусским премьером`) is someone else's, and so is a post stated of another
    place or body than `whose`, the one the bare post names (`главой Армении`)."""
    if not is_post(lemma):
        return None
    held = [
        p
        for p in doc.positions
        if p.head == lemma and not other_kind(doc, p, said) and not of_another(p, whose)
    ]
    stated = [p for p in held if p.start < before]
    if stated:
        return max(stated, key=lambda p: p.start).person
    if main is None:
        return None
    if any(same_person(p.person, main) for p in held):
        return main
    nobody_else = not held
    if doer is not False and nobody_else and agrees(main, doer or None):
        return main
    return None


def other_kind(doc: Doc, position: Position, said: frozenset[str]) -> bool:
    """`российский премьер` and a stated `белорусским премьером`: both posts say whose
    they are by an adjective before their head, and not by the same one (`министр
    здравоохранения Ростовской области` says it after)."""
    if not said:
        return False
    sentence = doc.sentences[position.sent_idx]
    words = [t.text for t in sentence.tokens if t.stop <= position.post_start]
    words += position.position_text.split()
    heads = [i for i, word in enumerate(words) if lemma(word) == position.head]
    before = words[: heads[-1]] if heads else []
    # The adjectives right before the head (`белорусским премьером`), not the words of
    # the sentence before them.
    adjectives = []
    for word in reversed(before):
        if not describing([word]):
            break
        adjectives.append(word)
    stated = describing(adjectives)
    return bool(stated) and not said & stated


def of_another(position: Position, whose: Mention | None) -> bool:
    """`главой Армении` and a stated `глава Молдавии`: the post names a place or body,
    and the position states another one (no word of their names in common). A place
    the position was only inferred to have says nothing."""
    if whose is None or position.where_source != "stated":
        return False
    stated = [m for m in (position.loc, position.org) if m is not None]
    words = {lemma(word.lower()) for word in whose.normal.split()}
    return bool(stated) and not any(
        words & {lemma(word.lower()) for word in m.normal.split()} for m in stated
    )


def describing(words: Sequence[str]) -> frozenset[str]:
    """The lemmas of the relative adjectives among the words (`российский`,
    `белорусский`, `областной`): not qualities (`новый`), ordinals (`первый`) or
    participles, which say nothing of whose a post is."""
    found = set()
    for word in words:
        found_parses = parses(word)
        tag = found_parses[0].tag if found_parses else None
        if tag is not None and "ADJF" in tag and not {"Qual", "Anum", "Supr"} & tag.grammemes:
            found.add(found_parses[0].normal_form)
    return frozenset(found)


def is_post(lemma: str) -> bool:
    return lemma in post_lexicon().heads


def own_territory(doc: Doc, noun: str, kinds: frozenset[str]) -> Mention | None:
    """`в нашем районе` in a district's release: the first place it names whose name
    has that noun (`Магдагачинский район`), one that says which (not a headline's
    `РАЙОНА` the NER model took alone) before one that does not. `kinds` are the
    nouns a word for any region stands for (`наш регион`: an `область`, a `край`)."""
    if noun not in post_lexicon().territory_nouns:
        return None
    nouns = {noun} | (kinds if noun in _ANY_REGION else frozenset())
    places = [
        m
        for m in doc.mentions
        if m.type == "LOC" and nouns & {lemma(word) for word in m.normal.lower().split()}
    ]
    return next((m for m in places if len(m.normal.split()) > 1), next(iter(places), None))


# `наш регион`, `наш субъект`: words that name no kind of territory of their own.
_ANY_REGION = frozenset({"регион", "субъект"})


def by_adjective(doc: Doc, adjectives: Sequence[str]) -> Mention | None:
    """`Орловские гости`, `тульская делегация`: the place the release names whose name
    starts with that adjective (`Орловская область`)."""
    said = {lemma(word.lower()) for word in adjectives}
    return next(
        (
            m
            for m in doc.mentions
            if m.type == "LOC"
            and len(m.normal.split()) > 1
            and lemma(m.normal.split()[0].lower()) in said
        ),
        None,
    )


def by_surname(doc: Doc, word: str) -> Mention | None:
    """A surname alone that the NER model did not take for a name (`Мишустин прибыл`
    in a headline): the person the release names with that surname."""
    surname = person_name(normalize_text(word, "PER")).surname
    if not surname:
        return None
    people = [m for m in doc.mentions if m.type == "PER" and " " in m.normal.strip()]
    return next((m for m in people if person_name(m.normal).surname == surname), None)


def subject_verb(
    trigger: Token, via_head: bool, heads: frozenset[str], told: bool = False
) -> Token | None:
    """The verb whose missing subject the event's doer would be: the trigger verb, or
    for a noun trigger the verb it depends on (`провёл встречу`); the verb above an
    infinitive or gerund (`планирует посетить`). None where no subject is missing
    but the clause has none to have: a passive, a participle, a first or second person
    (`посетим`), a verb that takes no doer of the event. With `told`, the noun trigger
    may be that verb's subject (`станут переговоры с …`, `состоялась встреча с …`):
    the clause tells the event, and names no doer."""
    verb = trigger
    if via_head:
        verb = trigger.head
        if verb.i == trigger.i or (heads and verb.lemma_ not in heads):
            return None
    for _ in range(MAX_CLIMB):
        forms = set(verb.morph.get("VerbForm"))
        if verb.pos_ not in ("VERB", "AUX") or not forms & _SUBJECT_FORMS:
            return None
        if "Pass" in verb.morph.get("Voice") or set(verb.morph.get("Person")) & {"1", "2"}:
            return None
        doers = ("nsubj", "nsubj:pass", "obl:agent", "csubj")
        if any(c.dep_ in doers and not (told and c.i == trigger.i) for c in verb.children):
            return None
        if "Fin" in forms or verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return verb
        verb = verb.head
    return None


def implicit_doer(
    doc: Doc, main: Mention | None, gender: str | None, before: int, others: Sequence[Mention]
) -> Mention | None:
    """The doer of a clause without a subject, found as for a pronoun of the verb's
    gender (None: any); never a person the sentence names as another side of the event."""
    found = antecedent(doc, main, before, gender)
    return found if found is not None and not _among(found, others) else None


def _among(person: Mention, others: Sequence[Mention]) -> bool:
    return any(same_person(person, other) for other in others if other.type == "PER")


def same_person(a: Mention, b: Mention) -> bool:
    return person_name(a.normal).surname == person_name(b.normal).surname
