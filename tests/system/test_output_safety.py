"""Damaged, misplaced or unwritable output never stops a night's run silently: a lost or
truncated part is noticed and written again from the run state, a damaged state says
how to start afresh, the tables switch all at once, OUT and INPUT never read each
other, and every failure reaches cron (issue 13, items 4, 5, 8, 9, 10)."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from conftest import RAW, assert_same_tables, run_cli, run_killed_at, tables
from typer.testing import CliRunner

from gov_extract.cli import app
from gov_extract.pipeline import run
from gov_extract.store import write
from gov_extract.store.schema import TABLES
from gov_extract.store.state import STATE_DIR, STATE_FILE
from gov_extract.store.write import CURRENT, parts

FAILED_INPUT, USAGE, OUTPUT = 1, 2, 3


def invoke(*args: str | Path) -> tuple[int, str]:
    """The command in this process (the models stay loaded): exit status and stderr."""
    result = CliRunner().invoke(app, [str(arg) for arg in args], env={"COLUMNS": "2000"})
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("releases") / "in"
    shutil.copytree(RAW / "federal", folder)
    return folder


@pytest.fixture(scope="module")
def clean(releases: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean") / "out"
    assert run(releases, out, workers=1).ok
    return out


@pytest.fixture
def out(clean: Path, tmp_path: Path) -> Path:
    """A copy of a clean run's output, links kept as links."""
    copy = tmp_path / "out"
    shutil.copytree(clean, copy, symlinks=True)
    return copy


