"""pymorphy3 behind a cache: press releases repeat their vocabulary, parsing does not need to."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pymorphy3
from pymorphy3.analyzer import Parse

_ANALYZER: pymorphy3.MorphAnalyzer | None = None

# Distinct words kept per cache: a worker reading millions of releases meets millions
# of words, and an unbounded cache would grow with them.
WORDS_CACHED = 500_000

FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})

# Releases write `ё` as `е` as often as not, and guillemets as straight or curly quotes:
# keys that compare names and words fold them alike.
_FOLDED = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "ё": "е"})


def fold(text: str) -> str:
    """`ё` as `е`, and every kind of quotation mark as `"`."""
    return text.translate(_FOLDED)


def analyzer() -> pymorphy3.MorphAnalyzer:
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = pymorphy3.MorphAnalyzer()
    return _ANALYZER


def parses(word: str) -> tuple[Parse, ...]:
    """All analyses of a word, lowercased, best first."""
    # Cached by the lowercased word: `Министр` at a sentence's start is `министр`.
    return _parses(word.lower())


@lru_cache(maxsize=WORDS_CACHED)
def _parses(word: str) -> tuple[Parse, ...]:
    try:
        return tuple(analyzer().parse(word))
    except ValueError:
        # pymorphy3 asks unicodedata for every character's name, and characters the
        # running Python has no name for (`𗀀`) raise: read them as U+FFFD, which it
        # analyses as unknown, like any other symbol.
        named = "".join(c if unicodedata.name(c, None) else "\ufffd" for c in word)
        return tuple(analyzer().parse(named))


@lru_cache(maxsize=WORDS_CACHED)
def lemma(word: str) -> str:
    found = parses(word)
    return found[0].normal_form if found else word.lower()


@lru_cache(maxsize=WORDS_CACHED)
def cases_of(word: str, parts: frozenset[str]) -> frozenset[str]:
    """The cases `word` can be in as one of these parts of speech."""
    return frozenset(p.tag.case for p in parses(word) if p.tag.POS in parts and p.tag.case)


def is_function_word(word: str) -> bool:
    """A preposition, conjunction, particle or interjection by its likeliest reading."""
    return parses(word)[0].tag.POS in FUNCTION_POS


# Names and posts ask for the same few forms of the same words over and over.
@lru_cache(maxsize=WORDS_CACHED)
def inflect(parse: Parse, grammemes: frozenset[str]) -> str | None:
    inflected = parse.inflect(set(grammemes))
    return inflected.word if inflected else None


def is_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


def is_abbreviation(text: str) -> bool:
    """`МЧС`, `ПАО`: all capitals, more than one letter; such words keep their form."""
    return len(text) > 1 and text.isupper() and text.isalpha()
