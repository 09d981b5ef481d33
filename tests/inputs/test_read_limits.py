"""Readers never stop a run and their memory does not follow what a file holds: file
names that are not UTF-8, gzip bombs, overlong rows and cells, files over the size
limit, CSV delimiters."""

import gzip
import json
import os
import tracemalloc
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import run_cli, tables

from gov_extract.inputs.read import CHUNK_BYTES, Columns, read

RELEASE = (
    "Мэр посетил школу\n\nМэр Калуги Дмитрий Денисов посетил школу и встретился с учителями.\n"
)
NAME = "Пресс-релиз.txt"


def _read(path: Path, **limits) -> list:
    columns = limits.pop("columns", Columns())
    return list(read(path, path.parent, columns, **limits))


def test_file_named_in_cp1251_is_read_on_every_run_alike(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    with open(os.path.join(os.fsencode(inputs), NAME.encode("cp1251")), "wb") as file:
        file.write(RELEASE.encode())
    excel = "id;Заголовок;text\n1;Визит;Губернатор посетил завод, встретился с рабочими.\n"
    (inputs / "excel.csv").write_bytes(excel.encode("cp1251"))
    docs = []
    for _ in range(2):
        result = run_cli("run", inputs, "--out", tmp_path / "out", "--workers", "1")
        assert result.returncode == 0, result.stderr
        docs.append(tables(tmp_path / "out")["documents"].set_index("source"))
    first, second = docs
    row = first.loc[NAME]
    assert row.status == "ok" and "Дмитрий Денисов" in row.text
    assert row.warning.startswith("file name not valid UTF-8")
    assert list(second.index) == list(first.index)
    assert list(second.doc_id) == list(first.doc_id)
    excel_row = first.loc["excel.csv"]
    assert (excel_row.record, excel_row.status) == ("1", "ok")
    assert excel_row.text.endswith("Губернатор посетил завод, встретился с рабочими.")


def test_wrong_sep_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("text\nТекст.\n")
    result = run_cli("run", tmp_path / "a.csv", "--out", tmp_path / "out", "--sep", ";;")
    assert result.returncode == 2
    assert "--sep must be one character" in result.stderr


@pytest.mark.parametrize(
    ("header", "sep"),
    [("id,text", None), ("id;text", None), ("id\ttext", None), ("id|text", None), ("id|text", "|")],
)
def test_csv_delimiter_from_the_header_or_sep(tmp_path: Path, header: str, sep: str | None) -> None:
    delimiter = header[2]
    path = tmp_path / "a.csv"
    path.write_text(f'{header}\n1{delimiter}"Текст, с запятой; и точкой с запятой."\n')
    [source] = _read(path, columns=Columns.with_overrides(sep))
    assert (source.record, source.body) == ("1", "Текст, с запятой; и точкой с запятой.")


def test_gzip_bomb_of_zeros_is_one_error_row(tmp_path: Path) -> None:
    path = tmp_path / "bomb.csv.gz"
    with gzip.open(path, "wb", compresslevel=1) as file:
        for _ in range(64):
            file.write(bytes(CHUNK_BYTES))
    [source] = _read(path)
    assert source.error.startswith("binary or corrupt file")


def test_memory_does_not_follow_a_cell(tmp_path: Path) -> None:
    path = tmp_path / "cell.csv.gz"
    with gzip.open(path, "wb", compresslevel=1) as file:
        file.write(b'id,text\n1,"')
        for _ in range(48):
            file.write(b'a""' * (CHUNK_BYTES // 3) + b"\n")
        file.write('"\n2,Мэр посетил школу.\n'.encode())
    tracemalloc.start()
    try:
        long, short = _read(path, max_chars=10_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 * CHUNK_BYTES  # the file unpacks to 48 MB
    assert long.record == "1" and long.error.startswith(
        "document too long: row 1 (line 2) has more than 40,000 characters, "
        "over the limit of 10,000 characters"
    )
    assert (short.record, short.body, short.error) == ("2", "Мэр посетил школу.", None)


def test_overlong_rows_are_skipped_to_their_end(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    cell = 'Абзац с ""кавычками"".\n' * 50
    path.write_text(
        f'id,text\n1,Первый.\n2,"{cell}"\n3,Без кавычек {"а" * 2000}\n4,Четвёртый.\n'
        "5,Пятый,лишнее\n"
    )
    sources = _read(path, max_chars=100)
    assert [(s.record, s.body) for s in sources if not s.error] == [
        ("1", "Первый."),
        ("4", "Четвёртый."),
    ]
    errors = [s for s in sources if s.error]
    assert [s.record for s in errors] == ["2", "3", "5"]
    assert errors[0].error.startswith("document too long: row 2 (line 3) has more than 400 ")
    assert errors[1].error.startswith("document too long: row 3 (line 54) has more than 400 ")
    assert errors[2].error.startswith("row 5 (line 56): 3 fields where the header has 2")


def test_jsonl_overlong_line_and_columns_per_record(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    records = [
        {"id": "a", "text": "Первый."},
        {"id": "b", "text": "я" * 5000},
        {"id": "c", "text": "Третий.", "title": "Заголовок"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    first, long, third = _read(path, max_chars=1000)
    assert (first.body, first.title) == ("Первый.", None)
    assert long.error.startswith("document too long: row 2 (line 2) has more than 4,000")
    assert (third.record, third.body, third.title) == ("c", "Третий.", "Заголовок")


def test_jsonl_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": 1, "headline": "А"}\n{"id": 2, "text": "Б"}\n')
    [source] = _read(path)
    assert source.error.startswith("no text column: looked for text, body, content, found id")


@pytest.mark.parametrize(("name", "unpacked"), [("rows.csv", ""), ("rows.csv.gz", " unpacked")])
def test_file_over_the_limit_keeps_the_rows_before(
    tmp_path: Path, name: str, unpacked: str
) -> None:
    path = tmp_path / name
    data = "id,text\n" + "".join(f"{i},Строка номер {i}.\n" for i in range(1, 1001))
    path.write_bytes(gzip.compress(data.encode()) if unpacked else data.encode())
    limit = len(data.encode()) // 2
    sources = _read(path, max_file_bytes=limit)
    *rows, stop = sources
    assert stop.record is None
    assert stop.error == (
        f"file too large: over {limit:,} bytes{unpacked}, the rows past them are not read; "
        "split it, or raise the limit with --max-file-bytes"
    )
    read_bytes = len("".join(f"{s.record},{s.body}\n" for s in rows).encode()) + len("id,text\n")
    assert limit - 40 < read_bytes <= limit  # every whole row before the limit, no cut one
    assert all(s.body == f"Строка номер {s.record}." for s in rows)


def test_broken_gzip_keeps_the_rows_before(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv.gz"
    data = "id,text\n" + "".join(f"{i},Строка {i} {os.urandom(8).hex()}.\n" for i in range(50_000))
    packed = gzip.compress(data.encode())
    path.write_bytes(packed[: len(packed) // 2])
    *rows, stop = _read(path)
    assert stop.error.startswith("broken gzip file (")
    assert 1000 < len(rows) < 50_000 and not any(s.error for s in rows)


def test_parquet_by_row_groups_within_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "rows.parquet"
    frame = pd.DataFrame({"id": [f"p{i}" for i in range(3000)], "text": ["Текст."] * 3000})
    pq.write_table(pa.Table.from_pandas(frame), path, row_group_size=1000)
    assert len(_read(path)) == 3000
    group = pq.ParquetFile(path).metadata.row_group(0).total_byte_size
    *rows, stop = _read(path, max_file_bytes=2 * group + group // 2)
    assert [s.record for s in rows] == [f"p{i}" for i in range(2000)]
    assert stop.error.startswith("file too large: over ") and " bytes unpacked" in stop.error


def test_legacy_bytes_past_the_first_chunk(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    ascii_rows = "".join(f"{i},Row number {i}.\n" for i in range(1, 80_000))
    assert len(ascii_rows) > CHUNK_BYTES
    legacy = "80000,Губернатор провёл совещание.\n".encode("cp1251")
    path.write_bytes(b"id,text\n" + ascii_rows.encode() + legacy + b"80001,Last.\n")
    sources = _read(path)
    assert len(sources) == 80_001
    *_, before, mixed, after = sources
    assert (before.warning, after.warning, after.body) == (None, None, "Last.")
    assert mixed.body == "Губернатор провёл совещание."
    assert mixed.warning.startswith("mixed encodings")
