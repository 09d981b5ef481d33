"""The Python API a notebook uses: `run` with plain strings, `load` and its joins, `extract`
of one text in memory, `render`; and nothing heavy imported with the package (worker
processes import it too)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from conftest import RAW

import gov_extract


def test_run_takes_strings(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(RAW / "federal", inputs)
    summary = gov_extract.run(str(inputs), str(tmp_path / "out"), workers=1)
    assert isinstance(summary, gov_extract.RunSummary) and summary.ok
    assert len(pd.read_parquet(tmp_path / "out" / "documents")) == summary.n_documents > 0


def test_the_package_imports_nothing_heavy() -> None:
    code = "import sys, gov_extract; print(sorted(m for m in sys.modules if m.split('.')[0] in {'gov_extract', 'pyarrow', 'pandas', 'spacy', 'natasha'}))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "['gov_extract']"


def test_all_names_resolve() -> None:
    for name in gov_extract.__all__:
        assert getattr(gov_extract, name) is not None


def test_load_reads_the_tables_with_the_joins_ready(sample_run) -> None:
    _, out, tables = sample_run
    loaded = gov_extract.load(str(out))
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(getattr(loaded, name), frame, obj=name)
    participations = loaded.participations
    assert len(participations) == len(tables["event_participants"])
    people = participations[participations.entity_type == "PER"]
    assert people.position.notna().any()
    row = people[people.position.notna()].iloc[0]
    event = tables["events"].set_index("event_id").loc[row.event_id]
    assert (row.type, row.modality, row.sentence) == (event.type, event.modality, event.sentence)
    overview = loaded.events_with_participants.set_index("event_id")
    assert set(overview.index) == set(tables["events"].event_id)
    assert f"{row['name']} ({row.position})" in overview.participants[row.event_id]
    assert loaded.posts.published_at.is_monotonic_increasing
    [(count,)] = loaded.duckdb().execute("select count(*) from participations").fetchall()
    assert count == len(participations)


def test_one_document_of_the_tables_and_its_page(sample_run) -> None:
    _, out, tables = sample_run
    loaded = gov_extract.load(out)
    one = loaded.document("1004")  # the record id a CSV dump gave the release
    [doc_id] = one.documents.doc_id
    events = tables["events"]
    assert set(one.events.event_id) == set(events[events.doc_id == doc_id].event_id) != set()
    assert set(one.entities.entity_id) == set(one.mentions.entity_id)
    page = gov_extract.render(loaded, "1004")
    assert page.startswith("<!DOCTYPE html>") and one.documents.title.iloc[0] in page
    fragment = one._repr_html_()  # in a notebook: the page as one element, not a whole page
    assert fragment.startswith("<div") and "<!DOCTYPE" not in fragment
    assert one.documents.title.iloc[0] in fragment
    assert json.loads(one.to_json())["documents"][0]["record"] == "1004"
    with pytest.raises(LookupError):
        gov_extract.render(loaded)  # many documents: which one?


def test_load_of_a_folder_that_is_not_an_output(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not an output folder"):
        gov_extract.load(tmp_path)


# Written for this test: a meeting dated `вчера` and an agreement, with posts.
TEXT = (
    "Губернатор Калужской области Иван Петров вчера встретился с мэром Обнинска Сергеем "
    "Смирновым. Стороны подписали соглашение о сотрудничестве в сфере туризма."
)


def test_extract_one_text_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    found = gov_extract.extract(TEXT, published_at="2024-05-17", title="Встреча в Калуге")
    assert list(tmp_path.iterdir()) == []  # no OUT, no state
    [document] = found.documents.itertuples()
    assert document.status == "ok" and document.text.startswith("Встреча в Калуге\n")
    assert sorted(found.events.type) == ["agreement", "meeting"]
    meeting = found.participations.query("type == 'meeting'")
    assert set(meeting.date) == {date(2024, 5, 16)}
    assert dict(zip(meeting.name, meeting.position, strict=True)) == {
        "Иван Петров": "губернатор Калужской области", "Сергей Смирнов": "мэр Обнинска",
    }  # fmt: skip
    assert "Иван Петров" in gov_extract.render(found)
    again = gov_extract.extract(TEXT + " ")
    assert again.documents.doc_id.iloc[0] != document.doc_id
    nothing = gov_extract.extract("  \n ")
    assert nothing.documents.status.tolist() == ["empty"]
    assert nothing.events_with_participants.empty and nothing.participations.empty


def test_extract_is_the_function_also_once_the_subpackage_is_loaded() -> None:
    code = (
        "import gov_extract\n"
        "import gov_extract.extract.events as events\n"
        "from gov_extract.extract import posts\n"
        "from gov_extract import extract\n"
        "assert events.__name__ == 'gov_extract.extract.events' and posts.__name__ == 'gov_extract.extract.posts'\n"
        "assert gov_extract.extract is extract and gov_extract.extract.events is events\n"
        "print(len(extract('Министр Иван Петров посетил Тулу.').events))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "1"