@pytest.mark.parametrize("table", ["documents", "mentions", "events"])
@pytest.mark.parametrize("damage", ["deleted", "truncated"])
def test_a_damaged_part_is_written_again(
    table: str, damage: str, releases: Path, clean: Path, out: Path
) -> None:
    part = parts(out / table)[0]
    if damage == "deleted":
        part.unlink()
    else:
        part.write_bytes(part.read_bytes()[: part.stat().st_size // 2])
    summary = run(releases, out, workers=1)
    assert summary.ok and summary.plan["unchanged"] == summary.n_documents
    assert any(repair.startswith(f"{table}: ") for repair in summary.repairs), summary.repairs
    assert_same_tables(clean, out)
    assert run(releases, out, workers=1).repairs == []


def test_reprocess_survives_a_truncated_part(releases: Path, clean: Path, out: Path) -> None:
    part = parts(out / "documents")[0]
    part.write_bytes(part.read_bytes()[:100])
    status, printed = invoke("run", releases, "--out", out, "--quiet", "--workers", "1", "--reprocess")
    assert status == 0, printed
    assert "repaired documents: " in printed
    assert_same_tables(clean, out)


def test_a_copied_output_without_links_is_taken_over(releases: Path, clean: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(clean, copy)  # `cp -r`: every link became a folder
    assert run(releases, copy, workers=1, reprocess=True).ok
    assert all((copy / name).is_symlink() for name in [CURRENT, *TABLES])
    assert_same_tables(clean, copy)


def test_a_damaged_state_says_how_to_start_afresh(releases: Path, clean: Path, out: Path) -> None:
    (out / STATE_DIR / STATE_FILE).write_bytes(b"this is not a database" * 100)
    status, printed = invoke("run", releases, "--out", out, "--quiet")
    assert status == OUTPUT
    assert "damaged" in printed and "--rebuild-state" in printed
    assert "Traceback" not in printed and len(printed.strip().splitlines()) <= 3
    status, printed = invoke("run", releases, "--out", out, "--quiet", "--workers", "1", "--rebuild-state")
    assert status == 0, printed
    assert_same_tables(clean, out)
    assert list((out / STATE_DIR).glob(f"{STATE_FILE}.damaged-*"))


# A second run adds documents, so that its mentions point to entities the first run's
# tables lack; it is killed after each table of the new version, before and after the
# switch to it.
PUBLISH_POINTS = ["write:1", "write:3", "write:5", "switch", "commit"]


@pytest.mark.parametrize("point", PUBLISH_POINTS)
def test_readers_never_see_mentions_without_their_entities(point: str, tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(RAW / "federal", inputs)
    assert run_cli("run", inputs, "--out", out, "--quiet", "--workers", "1").returncode == 0
    before = tables(out)
    shutil.copytree(RAW / "regional", inputs / "regional")
    killed = run_killed_at(point, "run", inputs, "--out", out, "--quiet", "--workers", "1")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    seen = tables(out)
    assert set(seen["mentions"].entity_id) <= set(seen["entities"].entity_id)
    assert set(seen["event_participants"].event_id) <= set(seen["events"].event_id)
    assert set(seen["mentions"].doc_id) <= set(seen["documents"].doc_id)
    grew = len(seen["documents"]) > len(before["documents"])
    assert grew == (point == "commit"), "the new tables are seen exactly when published"


def test_out_inside_input_is_not_read_back(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(RAW / "federal", inputs)
    counts = []
    for _ in range(3):
        summary = run(inputs, inputs / "out", workers=1)
        assert summary.ok
        counts.append((summary.n_files, len(pd.read_parquet(inputs / "out" / "documents"))))
    assert counts[0] == counts[1] == counts[2]


def test_input_inside_out_is_refused(clean: Path, out: Path) -> None:
    inside = out / "releases"
    shutil.copytree(RAW / "federal", inside)
    status, printed = invoke("run", inside, "--out", out)
    assert status == USAGE and "inside the output folder" in printed


def test_another_input_for_the_same_out_is_refused(releases: Path, out: Path, tmp_path: Path) -> None:
    moved = tmp_path / "moved"
    shutil.copytree(releases, moved)
    status, printed = invoke("run", moved, "--out", out, "--workers", "1")
    assert status == USAGE and "--input-changed" in printed
    status, printed = invoke("run", moved, "--out", out, "--workers", "1", "--input-changed")
    assert status == 0, printed
    documents = pd.read_parquet(out / "documents")
    assert documents.doc_id.is_unique


def test_quiet_run_still_prints_each_failure(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(RAW / "federal", inputs)
    (inputs / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4)
    (inputs / "empty.txt").write_bytes(b"")
    status, printed = invoke("run", inputs, "--out", tmp_path / "out", "--quiet", "--workers", "1")
    assert status == FAILED_INPUT
    lines = printed.strip().splitlines()
    assert len(lines) == 2
    assert any(line.startswith("error photo.txt: binary") for line in lines), lines
    assert any(line.startswith("empty empty.txt: ") for line in lines), lines


@pytest.mark.parametrize("files", [{}, {"notes.docx": b"PK\x03\x04", "scan.pdf": b"%PDF-1.4"}])
def test_an_input_without_releases_is_not_a_good_night(files: dict[str, bytes], tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, data in files.items():
        (inputs / name).write_bytes(data)
    status, printed = invoke("run", inputs, "--out", tmp_path / "out")
    assert status == FAILED_INPUT
    assert "no release in the input" in printed
    for name in files:
        assert name in printed


def test_out_that_is_a_file(releases: Path, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("")
    status, printed = invoke("run", releases, "--out", tmp_path / "out")
    assert status == USAGE and "is a file" in printed and "Traceback" not in printed


def test_scheduler_without_dask_engine(releases: Path, tmp_path: Path) -> None:
    status, printed = invoke("run", releases, "--out", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:8786")
    assert status == USAGE and "--engine dask" in printed


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EROFS, "Read-only file system"),
        PermissionError(errno.EACCES, "Permission denied"),
        sqlite3.OperationalError("database or disk is full"),
    ],
)
def test_out_that_cannot_be_written(
    error: Exception, releases: Path, clean: Path, out: Path, monkeypatch
) -> None:
    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(write.PartWriter, "__init__", fail)
    status, printed = invoke("run", releases, "--out", out, "--workers", "1", "--reprocess")
    assert status == OUTPUT, printed
    assert ("space" in printed) or ("read-only" in printed) or ("may write" in printed)
    assert "Traceback" not in printed
    monkeypatch.undo()
    assert_same_tables(clean, out)  # the last complete run's tables, untouched


def test_lost_tables_are_written_again(releases: Path, clean: Path, out: Path) -> None:
    shutil.rmtree(out / "_versions")
    (out / CURRENT).unlink()
    summary = run(releases, out, workers=1)
    assert summary.ok and summary.n_processed == 0
    assert summary.repairs and "gone" in summary.repairs[0]
    assert_same_tables(clean, out)


def test_an_unreachable_scheduler_is_one_line(releases: Path, tmp_path: Path) -> None:
    # Nothing listens on port 9 of this machine; Dask's own wait is shortened for the test.
    os.environ["DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"] = "2s"
    try:
        result = run_cli("run", releases, "--out", tmp_path / "out", "--engine", "dask",
                         "--scheduler", "tcp://127.0.0.1:9")  # fmt: skip
    finally:
        del os.environ["DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"]
    assert result.returncode == OUTPUT, result.stderr
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr
