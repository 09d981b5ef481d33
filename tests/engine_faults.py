"""Annotation that misbehaves on marked documents, for tests/test_engines_robust.py.
Top-level and importable by name, so that a pool's worker processes can run it."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence

from gov_extract import engines
from gov_extract.records import Doc

# Sleeps in Python: the annotating process's own timer stops it.
HANG = "ЗАВИСАНИЕ"
# Never returns to Python, as a loop inside C code would: only the pool's parent, by
# killing the worker, stops it.
STUCK = "ЗАСТРЕВАНИЕ"
# Kills its own process, as the OOM killer or a `kill -9` would.
CRASH = "ПАДЕНИЕ"


def annotate(docs: Sequence[Doc]) -> None:
    for doc in docs:
        if HANG in doc.text:
            time.sleep(3600)
        if STUCK in doc.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(3600)
        if CRASH in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
    engines.worker_annotator()(docs)
