"""`python -m gov_extract` and the `gov-extract` console script.

Worker processes (forkserver, spawn) import the main module of the process that starts
them. The console script's main module imports only this one, which imports nothing
at the top: a worker loads the models, not the command line (typer, rich) and the
Parquet writer, which took each worker 0.27 s to import.
"""


def main() -> None:
    from gov_extract.cli import app

    app(prog_name="gov-extract")


if __name__ == "__main__":
    main()
