"""Dates and times as press services write them in release headers and metadata.

A date line holds a date, a time, or both: `07:05`, `18-05-18`, `18 мая 2018, 14:30`,
`18.05.2018 07:05`, `2018-05-18T07:05:00`, and as sites print them: `Пятница, 21 июня
2024`, `15:34 30/05/2017`, `21.11.2010 в 18:51`, `12:24, 8 ноября 2023 года`. A day and
month without a year (`15 мая, 16:22`, `Вчера, 15:21`) make a date line that gives no
date: the day it names is unknown.
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
_WEEKDAY = (
    r"(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
    r"|пн|вт|ср|чт|пт|сб|вс)\.?"
)
# The days a site counts from the reader's day, which the page does not give.
_RELATIVE_DAY = r"(?:позавчера|вчера|сегодня|завтра)"

_TIME = r"(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
_SEP = r"[\s,|/–—-]*"
# `21.11.2010 в 18:51`
_TIME_SEP = rf"(?:{_SEP}|T|\s*,?\s+в\s+)"
_YEAR_WORD = r"(?:\s*(?:г\.|года?))?"
_DATE_FORMS = [
    # 2018-05-18, 2018-05-18T07:05:00+03:00
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",
    # 18.05.2018, 18.05.18, 18/05/2018, 18-05-18, 18.05.2018 г.
    rf"(?P<day>\d{{1,2}})[./-](?P<month>\d{{1,2}})[./-](?P<year>\d{{4}}|\d{{2}}){_YEAR_WORD}",
    # 18 мая 2018, 18 мая 2018 г., 18 мая 2018 года
    rf"(?P<day>\d{{1,2}})\s+(?P<month_name>{MONTH_FORMS})\s+(?P<year>\d{{4}}){_YEAR_WORD}",
    # 18 мая, Вчера: the day is not known
    rf"(?P<yearless>\d{{1,2}}\s+(?:{MONTH_FORMS})|{_RELATIVE_DAY})",
]
_TZ = r"(?:Z|[+-]\d{2}:?\d{2})?"
_DAY_NAME = rf"(?:{_WEEKDAY}\s*,?\s*)?"
# Each form reads a stamp at the start of a line; what follows it is the caller's.
_FORMS = (
    [
        re.compile(rf"^{_DAY_NAME}{d}(?:{_TIME_SEP}{_TIME}{_TZ})?(?![\d:.]\d)", re.IGNORECASE)
        for d in _DATE_FORMS
    ]
    + [re.compile(rf"^{_TIME}{_SEP}{_DAY_NAME}{d}(?![\d:.]\d)", re.IGNORECASE) for d in _DATE_FORMS]
    + [re.compile(rf"^{_TIME}(?![\d:.]\d)")]
)
# Punctuation that may close a date line: `Сухум. 27 октября 2025.`
_TRAILING = " \t,.;:|–—-"
MAX_DATE_LINE_CHARS = 120


@dataclass(frozen=True, slots=True)
class Stamp:
    """What one header line says: a date, a time, or both."""

    date: date | None = None
    time: time | None = None


def parse_stamp(line: str) -> Stamp | None:
    """The date and time of a line that holds nothing else, or None."""
    found = read_stamp(line)
    if found is None or found[1].strip(_TRAILING):
        return None
    return found[0]


def read_stamp(line: str) -> tuple[Stamp, str] | None:
    """The date and time a line starts with, and the rest of the line (`| Город`,
    `просмотров: 12`, the text after a dateline); None when the
    line does not start with one. The stamp of a yearless date has no date and no
    time: the time of an unknown day dates nothing."""
    line = line.strip()
    if len(line) > MAX_DATE_LINE_CHARS:
        return None
    # The longest reading: `18.05.2018 07:05` is a date and a time, not the date alone.
    matches = [m for form in _FORMS if (m := form.match(line))]
    for match in sorted(matches, key=lambda m: m.end(), reverse=True):
        stamp = _stamp(match.groupdict())
        if stamp is not None:
            return stamp, line[match.end() :].strip()
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
    if groups.get("yearless"):
        return Stamp()
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
