"""Organisation spans repaired with the lexicon in `models/organizations.toml`.

Natasha's NER cuts government bodies apart (`Правительства` + LOC `Севастополя`)
or stops half way (`Департамента территориальных органов`). This component finds
the whole name from its head noun and the chain that belongs to it, and puts an
ORG mention over it in place of the ORG pieces. Places inside the name stay as
LOC mentions of their own: `губернатор Севастополя` needs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from . import lexicons
from .morph import is_abbreviation, parses
from .records import Doc, Mention, Token

OPEN_QUOTES, CLOSE_QUOTES = '«"“„', '»"”“'
MAX_CHAIN = 24
MAX_QUOTED = 15
MAX_MODIFIERS = 3
NOMINAL = frozenset({"NOUN", "ADJF", "PRTF", "NUMR", "NPRO"})
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})


@dataclass(frozen=True, slots=True)
class OrgLexicon:
    heads: frozenset[str]
    legal_forms: frozenset[str]
    prepositions: dict[str, str]
    event_modifiers: frozenset[str]


@cache
def lexicon() -> OrgLexicon:
    data = lexicons.load("organizations")
    return OrgLexicon(
        frozenset(data["heads"]),
        frozenset(data["legal_forms"]),
        dict(data["chain_prepositions"]),
        frozenset(data["event_modifiers"]),
    )


def repair_organizations(doc: Doc) -> None:
    found: list[Mention] = []
    for index, sent in enumerate(doc.sentences):
        people = [m for m in doc.mentions if m.sent_idx == index and m.type == "PER"]
        blocked = {i for i, t in enumerate(sent.tokens) if _inside(t, people)}
        for first, last in _organization_spans(sent.tokens, blocked):
            start, stop = sent.tokens[first].start, sent.tokens[last].stop
            found.append(Mention(start, stop, "ORG", doc.text[start:stop], index))
    if not found:
        return
    kept = [m for m in doc.mentions if not (m.type == "ORG" and _overlaps_any(m, found))]
    doc.mentions = sorted(kept + found, key=lambda m: (m.start, -m.stop))


def _organization_spans(tokens: Sequence[Token], blocked: set[int]) -> list[tuple[int, int]]:
    lex = lexicon()
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        span = None
        if index not in blocked:
            if token.text in lex.legal_forms:
                span = _legal_form(tokens, index)
            elif token.lemma in lex.heads:
                span = _headed(tokens, index, blocked)
        if span:
            spans.append(span)
            index = span[1] + 1
        else:
            index += 1
    return spans


def _legal_form(tokens: Sequence[Token], index: int) -> tuple[int, int] | None:
    close = _quoted(tokens, index + 1)
    return (index, close) if close is not None else None


def _headed(tokens: Sequence[Token], head: int, blocked: set[int]) -> tuple[int, int] | None:
    if head > 0 and tokens[head - 1].lemma in lexicon().event_modifiers:
        return None
    first = head
    while (
        head - first < MAX_MODIFIERS
        and first - 1 not in blocked
        and first > 0
        and _agrees(tokens[first - 1].text, tokens[head].text)
    ):
        first -= 1
    last, named = _chain(tokens, head, blocked)
    named = named or tokens[head].text[:1].isupper() or tokens[first].text[:1].isupper()
    if last == head or not named:
        return None
    return first, last


def _chain(tokens: Sequence[Token], head: int, blocked: set[int]) -> tuple[int, bool]:
    """The last token of the name after its head, and whether the chain names something.

    `expected` holds the cases the next word may take: genitive after a noun, the
    case a preposition governs after it, the case of the first conjunct after `и`.
    """
    lex = lexicon()
    expected = admitted = {"gent"}
    last, named = head, False
    index = head + 1
    while index < len(tokens) and index - head <= MAX_CHAIN and index not in blocked:
        text = tokens[index].text
        lower = text.lower()
        if text[:1] in OPEN_QUOTES:
            # A quoted name ends the organisation's name: `ассоциация «Совет …»`.
            close = _quoted(tokens, index)
            if close is not None:
                last, named = close, True
            break
        if is_abbreviation(text):
            last, named, expected = index, True, {"gent"}
            admitted = expected
        elif lower in lex.prepositions:
            expected = {lex.prepositions[lower]}
        elif lower == "и":
            # `промышленности и торговли` continues the name; after a proper name
            # (`Правительства Москвы и органов …`), or before another head or name
            # (`… области и ПАО «…»`), a second phrase begins.
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if (
                tokens[index - 1].text[:1].isupper()
                or following is None
                or index + 1 in blocked
                or following.lemma in lex.heads
                or following.text[:1].isupper()
            ):
                break
            expected = admitted
        elif not _is_function_word(text) and _cases(text) & expected:
            admitted = _cases(text) & expected
            last = index
            named = named or text[:1].isupper()
            if _is_noun(text):
                expected = {"gent"}
        else:
            break
        index += 1
    return last, named


def _quoted(tokens: Sequence[Token], index: int) -> int | None:
    if index >= len(tokens) or tokens[index].text[:1] not in OPEN_QUOTES:
        return None
    for close in range(index + 1, min(len(tokens), index + MAX_QUOTED)):
        if tokens[close].text[-1:] in CLOSE_QUOTES:
            return close
    return None


def _agrees(modifier: str, head: str) -> bool:
    head_tags = [p.tag for p in parses(head) if p.tag.POS == "NOUN"]
    for parse in parses(modifier):
        tag = parse.tag
        if tag.POS not in ("ADJF", "PRTF"):
            continue
        for head_tag in head_tags:
            same_gender = tag.number == "plur" or tag.gender == head_tag.gender
            if tag.case == head_tag.case and tag.number == head_tag.number and same_gender:
                return True
    return False


@cache
def _cases(word: str) -> frozenset[str]:
    return frozenset(p.tag.case for p in parses(word) if p.tag.POS in NOMINAL and p.tag.case)


def _has_case(word: str, cases: set[str]) -> bool:
    return bool(_cases(word) & cases)


def _is_function_word(word: str) -> bool:
    return parses(word)[0].tag.POS in FUNCTION_POS


def _is_noun(word: str) -> bool:
    return any(p.tag.POS == "NOUN" for p in parses(word))


def _inside(token: Token, mentions: Sequence[Mention]) -> bool:
    return any(m.start <= token.start and token.stop <= m.stop for m in mentions)


def _overlaps_any(mention: Mention, others: Sequence[Mention]) -> bool:
    return any(mention.start < o.stop and o.start < mention.stop for o in others)
