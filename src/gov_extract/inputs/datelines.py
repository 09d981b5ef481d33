"""The date lines of a release as sites print them, and which one dates it.

A date line stands near the headline (`Пятница, 21 июня 2024`, `15 мая 2019, 16:22 |
Мой город Чебоксары`, `21.11.2010 в 18:51 просмотров: 2802`), at the end of the body
(`11.02.2013`), on two lines (`16 октября 2024` / `05:00`, `Пятница, 21 июня` / `2024`),
glued to the headline behind a label (`… области date 2025-10-22`) or before it
(`21.06.2024 Россия и Китай …`), or as an agency's dateline before the first paragraph
(`Сухум. 27 октября 2025. Президент …`). All of
them leave the text; the release's date is the first dated line of the header, else the
one date the lines after the body agree on (several dates there list other articles).
A widget's day (`Сегодня: суббота, 20 апреля 2024 года`) and a day without a year
(`Вчера, 15:21`, `15 мая, 16:22`) leave the text and date nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from gov_extract import lexicons
from gov_extract.inputs.dates import Stamp, parse_stamp, read_stamp

# Header lines stand around the headline: menus, the rubric, a subtitle, the date.
MAX_HEADER_LINES = 15
# Lines after the last paragraph where a site prints the date, a source, tags.
MAX_TRAILER_LINES = 6
# A paragraph of the body: the header ends with the first, the trailer starts after
# the last one.
MIN_PARAGRAPH_WORDS = 8
# What may follow the date on its line besides counters: a rubric (`Политика`) or,
# behind a bar, the site's name.
MAX_RUBRIC_WORDS = 2
MAX_SITE_CHARS = 60
# No release on the web is older; a date line before it is a caption's.
FIRST_WEB_YEAR = 1991
_SITE_BAR = "|•·/"
_RUBRIC_BAR = re.compile(r"^[^|•·\d]{1,30}\s[|•·]\s+(?=\S)")
_PUNCT = " ,.;:–—-"
# `Сухум. 27 октября 2025.`, `МОСКВА, 27 октября. /ТАСС/.`: a place, the date, maybe
# the agency, then the first paragraph or nothing.
_PLACE = re.compile(r"^(?:г\.\s*)?[А-ЯЁ][А-ЯЁа-яё-]+(?:[ -][А-ЯЁ][А-ЯЁа-яё-]+){0,2}[.,]\s+")
_AGENCY = re.compile(r"^(?:[.,]?\s*[/(][^/()]{1,30}[/)])?\s*(?:[.–—]|$)")


@dataclass(frozen=True, slots=True)
class DateWords:
    labels: tuple[str, ...]
    decoys: tuple[str, ...]
    counters: re.Pattern[str]


@cache
def words() -> DateWords:
    data = lexicons.load("chrome").get("dates", {})
    # Longest first: `Дата публикации` before `Дата`.
    labels = tuple(sorted((w.casefold() for w in data.get("labels", [])), key=len, reverse=True))
    decoys = tuple(sorted((w.casefold() for w in data.get("decoys", [])), key=len, reverse=True))
    counter_words = "|".join(re.escape(w) for w in data.get("counters", [])) or r"(?!)"
    counters = re.compile(rf"(?:{counter_words})\s*:?\s*\d[\d\s]*", re.IGNORECASE)
    return DateWords(labels, decoys, counters)


@dataclass
class Found:
    """The lines left once date lines are out, and the stamps of the header and of
    the lines after the body."""

    lines: list[str]
    header: list[tuple[int, Stamp]] = field(default_factory=list)
    trailer: list[tuple[int, Stamp]] = field(default_factory=list)

    def stamp(self) -> Stamp | None:
        """The release's date, with its time where the date line or one next to it
        gives one."""
        for found, agree in ((self.header, False), (self.trailer, True)):
            dated = [(i, s) for i, s in found if s.date]
            if not dated or (agree and len({s.date for _, s in dated}) > 1):
                continue
            index, chosen = dated[0]
            moment = chosen.time or next(
                (s.time for i, s in found if s.date is None and s.time and abs(i - index) == 1),
                None,
            )
            return Stamp(chosen.date, moment)
        return None


Reader = Callable[[str], "tuple[Stamp, str] | None"]


def date_line(line: str) -> Stamp | None:
    """The stamp of a line that is a date line as sites print it, None for any other:
    a label before the date (`Опубликовано:`), counters, a rubric or the site's name
    after it. A decoy's line dates nothing (an empty stamp)."""
    # `Новости | 18.05.2018`: a rubric behind a bar before the date.
    bar = _RUBRIC_BAR.match(line)
    if bar:
        line = line[bar.end() :]
    lowered = line.casefold()
    decoy = next((d for d in words().decoys if _starts_with_word(lowered, d)), None)
    label = decoy or next((w for w in words().labels if _starts_with_word(lowered, w)), "")
    found = read_stamp(line[len(label) :].lstrip(_PUNCT))
    if found is None or not _trimmings(found[1]) or _historic(found[0]):
        return None
    return Stamp() if decoy else found[0]


def dateline(line: str) -> tuple[Stamp, str] | None:
    """An agency's dateline at the start of a line: its stamp and the rest of the line."""
    place = _PLACE.match(line)
    if place is None:
        return None
    tail = line[place.end() :]
    found = read_stamp(tail)
    if found is None:
        return None
    stamp, rest = found
    if _historic(stamp):
        return None
    agency = _AGENCY.match(rest)
    if agency is not None:
        return stamp, rest[agency.end() :].strip()
    # `г. Калуга, 3 марта 2020 г. Глава …`: the full stop of `г.` ends the dateline.
    if tail[: len(tail) - len(rest)].rstrip().endswith(".") and rest[:1].isupper():
        return stamp, rest
    return None


