"""Short names of bodies and places: the lexicon in `models/abbreviations.toml` and
the definitions a release gives itself (`… власти Москвы (ДТОИВ)`).

Short names the NER model misses are tagged; every short name is later linked to
the entity of its full name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from razdel import tokenize

from gov_extract import lexicons
from gov_extract.nlp.morph import WORDS_CACHED, lemma
from gov_extract.records import Doc, Mention, overlaps_any

MAX_SHORT_TOKENS = 3
NAME_TYPES = ("ORG", "LOC")


@dataclass(frozen=True, slots=True)
class ShortName:
    type: str
    full: str


@cache
def lexicon() -> dict[tuple[str, ...], ShortName]:
    """Short name, and full name, as a sequence of token lemmas → its type and full name.

    Lemmas, so that `Минпромторга России` is found as well as `Минпромторг России`.
    Full names are keys too: the NER model takes `Европейского союза` for a place as
    readily as `ЕС`.
    """
    data = lexicons.load("abbreviations")
    found: dict[tuple[str, ...], ShortName] = {}
    for type in NAME_TYPES:
        for short, full in data[type].items():
            found.setdefault(_key(token.text for token in tokenize(full)), ShortName(type, full))
            found[_key(token.text for token in tokenize(short))] = ShortName(type, full)
    return found


@cache
def common_nouns() -> frozenset[tuple[str, ...]]:
    """Abbreviations of common nouns (`СМИ`, `ЖКХ`): capitalised, yet never a name."""
    return frozenset(
        _key(token.text for token in tokenize(short))
        for short in lexicons.load("abbreviations")["common"]
    )


# Asked for every ORG/LOC mention of the corpus at each linking; names repeat.
@lru_cache(maxsize=WORDS_CACHED)
def expansion(normal: str, type: str) -> str | None:
    found = lexicon().get(_key(token.text for token in tokenize(normal)))
    return found.full if found and found.type == type else None


def tag_short_names(doc: Doc) -> None:
    """ORG/LOC mentions over known short names, in place of the pieces the NER model
    cut them into (`МЧС` + LOC `России`) or of a mention of the other type over the
    same words (LOC `ЕС`); places inside stay LOC mentions."""
    known = lexicon()
    for index, sent in enumerate(doc.sentences):
        tokens = sent.tokens
        keys = [lemma(t.text) for t in tokens]
        position = 0
        while position < len(tokens):
            # A name starts with a capital: `Европейский союз`, not `европейский союз`.
            sizes = MAX_SHORT_TOKENS if tokens[position].text[:1].isupper() else 0
            for size in range(min(sizes, len(tokens) - position), 0, -1):
                name = known.get(tuple(keys[position : position + size]))
                if name is None:
                    continue
                start, stop = tokens[position].start, tokens[position + size - 1].stop
                _replace(doc, Mention(start, stop, name.type, doc.text[start:stop], index))
                position += size - 1
                break
            position += 1
    doc.mentions.sort(key=lambda m: (m.start, -m.stop))


def read_definitions(doc: Doc) -> None:
    """`Full name (ABBR)`: the abbreviation becomes a mention and an alias of the name."""
    for mention in list(doc.mentions):
        if mention.type not in ("ORG", "LOC"):
            continue
        tokens = [t for t in doc.sentences[mention.sent_idx].tokens if t.start >= mention.stop][:3]
        if len(tokens) < 3 or tokens[0].text != "(" or tokens[2].text != ")":
            continue
        short = tokens[1]
        if not _abbreviates(short.text, mention.text):
            continue
        # Mentions come longest first: `Департамента … Москвы (ДТОИВ)` defines the
        # body, not the nested place `Москвы`.
        doc.short_names.setdefault(short.text, mention.normal)
        if not overlaps_any(short.start, short.stop, doc.mentions):
            doc.mentions.append(
                Mention(
                    short.start, short.stop, mention.type, short.text, mention.sent_idx, short.text
                )
            )
    doc.mentions.sort(key=lambda m: (m.start, -m.stop))


def _abbreviates(short: str, full: str) -> bool:
    """`ДТОИВ` abbreviates `Департамента территориальных органов исполнительной власти`:
    it starts with the name's first letter and its letters follow in the name in order.
    A bracket holding anything else (`США по патентам … (USPTO)`) defines nothing."""
    if len(short) < 2 or not short[:2].isupper() or short[0].lower() != full[:1].lower():
        return False
    rest = iter(full.lower())
    return all(char in rest for char in short.lower())


def _replace(doc: Doc, found: Mention) -> None:
    overlapping = [m for m in doc.mentions if m.start < found.stop and found.start < m.stop]
    inside = all(found.start <= m.start and m.stop <= found.stop for m in overlapping)
    if not inside or any(m.type == "PER" for m in overlapping):
        return
    if any((m.start, m.stop, m.type) == (found.start, found.stop, found.type) for m in overlapping):
        return
    # Pieces of the same type give way, and so does a mention of the other type over
    # the very same words (LOC `ЕС`); a place inside (`России`) stays.
    span = (found.start, found.stop)
    doc.mentions = [
        m
        for m in doc.mentions
        if m not in overlapping or (m.type != found.type and (m.start, m.stop) != span)
    ]
    doc.mentions.append(found)


def drop_common_nouns(doc: Doc) -> None:
    """Mentions that are only the abbreviation of a common noun (`СМИ`) name nothing."""
    common = common_nouns()
    doc.mentions = [
        m
        for m in doc.mentions
        if m.type == "PER" or _key(token.text for token in tokenize(m.text)) not in common
    ]


def _key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(lemma(word) for word in words)
