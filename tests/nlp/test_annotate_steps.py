"""The annotator's steps are a declared list: checked once for their order, each timed,
and their seconds reach the run summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from gov_extract.cli.run import print_summary
from gov_extract.nlp.annotate import Step, annotation_steps, check_steps
from gov_extract.pipeline import RunSummary, run
from gov_extract.records import Doc

RELEASE = (
    "Губернатор Калужской области провёл совещание\n"
    "Губернатор Калужской области Владислав Шапша провёл совещание в Людинове. "
    "Глава региона встретился с министром промышленности и торговли России Денисом "
    "Мантуровым.\n"
)


def model(docs: Sequence[Doc]) -> None:
    """Stands for the NER tagger and the event extractor: the order is checked
    without loading them."""


def declared() -> tuple[Step, ...]:
    return annotation_steps(model, model)


def test_the_declared_order_provides_every_need() -> None:
    check_steps(declared())


def test_a_need_that_no_earlier_step_provides_is_refused() -> None:
    steps = [step for step in declared() if step.name != "read_positions"]
    with pytest.raises(ValueError, match=r"'events' needs positions, post_holders"):
        check_steps(steps)
    # Provided, but too late.
    lemmatize, *rest = (step for step in declared() if step.name != "segment")
    segment = next(step for step in declared() if step.name == "segment")
    with pytest.raises(ValueError, match=r"'lemmatize' needs tokens"):
        check_steps([lemmatize, segment, *rest])


def test_a_step_named_twice_is_refused() -> None:
    steps = declared()
    again = replace(steps[-1], needs=())
    with pytest.raises(ValueError, match=r"two annotation steps are named 'events'"):
        check_steps([*steps, again])


@pytest.mark.model
def test_the_run_summary_times_every_step(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "release.txt").write_text(RELEASE, encoding="utf-8")
    summary = run(folder, tmp_path / "out", workers=1)
    assert summary.ok and summary.by_status == {"ok": 1}
    steps = summary.step_seconds()
    assert set(steps) == {step.name for step in declared()}
    assert all(seconds >= 0 for seconds in steps.values())
    assert summary.stage_seconds["annotate.ner"] == steps["ner"]
    # Slowest first, as the summary names them.
    assert list(steps.values()) == sorted(steps.values(), reverse=True)


def test_the_printed_summary_names_the_slowest_steps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = RunSummary()
    summary.stage_seconds.update(
        {"annotate": 9.0, "annotate.ner": 4.0, "annotate.events": 3.0, "annotate.segment": 0.5,
         "annotate.normalize": 0.25}
    )  # fmt: skip
    print_summary(summary, tmp_path)
    printed = capsys.readouterr().err
    [line] = [line for line in printed.splitlines() if "slowest steps" in line]
    assert "ner 4.0 s, events 3.0 s, segment 0.5 s" in line
    assert "normalize" not in printed
