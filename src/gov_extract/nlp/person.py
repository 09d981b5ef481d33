"""The nominative of a personal name, decided for the name as a whole.

The parts of a name stand in one case, and its first name says whose it is: the
case is chosen for the whole name and each part then takes its nominative in it.
A part pymorphy3 knows as a name (`Ивана`, `Смирновой`) reads as its dictionary
says; any other part (`Маэхара`, `Цзянем`, `Гунба`, `Колесник`) by how names with
its ending decline, not by pymorphy3's guesses, which take unknown names for place
names, adjectives or nouns of the wrong gender. A part that cannot be in the chosen
case keeps its form: names that do not decline (`Юй Цзянем` → `Юй Цзянь`,
`Ирину Колесник` → `Ирина Колесник`).

The case is one the parts the dictionary knows can be in (`Хусейн Аксой`: not the
instrumental `Аксой` reads as); then a part whose ending only an oblique case gives
(`Заидом`, `Стивена`) decides it, then the case most parts can be in (`Анжелика Артуровна Гребенникова`: not the man's
genitive of the surname); between cases as good, the context (`cases`, read from the
words around the name) decides, and without it the nominative as written, save where
the dictionary finds an oblique reading likelier (`Александра Игнатьева`, by its
counts a man's genitive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gov_extract.nlp.morph import WORDS_CACHED, inflect, parses

NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GENDERS = ("masc", "femn")
VOWELS = frozenset("аеёиоуыэюя")
_VOWEL_GROUPS = re.compile(r"[аеёиоуыэюя]+")
# The longest syllable of such names in Russian letters (`Чжуан`, `Нгуен`).
SYLLABLE = 5

# Russian surnames in -ов, -ев, -ин, -ын: (gender, case) → the ending after the suffix.
SURNAME_ENDINGS = {
    ("masc", "nomn"): "", ("masc", "gent"): "а", ("masc", "datv"): "у", ("masc", "accs"): "а",
    ("masc", "ablt"): "ым", ("masc", "loct"): "е",
    ("femn", "nomn"): "а", ("femn", "gent"): "ой", ("femn", "datv"): "ой", ("femn", "accs"): "у",
    ("femn", "ablt"): "ой", ("femn", "loct"): "ой",
}  # fmt: skip
SURNAME_SUFFIXES = ("ов", "ев", "ёв", "ин", "ын")
# Surnames that decline as adjectives, after -ск- and -цк-.
ADJECTIVE_ENDINGS = {
    ("masc", "nomn"): "ий", ("masc", "gent"): "ого", ("masc", "datv"): "ому",
    ("masc", "accs"): "ого", ("masc", "ablt"): "им", ("masc", "loct"): "ом",
    ("femn", "nomn"): "ая", ("femn", "gent"): "ой", ("femn", "datv"): "ой", ("femn", "accs"): "ую",
    ("femn", "ablt"): "ой", ("femn", "loct"): "ой",
}  # fmt: skip
ADJECTIVE_SUFFIXES = ("ск", "цк")

# Other names, by their ending: (oblique ending, nominative ending, genders, cases).
# `-а`/`-я` names decline alike for men and women (`Абдалла`, `Никита`); names ending
# in a consonant decline for men only. `…` in the nominative ending: `й` after a
# vowel, else `ь` (`Макеем` → `Макей`, `Цзянем` → `Цзянь`). A name in `-е` is not
# read as a dative or locative: names that do not decline end so far more often
# (`Гачечиладзе`, `Саломе`, `Хорхе`).
DECLENSIONS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("ой", "а", GENDERS, ("ablt",)),
    ("ей", "я", GENDERS, ("ablt",)),
    ("ы", "а", GENDERS, ("gent",)),
    ("и", "я", GENDERS, ("gent", "datv", "loct")),
    ("у", "а", GENDERS, ("accs",)),
    ("ю", "я", GENDERS, ("accs",)),
    ("а", "", ("masc",), ("gent", "accs")),
    ("у", "", ("masc",), ("datv",)),
    ("ом", "", ("masc",), ("ablt",)),
    ("ём", "", ("masc",), ("ablt",)),
    ("я", "…", ("masc",), ("gent", "accs")),
    ("ю", "…", ("masc",), ("datv",)),
    ("ем", "…", ("masc",), ("ablt",)),
)
# Men's surnames of the Caucasus in `-а`/`-я` whose nominative ends so: Abkhaz `-ба` after
# a consonant (`Гунба`, `Аршба`), Georgian and Mingrelian `-ия`, `-иа`, `-уа`, `-ава`
# (`Гагулия`, `Ткебучава`). Such a part is no genitive of a name in a consonant
# (`Бадры Гунба` is Badra Gunba's, not Gunb's): it declines as `-а` names do
# (`Гунбы`) or keeps its form in every case.
CAUCASIAN_ENDINGS = re.compile(r"(?:[бвгджзйклмнпрстфхцчшщ]ба|ия|иа|уа|ава)$")
# Guesses: that the word is a nominative outweighs that it is declined, and that
# outweighs that it is an oblique case of a name that does not decline.
AS_WRITTEN, DECLINED, UNDECLINED = 0.2, 0.1, 0.05
# Endings only an oblique case gives a name: the instrumental's (`Заидом`, `Цзянем`,
# `Бадрой`) and the genitive's `-ы` (`Маэхары`).
OBLIQUE = ("ом", "ём", "ем", "ой", "ы")
DATIVE = ("у", "ю", "е")


@dataclass(frozen=True, slots=True)
class Reading:
    form: str  # the nominative, lowercase
    score: float


Readings = dict[tuple[str, str], Reading]


def nominatives(
    words: list[str], gender: str | None = None, cases: frozenset[str] | None = None
) -> list[str | None]:
    """The nominative of each part of a name (lowercase), None for a part that keeps
    its form. `gender` settles a name that reads both ways (a name that reads only the
    other way keeps its reading); `cases` are the cases the context admits."""
    is_syllabic = syllabic(words)
    if is_syllabic:
        options = [_syllable(word.lower(), i == len(words) - 1) for i, word in enumerate(words)]
    else:
        options = [readings(word) for word in words]
    if options and words[0].lower().endswith(("а", "я")) and not _dictionary(words[0].lower()):
        options[0] = _as_first_name(words[0].lower(), options[0])
    candidates = {key for found in options for key in found}
    # A gender settles a name that reads both ways, not one that reads only the other
    # (`Егора` is a man's genitive whatever a verb beside it says).
    if gender and any(key[0] == gender for key in candidates):
        candidates = {key for key in candidates if key[0] == gender}
    if not candidates:
        return [None] * len(words)
    settled = cases or frozenset()

    known = [] if is_syllabic else [word.lower() for word in words if _dictionary(word.lower())]

    def rank(key: tuple[str, str]) -> tuple[int, int, int, bool, float, tuple[str, str]]:
        admitting = [found for found in options if key in found]
        in_dictionary = sum(1 for word in known if key in _dictionary(word))
        decisive = sum(1 for found in admitting if not _can_be_nominative(found))
        score = sum(found[key].score for found in admitting)
        # Ties are broken by the grammemes themselves so that every run gives the same form.
        return in_dictionary, decisive, len(admitting), key[1] in settled, score, key

    chosen = max(candidates, key=rank)
    if chosen[1] == "nomn":
        return [None] * len(words)
    return [found[chosen].form if chosen in found else None for found in options]


def _as_first_name(word: str, found: Readings) -> Readings:
    """A first name in `-а` outside the dictionary (a nominative, or a genitive of a
    name in a consonant), read with what pymorphy3's guesser makes of it as a first
    name, learnt from the endings of the names it knows: `Ержана` is likelier the
    genitive of `Ержан` than a woman's name, `Бадра` no name it knows."""
    guessed: dict[tuple[str, str], float] = {}
    for parse in parses(word):
        if "Name" in parse.tag.grammemes and parse.tag.number == "sing":
            key = (parse.tag.gender, parse.tag.case)
            guessed[key] = max(guessed.get(key, 0.0), parse.score)
    return {key: Reading(r.form, r.score + guessed.get(key, 0.0)) for key, r in found.items()}


