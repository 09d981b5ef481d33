"""The figures of `make eval`: rows of P/R/F1 or an accuracy, as a table or as JSON.

A row is one measure of one system on one corpus. The text form is a table per
corpus, narrow enough for an 80-column terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table

from gov_extract_eval.scoring import Score


@dataclass(frozen=True)
class Row:
    """P/R/F1, or an `accuracy` (then the three are None); `n` is what the figure is
    over: gold items for P/R/F1, the events or documents judged for an accuracy."""

    corpus: str
    measure: str
    system: str
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    accuracy: float | None = None
    n: int = 0

    @classmethod
    def of(cls, corpus: str, measure: str, system: str, score: Score) -> Row:
        return cls(corpus, measure, system, score.precision, score.recall, score.f1, n=score.n_gold)

    @classmethod
    def share(cls, corpus: str, measure: str, system: str, score: Score) -> Row:
        """An accuracy kept as a Score whose tp are the right ones out of n_gold."""
        return cls(corpus, measure, system, accuracy=score.recall, n=score.n_gold)

    def as_dict(self) -> dict:
        figures = {
            name: round(value, 4)
            for name in ("precision", "recall", "f1", "accuracy")
            if (value := getattr(self, name)) is not None
        }
        return {"corpus": self.corpus, "measure": self.measure, "system": self.system,
                **figures, "n": self.n}  # fmt: skip


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    # What the figures leave out: corpora absent, documents that failed.
    notes: list[str] = field(default_factory=list)
    # Wall-clock seconds of each corpus, for the README's "how long".
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, row: Row) -> None:
        self.rows.append(row)

    def as_dict(self) -> dict:
        return {
            "rows": [row.as_dict() for row in self.rows],
            "notes": self.notes,
            "seconds": {name: round(spent, 1) for name, spent in self.seconds.items()},
        }

    def corpora(self) -> list[str]:
        return list(dict.fromkeys(row.corpus for row in self.rows))


def render(report: Report) -> RenderableType:
    """One table per corpus: a line per measure and system, with n."""
    return Group(*(corpus_table(report, corpus) for corpus in report.corpora()), FOOTNOTE)


def corpus_table(report: Report, corpus: str) -> Table:
    seconds = report.seconds.get(corpus)
    title = f"{corpus}  ({seconds:.0f} s)" if seconds is not None else corpus
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column("measure", no_wrap=True)
    table.add_column("system", no_wrap=True)
    for figure in ("P", "R", "F1", "n"):
        table.add_column(figure, justify="right", no_wrap=True)
    for row in report.rows:
        if row.corpus == corpus:
            table.add_row(row.measure, row.system, *_figures(row), str(row.n))
    return table


def _figures(row: Row) -> tuple[str, str, str]:
    if row.accuracy is not None:
        # An accuracy stands under F1, marked, with P and R left empty.
        return "", "", f"{row.accuracy:.3f}*"
    return f"{row.precision:.3f}", f"{row.recall:.3f}", f"{row.f1:.3f}"


FOOTNOTE = "* an accuracy over n matched events or documents; otherwise n counts gold items"
