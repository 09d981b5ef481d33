"""`make bench-scale`: what a night costs beside an archive of 10 k, 100 k and 1 M
stored documents.

An archive of N documents is made without NLP: the .txt releases of
../shared/corpora are run once (the base), then its run state and tables are copied
N / base times, each copy with its own document ids (`copyNNNNN/<source>`), so that
the state, the registry's counts and the published parts are those of a run over N
documents. The copies name the base's people and bodies: the registry holds the
base's entities with counts multiplied, not N documents' worth of distinct names.

On each archive, in this order, a fresh process runs `gov_extract.run` (two workers)
and reports its time and the peak memory of the run's own process (workers apart):

    unchanged  nothing new in the input: what every night reads of the archive
    add      100 new releases (texts of the base under new names)
    change   100 stored releases of the newest copy edited (their parts rewritten)
    relink   every stored document linked afresh (`--relink`; no NLP)

    python -m gov_extract_eval.scale [--sizes 10000,100000,1000000] [--work DIR]
        [--skip-relink-above N] [--json] [--save PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from rich.console import Console
from rich.table import Table

from gov_extract.link.registry import Registry
from gov_extract.publish import PART_DOCS, PER_DOCUMENT
from gov_extract.records import make_doc_id
from gov_extract.store.state import STATE_DIR, STATE_FILE, State
from gov_extract.store.write import Version, part_name, published_parts
from gov_extract_eval.bench_report import emit
from gov_extract_eval.gold import DEFAULT_CORPORA

SIZES = (10_000, 100_000, 1_000_000)
NIGHT = 100
WORKERS = 2
# Targets of the issue on archive scale: a night of NIGHT new releases at the largest
# size against the smallest, and its time and memory at 1 M documents.
TARGETS = {"add_ratio_largest_vs_smallest": 1.5, "add_seconds_at_1m": 60, "peak_parent_mb": 2048}


def base(corpora: Path, work: Path) -> tuple[Path, Path]:
    """The base run over the corpora's .txt releases: its input and its output."""
    input = work / "input"
    for path in sorted(corpora.rglob("*.txt")):
        target = input / "base" / path.relative_to(corpora)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    out = work / "base-out"
    _run_op(input, out, [])
    return input, out


def build(base_out: Path, input: Path, size: int, out: Path) -> dict[str, Any]:
    """An archive of `size` documents copied from the base run, as a run over `input`
    would have stored and published it."""
    started = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    (out / STATE_DIR).mkdir(parents=True)
    source_db = sqlite3.connect(base_out / STATE_DIR / STATE_FILE)
    docs = source_db.execute(
        "select doc_id, source, ordinal, content_sha256, pipeline_version, retry, status, "
        "doc, row, linked, places from docs order by source, ordinal"
    ).fetchall()
    copies = max(1, size // len(docs))
    State(out).db.close()  # the empty state of this version
    db = sqlite3.connect(out / STATE_DIR / STATE_FILE, isolation_level=None)
    registry = Registry(db)
    db.execute("pragma synchronous = off")
    db.execute("pragma journal_mode = off")
    db.execute("attach ? as base", (str(base_out / STATE_DIR / STATE_FILE),))
    for table in ("entities", "entity_forms", "entity_docs", "short_names", "entity_places", "meta"):
        db.execute(f"delete from {table}")
        db.execute(f"insert into {table} select * from base.{table}")
    for table, column in (("entity_forms", "n"), ("entity_docs", "n"), ("short_names", "n"),
                          ("entity_places", "n")):  # fmt: skip
        db.execute(f"update {table} set {column} = {column} * ?", (copies,))
    db.execute(
        "update entities set n_mentions = n_mentions * ?, n_docs = n_docs * ?", (copies, copies)
    )
    db.execute("update meta set value = ? where key = 'input'", (str(input.resolve()),))
    db.execute("update meta set value = '0' where key = 'dirty'")
    parts = published_parts(base_out)
    tables = {name: pq.read_table(parts[name][0].parent) for name in PER_DOCUMENT}
    base_ids = pa.array([doc[0] for doc in docs], pa.string())
    version = Version(out)
    per_part = max(1, PART_DOCS // len(docs))
    for first in range(0, copies, per_part):
        group = range(first, min(first + per_part, copies))
        stem = part_name().removesuffix(".parquet")
        writers = {name: version.open(name, f"{stem}.parquet") for name in PER_DOCUMENT}
        for copy in group:
            new_ids = [_copy_id(copy, doc[1]) for doc in docs]
            db.executemany(
                "insert into docs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (new, f"copy{copy:05d}/{d[1]}", d[2], d[3], d[4], d[5], d[6],
                     d[7].replace(d[0].encode(), new.encode()),
                     d[8].replace(d[0].encode(), new.encode()), d[9], d[10], stem)
                    for d, new in zip(docs, new_ids, strict=True)
                ),
            )  # fmt: skip
            mapping = pa.array(new_ids, pa.string())
            for name, table in tables.items():
                writers[name].write_table(_renamed(table, base_ids, mapping))
        for writer in writers.values():
            writer.close()
    version.write("entities", registry.rows())
    version.publish()
    db.close()
    source_db.close()
    # The archive on disk, not in dirty pages that the kernel would flush during the
    # first night measured.
    os.sync()
    return {"documents": copies * len(docs), "seconds": round(time.perf_counter() - started, 1)}


def _copy_id(copy: int, source: str) -> str:
    return make_doc_id(f"copy{copy:05d}/{source}", None)


