"""Entities: mentions of one person, body or place across the corpus share an id.

People are linked in two steps. Inside a document a surname alone (`Овсянников`)
or with initials refers to the person last named in full with that surname.
Across documents a full name is one person; a surname that was never given in
full joins the one person of the corpus with that surname, when there is one.
Organisations and places are one entity per normal form.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from gov_extract.extract.aliases import expansion
from gov_extract.extract.orgs import lexicon as org_lexicon
from gov_extract.nlp.morph import WORDS_CACHED, fold, parses
from gov_extract.nlp.norm import normalize_text
from gov_extract.records import Doc, Entity, Mention, PersonName, is_initial

_QUOTED = re.compile(r"[«\"“„]([^«»\"“”„]+)[»\"”“]")
_PUNCTUATION = '.,;:!?«»"()—–-'


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
        if kinds[1] == "Name" and kinds[0] != "Name":
            return words[1], None, words[0]
        return words[0], None, words[1]
    if len(words) == 1:
        return (words[0], None, None) if kinds[0] == "Name" else (None, None, words[0])
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


def link(docs: Sequence[Doc]) -> list[Entity]:
    """Give every mention its `entity_id` and return the entities of the corpus.
    The documents' names are read (`read_names` ran in the annotator)."""
    clusters: dict[str, list[tuple[Doc, Mention]]] = defaultdict(list)
    people = [(doc, m) for doc in docs for m in doc.mentions if m.type == "PER"]
    for (doc, mention), key in zip(people, _person_keys(docs), strict=True):
        clusters[f"PER:{key}"].append((doc, mention))
    defined = _corpus_short_names(docs)
    for doc in docs:
        for mention in doc.mentions:
            if mention.type != "PER":
                full = doc.short_names.get(mention.normal) or defined.get(mention.normal)
                full = full or mention.canonical
                if mention.type == "ORG":
                    full = _without_legal_form(full)
                clusters[f"{mention.type}:{name_key(full)}"].append((doc, mention))
    entities = []
    for key, members in sorted(clusters.items()):
        entity_id = hashlib.sha1(key.encode()).hexdigest()[:16]
        for _, mention in members:
            mention.entity_id = entity_id
        entities.append(_entity(entity_id, members))
    return entities


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

    A woman's surname alone or with initials (`Самойлова`, `Лебедева О.В.`) reads as a
    man's genitive too, and the normal form takes the likelier man's reading. It is
    a woman's when a past-tense verb beside it says so (`Рудакова сообщила`), or,
    without one, when the document names a woman with that surname (and those
    initials) in full and no man."""
    people = [m for m in doc.mentions if m.type == "PER"]
    full = [person_name(m.normal) for m in people if person_name(m.normal).is_full]
    for mention in people:
        name = person_name(mention.normal)
        feminine = normalize_text(mention.text, "PER", "femn")
        if name.is_full or feminine == mention.normal:
            continue
        verb = _verb_gender(doc.text, mention)
        namesakes = {_gender(n.first) for n in full if _same_surname(n, name)}
        if verb == "femn" or (verb is None and namesakes == {"femn"}):
            mention.normal = feminine


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


def _gender(first: str | None) -> str | None:
    for parse in parses(first or ""):
        if "Name" in parse.tag.grammemes:
            return parse.tag.gender
    return None


def _corpus_short_names(docs: Sequence[Doc]) -> dict[str, str]:
    """Abbreviations defined in some release, where every definition agrees."""
    meanings: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for short, full in doc.short_names.items():
            meanings[short].add(name_key(full))
    found = {}
    for short, fulls in meanings.items():
        if len(fulls) == 1:
            found[short] = next(
                full for doc in docs for s, full in doc.short_names.items() if s == short
            )
    return found


def name_key(normal: str) -> str:
    return " ".join(fold(normal).lower().split())


def _person_keys(docs: Sequence[Doc]) -> list[str]:
    """A cluster key for every PER mention, in document and mention order."""
    local: list[tuple[PersonName, PersonName]] = []  # (as written, as resolved in its document)
    for doc in docs:
        names = [_name(m) for m in doc.mentions if m.type == "PER"]
        for index, name in enumerate(names):
            # The person named in full before, else after (a headline may use the surname).
            earlier, later = reversed(names[:index]), names[index + 1 :]
            resolved = name
            if not name.is_full:
                resolved = _match(name, earlier) or _match(name, later) or name
            local.append((name, resolved))
    full_by_last: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for _, resolved in local:
        if resolved.is_full:
            full_by_last[resolved.surname].add(_full_key(resolved))
    keys = []
    for name, resolved in local:
        if resolved.is_full:
            keys.append("|".join(_full_key(resolved)))
            continue
        candidates = {
            key
            for key in full_by_last.get(resolved.surname, ())
            if resolved.initial is None or key[1].startswith(resolved.initial)
        }
        if resolved.last and len(candidates) == 1:
            keys.append("|".join(candidates.pop()))
        else:
            keys.append("|".join(filter(None, [name.surname, name.initial])))
    return keys


def _match(name: PersonName, candidates: Iterable[PersonName]) -> PersonName | None:
    if not name.last:
        return None
    for candidate in candidates:
        if not candidate.is_full or candidate.surname != name.surname:
            continue
        if name.initial is None or candidate.initial == name.initial:
            return candidate
    return None


def _name(mention: Mention) -> PersonName:
    assert mention.name is not None, "link() needs read_names() on every document first"
    return mention.name


def _full_key(name: PersonName) -> tuple[str, str]:
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


def _entity(entity_id: str, members: list[tuple[Doc, Mention]]) -> Entity:
    forms = Counter(mention.normal for _, mention in members)
    type = members[0][1].type
    # The fullest form names the entity: most words, then most frequent, then alphabetical.
    name = max(forms, key=lambda form: (len(form.split()), forms[form], form))
    # `ассоциация «Совет …»` is known by its quoted name alone too.
    aliases = {form for form in forms if form != name}
    aliases.update(quoted for form in forms for quoted in _QUOTED.findall(form) if quoted != name)
    entity = Entity(
        entity_id=entity_id,
        type=type,
        name=name,
        aliases=sorted(aliases),
        n_mentions=len(members),
        n_docs=len({doc.doc_id for doc, _ in members}),
    )
    if type == "PER":
        parts = next(_name(m) for _, m in members if m.normal == name)
        entity.first, entity.middle, entity.last = parts.first, parts.middle, parts.last
    return entity


def _name_kind(word: str) -> str | None:
    for parse in parses(word):
        for kind in ("Name", "Patr", "Surn"):
            if kind in parse.tag.grammemes:
                return kind
    return None
