"""The event rules of `models/events.toml` as typed records, and the schema they are
checked against when the file loads.

No spaCy here: `lexicons` imports this module to check the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from gov_extract import lexicons
from gov_extract.lexicons import Flag, Items, OneOf, Record, Schema, Text

# What the output's `type` column and the CAMEO mapping (`attributes.cameo`) know.
TYPES = ("meeting", "visit", "agreement")
# What `arguments.role` turns into the `role` column.
ROLES = ("participant", "party", "visitor", "host", "target")


@dataclass(frozen=True, slots=True)
class Arg:
    path: tuple[str, ...]
    role: str
    head: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Frame:
    name: str
    type: str
    cameo: str
    args: tuple[Arg, ...]
    topic: tuple[tuple[str, ...], ...]
    place: tuple[tuple[str, ...], ...]
    # Lemmas of words the trigger must not hang on or be introduced by (`зал
    # заседаний`, `в соответствии с Соглашением`).
    not_under: frozenset[str] = frozenset()
    # The frame tells who received a visitor (`принял`, `встретили в аэропорту`): with the
    # visitor of a visit told before it, it names that visit's hosts.
    receives: bool = False
    # The frame only names who else took part in the event of its type told just
    # before (`В состав делегации также вошли X и Y`): it joins that event, and is no
    # event where there is none.
    joins: bool = False
    # Per word the frame's pattern cannot match without, the lemmas it allows: a
    # sentence without one of them is not parsed for this frame.
    needs: tuple[frozenset[str], ...] = ()

    def may_match(self, lemmas: set[str]) -> bool:
        """Whether a sentence of these lemmas holds every word the pattern needs."""
        return all(not allowed.isdisjoint(lemmas) for allowed in self.needs)


@dataclass(frozen=True, slots=True)
class Lexicon:
    frames: dict[str, Frame]
    planned: frozenset[str]
    negated: frozenset[str]
    negation_words: frozenset[str]
    postponed: frozenset[str]
    unfulfilled: frozenset[str]
    new_date: frozenset[str]
    purpose: frozenset[str]
    groups: frozenset[str]
    facilities: frozenset[str]
    bodies: frozenset[str]
    body_members: frozenset[str]
    sitting_words: frozenset[str]
    anaphoric: frozenset[str]
    joining: frozenset[str]
    object_control: frozenset[str]
    places: frozenset[str]
    heads_after: tuple[tuple[str, ...], ...]
    members_after: tuple[tuple[str, ...], ...]
    leading: frozenset[str]
    ours: frozenset[str]
    publics: frozenset[str]
    partitive: frozenset[str]
    regions: frozenset[str]
    trigger_lemmas: frozenset[str]


@cache
def lexicon() -> Lexicon:
    data = lexicons.load("events")
    frames = {}
    lemmas: set[str] = set()
    for raw in data["frame"]:
        frames[raw["name"]] = Frame(
            name=raw["name"],
            type=raw["type"],
            cameo=raw["cameo"],
            args=tuple(
                Arg(tuple(a["path"].split("/")), a["role"], frozenset(a.get("head", [])))
                for a in raw["args"]
            ),
            topic=tuple(tuple(path.split("/")) for path in raw["topic"]),
            place=tuple(tuple(path.split("/")) for path in raw["place"]),
            not_under=frozenset(raw.get("not_under", [])),
            receives=raw.get("receives", False),
            joins=raw.get("joins", False),
            needs=_needs(raw.get("match") or [node["RIGHT_ATTRS"] for node in raw["dependency"]]),
        )
        first = raw["match"][0] if "match" in raw else raw["dependency"][0]["RIGHT_ATTRS"]
        lemmas.update(first["LEMMA"]["IN"])
        if "match" in raw:
            for token in raw["match"]:
                lemmas.update(token["LEMMA"]["IN"])
    modality, participants = data["modality"], data["participants"]
    return Lexicon(
        frames=frames,
        planned=frozenset(modality["planned"]),
        negated=frozenset(modality["negated"]),
        negation_words=frozenset(modality["negation_words"]),
        postponed=frozenset(modality["postponed"]),
        unfulfilled=frozenset(modality["unfulfilled"]),
        new_date=frozenset(modality["new_date"]),
        purpose=frozenset(modality["purpose"]),
        groups=frozenset(participants["groups"]),
        facilities=frozenset(participants["facilities"]),
        bodies=frozenset(participants["bodies"]),
        body_members=frozenset(participants["body_members"]),
        sitting_words=frozenset(participants["sitting_words"]),
        anaphoric=frozenset(participants["anaphoric"]),
        joining=frozenset(participants["joining"]),
        object_control=frozenset(participants["object_control"]),
        places=frozenset(participants["places"]),
        heads_after=tuple(tuple(p.split()) for p in participants["heads_after"]),
        members_after=tuple(tuple(p.split()) for p in participants["members_after"]),
        leading=frozenset(participants["leading"]),
        ours=frozenset(participants["ours"]),
        publics=frozenset(participants["publics"]),
        partitive=frozenset(participants["partitive"]),
        regions=frozenset(participants["regions"]),
        trigger_lemmas=frozenset(lemmas),
    )


def _needs(tokens: list[dict[str, Any]]) -> tuple[frozenset[str], ...]:
    """The lemma sets of the pattern's words that must be there: a word that may be
    left out or must not match (`OP` `?`, `*`, `!`) needs none."""
    needs = []
    for token in tokens:
        wanted = token.get("LEMMA")
        if token.get("OP", "+") != "+" or wanted is None:
            continue
        if isinstance(wanted, str):
            needs.append(frozenset({wanted}))
        elif "IN" in wanted:
            needs.append(frozenset(wanted["IN"]))
    return tuple(needs)


def _paths_problems(frame: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every path of a frame in the path language, and what only the whole frame
    tells: the node names its paths and `LEFT_ID`s may use."""
    # Imported here: the path language reads parsed sentences, and `lexicons` imports
    # this module.
    from gov_extract.extract.events.paths import problem

    nodes = [node["RIGHT_ID"] for node in frame.get("dependency", [])]
    for index, node in enumerate(frame.get("dependency", [])[1:], start=1):
        if node["LEFT_ID"] not in nodes[:index]:
            yield (
                f'dependency[{index}].LEFT_ID "{node["LEFT_ID"]}"',
                f"no earlier node has this RIGHT_ID (earlier: {', '.join(nodes[:index])})",
            )
    for index, arg in enumerate(frame["args"]):
        found = problem(arg["path"], nodes)
        if found:
            yield f'args[{index}].path "{arg["path"]}"', found
        if "head" in arg and not any(step.startswith("^") for step in arg["path"].split("/")):
            yield f"args[{index}].head", 'filters the heads a path climbs to: it needs a "^" step'
    for key in ("topic", "place"):
        for index, path in enumerate(frame[key]):
            found = problem(path, nodes)
            if found:
                yield f'{key}[{index}] "{path}"', found


