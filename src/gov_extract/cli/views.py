"""`show`, `stats`, `graph` and `export`: what a researcher looks at, on the app of
`cli/app.py`. Each reads the output folder given as -o/--out."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from gov_extract.cli.app import DEFAULT_OUT, LegacyOut, OutOption, command, err, fail, out_folder

T = TypeVar("T")


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


@command(
    "show",
    """Print a document with the entities, posts and event triggers found in it,
and every event with its type, modality, date, place, topic, participants and the rule
that fired.

DOC is a doc_id, the document's own id in a CSV, JSONL or Parquet input (its `record`:
`show 1004`), or an input's path or file name; a file that holds several documents
lists their doc_ids. Nothing is cut at any width or when piped: long values wrap.
--html writes a page that any browser opens, with nothing loaded from elsewhere;
--json prints the document and its rows for scripts.""",
    "gov-extract show sevastopol-crimea-budget-talks-2019-12-03.txt",
    "gov-extract show 1004 -o data/out",
    "gov-extract show 1004 --html page.html",
    "gov-extract show 1004 --json | jq '.events[].type'",
    "gov-extract show 1004 --color always | less -R",
)
def show_command(
    doc: Annotated[str, typer.Argument(metavar="DOC", help="doc_id, record id, or the path or file name of an input.")],
    out: OutOption = DEFAULT_OUT,
    html: Annotated[Path | None, typer.Option("--html", metavar="FILE", help="Write the document as an HTML page to FILE instead.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the document and its rows as JSON, for scripts.")] = False,
    color: Annotated[Color, typer.Option("--color", help="Colours: auto (in a terminal, unless NO_COLOR is set), always, never. Without colours the marks are written into the text.")] = Color.auto,
) -> None:  # fmt: skip
    # pandas is imported by the commands that read tables, not by every start of the
    # CLI (nor by `run`'s worker processes, which import the CLI as their main module).
    from gov_extract.views.show import load_document, render_html, render_json, show

    if html or as_json:
        view = _or_exit(lambda: load_document(out, doc))
        if html:
            html.write_text(render_html(view), encoding="utf-8")
            err.print(f"wrote {escape(str(html))}")
        if as_json:
            typer.echo(render_json(view))
    else:
        _or_exit(lambda: show(out, doc, color=color.value))


@command(
    "stats",
    """Documents by status and month, the most frequent people, bodies and places,
events by type, modality and month, and the people with most meetings held.""",
    "gov-extract stats",
    "gov-extract stats -o /srv/tables --top 20",
    "gov-extract stats --json | jq .events.by_type",
)
def stats_command(
    out: OutOption = DEFAULT_OUT,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON, for scripts.")] = False,
    top: Annotated[int, typer.Option(min=1, help="Length of each ranking.")] = 10,
    legacy: LegacyOut = None,
) -> None:  # fmt: skip
    from gov_extract.views.stats import render, stats

    out = out_folder(out, legacy, "stats")
    figures = _or_exit(lambda: stats(out, top=top))
    if as_json:
        typer.echo(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        Console().print(render(figures))


class GraphFormat(StrEnum):
    graphml = "graphml"
    csv = "csv"


@command(
    "graph",
    """Write the network of who met, visited or agreed with whom, for Gephi.

Nodes are the people, bodies and places that took part in an event (label, type,
latest post, number of events); an edge joins two that took part in the same event
that took place, with its number of meetings, visits and agreements, first and last
date and event ids. graphml writes one file, by default OUT-graph.graphml beside OUT
(data/out-graph.graphml); csv writes nodes.csv and edges.csv into a folder, by default
OUT-graph/ beside OUT. Needs networkx: pip install 'gov-extract[graph]'.""",
    "gov-extract graph",
    "gov-extract graph -o /srv/tables --file /tmp/network.graphml",
    "gov-extract graph --format csv",
)
def graph_command(
    out: OutOption = DEFAULT_OUT,
    format: Annotated[GraphFormat, typer.Option("--format", "-f", help="graphml (one file) or csv (nodes.csv, edges.csv).")] = GraphFormat.graphml,
    file: Annotated[Path | None, typer.Option("--file", metavar="PATH", help="File (graphml) or folder (csv) to write [default: beside OUT, named OUT-graph].")] = None,
    output: Annotated[Path | None, typer.Option("--output", hidden=True)] = None,
    legacy: LegacyOut = None,
) -> None:  # fmt: skip
    out = out_folder(out, legacy, "graph")
    if output is not None:
        sys.stderr.write("note: `--output` is deprecated; write `--file`\n")
        file = file or output
    try:
        from gov_extract.views.graph import (  # networkx: only here
            build_graph,
            write_csv,
            write_graphml,
        )
    except ImportError as error:
        fail(2, f"`graph` needs networkx, an optional part of gov-extract ({error}): "
                "pip install 'gov-extract[graph]'")  # fmt: skip

    graph = _or_exit(lambda: build_graph(out))
    suffix = ".graphml" if format is GraphFormat.graphml else ""
    target = file or beside(out, f"graph{suffix}")
    (write_graphml if format is GraphFormat.graphml else write_csv)(graph, target)
    err.print(
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges → {escape(str(target))}"
    )


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


@command(
    "export",
    """Write the tables as CSV or JSON Lines, for programs that do not read Parquet.

One file per table, TABLE.csv or TABLE.jsonl, in the folder --to (by default beside
OUT, named OUT-csv or OUT-jsonl: data/out-csv/). CSV is UTF-8 with a header line, the
items of a list (entities.aliases) joined by '; '; JSON Lines keeps lists as arrays.
Dates and times are ISO 8601 in both; a missing value is an empty CSV field or null.""",
    "gov-extract export",
    "gov-extract export -o /srv/tables --format jsonl --to /tmp/tables",
    "gov-extract export --table events --table event_participants",
)
def export_command(
    out: OutOption = DEFAULT_OUT,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv or jsonl (JSON Lines, one row an object).")] = ExportFormat.csv,
    table: Annotated[list[str] | None, typer.Option("--table", "-t", metavar="TABLE", help="A table to write (repeat for several): documents, mentions, entities, positions, events, event_participants [default: all].")] = None,
    to: Annotated[Path | None, typer.Option("--to", metavar="DIR", help="Folder to write the files into [default: beside OUT, named OUT-csv or OUT-jsonl].")] = None,
) -> None:  # fmt: skip
    from gov_extract.export import export
    from gov_extract.store.schema import TABLES

    target = to or beside(out, format.value)
    try:
        written = _or_exit(lambda: export(out, target, format.value, table or TABLES))
    except ValueError as error:
        fail(2, str(error))
    for name, path in written.items():
        err.print(f"{name} → {escape(str(path))}")


def beside(out: Path, what: str) -> Path:
    """`OUT-what` in the folder that holds OUT: never in the current folder, nor inside
    OUT, whose folders are the tables."""
    folder = out if out.name not in ("", "..") else Path(os.path.abspath(out))
    return folder.with_name(f"{folder.name}-{what}")


def _or_exit(compute: Callable[[], T]) -> T:
    """The result, or exit status 2 (wrong usage) when OUT or the document is not there."""
    from gov_extract.views.show import DocumentNotFound
    from gov_extract.views.stats import NotAnOutput

    try:
        return compute()
    except (NotAnOutput, DocumentNotFound) as error:
        err.print(f"[red]error[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
