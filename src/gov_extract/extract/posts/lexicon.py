"""The post lexicon: `models/posts.toml` as typed records, and the keys a word is
looked up by in it (its lemma as the lexicon spells it, a post's head lemma)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from razdel import tokenize

from gov_extract import lexicons
from gov_extract.nlp.morph import WORDS_CACHED, fold, inflect, is_word, lemma, parses
from gov_extract.records import Token


@dataclass(frozen=True, slots=True)
class PostLexicon:
    heads: frozenset[str]
    professions: frozenset[str]
    national: frozenset[str]
    # Adjective lemma → place (`британский` → `Великобритания`); a name's key → place.
    adjectives: dict[str, str]
    names: dict[str, str]
    countries: frozenset[str]
    modifiers: frozenset[str]
    # Words that make a post a former one: `бывший`, `экс-` (a prefix).
    former: frozenset[str]
    acting: tuple[tuple[str, ...], ...]
    dependent: frozenset[str]
    territorial: frozenset[str]
    chain_prepositions: dict[str, str]
    named_prepositions: dict[str, str]
    # Prepositions of the object of a noun in a `по` phrase: `по борьбе с`.
    object_prepositions: dict[str, str]
    territory_nouns: frozenset[str]
    # Nouns that refer back to a body or place named before: `шеф концерна`.
    bodies: frozenset[str]
    state_nouns: frozenset[str]
    state_heads: frozenset[str]
    # Heads of whatever body the words after them name: `глава ведомства`.
    generic_heads: frozenset[str]
    offices: frozenset[str]
    candidacy: frozenset[str]
    relatives: frozenset[str]
    serving: frozenset[str]
    after_person: frozenset[str]
    # Phrases between a plural post and its list of names: `среди которых`.
    list_openers: tuple[tuple[str, ...], ...]
    # Words of address between a post and a name: `господином`, `г-н`.
    address: frozenset[str]
    compound: frozenset[str]
    copulas: frozenset[str]
    appointing: frozenset[str]
    # Head → the case of the first word of its chain, when not the genitive.
    governs: dict[str, str]
    abbreviated: frozenset[str]
    short_heads: dict[str, str]
    kinds: dict[str, frozenset[str]]


@cache
def lexicon() -> PostLexicon:
    data = lexicons.load("posts")
    organizations = lexicons.load("organizations")
    links = data["links"]
    # Longest phrases first, so that `временно исполняющий обязанности` wins over its tail.
    acting = sorted({_phrase_keys(phrase) for phrase in data["acting"]}, key=len, reverse=True)
    return PostLexicon(
        heads=_words(data["heads"]) | _words(data["professions"]),
        professions=_words(data["professions"]),
        national=_words(data["national"]),
        adjectives={
            fold(adjective): place
            for places in (data["countries"], data["regions"])
            for place, entry in places.items()
            for adjective in entry.get("adjectives", ())
        },
        names={
            name_key(name): place
            for places in (data["countries"], data["regions"])
            for place, entry in places.items()
            for name in (place, *entry.get("names", ()))
        },
        countries=frozenset(data["countries"]),
        modifiers=_words(data["modifiers"]),
        former=_words(data["former"]),
        acting=tuple(acting),
        dependent=_words(data["dependent"]),
        territorial=_words(data["territorial"]),
        chain_prepositions=dict(data["chain_prepositions"]),
        named_prepositions=dict(data["named_prepositions"]),
        object_prepositions=dict(data["object_prepositions"]),
        territory_nouns=_words(data["territory_nouns"]),
        bodies=_words(data["bodies"])
        | _words(data["territory_nouns"])
        | _words(organizations["heads"]),
        state_nouns=_words(data["state_nouns"]),
        state_heads=_words(data["state_heads"]),
        generic_heads=_words(data["generic_heads"]),
        offices=_words(links["offices"]),
        candidacy=_words(links["candidacy"]),
        relatives=_words(links["relatives"]),
        serving=_words(links["serving"]) | _words(data["dependent"]),
        after_person=frozenset(links["after_person"]),
        list_openers=tuple(tuple(phrase.lower().split()) for phrase in links["list_openers"]),
        address=_words(links["address"]),
        compound=frozenset(links["compound"]),
        copulas=_words(links["copulas"]),
        appointing=_words(links["appointing"]),
        # A key of two words (`надзор за`) governs only after its preposition, which
        # a post's chain does not read.
        governs={
            fold(head): case
            for head, case in (*organizations["governs"].items(), *data["governs"].items())
            if " " not in head
        },
        abbreviated=_words(data["abbreviated"]),
        short_heads={fold(short): fold(full) for short, full in data["short_heads"].items()},
        kinds={fold(kind): _words(narrower) for kind, narrower in data["kinds"].items()},
    )


def _words(entries: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(entry) for entry in entries)


def name_key(name: str) -> str:
    return " ".join(fold(name.lower()).split())


def head_lemma(token: Token) -> str:
    return word_head_lemma(token.text)


@lru_cache(maxsize=WORDS_CACHED)
def word_head_lemma(word: str) -> str:
    """The lemma, but a participle's own nominative: pymorphy3 gives `заведовать` for
    `заведующий` and `управлять` for `управляющего`, and the post is the participle.
    Asked of every token of every sentence, hence the cache."""
    participle = participle_lemma(word)
    if participle is not None:
        return participle
    if not is_word(word):
        return word.lower()
    heads = lexicon().heads
    readings = parses(word)
    whole = fold(lemma(word))
    if whole not in heads and readings and readings[0].tag.POS == "NOUN":
        # A likelier noun may hide the post: `политика` (politics, or a politician's),
        # `премьера` (a first night, or a premier's).
        whole = next((fold(p.normal_form) for p in readings if fold(p.normal_form) in heads), whole)
    if whole not in heads and "-" in word:
        # A compound ending in a head is that post: `экс-премьер`, `женщина-спикер`; so is
        # one that starts with a head noun: `врач-реаниматолог`, `журналиста-расследователя`.
        first, *_, last = word.split("-")
        for part in (word_head_lemma(last), _noun_lemma(first)):
            if part in heads:
                return part
    return whole


def _noun_lemma(word: str) -> str | None:
    readings = parses(word) if is_word(word) else []
    return fold(readings[0].normal_form) if readings and readings[0].tag.POS == "NOUN" else None


@cache
def participle_lemma(word: str) -> str | None:
    best = parses(word)[0] if parses(word) else None
    if best is None or best.tag.POS != "PRTF":
        return None
    form = inflect(best, frozenset({"masc", "sing", "nomn"}))
    return fold(form) if form else None


def key(token: Token) -> str:
    """The lemma as the lexicon spells it: pymorphy3 writes `актёр`, the lexicon `актер`."""
    return fold(token.lemma or token.text.lower())


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(fold(lemma(t.text)) if is_word(t.text) else t.text for t in tokenize(phrase))
