"""Mentions that are nothing but post words (`Замглавы` tagged ORG, `Президент`
tagged PER) dropped, and a place or person that starts with a post cut after it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import takewhile

from gov_extract.extract.posts.lexicon import lexicon, word_head_lemma
from gov_extract.nlp.morph import is_word, parses
from gov_extract.nlp.norm import NAME_TAGS
from gov_extract.records import Doc, Mention, Token, tokens_within


def drop_post_mentions(doc: Doc) -> None:
    """`Замглавы` tagged ORG on its own, before `Федеральной миграционной службы`, or
    `подчеркнул Президент` tagged PER: a mention that is nothing but post words names a
    post, not a body, a place or a person. Unless the document names a person with that
    word in a full name: `Адвокат` after `Дик Адвокат` is his surname. A place or a
    person does not start with a post either (`_name_after_post`)."""
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
    # A place is no name of a person: `Раис Республики Татарстан` starts with the post
    # even though `Раис` may be a first name.
    starts = {"LOC": lambda t: word_head_lemma(t.text) in lex.heads, "PER": post_word}
    doc.mentions = [
        _name_after_post(doc, m, tokens, starts[m.type]) if m.type in starts else m
        for m, tokens in found
        if not all(post_word(t) for t in tokens)
        or (m.type == "PER" and lemmas[id(m)] & in_full_names)
    ]


def _name_after_post(
    doc: Doc, mention: Mention, tokens: Sequence[Token], post_word: Callable[[Token], bool]
) -> Mention:
    """The name without the post words it starts with: `Раис Республики Татарстан`
    tagged LOC is `Республики Татарстан`, `Император Акихито` or `Папа Франциск` tagged
    PER is `Акихито`, `Франциск`, whose post is then read."""
    posts = len(list(takewhile(post_word, tokens)))
    if posts == 0 or posts == len(tokens):
        return mention
    start = tokens[posts].start
    text = doc.text[start : mention.stop]
    return Mention(start, mention.stop, mention.type, text, mention.sent_idx)
