"""The rule data in `models/`, loaded once per process.

Lexicons are data so that a researcher can read and extend them without touching
code. They live in `models/` at the top of the repository and ship inside the wheel
as the package `gov_extract.models` (pyproject.toml maps one to the other), so that a
plain `pip install` (a Dask worker's) has them; `GOV_EXTRACT_MODELS` points to another
copy of the folder, for a researcher who edits them.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from gov_extract.errors import UsageError

OVERRIDE = "GOV_EXTRACT_MODELS"
# The lexicons every run reads: a folder without one of them is not a rule folder.
NAMES = ("abbreviations", "chrome", "events", "organizations", "posts")


class MissingLexicon(UsageError):
    """The rule folder lacks a lexicon; the message says where it looked."""


@cache
def models_dir() -> Path:
    override = os.environ.get(OVERRIDE)
    folder = Path(override) if override else _shipped()
    missing = [name for name in NAMES if not (folder / f"{name}.toml").is_file()]
    if missing:
        where = f"{OVERRIDE}={override}" if override else "the installed package"
        raise MissingLexicon(
            f"no {', '.join(f'{name}.toml' for name in missing)} in {folder} ({where}): "
            f"point {OVERRIDE} to a copy of the project's models/ folder, or reinstall gov-extract"
        )
    return folder


def _shipped() -> Path:
    """models/ inside the installed package (a wheel), else beside src/ (the source tree
    and editable installs, whose import machinery cannot map a data folder)."""
    installed = Path(__file__).with_name("models")
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "models"


@cache
def load(name: str) -> dict[str, Any]:
    path = models_dir() / f"{name}.toml"
    with path.open("rb") as handle:
        return tomllib.load(handle)


@cache
def fingerprint() -> str:
    """A short hash of every lexicon, written into `pipeline_version`."""
    digest = hashlib.sha256()
    for path in sorted(models_dir().glob("*.toml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]
