"""The real-releases split (the project's convention) and the reading of score.py's table."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_path
from gov_extract_eval.real_releases import (
    MEASURES,
    is_held_out,
    load_scorer,
    number,
    parse_scores,
    split,
)

# ---------------------------------------------------------------- the split


def test_every_fifth_number_is_held_out_in_each_series() -> None:
    held = [
        f"{series}{n:02d}-x.txt"
        for series in "ab"
        for n in range(1, 31)
        if is_held_out(f"{series}{n:02d}-x.txt")
    ]
    assert held == [f"{series}{n:02d}-x.txt" for series in "ab" for n in (5, 10, 15, 20, 25, 30)]


def test_number_reads_gold_and_text_names_alike() -> None:
    assert number("a07-some-slug.txt") == number("a07-some-slug.json") == 7
    assert number("/any/folder/b30-slug.json") == 30


def test_a_name_without_a_number_fails_rather_than_lands_in_a_part() -> None:
    with pytest.raises(ValueError):
        number("notes.json")


def test_split_parts_cover_the_corpus_without_overlap() -> None:
    files = [Path(f"{series}{n:02d}-slug.json") for series in "ab" for n in range(1, 31)]
    parts = split(reversed(files))
    assert [len(parts[p]) for p in ("development", "held-out", "all")] == [48, 12, 60]
    assert not set(parts["development"]) & set(parts["held-out"])
    assert set(parts["development"]) | set(parts["held-out"]) == set(parts["all"])
    assert parts["all"] == sorted(files)


def test_split_of_the_shared_gold() -> None:
    gold = shared_path("corpora", "real-releases", "gold")
    parts = split(gold.glob("*.json"))
    assert [len(parts[p]) for p in ("development", "held-out", "all")] == [48, 12, 60]
    assert {number(f.name) for f in parts["held-out"]} == {5, 10, 15, 20, 25, 30}


# ---------------------------------------------------------------- score.py's table

# A table laid out as score.py prints it; the figures are made up.
PRINTED = """gold: 2 documents, 5 events; output: 2 documents (0 gold documents missing, 0 extra)

                              P      R     F1    TP    FP    FN
events visit              0.500  1.000  0.667     1     1     0
events meeting            1.000  0.500  0.667     1     0     1
events agreement          1.000  1.000  1.000     1     0     0
events micro              0.750  0.750  0.750     3     1     1
arguments (any role)      0.800  0.400  0.533     4     1     6
arguments (role-aware)    0.600  0.300  0.400     3     2     7
  role-aware visit        0.500  0.250  0.333     1     1     3
  role-aware meeting      1.000  0.500  0.667     1     0     1
  role-aware agreement    0.500  0.250  0.333     1     1     3
positions                 0.900  0.750  0.818   (pred ok 9/10, gold found 6/8)

modality accuracy  0.667  over 3 matched events
date accuracy      1.000  over 3 matched events
location accuracy  0.500  over 2 matched events with a gold location (info only)
published_at       0.500  over 2 documents (info only)

{"event_f1":0.75}
"""


def test_parse_scores_reads_every_measure_in_order() -> None:
    rows = parse_scores(PRINTED, "rr")
    assert [r.measure for r in rows] == list(MEASURES.values())
    by = {r.measure: r for r in rows}
    events = by["events"]
    assert (events.precision, events.recall, events.f1, events.n) == (0.75, 0.75, 0.75, 4)
    assert by["arguments visit"].n == 4
    assert (by["positions"].precision, by["positions"].recall, by["positions"].n) == (0.9, 0.75, 8)
    assert (by["modality accuracy"].accuracy, by["modality accuracy"].n) == (0.667, 3)
    assert by["published_at accuracy"].precision is None
    assert {r.corpus for r in rows} == {"rr"}


def test_parse_scores_fails_when_a_measure_is_missing() -> None:
    printed = "\n".join(line for line in PRINTED.splitlines() if not line.startswith("positions"))
    with pytest.raises(ValueError, match="positions"):
        parse_scores(printed, "rr")


def test_parse_scores_reads_the_real_score_py(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The parser against the corpus's own scorer: an empty output folder still
    gets a full table (all zeros), in the layout the scorer prints today."""
    root = shared_path("corpora", "real-releases")
    gold = tmp_path / "gold"
    gold.mkdir()
    first = sorted((root / "gold").glob("*.json"))[0]
    (gold / first.name).symlink_to(first)
    load_scorer(root / "score.py").score(str(tmp_path / "out"), str(gold))
    rows = parse_scores(capsys.readouterr().out, "rr")
    assert len(rows) == len(MEASURES)
    assert rows[0].n > 0 and rows[0].recall == 0.0
