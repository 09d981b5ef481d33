"""One sentence with its mentions laid over its tokens by token index: the ground the
post grammar and the rules that attach posts walk on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gov_extract.records import Doc, Mention, Token, tokens_within


@dataclass(slots=True)
class View:
    """One sentence with its mentions laid over its tokens by token index."""

    doc: Doc
    index: int
    tokens: list[Token]
    per_start: dict[int, Mention] = field(default_factory=dict)
    per_end: dict[int, Mention] = field(default_factory=dict)
    in_per: set[int] = field(default_factory=set)
    # Token index → last token index of the ORG/LOC mentions (merged where they overlap)
    # that cover it.
    named_end: dict[int, int] = field(default_factory=dict)
    named: list[Mention] = field(default_factory=list)


def views(doc: Doc) -> Iterable[View]:
    by_sentence: dict[int, list[Mention]] = {}
    for mention in doc.mentions:
        by_sentence.setdefault(mention.sent_idx, []).append(mention)
    for index, sent in enumerate(doc.sentences):
        view = View(doc, index, sent.tokens)
        for mention in by_sentence.get(index, ()):
            span = _token_span(sent.tokens, mention)
            if span is None:
                continue
            first, last = span
            if mention.type == "PER":
                view.per_start[first] = mention
                view.per_end[last] = mention
                view.in_per.update(range(first, last + 1))
            else:
                view.named.append(mention)
                _cover(view.named_end, first, last)
        yield view


def _token_span(tokens: Sequence[Token], mention: Mention) -> tuple[int, int] | None:
    inside = tokens_within(tokens, mention.start, mention.stop)
    return (tokens.index(inside[0]), tokens.index(inside[-1])) if inside else None


def _cover(named_end: dict[int, int], first: int, last: int) -> None:
    """Merge overlapping mentions: `правительства Республики` + `Республики Крым` is one block."""
    covered = [i for i in range(first, last + 1) if i in named_end]
    stop = max([last, *(named_end[i] for i in covered)])
    start = min([first, *(i for i in named_end if named_end[i] >= first and i <= last)])
    for i in range(start, stop + 1):
        named_end[i] = stop
