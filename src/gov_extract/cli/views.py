"""`show`, `stats` and `graph`: what a researcher looks at, on the app of `cli/app.py`."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from gov_extract.cli.app import app, err, fail

T = TypeVar("T")
OutFolder = Annotated[
    Path, typer.Argument(exists=True, file_okay=False, help="The output folder of `run`.")
]


@app.command(
    "show",
    help="""Print a document with the entities, posts and event triggers found in it,
and every event with its type, modality, date, participants and the rule that fired.

FILE_OR_DOC_ID is a doc_id, or an input's path or file name; a file that holds
several documents (CSV, JSONL, Parquet) lists their doc_ids. --html writes a page
that any browser opens, with nothing loaded from elsewhere.
""",
)
def show_command(
    file_or_doc_id: Annotated[str, typer.Argument(metavar="FILE_OR_DOC_ID")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder of `run`.")] = Path("data/out"),
    html: Annotated[Path | None, typer.Option("--html", help="Write the document as an HTML page here instead.")] = None,
) -> None:  # fmt: skip
    # pandas is imported by the commands that read tables, not by every start of the
    # CLI (nor by `run`'s worker processes, which import the CLI as their main module).
    from gov_extract.views.show import load_document, render_html, show

    if html:
        view = _or_exit(lambda: load_document(out, file_or_doc_id))
        html.write_text(render_html(view), encoding="utf-8")
        err.print(f"wrote {escape(str(html))}")
    else:
        _or_exit(lambda: show(out, file_or_doc_id))


@app.command(
    "stats",
    help="""Documents by status and month, the most frequent people, bodies and places,
events by type, modality and month, and the people with most meetings held.""",
)
def stats_command(
    out: OutFolder,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON, for scripts.")] = False,
    top: Annotated[int, typer.Option(min=1, help="Length of each ranking.")] = 10,
) -> None:  # fmt: skip
    from gov_extract.views.stats import render, stats

    figures = _or_exit(lambda: stats(out, top=top))
    if as_json:
        typer.echo(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        Console().print(render(figures))


class GraphFormat(StrEnum):
    graphml = "graphml"
    csv = "csv"


@app.command(
    "graph",
    help="""Write the network of who met, visited or agreed with whom, for Gephi.

Nodes are the people, bodies and places that took part in an event (label, type,
latest post, number of events); an edge joins two that took part in the same event
that took place, with its number of meetings, visits and agreements, first and last
date and event ids. graphml writes one file (default graph.graphml); csv writes
nodes.csv and edges.csv into a folder (default graph/).""",
)
def graph_command(
    out: OutFolder,
    format: Annotated[GraphFormat, typer.Option("--format", "-f", help="graphml (one file) or csv (nodes.csv, edges.csv).")] = GraphFormat.graphml,
    output: Annotated[Path | None, typer.Option("--output", help="File (graphml) or folder (csv) to write.")] = None,
) -> None:  # fmt: skip
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
    if format is GraphFormat.graphml:
        target = output or Path("graph.graphml")
        write_graphml(graph, target)
    else:
        target = output or Path("graph")
        write_csv(graph, target)
    err.print(
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges → {escape(str(target))}"
    )


def _or_exit(compute: Callable[[], T]) -> T:
    """The result, or exit status 2 (wrong usage) when OUT or the document is not there."""
    from gov_extract.views.show import DocumentNotFound
    from gov_extract.views.stats import NotAnOutput

    try:
        return compute()
    except (NotAnOutput, DocumentNotFound) as error:
        err.print(f"[red]error[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
