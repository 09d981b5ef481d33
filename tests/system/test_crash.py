"""A run killed at any point (SIGKILL, as the OOM killer or a reboot would) leaves
readable tables, and the next run completes the work: every table equals a clean
run's, with no duplicates and nothing missing. Ctrl-C ends a run cleanly."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pandas as pd
import pytest
from conftest import (
    RAW,
    assert_no_duplicates,
    assert_same_tables,
    first_night,
    run_cli,
    run_killed_at,
    tables,
)

from gov_extract.store.schema import TABLES

# Small batches: the sample releases take several, so a kill can land between them.
OPTIONS = ("--quiet", "--workers", "1", "--batch-size", "4")


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean") / "out"
    assert run_cli("run", RAW, "--out", out, *OPTIONS).returncode == 0
    return out


@pytest.fixture(scope="module")
def half(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Output of a run over part of the sample, to be brought up to the whole of it."""
    inputs, out = first_night(tmp_path_factory.mktemp("half"), *OPTIONS)
    shutil.copytree(RAW, inputs, dirs_exist_ok=True)
    return inputs, out


# early: while reading; stash: a batch done but not stored; annotate: after a stored
# batch; write: after two tables of six are written; switch: the new version complete,
# not yet published; commit: the new version published, the state not yet committed.
POINTS = ["read:2", "stash:2", "annotate:3", "write:2", "switch", "commit"]


@pytest.mark.parametrize("point", POINTS)
def test_killed_run_is_completed_by_the_next(
    point: str, clean: Path, half: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, previous = half
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    killed = run_killed_at(point, "run", inputs, "--out", out, *OPTIONS)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert len(tables(out)["documents"])  # every table reads
    again = run_cli("run", inputs, "--out", out, *OPTIONS)
    assert again.returncode == 0, again.stderr
    assert_no_duplicates(out)
    assert_same_tables(clean, out)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_killed_first_run_leaves_no_half_tables(clean: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    killed = run_killed_at("write:3", "run", RAW, "--out", out, *OPTIONS)
    assert killed.returncode == -signal.SIGKILL
    # The tables written so far are whole; the others are not there yet.
    for name in TABLES:
        if (out / name).exists():
            assert len(pd.read_parquet(out / name)) == len(pd.read_parquet(clean / name)), name
    assert run_cli("run", RAW, "--out", out, *OPTIONS).returncode == 0
    assert_same_tables(clean, out)


def test_ctrl_c_keeps_what_finished(clean: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stopped = run_killed_at("annotate:2:SIGINT", "run", RAW, "--out", out, *OPTIONS)
    assert stopped.returncode == 130, stopped.stderr
    assert "interrupted" in stopped.stderr
    docs = tables(out)["documents"]
    assert 0 < len(docs) < len(tables(clean)["documents"])
    assert_no_duplicates(out)
    again = run_cli("run", RAW, "--out", out, *OPTIONS)
    assert again.returncode == 0, again.stderr
    assert_same_tables(clean, out)
