"""`make eval`: the extractor scored on the gold corpora, beside bare Natasha NER.

    PYTHONPATH=evaluation python -m gov_extract_eval [--corpora ../shared/corpora] [--json F]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from gov_extract_eval.gold import DEFAULT_CORPORA

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
err = Console(stderr=True)


@app.command(
    help="""Score the extractor on gold corpora, beside bare Natasha NER.

Reads factRuEval-2016 (devset) and NEREL-v1.1 (dev) from CORPORA (default:
../shared/corpora beside the project); a corpus that is absent is skipped. NER is
scored official-style (overlap-weighted) on factRuEval and by exact spans on NEREL.
""",
)
def eval_command(
    corpora: Annotated[Path, typer.Option(help="Folder holding the gold corpora.")] = DEFAULT_CORPORA,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures to this JSON file.")] = None,
) -> None:  # fmt: skip
    from gov_extract_eval.evaluate import evaluate  # loads the models

    report = evaluate(corpora)
    table = Table(title="gov-extract eval")
    for column in ("corpus", "measure", "system", "P", "R", "F1"):
        table.add_column(column, justify="right" if len(column) < 3 else "left")
    for row in report.rows:
        s = row.score
        table.add_row(
            row.corpus,
            row.measure,
            row.system,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
        )
    Console().print(table)
    for skipped in report.skipped:
        err.print(f"skipped {skipped}")
    if json_out:
        json_out.write_text(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    app()
