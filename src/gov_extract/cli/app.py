"""The `gov-extract` application, on which `run` and the views register their commands,
and what every command shares: the OUT option, the usage line, the examples."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from typer.core import TyperArgument, TyperCommand
from typer.models import CommandFunctionType

from gov_extract import __version__

app = typer.Typer(
    help="Extract people, posts, bodies, places, visits, meetings and agreements "
    "from Russian government press releases into Parquet tables.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

# The output folder of `run`, named the same way by every command.
DEFAULT_OUT = Path("data/out")
OutOption = Annotated[
    Path, typer.Option("--out", "-o", metavar="OUT", help="Output folder of `run`.")
]


class Command(TyperCommand):
    """Usage lines as most tools print them, `gov-extract run [OPTIONS] INPUT`: typer
    puts required arguments in braces and shows hidden ones (an old spelling kept)."""

    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument) and not param.hidden:
                name = param.metavar or str(param.name).upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces


def examples(*lines: str) -> str:
    """The `Examples:` section of a command's help, its lines kept as written (click's
    `\\b` stops it from joining them)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def command(
    name: str, help: str, *example_lines: str
) -> Callable[[CommandFunctionType], CommandFunctionType]:
    """Register a command on `app` with the usage line and examples every command has."""
    return app.command(name, help=help, epilog=examples(*example_lines), cls=Command)


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


def out_folder(out: Path, legacy: Path | None, command: str) -> Path:
    """OUT from `-o/--out`, or from the positional OUT that `stats`, `graph` and
    `compact` took before 0.5 (still read, with a note)."""
    if legacy is None:
        return out
    if out != DEFAULT_OUT and out != legacy:
        fail(2, f"OUT given twice ({legacy} and --out {out}): give it once, as -o OUT")
    sys.stderr.write(
        f"note: `gov-extract {command} OUT` is deprecated; write `gov-extract {command} -o OUT`\n"
    )
    return legacy


# The positional OUT of old: read, not shown in the usage line nor in the help.
LegacyOut = Annotated[Path | None, typer.Argument(hidden=True, metavar="OUT")]


def existing_output(out: Path) -> Path:
    """OUT, or exit status 2 when it is not a folder `run` wrote."""
    if not out.is_dir():
        fail(2, f"no output folder {out}: give the folder `gov-extract run` wrote, as -o OUT")
    return out
