"""The figures of `make bench` as a table: what was measured, each figure beside its
target, and the slowest stages. The JSON (`--json`, `--save`) holds the same and more
(each round's ratios, every stage)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

# The targets the bench is held to (bench.TARGETS); these are ceilings, the rest floors.
AT_MOST = {"peak_rss_mb_per_worker", "startup_seconds", "rerun_share_of_first"}

# Stages shown, the slowest first; the JSON has them all.
TOP_STAGES = 5


def targets_met(figures: dict[str, Any]) -> dict[str, tuple[float, float, bool]]:
    """Each target's (figure, target, met)."""
    reached = {
        "e2e_vs_natasha_ner": figures["ratios"]["e2e_vs_natasha_ner"],
        "speedup_2_workers": figures["ratios"]["speedup_2_workers"],
        "peak_rss_mb_per_worker": figures["peak_rss_mb"]["2_workers_per_worker"],
        "startup_seconds": figures["seconds"]["startup"],
        "rerun_share_of_first": figures["ratios"]["rerun_share_of_first"],
    }
    return {
        name: (value, target, value <= target if name in AT_MOST else value >= target)
        for name, target in figures["targets"].items()
        if (value := reached.get(name)) is not None
    }


def render(figures: dict[str, Any]) -> Table:
    speed, ratios, seconds = figures["kb_per_second"], figures["ratios"], figures["seconds"]
    rss = figures["peak_rss_mb"]
    table = Table(
        title=f"gov-extract bench: {figures['documents']} documents, {figures['corpus_kb']:.0f} KB, "
        f"fastest of {figures['rounds']} rounds",
        title_justify="left", box=box.SIMPLE_HEAD, show_header=True,
    )  # fmt: skip
    table.add_column("measure", no_wrap=True)
    table.add_column("figure", justify="right", no_wrap=True)
    table.add_column("target", no_wrap=True)
    met = targets_met(figures)

    def target(name: str, unit: str = "{:g}") -> str:
        """The target in the figure's unit, and whether it is met."""
        if name not in met:
            return ""
        _, goal, ok = met[name]
        sign = "≤" if name in AT_MOST else "≥"
        return f"{sign} {unit.format(goal)} {'met' if ok else 'MISSED'}"

    def rounds(name: str) -> str:
        by_round = figures.get("by_round", {}).get(name)
        return f" (rounds {min(by_round):.2f}–{max(by_round):.2f})" if by_round else ""

    rows = [
        ("end to end, 1 worker", f"{speed['e2e_1_worker']:.0f} KB/s", ""),
        ("end to end, 2 workers", f"{speed['e2e_2_workers']:.0f} KB/s", ""),
        ("bare Natasha NER", f"{speed['natasha_ner']:.0f} KB/s", ""),
        ("Natasha full Doc pipeline", f"{speed['natasha_full']:.0f} KB/s", ""),
        (
            "1 worker ÷ bare Natasha NER" + rounds("e2e_vs_natasha_ner"),
            f"{ratios['e2e_vs_natasha_ner']:.2f} ×",
            target("e2e_vs_natasha_ner"),
        ),
        ("1 worker ÷ Natasha full", f"{ratios['e2e_vs_natasha_full']:.2f} ×", ""),
        (
            "2 workers ÷ 1 worker" + rounds("speedup_2_workers"),
            f"{ratios['speedup_2_workers']:.2f} ×",
            target("speedup_2_workers"),
        ),
        ("seconds, 1 worker", f"{seconds['e2e_1_worker']:.1f} s", ""),
        ("seconds, 2 workers", f"{seconds['e2e_2_workers']:.1f} s", ""),
        ("model start-up", f"{seconds['startup']:.2f} s", target("startup_seconds", "{:g} s")),
        (
            "unchanged re-run ÷ first run",
            f"{ratios['rerun_share_of_first']:.1%}",
            target("rerun_share_of_first", "{:.0%}"),
        ),
        ("peak RSS, 1 worker in-process", f"{rss['1_worker_in_process']} MB", ""),
        ("peak RSS per worker of 2", f"{rss['2_workers_per_worker']} MB", target("peak_rss_mb_per_worker", "{:g} MB")),
        ("peak RSS, parent of 2", f"{rss['2_workers_parent']} MB", ""),
    ]  # fmt: skip
    for row in rows:
        table.add_row(*row)
    for label, key in (
        ("run stage", "stages_1_worker"),
        ("annotation step", "annotator_stages_1_worker"),
    ):
        slowest = list(figures[key].items())[:TOP_STAGES]
        table.add_section()
        for name, spent in slowest:
            table.add_row(f"{label}: {name}, 1 worker", f"{spent:.1f} s", "")
    return table


def emit(figures: dict[str, Any], table: Table, as_json: bool, save: Path | None) -> None:
    """The figures as JSON or as the table on stdout, and as JSON in `save` too."""
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    if as_json:
        print(text)
    else:
        Console().print(table)
    if save:
        save.write_text(text + "\n")
        Console(stderr=True).print(f"wrote {save}", highlight=False)
