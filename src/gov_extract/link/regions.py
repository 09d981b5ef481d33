"""Where a place, a body, a post or an event is: a region code and a country code for
each, from the gazetteer in `models/gazetteer.toml`.

A name is read word by word through its lemmas, so that every case form of a place
matches its one form in the gazetteer (`Правительства Тульской области`, `в Туле`,
`тульский губернатор` → RU-TUL, RU). Of the places a name holds, the first one is its
territory (`Посольство России в Китае` is Russia's), unless a country comes first and a
place inside that country follows (`ГУ МВД России по Тульской области` is Tula's).

A name the gazetteer lists under two places (`Троицк` in Moscow and in Chelyabinsk
oblast, `Алтай`) takes the one the release names elsewhere (`context`), else the one
of the release's own territory, the place its first sentence names (`publisher`);
else it has no region, and a country only when every reading agrees on it. An
adjective before a street, a station or a district (`Кировский район`, `Казанский
вокзал`) says nothing of where it is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from pymorphy3.analyzer import Parse

from gov_extract.extract.posts.places import home_territory
from gov_extract.lexicons import Items, Record, Text, load
from gov_extract.nlp.morph import WORDS_CACHED, fold, parses
from gov_extract.records import Doc, Entity, Event, Mention, Position, Where

_CODE = Text(pattern=r"[A-Z]{2}(-[A-Z0-9]{1,3}){1,2}", meaning="a region code such as RU-TUL")
_NAMES = Items(Text(), nonempty=True)
_WORDS = Items(Text())
SCHEMA = Record(
    {
        "local_nouns": _WORDS,
        "town_nouns": _WORDS,
        "districts": Items(Record({"code": _CODE, "names": _NAMES}), label="code"),
        "subjects": Items(
            Record(
                {
                    "code": _CODE,
                    "district": _CODE,
                    "names": _NAMES,
                    "adjectives": _WORDS,
                    "capital": Text(),
                    "cities": _WORDS,
                },
                optional=("district", "adjectives", "capital", "cities"),
            ),
            label="code",
        ),
        "countries": Items(
            Record(
                {
                    "code": Text(pattern=r"[A-Z]{2}", meaning="an ISO 3166-1 alpha-2 code"),
                    "names": _NAMES,
                    "adjectives": _WORDS,
                    "places": _WORDS,
                    "bodies": _WORDS,
                    "body_prefixes": _WORDS,
                },
                optional=("adjectives", "places", "bodies", "body_prefixes"),
            ),
            label="code",
        ),
    }
)

RUSSIA = "RU"
# The reading of a local name the gazetteer does not know (`Подосиновский район`,
# `улица Кожевенная`, `администрация Советского района`): in some subject of Russia,
# the one the release is about.
LOCAL = frozenset({("*", RUSSIA)})
DISTRICTS = "RU-FD-"  # the codes of the federal districts begin so
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_QUOTED = re.compile(r"[«\"“„][^«»\"“”„]*[»\"”“]")
# Grammemes of a person's name: a town named for a person needs a word for a town.
_PERSON = frozenset({"Surn", "Name", "Patr"})
_ADJECTIVES = frozenset({"ADJF", "PRTF"})


NOWHERE = Where()


@dataclass(frozen=True, slots=True)
class _Entry:
    keys: tuple[frozenset[str], ...]  # the lemmas each word of the name may have
    places: frozenset[tuple[str | None, str]]  # (region, country) it may be
    adjective: bool
    proper: bool  # its first word must be written with a capital


Places = dict[tuple[str, bool], set[tuple[str | None, str]]]


@dataclass
class Gazetteer:
    # First lemma of a name → the names that start with it.
    by_key: dict[str, list[_Entry]]
    # Words of a national body, read when a body names no place (`Федеральная служба`),
    # and the beginnings of its first word (`Рос…`) → its country.
    national: dict[str, list[_Entry]]
    prefixes: dict[str, str]
    names: dict[str, str]  # region code → official name
    local_nouns: frozenset[str]
    town_nouns: frozenset[str]


@cache
def gazetteer() -> Gazetteer:
    data = load("gazetteer")
    places: Places = defaultdict(set)
    names: dict[str, str] = {}
    for district in data["districts"]:
        names[district["code"]] = district["names"][0]
        for name in district["names"]:
            places[name, False].add((district["code"], RUSSIA))
    for subject in data["subjects"]:
        code = subject["code"]
        names[code] = subject["names"][0]
        towns = [subject.get("capital", ""), *subject.get("cities", ())]
        for name in [*subject["names"], *filter(None, towns)]:
            places[name, False].add((code, RUSSIA))
        for adjective in subject.get("adjectives", ()):
            places[adjective, True].add((code, RUSSIA))
    national: Places = defaultdict(set)
    prefixes: dict[str, str] = {}
    for country in data["countries"]:
        for name in [*country["names"], *country.get("places", ())]:
            places[name, False].add((None, country["code"]))
        for adjective in country.get("adjectives", ()):
            places[adjective, True].add((None, country["code"]))
        for word in country.get("bodies", ()):
            national[word, not word[:1].isupper()].add((None, country["code"]))
        prefixes.update((prefix, country["code"]) for prefix in country.get("body_prefixes", ()))
    return Gazetteer(
        by_key=_index(places),
        national=_index(national),
        prefixes=prefixes,
        names=names,
        local_nouns=frozenset(key for w in data["local_nouns"] for key in _word_keys(w)),
        town_nouns=frozenset(key for w in data["town_nouns"] for key in _word_keys(w)),
    )


def _index(places: Places) -> dict[str, list[_Entry]]:
    """Names by the lemmas of their first word; one entry for names of one lemmas
    (`Троицк` of Moscow and of Chelyabinsk oblast is one ambiguous entry)."""
    entries: dict[tuple[frozenset[str], ...], _Entry] = {}
    for (name, adjective), where in places.items():
        keys = tuple(_entry_keys(word, adjective) for word in _WORD.findall(name))
        known = entries.get(keys)
        merged = frozenset(where) | (known.places if known else frozenset())
        entries[keys] = _Entry(keys, merged, adjective, not adjective and name[:1].isupper())
    index: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries.values():
        for key in entry.keys[0]:
            index[key].append(entry)
    return dict(index)


# Keys a word is matched by: its own form (`=`), and the lemma of an adjective's (`A:`)
# or another word's (`N:`) reading, apart so that the adjective `грозная` is not the
# town `Грозный`.
def _form(word: str) -> str:
    return "=" + fold(word.lower())


def _lemma(parse: Parse) -> str:
    return ("A:" if parse.tag.POS in _ADJECTIVES else "N:") + fold(parse.normal_form)


def _entry_keys(word: str, adjective: bool) -> frozenset[str]:
    """What a gazetteer word matches: its own form, and the lemmas of its nominative
    readings (`тульский` → `тульская`, `Тула` → `Туле`). An adjective that is part of a
    name matches its own gender's forms only: `Октябрьский` is a town, `Октябрьская
    железная дорога` is not in it; `Тульская область` is `Тульской области`."""
    lower = fold(word.lower())
    keys = {_form(word)}
    for parse in parses(word):
        if parse.tag.case not in (None, "nomn"):
            continue
        if parse.tag.POS in _ADJECTIVES and not adjective:
            keys.update(
                _form(form.word)
                for form in parse.lexeme
                if form.tag.POS == parse.tag.POS
                and (form.tag.gender, form.tag.number) == (parse.tag.gender, parse.tag.number)
            )
        # Not a common noun's singular: the town `Шахты` is no `шахта`.
        elif adjective or "Geox" in parse.tag or fold(parse.normal_form) == lower:
            keys.add(_lemma(parse))
    return frozenset(keys)


@lru_cache(maxsize=WORDS_CACHED)
def _word_keys(word: str) -> frozenset[str]:
    return frozenset({_form(word), *(_lemma(p) for p in parses(word))})


@lru_cache(maxsize=WORDS_CACHED)
def _named_for_person(word: str) -> bool:
    best = parses(word)[0].tag.grammemes
    return bool(_PERSON & best) and "Geox" not in best


@lru_cache(maxsize=WORDS_CACHED)
def places_in(name: str, type: str) -> frozenset[tuple[str | None, str]]:
    """The (region, country) readings of a LOC or ORG name; empty when it names no
    place the gazetteer knows, several when the name is ambiguous.

    The places outside quotes first: `Центр экспорта «…»` is where its own words say;
    then those of a quoted name (`АО «Калужский завод …»`); then, for a body, the words
    of a national one (`Федеральное агентство …`, `Минздрав`), then how a word of it
    begins (`управление Росимущества`)."""
    gaz = gazetteer()
    outside = _WORD.findall(_QUOTED.sub(" ", name))
    quoted = [w for part in _QUOTED.findall(name) for w in _WORD.findall(part)]
    for words, index in ((outside, gaz.by_key), (quoted, gaz.by_key), (outside, gaz.national)):
        if type != "ORG" and index is gaz.national:
            break
        found = _territory(_places(words, index, type))
        if found:
            return found
    local = [bool(_word_keys(word) & gaz.local_nouns) for word in outside]
    if any(local) and not all(local):  # `Площадь` or `района` alone names nothing
        return LOCAL
    if type != "ORG":
        return frozenset()
    country = next(
        (c for word in outside for p, c in gaz.prefixes.items() if _begins(word, p)), None
    )
    return frozenset({(None, country)}) if country else frozenset()


def _begins(word: str, prefix: str) -> bool:
    """`Росимущество` begins with `Рос`, as a word of its own: a capital, then more."""
    return word.startswith(prefix) and len(word) > len(prefix) + 2 and word[len(prefix)].islower()


def _places(
    words: Sequence[str], index: dict[str, list[_Entry]], type: str
) -> list[frozenset[tuple[str | None, str]]]:
    found = []
    at = 0
    while at < len(words):
        entry = _match(words, at, index, type)
        if entry is None:
            at += 1
            continue
        found.append(entry.places)
        at += len(entry.keys)
    return found


def _territory(
    found: list[frozenset[tuple[str | None, str]]],
) -> frozenset[tuple[str | None, str]]:
    """The first place, or after a country the first place inside it."""
    if not found:
        return frozenset()
    first = found[0]
    countries = {country for _, country in first}
    if all(region is None for region, _ in first) and len(countries) == 1:
        inside = (
            later
            for later in found[1:]
            if {c for _, c in later} == countries and any(r for r, _ in later)
        )
        return next(inside, first)
    return first


def _match(
    words: Sequence[str], at: int, index: dict[str, list[_Entry]], type: str
) -> _Entry | None:
    candidates = {id(e): e for key in _word_keys(words[at]) for e in index.get(key, ())}
    # The longest name that starts here: `Ханты-Мансийский автономный округ`, not the
    # adjective alone.
    for entry in sorted(candidates.values(), key=lambda e: -len(e.keys)):
        size = len(entry.keys)
        if at + size > len(words) or not all(
            entry.keys[k] & _word_keys(words[at + k]) for k in range(1, size)
        ):
            continue
        if _fits(entry, words, at, type):
            return entry
    return None


def _fits(entry: _Entry, words: Sequence[str], index: int, type: str) -> bool:
    gaz = gazetteer()
    word = words[index]
    after = index + len(entry.keys)
    if entry.adjective:
        # `Кировский район`, `Московский проспект`: not where it is.
        return after >= len(words) or not (_word_keys(words[after]) & gaz.local_nouns)
    if entry.proper and not word[:1].isupper():
        return False
    if type == "ORG" and len(entry.keys) == 1 and _named_for_person(word):
        # `музей Чехова` is the writer's; `администрация города Королёва` the town's.
        return index > 0 and bool(_word_keys(words[index - 1]) & gaz.town_nouns)
    return True


def annotate(
    entities: Sequence[Entity],
    docs: Sequence[Doc],
    earlier: Mapping[str, Iterable[Where]] | None = None,
) -> dict[tuple[str, str], Where]:
    """Set `where` on every LOC and ORG entity of the linked documents, and on the posts
    and events of its releases; one call after `link`. `earlier`: where releases of
    earlier runs put an ambiguous entity. Returns where each release put each ambiguous
    entity it names, by (doc_id, entity_id), for the next runs."""
    places = _Places()
    readings = {
        e.entity_id: places_in(e.name, e.type) for e in entities if e.type in ("LOC", "ORG")
    }
    for entity_id, found in readings.items():
        places.entities[entity_id] = _settle(found, None)
    local = {eid for eid, found in readings.items() if found == LOCAL}
    ambiguous = local | {eid for eid, found in readings.items() if len({r for r, _ in found}) > 1}
    settled: dict[str, set[Where]] = defaultdict(set)
    for entity_id, wheres in (earlier or {}).items():
        settled[entity_id].update(wheres)
    for doc in docs:
        context = _context(places, doc, local)
        for entity_id in sorted({m.entity_id for m in doc.mentions} & ambiguous):
            first = next(m for m in doc.mentions if m.entity_id == entity_id)
            where = _settle(readings[entity_id], context, first)
            places.in_docs[doc.doc_id, entity_id] = where
            settled[entity_id].add(where)
        for position in doc.positions:
            position.where = places.position(doc, position)
        for event in doc.events:
            event.where = places.event(doc, event, context)
            event.origin = places.origin(doc, event)
    for entity in entities:
        entity.where = where_of(entity.name, entity.type, settled.get(entity.entity_id, set()))
    return places.in_docs


def where_of(name: str, type: str, settled: set[Where]) -> Where:
    """Where a place or body is: what its name says, or, when the name is ambiguous,
    where every release that names it puts it (`settled`), if they agree."""
    if type not in ("LOC", "ORG"):
        return NOWHERE
    found = places_in(name, type)
    ambiguous = found == LOCAL or len({r for r, _ in found}) > 1
    if ambiguous and len(settled) == 1 and next(iter(settled)).region is not None:
        return next(iter(settled))
    return _settle(found, None)


@dataclass
class _Places:
    """Where each entity is, and where an ambiguous one is in each release."""

    entities: dict[str, Where] = field(default_factory=dict)
    in_docs: dict[tuple[str, str], Where] = field(default_factory=dict)

    def of(self, doc_id: str, mention: Mention | None) -> Where:
        if mention is None or mention.entity_id is None:
            return NOWHERE
        found = self.in_docs.get((doc_id, mention.entity_id))
        return found if found is not None else self.entities.get(mention.entity_id, NOWHERE)

    def position(self, doc: Doc, position: Position) -> Where:
        """The place of the post's territory, else of its body."""
        return self.of(doc.doc_id, position.loc) or self.of(doc.doc_id, position.org)

    def event(self, doc: Doc, event: Event, context: _Context) -> Where:
        """Where it took place: its location, else a visit's destination, else the body
        visited."""
        if event.location is not None:
            return self.of(doc.doc_id, event.location)
        if event.location_name:
            return _settle(places_in(event.location_name, "LOC"), context)
        for role in ("destination", "host"):
            for participant in event.participants:
                where = self.of(doc.doc_id, participant.mention)
                if participant.role == role and participant.type in ("LOC", "ORG") and where:
                    return where
        return NOWHERE

    def origin(self, doc: Doc, event: Event) -> Where:
        """Where a visitor came from, where the release says it: a body or place as the
        visitor (`делегация Тульской области`), or the place of a visiting person's post
        in the release."""
        if event.type != "visit":
            return NOWHERE
        for participant in event.participants:
            if participant.role != "visitor" or participant.mention is None:
                continue
            if participant.type in ("LOC", "ORG"):
                where = self.of(doc.doc_id, participant.mention)
            else:
                # The posts' places are set before the events'.
                person = participant.mention.entity_id
                posts = [p for p in doc.positions if p.person.entity_id == person]
                where = next((p.where for p in posts if p.where), NOWHERE)
            if where:
                return where
        return NOWHERE


@dataclass(frozen=True)
class _Context:
    regions: frozenset[str]
    countries: frozenset[str]
    publisher: Where
    # The release's own territory is a local name the gazetteer does not know.
    home_local: bool
    text: str
    # The release's LOC and ORG mentions with where they are, and whether each is a
    # local name (`LOCAL`), in the order of the text.
    named: tuple[tuple[Mention, Where, bool], ...]


def _context(places: _Places, doc: Doc, local: set[str]) -> _Context:
    """The release's places named without ambiguity, and its own territory."""
    named = tuple(
        (m, places.entities.get(m.entity_id, NOWHERE), m.entity_id in local)
        for m in sorted(doc.mentions, key=lambda m: m.start)
        if m.type in ("LOC", "ORG") and m.entity_id
    )
    home = home_territory(doc)
    return _Context(
        frozenset(w.region for _, w, _ in named if w.region),
        frozenset(w.country for _, w, _ in named if w.country),
        places.entities.get(home.entity_id or "", NOWHERE) if home else NOWHERE,
        home is not None and home.entity_id in local,
        doc.text,
        named,
    )


def _settle(
    found: frozenset[tuple[str | None, str]],
    context: _Context | None,
    first: Mention | None = None,
) -> Where:
    """The reading of a name the release's context picks (`first`: where the release
    names it first)."""
    if not found:
        return NOWHERE
    if found == LOCAL:
        return _local(context, first) if context is not None and first else NOWHERE
    if len(found) == 1:
        region, country = next(iter(found))
        return Where(region, country, "name")
    if context is not None:
        named = {
            (r, c)
            for r, c in found
            if (r is not None and r in context.regions)
            or (r is None and c in context.countries - {RUSSIA})
        }
        if len(named) == 1:
            region, country = named.pop()
            return Where(region, country, "context")
        home = context.publisher
        if home.region and any(r == home.region for r, _ in found):
            return Where(home.region, home.country, "publisher")
    countries = {c for _, c in found}
    return Where(None, countries.pop(), "name") if len(countries) == 1 else NOWHERE


# What may stand between a local name and the subject it belongs to: `Басманного района
# г. Москвы`.
_GENITIVE_GAP = re.compile(r"\s*(?:,\s*)?(?:г\.|город[а-я]*)?\s*")


