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


@dataclass
class Found:
    """One trigger match: its frame, its trigger tokens and named pattern nodes."""

    frame: Frame
    trigger: list[int]
    nodes: dict[str, int] = field(default_factory=dict)


class Triggers:
    """The compiled patterns of every frame; call it on a parsed sentence."""

    def __init__(self, vocab: Vocab) -> None:
        self.matcher = Matcher(vocab)
        self.dependency = DependencyMatcher(vocab)
        for raw in lexicons.load("events")["frame"]:
            if "match" in raw:
                self.matcher.add(raw["name"], [raw["match"]])
            else:
                self.dependency.add(raw["name"], [raw["dependency"]])
        self.node_names = {
            raw["name"]: [node["RIGHT_ID"] for node in raw["dependency"]]
            for raw in lexicons.load("events")["frame"]
            if "dependency" in raw
        }

    def __call__(self, sdoc: SpacyDoc) -> list[Found]:
        frames = lexicon().frames
        strings = sdoc.vocab.strings
        found = []
        for match_id, start, end in self.matcher(sdoc):
            found.append(Found(frames[strings[match_id]], list(range(start, end))))
        for match_id, tokens in self.dependency(sdoc):
            name = strings[match_id]
            nodes = dict(zip(self.node_names[name], tokens, strict=True))
            trigger = sorted({nodes["trigger"], *(t for n, t in nodes.items() if n == "document")})
            found.append(Found(frames[name], trigger, nodes))
        return without_nested(sdoc, found)


def without_nested(sdoc: SpacyDoc, matches: list[Found]) -> list[Found]:
    """One match per trigger word; a noun under a verb trigger of the same type
    (`посетила с рабочим визитом`) belongs to the verb's event."""
    taken: set[int] = set()
    kept = []
    # Longer matches first: `телефонный разговор` before `разговор`,
    # `подписали соглашение` before `соглашение`.
    for match in sorted(matches, key=lambda m: (-len(m.trigger), -len(m.nodes))):
        if not taken & set(match.trigger):
            kept.append(match)
            taken.update(match.trigger)
    triggers = {(m.frame.type, i) for m in kept for i in m.trigger}
    return sorted(
        (
            m
            for m in kept
            if (m.frame.type, sdoc[path_start(m)].head.i) not in triggers
            or sdoc[path_start(m)].head.i in m.trigger
        ),
        key=lambda m: m.trigger[0],
    )


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
    with a name in apposition (`своего французского коллегу Николя Саркози`)."""
    tokens = context.doc.sentences[context.sent_idx].tokens
    persons = [bool(m and m.type == "PER") for m in context.mentions]
    for token in context.sdoc:
        named_apposition = any(
            c.dep_ in ("appos", "flat:name") and persons[c.i] for c in token.children
        )
        held = tokens[token.i].start in context.persons_by_post
        token._.person = persons[token.i] or held or named_apposition
