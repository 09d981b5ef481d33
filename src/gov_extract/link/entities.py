"""Entities: mentions of one person, body or place across the corpus share an id.

People are linked in two steps. Inside a document a surname alone (`Овсянников`)
or with initials refers to the person last named in full with that surname.
Across documents a full name is one person; a surname that was never given in
full joins the one person of the corpus with that surname, when there is one.
Organisations and places are one entity per normal form.

An entity's id is a hash of its cluster key (`PER:петров|иван`, `ORG:минфин россии`),
so the same key gives the same id in every run. `link` can link a batch of documents
against what earlier runs saw (`Known`, the registry in `link.registry`): the full
names of the corpus a surname may stand for, and the abbreviations it defined.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Protocol

from pymorphy3.analyzer import Parse
from pymorphy3.tagset import OpencorporaTag

from gov_extract.extract.aliases import expansion
from gov_extract.extract.orgs import lexicon as org_lexicon
from gov_extract.nlp.morph import WORDS_CACHED, cases_of, fold, is_abbreviation, parses
from gov_extract.nlp.norm import normalize_text
from gov_extract.nlp.person import oblique_cases, readings
from gov_extract.records import Doc, Entity, Mention, PersonName, is_initial

_WORD = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]+)*")
_QUOTED = re.compile(r"[«\"“„]([^«»\"“”„]+)[»\"”“]")
_PUNCTUATION = '.,;:!?«»"()—–-'
# Grammemes of proper names and abbreviations: such a word before a name is no post.
PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})


@lru_cache(maxsize=WORDS_CACHED)
def person_name(normal: str) -> PersonName:
    """Split a nominative personal name into first name, patronymic and surname."""
    parts = [part for part in re.split(r"\s+|(?<=\.)(?=\S)", normal.strip()) if part]
    first, middle, last = _parts(parts)
    return PersonName(first, middle, last, _surname_key(last))


def _parts(parts: list[str]) -> tuple[str | None, str | None, str | None]:
    initials = [part for part in parts if is_initial(part)]
    words = [part for part in parts if not is_initial(part)]
    if initials:
        return initials[0], initials[1] if len(initials) > 1 else None, words[-1] if words else None
    kinds = [_name_kind(word) for word in words]
    if len(words) >= 3:
        if kinds[1] == "Patr" or kinds[0] == "Name":
            return words[0], words[1], words[-1]
        return words[1], words[2], words[0]
    if len(words) == 2:
        if kinds[1] == "Patr":
            return words[0], words[1], None  # `Владимир Юрьевич`
        if kinds[1] == "Name" and kinds[0] != "Name":
            return words[1], None, words[0]
        return words[0], None, words[1]
    if len(words) == 1:
        # pymorphy3 guesses unknown words (`Макартур`, `Гиффордс`) as first names, and a
        # surname alone would read as one.
        known = _name_kind(words[0], known=True) == "Name"
        return (words[0], None, None) if known else (None, None, words[0])
    return None, None, None


def read_names(doc: Doc) -> None:
    """The morphology linking needs, read for every mention of a document whose normal
    forms are final. The annotator does it, so that this work is spread over its
    workers and the corpus-wide `link` is dictionary work."""
    for mention in doc.mentions:
        if mention.type == "PER":
            mention.name = person_name(mention.normal)
        else:
            mention.canonical = expansion(mention.normal, mention.type) or mention.normal


class Known(Protocol):
    """What earlier runs saw of the corpus, for linking a batch against it."""

    def full_names(self, surnames: Iterable[str]) -> Mapping[str, set[tuple[str, str]]]:
        """The full names (surname key, first-name key) given for each surname key."""
        ...

    def short_names(self, shorts: Iterable[str]) -> Mapping[str, dict[str, str]]:
        """For each abbreviation, the full names it was defined as (by their key)."""
        ...


def link(docs: Sequence[Doc], known: Known | None = None) -> list[Entity]:
    """Give every mention its `entity_id` and return the entities of these documents,
    counted over them. The documents' names are read (`read_names` ran in the
    annotator); with `known`, a surname or an abbreviation may stand for a name that
    only earlier runs saw."""
    entities = []
    for key, members in sorted(cluster(docs, known).items()):
        forms = Counter(mention.normal for _, mention in members)
        n_docs = len({doc.doc_id for doc, _ in members})
        names = {m.normal: m.name for _, m in members if m.name is not None}
        entities.append(make_entity(entity_id_of(key), key, forms, n_docs, names))
    return entities


def cluster(
    docs: Sequence[Doc], known: Known | None = None
) -> dict[str, list[tuple[Doc, Mention]]]:
    """Give every mention its `entity_id`; the mentions of each cluster key. `link`
    without naming the entities, for a caller that names them from its own counts
    (`link.registry`)."""
    clusters: dict[str, list[tuple[Doc, Mention]]] = defaultdict(list)
    people = [(doc, m) for doc in docs for m in doc.mentions if m.type == "PER"]
    for (doc, mention), key in zip(people, _person_keys(docs, known), strict=True):
        clusters[f"PER:{key}"].append((doc, mention))
    defined = _corpus_short_names(docs, known)
    for doc in docs:
        for mention in doc.mentions:
            if mention.type != "PER":
                full = doc.short_names.get(mention.normal) or defined.get(mention.normal)
                full = full or mention.canonical
                if mention.type == "ORG":
                    full = _without_legal_form(full)
                clusters[f"{mention.type}:{name_key(full)}"].append((doc, mention))
    for key, members in clusters.items():
        entity_id = entity_id_of(key)
        for _, mention in members:
            mention.entity_id = entity_id
    return clusters


def entity_id_of(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _without_legal_form(name: str) -> str:
    """`ПАО «НЛМК»` and `НЛМК` are one company: a legal form before a quoted name
    does not tell two bodies apart."""
    quoted = _QUOTED.search(name)
    if (
        quoted
        and quoted.end() == len(name)
        and name[: quoted.start()].strip() in org_lexicon().legal_forms
    ):
        return quoted.group(1)
    return name


def settle_gender(doc: Doc) -> None:
    """Part of normalising a document, here beside the name parsing it needs; it runs
    once per document in the annotator, not at every linking of the corpus.

    A name none of whose parts only an oblique case gives (`Сэйдзи Маэхара`, `Бадра
    Гунба`, `Самойлова`) is read in the case its neighbours give it (`_context_cases`):
    `госсекретаря Мэтью Брайза`, `Маэхара отметил`.

    A woman's surname alone or with initials (`Самойлова`, `Лебедева О.В.`) reads as a
    man's genitive too, and the normal form takes the likelier man's reading. It is
    a woman's when a past-tense verb beside it says so (`Рудакова сообщила`), or,
    without one, when the document names a woman with that surname (and those
    initials) in full and no man."""
    people = [m for m in doc.mentions if m.type == "PER"]
    written = {word.lower() for m in people for word in _name_words(m.text)}
    # The written words each form is an oblique case of (`Маэхара` of `Маэхары`).
    obliques: dict[str, set[str]] = defaultdict(set)
    for other in written:
        for (_, case), reading in readings(other).items():
            if case != "nomn":
                obliques[reading.form].add(other)
    # The cases do not depend on the normal forms this function changes.
    found = [_cases(doc.text, people, index, written, obliques) for index in range(len(people))]
    # `Ливиу-Дитер Нисипяну` keeps `Нисипяну`: the surname alone is that nominative too.
    kept = {
        word.lower()
        for m in people
        if len(_name_words(m.text)) > 1
        for word in set(_name_words(m.text)) & set(_name_words(m.normal))
    }
    for mention, cases in zip(people, found, strict=True):
        words = _name_words(mention.text)
        if len(words) == 1 and words[0].lower() in kept:
            cases = frozenset({"nomn"})
        if cases:
            mention.normal = normalize_text(mention.text, "PER", None, cases)
    full = [person_name(m.normal) for m in people if person_name(m.normal).is_full]
    for mention, cases in zip(people, found, strict=True):
        name = person_name(mention.normal)
        if name.is_full:
            continue
        feminine = normalize_text(mention.text, "PER", "femn", cases)
        if feminine == mention.normal:
            continue
        verb = _verb_gender(doc.text, mention)
        namesakes = {name_gender(n.first) for n in full if _same_surname(n, name)}
        if verb == "femn" or (verb is None and namesakes == {"femn"}):
            mention.normal = feminine


def _cases(
    text: str,
    people: list[Mention],
    index: int,
    written: set[str],
    obliques: Mapping[str, set[str]],
) -> frozenset[str] | None:
    """The cases a name is in by the document: how it writes the name elsewhere, the
    words beside it, a name in a list with it."""
    mention = people[index]
    return (
        _attested_cases(_name_words(mention.text), written, obliques)
        or _context_cases(text, mention)
        or _coordinated_cases(text, people, index)
    )


def _attested_cases(
    words: list[str], written: set[str], obliques: Mapping[str, set[str]]
) -> frozenset[str] | None:
    """A release names a person more than once: `Ли Цяна` is a genitive where `Цян`
    is written too, `Маэхара` a nominative where `Маэхары` is (`obliques`: the written
    words each form is an oblique case of)."""
    cases: set[str] = set()
    for word in words:
        lower = word.lower()
        found = readings(word)
        cases.update(c for (_, c), r in found.items() if r.form != lower and r.form in written)
        if obliques.get(lower, set()) - {lower}:
            cases.add("nomn")
    return frozenset(cases) if len(cases) == 1 or "nomn" not in cases else None


def _name_words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text) if word[:1].isupper()]


def _context_cases(text: str, mention: Mention) -> frozenset[str] | None:
    """The cases the words right beside a name admit it in. After a common noun: the
    cases of a person noun (a post, which the name stands beside in its case), the
    genitive after any other (`дом Самойлова`). Else the nominative before a finite
    verb or short form in the singular (`Самойлова сообщила`)."""
    before, after = _neighbour(text, mention.start, -1), _neighbour(text, mention.stop, 1)
    best = parses(before)[0] if before else None
    if best and _common_noun(best, before, text[: mention.start].rstrip()[: -len(before)]):
        nouns = [p.tag for p in parses(before) if p.tag.POS == "NOUN" and "anim" in p.tag]
        if nouns:
            return frozenset(tag.case for tag in nouns if tag.case)
        # `дом Самойлова`; after a genitive (`глава района Анжелика …`) the name may
        # stand beside a post further back.
        if not cases_of(before, frozenset({"NOUN"})) & {"gent"}:
            return frozenset({"gent"})
        return _post_before(text, mention.start)
    if before and cases_of(before, frozenset({"NOUN"})) & {"gent"}:
        post = _post_before(text, mention.start)
        if post:
            return post
    verb = parses(after)[0].tag if after else None
    if verb and verb.number == "sing" and _predicate(verb):
        return frozenset({"nomn"})
    return None


_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\S")
MAX_POST_CHAIN = 10


def _post_before(text: str, start: int) -> frozenset[str] | None:
    """`министр труда и социального развития Е.В. Елисеева`, `директор Департамента …
    России Гречишникова Е.С.`: the case of the person noun the genitive chain before
    the name hangs on, which the name stands beside in apposition."""
    words = _TOKEN.findall(text[max(0, start - 300) : start])[::-1]
    post: frozenset[str] | None = None  # the leftmost person noun in the genitive
    for word in words[:MAX_POST_CHAIN]:
        if word == "и":
            continue
        found = parses(word)
        nouns = [p.tag for p in found if p.tag.POS == "NOUN" and "anim" in p.tag]
        person = word[:1].islower() and nouns and not PROPER & found[0].tag.grammemes
        genitive = any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in found)
        if person and not genitive:
            # `заместитель министра …`: the chain hangs on the word before `министра`.
            return frozenset(tag.case for tag in nouns if tag.case)
        if person:
            post = frozenset({"gent"})
        elif not (genitive or is_abbreviation(word)):
            return post
    return None


def _common_noun(best: Parse, word: str, preceding: str) -> bool:
    """A noun the dictionary knows, not a name (`Совфеда` is guessed as one), in
    lowercase unless it opens a sentence."""
    opens = not preceding.strip() or preceding.rstrip()[-1] in ".!?"
    return (
        best.is_known
        and best.tag.POS == "NOUN"
        and not PROPER & best.tag.grammemes
        and (word[:1].islower() or opens)
    )


def _coordinated_cases(text: str, people: list[Mention], index: int) -> frozenset[str] | None:
    """Names in a list share their case: `Кими Райкконена и Марка Уэббера` is a
    genitive or accusative by `Марка`."""
    mention = people[index]
    neighbours = [people[i] for i in (index - 1, index + 1) if 0 <= i < len(people)]
    for other in neighbours:
        first, second = sorted((mention, other), key=lambda m: m.start)
        if text[first.stop : second.start].strip() not in (",", "и"):
            continue
        cases = oblique_cases(_name_words(other.text))
        if cases:
            return cases
    return None


def _predicate(tag: OpencorporaTag) -> bool:
    if tag.POS in ("ADJS", "PRTS"):
        return True
    return tag.POS == "VERB" and (tag.tense == "past" or tag.person == "3per")


def _neighbour(text: str, at: int, step: int) -> str:
    """The word right before (`step` -1) or after (1) `at`, with nothing but spaces
    between; empty where punctuation comes first."""
    if step < 0:
        words = text[:at].rsplit(maxsplit=1)
        gap = text[:at][len(text[:at].rstrip()) :]
        word = words[-1] if words else ""
    else:
        words = text[at:].split(maxsplit=1)
        gap = text[at:][: len(text[at:]) - len(text[at:].lstrip())]
        word = words[0] if words else ""
    if "\n" in gap or (step < 0 and not gap) or not word.isalpha():
        return ""
    return word


def _same_surname(full: PersonName, name: PersonName) -> bool:
    initial_agrees = name.initial is None or full.initial == name.initial
    return initial_agrees and full.surname == name.surname


def _verb_gender(text: str, mention: Mention) -> str | None:
    """Gender of a past-tense verb right after the name, else right before it."""
    after = text[mention.stop :].split(maxsplit=1)[:1]
    before = text[: mention.start].rsplit(maxsplit=1)[-1:]
    for word in (*after, *before):
        best = parses(word.strip(_PUNCTUATION))[0].tag
        if best.POS == "VERB" and best.tense == "past" and best.number == "sing":
            return best.gender
    return None


def name_gender(first: str | None) -> str | None:
    """The gender of a first name in the nominative: `Раймон` is no woman's name for
    being the genitive plural of one."""
    for parse in parses(first or ""):
        if {"Name", "nomn", "sing"} <= parse.tag.grammemes:
            return parse.tag.gender
    return None


def _corpus_short_names(docs: Sequence[Doc], known: Known | None) -> dict[str, str]:
    """Abbreviations defined in some release, here or in an earlier run, where every
    definition agrees."""
    meanings: dict[str, dict[str, str]] = defaultdict(dict)
    for doc in docs:
        for short, full in doc.short_names.items():
            meanings[short].setdefault(name_key(full), full)
    if known is not None:
        used = {m.normal for doc in docs for m in doc.mentions if m.type != "PER"}
        for short, fulls in known.short_names(used | set(meanings)).items():
            for key, full in fulls.items():
                meanings[short].setdefault(key, full)
    return {short: next(iter(fulls.values())) for short, fulls in meanings.items() if len(fulls) == 1}


def name_key(normal: str) -> str:
    return " ".join(fold(normal).lower().split())


def _person_keys(docs: Sequence[Doc], known: Known | None) -> list[str]:
    """A cluster key for every PER mention, in document and mention order."""
    local: list[tuple[PersonName, PersonName]] = []  # (as written, as resolved in its document)
    for doc in docs:
        names = [_name(m) for m in doc.mentions if m.type == "PER"]
        for index, name in enumerate(names):
            # The person named in full before, else after (a headline may use the surname).
            earlier, later = names[:index][::-1], names[index + 1 :]
            resolved = name
            if not name.is_full:
                resolved = _match(name, earlier) or _match(name, later) or name
            local.append((name, resolved))
    full_by_last: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for _, resolved in local:
        if resolved.is_full:
            full_by_last[resolved.surname].add(full_key(resolved))
    if known is not None:
        bare = {resolved.surname for _, resolved in local if not resolved.is_full}
        for surname, names in known.full_names(bare - {""}).items():
            full_by_last[surname] |= names
    keys = []
    for name, resolved in local:
        if resolved.is_full:
            keys.append("|".join(full_key(resolved)))
            continue
        candidates = {
            key
            for key in full_by_last.get(resolved.surname, ())
            if resolved.initial is None or key[1].startswith(resolved.initial)
        }
        if resolved.last and len(candidates) == 1:
            keys.append("|".join(candidates.pop()))
        elif name.last or not name.first:
            keys.append("|".join(filter(None, [name.surname, name.initial])))
        else:
            # A first name alone (`Гор`, `Владимир Юрьевич`) is not everyone with its initial.
            keys.append("first|" + name_key(" ".join(filter(None, [name.first, name.middle]))))
    return keys


def _match(name: PersonName, candidates: Iterable[PersonName]) -> PersonName | None:
    if not name.last:
        return _match_first(name, candidates)
    for candidate in candidates:
        if not candidate.is_full or candidate.surname != name.surname:
            continue
        if name.initial is None or candidate.initial == name.initial:
            return candidate
    return None


def _match_first(name: PersonName, candidates: Iterable[PersonName]) -> PersonName | None:
    """`Владимир Юрьевич` is the one person of the document named in full with that
    first name (and patronymic); with two such people it is neither."""
    if not name.first or is_initial(name.first):
        return None
    candidates = list(candidates)
    if not name.middle:
        # `Уильямс` alone, which the dictionary knows as a first name, is the surname of
        # the one person named in full with it.
        surnamed = {
            full_key(c): c
            for c in candidates
            if c.is_full and c.surname == _surname_key(name.first)
        }
        if len(surnamed) == 1:
            return next(iter(surnamed.values()))
    found = {
        full_key(candidate): candidate
        for candidate in candidates
        if candidate.is_full
        and name_key(candidate.first or "") == name_key(name.first)
        and (not name.middle or not candidate.middle or _same_middle(candidate, name))
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _same_middle(one: PersonName, other: PersonName) -> bool:
    return name_key(one.middle or "") == name_key(other.middle or "")


def _name(mention: Mention) -> PersonName:
    assert mention.name is not None, "link() needs read_names() on every document first"
    return mention.name


def full_key(name: PersonName) -> tuple[str, str]:
    return (name.surname, name_key(name.first or ""))


@lru_cache(maxsize=WORDS_CACHED)
def _surname_key(last: str | None) -> str:
    """Surnames compared by their masculine lemma, so that `Петрова` meets `Петров` by form
    only; the first name still keeps the two people apart."""
    if not last:
        return ""
    for parse in parses(last):
        if "Surn" in parse.tag.grammemes:
            return name_key(parse.normal_form)
    return name_key(last)


def make_entity(
    entity_id: str,
    key: str,
    forms: Counter[str],
    n_docs: int,
    known: Mapping[str, PersonName] | None = None,
) -> Entity:
    """The entity of a cluster from the normal forms of its mentions, counted. `known`:
    the parts of some forms' names as `read_names` read them, so that the process that
    links (the parent of the annotator's workers) need not read them again."""
    type = key.split(":", 1)[0]
    known = known or {}
    names = {form: known.get(form) or person_name(form) for form in forms} if type == "PER" else {}
    # The fullest form names the entity: a person's with a surname and a first name
    # written out (`Владимир Макей`, not `В. В. Макей`), most words, then most frequent,
    # then alphabetical.
    surnamed = {form for form, parts in names.items() if parts.last}
    full = {form for form, parts in names.items() if parts.is_full}
    name = max(
        forms,
        key=lambda form: (form in surnamed, form in full, len(form.split()), forms[form], form),
    )
    # `ассоциация «Совет …»` is known by its quoted name alone too.
    aliases = {form for form in forms if form != name}
    aliases.update(quoted for form in forms for quoted in _QUOTED.findall(form) if quoted != name)
    entity = Entity(
        entity_id=entity_id,
        type=type,
        name=name,
        aliases=sorted(aliases),
        n_mentions=sum(forms.values()),
        n_docs=n_docs,
        key=key,
    )
    if type == "PER":
        parts = names[name]
        middle = parts.middle or _patronymic(parts, list(names.values()))
        if middle and parts.is_full and _name_kind(middle) == "Patr":
            # `Владимир Бутенко` and `Владимир Юрьевич` in one release: the full name,
            # and `Уваров Александр Васильевич` in the order a name is written.
            entity.name = f"{parts.first} {middle} {parts.last}"
            if entity.name != name:
                entity.aliases = sorted({*aliases, name})
        entity.first, entity.middle, entity.last = parts.first, middle, parts.last
    return entity


def _patronymic(parts: PersonName, names: list[PersonName]) -> str | None:
    """The patronymic the entity's other mentions give its first name, when its name
    has none and one patronymic is given."""
    if not parts.is_full:
        return None
    given = {
        name.middle
        for name in names
        if name.middle and not is_initial(name.middle) and name.first == parts.first
    }
    return given.pop() if len(given) == 1 else None


def _name_kind(word: str, known: bool = False) -> str | None:
    """What the word is read as; with `known`, only what the dictionary knows it as."""
    for parse in parses(word):
        if known and not parse.is_known:
            continue
        for kind in ("Name", "Patr", "Surn"):
            if kind in parse.tag.grammemes:
                return kind
    return None
