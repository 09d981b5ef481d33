"""The command line: a thin layer over the library's functions. Importing the package
registers every command on `app`."""

from gov_extract.cli import run, views
from gov_extract.cli.app import app

__all__ = ["app", "run", "views"]
