"""Bytes to text: Unicode with or without BOM, and the legacy Cyrillic code pages."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Limiting the detector to the encodings Russian sites used keeps it from taking
# short cp1251 or KOI8-R texts for Japanese or EBCDIC.
CYRILLIC_ENCODINGS = ["utf_8", "cp1251", "koi8_r", "utf_16", "cp866", "mac_cyrillic", "iso8859_5"]

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Valid UTF-8 Cyrillic characters that make a file with invalid bytes a mixed one.
MIN_MIXED_CYRILLIC = 10
# What the lines of a mixed file that are not UTF-8 may be in, the commonest first.
LEGACY_ENCODINGS = ["cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5"]
# Over half of the letters of a Russian text.
_FREQUENT_LETTERS = frozenset("оеаинтсрвл")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Bytes that are not valid UTF-8, as the "surrogateescape" error handler leaves them.
_ESCAPED = re.compile("[\udc80-\udcff]+")

WIDE_ENCODINGS = ["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"]
# Characters of a Russian or English text: Latin, Cyrillic, punctuation, whitespace.
_FOREIGN = re.compile("[^\\s!-~\u00a0-\u052f\u2000-\u206f\u20ac\u20bd\u2116]")
# Share of other characters a text without BOM in UTF-16 or UTF-32 may have: random
# bytes read that way are nearly all of them.
MAX_FOREIGN_SHARE = 0.05
# Share of characters that may be control or replacement characters in a text file.
MAX_JUNK_SHARE = 0.02
# Control characters (Unicode category Cc) other than layout ones, and the
# replacement character: one regex scan instead of a Python loop per character.
_JUNK = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we know; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def decode(data: bytes) -> Decoded:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), encoding)
    # Before UTF-8: Cyrillic in UTF-16 is valid UTF-8 too, control characters all.
    if b"\x00" in data and (wide := _wide(data)) is not None:
        return wide
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise DecodeError(
            "binary file (contains NUL bytes), not text; remove it from the input folder "
            "or convert it to UTF-8 text"
        )
    if (mixed := _mixed(data)) is not None:
        return mixed
    match = from_bytes(data, cp_isolation=CYRILLIC_ENCODINGS).best()
    if match is not None:
        return _checked(str(match), match.encoding)
    text = data.decode("utf-8", errors="replace")
    return _checked(
        text,
        "utf-8",
        warning="mixed or undecodable bytes: decoded as UTF-8 with the bad bytes replaced by '\ufffd'",
    )


def _wide(data: bytes) -> Decoded | None:
    """UTF-32 or UTF-16 text without a BOM: it decodes cleanly, and to the characters
    of a Russian or English text, which random bytes read two or four at a time
    are not."""
    for encoding in WIDE_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if (
            len(_FOREIGN.findall(text)) <= MAX_FOREIGN_SHARE * len(text)
            and _junk_share(text) <= MAX_JUNK_SHARE
        ):
            return Decoded(text, encoding)
    return None


def _mixed(data: bytes) -> Decoded | None:
    """A UTF-8 file with lines from a legacy one, or the reverse, read line by line: a
    valid UTF-8 line as UTF-8, a line mostly of valid UTF-8 Cyrillic as UTF-8 with its
    bad bytes in the legacy encoding, any other line whole in the legacy encoding
    (piecewise, valid-looking byte pairs in legacy text would turn into letters).
    None when the file holds no real UTF-8 Cyrillic: in a legacy file valid UTF-8
    Cyrillic is an accident of two bytes in a row, rare and few."""
    lines = data.splitlines(keepends=True)
    utf8_lines = [_valid_utf8(line) for line in lines]
    in_utf8_lines = sum(_cyrillic(text) for text in utf8_lines if text is not None)
    valid = data.decode("utf-8", errors="ignore")
    invalid_bytes = len(data) - len(valid.encode("utf-8"))
    # Whole lines of it, or much of it scattered among the bad bytes.
    if in_utf8_lines < MIN_MIXED_CYRILLIC and _cyrillic(valid) < max(
        MIN_MIXED_CYRILLIC, invalid_bytes / 10
    ):
        return None
    escaped = [
        line.decode("utf-8", errors="surrogateescape") if text is None else text
        for line, text in zip(lines, utf8_lines, strict=True)
    ]
    legacy = _legacy_encoding(
        b"".join(_unescaped(run) for text in escaped for run in _ESCAPED.findall(text))
    )
    parts = [
        text if text is not None else legacy_line(line, escaped_line, legacy)
        for line, text, escaped_line in zip(lines, utf8_lines, escaped, strict=True)
    ]
    not_utf8 = sum(text is None for text in utf8_lines)
    return _checked(
        "".join(parts),
        "utf-8",
        warning=f"mixed encodings: the bytes that are not valid UTF-8 were read as {legacy} "
        f"({not_utf8} of {len(lines)} lines)",
    )


def _valid_utf8(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def legacy_line(line: bytes, escaped: str, encoding: str) -> str:
    """A line that is not valid UTF-8 (`escaped`: its bytes read with surrogateescape):
    mostly UTF-8 Cyrillic, it keeps that and only its bad bytes are read in `encoding`;
    else the whole line is."""
    bad_bytes = sum(len(run) for run in _ESCAPED.findall(escaped))
    if _cyrillic(escaped) > bad_bytes:
        return _ESCAPED.sub(lambda run: _unescaped(run[0]).decode(encoding, "replace"), escaped)
    return line.decode(encoding, errors="replace")


def _legacy_encoding(data: bytes) -> str:
    """The legacy encoding that reads the bytes as the most frequent lowercase Russian
    letters. A wrong code page gives capitals (KOI8-R and cp1251 swap the cases) or
    rare letters; charset_normalizer, given a line or two, guesses worse. A tie (too
    few bytes to tell) goes to cp1251, the commonest."""
    return max(
        LEGACY_ENCODINGS,
        key=lambda encoding: sum(
            char in _FREQUENT_LETTERS for char in data.decode(encoding, errors="replace")
        ),
    )


def _cyrillic(text: str) -> int:
    return len(_CYRILLIC.findall(text))


def _unescaped(run: str) -> bytes:
    return bytes(ord(char) - 0xDC00 for char in run)


def _checked(text: str, encoding: str, warning: str | None = None) -> Decoded:
    if text and _junk_share(text) > MAX_JUNK_SHARE:
        raise DecodeError(
            f"binary or corrupt file: too many control characters when read as {encoding}; "
            "check that it is a text file"
        )
    if warning is None and "\ufffd" in text:
        warning = f"some bytes are not valid {encoding} and were replaced by '\ufffd'"
    return Decoded(text, encoding, warning)


def _junk_share(text: str) -> float:
    return len(_JUNK.findall(text)) / len(text)
