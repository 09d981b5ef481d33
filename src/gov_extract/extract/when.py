"""When an event happened or will happen: a date in its sentence, resolved against
the publication date of the release.

`18 мая`, `18 мая 2018 года`, `в понедельник`, `вчера`, `накануне`, `сегодня`,
`завтра`, `2 декабря прошлого года`; not a bound (`до 1 июня`). A day and month
without a year fall in the year that puts them nearest the publication date, on
the side the tense points to: `28 декабря` in a release of 10 January is last
year's for a past event and this year's 28 December only for a planned one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from gov_extract.inputs.dates import MONTH_FORMS, month_number

WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
    "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
}  # fmt: skip
RELATIVE = {
    "позавчера": -2,
    "вчера": -1,
    "накануне": -1,
    "сегодня": 0,
    "завтра": 1,
    "послезавтра": 2,
}

# A range (`8–9 октября`, `с 8 по 9 октября`) is dated by its first day.
_DAY_MONTH = re.compile(
    rf"\b(?:с\s+(?P<first>\d{{1,2}})\s+по\s+)?"
    rf"(?P<day>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s+(?P<month>{MONTH_FORMS})\b"
    r"(?:\s+(?P<year>\d{4})\s*(?:г\.|года?)?|\s+(?P<relative>прошлого|текущего|этого|следующего|будущего)\s+года)?",
    re.IGNORECASE,
)
# A date after these is a bound, not when the event happens: `подписать до 1 июня`.
_BOUND = re.compile(r"\b(?:до|к|ко|позднее|позже|после)\s+$", re.IGNORECASE)
# `в среду`, and `на среду` for what is set for a day (`встреча назначена на среду`).
_WEEKDAY = re.compile(r"\b(?:в|во|на)\s+(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?P<word>" + "|".join(RELATIVE) + r")\b", re.IGNORECASE)
_YEAR_SHIFT = {"прошлого": -1, "текущего": 0, "этого": 0, "следующего": 1, "будущего": 1}


@dataclass(frozen=True, slots=True)
class Stated:
    """A date found in a sentence, with its character offsets in the sentence."""

    date: date
    start: int
    stop: int


def find_date(sentence: str, published: date, future: bool | None = False) -> Stated | None:
    """The first date the sentence states; `future` tells which way a bare weekday
    or day-and-month points from the publication date (None: the nearer way, for a
    cancelled event that may have been due either side of publication)."""
    for finder in (_day_month, _weekday, _relative):
        found = finder(sentence, published, future)
        if found:
            return found
    return None


def _day_month(sentence: str, published: date, future: bool | None) -> Stated | None:
    for match in _DAY_MONTH.finditer(sentence):
        if _BOUND.search(sentence, 0, match.start()):
            continue
        month = month_number(match.group("month"))
        day = int(match.group("first") or match.group("day"))
        if match.group("year"):
            years = [int(match.group("year"))]
        elif match.group("relative"):
            years = [published.year + _YEAR_SHIFT[match.group("relative").lower()]]
        else:
            years = [published.year - 1, published.year, published.year + 1]
        candidates = [d for year in years if (d := _safe_date(year, month, day))]
        if not candidates:
            continue
        chosen = _nearest(candidates, published, future)
        return Stated(chosen, match.start(), match.end())
    return None


def _weekday(sentence: str, published: date, future: bool | None) -> Stated | None:
    match = _WEEKDAY.search(sentence)
    if not match:
        return None
    weekday = WEEKDAYS[match.group("weekday").lower()]
    shift = (weekday - published.weekday()) % 7
    # The next such day from publication, or the last one up to it.
    candidates = [published + timedelta(days=shift), published - timedelta(days=(7 - shift) % 7)]
    return Stated(_nearest(candidates, published, future), match.start(), match.end())


def _relative(sentence: str, published: date, future: bool | None) -> Stated | None:
    match = _RELATIVE.search(sentence)
    if not match:
        return None
    return Stated(
        published + timedelta(days=RELATIVE[match.group("word").lower()]),
        match.start(),
        match.end(),
    )


def _nearest(candidates: list[date], published: date, future: bool | None) -> date:
    if future is None:
        side = candidates
    else:
        side = [d for d in candidates if (d >= published if future else d <= published)]
    return min(side or candidates, key=lambda d: abs((d - published).days))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