def syllabic(words: list[str]) -> bool:
    """A Korean, Chinese or Vietnamese name of three parts, each a short syllable but
    for its case ending (`Кима Чен Ира`, `Хвана Чжан Епа`; not `Джорджа Буша`). Its
    parts are no Russian names, whatever the dictionary says of `Ира`, and all of them
    but the last may keep their form in any case (`Ким Чен Ына`)."""
    if len(words) < 3:
        return False
    for word in words:
        lower = word.lower()
        ending = max((e for e, *_ in DECLENSIONS if lower.endswith(e)), key=len, default="")
        stem = lower[: len(lower) - len(ending)] or lower
        if not stem.isalpha() or len(stem) > SYLLABLE or len(_VOWEL_GROUPS.findall(stem)) > 1:
            return False
    return True


@lru_cache(maxsize=WORDS_CACHED)
def _syllable(word: str, last: bool) -> Readings:
    """A part of a syllabic name, declined by its ending; a part before the last that
    ends in a consonant, not in an oblique case's ending (`Кимом`), may keep its form
    in any case."""
    found: Readings = {}
    _by_ending(word, found)
    if not last and word[-1:] not in VOWELS and not word.endswith(OBLIQUE):
        for gender in GENDERS:
            for case in CASES:
                found.setdefault((gender, case), Reading(word, UNDECLINED))
    return found


def oblique_cases(words: list[str]) -> frozenset[str]:
    """The cases a name is in by the parts only an oblique case gives (`Марка`:
    genitive or accusative); empty when every part may be a nominative."""
    decided = [found for found in map(readings, words) if found and not _can_be_nominative(found)]
    if not decided:
        return frozenset()
    return frozenset.intersection(*(frozenset(case for _, case in found) for found in decided))


