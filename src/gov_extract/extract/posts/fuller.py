"""One person's post as the release states it most fully: `Губернатор Моор приехал`
after `Губернатор Тюменской области Александр Моор` is the governor of Tyumen Oblast."""

from __future__ import annotations

from collections.abc import Sequence

from gov_extract.extract.posts.lexicon import lexicon
from gov_extract.link.entities import person_name
from gov_extract.nlp.morph import fold, lemma
from gov_extract.records import Mention, Position


def fill_shorter(positions: Sequence[Position]) -> None:
    """A post stated again with fewer words (`губернатор`, `посол`) takes the fuller
    statement of the same person's post with that head (`губернатор Тюменской
    области`, `чрезвычайный и полномочный посол России на Маврикии`) as its
    `position`, and that post's body and place; `position_text` stays as written.

    Only when the release states one fuller form with those words: a person it calls
    `министр финансов` and `министр энергетики` keeps a bare `министр`; and not from a
    former post (`бывший губернатор`), which says nothing of the present one.

    So too a generic head over common words for a body (`глава ведомства`) takes the
    person's one other post (`министр иностранных дел России`), and its title; not a
    post the same sentence gives as its second (`_side_by_side`).
    """
    for short in positions:
        words = _words(short.position)
        fuller = {
            p.position: p
            for p in positions
            if p is not short
            and p.head == short.head
            and same_person(p.person, short.person)
            and words < _words(p.position)
            and not _former(p.position)
        }
        if len(fuller) == 1:
            _take(short, *fuller.values())
    for short in positions:
        if _generic(short):
            other = {
                p.position: p
                for p in positions
                if same_person(p.person, short.person)
                and p.head != short.head
                and not _generic(p)
                and not _former(p.position)
                and not _side_by_side(p, short)
            }
            if len(other) == 1:
                _take(short, *other.values())
                short.title = next(iter(other.values())).title


def _side_by_side(one: Position, other: Position) -> bool:
    """`руководитель совета, а также заместитель председателя комитета`: the sentence
    gives the person both posts, one as the second of the other (`post.second`)."""
    return one.sent_idx == other.sent_idx and "post.second" in {one.rule, other.rule}


def _take(short: Position, full: Position) -> None:
    short.position = full.position
    if short.org is None and short.loc is None and (full.org or full.loc):
        short.org, short.loc, short.where_source = full.org, full.loc, "inferred"


def _generic(position: Position) -> bool:
    """`глава российского дипведомства`, `руководитель ведомства`: a head of whatever
    (`generic_heads`) over common words only, which says which post the person holds
    no better than their other statement does. Not the head of a territory or state
    (`глава района`, `глава государства` are posts of their own), nor one with no
    words after it (`французский лидер`)."""
    lex = lexicon()
    chain = _words(position.position.removeprefix(position.title))
    return (
        position.head in lex.generic_heads
        and position.position == position.position.lower()
        and bool(chain)
        and not chain & (lex.territory_nouns | lex.state_nouns)
        and not _former(position.position)
    )


def _words(post: str) -> frozenset[str]:
    return frozenset(fold(lemma(word)) for word in post.lower().split())


def _former(post: str) -> bool:
    """`бывший вице-премьер`, `экс-губернатор`: words of `former` in `models/posts.toml`,
    the ones ending in a hyphen as prefixes."""
    former = lexicon().former
    words = post.lower().split()
    return any(
        fold(lemma(word)) in former
        or any(word.startswith(prefix) for prefix in former if prefix.endswith("-"))
        for word in words
    )


def same_person(one: Mention, other: Mention) -> bool:
    """`Моор` and `Александр Моор`; not `Ольга Жукова` and `Марина Жукова`."""
    first, second = person_name(one.normal), person_name(other.normal)
    initials = {name.initial for name in (first, second)} - {None}
    return bool(first.surname) and first.surname == second.surname and len(initials) <= 1
