"""Dates and times as press services write them in release headers and metadata.

A header line holds a date, a time, or both, and nothing else:
`07:05`, `18-05-18`, `18 мая 2018, 14:30`, `18.05.2018 07:05`, `2018-05-18T07:05:00`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
MONTH_FORMS = (
    r"январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?"
    r"|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]"
)

_TIME = r"(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
_SEP = r"[\s,|/–—-]*"
_DATE_FORMS = [
    # 2018-05-18, 2018-05-18T07:05:00+03:00
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",
    # 18.05.2018, 18.05.18, 18/05/2018, 18-05-18
    r"(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4}|\d{2})",
    # 18 мая 2018, 18 мая 2018 г., 18 мая 2018 года
    rf"(?P<day>\d{{1,2}})\s+(?P<month_name>{MONTH_FORMS})\s+(?P<year>\d{{4}})(?:\s*(?:г\.|года?))?",
]
_TZ = r"(?:Z|[+-]\d{2}:?\d{2})?"
_LINE_FORMS = (
    [re.compile(rf"^{d}(?:(?:{_SEP}|T){_TIME}{_TZ})?$", re.IGNORECASE) for d in _DATE_FORMS]
    + [re.compile(rf"^{_TIME}{_SEP}{d}$", re.IGNORECASE) for d in _DATE_FORMS]
    + [re.compile(rf"^{_TIME}$")]
)


@dataclass(frozen=True, slots=True)
class Stamp:
    """What one header line says: a date, a time, or both."""

    date: date | None = None
    time: time | None = None


def parse_stamp(line: str) -> Stamp | None:
    """The date and time of a header line, or None when the line is anything else."""
    line = line.strip()
    if len(line) > 40:
        return None
    for form in _LINE_FORMS:
        match = form.match(line)
        if match:
            return _stamp(match.groupdict())
    return None


def combine(stamps: list[Stamp]) -> datetime | None:
    """One timestamp from the header lines: the first date with the first time."""
    day = next((s.date for s in stamps if s.date), None)
    if day is None:
        return None
    moment = next((s.time for s in stamps if s.time), None) or time(0, 0)
    return datetime.combine(day, moment)


def parse_datetime(value: object) -> datetime | None:
    """A metadata value (string, datetime or pandas Timestamp) as a naive local timestamp.

    An offset such as `+03:00` is dropped rather than converted: releases give the
    local time of the press service, and researchers read it that way.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    text = str(value).strip()
    if not text or text.lower() in {"nan", "nat", "none", "null"}:
        return None
    stamp = parse_stamp(text)
    return combine([stamp]) if stamp else None


def _stamp(groups: dict[str, str | None]) -> Stamp | None:
    day = None
    if groups.get("day"):
        month = _month(groups)
        year = int(groups["year"] or 0)
        if year < 100:
            year += 2000 if year < 70 else 1900
        try:
            day = date(year, month, int(groups["day"]))
        except ValueError:
            return None
    moment = None
    if groups.get("hour"):
        moment = time(int(groups["hour"]), int(groups["minute"] or 0), int(groups["second"] or 0))
    return Stamp(day, moment)


def _month(groups: dict[str, str | None]) -> int:
    name = groups.get("month_name")
    return month_number(name) if name else int(groups["month"] or 0)


def month_number(name: str) -> int:
    """`мая`, `Марта` → 5, 3."""
    name = name.lower()
    # Longest stem first, so that `марта` is not read as `ма(я)`.
    for stem in sorted(MONTHS, key=len, reverse=True):
        if name.startswith(stem):
            return MONTHS[stem]
    raise ValueError(name)