def _can_be_nominative(found: Readings) -> bool:
    return any(case == "nomn" for _, case in found)


@lru_cache(maxsize=WORDS_CACHED)
def readings(word: str) -> Readings:
    """(gender, case) → the nominative of a name part in it, with a score (not to be
    changed: the dictionary is cached)."""
    lower = word.lower()
    known = _dictionary(lower)
    if known:
        return known
    found: Readings = {}
    _surname(lower, found)
    if not found:
        _adjective(lower, found)
    if not found:
        _by_ending(lower, found)
    return found


@lru_cache(maxsize=WORDS_CACHED)
def _dictionary(word: str) -> Readings:
    """What pymorphy3 knows of the word as a first name, patronymic or surname."""
    found: Readings = {}
    for parse in parses(word):
        tag = parse.tag
        if not parse.is_known or not NAME_TAGS & tag.grammemes:
            continue
        if tag.number == "plur" or tag.case not in CASES:
            continue
        form = inflect(parse, frozenset({"nomn", "sing"}))
        if form is None:
            continue
        common = tag.gender is None or "ms-f" in tag.grammemes
        for gender in GENDERS if common else (tag.gender,):
            key = (gender, tag.case)
            if gender in GENDERS and (key not in found or found[key].score < parse.score):
                found[key] = Reading(form, parse.score)
    if found and any("Surn" in p.tag for p in parses(word) if p.is_known):
        # The dictionary knows some surnames for men only (`Гречишникова`: a genitive),
        # but a Russian surname has a woman's form too: less likely, as it is not listed.
        declined: Readings = {}
        _surname(word, declined)
        for key, reading in declined.items():
            found.setdefault(key, Reading(reading.form, UNDECLINED))
    return found


def _surname(word: str, found: Readings) -> None:
    """Russian surnames pymorphy3 does not know as such: it reads `Травниковым` as
    the adjective `травниковый`."""
    for table, suffixes in (
        (SURNAME_ENDINGS, SURNAME_SUFFIXES),
        (ADJECTIVE_ENDINGS, ADJECTIVE_SUFFIXES),
    ):
        for (gender, case), ending in table.items():
            if not word.endswith(ending):
                continue
            stem = word[: len(word) - len(ending)]
            if stem.endswith(suffixes) and len(stem) > max(map(len, suffixes)):
                found[(gender, case)] = Reading(stem + table[(gender, "nomn")], 1.0)


def _adjective(word: str, found: Readings) -> None:
    """Surnames that are adjectives the dictionary knows (`Долгорукому`, `Толстой`)."""
    for parse in parses(word):
        tag = parse.tag
        if not parse.is_known or tag.POS != "ADJF" or tag.number != "sing":
            continue
        for gender in GENDERS:
            if tag.gender not in (gender, None) or tag.case not in CASES:
                continue
            form = inflect(parse, frozenset({"nomn", "sing", gender}))
            key = (gender, tag.case)
            if form and (key not in found or found[key].score < parse.score):
                found[key] = Reading(form, parse.score)


def _by_ending(word: str, found: Readings) -> None:
    caucasian = bool(CAUCASIAN_ENDINGS.search(word))
    for ending, nominative, genders, cases in DECLENSIONS:
        stem = word[: len(word) - len(ending)]
        if not word.endswith(ending) or len(stem) < 2:
            continue
        if caucasian and nominative in ("", "…"):
            continue
        if nominative == "…":
            nominative = "й" if stem[-1] in VOWELS else "ь"
        elif nominative in ("", "а") and stem[-1] in VOWELS:
            continue  # `-а` follows a consonant, and a consonant stem ends in one
        elif nominative == "я" and stem[-1] not in VOWELS | {"ь"}:
            continue  # `Марии`, `Ильи`; not `Мирианашвили`
        for gender in genders:
            for case in cases:
                found.setdefault((gender, case), Reading(stem + nominative, DECLINED))
    if word.endswith(OBLIQUE) and found:
        return
    # The word as written: a nominative, or a name that does not decline.
    last = word[-1:]
    if caucasian:
        as_written = [("femn", "nomn")] + [("masc", case) for case in CASES]
    elif last in ("а", "я"):
        as_written = [(gender, "nomn") for gender in GENDERS]
    elif last in VOWELS:
        # `Сэйдзи`, `Саломе`, `Нисипяну`: a name in such a vowel may not decline at all.
        as_written = [(gender, case) for gender in GENDERS for case in CASES]
    elif last.isalpha():
        # A man's name ending in a consonant declines, a woman's does not (`Колесник`).
        as_written = [("masc", "nomn")] + [("femn", case) for case in CASES]
    else:
        as_written = []
    # `Рупану`, `Саломе`: a dative or locative ending reads as one before it reads as
    # a name that does not decline.
    nominative = UNDECLINED if last in DATIVE and found else AS_WRITTEN
    for key in as_written:
        score = nominative if key[1] == "nomn" else UNDECLINED
        found.setdefault(key, Reading(word, score))
