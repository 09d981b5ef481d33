"""One document must not hold a run: a document over its time gets an error row, in
this process and in a pool. A pool worker that dies costs the one document it was on,
and no worker outlives a run that is killed."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

import engine_faults
import pandas as pd
import psutil
import pytest
from conftest import TESTS
from engine_faults import CRASH, HANG, STUCK

from gov_extract import engines
from gov_extract.pipeline import run
from gov_extract.records import Doc, Source, sha256
from gov_extract.store.state import Annotated

KILL_AT = TESTS / "kill_at.py"
TEXT = "Губернатор Калужской области Владислав Шапша провёл совещание в Людинове."


def source(name: str, marker: str = "") -> Source:
    body = f"{TEXT} {marker}\n"
    return Source(f"{name}.txt", None, "txt", sha256(body.encode()), body=body)


def annotate_all(runner: engines.Runner, batches: list[list[Source]]) -> dict[str, Annotated]:
    items = [list(enumerate(batch)) for batch in batches]
    found = [annotated for done in runner(items, "v") for annotated in done]
    by_name = {annotated.source.removesuffix(".txt"): annotated for annotated in found}
    assert len(by_name) == len(found) == sum(map(len, batches))
    return by_name


def assert_annotated(found: dict[str, Annotated], *names: str) -> None:
    for name in names:
        assert found[name].status == "ok", found[name].error
        assert "PER" in found[name].mention_types


def assert_timed_out(annotated: Annotated, seconds: str) -> None:
    assert annotated.status == "error"
    assert f"took longer than {seconds} s and was stopped" in annotated.error
    assert "--doc-timeout" in annotated.error
    assert annotated.internal_error  # tried again by the next run


@pytest.fixture(scope="module")
def models() -> None:
    """Loaded before a test's timers run: loading takes longer than their budgets."""
    engines.worker_annotator()


def test_in_process_a_document_over_its_time_is_stopped(models: None) -> None:
    previous = signal.getsignal(signal.SIGALRM)
    batches = [[source("a"), source("hang", HANG), source("b")], [source("c")]]
    with engines.open_engine("local", 1, doc_timeout=1, annotate=engine_faults.annotate) as runner:
        found = annotate_all(runner, batches)
    assert_timed_out(found["hang"], "1")
    assert_annotated(found, "a", "b", "c")
    # The caller's signal handling is as it was.
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_run_writes_the_error_row_of_a_document_over_its_time(
    models: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engines.worker_annotator()

    def annotate(docs: Sequence[Doc]) -> None:
        if any(HANG in doc.text for doc in docs):
            time.sleep(3600)
        real(docs)

    monkeypatch.setattr(engines, "worker_annotator", lambda: annotate)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fine.txt").write_text(f"{TEXT}\n", encoding="utf-8")
    (folder / "hang.txt").write_text(f"{TEXT} {HANG}\n", encoding="utf-8")
    summary = run(folder, tmp_path / "out", workers=1, doc_timeout=0.5)
    assert summary.by_status == {"ok": 1, "error": 1}
    [failure] = summary.failures
    assert failure.source == "hang.txt"
    assert "took longer than 0.5 s" in failure.error
    documents = pd.read_parquet(tmp_path / "out" / "documents").set_index("source")
    assert documents.status.to_dict() == {"fine.txt": "ok", "hang.txt": "error"}


def spawned_children() -> list[psutil.Process]:
    """Worker processes of this one; multiprocessing's resource tracker stays."""
    return [
        child for child in psutil.Process().children() if "spawn_main" in " ".join(child.cmdline())
    ]


@pytest.fixture(scope="module")
def pool_run() -> tuple[dict[str, Annotated], list[psutil.Process]]:
    """One run of a 2-worker pool over every fault, as pools are slow to start."""
    batches = [
        [source("a1"), source("hang", HANG), source("a2")],
        [source("b1"), source("crash", CRASH), source("b2")],
        [source("stuck", STUCK), source("c1")],
        [source("d1"), source("d2")],
    ]
    with engines.open_engine("local", 2, doc_timeout=1, annotate=engine_faults.annotate) as runner:
        workers = spawned_children()
        found = annotate_all(runner, batches)
    return found, workers


def test_pool_stops_a_document_over_its_time(pool_run) -> None:
    found, _ = pool_run
    assert_timed_out(found["hang"], "1")  # by the worker's timer
    assert_timed_out(found["stuck"], "1")  # by the parent, which killed the worker
    assert_annotated(found, "a1", "a2", "c1", "d1", "d2")


def test_pool_goes_on_when_a_worker_dies(pool_run) -> None:
    found, _ = pool_run
    assert found["crash"].status == "error"
    assert found["crash"].error.startswith("the worker process died while annotating")
    assert found["crash"].internal_error
    assert_annotated(found, "b1", "b2")


def test_pool_leaves_no_worker_behind(pool_run) -> None:
    _, workers = pool_run
    assert len(workers) == 2
    assert not any(worker.is_running() for worker in workers)
    assert spawned_children() == []


def alive(process: psutil.Process) -> bool:
    with suppress(psutil.NoSuchProcess):
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    return False


@pytest.mark.parametrize("signame", ["SIGKILL", "SIGTERM"])
def test_no_process_outlives_a_killed_run(signame: str, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(f"{TEXT}\n", encoding="utf-8")
    # Each takes a worker some 20 s: killed with the run, or still busy 5 s after it.
    for name in ("b.txt", "c.txt"):
        (inputs / name).write_text(f"{TEXT}\n" * 3000, encoding="utf-8")
    command = [
        sys.executable, str(KILL_AT), f"annotate:1:{signame}", "run", str(inputs), "--out", str(tmp_path / "out"),
        "--quiet", "--workers", "2", "--batch-size", "1", "--doc-timeout", "120",
    ]  # fmt: skip
    # The run kills itself once it has stored a.txt, its workers busy with the others.
    with (tmp_path / "stderr").open("w") as stderr:
        killed = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        seen: dict[int, psutil.Process] = {}
        while killed.poll() is None:
            with suppress(psutil.Error):
                for child in psutil.Process(killed.pid).children(recursive=True):
                    seen.setdefault(child.pid, child)
            time.sleep(0.02)
    assert killed.returncode == -getattr(signal, signame), (tmp_path / "stderr").read_text()
    # Two workers and multiprocessing's resource tracker.
    assert len(seen) >= 3
    psutil.wait_procs(list(seen.values()), timeout=5)
    assert [process for process in seen.values() if alive(process)] == []
