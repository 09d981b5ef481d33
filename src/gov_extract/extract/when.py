"""When an event happened or will happen: the times a sentence states, resolved
against the publication date of the release.

A day: `18 мая`, `18 мая 2018 года`, `в понедельник`, `вчера`, `сегодня`, `завтра`,
`2 декабря прошлого года`, `в среду на следующей неделе`, `в День Победы`, `накануне
Дня Победы`. A month: `в апреле`,
`в начале мая`, `в первой половине месяца`, `в следующем месяце`, `на следующей
неделе` (when the week lies in one month). A year: `в 2024 году`, `в начале следующего
года`, `осенью 2024 года`. A time no calendar gives (`в ближайшее время`, `осенью`,
`на следующей неделе` across two months) is stated too, with no date. A month or a year
is dated by its first day, with its precision. `накануне`, `в тот же день`, `на следующий
день` count from a day told before them (`anchored`), by default the publication date.
Not a bound (`до 1 июня`, `к 2030 году`).

A day and month without a year fall in the year that puts them nearest the publication
date, on the side the tense points to: `28 декабря` in a release of 10 January is last
year's for a past event and this year's 28 December only for a planned one; a month
alike (`в декабре`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from gov_extract.inputs.dates import MONTH_FORMS, month_number

DAY, MONTH, YEAR = "day", "month", "year"
# Words of a time the calendar names, not one counted from publication (`вчера`).
CALENDAR_WORDS = (
    r"январ|феврал|март|апрел|ма[йяе]\b|июн|июл|август|сентябр|октябр|ноябр|декабр|\d{4}"
)

WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
    "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
}  # fmt: skip
# Days counted from the publication date.
RELATIVE = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}
# Days counted from the day told before them.
ANCHORED = {
    "накануне": -1,
    "днём ранее": -1,
    "днем ранее": -1,
    "в тот же день": 0,
    "в этот же день": 0,
    "тем же днём": 0,
    "тем же днем": 0,
    "на следующий день": 1,
    "на другой день": 1,
    "днём позже": 1,
    "днем позже": 1,
}
# Holidays of a fixed day, by the words that name them in any case.
_DAY_OF = r"д(?:ень|ня|ню|нём|нем)\s+"
HOLIDAYS = {
    r"нов(?:ый|ого|ому|ым)\s+год(?:а|у|ом)?\b": (1, 1),
    r"рождеств(?:о|а|у|ом)\b": (1, 7),
    _DAY_OF + r"защитника\s+отечества": (2, 23),
    r"международн\w+\s+женск\w+\s+д(?:ень|ня|ню|нём|нем)\b": (3, 8),
    r"праздник\w*\s+весны\s+и\s+труда": (5, 1),
    _DAY_OF + r"победы": (5, 9),
    _DAY_OF + r"росси[ия]\b": (6, 12),
    _DAY_OF + r"знаний": (9, 1),
    _DAY_OF + r"народного\s+единства": (11, 4),
    _DAY_OF + r"конституции": (12, 12),
}
_SHIFT = {
    "прошл": -1, "минувш": -1, "текущ": 0, "эт": 0, "нынешн": 0, "следующ": 1, "будущ": 1,
}  # fmt: skip
_SHIFT_WORD = r"(?:прошл|минувш|текущ|эт|нынешн|следующ|будущ)\w*"
# The last day of the part of a month a phrase names: `в начале` is over by the 10th.
_PARTS = {
    "начале": 10, "первых числах": 5, "первой декаде": 10, "первой половине": 15,
    "середине": 20, "второй декаде": 20, "второй половине": 31, "конце": 31,
    "третьей декаде": 31, "последней декаде": 31, "последних числах": 31, "течение": 31,
}  # fmt: skip
_PART = "|".join(p.replace(" ", r"\s+") for p in _PARTS)
_YEAR_PARTS = (
    _PART + r"|перв\w+\s+(?:квартале|полугодии)|втор\w+\s+(?:квартале|полугодии)"
    r"|трет\w+\s+квартале|четв[её]рт\w+\s+квартале"
)
_MONTH_IN = r"январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"
_MONTH_ON = r"январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь"
_OF_YEAR = rf"(?:\s+(?P<year>\d{{4}})\s*(?:г\.|года)?|\s+(?P<shift>{_SHIFT_WORD})\s+года)?"

# A range (`8–9 октября`, `с 8 по 9 октября`) is dated by its first day.
_DAY_MONTH = re.compile(
    rf"\b(?:с\s+(?P<first>\d{{1,2}})\s+по\s+)?"
    rf"(?P<day>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s+(?P<month>{MONTH_FORMS})\b"
    rf"(?:\s+(?P<year>\d{{4}})\s*(?:г\.|года)?|\s+(?P<shift>{_SHIFT_WORD})\s+года)?",
    re.IGNORECASE,
)
# `в апреле`, `в начале мая 2024 года`, `на апрель`, `в апреле-мае` (its first month).
_MONTH = re.compile(
    rf"\b(?:(?:в|во)\s+(?P<in>{_MONTH_IN})|(?:в|во)\s+(?P<part>{_PART})\s+(?P<of>{MONTH_FORMS})"
    rf"|на\s+(?P<on>{_MONTH_ON}))\b(?:\s*[-–]\s*[а-яё]+\b)?{_OF_YEAR}",
    re.IGNORECASE,
)
# `в следующем месяце`, `в начале месяца`, `в конце текущего месяца`.
_THIS_MONTH = re.compile(
    rf"\b(?:(?:в|во)\s+(?P<shift_in>{_SHIFT_WORD})\s+месяце"
    rf"|(?:в|во)\s+(?P<part>{_PART})\s+(?:(?P<shift_of>{_SHIFT_WORD})\s+)?месяца)\b",
    re.IGNORECASE,
)
# `в 2024 году`, `в первом квартале 2024 года`, `в 2024–2025 годах`.
_YEAR = re.compile(
    rf"\b(?:в|во)\s+(?:(?:{_YEAR_PARTS})\s+)?(?P<year>(?:19|20)\d\d)(?:\s*[-–]\s*\d{{2,4}})?"
    r"\s*(?:годах|годы|году|года|г\.)",
    re.IGNORECASE,
)
# `в следующем году`, `в начале следующего года`, `в конце года`.
_THIS_YEAR = re.compile(
    rf"\b(?:(?:в|во)\s+(?P<shift_in>{_SHIFT_WORD})\s+году"
    rf"|(?:в|во)\s+(?P<part>{_YEAR_PARTS})\s+(?:(?P<shift_of>{_SHIFT_WORD})\s+)?года)\b",
    re.IGNORECASE,
)
# `на следующей неделе`, `на этой неделе`.
_WEEK = re.compile(rf"\bна\s+(?:(?P<shift>{_SHIFT_WORD})\s+)?неделе\b", re.IGNORECASE)
# `осенью`, `летом 2024 года`.
_SEASON = re.compile(rf"\b(?:весной|летом|осенью|зимой){_OF_YEAR}", re.IGNORECASE)
# `в День Победы`, `накануне Дня Победы`, `в канун Нового года` (the day before).
_HOLIDAY = re.compile(
    r"\b(?:(?P<eve>накануне|в\s+канун)|в|во|на)\s+(?P<name>"
    + "|".join(f"(?:{pattern})" for pattern in HOLIDAYS)
    + ")",
    re.IGNORECASE,
)
# A time no calendar gives.
_VAGUE = re.compile(
    r"\b(?:в\s+ближайш\w+\s+(?:время|дни|недели|месяцы|перспективе)"
    r"|в\s+скором\s+времени|в\s+дальнейшем|в\s+перспективе|в\s+будущем)\b",
    re.IGNORECASE,
)
# A date after these is a bound, not when the event happens: `подписать до 1 июня`.
_BOUND = re.compile(r"\b(?:до|к|ко|позднее|позже|после|не\s+ранее)\s+$", re.IGNORECASE)
# `в среду`, and `на среду` for what is set for a day (`встреча назначена на среду`).
# `в этот четверг`, `в следующий вторник`, `в прошлую среду`: that week's day.
_WEEKDAY = re.compile(
    rf"\b(?:в|во|на)\s+(?:(?P<which>{_SHIFT_WORD})\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?P<word>" + "|".join(RELATIVE) + r")\b", re.IGNORECASE)
_ANCHORED = re.compile(
    r"(?<![\w-])(?P<word>" + "|".join(w.replace(" ", r"\s+") for w in ANCHORED) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Stated:
    """A time found in a sentence, with its character offsets in the sentence: the
    first day of what it names and how much of that it names (`day`, `month`, `year`);
    no date for a time no calendar gives (`в ближайшее время`). An anchored day
    (`накануне`) is `shift` days from a day told before it."""

    date: date | None
    start: int
    stop: int
    precision: str | None = DAY
    shift: int | None = None

    def counted_from(self, day: date) -> Stated:
        """An anchored day counted from `day`; any other as it is."""
        if self.shift is None:
            return self
        return replace(self, date=day + timedelta(days=self.shift))


Finder = Callable[[str, date, "bool | None"], Iterator[Stated]]


def find_dates(sentence: str, published: date, future: bool | None = False) -> list[Stated]:
    """Every time the sentence states, in the order they stand; `future` tells which way
    a bare weekday, day-and-month or month points from the publication date (None: the
    nearer way, for a cancelled event that may have been due either side of it).
    Where two readings overlap (`в среду на следующей неделе`), the longer stands."""
    found: list[Stated] = []
    for finder in _FINDERS:
        for stated in finder(sentence, published, future):
            if _BOUND.search(sentence, 0, stated.start):
                continue
            if not any(s.start < stated.stop and stated.start < s.stop for s in found):
                found.append(stated)
    return sorted(found, key=lambda s: s.start)


def full_date(text: str) -> date | None:
    """The first day the text states with its year (`12 декабря 2017 года`), if any."""
    for match in _DAY_MONTH.finditer(text):
        if match.group("year"):
            day = int(match.group("first") or match.group("day"))
            found = _safe_date(int(match.group("year")), month_number(match.group("month")), day)
            if found:
                return found
    return None


def _day_month(sentence: str, published: date, future: bool | None) -> Iterator[Stated]:
    for match in _DAY_MONTH.finditer(sentence):
        month = month_number(match.group("month"))
        day = int(match.group("first") or match.group("day"))
        years = _years(match, published)
        candidates = [d for year in years if (d := _safe_date(year, month, day))]
        if candidates:
            yield Stated(_nearest(candidates, published, future), match.start(), match.end())


def _week_of(sentence: str, published: date) -> date | None:
    """The Monday of the week `на следующей неделе` names, if the sentence names one."""
    match = _WEEK.search(sentence)
    if match is None:
        return None
    shift = _SHIFT[_stem(match.group("shift"))] if match.group("shift") else 0
    return published - timedelta(days=published.weekday()) + timedelta(weeks=shift)


def _weekday(sentence: str, published: date, future: bool | None) -> Iterator[Stated]:
    match = _WEEKDAY.search(sentence)
    if not match:
        return
    weekday = WEEKDAYS[match.group("weekday").lower()]
    monday = _week_of(sentence, published)
    if match.group("which"):
        shift = _SHIFT[_stem(match.group("which"))]
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
    if monday is not None:
        yield Stated(monday + timedelta(days=weekday), match.start(), match.end())
        return
    shift = (weekday - published.weekday()) % 7
    # The next such day from publication, or the last one up to it.
    candidates = [published + timedelta(days=shift), published - timedelta(days=(7 - shift) % 7)]
    yield Stated(_nearest(candidates, published, future), match.start(), match.end())


def _relative(sentence: str, published: date, future: bool | None) -> Iterator[Stated]:
    for match in _RELATIVE.finditer(sentence):
        days = RELATIVE[match.group("word").lower()]
        yield Stated(published + timedelta(days=days), match.start(), match.end())


def _anchored(sentence: str, published: date, future: bool | None) -> Iterator[Stated]:
    for match in _ANCHORED.finditer(sentence):
        shift = ANCHORED[" ".join(match.group("word").lower().split())]
        yield Stated(published + timedelta(days=shift), match.start(), match.end(), shift=shift)


def _holiday(sentence: str, published: date, future: bool | None) -> Iterator[Stated]:
    for match in _HOLIDAY.finditer(sentence):
        name = match.group("name")
        month, day = next(d for p, d in HOLIDAYS.items() if re.fullmatch(p, name, re.IGNORECASE))
        eve = 1 if match.group("eve") else 0
        candidates = [
            date(year, month, day) - timedelta(days=eve)
            for year in (published.year - 1, published.year, published.year + 1)
        ]
        yield Stated(_nearest(candidates, published, future), match.start(), match.end())


def _month(sentence: str, published: date, future: bool | None) -> Iterator[Stated]:
    for match in _MONTH.finditer(sentence):
        month = month_number(match.group("in") or match.group("of") or match.group("on"))
        candidates = [date(year, month, 1) for year in _years(match, published)]
        last_day = _PARTS[_part(match.group("part"))] if match.group("part") else 31
        chosen = _nearest_month(candidates, published, future, last_day)
        yield Stated(chosen, match.start(), match.end(), MONTH)


def _this_month(sentence: str, published: date, future: bool | None) -> Iterator[Stated]:
    for match in _THIS_MONTH.finditer(sentence):
        word = match.group("shift_in") or match.group("shift_of")
        if word is None and _part(match.group("part")) == "течение":
            continue  # `в течение месяца`: how long, not when
        this = published.replace(day=1)
        if word is not None:
            yield Stated(_add_months(this, _SHIFT[_stem(word)]), match.start(), match.end(), MONTH)
            continue
        # `в первой половине месяца` after `в январе`: that month.
        named = [m for m in _month(sentence[: match.start()], published, future)]
        if named:
            yield Stated(named[-1].date, match.start(), match.end(), MONTH)
            continue
        candidates = [_add_months(this, shift) for shift in (-1, 0, 1)]
        last_day = _PARTS[_part(match.group("part"))]
        chosen = _nearest_month(candidates, published, future, last_day)
        yield Stated(chosen, match.start(), match.end(), MONTH)


def _year(sentence: str, published: date, future: bool | None) -> Iterator[Stated]:
    for match in _YEAR.finditer(sentence):
        yield Stated(date(int(match.group("year")), 1, 1), match.start(), match.end(), YEAR)
    for match in _THIS_YEAR.finditer(sentence):
        word = match.group("shift_in") or match.group("shift_of")
        if word is None and match.group("part") and _part(match.group("part")) == "течение":
            continue  # `в течение года`: how long, not when
        year = published.year + (_SHIFT[_stem(word)] if word else 0)
        yield Stated(date(year, 1, 1), match.start(), match.end(), YEAR)


def _week(sentence: str, published: date, future: bool | None) -> Iterator[Stated]:
    match = _WEEK.search(sentence)
    monday = _week_of(sentence, published)
    if match is None or monday is None:
        return
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        yield Stated(monday.replace(day=1), match.start(), match.end(), MONTH)
    else:
        yield Stated(None, match.start(), match.end(), None)


def _season(sentence: str, published: date, future: bool | None) -> Iterator[Stated]:
    for match in _SEASON.finditer(sentence):
        years = _years(match, published)
        if len(years) == 1:
            yield Stated(date(years[0], 1, 1), match.start(), match.end(), YEAR)
        else:
            yield Stated(None, match.start(), match.end(), None)


def _vague(sentence: str, published: date, future: bool | None) -> Iterator[Stated]:
    for match in _VAGUE.finditer(sentence):
        yield Stated(None, match.start(), match.end(), None)


# Longer readings first: a day inside `в среду на следующей неделе` before the week.
_FINDERS: list[Finder] = [
    _day_month,
    _holiday,
    _weekday,
    _month,
    _this_month,
    _year,
    _season,
    _week,
    _vague,
    _anchored,
    _relative,
]


def _years(match: re.Match[str], published: date) -> list[int]:
    if match.group("year"):
        return [int(match.group("year"))]
    if match.group("shift"):
        return [published.year + _SHIFT[_stem(match.group("shift"))]]
    return [published.year - 1, published.year, published.year + 1]


def _stem(word: str) -> str:
    word = word.lower()
    return next(stem for stem in _SHIFT if word.startswith(stem))


def _part(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _nearest(candidates: list[date], published: date, future: bool | None) -> date:
    if future is None:
        side = candidates
    else:
        side = [d for d in candidates if (d >= published if future else d <= published)]
    return min(side or candidates, key=lambda d: abs((d - published).days))


def _nearest_month(
    candidates: list[date], published: date, future: bool | None, last_day: int
) -> date:
    """The month nearest publication on the tense's side: a planned event `в начале
    месяца` published on the 20th is next month's, `в мае` published in May this May's."""

    def ends(first: date) -> date:
        last = _add_months(first, 1) - timedelta(days=1)
        return first.replace(day=last_day) if last_day < last.day else last

    if future is None:
        side = candidates
    elif future:
        side = [d for d in candidates if ends(d) >= published]
    else:
        side = [d for d in candidates if d <= published]
    return min(side or candidates, key=lambda d: abs((d - published.replace(day=1)).days))


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
