"""Named points of a run where a crash leaves the most to recover from.

The run passes each point by calling `reached(stage, count)`; nothing happens unless a
watcher is installed. The crash tests install one that stops the run there, as SIGKILL
or the OOM killer would (tests/kill_at.py): the tests inject the crash, the run reads
nothing from the environment for it.

    read:N      after the N-th input file is read
    stash:N     the N-th batch annotated, not yet stored
    annotate:N  after the N-th batch is stored
    write:N     N tables of the next version written
    switch      the next version complete, not yet published
    commit      the next version published, the run state not yet committed
"""

from __future__ import annotations

from collections.abc import Callable

Watcher = Callable[[str, int], None]

watcher: Watcher | None = None


def reached(stage: str, count: int = 1) -> None:
    if watcher is not None:
        watcher(stage, count)
