"""Progress of `make eval` and `make bench` on stderr (issue 17): both run for minutes.

Each step shows a bar (or a spinner when its size is unknown) while it runs, in a
terminal only, and leaves one line with its time when it ends, in a log too; stdout
is left to the figures.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

# Called with how many of the step's items are done.
Advance = Callable[[int], None]


class Steps:
    """Times the steps of a command and shows them on `console` (stderr by default;
    a quiet console for callers that want the figures only)."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.seconds: dict[str, float] = {}

    @contextmanager
    def step(self, what: str, total: int | None = None) -> Iterator[Advance]:
        started = time.perf_counter()
        if self.console.is_terminal:
            with Progress(
                SpinnerColumn(), TextColumn(escape(what)), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), console=self.console, transient=True,
            ) as bar:  # fmt: skip
                task = bar.add_task(what, total=total)
                yield lambda done: bar.update(task, completed=done)
        else:  # a log gets the closing line alone
            yield lambda done: None
        self.seconds[what] = spent = time.perf_counter() - started
        self.console.print(f"{escape(what)}: {spent:.1f} s", highlight=False)


def quiet() -> Steps:
    return Steps(Console(stderr=True, quiet=True))
