"""Nominative normal forms of names, as the output contract defines them.

Only the head of the phrase and the words that agree with it change case; genitive
chains, quoted names and abbreviations stay as written, and so does the original
capitalisation: `Союзом российских городов` → `Союз российских городов`,
`Александрой Игнатьевой` → `Александра Игнатьева`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from pymorphy3.analyzer import Parse
from pymorphy3.tagset import OpencorporaTag

from gov_extract import lexicons
from gov_extract.nlp.morph import inflect, is_abbreviation, parses
from gov_extract.nlp.person import NAME_TAGS, nominatives

__all__ = ["NAME_TAGS", "Piece", "normal_form", "normalize_text"]

OPEN_QUOTES = '«"“„'
MODIFIER_POS = frozenset({"ADJF", "PRTF"})
PLACE_TAGS = frozenset({"Geox", "Orgn"})
ADJECTIVE_SURNAMES = ("ский", "цкий")
GENDER_ORDER = ("masc", "femn", "neut")
SECOND_CASES = {"loc2": "loct", "gen2": "gent", "acc2": "accs"}
# Words in capitals this long, with two vowels or more, may be words, not abbreviations.
SHOUTED = 5
VOWELS = re.compile("[АЕЁИОУЫЭЮЯ]")
INFLECTED_ABBREVIATION = re.compile("([А-ЯЁ]{2,})([а-яё]{1,2})")


@dataclass(frozen=True, slots=True)
class Piece:
    """A token of the phrase: offsets relative to the phrase text."""

    start: int
    stop: int
    text: str


def normal_form(
    text: str,
    pieces: Sequence[Piece],
    type: str,
    gender: str | None = None,
    cases: frozenset[str] | None = None,
) -> str:
    """`gender` (`masc`, `femn`) settles a personal name that reads both ways:
    `Самойлова` is a man's genitive or a woman's nominative; `cases` are the cases
    the words around a personal name admit (`Маэхара сказал`: the nominative)."""
    return _normal_form(text, tuple(pieces), type, gender, cases)


# Releases name the same people and bodies over and over.
@lru_cache(maxsize=100_000)
def _normal_form(
    text: str,
    pieces: tuple[Piece, ...],
    type: str,
    gender: str | None,
    cases: frozenset[str] | None,
) -> str:
    words = [piece for piece in pieces if _declinable(piece.text)]
    if not words:
        return text
    if type == "PER":
        changes = _person(words, gender, cases)
    else:
        changes = {piece: _recase(piece.text, form) for piece, form in _phrase(words, type).items()}
        changes.update(_inflected_abbreviations(words))
        if type == "ORG" and _names_a_body(text, words):
            head = words[0]
            form = changes.get(head, head.text)
            changes[head] = form[:1].upper() + form[1:]
    return _apply(text, changes)


def _person(
    words: list[Piece], gender: str | None, cases: frozenset[str] | None
) -> dict[Piece, str]:
    """Every part of a personal name is a head: all take the nominative, in one case
    (`nlp.person`). Particles written in lowercase (`бен`, `ибн`) keep their form, and a
    part in capitals is written as a name (`ИСМАИЛОВ` → `Исмаилов`)."""
    parts = [word for word in words if word.text[:1].isupper()]
    forms = nominatives([word.text for word in parts], gender, cases)
    changes = {}
    for word, form in zip(parts, forms, strict=True):
        if _in_capitals(word.text):
            lower = word.text.lower()
            changes[word] = _capitalised(_recase(lower, form or lower))
        elif form is not None:
            changes[word] = _recase(word.text, form)
    return changes


def _in_capitals(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _capitalised(form: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in form.split("-"))


def _phrase(words: list[Piece], type: str) -> dict[Piece, str]:
    """The head is the noun after the longest run of adjectives that agree with it:
    `Могилевским областным исполнительным комитетом`, where `Могилевским` is a
    surname too, and `Главного управления`, where `Главного` is a noun too. A foreign
    name before the head keeps its form (`_foreign_lead`)."""
    words = words[_foreign_lead(words) :]
    heads = []
    for index, word in enumerate(words):
        if _abbreviation(word.text) or _mixed_case(word.text):
            if heads and len(heads) == index:
                # `Заинской ГРЭС`: the abbreviation is the head.
                return _before_abbreviation(words[:index])
            break
        heads.append(index)
        if not any(map(_modifier, parses(word.text))):
            break
    for index in reversed(heads):
        changes = _inflect_group(words[index], words[:index], type)
        if changes is not None:
            return changes
    return _lone_adjective(words[0]) if heads == [0] and len(words) == 1 else {}


def _lone_adjective(word: Piece) -> dict[Piece, str]:
    """A name that is an adjective alone, its noun left out (`выделили Глинковскому и
    Темкинскому районам`): in the nominative, masculine where the form is masculine or
    neuter alike (`району`, `округу`)."""
    readings = [
        p for p in parses(word.text) if p.tag.POS in MODIFIER_POS and p.tag.number == "sing"
    ]
    if not readings or any(p.tag.case == "nomn" for p in readings):
        return {}
    best = min(readings, key=lambda p: (GENDER_ORDER.index(p.tag.gender or "masc"), -p.score))
    form = inflect(best, frozenset({"nomn", "sing", best.tag.gender or "masc"}))
    return {word: form} if form else {}


def _foreign_lead(words: list[Piece]) -> int:
    """How many words open the phrase with a foreign name that keeps its form: words
    the dictionary does not know before a lowercase noun it knows (`Дархан-Уул
    аймака`: the noun heads the phrase), or all but the last of two or more such words,
    as Turkic and Mongolic names put the head last (`Жогорку Кенеша`, `Олий Мажлиса`)."""
    run = 0
    while run < len(words) - 1 and _foreign(words[run].text):
        run += 1
    following = words[run].text
    if (
        run
        and following[:1].islower()
        and any(p.is_known and p.tag.POS == "NOUN" for p in parses(following))
    ):
        return run
    return run if run and _foreign(following) else max(run - 1, 0)


def _foreign(word: str) -> bool:
    """A capitalised word the dictionary does not know, no abbreviation, brand or
    adjective (`Семикаракорского` is one by its ending)."""
    found = parses(word)
    return (
        word[:1].isupper()
        and not _abbreviation(word)
        and not _mixed_case(word)
        and not any(p.is_known or p.tag.POS in MODIFIER_POS for p in found)
    )


def _before_abbreviation(modifiers: list[Piece]) -> dict[Piece, str]:
    """Adjectives before an abbreviation that heads the name (`Билибинской АЭС`): in
    the nominative, in the gender and number they share, as the abbreviation's
    gender is not written."""
    readings = [
        {
            (p.tag.gender, p.tag.number, p.tag.case): p
            for p in parses(m.text)
            if p.tag.POS in MODIFIER_POS
        }
        for m in modifiers
    ]
    shared = set(readings[0]).intersection(*readings[1:]) if readings else set()
    if not shared or any(case == "nomn" for _, _, case in shared):
        return {}
    key = max(shared, key=lambda k: (sum(r[k].score for r in readings), k[:2] != (None, None), k))
    target = frozenset(filter(None, ("nomn", key[1], key[0] if key[1] == "sing" else None)))
    changes = {}
    for modifier, found in zip(modifiers, readings, strict=True):
        form = inflect(found[key], target)
        if form:
            changes[modifier] = form
    return changes


def _abbreviation(word: str) -> bool:
    """A word in capitals that is no word in capitals (`СЕМИКАРАКОРСКОГО РАЙОНА` in a
    headline declines): no vowels to speak of, or no reading but an abbreviation's."""
    if not is_abbreviation(word) or len(word) < SHOUTED or len(VOWELS.findall(word)) < 2:
        return is_abbreviation(word)
    found = parses(word)
    return not any("Abbr" not in p.tag and (p.is_known or p.tag.POS in MODIFIER_POS) for p in found)


