"""The chain of words after a head noun that agree with it by case: the one walker that
posts (`министр промышленности и торговли`) and organisations (`Департамента
территориальных органов`) share.

Each next word must be in a case the chain expects: the genitive after a noun, the case
a preposition governs after it, the case of the first conjunct after `и`. The caller
says, token by token, what else a token is (a name taken whole, a preposition, a
conjunction, the end); a token it says nothing of joins when it is a nominal word in an
expected case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from gov_extract.nlp.morph import cases_of, is_function_word
from gov_extract.records import Token

# Tokens after the head, at most: a chain runs on through `и` and prepositions, and
# a sentence without a stop would otherwise be read as one name.
MAX_CHAIN = 24
NOMINAL = frozenset({"NOUN", "ADJF", "PRTF", "NUMR"})
GENITIVE = frozenset({"gent"})


@dataclass(frozen=True, slots=True)
class Whole:
    """The tokens up to `last` join the chain whole, whatever their case (a named body
    or place, a quoted name, an abbreviation); the genitive follows, unless the chain
    `ends` there."""

    last: int
    ends: bool = False


@dataclass(frozen=True, slots=True)
class Governs:
    """A preposition: the next word in the case it governs."""

    case: str


class Mark(Enum):
    AND = "and"  # `и`, or a comma in a list: the next word in the first conjunct's case
    END = "end"  # the chain ends before this token


# None: an ordinary word, which joins by its case.
Step = Whole | Governs | Mark | None


@dataclass(slots=True)
class Chain:
    last: int
    words: list[int] = field(default_factory=list)  # tokens that joined by their case
    wholes: list[int] = field(default_factory=list)  # last tokens of what joined whole


def walk(
    tokens: Sequence[Token],
    head: int,
    last: int,
    case: str,
    step: Callable[[int, frozenset[str]], Step],
    is_noun: Callable[[str, frozenset[str]], bool],
    *,
    nominal: frozenset[str] = NOMINAL,
    limit: int = MAX_CHAIN,
) -> Chain:
    """The chain after the head at `head`, whose tokens up to `last` are taken already.

    `case` is the case of its first word (the genitive but after heads that govern
    another); `step(index, admitted)` says what the token at `index` is, given the cases
    the chain's last word admits; `is_noun(word, admitted)` whether a word that joined
    is a noun, which the genitive follows. `nominal` are the parts of speech whose
    cases count.
    """
    chain = Chain(last)
    expected = admitted = frozenset({case})
    index = last + 1
    while index < len(tokens) and index - head <= limit:
        found = step(index, admitted)
        if found is Mark.END:
            break
        if isinstance(found, Whole):
            chain.last = index = found.last
            chain.wholes.append(index)
            if found.ends:
                break
            expected = admitted = GENITIVE
        elif isinstance(found, Governs):
            expected = frozenset({found.case})
        elif found is Mark.AND:
            expected = admitted
        else:
            text = tokens[index].text
            if is_function_word(text) or not cases_of(text, nominal) & expected:
                break
            admitted = cases_of(text, nominal) & expected
            chain.last = index
            chain.words.append(index)
            if is_noun(text, admitted):
                expected = GENITIVE
        index += 1
    return chain
