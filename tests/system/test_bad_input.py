"""Every kind of bad input beside good ones, through the CLI in one run: each bad input
gets its `documents` row with a message that says what to do, the run goes on, the
exit status is 1, and the good documents beside them are complete."""

import gzip
import json
import os
import socket
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli, tables

GOOD = (
    "Мэр посетил школу\n\n18.05.2018\n"
    "Мэр Калуги Дмитрий Денисов посетил школу и встретился с учителями.\n"
)
GOOD_TEXT = "Мэр посетил школу\nМэр Калуги Дмитрий Денисов посетил школу и встретился с учителями."
LEGACY = (
    "Губернатор провёл совещание\nГубернатор Калужской области Владислав Шапша провёл совещание.\n"
)
LEGACY_TEXT = LEGACY.strip()

CSV = """id,title,text
c1,Первая,"Мэр Калуги Дмитрий Денисов посетил школу, встретился с учителями."
c2,Вторая,"Текст с незакрытой кавычкой
c3,Третья,Губернатор Калужской области Владислав Шапша посетил завод.
c4,Четвёртая,"Текст с ""правильными"" кавычками, который тоже ""ок""."
c5,Пятая,слишком,много,полей
c6,Шестая,
c7,Седьмая,"Последний ""хороший"" ряд."
"""

JSONL = [
    '{"id": "j1", "text": "Министр Сергей Лавров встретился с послом."}',
    '{"id": "j2", "text": broken',
    "[1, 2]",
    '{"id": "../../escape", "text": "Губернатор Севастополя посетил Москву."}',
    '{"id": "/etc/passwd", "text": "Мэр Москвы Сергей Собянин провёл совещание."}',
]


def _build(root: Path, port: int) -> None:
    inputs = root / "in"
    inputs.mkdir()
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("СЕКРЕТНОЕ СЛОВО", encoding="utf-8")
    files = {
        "good.txt": GOOD.encode(),
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n \r\n",
        "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "nul.txt": "Текст".encode() + b"\x00" * 200,
        "utf16.txt": LEGACY.encode("utf-16"),
        "cp1251.txt": LEGACY.encode("cp1251"),
        "koi8.txt": LEGACY.encode("koi8_r"),
        "mixed.txt": GOOD.encode() + LEGACY.encode("cp1251"),
        "english.txt": b"Mayor visits school\nThe mayor of Kaluga visited a school on Monday.\n",
        "chinese.txt": "市长访问学校\n卡卢加市长周一访问了一所学校。\n".encode(),
        "long_line.txt": (
            "Долгий текст\n" + " ".join(["слово мэр Москвы посетил"] * 2500)
        ).encode(),
        "huge.txt": ("Огромный текст\n" + "а" * 1_100_000).encode(),
        "huge_bytes.txt": b"a" * 4_100_000,
        "nobody.html": b"<html><head><title>Only a title</title></head></html>",
        "scripts.html": b"<html><head><script>var a = 1;</script></head><body><script>"
        b"document.write('\xd0\x9c\xd1\x8d\xd1\x80')</script></body></html>",
        "xxe.html": _hostile_html(port, outside / "secret.txt").encode(),
        "rows.csv": CSV.encode(),
        "notext.csv": b"id,headline\n1,\xd0\x90\n",
        "rows.csv.gz": gzip.compress(CSV.encode()),
        "lines.jsonl": "\n".join(JSONL).encode(),
    }
    for name, data in files.items():
        (inputs / name).write_bytes(data)
    pd.DataFrame({"id": ["p1"], "headline": ["Заголовок"]}).to_parquet(inputs / "notext.parquet")
    (inputs / "loop.txt").symlink_to("loop.txt")
    (inputs / "gone.txt").symlink_to("missing.txt")
    (inputs / "outside.txt").symlink_to(outside / "secret.txt")
    (inputs / "outside_dir").symlink_to(outside, target_is_directory=True)
    (inputs / "inside_dir").symlink_to(inputs, target_is_directory=True)
    os.mkfifo(inputs / "pipe.txt")


def _hostile_html(port: int, secret: Path) -> str:
    url = f"http://127.0.0.1:{port}"
    return f"""<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY net SYSTEM "{url}/entity">]>
<html><head><title>Визит</title><link rel="stylesheet" href="{url}/css">
<script src="{url}/js"></script><meta http-equiv="refresh" content="0; url={url}/go">
</head><body><article><h1>Визит</h1>
<p>Губернатор посетил завод и встретился с коллективом предприятия. &xxe; &net;</p>
<p>Стороны обсудили вопросы развития производства и подготовки кадров.</p>
<img src="{url}/img"><iframe src="{url}/frame"></iframe></article></body></html>"""


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("bad")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.setblocking(False)
        _build(root, listener.getsockname()[1])
        result = run_cli("run", root / "in", "--out", root / "out", "--workers", "2")
        with pytest.raises(BlockingIOError):
            listener.accept()  # nothing tried to fetch what the HTML points at
    return root, result, tables(root / "out")


def _row(docs: pd.DataFrame, source: str, record: str | None = None) -> dict:
    rows = docs[(docs.source == source) & (docs.record.isna() if record is None else docs.record == record)]  # fmt: skip
    [row] = rows.to_dict("records")
    return row


