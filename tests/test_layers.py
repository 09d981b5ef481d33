"""The layers of the package, checked on its source: what each subpackage may not import.

Read → clean (inputs) → annotate (nlp) → extract → link → write (store); views read only
the stored tables; the command line is the top, nothing below imports it; evaluation
stands beside the package and nothing in it imports evaluation."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "src" / "gov_extract"
ORCHESTRATION = ("gov_extract.pipeline", "gov_extract.engines", "gov_extract.publish")

# A module under the key may import none of the modules under the values.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "gov_extract": ("gov_extract_eval",),
    "gov_extract.inputs": ("gov_extract.nlp", "gov_extract.extract", "gov_extract.link",
                           "gov_extract.store", "gov_extract.views", *ORCHESTRATION),
    "gov_extract.extract": ("gov_extract.store", "gov_extract.views", *ORCHESTRATION),
    "gov_extract.link": ("gov_extract.store", "gov_extract.views", *ORCHESTRATION),
    "gov_extract.store": ("gov_extract.inputs", "gov_extract.nlp", "gov_extract.extract",
                          "gov_extract.link", "gov_extract.views", *ORCHESTRATION),
    "gov_extract.views": ("gov_extract.inputs", "gov_extract.nlp", "gov_extract.extract",
                          "gov_extract.link", *ORCHESTRATION),
}  # fmt: skip


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module the file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import; the package imports absolutely"
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def forbidden_for(module: str) -> set[str]:
    rules = {*FORBIDDEN["gov_extract"]}
    if not _within(module, "gov_extract.cli") and module != "gov_extract.__main__":
        rules.add("gov_extract.cli")
    for package, banned in FORBIDDEN.items():
        if package != "gov_extract" and _within(module, package):
            rules.update(banned)
    return rules


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_layers(path: Path) -> None:
    module = module_name(path)
    banned = forbidden_for(module)
    wrong = sorted(name for name in imports(path) if any(_within(name, b) for b in banned))
    assert not wrong, f"{module} imports {wrong}"


def test_the_rules_see_every_layer() -> None:
    """A rule for a package that does not exist (renamed, moved) would pass silently."""
    names = {module_name(path) for path in MODULES}
    for package in FORBIDDEN:
        assert any(_within(name, package) for name in names), package
    banned = forbidden_for("gov_extract.views.stats")
    assert "gov_extract.nlp" in banned and "gov_extract.cli" in banned


def test_the_wheel_lists_every_subpackage() -> None:
    """pyproject.toml lists the packages (models/ is mapped into the package, which
    rules out `packages.find`): a subpackage missing there is missing from the wheel."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {module_name(path) for path in PACKAGE.rglob("__init__.py")}
    assert found | {"gov_extract.models"} == listed
