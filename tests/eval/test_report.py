"""The readable output of make eval and make bench (issue 17), without running a model."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from gov_extract_eval import bench, bench_report
from gov_extract_eval.__main__ import app
from gov_extract_eval.progress import Steps
from gov_extract_eval.report import Report, Row, render
from gov_extract_eval.scoring import Score
from rich.console import Console
from typer.testing import CliRunner


def sample_report() -> Report:
    report = Report(notes=["NEREL train, held out: absent, skipped"], seconds={"step": 1.23})
    report.add(Row.of("corpus A", "NER", "gov-extract", Score(tp=3, n_pred=4, n_gold=6)))
    report.add(Row.of("corpus A", "NER", "natasha", Score(tp=2, n_pred=4, n_gold=6)))
    report.add(
        Row.share("corpus A", "date accuracy", "gov-extract", Score(tp=9, n_pred=10, n_gold=10))
    )
    report.add(
        Row("corpus B, held-out (12 documents)", "positions", "gov-extract", 0.9, 0.75, 0.818, n=8)
    )
    return report


def text_of(renderable: object, width: int = 80) -> str:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def test_eval_table_one_block_per_corpus_and_fits_80_columns() -> None:
    text = text_of(render(sample_report()))
    assert text.index("corpus A") < text.index("corpus B, held-out")
    assert all(len(line) <= 80 for line in text.splitlines())
    ner = [line.split() for line in text.splitlines() if line.strip().startswith("NER")]
    assert ner == [["NER", "gov-extract", "0.750", "0.500", "0.600", "6"],
                   ["NER", "natasha", "0.500", "0.333", "0.400", "6"]]  # fmt: skip


def test_an_accuracy_is_marked_and_has_no_precision() -> None:
    text = text_of(render(sample_report()))
    (line,) = [line for line in text.splitlines() if "date accuracy" in line]
    assert line.split()[-2:] == ["0.900*", "10"]
    assert "* an accuracy" in text


def test_report_json_keeps_the_figures_each_row_has() -> None:
    figures = sample_report().as_dict()
    accuracy = figures["rows"][2]
    assert accuracy == {"corpus": "corpus A", "measure": "date accuracy",
                        "system": "gov-extract", "accuracy": 0.9, "n": 10}  # fmt: skip
    assert figures["rows"][0]["f1"] == 0.6
    assert figures["notes"] and figures["seconds"] == {"step": 1.2}


def test_steps_leave_one_line_with_the_time_in_a_log() -> None:
    console = Console(record=True, file=open("/dev/null", "w"), force_terminal=False)  # noqa: SIM115
    steps = Steps(console)
    with steps.step("annotating 3 documents", 3) as advance:
        advance(3)
    assert console.export_text().strip().startswith("annotating 3 documents: 0.0 s")
    assert list(steps.seconds) == ["annotating 3 documents"]


# ---------------------------------------------------------------- the eval command

runner = CliRunner()


@pytest.fixture
def no_models(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    import gov_extract_eval.evaluate

    asked: list[bool] = []

    def evaluate(corpora: Path, held_out: bool = False, steps: Steps | None = None) -> Report:
        asked.append(held_out)
        return sample_report()

    monkeypatch.setattr(gov_extract_eval.evaluate, "evaluate", evaluate)
    return asked


def test_eval_prints_the_table_by_default(no_models: list[bool]) -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    assert "corpus A" in result.stdout and "{" not in result.stdout
    assert no_models == [False]


def test_eval_json_is_a_switch_printing_json_to_stdout(
    no_models: list[bool], tmp_path: Path
) -> None:
    result = runner.invoke(app, ["--json", "--held-out"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"][0]["measure"] == "NER"
    assert no_models == [True]
    assert not list(tmp_path.iterdir())


def test_eval_save_writes_the_json(no_models: list[bool], tmp_path: Path) -> None:
    result = runner.invoke(app, ["--save", str(tmp_path / "eval.json")])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "eval.json").read_text())["rows"]
    assert "corpus A" in result.stdout


# ---------------------------------------------------------------- the bench

FIGURES = {
    "corpus_kb": 2800.4, "rounds": 3, "documents": 1022,
    "kb_per_second": {"e2e_1_worker": 193.0, "e2e_2_workers": 290.0, "natasha_ner": 235.0, "natasha_full": 69.0},
    "ratios": {"e2e_vs_natasha_ner": 0.82, "e2e_vs_natasha_full": 2.8, "natasha_ner_vs_full": 3.4,
               "speedup_2_workers": 1.51, "rerun_share_of_first": 0.013},
    "by_round": {"speedup_2_workers": [1.5, 1.58, 1.51], "e2e_vs_natasha_ner": [0.73, 0.83, 0.82]},
    "seconds": {"e2e_1_worker": 14.5, "e2e_2_workers": 9.6, "unchanged_rerun": 0.19, "startup": 1.03},
    "stages_1_worker": {"annotate": 12.0, "publish": 0.6, "read": 0.3},
    "annotator_stages_1_worker": {"ner": 4.6, "events": 2.1, "segment": 1.3, "lemmatize": 1.2,
                                  "read_positions": 1.2, "syntax": 1.0},
    "annotator_stages_2_workers": {"ner": 4.8},
    "peak_rss_mb": {"1_worker_in_process": 458, "2_workers_per_worker": 278, "2_workers_parent": 209},
    "targets": bench.TARGETS,
}  # fmt: skip


def test_bench_targets_know_floors_from_ceilings() -> None:
    met = bench_report.targets_met(FIGURES)
    assert met["e2e_vs_natasha_ner"] == (0.82, 0.6, True)
    assert met["speedup_2_workers"] == (1.51, 1.7, False)
    assert met["peak_rss_mb_per_worker"] == (278, 600, True)
    assert met["rerun_share_of_first"][2] and met["startup_seconds"][2]


def test_bench_table_reads_as_figures_beside_targets() -> None:
    text = text_of(bench_report.render(FIGURES))
    assert all(len(line) <= 80 for line in text.splitlines())
    (speedup,) = [line for line in text.splitlines() if "2 workers ÷ 1 worker" in line]
    assert "1.51 ×" in speedup and "≥ 1.7 MISSED" in speedup
    assert "annotation step: ner" in text and "annotation step: syntax" not in text  # top 5 only


def test_bench_json_switch_and_save(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bench, "report", lambda corpora, rounds, steps: FIGURES)
    monkeypatch.setattr(sys, "argv", ["bench", "--json", "--save", str(tmp_path / "b.json")])
    bench.main()
    printed = json.loads(capsys.readouterr().out)
    assert (
        printed == json.loads((tmp_path / "b.json").read_text()) == json.loads(json.dumps(FIGURES))
    )
