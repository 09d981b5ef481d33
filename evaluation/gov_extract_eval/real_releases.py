"""The real-releases corpus (`../shared/corpora/real-releases`): 60 published press
items with hand-made gold. The pipeline runs on its texts into a temporary folder and
the corpus's own `score.py` scores the tables, imported from the corpus folder (its
code and gold stay there), for each part of the split below.

The split is the project's convention. The held-out part, the documents numbered 05,
10, 15, 20, 25 and 30 of both the a and the b series (12 documents), is never tuned
on: its figures are reported, its misses not read. The development part, every other
document (48), is the one rules are tuned on. Hidden sets of other real releases
judge the result, and the held-out figures are the nearest stand-in for them.
"""

from __future__ import annotations

import importlib.util
import io
import re
import tempfile
from collections.abc import Callable, Iterable
from contextlib import redirect_stdout
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from gov_extract_eval.progress import Steps
from gov_extract_eval.report import Report, Row

HELD_OUT_EVERY = 5
_NUMBER = re.compile(r"^[a-z]+(\d+)-")

SYSTEM = "gov-extract"


def number(source: str) -> int:
    """The document number in a file name such as `a05-belgorod-….txt` (gold: `.json`)."""
    match = _NUMBER.match(Path(source).name)
    if match is None:
        raise ValueError(f"{source}: not a real-releases name (a letter, a number, a dash)")
    return int(match[1])


def is_held_out(source: str) -> bool:
    return number(source) % HELD_OUT_EVERY == 0


# Each part and which documents it holds, in the order the report shows them.
PARTS: dict[str, Callable[[str], bool]] = {
    "development": lambda source: not is_held_out(source),
    "held-out": is_held_out,
    "all": lambda source: True,
}


def split(gold_files: Iterable[Path]) -> dict[str, list[Path]]:
    files = sorted(gold_files)
    return {part: [f for f in files if holds(f.name)] for part, holds in PARTS.items()}


def corpus_name(part: str, documents: int) -> str:
    return f"real releases, {part} ({documents} documents)"


def evaluate_real_releases(root: Path, report: Report, steps: Steps) -> None:
    from gov_extract.pipeline import run  # loads the models

    texts = sorted((root / "texts").glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="gov-extract-eval-") as work:
        out = Path(work) / "out"
        with steps.step(f"real releases: run on {len(texts)} texts", len(texts)) as advance:
            # One worker, in this process: eval shares the machine and is measured
            # on figures, not speed.
            summary = run(root / "texts", out, workers=1, progress=lambda docs, *_: advance(docs))
        if summary.failures:
            # Scored as documents with nothing found: say so beside the figures.
            failed = ", ".join(f"{f.source} ({f.status})" for f in summary.failures)
            report.notes.append(
                f"real releases: {len(summary.failures)} failed, scored as empty: {failed}"
            )
        with steps.step("real releases: score.py on each part"):
            scorer = load_scorer(root / "score.py")
            for part, files in split((root / "gold").glob("*.json")).items():
                gold = Path(work) / "gold" / part
                gold.mkdir(parents=True)
                for file in files:
                    (gold / file.name).symlink_to(file.resolve())
                printed = io.StringIO()
                with redirect_stdout(printed):
                    scorer.score(str(out), str(gold))
                for row in parse_scores(printed.getvalue(), corpus_name(part, len(files))):
                    report.add(row)


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("real_releases_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# score.py's printed table: its JSON line has the F1s only, the table has P and R too.
_PRF = re.compile(
    r"^(?P<name>\S.*?)\s+(?P<p>\d\.\d+)\s+(?P<r>\d\.\d+)\s+(?P<f1>\d\.\d+)"
    r"\s+(?P<tp>\d+)\s+(?P<fp>\d+)\s+(?P<fn>\d+)$"
)
_POSITIONS = re.compile(
    r"^positions\s+(?P<p>\d\.\d+)\s+(?P<r>\d\.\d+)\s+(?P<f1>\d\.\d+)"
    r".*gold found \d+/(?P<n>\d+)"
)
_ACCURACY = re.compile(r"^(?P<name>[a-z_ ]+?)\s+(?P<value>\d\.\d+)\s+over (?P<n>\d+)")

# score.py's labels, and the report's (arguments by event type are role-aware).
MEASURES = {
    "events micro": "events",
    "events visit": "events visit",
    "events meeting": "events meeting",
    "events agreement": "events agreement",
    "arguments (role-aware)": "arguments, role-aware",
    "role-aware visit": "arguments visit",
    "role-aware meeting": "arguments meeting",
    "role-aware agreement": "arguments agreement",
    "arguments (any role)": "arguments, any role",
    "positions": "positions",
    "modality accuracy": "modality accuracy",
    "date accuracy": "date accuracy",
    "location accuracy": "location accuracy",
    "published_at": "published_at accuracy",
}


def parse_scores(printed: str, corpus: str) -> list[Row]:
    """The rows of score.py's table, in the order of MEASURES; fails loudly when a
    measure is missing (score.py changed its table) rather than report less."""
    found: dict[str, Row] = {}
    for line in printed.splitlines():
        line = line.strip()
        if match := _POSITIONS.match(line):
            found["positions"] = Row(
                corpus, "positions", SYSTEM,
                float(match["p"]), float(match["r"]), float(match["f1"]), n=int(match["n"]),
            )  # fmt: skip
        elif match := _PRF.match(line):
            tp, fn = int(match["tp"]), int(match["fn"])
            found[match["name"]] = Row(
                corpus, match["name"], SYSTEM,
                float(match["p"]), float(match["r"]), float(match["f1"]), n=tp + fn,
            )  # fmt: skip
        elif match := _ACCURACY.match(line):
            found[match["name"]] = Row(
                corpus, match["name"], SYSTEM, accuracy=float(match["value"]), n=int(match["n"])
            )
    missing = [name for name in MEASURES if name not in found]
    if missing:
        raise ValueError(f"score.py printed no {', '.join(missing)}:\n{printed}")
    return [replace(found[name], measure=label) for name, label in MEASURES.items()]
