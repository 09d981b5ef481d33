"""README against the code: its command summary names every command and option of the
app, and each Python block of "Python" and "Recipes" runs alone, in a fresh interpreter,
on the sample output, and prints a readable result."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import RAW, ROOT

from gov_extract.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def summary() -> dict[str, set[str]]:
    """The options of each command in the first shell block of "The command line"; the
    line of the app's own options is keyed ``""``."""
    [block] = re.findall(r"```sh\n(.*?)```", section("The command line"), re.S)[:1]
    documented: dict[str, set[str]] = {}
    command = None
    for line in block.splitlines():
        if line.startswith("gov-extract "):
            first = line.split()[1]
            command = "" if first.startswith("-") else first
            documented.setdefault(command, set())
        assert command is not None, line
        documented[command] |= set(re.findall(r"(?<![\w-])--?[a-z][\w-]*", line)) - {"--help"}
    return documented


def options(command) -> list[set[str]]:
    """The names of each option shown in the help (`-o` and `--out` of one option)."""
    return [
        set(param.opts) for param in command.params
        if param.param_type_name == "option" and not param.hidden and "--help" not in param.opts
    ]  # fmt: skip


def assert_documented(documented: set[str], command, name: str) -> None:
    for names in options(command):
        assert names & documented, f"{name}: {sorted(names)} not in the README's summary"
    known = set().union(*options(command))
    assert documented <= known, f"{name}: the README names {sorted(documented - known)}"


def test_the_command_summary_lists_every_command_and_option() -> None:
    group = typer.main.get_command(app)
    documented = summary()
    assert_documented(documented.pop(""), group, "gov-extract")
    assert set(documented) == set(group.commands)  # type: ignore[attr-defined]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert_documented(documented[name], command, name)
    table = section("The command line")
    for name in group.commands:  # type: ignore[attr-defined]
        assert f"| `{name}` |" in table, f"{name} has no row in the table of commands"


def blocks() -> list[str]:
    return [
        code
        for title in ("Python", "Recipes")
        for code in re.findall(r"```python\n(.*?)```", section(title), re.S)
    ]


@pytest.fixture(scope="module")
def workdir(sample_run, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder where `data/out` is the sample output and `data/raw` its input."""
    _, out, _ = sample_run
    folder = tmp_path_factory.mktemp("readme")
    (folder / "data").mkdir()
    (folder / "data" / "out").symlink_to(out)
    (folder / "data" / "raw").symlink_to(RAW)
    return folder


@pytest.mark.parametrize("code", blocks(), ids=lambda code: code.splitlines()[-1][:40])
def test_each_python_block_runs_alone_and_prints_a_readable_result(workdir: Path, code: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    printed = result.stdout
    assert printed.strip(), "prints nothing"
    assert not re.search(r"\[\d+ rows x \d+ columns\]", printed), "pandas cut the table"
    assert "Empty DataFrame" not in printed and "Series([]" not in printed
