"""Text that looks binary or garbled at first sight: UTF-16/32 without a BOM, legacy
files with UTF-8 lines in them."""

import random
import struct

import pytest

from gov_extract.inputs.decode import DecodeError, decode

RELEASE = (
    "Губернатор провёл совещание\n"
    "Губернатор Калужской области Владислав Шапша провёл совещание с главами районов.\n"
    'Обсудили ремонт дорог, школ и больниц в 2024 году: "всё должно быть готово к осени".\n'
)
UTF8_LINE = "Мэр Калуги Дмитрий Денисов посетил школу и встретился с учителями.\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", [RELEASE, "The mayor of Kaluga visited a school.\n"])
def test_utf16_and_utf32_without_bom(encoding: str, text: str) -> None:
    decoded = decode(text.encode(encoding))
    assert (decoded.text, decoded.encoding, decoded.warning) == (text, encoding, None)


def _random_bytes(size: int) -> bytes:
    return random.Random(size).randbytes(size)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        _random_bytes(4096),
        _random_bytes(4096).replace(b"\x07", b"\x00"),
        # A table of small integers, as in a database file: valid UTF-32, all controls.
        b"".join(struct.pack("<I", number % 300) for number in range(2000)),
        b"".join(struct.pack(">H", number % 300) for number in range(2000)),
    ],
)
def test_binary_is_still_rejected(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(data)


@pytest.mark.parametrize("legacy", ["cp1251", "koi8_r"])
@pytest.mark.parametrize("copies", [1, 20])
def test_legacy_file_with_a_utf8_line(legacy: str, copies: int) -> None:
    # One copy: the legacy part is short, 20: it outweighs the UTF-8 line.
    decoded = decode(RELEASE.encode(legacy) * copies + UTF8_LINE.encode())
    assert decoded.text == RELEASE * copies + UTF8_LINE
    lines = 3 * copies
    assert decoded.warning == (
        f"mixed encodings: the bytes that are not valid UTF-8 were read as {legacy} "
        f"({lines} of {lines + 1} lines)"
    )


@pytest.mark.parametrize("legacy", ["cp1251", "koi8_r"])
def test_utf8_file_with_a_legacy_line(legacy: str) -> None:
    headline = "Визит губернатора в Обнинск\n"
    decoded = decode(UTF8_LINE.encode() + headline.encode(legacy) + UTF8_LINE.encode())
    assert decoded.text == UTF8_LINE + headline + UTF8_LINE
    assert f"read as {legacy} (1 of 3 lines)" in decoded.warning


def test_utf8_line_with_a_stray_byte_keeps_its_letters() -> None:
    line = "Мэр Калуги посетил школу № 5 и встретился с учителями и родителями."
    decoded = decode((UTF8_LINE + line).encode().replace("№".encode(), "№".encode("cp1251")))
    assert decoded.text == UTF8_LINE + line
    assert decoded.warning.endswith("read as cp1251 (1 of 2 lines)")


def test_legacy_files_without_utf8_are_not_mixed() -> None:
    for legacy in ("cp1251", "koi8_r"):
        decoded = decode(RELEASE.encode(legacy))
        assert (decoded.text, decoded.encoding, decoded.warning) == (RELEASE, legacy, None)