def glued(line: str) -> tuple[Stamp, str] | None:
    """A labelled date at the end of a line (`Заголовок date 2025-10-22`): its stamp and
    the line before the label."""
    lowered = line.casefold()
    for label in words().labels:
        at = lowered.rfind(label)
        while at > 0:
            stamp = parse_stamp(line[at + len(label) :].lstrip(_PUNCT))
            if stamp is not None and stamp.date and _label_starts(lowered, at, label):
                return stamp, line[:at].rstrip(_PUNCT)
            at = lowered.rfind(label, 0, at)
    return None


def leading(line: str) -> tuple[Stamp, str] | None:
    """A dated stamp that opens a header line of another kind (`21.06.2024 Россия и
    Китай укрепляют …`): its stamp and the rest, which starts as a headline does."""
    found = read_stamp(line)
    if found is None or found[0].date is None or _historic(found[0]):
        return None
    stamp_text = line[: len(line) - len(found[1])].rstrip(_PUNCT)
    rest = found[1].lstrip(_SITE_BAR + _PUNCT)
    # Not a paragraph that opens with its date (`27 мая 2021 года Михаил Мишустин
    # прибыл в Минск:`): running text writes `года`, a headline ends without a stop.
    headline = rest[:1].isupper() and not rest.endswith((".", "…", ":", ";"))
    running = stamp_text.casefold().endswith(("года", "г"))
    return (found[0], rest) if headline and not running else None


def _label_starts(lowered: str, at: int, label: str) -> bool:
    """A label starts a word, or is glued to one in another script (`областиdate`), not
    the end of a word (`кандидата`)."""
    before = lowered[at - 1]
    return not before.isalnum() or (label.isascii() and not before.isascii())


def take_date_lines(lines: list[str]) -> Found:
    """Take the date lines out of the header and of the lines after the body."""
    found = Found([])
    paragraphs = [i for i, line in enumerate(lines) if _is_paragraph(line)]
    # The header runs to the first paragraph, which may open with a dateline; a
    # dateline may also open the paragraph after a lead.
    header_to = min(MAX_HEADER_LINES, paragraphs[0] + 1 if paragraphs else len(lines))
    last = paragraphs[-1] if paragraphs else -1
    index = 0
    while index < len(lines):
        taken, zone = None, found.header
        if index < header_to:
            taken = _take(lines, index, (glued, dateline, leading))
        elif index < MAX_HEADER_LINES:
            opening = dateline(lines[index])
            if opening is not None and opening[1]:
                taken = opening[0], 1, opening[1]
        # Right after the last paragraph, or among the last lines (after a copyright).
        trailer = (
            last < index <= last + MAX_TRAILER_LINES or index >= len(lines) - MAX_TRAILER_LINES
        )
        if taken is None and index >= header_to and trailer:
            taken, zone = _take(lines, index, ()), found.trailer
        if taken is None:
            found.lines.append(lines[index])
            index += 1
            continue
        stamp, used, rest = taken
        zone.append((index, stamp))
        if rest:
            found.lines.append(rest)
        index += used
    return found


def _take(
    lines: list[str], index: int, readers: tuple[Reader, ...]
) -> tuple[Stamp, int, str] | None:
    """The date line at `index`: its stamp, how many lines it takes, and what is left of
    them that is no date line (the headline before a glued date, the paragraph after a
    dateline)."""
    line = lines[index]
    single = date_line(line)
    if (single is None or single.date is None) and index + 1 < len(lines):
        # `Пятница, 21 июня` / `2024`, `Опубликовано:` / `21.06.2024`: a date line
        # broken in two; `Сегодня:` / `20 апреля 2024 года` a decoy's.
        joined = date_line(f"{line} {lines[index + 1]}")
        if joined is not None and (joined.date or single is None):
            return joined, 2, ""
    if single is not None:
        # A views counter printed under the date (`2000`) goes with it.
        counter = index + 1 < len(lines) and lines[index + 1].replace(" ", "").isdigit()
        return single, 2 if readers and counter else 1, ""
    for reader in readers:
        found = reader(line)
        if found is not None:
            return found[0], 1, found[1]
    return None


def _trimmings(rest: str) -> bool:
    """Whether what follows a date on its line is only what sites print there: counters,
    another date line (`Дата изменения: …`), a rubric, or the site's name behind a bar."""
    rest = words().counters.sub(" ", rest).strip(_PUNCT)
    barred = rest[:1] in _SITE_BAR
    rest = rest.lstrip(_SITE_BAR + _PUNCT)
    if not rest or date_line(rest) is not None:
        return True
    if barred:
        return len(rest) <= MAX_SITE_CHARS
    parts = rest.split()
    # A rubric (`Политика`), or a bare count of views.
    return len(parts) <= MAX_RUBRIC_WORDS and all(p[:1].isupper() or p.isdigit() for p in parts)


def _historic(stamp: Stamp) -> bool:
    """A date before web pages: a caption's (`Перезахоронение. 17 ноября 1875 года.`)."""
    return stamp.date is not None and stamp.date.year < FIRST_WEB_YEAR


def _starts_with_word(lowered: str, word: str) -> bool:
    return lowered.startswith(word) and not lowered[len(word) : len(word) + 1].isalnum()


def _is_paragraph(line: str) -> bool:
    # Not `!` or `?`: calls in the site's chrome end so (`сообщите о ней!`).
    return len(line.split()) >= MIN_PARAGRAPH_WORDS and line.rstrip("»\"')").endswith((".", "…"))
