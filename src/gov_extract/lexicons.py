"""The rule data in `models/`, loaded once per process.

Lexicons are data so that a researcher can read and extend them without touching
code. They live in `models/` at the top of the repository and ship inside the wheel
as the package `gov_extract.models` (pyproject.toml maps one to the other), so that a
plain `pip install` (a Dask worker's) has them; `GOV_EXTRACT_MODELS` points to another
copy of the folder, for a researcher who edits them.

Each file is checked when it loads against its lexicon's schema (`SCHEMAS`): every
key and value, so that a misspelt key or an unknown preposition in a path stops the
run with the file and the key named, instead of quietly matching nothing.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import json
import os
import re
import tomllib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from gov_extract.errors import UsageError

OVERRIDE = "GOV_EXTRACT_MODELS"
# The lexicons every run reads: a folder without one of them is not a rule folder.
NAMES = ("abbreviations", "chrome", "events", "gazetteer", "organizations", "posts")
# The layout of the files this code reads, written in each as `format = 1`: a file made
# for another layout is refused rather than half understood.
FORMAT = 1


class MissingLexicon(UsageError):
    """The rule folder lacks a lexicon; the message says where it looked."""


class RuleError(UsageError):
    """A lexicon breaks its schema; the message names the file and the key."""


@cache
def models_dir() -> Path:
    override = os.environ.get(OVERRIDE)
    folder = Path(override) if override else _shipped()
    missing = [name for name in NAMES if not (folder / f"{name}.toml").is_file()]
    if missing:
        where = f"{OVERRIDE}={override}" if override else "the installed package"
        raise MissingLexicon(
            f"no {', '.join(f'{name}.toml' for name in missing)} in {folder} ({where}): "
            f"point {OVERRIDE} to a copy of the project's models/ folder, or reinstall gov-extract"
        )
    return folder


def _shipped() -> Path:
    """models/ inside the installed package (a wheel), else beside src/ (the source tree
    and editable installs, whose import machinery cannot map a data folder)."""
    installed = Path(__file__).with_name("models")
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "models"


@cache
def load(name: str) -> dict[str, Any]:
    """The lexicon's rules, checked against its schema; without the `format` key."""
    path = models_dir() / f"{name}.toml"
    shown = _shown(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"{shown}: not valid TOML: {error}") from None
    version = data.pop("format", None)
    if version is None:
        raise RuleError(
            f"{shown}: no format version: write `format = {FORMAT}` at the top "
            f"if the file follows this gov-extract's layout (format {FORMAT})"
        )
    if type(version) is not int or version != FORMAT:
        raise RuleError(
            f"{shown}: made for format {version}, this gov-extract reads format {FORMAT}"
        )
    found = list(problems(data, schema(name)))
    if found:
        where, problem = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise RuleError(
            f"{shown}: {where}: {problem}{more}" if where else f"{shown}: {problem}{more}"
        )
    return data


