"""The CLI end to end: data/raw, the seed release in ../shared, bad inputs beside good ones."""

import json
import shutil
from pathlib import Path

import pandas as pd
from conftest import RAW, run_cli, shared_path, tables

from gov_extract.nlp.morph import analyzer

CHROME = [
    "Комментарии:",
    "Авторизоваться, чтобы оставить комментарий",
    "^ Наверх",
    "Поделиться",
    "Версия для печати",
]


def _check_offsets(t: dict[str, pd.DataFrame]) -> None:
    texts = dict(zip(t["documents"].doc_id, t["documents"].text, strict=True))
    for row in t["mentions"].itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
    for row in t["positions"].itertuples():
        evidence = texts[row.doc_id][row.start : row.end]
        assert row.position_text in evidence
        assert row.person_entity_id in set(t["entities"].entity_id)
    events = t["events"]
    assert events.event_id.is_unique
    for row in events.itertuples():
        evidence = texts[row.doc_id][row.start : row.end]
        assert all(word in evidence for word in row.trigger.split())
        assert evidence in row.sentence
    participants = t["event_participants"]
    assert set(participants.event_id) <= set(events.event_id)
    mentions = set(zip(t["mentions"].doc_id, t["mentions"].start, t["mentions"].end, strict=True))
    for row in participants.itertuples():
        assert texts[row.doc_id][row.start : row.end]
        if pd.notna(row.entity_id):
            assert (row.doc_id, row.start, row.end) in mentions
        else:
            # A group, or a site or body the NER left unnamed, named by its phrase
            # (`посетил больницу №13`, `заседание межгосударственной комиссии`).
            assert row.type in ("GROUP", "ORG")
    assert t["mentions"].mention_id.is_unique
    assert set(t["mentions"].entity_id) == set(t["entities"].entity_id)
    assert t["entities"].entity_id.is_unique
    counts = t["mentions"].groupby("entity_id").size().to_dict()
    assert dict(zip(t["entities"].entity_id, t["entities"].n_mentions, strict=True)) == counts


def test_sample_run(sample_run) -> None:
    result, _, t = sample_run
    assert result.returncode == 0, result.stderr
    docs = t["documents"]
    n_files = sum(1 for p in RAW.rglob("*") if p.suffix in {".txt", ".html"})
    assert len(docs) == n_files + 4 + 3  # the CSV has 4 releases, the JSONL 3
    assert set(docs.status) == {"ok"}
    assert set(docs.format) == {"txt", "html", "csv", "jsonl"}
    assert docs.doc_id.is_unique
    assert docs.published_at.notna().all()
    assert docs.title.notna().all()
    for text in docs.text:
        assert not any(chrome in text for chrome in CHROME)
        assert text.split("\n")[0] in set(docs.title)
    # Legacy encodings decode to real Russian, not mojibake.
    legacy = docs[docs.source.str.contains("cp1251|koi8r")]
    assert len(legacy) == 2
    known = analyzer().word_is_known
    for lemmas in legacy.lemma_text:
        words = [w for w in lemmas.split() if w.isalpha()]
        assert sum(map(known, words)) / len(words) > 0.8
    assert (docs.n_tokens > 50).all() and (docs.n_sentences > 3).all()
    assert set(t["mentions"].type) == {"PER", "ORG", "LOC"}
    _check_offsets(t)
    assert "documents" in result.stderr and "ok" in result.stderr


def test_rerun_replaces_instead_of_appending(sample_run, tmp_path: Path) -> None:
    _, out, first = sample_run
    again = tmp_path / "out"
    shutil.copytree(out, again)
    assert run_cli("run", RAW, "--out", again, "--quiet", hash_seed=1).returncode == 0
    second = tables(again)
    for name in ("documents", "mentions", "entities"):
        left, right = first[name], second[name]
        assert len(left) == len(right), name
        volatile = ["processed_at"] if name == "documents" else []
        pd.testing.assert_frame_equal(left.drop(columns=volatile), right.drop(columns=volatile))


