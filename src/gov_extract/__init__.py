"""gov-extract: tables of people, posts, bodies, places and events from Russian
government press releases.

    import gov_extract
    summary = gov_extract.run("data/raw", "data/out")   # what `gov-extract run` does

The tables are Parquet folders under OUT (docs/schema.md). Names are imported when
first used: worker processes import this package and must not load the pipeline's
writers with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.4.0"

__all__ = ["Columns", "RunSummary", "__version__", "run"]

if TYPE_CHECKING:
    from gov_extract.inputs.read import Columns
    from gov_extract.pipeline import RunSummary, run

_LAZY = {
    "run": "gov_extract.pipeline",
    "RunSummary": "gov_extract.pipeline",
    "Columns": "gov_extract.inputs.read",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'gov_extract' has no attribute {name!r}")
