"""The `gov-extract` application, on which `run` and the views register their commands."""

from __future__ import annotations

import sys
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from gov_extract import __version__

app = typer.Typer(
    help="Extract people, posts, bodies, places, visits, meetings and agreements "
    "from Russian government press releases into Parquet tables.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


def _print_version(wanted: bool) -> None:
    if wanted:
        from gov_extract.pipeline import pipeline_version

        print(f"gov-extract {__version__} (pipeline {pipeline_version()})")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and the pipeline version (with the fingerprint of the rules in use), then exit.")] = False,
) -> None:  # fmt: skip
    """Keeps `run` a subcommand beside the others."""


def fail(status: int, message: str) -> NoReturn:
    sys.stderr.write(f"error {one_line(message)}\n")
    raise typer.Exit(status)


def one_line(text: str) -> str:
    return " ".join(text.split())
