"""Parquet output: one folder per table, replaced atomically.

A reader sees either the previous complete table or the new one: the new folder is
written beside the old one under a dot-name (which Parquet readers skip) and renamed
into place.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .schema import validate


def write_tables(out: Path, tables: dict[str, pa.Table]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        validate(name, table)
        replace_table(out, name, table)


def replace_table(out: Path, name: str, table: pa.Table) -> None:
    staging, retired, target = out / f".{name}.new", out / f".{name}.old", out / name
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    staging.mkdir()
    pq.write_table(table, staging / "part-00000.parquet", compression="zstd")
    if target.exists():
        os.replace(target, retired)
    os.replace(staging, target)
    shutil.rmtree(retired, ignore_errors=True)


def read_table(out: Path, name: str) -> pa.Table:
    return pq.read_table(out / name)
