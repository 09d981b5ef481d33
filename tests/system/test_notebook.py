"""notebooks/explore.ipynb runs top to bottom, on the sample output and on an empty one."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import ROOT, run_cli
from nbclient import NotebookClient

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def execute(out: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    # The kernel inherits the environment: the notebook reads GOV_EXTRACT_OUT.
    monkeypatch.setenv("GOV_EXTRACT_OUT", str(out))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )  # fmt: skip
    client.execute()
    return notebook


def images(notebook: nbformat.NotebookNode) -> int:
    return sum(
        "image/png" in output.get("data", {})
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )


def printed(notebook: nbformat.NotebookNode) -> str:
    return "".join(
        output.get("text", "") + output.get("data", {}).get("text/plain", "")
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )


def test_notebook_runs_on_the_sample(sample_run, monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, tables = sample_run
    notebook = execute(out, monkeypatch)
    assert images(notebook) == 3
    # The first cell shows the rows of each table it read from OUT.
    shown = notebook.cells[1].outputs[0]["data"]["text/plain"]
    for name, table in tables.items():
        assert re.search(rf"^{name} +{len(table)}$", shown, re.M), name
    # Every month from the first event's to the last one's, the empty ones counted.
    dates = pd.to_datetime(tables["events"].date.dropna())
    months = pd.period_range(dates.min().to_period("M"), dates.max().to_period("M"), freq="M")
    quiet = len(set(months) - set(dates.dt.to_period("M")))
    expected = f"{len(months)} months from {months[0]} to {months[-1]}, {quiet} of them without events"
    assert expected in printed(notebook)
    # The pairs are ranked by their events, the most first, and no place among them.
    pairs = next(
        o["data"]["text/plain"]
        for cell in notebook.cells
        for o in cell.get("outputs", [])
        if "releases" in o.get("data", {}).get("text/plain", "")
    )
    counts = [int(line.split()[-8]) for line in pairs.splitlines()[1:] if line.strip()]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2


def test_notebook_runs_on_an_empty_output(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "blank.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", tmp_path / "in", "--out", out, "--quiet").returncode == 1
    assert images(execute(out, monkeypatch)) == 3
