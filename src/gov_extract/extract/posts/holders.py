"""The people that bare posts refer to: `губернатор отметил` is the one person given
that post earlier in the release."""

from __future__ import annotations

from collections.abc import Sequence

from razdel import tokenize

from gov_extract.extract.posts.grammar import Post
from gov_extract.extract.posts.lexicon import head_lemma, key, lexicon
from gov_extract.extract.posts.places import person_key
from gov_extract.extract.posts.view import View
from gov_extract.nlp.morph import fold, is_word, lemma
from gov_extract.records import Mention, Position


def post_holders(
    unnamed: Sequence[tuple[View, Post]], positions: Sequence[Position]
) -> dict[int, Mention]:
    """Offset of a post named without a person (`губернатор отметил`) → the person.

    A bare post resolves when, earlier in the document, posts with that head that name
    no other body, place or word than it does (`главы района` is not the `глава
    сельского поселения`) were given to exactly one person. It is not a row of its
    own, as it states again what the earlier statement did, unless its own sentence
    names that person (`post.held`).
    """
    full = lexicon().short_heads
    resolved: dict[int, Mention] = {}
    for view, post in unnamed:
        head = view.tokens[post.groups[0].head]
        lemma = full.get(head_lemma(head), head_lemma(head))
        earlier = [
            p
            for p in positions
            if full.get(p.head, p.head) == lemma
            and p.stop <= head.start
            and not _names_other(view, post, p)
        ]
        if len({person_key(p.person) for p in earlier}) == 1:
            resolved[head.start] = earlier[-1].person
    return resolved


def _names_other(view: View, post: Post, known: Position) -> bool:
    """The bare post names a body, place or word the known post has not: `глава региона`
    is not the `глава администрации района` named before."""
    tokens = view.tokens
    known_words = {fold(lemma(t.text)) for t in tokenize(known.position_text)}
    kinds = lexicon().kinds

    def other(word: str) -> bool:
        # A word for a kind (`гендиректор компании`) fits a post of a narrower one.
        return word not in known_words and not known_words & kinds.get(word, frozenset())

    chain = tokens[post.groups[0].head + 1 : post.last + 1]
    if any(other(key(t)) for t in chain if is_word(t.text)):
        return True
    start, stop = tokens[post.first].start, tokens[post.last].stop
    named = [m.normal for m in view.named if start <= m.start and m.stop <= stop]
    own = {m.normal for m in (known.org, known.loc) if m is not None}
    return any(name not in own for name in named)