def test_seed_release(tmp_path: Path) -> None:
    seeds = shared_path("seeds")
    expected = json.loads((seeds / "expected.json").read_text(encoding="utf-8"))
    out = tmp_path / "out"
    result = run_cli("run", seeds / expected["source"], "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    t = tables(out)
    [doc] = t["documents"].to_dict("records")
    assert doc["title"] == expected["document"]["title"]
    assert doc["published_at"] == pd.Timestamp(expected["document"]["published_at"])
    for fragment in expected["document"]["text_must_not_contain"]:
        assert fragment not in doc["text"]
    entities = t["entities"]
    people = set(entities[entities.type == "PER"].name)
    for person in expected["persons"]:
        assert person["name"] in people
    positions = t["positions"]
    for person in expected["persons"]:
        rows = positions[positions.person == person["name"]]
        assert person["position"] in set(rows.position), person
        if "location" in person:
            assert person["location"] in set(rows.location), person
    orgs = entities[entities.type == "ORG"]
    known = set(orgs.name) | {alias for aliases in orgs.aliases for alias in aliases}
    for org in expected["organizations"]:
        assert org in known, org
    for expected_event in expected["events"]:
        assert _found_event(t, expected_event), expected_event
    _check_offsets(t)


def _found_event(t: dict[str, pd.DataFrame], expected: dict) -> bool:
    """An event row of the expected type, modality, CAMEO code and date whose
    participants include every expected (role, name); a name may be an alias."""
    aliases = {row.entity_id: {row.name, *row.aliases} for row in t["entities"].itertuples()}
    for event in t["events"].itertuples():
        if (event.type, event.modality) != (expected["type"], expected["modality"]):
            continue
        if event.cameo not in expected["cameo"]:
            continue
        if "date" in expected and str(event.date) != expected["date"]:
            continue
        rows = t["event_participants"][t["event_participants"].event_id == event.event_id]
        found = {
            (row.role, name)
            for row in rows.itertuples()
            for name in aliases.get(row.entity_id, {row.name})
        }
        if all((p["role"], p["name"]) in found for p in expected["participants"]):
            return True
    return False


def test_bad_input_fails_alone(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(
        "Мэр посетил школу\n\n18.05.2018\nМэр Калуги Дмитрий Денисов посетил школу и встретился с учителями.\n",
        encoding="utf-8",
    )
    (inputs / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (inputs / "empty.txt").write_text("  \n")
    out = tmp_path / "out"
    result = run_cli("run", inputs, "--out", out)
    assert result.returncode == 1
    docs = tables(out)["documents"].set_index("source")
    assert docs.loc["good.txt", "status"] == "ok"
    assert docs.loc["photo.txt", "status"] == "error"
    assert "binary" in docs.loc["photo.txt", "error"]
    assert docs.loc["empty.txt", "status"] == "empty"
    assert "photo.txt" in result.stderr and "binary" in result.stderr
    mentions = tables(out)["mentions"]
    assert "Дмитрий Денисов" in set(mentions.normal)


def test_help_explains_exit_codes() -> None:
    result = run_cli("run", "--help")
    assert result.returncode == 0
    assert "Exit status" in result.stdout and "--text-col" in result.stdout


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    assert run_cli("run", tmp_path / "nowhere").returncode == 2


def test_tables_load_in_duckdb_as_the_readme_shows(sample_run) -> None:
    import duckdb

    _, out, t = sample_run
    for name, frame in t.items():
        [(count,)] = duckdb.sql(f"select count(*) from '{out / name}/*.parquet'").fetchall()
        assert count == len(frame), name


def test_links_out_of_the_input_and_the_size_limit_from_the_cli(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (tmp_path / "outside.txt").write_text(
        "Мэр Калуги посетил школу и встретился с учителями.", encoding="utf-8"
    )
    (inputs / "link.txt").symlink_to(tmp_path / "outside.txt")
    (inputs / "long.txt").write_text("Губернатор провёл совещание. " * 20, encoding="utf-8")
    result = run_cli("run", inputs, "--out", tmp_path / "a", "--max-chars", "100")
    assert result.returncode == 1
    docs = tables(tmp_path / "a")["documents"].set_index("source")
    assert "--follow-links" in docs.loc["link.txt", "error"]
    assert docs.loc["long.txt", "status"] == "error"
    result = run_cli("run", inputs, "--out", tmp_path / "b", "--follow-links", "--quiet")
    assert result.returncode == 0, result.stderr
    docs = tables(tmp_path / "b")["documents"].set_index("source")
    assert set(docs.status) == {"ok"}
