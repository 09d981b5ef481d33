"""Mentions that are nothing but post words (`Замглавы` tagged ORG, `Президент`
tagged PER) dropped, and a place that starts with a post cut after it."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import takewhile

from gov_extract.extract.posts.lexicon import lexicon, word_head_lemma
from gov_extract.nlp.morph import is_word, parses
from gov_extract.nlp.norm import NAME_TAGS
from gov_extract.records import Doc, Mention, Token, tokens_within


def drop_post_mentions(doc: Doc) -> None:
    """`Замглавы` tagged ORG on its own, before `Федеральной миграционной службы`, or
    `подчеркнул Президент` tagged PER: a mention that is nothing but post words names a
    post, not a body, a place or a person. Unless the document names a person with that
    word in a full name: `Адвокат` after `Дик Адвокат` is his surname. A place does not
    start with a post either: `Раис Республики Татарстан` tagged LOC is `Республики
    Татарстан`."""
    lex = lexicon()
    words = lex.heads | lex.modifiers  # once, not per word of every mention

    def post_word(token: Token) -> bool:
        if not is_word(token.text):
            return True
        # `Раиса` is a woman's name before it is the genitive of `раис`.
        return word_head_lemma(token.text) in words and not any(
            NAME_TAGS & p.tag.grammemes for p in parses(token.text)
        )

    found = [
        (m, tokens_within(doc.sentences[m.sent_idx].tokens, m.start, m.stop)) for m in doc.mentions
    ]
    lemmas = {id(m): {t.lemma for t in tokens if t.lemma} for m, tokens in found}
    people = [lemmas[id(m)] for m, _ in found if m.type == "PER"]
    in_full_names = set().union(*(name for name in people if len(name) > 1))
    doc.mentions = [
        _place_after_post(doc, m, tokens) if m.type == "LOC" else m
        for m, tokens in found
        if not all(post_word(t) for t in tokens)
        or (m.type == "PER" and lemmas[id(m)] & in_full_names)
    ]


def _place_after_post(doc: Doc, place: Mention, tokens: Sequence[Token]) -> Mention:
    heads = lexicon().heads
    posts = len(list(takewhile(lambda t: word_head_lemma(t.text) in heads, tokens)))
    if posts == 0:
        return place
    start = tokens[posts].start
    return Mention(start, place.stop, "LOC", doc.text[start : place.stop], place.sent_idx)
