"""What stops a run before or while it writes, by whose move it is to fix it.

The command line turns each into one line on stderr and its exit status (README,
"Exit status"); a notebook gets the exception with the same message.
"""

from __future__ import annotations


class UsageError(ValueError):
    """The command asks for something that cannot be done as asked: exit status 2."""


class OutputError(RuntimeError):
    """OUT, its run state or the cluster cannot be used as they are: exit status 3."""