def test_exit_status_and_summary(bad_run) -> None:
    _, result, t = bad_run
    assert result.returncode == 1, result.stderr
    docs = t["documents"]
    assert docs.doc_id.is_unique
    for row in docs[docs.status != "ok"].itertuples():
        assert row.source in result.stderr, row.source
        assert row.error and row.error[0].islower(), row


@pytest.mark.parametrize(
    ("source", "status", "message"),
    [
        ("empty.txt", "empty", "no release text"),
        ("blank.txt", "empty", "no release text"),
        ("photo.txt", "error", "binary file (contains NUL bytes)"),
        ("nul.txt", "error", "binary or corrupt file"),
        ("huge.txt", "error", "document too long: 1,100,015 characters"),
        ("huge_bytes.txt", "error", "document too long: 4,100,000 bytes"),
        ("nobody.html", "error", "no article text found in the HTML page"),
        ("scripts.html", "error", "no article text found in the HTML page"),
        ("notext.csv", "error", "no text column"),
        ("notext.parquet", "error", "no text column"),
        ("loop.txt", "error", "cannot read the file: Too many levels of symbolic links"),
        ("gone.txt", "error", "cannot read the file: No such file or directory"),
        ("pipe.txt", "error", "cannot read the file: not a regular file"),
        ("outside.txt", "error", "link out of the input folder, not followed"),
        ("outside_dir", "error", "link out of the input folder, not followed"),
    ],
)
def test_bad_file_gets_its_row(bad_run, source: str, status: str, message: str) -> None:
    row = _row(bad_run[2]["documents"], source)
    assert row["status"] == status
    assert row["error"].startswith(message), row["error"]
    assert row["n_tokens"] == 0


def test_no_secret_and_no_link_followed(bad_run) -> None:
    t = bad_run[2]
    assert not t["documents"].text.str.contains("СЕКРЕТ").any()
    assert not any("inside_dir" in source for source in t["documents"].source)
    xxe = _row(t["documents"], "xxe.html")
    assert xxe["status"] == "ok" and "Губернатор посетил завод" in xxe["text"]


def test_ids_from_inputs_never_become_paths(bad_run) -> None:
    root, _, t = bad_run
    docs = t["documents"]
    assert {"../../escape", "/etc/passwd"} <= set(docs.record)
    assert sorted(p.name for p in root.iterdir()) == ["in", "out", "outside"]
    assert not any(".." in p.name or "passwd" in p.name for p in (root / "out").rglob("*"))


def test_good_documents_are_complete(bad_run) -> None:
    _, _, t = bad_run
    docs, mentions = t["documents"], t["mentions"]
    good = _row(docs, "good.txt")
    assert (good["status"], good["text"]) == ("ok", GOOD_TEXT)
    names = set(mentions[mentions.doc_id == good["doc_id"]].normal)
    assert "Дмитрий Денисов" in names
    for source in ("utf16.txt", "cp1251.txt", "koi8.txt"):
        row = _row(docs, source)
        assert (row["status"], row["text"]) == ("ok", LEGACY_TEXT), source
    mixed = _row(docs, "mixed.txt")
    assert mixed["status"] == "ok"
    assert mixed["text"] == GOOD_TEXT + "\n" + LEGACY_TEXT
    assert "read as cp1251" in mixed["warning"]
    assert pd.isna(good["warning"])
    for source in ("english.txt", "chinese.txt"):
        row = _row(docs, source)
        assert row["status"] == "ok" and row["n_tokens"] > 0, source


def test_sentence_without_punctuation_is_cut(bad_run) -> None:
    row = _row(bad_run[2]["documents"], "long_line.txt")
    assert row["status"] == "ok"
    assert len(row["text"]) > 50_000
    assert row["n_sentences"] > 50


@pytest.mark.parametrize("source", ["rows.csv", "rows.csv.gz"])
def test_csv_broken_rows_alone_fail(bad_run, source: str) -> None:
    docs = bad_run[2]["documents"]
    rows = docs[docs.source == source].set_index("record")
    assert set(rows.index) == {"c1", "2", "c3", "c4", "5", "c6", "c7"}
    assert (
        rows.loc["c3", "text"]
        == "Третья\nГубернатор Калужской области Владислав Шапша посетил завод."
    )
    assert (
        rows.loc["c4", "text"] == 'Четвёртая\nТекст с "правильными" кавычками, который тоже "ок".'
    )
    assert rows.loc["c7", "text"] == 'Седьмая\nПоследний "хороший" ряд.'
    assert set(rows.loc[["c1", "c3", "c4", "c7"], "status"]) == {"ok"}
    assert rows.loc["2", "status"] == "error"
    assert rows.loc["2", "error"].startswith("row 2 (line 3): a quoted field that starts here")
    assert rows.loc["5", "error"].startswith("row 5 (line 6): 5 fields where the header has 3")
    assert (rows.loc["c6", "status"], rows.loc["c6", "error"][:15]) == ("empty", "no release text")


def test_jsonl_broken_lines_alone_fail(bad_run) -> None:
    docs = bad_run[2]["documents"]
    rows = docs[docs.source == "lines.jsonl"].set_index("record")
    assert rows.loc["2", "error"].startswith("row 2 (line 2): broken JSON line")
    assert rows.loc["3", "error"].startswith("row 3 (line 3): the line is not a JSON object")
    for record in ("j1", "../../escape", "/etc/passwd"):
        assert rows.loc[record, "status"] == "ok"
    assert json.loads(JSONL[0])["text"] in rows.loc["j1", "text"]