def _renamed(table: pa.Table, base_ids: pa.Array, new_ids: pa.Array) -> pa.Table:
    """The base rows with the copy's document ids, and mention and event ids built on them."""
    index = pc.index_in(table.column("doc_id"), value_set=base_ids)
    doc_ids = pc.take(new_ids, index)
    columns = {"doc_id": doc_ids}
    for column in ("mention_id", "event_id"):
        if column in table.column_names:
            # `<doc_id>-m3`, `<doc_id>-e0` (store.tables).
            suffix = pc.replace_substring_regex(table.column(column), r"^.*(-[me]\d+)$", r"\1")
            columns[column] = pc.binary_join_element_wise(doc_ids, suffix, "")
    for column, values in columns.items():
        index = table.schema.get_field_index(column)
        table = table.set_column(index, table.schema.field(index), values)
    return table


def night(input: Path, base_input: Path) -> None:
    """The input of the nights: the releases that stay (none: the archive's sources are
    gone from it, and are kept), NIGHT new ones, and NIGHT edited ones of the newest copy."""
    shutil.rmtree(input, ignore_errors=True)
    texts = sorted(base_input.rglob("*.txt"))
    for index, path in enumerate(texts[:NIGHT]):
        target = input / "new" / f"{index:03d}-{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def edit(input: Path, base_input: Path, copies: int) -> None:
    texts = sorted(base_input.rglob("*.txt"))
    for path in texts[:NIGHT]:
        source = path.relative_to(base_input).as_posix()
        target = input / f"copy{copies - 1:05d}" / source
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8") + "\nДополнено редакцией.\n", encoding="utf-8")


def _run_op(input: Path, out: Path, options: list[str]) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "gov_extract_eval.scale", "--op", str(input), str(out), *options],
        cwd=Path(__file__).parents[1],
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads(result.stdout.splitlines()[-1])


def op(input: Path, out: Path, relink: bool) -> dict[str, Any]:
    """One run in this process: its seconds and this process's peak memory."""
    from gov_extract.pipeline import run

    started = time.perf_counter()
    summary = run(input, out, workers=WORKERS, relink=relink)
    seconds = time.perf_counter() - started
    peak = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
    return {
        "seconds": round(seconds, 2),
        "peak_parent_mb": round(peak),
        "processed": summary.n_processed,
        "publish_seconds": round(summary.stage_seconds.get("publish", 0.0), 2),
    }


def report(corpora: Path, sizes: list[int], work: Path, relink_up_to: int, console: Console) -> dict[str, Any]:
    console.print(f"base run over {corpora}", highlight=False)
    base_input, base_out = base(corpora, work)
    figures: dict[str, Any] = {"sizes": {}, "targets": TARGETS}
    for size in sizes:
        out = work / f"archive-{size}"
        input = work / f"night-{size}"
        console.print(f"building an archive of {size:,} documents", highlight=False)
        built = build(base_out, input, size, out)
        copies = built["documents"] // len(list(base_input.rglob("*.txt")))
        found: dict[str, Any] = {"build": built}
        # The unchanged night first, on an input with nothing new: it reads what every
        # night reads of the archive.
        input.mkdir(parents=True, exist_ok=True)
        console.print("  unchanged", highlight=False)
        found["unchanged"] = _run_op(input, out, [])
        night(input, base_input)
        console.print("  add", highlight=False)
        found["add"] = _run_op(input, out, [])
        edit(input, base_input, copies)
        console.print("  change", highlight=False)
        found["change"] = _run_op(input, out, [])
        if size <= relink_up_to:
            console.print("  relink", highlight=False)
            found["relink"] = _run_op(input, out, ["--relink"])
        found["disk_mb"] = round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20)
        figures["sizes"][str(size)] = found
        shutil.rmtree(out, ignore_errors=True)
    smallest, largest = figures["sizes"][str(sizes[0])], figures["sizes"][str(sizes[-1])]
    figures["add_ratio_largest_vs_smallest"] = round(
        largest["add"]["seconds"] / smallest["add"]["seconds"], 2
    )
    return figures


def render(figures: dict[str, Any]) -> Table:
    table = Table(title="a night beside the archive (seconds / peak parent MB)")
    table.add_column("documents", justify="right")
    for name in ("build", "add", "change", "unchanged", "relink"):
        table.add_column(name, justify="right")
    table.add_column("disk MB", justify="right")
    for size, found in figures["sizes"].items():
        cells = [f"{found['build']['seconds']} s"]
        for name in ("add", "change", "unchanged", "relink"):
            run = found.get(name)
            cells.append(f"{run['seconds']} s / {run['peak_parent_mb']}" if run else "–")
        table.add_row(f"{int(size):,}", *cells, str(found["disk_mb"]))
    table.caption = (
        f"add {NIGHT}: largest / smallest archive {figures['add_ratio_largest_vs_smallest']} × "
        f"(target ≤ {TARGETS['add_ratio_largest_vs_smallest']})"
    )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--work", type=Path, help="folder for the archives (default: a temporary one)")
    parser.add_argument("--skip-relink-above", type=int, default=10**9, metavar="N",
                        help="measure --relink only on archives of up to N documents")  # fmt: skip
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--save", type=Path, metavar="PATH")
    parser.add_argument("--op", nargs=2, help=argparse.SUPPRESS)  # one run: INPUT OUT
    parser.add_argument("--relink", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.op:
        print(json.dumps(op(Path(args.op[0]), Path(args.op[1]), args.relink)))
        return
    err = Console(stderr=True)
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(dir=args.work) as work:
        figures = report(args.corpora, sizes, Path(work), args.skip_relink_above, err)
    emit(figures, render(figures), args.json, args.save)


if __name__ == "__main__":
    main()
