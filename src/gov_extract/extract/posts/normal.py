"""The written forms of a post: its normal form (head groups in the nominative, the
chain as written) and its title (the post alone)."""

from __future__ import annotations

from collections.abc import Sequence

from pymorphy3.analyzer import Parse

from gov_extract.extract.posts.grammar import Group, Post, is_head
from gov_extract.extract.posts.lexicon import (
    head_lemma,
    key,
    lexicon,
    participle_lemma,
    word_head_lemma,
)
from gov_extract.extract.posts.view import View
from gov_extract.nlp.morph import fold, inflect, lemma, parses
from gov_extract.nlp.norm import Piece, normal_form
from gov_extract.records import Token


def post_normal(view: View, post: Post) -> str:
    """Head groups in nominative and lowercase; the chain as written but for capitals.

    A word of the chain keeps its capital only when it is a proper name: inside an
    ORG/LOC mention, or capitalised and not a word of the post lexicon (those are
    common nouns written with a capital of respect: `полпред Президента`).
    """
    text, tokens = view.doc.text, view.tokens
    out: list[str] = []
    position = tokens[post.first].start
    groups = {group.first: group for group in post.groups}
    singular = _each_ones(view, post) if post.plural else {}
    index = post.first
    while index <= post.last:
        token = tokens[index]
        out.append(text[position : token.start])
        group = groups.get(index)
        if group is not None:
            out.append(_group_normal(view, group))
            index = group.head
        elif index in singular:
            out.append(singular[index])
        else:
            out.append(_chain_word(view, index))
        position = tokens[index].stop
        index += 1
    return "".join(out)


def _each_ones(view: View, post: Post) -> dict[int, str]:
    """`председатели профильных комитетов` → `председатель профильного комитета`: the
    genitive plural right after a plural post is one each holds, in the singular; not
    a word without a singular (`финансов`) nor a name."""
    tokens = view.tokens
    found: dict[int, str] = {}
    index = post.groups[0].head + 1
    adjectives: list[tuple[int, Parse]] = []
    while index <= post.last and index not in view.named_end:
        readings = [p for p in parses(tokens[index].text) if p.tag.case == "gent"]
        plural = [p for p in readings if p.tag.number == "plur"]
        if not plural or len(plural) < len(readings) or not tokens[index].text.islower():
            return {}
        if plural[0].tag.POS != "NOUN":
            adjectives.append((index, plural[0]))
            index += 1
            continue
        noun = plural[0]
        if "Pltm" in noun.tag.grammemes or not (form := inflect(noun, frozenset({"sing", "gent"}))):
            return {}
        found[index] = form
        gender = frozenset({"sing", "gent", noun.tag.gender or "masc"})
        for at, adjective in adjectives:
            found[at] = inflect(adjective, gender) or tokens[at].text
        return found
    return {}


def _chain_word(view: View, index: int) -> str:
    token = view.tokens[index]
    lex = lexicon()
    if index in view.named_end:
        return token.text
    common = head_lemma(token) in lex.heads or key(token) in lex.modifiers
    if common or index == 0 or not token.text[:1].isupper():
        return token.text.lower()
    return token.text


def _group_normal(view: View, group: Group) -> str:
    text, tokens = view.doc.text, view.tokens
    if group.acting_end > group.first:
        # The head of `исполняющего обязанности губернатора` is the participle; the
        # post after it stays in the genitive.
        acting = [_participle_nominative(t.text) for t in tokens[group.first : group.acting_end]]
        rest = text[tokens[group.acting_end - 1].stop : tokens[group.head].stop]
        return _join(tokens[group.first : group.acting_end], acting, text) + rest.lower()
    head = tokens[group.head].text
    if group.plural:
        return _singular(view, group)
    if group.first == group.head and participle_lemma(head) is not None:
        return _participle_nominative(head)
    if group.first == group.head and fold(head.lower()) in lexicon().short_heads:
        return head.lower()  # `замгубернатора`, one word for `заместитель губернатора`
    hidden = "-" not in head and word_head_lemma(head) != fold(lemma(head))
    if group.first == group.head and hidden:
        return word_head_lemma(head)  # a post read from a less likely reading: `политика`
    start = tokens[group.first].start
    phrase = text[start : tokens[group.head].stop]
    pieces = [
        Piece(t.start - start, t.stop - start, t.text) for t in tokens[group.first : group.head + 1]
    ]
    return normal_form(phrase, pieces, "ORG").lower()


def _singular(view: View, group: Group) -> str:
    """`первыми заместителями` → `первый заместитель`: a plural post in the nominative
    singular, the modifiers in the head's gender; an indeclinable head (`замглавы`)
    as written."""
    text, tokens = view.doc.text, view.tokens
    head = tokens[group.head]
    lemma_ = head_lemma(head)
    readings = [p for p in parses(head.text) if fold(p.normal_form) == lemma_]
    head_parse = next((p for p in readings if p.tag.number == "plur"), None)
    gender = (head_parse.tag.gender if head_parse else None) or "masc"
    head_form = inflect(head_parse, frozenset({"sing", "nomn"})) if head_parse else None
    words = []
    for token in tokens[group.first : group.head]:
        modifier = next(
            (p for p in parses(token.text) if p.tag.POS == "ADJF" and p.tag.number == "plur"),
            None,
        )
        form = modifier and inflect(modifier, frozenset({gender, "sing", "nomn"}))
        words.append(form or token.text.lower())
    words.append(head_form or head.text.lower())
    return _join(tokens[group.first : group.head + 1], words, text)


def _participle_nominative(word: str) -> str:
    for parse in parses(word):
        if parse.tag.POS == "PRTF" and parse.tag.case != "nomn":
            return (inflect(parse, frozenset({"nomn"})) or word).lower()
    return word.lower()


def _join(tokens: Sequence[Token], words: Sequence[str], text: str) -> str:
    out = [words[0]]
    for previous, token, word in zip(tokens, tokens[1:], words[1:], strict=False):
        out.append(text[previous.stop : token.start] + word)
    return "".join(out)


def post_title(view: View, group: Group) -> str:
    """The post alone: `заместитель председателя` of `заместитель председателя правительства …`."""
    title = _group_normal(view, group)
    tokens = view.tokens
    following = group.head + 1
    dependent = key(tokens[group.head]) in lexicon().dependent
    if dependent and following < len(tokens) and is_head(view, following):
        title += " " + tokens[following].text.lower()
    return title
