"""The Python API a notebook uses: `gov_extract.run` with plain strings, and nothing heavy
imported with the package (worker processes import it too)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
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
