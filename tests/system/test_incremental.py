"""Incremental runs: only new or changed documents are annotated, replaced rows never
duplicate, the lock keeps a second run out, `compact` changes no content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import RAW, assert_no_duplicates, assert_same_tables, run_cli, tables

from gov_extract import engines, pipeline
from gov_extract.nlp.annotate import Annotator
from gov_extract.pipeline import run
from gov_extract.publish import compact
from gov_extract.store.schema import TABLES
from gov_extract.store.state import Locked, RunLock
from gov_extract.store.write import parts

SAMPLE = ["federal", "regional"]  # a few releases keep these tests quick


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    for name in SAMPLE:
        shutil.copytree(RAW / name, folder / name)
    return folder


def clean_run(corpus: Path, tmp_path: Path) -> Path:
    out = tmp_path / "clean"
    shutil.rmtree(out, ignore_errors=True)
    run(corpus, out, workers=1)
    return out


def test_unchanged_rerun_does_no_work(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    first = run(corpus, out, workers=1)
    assert first.plan["new"] == first.n_documents > 0
    files = {path: path.stat().st_mtime_ns for path in out.rglob("*.parquet")}

    def no_nlp(*args: object) -> None:
        raise AssertionError("an unchanged document was annotated again")

    monkeypatch.setattr(engines, "annotate_batch", no_nlp)
    again = run(corpus, out, workers=1)
    assert again.plan["unchanged"] == first.n_documents and again.n_processed == 0
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*.parquet")} == files


def test_changed_new_and_vanished_documents(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(corpus, out, workers=1)
    changed = next((corpus / "federal").glob("*.txt"))
    changed.write_text(
        changed.read_text(encoding="utf-8-sig")
        + "\nГубернатор Калужской области Владислав Шапша провёл совещание.\n",
        encoding="utf-8",
    )
    shutil.copy(RAW / "municipal" / "yalta-admin-mup-contract-2022-08-24.txt", corpus / "new.txt")
    gone = next((corpus / "regional").glob("*.txt"))
    gone_source = gone.relative_to(corpus).as_posix()
    gone.unlink()

    summary = run(corpus, out, workers=1)
    assert (summary.plan["changed"], summary.plan["new"], summary.n_processed) == (1, 1, 2)
    assert_no_duplicates(out)
    docs = tables(out)["documents"]
    assert "Шапша" in docs.set_index("source").loc[changed.relative_to(corpus).as_posix(), "text"]
    # Kept unless --prune: the tables still hold the release whose file is gone.
    assert gone_source in set(docs.source)

    pruned = run(corpus, out, workers=1, prune=True)
    assert pruned.n_removed == 1 and pruned.n_processed == 0
    assert_same_tables(out, clean_run(corpus, tmp_path))


def test_new_pipeline_version_and_reprocess(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    n = run(corpus, out, workers=1).n_documents
    assert run(corpus, out, workers=1, reprocess=True).plan["outdated"] == n
    monkeypatch.setattr(pipeline, "pipeline_version", lambda: "9.9.9+rules.test")
    assert run(corpus, out, workers=1).plan["outdated"] == n
    assert set(tables(out)["documents"].pipeline_version) == {"9.9.9+rules.test"}
    assert_no_duplicates(out)


def test_internal_error_is_one_documents_row(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    real = Annotator.__call__

    def breaks_on_kaluga(self: Annotator, docs: list) -> None:
        if any("Калуж" in doc.text for doc in docs):
            raise RuntimeError("boom")
        real(self, docs)

    monkeypatch.setattr(Annotator, "__call__", breaks_on_kaluga)
    summary = run(corpus, out, workers=1)
    docs = tables(out)["documents"]
    failed = docs[docs.status == "error"]
    assert len(failed) == len(summary.failures) >= 1
    assert all("internal error" in e and "report" in e and "boom" in e for e in failed.error)
    assert (docs.status == "ok").sum() == len(docs) - len(failed) > 0

    monkeypatch.setattr(Annotator, "__call__", real)
    retried = run(corpus, out, workers=1)  # a fixed bug: the failed ones are tried again
    assert retried.plan["outdated"] == len(failed) and retried.ok
    assert set(tables(out)["documents"].status) == {"ok"}


def test_second_run_on_the_same_out_stops(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with RunLock(out):
        with pytest.raises(Locked, match="another gov-extract run"):
            run(corpus, out, workers=1)
        result = run_cli("run", corpus, "--out", out, "--quiet")
        assert result.returncode == 2 and "another gov-extract run" in result.stderr
    # A lock file left by a dead run is no obstacle: the kernel released its lock.
    (out / "_state" / "lock").write_text("999999 on elsewhere\n")
    assert run(corpus, out, workers=1).n_processed > 0


def test_empty_input_still_gives_every_table(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    run(tmp_path / "in", tmp_path / "out", workers=1)
    assert all(len(frame) == 0 for frame in tables(tmp_path / "out").values())


def test_compact_keeps_content(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(corpus, out, workers=1)
    for index, path in enumerate(sorted(corpus.rglob("*.txt"))[:3]):
        path.write_text(
            path.read_text(encoding="utf-8-sig") + f"\nДобавлено {index}.\n", encoding="utf-8"
        )
        run(corpus, out, workers=1)
    assert len(parts(out / "documents")) > 1
    before = tables(out)
    result = run_cli("compact", out)
    assert result.returncode == 0, result.stderr
    assert all(len(parts(out / name)) == 1 for name in TABLES)
    for name, frame in tables(out).items():
        pd.testing.assert_frame_equal(frame, before[name], obj=name)
    assert compact(out)["documents"] == (1, 1)
