"""`make eval`: the extractor scored on the gold corpora, beside bare Natasha NER.

PYTHONPATH=evaluation python -m gov_extract_eval [--corpora ../shared/corpora]
    [--held-out] [--json] [--save eval.json]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from gov_extract_eval.gold import DEFAULT_CORPORA
from gov_extract_eval.progress import Steps

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
err = Console(stderr=True)


@app.command(
    help="""Score the extractor on gold corpora, beside bare Natasha NER.

Reads from CORPORA (default: ../shared/corpora beside the project), skipping what is
absent: factRuEval-2016 (devset) and NEREL-v1.1 (dev), NER scored official-style
(overlap-weighted) on factRuEval and by exact spans on NEREL; the project's own event
examples; the real releases, run through the pipeline and scored by their score.py,
for the development part, the held-out part (documents 05, 10, …, 30 of each
series: never tuned on) and all. --held-out adds NEREL train (NER and WORKS_AS),
also never tuned on. Progress goes to stderr, the table or the JSON to stdout.
""",
)
def eval_command(
    corpora: Annotated[Path, typer.Option(help="Folder holding the gold corpora.")] = DEFAULT_CORPORA,
    held_out: Annotated[bool, typer.Option("--held-out", help="Also NEREL train (746 documents; about doubles the time).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON instead of the table, for scripts.")] = False,
    save: Annotated[Path | None, typer.Option("--save", metavar="PATH", help="Also write the figures as JSON to this file.")] = None,
) -> None:  # fmt: skip
    from gov_extract_eval.evaluate import evaluate  # loads the models
    from gov_extract_eval.report import render

    report = evaluate(corpora, held_out=held_out, steps=Steps(err))
    figures = json.dumps(report.as_dict(), indent=2, ensure_ascii=False)
    if as_json:
        typer.echo(figures)
    else:
        Console().print(render(report))
    for note in report.notes:
        err.print(f"note: {note}", highlight=False)
    if save:
        save.write_text(figures + "\n", encoding="utf-8")
        err.print(f"wrote {save}", highlight=False)


if __name__ == "__main__":
    app()