def _local(context: _Context, first: Mention) -> Where:
    """Where the release first names a local name: the subject right after it, through
    other local names (`Басманного района Центрального административного округа г.
    Москвы`); else the one subject of Russia the release names, when it names it in a
    sentence before, names no place abroad, and is not itself about a local place it
    does not place (`Урмарский муниципальный округ` in its first sentence). Not a subject
    named earlier in its own sentence, nor the release's territory among several: a
    release of one region names the district of its partner beside that partner
    (`Советский район … Куйбышевского района Запорожской области`)."""
    named = context.named
    index = next((i for i, (m, _, _) in enumerate(named) if m is first), None)
    if index is None:
        return NOWHERE
    stop = first.stop
    for mention, where, local in named[index + 1 :]:
        if not _GENITIVE_GAP.fullmatch(context.text[stop : mention.start]):
            break
        if where.region and not where.region.startswith(DISTRICTS):
            return Where(where.region, RUSSIA, "context")
        if not local:
            break
        stop = mention.stop
    subjects = {w.region for _, w, _ in named if w.region and not w.region.startswith(DISTRICTS)}
    if len(subjects) != 1 or context.countries - {RUSSIA} or context.home_local:
        return NOWHERE
    before = any(m.sent_idx < first.sent_idx and w.region in subjects for m, w, _ in named)
    return Where(subjects.pop(), RUSSIA, "context") if before else NOWHERE


def region_name(code: str) -> str:
    """The official name of a region code: `RU-TUL` → `Тульская область`."""
    return gazetteer().names.get(code, code)
