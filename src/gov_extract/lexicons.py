"""The rule data in `models/`, loaded once per process.

Lexicons are data so that a researcher can read and extend them without touching
code; `GOV_EXTRACT_MODELS` points to another copy of the folder.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any


def models_dir() -> Path:
    override = os.environ.get("GOV_EXTRACT_MODELS")
    if override:
        return Path(override)
    # Editable installs and the source tree keep models/ beside src/.
    return Path(__file__).resolve().parents[2] / "models"


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
