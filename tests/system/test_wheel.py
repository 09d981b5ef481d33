"""The wheel is the product a Dask worker or a researcher's own environment installs: built
from the repository and installed non-editable into a fresh virtual environment, it
carries the rules of `models/` and writes the same tables as the editable install."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import RAW, ROOT, assert_same_tables, run_cli

from gov_extract import __version__, lexicons

PROJECT_FILES = ["pyproject.toml", "README.md", "src", "models"]


def _run(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, timeout=600, **kwargs
    )  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel alone; the dependencies come from this venv through
    a .pth line (a plain path, so this venv's editable gov_extract is not seen), so that
    the test downloads nothing but the build backend."""
    folder = tmp_path_factory.mktemp("wheel")
    project = folder / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        source, target = ROOT / name, project / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
        else:
            shutil.copy2(source, target)
    built = _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", project, "-w", folder / "dist")
    assert built.returncode == 0, built.stderr
    venv = folder / "venv"
    assert _run(sys.executable, "-m", "venv", venv).returncode == 0
    python = venv / "bin" / "python"
    wheel = next((folder / "dist").glob("gov_extract-*.whl"))
    done = _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel)
    assert done.returncode == 0, done.stderr
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    (Path(site.stdout.strip()) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def test_the_wheel_carries_the_rules_and_writes_the_same_tables(installed: Path, sample_run, tmp_path: Path) -> None:
    where = _run(installed / "bin" / "python", "-c", "import gov_extract.lexicons as l; print(l.models_dir())")
    assert where.returncode == 0, where.stderr
    models = Path(where.stdout.strip())
    assert models.is_relative_to(installed), "the rules come from the installed package"
    assert sorted(p.name for p in models.glob("*.toml")) == sorted(p.name for p in (ROOT / "models").glob("*.toml"))
    env = {key: value for key, value in os.environ.items() if key != lexicons.OVERRIDE}
    out = tmp_path / "out"
    result = _run(installed / "bin" / "gov-extract", "run", RAW, "--out", out, "--quiet", env=env)
    assert result.returncode == 0, result.stderr
    _, editable_out, _ = sample_run
    assert_same_tables(editable_out, out)


def test_version(installed: Path) -> None:
    result = _run(installed / "bin" / "gov-extract", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"gov-extract {__version__} (pipeline {__version__}+rules.")


def test_a_rule_folder_without_the_rules_fails_loudly(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    os.environ[lexicons.OVERRIDE] = str(tmp_path / "models")
    try:
        result = run_cli("run", RAW, "--out", tmp_path / "out")
    finally:
        del os.environ[lexicons.OVERRIDE]
    assert result.returncode == 2
    assert "no abbreviations.toml" in result.stderr and lexicons.OVERRIDE in result.stderr
    assert "Traceback" not in result.stderr
