from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SHARED = ROOT.parent / "shared"
RAW = ROOT / "data" / "raw"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


def run_cli(*args: str | Path, hash_seed: int = 0) -> subprocess.CompletedProcess[str]:
    # A fixed, differing hash seed per call catches output that depends on set order.
    env = {**os.environ, "PYTHONHASHSEED": str(hash_seed)}
    return subprocess.run(
        [sys.executable, "-m", "gov_extract", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def run_killed_at(point: str, *args: str | Path, hash_seed: int = 0) -> subprocess.CompletedProcess[str]:
    """The command, killed once it reaches `point` (tests/kill_at.py)."""
    env = {**os.environ, "PYTHONHASHSEED": str(hash_seed)}
    return subprocess.run(
        [sys.executable, str(TESTS / "kill_at.py"), point, *map(str, args)],
        capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip


def first_night(folder: Path, *options: str) -> tuple[Path, Path]:
    """A run over the sample without its regional releases and dumps, as a first night;
    returns its input and output, to be brought up to the whole sample."""
    shutil.copytree(RAW, folder / "in", ignore=shutil.ignore_patterns("regional", "dumps"))
    assert run_cli("run", folder / "in", "--out", folder / "out", *options).returncode == 0
    return folder / "in", folder / "out"


def tables(out: Path) -> dict[str, pd.DataFrame]:
    from gov_extract.store.schema import TABLES

    return {name: pd.read_parquet(out / name) for name in TABLES}


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in a fixed order, lists as tuples, the run's clock left out."""
    frame = frame.drop(columns=["processed_at"], errors="ignore").copy()
    for column in frame.columns:
        if (
            frame[column]
            .map(lambda value: hasattr(value, "__len__") and not isinstance(value, str))
            .any()
        ):
            frame[column] = frame[column].map(tuple)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def assert_same_tables(left: Path, right: Path) -> None:
    for name, frame in tables(left).items():
        other = tables(right)[name]
        pd.testing.assert_frame_equal(canonical(frame), canonical(other), obj=name)


def assert_no_duplicates(out: Path) -> None:
    t = tables(out)
    assert t["documents"].doc_id.is_unique
    assert t["mentions"].mention_id.is_unique
    assert t["entities"].entity_id.is_unique
    assert t["events"].event_id.is_unique


# Tests under tests/system run the command or the whole pipeline; a test elsewhere that
# needs Natasha's models is marked `model` (by its fixtures, or by hand). The rest, the
# unit layer (`make unit`), must not load them: a guard makes such a load fail.
MODEL_FIXTURES = {"annotator", "sample_run"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(TESTS / "system"):
            item.add_marker(pytest.mark.system)
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


@pytest.fixture(autouse=True)
def _models_only_where_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("model") or request.node.get_closest_marker("system"):
        return
    from navec.tar import Tar

    def refuse(self: Tar) -> Tar:
        raise AssertionError(
            f"{request.node.nodeid} loads Natasha's models: mark it `model`, or build its "
            "document by hand (words, heads, deps) so that it stays a unit test"
        )

    monkeypatch.setattr(Tar, "__enter__", refuse)


@pytest.fixture(scope="session")
def annotator():
    from gov_extract.nlp.annotate import Annotator

    return Annotator()


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory):
    """The CLI run once over data/raw; tests read its tables."""
    out = tmp_path_factory.mktemp("sample") / "out"
    result = run_cli("run", RAW, "--out", out)
    return result, out, tables(out)