_WORDS = Items(Text())
# `LEMMA = {IN = [...]}`: the lemmas of a trigger word, which pick the sentences worth
# parsing (`Lexicon.trigger_lemmas`).
_LEMMAS = Record({"IN": _WORDS})
# The token attributes of spaCy's patterns these rules may use; a value is one string
# or a set of them.
_VALUE = OneOf(
    Text(),
    Record({"IN": _WORDS, "NOT_IN": _WORDS, "REGEX": Text()}, optional=("IN", "NOT_IN", "REGEX")),
)
_ATTRIBUTES: dict[str, Schema] = {
    **{
        name: _VALUE
        for name in ("POS", "TAG", "DEP", "MORPH", "ORTH", "TEXT", "LOWER", "NORM", "ENT_TYPE")
    },
    "OP": Text(choices=("?", "*", "+", "!")),
    # `_.person` and `_.named`, set by `matching.mark_persons`.
    "_": Record({"person": Flag(), "named": Flag()}, optional=("person", "named")),
}
_TRIGGER_TOKEN = Record({"LEMMA": _LEMMAS, **_ATTRIBUTES}, optional=tuple(_ATTRIBUTES))
_NODE = Record(
    {
        "LEFT_ID": Text(),
        # spaCy's DependencyMatcher operators.
        "REL_OP": Text(
            choices=(">", "<", ">>", "<<", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--")
        ),
        "RIGHT_ID": Text(),
        "RIGHT_ATTRS": Record({"LEMMA": _VALUE, **_ATTRIBUTES}, optional=("LEMMA", *_ATTRIBUTES)),
    }
)
# The first node of a `dependency` is the trigger, where the paths start.
_TRIGGER_NODE = Record({"RIGHT_ID": Text(choices=("trigger",)), "RIGHT_ATTRS": _TRIGGER_TOKEN})
_FRAME = Record(
    {
        "name": Text(),
        "type": Text(choices=TYPES),
        "cameo": Text(pattern=r"\d{2,4}", meaning="a CAMEO code of 2 to 4 digits"),
        "match": Items(_TRIGGER_TOKEN, nonempty=True),
        "dependency": Items(_NODE, first=_TRIGGER_NODE),
        "args": Items(
            Record(
                {"path": Text(), "role": Text(choices=ROLES), "head": _WORDS}, optional=("head",)
            )
        ),
        "topic": Items(Text()),
        "place": Items(Text()),
        "not_under": _WORDS,
        "receives": Flag(),
        "joins": Flag(),
    },
    optional=("match", "dependency", "not_under", "receives", "joins"),
    one_of=("match", "dependency"),
    check=_paths_problems,
)
SCHEMA = Record(
    {
        "frame": Items(_FRAME, label="name"),
        "modality": Record(
            {
                "planned": _WORDS,
                "negated": _WORDS,
                "negation_words": _WORDS,
                "postponed": _WORDS,
                "unfulfilled": _WORDS,
                "new_date": _WORDS,
                "purpose": _WORDS,
            }
        ),
        "participants": Record(
            {
                "groups": _WORDS,
                "facilities": _WORDS,
                "bodies": _WORDS,
                "body_members": _WORDS,
                "sitting_words": _WORDS,
                "anaphoric": _WORDS,
                "joining": _WORDS,
                "object_control": _WORDS,
                "places": _WORDS,
                "heads_after": _WORDS,
                "members_after": _WORDS,
                "leading": _WORDS,
                "ours": _WORDS,
                "publics": _WORDS,
                "partitive": _WORDS,
                "regions": _WORDS,
            }
        ),
    }
)