def _inflected_abbreviations(words: list[Piece]) -> dict[Piece, str]:
    """`МИДе`, `МИДа` → `МИД`: an abbreviation with a case ending the dictionary knows
    it by."""
    changes = {}
    for word in words:
        found = INFLECTED_ABBREVIATION.fullmatch(word.text)
        if found and any(
            "Abbr" in p.tag and p.normal_form == found.group(1).lower() for p in parses(word.text)
        ):
            changes[word] = found.group(1)
    return changes


def _mixed_case(word: str) -> bool:
    """`НовГУ`, `ЕвроХим`: a capital inside a word (not after a hyphen: `Санкт-Петербург`)
    writes an abbreviation or a brand, which keeps its form; a word all in capitals is
    `_abbreviation`'s to tell."""
    return not word.isupper() and any(b.isupper() and a.isalpha() for a, b in pairwise(word))


def _names_a_body(text: str, words: list[Piece]) -> bool:
    """`правительство Калужской области` names the body as `Правительство …` does, and
    `городская дума Нижнего Новгорода` as `Городская дума …`: a body's head noun in the
    singular, after the adjectives of its name, written in lowercase before a proper
    name of its own or an abbreviation (`министерство сельского хозяйства РФ`), not a
    quoted one (`ассоциация «Совет …»`) nor a legal form (`предприятие ПАО «…»`)."""
    if not words[0].text[:1].islower():
        return False
    head = next((i for i, word in enumerate(words) if not _name_adjective(word.text)), None)
    # A capitalised head starts the name itself: `единое Министерство …`.
    if head is None or not words[head].text[:1].islower():
        return False
    if not _singular_head(words[head].text, words[:head]):
        return False
    lexicon = _organizations()
    for word in words[head + 1 :]:
        if word.text in lexicon["legal_forms"]:
            return False
        if word.text[:1].isupper():
            return not any(quote in text[: word.start] for quote in OPEN_QUOTES)
    return False


