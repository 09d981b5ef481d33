"""gov-extract: tables of people, posts, bodies, places and events from Russian
government press releases.

    import gov_extract
    summary = gov_extract.run("data/raw", "data/out")   # what `gov-extract run` does
    tables = gov_extract.load("data/out")                # the tables as DataFrames
    found = gov_extract.extract("Губернатор … посетил …")  # one text, in memory
    page = gov_extract.render(found)                      # the page of `show --html`

The tables are Parquet folders under OUT (docs/schema.md). Names are imported when
first used: worker processes import this package and must not load the pipeline's
writers with it.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

__version__ = "0.7.0"

__all__ = [
    "Columns", "RunSummary", "Tables", "__version__", "extract", "load", "render", "run",
]  # fmt: skip

if TYPE_CHECKING:
    from gov_extract.inputs.read import Columns
    from gov_extract.pipeline import RunSummary, run
    from gov_extract.tables import Tables, load, render

_LAZY = {
    "run": "gov_extract.pipeline",
    "RunSummary": "gov_extract.pipeline",
    "Columns": "gov_extract.inputs.read",
    "Tables": "gov_extract.tables",
    "load": "gov_extract.tables",
    "render": "gov_extract.tables",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'gov_extract' has no attribute {name!r}")


class _Extract:
    """`gov_extract.extract(text, published_at=None, title=None)`: the tables of one
    text, in memory (`gov_extract.text.extract`).

    The name is also the subpackage `gov_extract.extract` (the extraction rules). The
    import system sets a subpackage, once loaded, as an attribute of its parent, which
    would turn this function into a module; `_Package` keeps the name for the function,
    and the function hands attribute lookups to the subpackage, so that
    `gov_extract.extract.events` still names that module."""

    def __call__(
        self, text: str, published_at: datetime | date | str | None = None,
        title: str | None = None,
    ) -> Tables:  # fmt: skip
        from gov_extract.text import extract

        return extract(text, published_at, title)

    def __getattr__(self, name: str) -> Any:
        return getattr(import_module("gov_extract.extract"), name)

    def __repr__(self) -> str:
        return "<function gov_extract.extract(text, published_at=None, title=None)>"


extract = _Extract()


class _Package(ModuleType):
    @property
    def extract(self) -> _Extract:
        return extract

    @extract.setter
    def extract(self, subpackage: ModuleType) -> None:
        """Where the import system puts `gov_extract.extract` once loaded: it stays in
        sys.modules, which is where imports look."""


sys.modules[__name__].__class__ = _Package
