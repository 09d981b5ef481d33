"""Nominative normal forms of names, as the output contract defines them.

Only the head of the phrase and the words that agree with it change case; genitive
chains, quoted names and abbreviations stay as written, and so does the original
capitalisation: `Союзом российских городов` → `Союз российских городов`,
`Александрой Игнатьевой` → `Александра Игнатьева`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pymorphy3.analyzer import Parse
from pymorphy3.tagset import OpencorporaTag

from gov_extract.nlp.morph import inflect, is_abbreviation, parses

NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
MODIFIER_POS = frozenset({"ADJF", "PRTF"})
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@dataclass(frozen=True, slots=True)
class Piece:
    """A token of the phrase: offsets relative to the phrase text."""

    start: int
    stop: int
    text: str


def normal_form(text: str, pieces: Sequence[Piece], type: str, gender: str | None = None) -> str:
    """`gender` (`masc`, `femn`) settles a personal name that reads both ways:
    `Самойлова` is a man's genitive or a woman's nominative."""
    return _normal_form(text, tuple(pieces), type, gender)


# Releases name the same people and bodies over and over.
@lru_cache(maxsize=100_000)
def _normal_form(text: str, pieces: tuple[Piece, ...], type: str, gender: str | None) -> str:
    words = [piece for piece in pieces if _declinable(piece.text)]
    if not words:
        return text
    changes = _person(words, gender) if type == "PER" else _phrase(words)
    return _apply(text, changes)


def _person(words: list[Piece], gender: str | None = None) -> dict[Piece, str]:
    """Every part of a personal name is a head: all take the nominative, in one gender."""
    options = [_name_readings(word.text) for word in words]
    known = [readings for readings in options if readings]
    if not known:
        return {}
    shared = set(known[0]).intersection(*known[1:])
    if gender:
        shared = {key for key in shared if key[0] == gender}
    if not shared:
        return {}
    # Ties are broken by the grammemes themselves so that every run gives the same form.
    gender, case = max(shared, key=lambda key: (sum(r[key].score for r in known), key))
    if case == "nomn":
        return {}
    changes = {}
    for word, readings in zip(words, options, strict=True):
        parse = readings.get((gender, case)) if readings else None
        form = None
        if parse is None or not NAME_TAGS & parse.tag.grammemes:
            form = _surname(word.text, gender, case)
        if form is None and parse is not None:
            form = inflect(parse, frozenset({"nomn", "sing"}))
        if form:
            changes[word] = form
    return changes


# How surnames in -ов, -ев, -ин, -ын decline: (gender, case) → ending after the suffix.
SURNAME_ENDINGS = {
    ("masc", "gent"): "а", ("masc", "datv"): "у", ("masc", "accs"): "а",
    ("masc", "ablt"): "ым", ("masc", "loct"): "е",
    ("femn", "gent"): "ой", ("femn", "datv"): "ой", ("femn", "accs"): "у",
    ("femn", "ablt"): "ой", ("femn", "loct"): "ой",
}  # fmt: skip
_SURNAME_SUFFIXES = ("ов", "ев", "ёв", "ин", "ын")


def _surname(word: str, gender: str, case: str) -> str | None:
    """The nominative of a surname pymorphy3 does not know as one: it reads
    `Травниковым` as the adjective `травниковый`, a form no surname takes."""
    ending = SURNAME_ENDINGS.get((gender, case))
    if ending is None or not word.lower().endswith(ending):
        return None
    stem = word[: len(word) - len(ending)]
    if not stem.lower().endswith(_SURNAME_SUFFIXES):
        return None
    return stem + ("а" if gender == "femn" else "")


def _name_readings(word: str) -> dict[tuple[str, str], Parse]:
    """(gender, case) → the best singular analysis of a name part with them."""
    # Only the six cases: pymorphy3 guesses unknown words (`Паслером`) as vocative
    # names, which would hide their instrumental reading.
    found = [p for p in parses(word) if p.tag.number != "plur" and p.tag.case in CASES]
    named = [p for p in found if NAME_TAGS & p.tag.grammemes]
    readings: dict[tuple[str, str], Parse] = {}
    for parse in named or found:
        tag = parse.tag
        common = tag.gender is None or "ms-f" in tag.grammemes
        # A person is a man or a woman: a neuter reading is an adjective's.
        genders = ("masc", "femn") if common else (tag.gender,)
        for gender in set(genders) - {"neut"}:
            key = (gender, tag.case)
            if key not in readings or readings[key].score < parse.score:
                readings[key] = parse
    return readings


def _phrase(words: list[Piece]) -> dict[Piece, str]:
    """The first noun is the head; the adjectives before it agree with it."""
    modifiers: list[Piece] = []
    for word in words:
        if is_abbreviation(word.text):
            return {}
        best = parses(word.text)[0]
        if best.tag.POS in MODIFIER_POS and word is not words[-1]:
            modifiers.append(word)
            continue
        return _inflect_group(word, modifiers)
    return {}


def _inflect_group(head: Piece, modifiers: list[Piece]) -> dict[Piece, str]:
    best: tuple[tuple[bool, bool, float], Parse, list[Parse]] | None = None
    for parse in parses(head.text):
        tag = parse.tag
        if tag.POS != "NOUN" or not tag.case:
            continue
        agreeing = [_agreeing(modifier.text, tag) for modifier in modifiers]
        if any(found is None for found in agreeing):
            continue
        # Institutions and places are singular unless the word has no singular
        # (`Текстильщики`, `Химки`); `Министерства` is then a genitive, not a plural.
        rank = (tag.number == "sing" or "Pltm" in tag.grammemes, tag.case == "nomn", parse.score)
        if best is None or rank > best[0]:
            best = (rank, parse, [found for found in agreeing if found is not None])
    if best is None or best[1].tag.case == "nomn":
        return {}
    _, parse, agreeing = best
    number = parse.tag.number or "sing"
    changes = {}
    head_form = inflect(parse, frozenset({"nomn", number}))
    if head_form:
        changes[head] = head_form
    target = {"nomn", number}
    if number == "sing" and parse.tag.gender:
        target.add(parse.tag.gender)
    for modifier, modifier_parse in zip(modifiers, agreeing, strict=True):
        form = inflect(modifier_parse, frozenset(target))
        if form:
            changes[modifier] = form
    return changes


def _agreeing(word: str, head: OpencorporaTag) -> Parse | None:
    for parse in parses(word):
        tag = parse.tag
        if tag.POS not in MODIFIER_POS or tag.case != head.case or tag.number != head.number:
            continue
        if tag.number == "sing" and tag.gender and tag.gender != head.gender:
            continue
        return parse
    return None


def _apply(text: str, changes: dict[Piece, str]) -> str:
    out = []
    position = 0
    for piece in sorted(changes, key=lambda p: p.start):
        out.append(text[position : piece.start])
        out.append(_recase(piece.text, changes[piece]))
        position = piece.stop
    out.append(text[position:])
    return "".join(out)


def _recase(original: str, form: str) -> str:
    """The inflected word with the original's capitalisation, part by part across hyphens."""
    if "ё" not in original.lower():
        form = form.replace("ё", "е")
    old_parts, new_parts = original.split("-"), form.split("-")
    if len(old_parts) != len(new_parts):
        old_parts, new_parts = [original], [form]
    return "-".join(_recase_part(old, new) for old, new in zip(old_parts, new_parts, strict=True))


def _recase_part(old: str, new: str) -> str:
    if len(old) > 1 and old.isupper():
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _declinable(text: str) -> bool:
    # Initials (`А`) and words in Latin script keep their form.
    return len(text) > 1 and any("а" <= char <= "я" or char == "ё" for char in text.lower())


def normalize_text(text: str, type: str, gender: str | None = None) -> str:
    """`normal_form` of a phrase given as a string (for notebooks, tests and `link`)."""
    from razdel import tokenize

    pieces = [Piece(t.start, t.stop, t.text) for t in tokenize(text)]
    return normal_form(text, pieces, type, gender)
