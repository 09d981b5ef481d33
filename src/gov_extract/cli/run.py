"""`run` and `compact`: a thin layer over the library's functions."""

from __future__ import annotations

import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from gov_extract.cli.app import (
    DEFAULT_OUT,
    LegacyOut,
    OutOption,
    command,
    err,
    existing_output,
    fail,
    one_line,
    out_folder,
)
from gov_extract.engines import DOC_TIMEOUT
from gov_extract.errors import OutputError, UsageError
from gov_extract.inputs.read import FORMATS, MAX_CHARS, MAX_FILE_BYTES, Columns, delimiter
from gov_extract.pipeline import BATCH_SIZE, RunSummary, run
from gov_extract.publish import compact
from gov_extract.store.state import RunLock
from gov_extract.store.write import recover

EXIT_CODES = """
Exit status: 0 every document processed in this run was read and processed; 1 some
inputs failed (their `documents` rows have status `error` or `empty`, every other
document is written), or INPUT holds no release at all; 2 wrong usage (unknown
option, input path missing, OUT is a file, INPUT inside OUT or not the INPUT that OUT
was built from) or another run is writing to OUT; 3 OUT cannot be written (read-only,
disk full), its run state is damaged (see --rebuild-state) or the Dask scheduler
cannot be reached; 130 interrupted by Ctrl-C (what finished is written).
"""


class Engine(StrEnum):
    local = "local"
    dask = "dask"


