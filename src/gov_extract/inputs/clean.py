"""From a raw release to the text every offset refers to.

The text is the headline (when there is one) as its first line, then the body, a
paragraph a line. Date lines (`datelines`) and site chrome are left out; the date
lines give `published_at` when metadata did not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from gov_extract import lexicons
from gov_extract.inputs.datelines import take_date_lines
from gov_extract.inputs.dates import Stamp, combine
from gov_extract.records import Doc, Source

# A headline is one short line of a few words without a full stop at its end.
MAX_HEADLINE_CHARS = 300
MIN_HEADLINE_WORDS = 3
# Lines of fewer words before the headline that are taken for a page's widgets.
MAX_WIDGET_LINES = 3
_WORD = re.compile(r"[^\W\d_]+")

# Line and paragraph separators other than \n end a line too; the other control
# characters (NUL, escape sequences) are invisible junk that trips the tools reading
# the tables. A few of them do not make a file binary (see decode.py).
# Invisible format characters (Unicode category Cf: zero-width spaces and joiners,
# direction marks and embeddings, the soft hyphen, word joiners) go as well: left in,
# they split a name into two tokens or make two spellings of one entity.
_FORMAT_CHARS = "".join(
    chr(code)
    for first, last in [
        (0xAD, 0xAD), (0x61C, 0x61C), (0x180E, 0x180E), (0x200B, 0x200F),
        (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF),
    ]
    for code in range(first, last + 1)
)  # fmt: skip
_INVISIBLE = str.maketrans(
    {
        **{chr(code): None for code in [*range(0x20), *range(0x7F, 0xA0)]},
        **dict.fromkeys(_FORMAT_CHARS, None),
        **dict.fromkeys("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", "\n"),
        "\t": " ", "\xa0": " ",
    }
)  # fmt: skip
_SPACES = re.compile(r" {2,}")


@dataclass(frozen=True, slots=True)
class Chrome:
    cut_from: frozenset[str]
    drop: frozenset[str]


@cache
def chrome() -> Chrome:
    data = lexicons.load("chrome")
    return Chrome(
        frozenset(_key(line) for line in data["cut_from"]),
        frozenset(_key(line) for line in data["drop"]),
    )


def clean(source: Source) -> Doc:
    doc = Doc(
        doc_id=source.doc_id,
        source=source.source,
        record=source.record,
        format=source.format,
        content_sha256=source.content_sha256,
        title=source.title,
        url=source.url,
        published_at=source.published_at,
        warning=source.warning,
    )
    if source.error:
        doc.status, doc.error = "error", source.error
        return doc
    lines = strip_chrome(split_lines(source.body or ""))
    stamp = None
    if not source.extracted:
        lines, headline, stamp = take_header(lines)
        doc.title = doc.title or headline
    # A title is the first line of the text: its own line breaks become spaces.
    doc.title = " ".join(_visible(doc.title).split()) or None if doc.title else None
    if doc.title and lines and _key(lines[0]) == _key(doc.title):
        lines = lines[1:]
    if doc.published_at is None and stamp is not None:
        doc.published_at = combine([stamp])
    if not lines:
        doc.status = "empty"
        doc.error = (
            "no release text: the input is empty or holds only a headline, dates and site "
            "chrome; check that the file or column holds the release body"
        )
    doc.text = "\n".join([doc.title, *lines] if doc.title else lines)
    return doc


def split_lines(body: str) -> list[str]:
    body = _visible(body.replace("\r\n", "\n"))
    lines = (_SPACES.sub(" ", line).strip() for line in body.split("\n"))
    return [line for line in lines if line]


def _visible(text: str) -> str:
    """The text without invisible characters, composed: `й` typed or pasted as `и` and a
    combining breve (NFD, from macOS and some PDFs) must be the same word as `й`."""
    return unicodedata.normalize("NFC", text.translate(_INVISIBLE))


def strip_chrome(lines: list[str]) -> list[str]:
    rules = chrome()
    kept: list[str] = []
    for line in lines:
        key = _key(line)
        if key in rules.cut_from:
            break
        if key not in rules.drop:
            kept.append(line)
    return kept


def take_header(lines: list[str]) -> tuple[list[str], str | None, Stamp | None]:
    """Split off the headline; take the date lines out and the release's date from them.
    Short lines before the headline (`Пробки: 0`, `14 подписчиков`, `Поиск`, a site's
    motto) are the page's widgets, left out."""
    found = take_date_lines(lines)
    lines = found.lines
    for start in range(min(MAX_WIDGET_LINES, len(lines)) + 1):
        if start < len(lines) and _is_headline(lines, start):
            if start and not all(_words(line) < MIN_HEADLINE_WORDS for line in lines[:start]):
                break
            return lines[start + 1 :], lines[start], found.stamp()
    return lines, None, found.stamp()


def _is_headline(lines: list[str], index: int) -> bool:
    line = lines[index]
    return (
        index + 1 < len(lines)
        and len(line) <= MAX_HEADLINE_CHARS
        and _words(line) >= MIN_HEADLINE_WORDS
        and not line.endswith((".", ":", ";", ","))
    )


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _key(line: str) -> str:
    return line.strip().rstrip(".:!…").strip().casefold()
