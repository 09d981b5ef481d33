"""The same tables whatever the number of workers, and on a real Dask cluster."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import RAW, assert_same_tables

from gov_extract import engines
from gov_extract.inputs.read import Columns, discover, read
from gov_extract.pipeline import run

# Small batches, so that two workers really share the sample releases.
BATCH = 3


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("one") / "out"
    run(RAW, out, workers=1, batch_size=BATCH)
    return out


def test_two_workers_give_the_same_tables(one_worker: Path, tmp_path: Path) -> None:
    summary = run(RAW, tmp_path / "out", workers=2, batch_size=BATCH)
    assert summary.n_processed == summary.n_documents > BATCH
    assert_same_tables(one_worker, tmp_path / "out")


def test_dask_local_cluster_gives_the_same_tables(one_worker: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    summary = run(RAW, tmp_path / "out", workers=2, engine="dask", batch_size=BATCH)
    assert summary.n_processed == summary.n_documents
    assert_same_tables(one_worker, tmp_path / "out")


def test_a_fresh_worker_runs_one_blas_thread() -> None:
    """A worker process has not loaded NumPy when it sets its limit, and threadpoolctl
    limits only the libraries already loaded: two workers once ran a BLAS thread per
    core each, three times slower."""
    code = (
        "from gov_extract.engines import one_blas_thread; one_blas_thread(); "
        "from threadpoolctl import threadpool_info; "
        "print(max(pool['num_threads'] for pool in threadpool_info()))"
    )
    env = {"PATH": "/usr/bin:/bin"}  # no OPENBLAS_NUM_THREADS from the caller
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert found.stdout.strip() == "1"


def test_a_worker_of_the_command_does_not_load_the_command_line() -> None:
    """Workers import the main module of the process that starts them: for
    `gov-extract`, its console script. Loading typer, rich and the Parquet writer there
    took each worker a quarter of a second before it loaded the models."""
    script = Path(sys.executable).with_name("gov-extract")
    code = (
        "import runpy, sys; "
        f"runpy.run_path({str(script)!r}, run_name='__mp_main__'); "
        "print(sorted({'typer', 'rich', 'pyarrow', 'gov_extract.cli'} & set(sys.modules)))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_threads_of_one_worker_process_annotate_one_batch_at_a_time(monkeypatch) -> None:
    """A Dask worker started with several threads runs tasks side by side in one
    process, over the one set of models that process holds."""
    inside, most = 0, 0
    count = threading.Lock()

    def annotator(docs) -> None:
        nonlocal inside, most
        with count:
            inside += 1
            most = max(most, inside)
        time.sleep(0.05)
        with count:
            inside -= 1

    monkeypatch.setattr(engines, "worker_annotator", lambda: annotator)
    items = [(0, source) for path in discover(RAW)[:2] for source in read(path, RAW, Columns())]
    threads = [
        threading.Thread(target=engines.annotate_batch, args=([item], "v")) for item in items * 2
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 1
