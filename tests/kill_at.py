"""`python tests/kill_at.py POINT ARGS…`: the `gov-extract ARGS…` command, killed by a
signal of its own once it reaches POINT (`stage[:count[:SIGNAL]]`, see
gov_extract.checkpoints), as SIGKILL, the OOM killer or Ctrl-C would stop it there."""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    from gov_extract import checkpoints
    from gov_extract.cli import app

    point, *args = sys.argv[1:]
    stage, _, rest = point.partition(":")
    number, _, signame = rest.partition(":")

    def kill_there(reached: str, count: int) -> None:
        if reached == stage and int(number or 1) == count:
            os.kill(os.getpid(), getattr(signal, signame or "SIGKILL"))

    checkpoints.watcher = kill_there
    app(args, prog_name="gov-extract")


# Worker processes import this script as their main module: only the run itself kills.
if __name__ == "__main__":
    main()
