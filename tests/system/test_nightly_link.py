"""Nightly runs link new releases against the entities already published: ids stay,
and the only difference from linking everything at once is what `merged_into` says;
`--relink` gives exactly the tables of one run over everything."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import RAW, assert_same_tables, first_night, run_cli, tables

OPTIONS = ("--quiet", "--workers", "1")


@pytest.fixture(scope="module")
def once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("once") / "out"
    assert run_cli("run", RAW, "--out", out, *OPTIONS).returncode == 0
    return out


@pytest.fixture(scope="module")
def nightly(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    """The sample in two nights: the federal and municipal releases, then the rest.
    Returns the output and the first night's mentions."""
    inputs, out = first_night(tmp_path_factory.mktemp("nightly"), *OPTIONS)
    first = tables(out)["mentions"]
    shutil.copytree(RAW, inputs, dirs_exist_ok=True)
    assert run_cli("run", inputs, "--out", out, *OPTIONS).returncode == 0
    return out, first


def test_a_night_keeps_the_ids_of_the_mentions_published_before(nightly: tuple[Path, pd.DataFrame]) -> None:
    out, first = nightly
    now = tables(out)["mentions"].set_index("mention_id").entity_id
    assert now[first.mention_id].tolist() == first.entity_id.tolist()


def test_nightly_ids_resolve_to_those_of_one_run(nightly: tuple[Path, pd.DataFrame], once: Path) -> None:
    out, _ = nightly
    merged = tables(out)["entities"].set_index("entity_id").merged_into.dropna().to_dict()
    resolved = tables(out)["mentions"].set_index("mention_id").entity_id.replace(merged)
    expected = tables(once)["mentions"].set_index("mention_id").entity_id
    assert resolved.sort_index().equals(expected.sort_index())


def test_relink_gives_the_tables_of_one_run(nightly: tuple[Path, pd.DataFrame], once: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(nightly[0], out, symlinks=True)
    relinked = run_cli("run", nightly[0].parent / "in", "--out", out, "--relink", *OPTIONS)
    assert relinked.returncode == 0, relinked.stderr
    assert_same_tables(once, out)
    assert tables(out)["entities"].merged_into.isna().all()
