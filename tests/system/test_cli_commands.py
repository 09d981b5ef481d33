"""The command line as a researcher meets it: one OUT option, usage lines and examples in
every help, the run summary's counts, `export`, `graph` beside OUT, `show` by record id."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from gov_extract.cli import app

COMMANDS = ("run", "show", "stats", "graph", "export", "compact")


def invoke(*args: str | Path):
    return CliRunner().invoke(
        app, [str(arg) for arg in args], env={"COLUMNS": "200"}, prog_name="gov-extract"
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_a_plain_usage_line_the_out_option_and_examples(name: str) -> None:
    help = invoke(name, "--help").stdout
    usage = help.splitlines()[0]
    assert usage.startswith(f"Usage: gov-extract {name} [OPTIONS]")
    assert "{" not in usage and "[OUT]" not in usage  # no braces, no hidden argument
    assert re.search(r"-o, --out OUT\s", help)
    examples = help[help.index("Examples:") :].splitlines()[1:]
    assert examples and all(line.strip().startswith(f"gov-extract {name}") for line in examples)


def test_the_app_has_version_and_completion() -> None:
    help = invoke("--help").stdout
    assert "--install-completion" in help and "--version" in help
    assert set(COMMANDS) == set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert re.fullmatch(r"gov-extract \S+ \(pipeline \S+\+rules\.\w+\)\n", invoke("--version").stdout)


def test_run_summary_counts_events_by_type_and_positions(sample_run) -> None:
    result, _, tables = sample_run
    summary = result.stderr

    def count(label: str) -> int:
        return int(re.search(rf"│ {re.escape(label)}\s+│ (\d+)", summary).group(1))

    events = tables["events"]
    assert count("events (whole corpus)") == len(events) > 0
    for type, n in events.type.value_counts().items():
        assert count(f"  {type}") == n
    assert count("positions (whole corpus)") == len(tables["positions"]) > 0


def test_export_writes_every_table_as_csv_and_jsonl(sample_run, tmp_path: Path) -> None:
    _, out, tables = sample_run
    result = invoke("export", "-o", out, "--to", tmp_path / "csv")
    assert result.exit_code == 0, result.output
    for name, frame in tables.items():
        read = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(read.columns) == list(frame.columns) and len(read) == len(frame), name
    entities = pd.read_csv(tmp_path / "csv" / "entities.csv", keep_default_na=False)
    with_aliases = tables["entities"][tables["entities"].aliases.map(len) > 1].iloc[0]
    row = entities.set_index("entity_id").loc[with_aliases.entity_id]
    assert row.aliases == "; ".join(with_aliases.aliases)
    texts = pd.read_csv(tmp_path / "csv" / "documents.csv").set_index("doc_id").text
    assert texts.to_dict() == tables["documents"].set_index("doc_id").text.to_dict()

    result = invoke("export", "-o", out, "-f", "jsonl", "-t", "events", "-t", "entities")
    beside = out.with_name(f"{out.name}-jsonl")  # the default: beside OUT, not inside it
    assert result.exit_code == 0 and sorted(p.name for p in beside.iterdir()) == [
        "entities.jsonl", "events.jsonl",
    ]  # fmt: skip
    events = [json.loads(line) for line in (beside / "events.jsonl").read_text().splitlines()]
    assert [e["event_id"] for e in events] == list(tables["events"].event_id)
    first = tables["events"].iloc[0]
    assert events[0]["date"] == first.date.isoformat() and events[0]["trigger"] == first.trigger
    entities = [json.loads(line) for line in (beside / "entities.jsonl").read_text().splitlines()]
    assert any(len(e["aliases"]) > 1 for e in entities)

    wrong = invoke("export", "-o", out, "--table", "people", "--to", tmp_path / "x")
    assert wrong.exit_code == 2 and "no table 'people'" in wrong.output


def test_graph_writes_beside_out_never_into_the_current_folder(
    sample_run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = sample_run
    monkeypatch.chdir(tmp_path)
    result = invoke("graph", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.with_name(f"{out.name}-graph.graphml").is_file()
    assert list(tmp_path.iterdir()) == []
    result = invoke("graph", "-o", out, "--format", "csv", "--file", tmp_path / "g")
    assert result.exit_code == 0 and (tmp_path / "g" / "edges.csv").is_file()


def test_show_finds_a_release_of_a_dump_by_its_record_id(sample_run) -> None:
    _, out, tables = sample_run
    documents = tables["documents"]
    doc = documents[documents.record == "1004"].iloc[0]
    found = json.loads(invoke("show", "1004", "-o", out, "--json").stdout)
    assert found["document"]["doc_id"] == doc.doc_id
    own = tables["events"][tables["events"].doc_id == doc.doc_id]
    assert {e["event_id"] for e in found["events"]} == set(own.event_id) != set()
    printed = invoke("show", "1004", "-o", out, "--color", "never")
    assert printed.exit_code == 0 and doc.title in printed.stdout
    assert "\x1b[" not in printed.stdout


def test_old_spellings_are_still_read_with_a_note(sample_run, tmp_path: Path) -> None:
    _, out, tables = sample_run
    result = invoke("stats", out, "--json")
    assert json.loads(result.stdout)["documents"]["total"] == len(tables["documents"])
    assert "deprecated" in result.stderr
    result = invoke("graph", out, "--output", tmp_path / "old.graphml")
    assert result.exit_code == 0 and (tmp_path / "old.graphml").is_file()
    twice = invoke("stats", out, "-o", tmp_path)
    assert twice.exit_code == 2 and "OUT given twice" in twice.stderr


def test_compact_takes_out_as_an_option(sample_run, tmp_path: Path) -> None:
    _, out, _ = sample_run
    assert invoke("compact", "-o", out).exit_code == 0
    missing = invoke("compact", "-o", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "no output folder" in missing.stderr
