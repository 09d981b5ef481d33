"""Visits, meetings and agreements: the rules of `models/events.toml` applied to
parsed sentences (`extractor.EventExtractor`).

`EventExtractor` is imported on first use: `lexicons` imports `frames` to check the
rules, and that should not load spaCy and the parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gov_extract.extract.events.extractor import EventExtractor

__all__ = ["EventExtractor"]


def __getattr__(name: str) -> Any:
    if name == "EventExtractor":
        from gov_extract.extract.events.extractor import EventExtractor

        return EventExtractor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
