import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

from gov_extract.inputs.read import Columns, discover, read

RELEASE = "Мэр посетил школу\n\n18.05.2018 07:05\nМэр Калуги посетил школу номер 5 и встретился с учителями.\n"


def _read(path: Path, columns: Columns | None = None):
    return list(read(path, path.parent, columns or Columns()))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r", "utf-16"])
def test_txt_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "release.txt"
    path.write_bytes(RELEASE.encode(encoding))
    [source] = _read(path)
    assert source.error is None
    assert source.body.replace("\ufeff", "") == RELEASE
    assert source.format == "txt"
    assert source.record is None


def test_binary_txt_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    [source] = _read(path)
    assert "binary" in source.error


HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Губернатор посетил завод | Правительство области</title>
<meta property="article:published_time" content="2019-04-02T10:15:00+03:00">
<link rel="canonical" href="https://example.gov.ru/news/1">
<script>window.dataLayer = []; function track() { document.write("Визиты"); }</script>
</head><body>
<nav><ul><li><a href="/">Главная</a></li><li><a href="/visits">Визиты</a></li></ul></nav>
<article><h1>Губернатор посетил завод</h1>
<p>Губернатор Калужской области Владислав Шапша посетил завод в Обнинске и встретился с коллективом предприятия.</p>
<p>Стороны обсудили вопросы развития производства и подготовки кадров для новых цехов.</p>
</article>
<footer>© Правительство Калужской области <a href="/print">Версия для печати</a></footer>
</body></html>"""


def test_html_main_text_title_date_url(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [source] = _read(path)
    assert source.error is None
    assert source.title == "Губернатор посетил завод"
    assert str(source.published_at) == "2019-04-02 10:15:00"
    assert source.url == "https://example.gov.ru/news/1"
    assert "Владислав Шапша посетил завод" in source.body
    for chrome in ("Главная", "dataLayer", "Версия для печати"):
        assert chrome not in source.body


def test_html_without_article_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body></body></html>")
    [source] = _read(path)
    assert "no article text" in source.error


ROWS = [
    {
        "id": "a1",
        "title": "Встреча",
        "date": "2021-06-15T10:00:00",
        "url": "https://x/1",
        "text": 'Мэр встретился с жителями, обсудили "дворы".',
    },
    {
        "id": "a2",
        "title": "Визит",
        "date": "2021-06-16",
        "url": "https://x/2",
        "text": "Губернатор посетил\nзавод.",
    },
]


def _check_rows(sources) -> None:
    assert [s.record for s in sources] == ["a1", "a2"]
    assert sources[0].body == ROWS[0]["text"]
    assert sources[1].body == "Губернатор посетил\nзавод."
    assert sources[0].title == "Встреча"
    assert str(sources[0].published_at) == "2021-06-15 10:00:00"
    assert sources[1].url == "https://x/2"
    assert len({s.content_sha256 for s in sources}) == 2


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    pd.DataFrame(ROWS).to_csv(path, index=False)
    _check_rows(_read(path))


def test_csv_gz(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv.gz"
    path.write_bytes(gzip.compress(pd.DataFrame(ROWS).to_csv(index=False).encode()))
    sources = _read(path)
    _check_rows(sources)
    assert {s.format for s in sources} == {"csv"}


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), encoding="utf-8")
    _check_rows(_read(path))


def test_parquet(tmp_path: Path) -> None:
    path = tmp_path / "dump.parquet"
    pd.DataFrame(ROWS).to_parquet(path)
    _check_rows(_read(path))


def test_column_overrides_and_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    pd.DataFrame({"body_ru": ["Первый текст.", "Второй текст."], "head": ["А", "Б"]}).to_csv(
        path, index=False
    )
    sources = _read(
        path, Columns.with_overrides(text="body_ru", title="head", date=None, url=None, id=None)
    )
    assert [(s.record, s.body, s.title) for s in sources] == [
        ("1", "Первый текст.", "А"),
        ("2", "Второй текст.", "Б"),
    ]


def test_missing_text_column(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    pd.DataFrame({"headline": ["А"]}).to_csv(path, index=False)
    [source] = _read(path)
    assert "no text column" in source.error
    assert "--text-col" in source.error


def test_broken_rows_keep_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text('{"text": "Первый."}\n{"text": broken\n{"text": "Третий."}\n', encoding="utf-8")
    sources = _read(path)
    assert [s.body for s in sources if not s.error] == ["Первый.", "Третий."]
    [bad] = [s for s in sources if s.error]
    assert bad.record == "2"
    assert "broken JSON line" in bad.error


def test_csv_row_with_wrong_field_count(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    path.write_text("id,text\n1,Первый.\n2,Второй.,лишнее\n3,Третий.\n", encoding="utf-8")
    sources = _read(path)
    assert [s.body for s in sources if not s.error] == ["Первый.", "Третий."]
    assert [s.record for s in sources if s.error] == ["2"]


def test_discover_skips_hidden_and_unknown(tmp_path: Path) -> None:
    for name in [
        "a.txt",
        ".hidden.txt",
        "b.HTML",
        "c.pdf",
        "sub/d.jsonl",
        ".git/e.txt",
        "_state/f.csv",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["a.txt", "b.HTML", "sub/d.jsonl"]


def test_discover_follows_links_only_when_asked(tmp_path: Path) -> None:
    root, outside = tmp_path / "in", tmp_path / "outside"
    (root / "sub").mkdir(parents=True)
    outside.mkdir()
    (root / "a.txt").write_text("x")
    (outside / "b.txt").write_text("x")
    (root / "out").symlink_to(outside, target_is_directory=True)
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    names = [p.relative_to(root).as_posix() for p in discover(root)]
    assert names == ["a.txt", "out"]
    [source] = read(root / "out", root, Columns())
    assert source.error.startswith("link out of the input folder, not followed")
    followed = [p.relative_to(root).as_posix() for p in discover(root, follow_links=True)]
    assert followed == ["a.txt", "out/b.txt"]  # the loop back to root is walked once


def test_unreadable_or_vanished_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Текст.")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    [source] = _read(path)
    assert source.error.startswith("cannot read the file: Permission denied")
    path.unlink()
    [source] = _read(path)
    assert source.error.startswith("cannot read the file: No such file or directory")


def test_size_limit_applies_per_document(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    pd.DataFrame({"text": ["а" * 200_000, "Короткий текст."]}).to_csv(path, index=False)
    long, short = read(path, tmp_path, Columns(), max_chars=100_000)
    assert long.error.startswith("document too long: 200,000 characters")
    assert (long.record, long.content_sha256) == ("1", "")  # read again with a larger limit
    assert short.body == "Короткий текст." and short.error is None
    whole, _ = read(path, tmp_path, Columns())
    assert whole.error is None and len(whole.body) == 200_000


@pytest.mark.parametrize(
    ("name", "data"),
    [("a.csv", b"id,text\n"), ("b.jsonl", b"\n\n"), ("c.txt", b" \n"), ("d.parquet", b"")],
)
def test_input_without_documents_is_empty(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [source] = _read(path)
    assert (source.body, source.error) == ("", None)


def test_jsonl_odd_but_valid_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"text": "Первый\u2028абзац."}, ensure_ascii=False),
        '{"text": "x", "n": ' + "9" * 5000 + "}",
        "[" * 100_000,
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    first, big, deep = _read(path)
    assert first.body == "Первый\u2028абзац."
    assert big.error.startswith("row 2 (line 2): broken JSON line")
    assert deep.error.startswith("row 3 (line 3): broken JSON line")


def test_mixed_and_undecodable_bytes() -> None:
    from gov_extract.inputs.decode import decode

    utf8, cp1251 = "Мэр Калуги посетил школу.\n", "Губернатор провёл совещание «в Обнинске».\n"
    mixed = decode(utf8.encode() + cp1251.encode("cp1251") + utf8.encode())
    assert mixed.text == utf8 + cp1251 + utf8
    assert mixed.warning.startswith("mixed encodings")
    broken = decode(utf8.encode() * 3 + b"\x98")
    assert broken.text == utf8 * 3 + "\ufffd"
    assert decode(cp1251.encode("cp1251")).warning is None


def test_csv_long_field_and_stray_quote(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    long = "слово " * 40_000
    path.write_text(f'id,text\n1,"{long}"\n2,Текст с "кавычкой" внутри.\n', encoding="utf-8")
    first, second = _read(path)
    assert first.body == long.strip()
    assert second.body == 'Текст с "кавычкой" внутри.'
