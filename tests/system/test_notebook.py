"""notebooks/explore.ipynb runs top to bottom, on the sample output and on an empty one."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, run_cli
from nbclient import NotebookClient

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def execute(out: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    # The kernel inherits the environment: the notebook reads GOV_EXTRACT_OUT.
    monkeypatch.setenv("GOV_EXTRACT_OUT", str(out))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook, timeout=60, kernel_name="python3",
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


def test_notebook_runs_on_the_sample(sample_run, monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, tables = sample_run
    notebook = execute(out, monkeypatch)
    assert images(notebook) == 3
    # The first cell shows the rows of each table it read from OUT.
    shown = notebook.cells[1].outputs[0]["data"]["text/plain"]
    for name, table in tables.items():
        assert re.search(rf"^{name} +{len(table)}$", shown, re.M), name


def test_notebook_runs_on_an_empty_output(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "blank.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", tmp_path / "in", "--out", out, "--quiet").returncode == 1
    assert images(execute(out, monkeypatch)) == 3
