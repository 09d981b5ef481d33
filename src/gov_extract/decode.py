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
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise DecodeError(
            "binary file (contains NUL bytes), not text; remove it from the input folder "
            "or convert it to UTF-8 text"
        )
    if _mixed_utf8(data):
        return _checked(
            data.decode("utf-8", errors=LEGACY_FALLBACK),
            "utf-8",
            warning="mixed encodings: the bytes that are not valid UTF-8 were read as cp1251",
        )
    match = from_bytes(data, cp_isolation=CYRILLIC_ENCODINGS).best()
    if match is not None:
        return _checked(str(match), match.encoding)
    text = data.decode("utf-8", errors="replace")
    return _checked(
        text,
        "utf-8",
        warning="mixed or undecodable bytes: decoded as UTF-8 with the bad bytes replaced by '\ufffd'",
    )


def _mixed_utf8(data: bytes) -> bool:
    """Invalid UTF-8 that still holds real UTF-8 Cyrillic, a line or more of it: a UTF-8
    file with text pasted from a cp1251 one. In a legacy file valid UTF-8 Cyrillic
    is an accident of two bytes in a row, rare and few."""
    valid = data.decode("utf-8", errors="ignore")
    invalid_bytes = len(data) - len(valid.encode("utf-8"))
    cyrillic = sum(1 for char in valid if "\u0400" <= char <= "\u04ff")
    return cyrillic >= max(MIN_MIXED_CYRILLIC, invalid_bytes / 10)


def _read_as_cp1251(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1251", errors="replace"), error.end


# Russian text that is not UTF-8 is cp1251 far more often than anything else.
LEGACY_FALLBACK = "gov_extract.cp1251"
codecs.register_error(LEGACY_FALLBACK, _read_as_cp1251)


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
