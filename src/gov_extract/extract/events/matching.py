"""Triggers: the frames' token and tree patterns compiled into spaCy's Matcher and
DependencyMatcher, the parsed sentence made ready for them, and one match kept per
trigger word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from gov_extract import lexicons
from gov_extract.extract.events.frames import Frame, lexicon
from gov_extract.records import Mention

if TYPE_CHECKING:
    from gov_extract.extract.events.arguments import Context

# `_.person` in patterns: the token names a person, or a post someone holds.
if not Token.has_extension("person"):
    Token.set_extension("person", default=False)
# `_.named` in patterns: the token stands for a named side, a person or a named body or
# place (`посещение комбината АО «…»`, not `посещение нашего сайта`).
if not Token.has_extension("named"):
    Token.set_extension("named", default=False)


@dataclass
class Found:
    """One trigger match: its frame, its trigger tokens and named pattern nodes."""

    frame: Frame
    trigger: list[int]
    nodes: dict[str, int] = field(default_factory=dict)


class Triggers:
    """The compiled patterns of every frame; call it on a parsed sentence."""

    def __init__(self, vocab: Vocab) -> None:
        frames = lexicon().frames
        self.matcher = Matcher(vocab)
        self.token_frames: list[Frame] = []
        # One DependencyMatcher per frame, in the file's order (that of one matcher's
        # matches), each run only on sentences with the lemmas its pattern needs: spaCy
        # runs a token pattern per node of every tree pattern over the whole sentence,
        # and that was most of the matching time.
        self.dependency: list[tuple[Frame, DependencyMatcher]] = []
        for raw in lexicons.load("events")["frame"]:
            if "match" in raw:
                self.matcher.add(raw["name"], [raw["match"]])
                self.token_frames.append(frames[raw["name"]])
            else:
                matcher = DependencyMatcher(vocab)
                matcher.add(raw["name"], [raw["dependency"]])
                self.dependency.append((frames[raw["name"]], matcher))
        self.node_names = {
            raw["name"]: [node["RIGHT_ID"] for node in raw["dependency"]]
            for raw in lexicons.load("events")["frame"]
            if "dependency" in raw
        }

    def __call__(self, sdoc: SpacyDoc) -> list[Found]:
        frames = lexicon().frames
        strings = sdoc.vocab.strings
        found = []
        lemmas = {token.lemma_ for token in sdoc}
        # The token patterns run together (their matches come in the order of one
        # matcher), unless none of them may match.
        if any(frame.may_match(lemmas) for frame in self.token_frames):
            for match_id, start, end in self.matcher(sdoc):
                found.append(Found(frames[strings[match_id]], list(range(start, end))))
        for frame, matcher in self.dependency:
            if not frame.may_match(lemmas):
                continue
            for match_id, tokens in matcher(sdoc):
                name = strings[match_id]
                nodes = dict(zip(self.node_names[name], tokens, strict=True))
                trigger = sorted(
                    {nodes["trigger"], *(t for n, t in nodes.items() if n == "document")}
                )
                found.append(Found(frames[name], trigger, nodes))
        return without_nested(sdoc, found)


def without_nested(sdoc: SpacyDoc, matches: list[Found]) -> list[Found]:
    """One match per trigger word and type (`принял` a person: a visit and a meeting);
    a noun under a trigger of the same type (`посетила с рабочим визитом`) belongs to
    that event, unless coordinated with it; a trigger under or introduced by one of
    its frame's `not_under` words (`зал заседаний`, `в соответствии с Соглашением`) is
    none."""
    taken: set[tuple[str, int]] = set()
    kept = []
    # Longer matches first: `телефонный разговор` before `разговор`,
    # `подписали соглашение` before `соглашение`.
    for match in sorted(matches, key=lambda m: (-len(m.trigger), -len(m.nodes))):
        if match.frame.not_under & _governing_words(sdoc[path_start(match)]):
            continue
        words = {(match.frame.type, i) for i in match.trigger}
        if not taken & words:
            kept.append(match)
            taken |= words
    triggers = {(m.frame.type, i) for m in kept for i in m.trigger}
    return sorted(
        (
            m
            for m in kept
            if (m.frame.type, sdoc[path_start(m)].head.i) not in triggers
            or sdoc[path_start(m)].head.i in m.trigger
            # `встреча с X, совещание с Y`: coordinated, two events.
            or sdoc[path_start(m)].dep_ == "conj"
        ),
        key=lambda m: m.trigger[0],
    )


def _governing_words(token: Token) -> set[str]:
    """The lemmas of the word the token hangs on and of the words that introduce it
    (`в соответствии с Соглашением`: `в`, `соответствие`, `с`)."""
    words = {token.head.lemma_} if token.head.i != token.i else set()
    for case in (c for c in token.children if c.dep_ == "case"):
        words |= {case.lemma_, *(f.lemma_ for f in case.children if f.dep_ == "fixed")}
    return words


def path_start(found: Found) -> int:
    """The token the frame's paths start from: the verb of a two-node pattern,
    the head noun of `телефонный разговор`."""
    return found.nodes.get("trigger", found.trigger[-1])


def set_entities(sdoc: SpacyDoc, mentions: Sequence[Mention | None]) -> None:
    """Entity spans on the spaCy Doc, so that patterns can ask for ENT_TYPE."""
    spans = []
    index = 0
    while index < len(mentions):
        mention = mentions[index]
        if mention is None:
            index += 1
            continue
        end = index
        while end < len(mentions) and mentions[end] is mention:
            end += 1
        spans.append(Span(sdoc, index, end, label=mention.type))
        index = end
    sdoc.ents = spans


def mark_persons(context: Context) -> None:
    """`_.person` for patterns: a person's name, a post someone holds, or a noun
    with a name in apposition (`своего французского коллегу Николя Саркози`).
    `_.named`: that, or a named body or place, or a group or facility noun named
    (`делегация Правительства …`, `центр «Юность»`)."""
    sdoc, mentions = context.sdoc, context.mentions
    tokens = context.doc.sentences[context.sent_idx].tokens
    heads = [token.head.i for token in sdoc]
    persons = [bool(m and m.type == "PER") for m in mentions]
    apposed = {
        heads[token.i]
        for token in sdoc
        if persons[token.i] and token.dep_ in ("appos", "flat:name") and heads[token.i] != token.i
    }
    person = [
        persons[i] or tokens[i].start in context.persons_by_post or i in apposed
        for i in range(len(sdoc))
    ]
    lex = lexicon()
    standing = lex.groups | lex.facilities
    named = [p or m is not None for p, m in zip(person, mentions, strict=True)]
    depths = _depths(heads)
    # Children before their heads: a noun's `nmod` is marked when the noun is reached.
    for i in sorted(range(len(sdoc)), key=lambda i: -depths[i]):
        if not named[i]:
            token = sdoc[i]
            named[i] = token.lemma_ in standing and any(
                _names(token, c, named) for c in token.children
            )
    # The extensions default to False on the freshly parsed sentence.
    for i in range(len(sdoc)):
        if person[i]:
            sdoc[i]._.person = True
        if named[i]:
            sdoc[i]._.named = True


def _names(token: Token, child: Token, named: list[bool]) -> bool:
    """Whether the child names the group or facility: its body (`цех завода АО «…»`)
    or its own name in quotes (`центр «Юность»`)."""
    if child.dep_ == "nmod":
        return named[child.i]
    return child.dep_ == "appos" and child.text[:1].isupper() and child.i > token.i


def _depths(heads: list[int]) -> list[int]:
    """Each token's number of ancestors in a tree of heads (the root heads itself),
    each walk up stopping at the first token whose depth is known."""
    depths = [-1] * len(heads)
    for start in range(len(heads)):
        path, node = [], start
        while depths[node] < 0 and heads[node] != node:
            path.append(node)
            node = heads[node]
        depth = depths[node] = max(depths[node], 0)
        for visited in reversed(path):
            depth += 1
            depths[visited] = depth
    return depths