def _shown(path: Path) -> str:
    """The file as the researcher knows it: `models/posts.toml` from the project."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@cache
def fingerprint() -> str:
    """A short hash of every lexicon, written into `pipeline_version`."""
    digest = hashlib.sha256()
    for path in sorted(models_dir().glob("*.toml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


# Schemas: what each lexicon may hold. A value's schema is one of the kinds below;
# `problems` checks a value against it.


@dataclass(frozen=True)
class Text:
    """A string; one of `choices`, or matching `pattern` (which `meaning` describes)."""

    choices: tuple[str, ...] = ()
    pattern: str = ""
    meaning: str = ""


@dataclass(frozen=True)
class Flag:
    """`true` or `false`."""


@dataclass(frozen=True)
class Items:
    """An array. `first` is the schema of the first item when it differs from the
    rest; `label` the key that names each item in messages, unique among them."""

    item: Schema
    first: Schema | None = None
    nonempty: bool = False
    label: str = ""


@dataclass(frozen=True)
class Record:
    """A table with known keys, all required but the `optional`; at most and at least
    one of `one_of`. `check` looks at what only the whole table tells, once its keys
    are right, and yields (key, problem) pairs."""

    fields: dict[str, Schema]
    optional: Collection[str] = ()
    one_of: tuple[str, ...] = ()
    check: Callable[[dict[str, Any]], Iterator[tuple[str, str]]] | None = field(
        default=None, compare=False
    )


@dataclass(frozen=True)
class Mapping:
    """A table whose keys are data (a short name, a preposition), its values alike."""

    value: Schema


@dataclass(frozen=True)
class OneOf:
    """A value of any one of the kinds listed, each kind at most once."""

    options: tuple[Schema, ...]

    def __init__(self, *options: Schema) -> None:
        object.__setattr__(self, "options", options)


Schema = Text | Flag | Items | Record | Mapping | OneOf

_KINDS: dict[type, tuple[type, ...]] = {
    Text: (str,),
    Flag: (bool,),
    Items: (list,),
    Record: (dict,),
    Mapping: (dict,),
}
_KIND_NAMES = {
    str: "a string",
    bool: "true or false",
    list: "an array",
    dict: "a table",
    int: "an integer",
    float: "a number",
}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def problems(value: Any, schema: Schema, where: str = "") -> Iterator[tuple[str, str]]:
    """What is wrong with `value` by `schema`: (where, problem) pairs, `where` the
    key as the file writes it (`frame "meeting.verb" args[2].path "obl:сс"`)."""
    if isinstance(schema, OneOf):
        kinds = [option for option in schema.options if _is_kind(value, option)]
        if not kinds:
            expected = " or ".join(_kind_name(option) for option in schema.options)
            yield where, f"expected {expected}, found {_found(value)}"
            return
        schema = kinds[0]
    if not _is_kind(value, schema):
        yield where, f"expected {_kind_name(schema)}, found {_found(value)}"
        return
    if isinstance(schema, Text):
        yield from _text_problems(value, schema, where)
    elif isinstance(schema, Items):
        yield from _items_problems(value, schema, where)
    elif isinstance(schema, Record):
        yield from _record_problems(value, schema, where)
    elif isinstance(schema, Mapping):
        for key, item in value.items():
            yield from problems(item, schema.value, _key(where, key))


def _text_problems(value: str, schema: Text, where: str) -> Iterator[tuple[str, str]]:
    shown = f"{where} {_quoted(value)}".strip()
    if schema.choices and value not in schema.choices:
        yield shown, f"unknown value{_suggest(value, schema.choices)}"
    if schema.pattern and not re.fullmatch(schema.pattern, value):
        yield shown, f"not {schema.meaning or 'matching ' + schema.pattern}"


def _items_problems(value: list[Any], schema: Items, where: str) -> Iterator[tuple[str, str]]:
    if schema.nonempty and not value:
        yield where, "is empty"
    seen: set[Any] = set()
    for index, item in enumerate(value):
        name = item.get(schema.label) if schema.label and isinstance(item, dict) else None
        if isinstance(name, str):
            if name in seen:
                yield (
                    f"{where} {_quoted(name)}",
                    f"a second item with {schema.label} {_quoted(name)}",
                )
            seen.add(name)
            inner = f"{where} {_quoted(name)}"
        else:
            inner = f"{where}[{index}]"
        item_schema = schema.first if index == 0 and schema.first is not None else schema.item
        yield from problems(item, item_schema, inner)


def _record_problems(
    value: dict[str, Any], schema: Record, where: str
) -> Iterator[tuple[str, str]]:
    found = False
    for key in value:
        if key not in schema.fields:
            found = True
            yield where, f"unknown key {_quoted(key)}{_suggest(key, tuple(schema.fields))}"
    for key in schema.fields:
        if key not in value and key not in schema.optional:
            found = True
            yield where, f"missing key {_quoted(key)}"
    if schema.one_of and sum(key in value for key in schema.one_of) != 1:
        found = True
        yield where, f"needs exactly one of the keys {', '.join(schema.one_of)}"
    for key, item in value.items():
        if key in schema.fields:
            for problem in problems(item, schema.fields[key], _key(where, key)):
                found = True
                yield problem
    if schema.check is not None and not found:
        for key, problem in schema.check(value):
            yield _join(where, key), problem


def _is_kind(value: Any, schema: Schema) -> bool:
    # `bool` is an `int` to Python, and no string is anything else.
    return type(value) in _KINDS.get(type(schema), ())


def _kind_name(schema: Schema) -> str:
    return _KIND_NAMES[_KINDS[type(schema)][0]]


def _found(value: Any) -> str:
    shown = _quoted(value)
    # Enough of a table or an array to find it by.
    shown = shown if len(shown) <= 60 else shown[:59] + "…"
    return f"{_KIND_NAMES.get(type(value), type(value).__name__)} {shown}"


def _quoted(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _suggest(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    hint = f"did you mean {_quoted(close[0])}? " if close else ""
    return f" ({hint}expected one of {', '.join(choices)})"


def _key(where: str, key: str) -> str:
    return _join(where, key if _IDENTIFIER.fullmatch(key) else _quoted(key))


def _join(where: str, key: str) -> str:
    if not where:
        return key
    # After a quoted name (`frame "meeting.verb"`) the next key reads better spaced.
    return f"{where} {key}" if where.endswith('"') else f"{where}.{key}"


# Where each lexicon's schema is declared, beside the code that reads the lexicon when
# it needs more than this module; imported when the lexicon loads.
SCHEMAS = {
    "abbreviations": "gov_extract.lexicons:ABBREVIATIONS",
    "chrome": "gov_extract.lexicons:CHROME",
    "events": "gov_extract.extract.events.frames:SCHEMA",
    "gazetteer": "gov_extract.link.regions:SCHEMA",
    "organizations": "gov_extract.lexicons:ORGANIZATIONS",
    "posts": "gov_extract.lexicons:POSTS",
}


def schema(name: str) -> Schema:
    module, _, attribute = SCHEMAS[name].partition(":")
    found: Schema = getattr(importlib.import_module(module), attribute)
    return found


_WORDS = Items(Text())
# pymorphy3's grammatical cases: what a preposition or a head governs.
_CASE = Text(
    choices=("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2")
)

# Read by `extract.aliases`.
ABBREVIATIONS = Record({"ORG": Mapping(Text()), "LOC": Mapping(Text()), "common": Mapping(Text())})
# Read by `inputs.clean`.
CHROME = Record(
    {
        "cut_from": _WORDS,
        "drop": _WORDS,
        "dates": Record({"labels": _WORDS, "decoys": _WORDS, "counters": _WORDS}),
    },
    optional=("dates",),
)
# Read by `extract.orgs` (and `heads` by `extract.posts`).
ORGANIZATIONS = Record(
    {
        "heads": _WORDS,
        "legal_forms": _WORDS,
        "event_modifiers": _WORDS,
        "chain_prepositions": Mapping(_CASE),
        "governs": Mapping(_CASE),
        "place_nouns": _WORDS,
    }
)
_PLACE = Record({"names": _WORDS, "adjectives": _WORDS}, optional=("names", "adjectives"))
# Read by `extract.posts`.
POSTS = Record(
    {
        **{
            key: _WORDS
            for key in (
                "heads",
                "professions",
                "modifiers",
                "former",
                "acting",
                "dependent",
                "territorial",
                "national",
                "state_nouns",
                "state_heads",
                "generic_heads",
                "territory_nouns",
                "bodies",
                "abbreviated",
            )
        },
        "kinds": Mapping(_WORDS),
        "short_heads": Mapping(Text()),
        "chain_prepositions": Mapping(_CASE),
        "named_prepositions": Mapping(_CASE),
        "object_prepositions": Mapping(_CASE),
        "governs": Mapping(_CASE),
        "links": Record(
            {
                key: _WORDS
                for key in (
                    "offices",
                    "candidacy",
                    "serving",
                    "relatives",
                    "after_person",
                    "list_openers",
                    "address",
                    "compound",
                    "copulas",
                    "appointing",
                )
            }
        ),
        "countries": Mapping(_PLACE),
        "regions": Mapping(_PLACE),
    }
)