def _name_adjective(word: str) -> bool:
    """An adjective that may open a body's name (`городская`, `местная`), not a pronoun
    (`некоторых`)."""
    return any(p.tag.POS in MODIFIER_POS and "Apro" not in p.tag for p in parses(word))


def _singular_head(word: str, modifiers: list[Piece]) -> bool:
    """A body's head noun in the singular, in a case its adjectives agree with
    (`главные управления` is a plural)."""
    heads = _organizations()["heads"]
    return any(
        p.normal_form in heads
        and p.tag.number == "sing"
        and all(_agreeing(m.text, p.tag) for m in modifiers)
        for p in parses(word)
    )


@cache
def _organizations() -> dict[str, frozenset[str]]:
    data = lexicons.load("organizations")
    return {key: frozenset(data[key]) for key in ("heads", "legal_forms")}


def _inflect_group(head: Piece, modifiers: list[Piece], type: str) -> dict[Piece, str] | None:
    """The head and its modifiers in the nominative; None when the word cannot head
    them (no noun reading that they agree with)."""
    best: tuple[tuple[bool, bool, bool, float], Parse, list[Parse]] | None = None
    # A word the dictionary does not know is read as its guesser finds likeliest when
    # it names a body (`Кенеша`: a genitive) or a place in the locative (`Шаньдуне`);
    # else the nominative is likelier (`Павия`, `Цзянсу`: foreign names in a vowel).
    capitalised = head.text[:1].isupper()
    likeliest = not any(p.is_known for p in parses(head.text)) and (
        type == "ORG" or head.text.endswith("е")
    )
    for parse in parses(head.text):
        tag = parse.tag
        if tag.POS != "NOUN" or not tag.case or _no_name_of_a_body(parse):
            continue
        agreeing = [_agreeing(modifier.text, tag) for modifier in modifiers]
        if any(found is None for found in agreeing):
            continue
        # Institutions and places are singular unless the word has no singular
        # (`Текстильщики`, `Химки`); `Министерства` is then a genitive, not a plural.
        # A place or body the dictionary knows goes before a personal name (`Ливана`),
        # when the word is written as a name (`порту` is no `Порту`).
        singular = tag.number == "sing" or "Pltm" in tag.grammemes
        proper = capitalised and parse.is_known and bool(PLACE_TAGS & tag.grammemes)
        rank = (singular, proper, tag.case == "nomn" and not likeliest, parse.score)
        if best is None or rank > best[0]:
            best = (rank, parse, [found for found in agreeing if found is not None])
    if best is None:
        return None
    if best[1].tag.case == "nomn":
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


def _no_name_of_a_body(parse: Parse) -> bool:
    """Readings no body or place is named by: its vocative, and the plural of a
    personal name, known (`Аян`: of Ayanas) or guessed (`Хэнань`: of Khenanyas), where
    a foreign name keeps its form."""
    tag = parse.tag
    return tag.case == "voct" or (tag.number == "plur" and bool(NAME_TAGS & tag.grammemes))


def _modifier(parse: Parse) -> bool:
    """An adjective or participle, or a surname the dictionary knows that is one in
    form (`Никитинского суда`: the court of Nikitino, not Nikitinsky's)."""
    return parse.tag.POS in MODIFIER_POS or (
        "Surn" in parse.tag and parse.normal_form.endswith(ADJECTIVE_SURNAMES)
    )


def _agreeing(word: str, head: OpencorporaTag) -> Parse | None:
    for parse in parses(word):
        tag = parse.tag
        if not _modifier(parse) or not _same_case(tag.case, head.case) or tag.number != head.number:
            continue
        if tag.number == "sing" and tag.gender and tag.gender != head.gender:
            continue
        return parse
    return None


def _same_case(modifier: str | None, head: str | None) -> bool:
    """`Вашингтонском аэропорту`: the second locative (and genitive, accusative) of a
    noun is agreed with in the first."""
    return SECOND_CASES.get(head or "", head) == modifier


def _apply(text: str, changes: dict[Piece, str]) -> str:
    out = []
    position = 0
    for piece in sorted(changes, key=lambda p: p.start):
        out.append(text[position : piece.start])
        out.append(changes[piece])
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


def normalize_text(
    text: str, type: str, gender: str | None = None, cases: frozenset[str] | None = None
) -> str:
    """`normal_form` of a phrase given as a string (for notebooks, tests and `link`)."""
    from razdel import tokenize

    pieces = [Piece(t.start, t.stop, t.text) for t in tokenize(text)]
    return normal_form(text, pieces, type, gender, cases)