def _sep(value: str | None) -> str | None:
    try:
        return None if value is None else delimiter(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


@command(
    "run",
    f"""Process every release under INPUT and write the tables to OUT.

INPUT is a file or a folder (searched recursively; hidden files and folders are
skipped) of .txt, .html/.htm, .csv, .csv.gz, .jsonl and .parquet files. A tabular
file gives one document per row. OUT gets one Parquet folder per table:
documents, mentions, entities, positions, events, event_participants
(see docs/schema.md).

Runs are incremental: only documents that are new, changed or processed by another
pipeline version are annotated. Documents whose source is gone are kept unless
--prune. A run killed at any point leaves readable tables; the next run completes
the work.
{EXIT_CODES}""",
    "gov-extract run data/raw",
    "gov-extract run /srv/releases -o /srv/tables --quiet",
    "gov-extract run dump.csv --text-col body --date-col date -o /tmp/dump",
    "gov-extract run data/raw --workers 4 --reprocess",
)
def run_command(
    input: Annotated[Path, typer.Argument(exists=True, metavar="INPUT", help="A release file or a folder of them.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="OUT", help="Output folder: one Parquet folder per table.")] = DEFAULT_OUT,
    text_col: Annotated[str | None, typer.Option(help="Text column of tabular inputs [default: text, body, content].")] = None,
    title_col: Annotated[str | None, typer.Option(help="Title column [default: title, headline].")] = None,
    date_col: Annotated[str | None, typer.Option(help="Date column [default: date, published_at, published, datetime].")] = None,
    url_col: Annotated[str | None, typer.Option(help="URL column [default: url, link].")] = None,
    id_col: Annotated[str | None, typer.Option(help="Record id column [default: id, doc_id; else the row number].")] = None,
    sep: Annotated[str | None, typer.Option(callback=_sep, help="Delimiter of CSV files: one character, or tab [default: , ; tab or |, whichever splits the header line into the most fields].")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=1, help="Worker processes, one core each; 1 runs in this process [default: every core].")] = None,
    engine: Annotated[Engine, typer.Option(help="local: processes on this machine; dask: a Dask cluster.")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(help="Address of a running Dask scheduler (tcp://host:8786) [default: a local cluster of --workers processes].")] = None,
    reprocess: Annotated[bool, typer.Option("--reprocess", help="Annotate every document again, changed or not.")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Remove the documents whose source is no longer in INPUT.")] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per task sent to a worker.")] = BATCH_SIZE,
    max_chars: Annotated[int, typer.Option(min=1, help="Longest document read; a longer one gets an error row.")] = MAX_CHARS,
    max_file_bytes: Annotated[int, typer.Option(min=1, help="Most bytes of a CSV, JSONL or Parquet file read, unpacked; the rows past them get one error row.")] = MAX_FILE_BYTES,
    doc_timeout: Annotated[float, typer.Option("--doc-timeout", min=0.1, max=86400, metavar="SECONDS", help="Longest time one document may take to annotate; a longer one is stopped and gets an error row, the run goes on.")] = DOC_TIMEOUT,
    follow_links: Annotated[bool, typer.Option("--follow-links", help="Follow symbolic links that lead out of INPUT.")] = False,
    input_changed: Annotated[bool, typer.Option("--input-changed", help="Accept an INPUT other than the one OUT was built from (the folder moved); sources are then relative to the new INPUT.")] = False,
    rebuild_state: Annotated[bool, typer.Option("--rebuild-state", help="Move a damaged OUT/_state/state.sqlite aside and read every input again.")] = False,
    relink: Annotated[bool, typer.Option("--relink", help="Link every stored document afresh instead of only the new and changed ones against the entities known: surnames given alone before their full name appeared get the full name's id, and no entity is merged_into another (ids of other entities stay). No NLP is redone.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary: one line on stderr per failed input (for cron).")] = False,
) -> None:  # fmt: skip
    columns = Columns.with_overrides(
        sep, text=text_col, title=title_col, date=date_col, url=url_col, id=id_col
    )
    options = {
        "workers": workers, "engine": engine.value, "scheduler": scheduler,
        "reprocess": reprocess, "prune": prune, "batch_size": batch_size,
        "max_chars": max_chars, "max_file_bytes": max_file_bytes, "follow_links": follow_links, "doc_timeout": doc_timeout,
        "input_changed": input_changed, "rebuild_state": rebuild_state, "relink": relink,
    }  # fmt: skip
    if scheduler and engine is not Engine.dask:
        fail(2, "--scheduler needs --engine dask: without it the run is local")
    try:
        runner = _run_quietly if quiet else _run_with_bar
        summary = runner(input, out, columns, options)
    except UsageError as error:
        fail(2, str(error))
    except OutputError as error:
        fail(3, str(error))
    except KeyboardInterrupt:  # a second Ctrl-C: the stored state stays consistent
        err.print("aborted: the next run continues from the last finished batch")
        raise typer.Exit(130) from None
    if not quiet:
        print_summary(summary, out)
    else:
        print_problems(summary)
    raise typer.Exit(130 if summary.interrupted else 0 if summary.ok else 1)


def _run_quietly(input: Path, out: Path, columns: Columns, options: dict) -> RunSummary:
    return run(input, out, columns, **options)


def _run_with_bar(input: Path, out: Path, columns: Columns, options: dict) -> RunSummary:
    with Progress(
        TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
        TextColumn("files · {task.fields[docs]} documents · {task.fields[rate]} documents/s"),
        TimeElapsedColumn(), console=err, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("run", total=None, docs=0, rate="–")
        started = time.perf_counter()

        def progress(docs: int, files_done: int, files: int) -> None:
            rate = docs / max(time.perf_counter() - started, 1e-9)
            bar.update(task, completed=files_done, total=files, docs=docs, rate=f"{rate:.1f}")

        return run(input, out, columns, progress=progress, **options)


def print_summary(summary: RunSummary, out: Path) -> None:
    table = Table(title=f"gov-extract: {out}", show_header=False)
    table.add_row("files", str(summary.n_files))
    table.add_row("documents", str(summary.n_documents))
    for reason in ("new", "changed", "outdated", "unchanged"):
        table.add_row(f"  {reason}", str(summary.plan.get(reason, 0)))
    if summary.n_removed:
        table.add_row("  removed (source gone)", str(summary.n_removed))
    table.add_row("processed", str(summary.n_processed))
    for status in ("ok", "empty", "error"):
        table.add_row(f"  {status}", str(summary.by_status.get(status, 0)))
    for type in ("PER", "ORG", "LOC"):
        table.add_row(f"mentions {type}", str(summary.mentions_by_type.get(type, 0)))
    table.add_row("entities (whole corpus)", str(summary.n_entities))
    table.add_row("events (whole corpus)", str(summary.events_by_type.total()))
    for type, count in sorted(summary.events_by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(f"  {type}", str(count))
    table.add_row("positions (whole corpus)", str(summary.n_positions))
    rate = summary.n_processed / summary.seconds if summary.seconds else 0.0
    table.add_row("time", f"{summary.seconds:.1f} s ({rate:.1f} documents/s)")
    if steps := summary.step_seconds():
        slowest = list(steps.items())[:SLOWEST_STEPS]
        table.add_row(
            "slowest steps", ", ".join(f"{name} {seconds:.1f} s" for name, seconds in slowest)
        )
    err.print(table)
    if summary.unsupported:
        shown = ", ".join(summary.unsupported[:MAX_LISTED])
        more = len(summary.unsupported) - MAX_LISTED
        err.print(
            f"skipped {len(summary.unsupported)} file(s) of no supported format: "
            f"{escape(shown)}{f' and {more} more' if more > 0 else ''}"
        )
    print_problems(summary)


# Unsupported files named in the summary; a folder of thousands is not listed whole.
MAX_LISTED = 10
# Annotation steps named in the summary: where a slow run spends its time.
SLOWEST_STEPS = 3


def print_problems(summary: RunSummary) -> None:
    """What cron must see even with --quiet: repairs, failures, an input without
    releases. One plain line each, never wrapped, so that a log can be grepped; plain
    writes, since a night may have thousands of failed rows."""
    lines = [f"repaired {repair}: written again from the run state" for repair in summary.repairs]
    if summary.interrupted:
        lines.append("interrupted: the documents processed so far are written; "
                     "run again to process the rest")  # fmt: skip
    if summary.n_documents == 0:
        lines.append(
            "error no release in the input: it holds no file of a supported format "
            f"({', '.join(sorted(set(FORMATS)))}); check the path given as INPUT"
        )
    for failure in summary.failures:
        where = failure.source + (f" [{failure.record}]" if failure.record else "")
        lines.append(f"{failure.status} {where}: {one_line(failure.error)}")
    if lines:
        sys.stderr.write("\n".join(lines) + "\n")


@command(
    "compact",
    """Merge the small part files that incremental runs leave in OUT's tables.

Rows and their order stay as they are. Safe to run while readers read OUT; it waits
for no run: if a run is writing to OUT it stops with exit status 2.""",
    "gov-extract compact",
    "gov-extract compact -o /srv/tables",
)
def compact_command(out: OutOption = DEFAULT_OUT, legacy: LegacyOut = None) -> None:
    out = existing_output(out_folder(out, legacy, "compact"))
    try:
        with RunLock(out):
            recover(out)
            merged = compact(out)
    except UsageError as error:
        fail(2, str(error))
    for name, (before, after) in merged.items():
        err.print(f"{name}: {before} → {after} part files")
