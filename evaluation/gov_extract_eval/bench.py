"""`make bench`: gov-extract's speed beside Natasha's own, from one run on one machine.

Over the .txt files of ../shared/corpora (factRuEval devset, NEREL train and dev) it
measures end to end with one worker and with two, bare Natasha NER (Segmenter and
NewsNERTagger on whole texts) and Natasha's full Doc pipeline, each in a fresh
process so that one measurement's models count neither in another's memory nor in
its start-up; every part runs `--rounds` times in turn and the fastest run counts.
Speeds are KB of UTF-8 text per second of wall time.

    python -m gov_extract_eval.bench [--corpora ../shared/corpora] [--rounds 3]
        [--json] [--save bench.json]

Progress goes to stderr; a table of the figures beside their targets to stdout, or
the JSON with --json; --save writes the JSON to a file as well.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from statistics import median
from typing import Any

from rich.console import Console

from gov_extract_eval.bench_report import emit, render
from gov_extract_eval.gold import DEFAULT_CORPORA
from gov_extract_eval.progress import Steps, quiet

# Runs of each part; the fastest counts.
ROUNDS = 3

TARGETS = {
    "e2e_vs_natasha_ner": 0.6,
    "speedup_2_workers": 1.7,
    "peak_rss_mb_per_worker": 600,
    "startup_seconds": 3.0,
    "rerun_share_of_first": 0.05,
}


def texts(corpora: Path) -> list[str]:
    # Imported here: a run's worker processes import the main module (in the bench,
    # this one) and need no reader.
    from gov_extract.inputs.read import Columns, discover, read

    root = corpora
    return [source.body or "" for path in discover(root) for source in read(path, root, Columns())]


def kilobytes(corpora: Path) -> float:
    return sum(len(text.encode()) for text in texts(corpora)) / 1024


# Each measurement, run in its own process by `--part NAME`.


def part_startup(corpora: Path, work: Path) -> dict[str, Any]:
    started = time.perf_counter()
    from gov_extract.nlp.annotate import Annotator

    Annotator()
    return {"seconds": time.perf_counter() - started}


def part_natasha_ner(corpora: Path, work: Path) -> dict[str, Any]:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, ner = Segmenter(), NewsNERTagger(NewsEmbedding())
    started = time.perf_counter()
    for text in texts(corpora):
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(ner)
    return {"seconds": time.perf_counter() - started}


def part_natasha_full(corpora: Path, work: Path) -> dict[str, Any]:
    from natasha import (
        Doc,
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )  # fmt: skip

    embedding, vocab = NewsEmbedding(), MorphVocab()
    segmenter, morph = Segmenter(), NewsMorphTagger(embedding)
    syntax, ner = NewsSyntaxParser(embedding), NewsNERTagger(embedding)
    started = time.perf_counter()
    for text in texts(corpora):
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
        for token in doc.tokens:
            token.lemmatize(vocab)
        for span in doc.spans:
            span.normalize(vocab)
    return {"seconds": time.perf_counter() - started}


def part_e2e(corpora: Path, work: Path, workers: int = 1) -> dict[str, Any]:
    from gov_extract.pipeline import STEP_STAGE, run

    out = work / f"out-{workers}"
    # Started before the models load: start-up is part of a run's time.
    started = time.perf_counter()
    with _peak_rss() as peak:
        summary = run(corpora, out, workers=workers)
        seconds = time.perf_counter() - started
    rerun_started = time.perf_counter()
    rerun = run(corpora, out, workers=workers)
    return {
        "seconds": seconds,
        "documents": summary.n_processed,
        # The run's own stages; the annotator's steps, which the workers time and
        # which overlap `annotate`, apart.
        "stages": {
            stage: spent
            for stage, spent in summary.stage_seconds.items()
            if not stage.startswith(STEP_STAGE)
        },
        "annotator_stages": summary.step_seconds(),
        "rerun_seconds": time.perf_counter() - rerun_started,
        "rerun_processed": rerun.n_processed,
        "peak_rss_mb": peak,
    }


def part_e2e2(corpora: Path, work: Path) -> dict[str, Any]:
    return part_e2e(corpora, work, workers=2)


# In this order: the parts whose ratios the targets are set on run back to back.
PARTS: dict[str, Callable[[Path, Path], dict[str, Any]]] = {
    "startup": part_startup,
    "natasha_full": part_natasha_full,
    "natasha_ner": part_natasha_ner,
    "e2e": part_e2e,
    "e2e2": part_e2e2,
}


@contextmanager
def _peak_rss() -> Iterator[dict[str, float]]:
    """Peak resident memory in MB of this process and of its busiest worker process
    (the pool's and Dask's). The kernel keeps each process's peak (VmHWM), so a few
    looks a second miss nothing; the sampler is light because it shares the cores with
    the run it measures."""
    try:
        import psutil
    except ImportError:
        raise SystemExit("the bench needs psutil: pip install 'gov-extract[bench]'") from None

    me, peak = psutil.Process(), {"main": 0.0, "worker": 0.0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.25):
            for child in me.children(recursive=True):
                peak["worker"] = max(peak["worker"], _high_water_mb(child.pid))

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        stop.set()
        thread.join()
        peak["main"] = _high_water_mb(me.pid)


def _high_water_mb(pid: int) -> float:
    with suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(part: str, corpora: Path, work: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "gov_extract_eval.bench", "--part", part,
         "--corpora", str(corpora), "--work", str(work)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.splitlines()[-1])


def report(corpora: Path, rounds: int = ROUNDS, steps: Steps | None = None) -> dict[str, Any]:
    """Every part `rounds` times, in turn. Speeds are each part's fastest run: on a
    shared machine a slower run measures the neighbours (as `timeit` advises). Ratios
    are the median of each round's ratio, its two runs taken one after the other: the
    machine's speed drifts by 10 % over minutes, and the fastest one-worker run of one
    minute beside the fastest two-worker run of another measures the drift."""
    steps = steps or quiet()
    size = kilobytes(corpora)
    runs: dict[str, list[dict[str, Any]]] = {part: [] for part in PARTS}
    with tempfile.TemporaryDirectory() as work:
        for turn in range(rounds):
            for part in PARTS:
                folder = Path(work) / f"{part}-{turn}"
                folder.mkdir()
                with steps.step(f"round {turn + 1}/{rounds}: {part}"):
                    runs[part].append(measure(part, corpora, folder))
    raw = {part: min(found, key=lambda r: r["seconds"]) for part, found in runs.items()}
    e2e, e2e2 = raw["e2e"], raw["e2e2"]

    def paired(slower: str, faster: str) -> list[float]:
        """Each round's seconds(slower) / seconds(faster)."""
        pairs = zip(runs[slower], runs[faster], strict=True)
        return [round(a["seconds"] / b["seconds"], 3) for a, b in pairs]

    speed = {
        "e2e_1_worker": size / e2e["seconds"],
        "e2e_2_workers": size / e2e2["seconds"],
        "natasha_ner": size / raw["natasha_ner"]["seconds"],
        "natasha_full": size / raw["natasha_full"]["seconds"],
    }
    return {
        "corpus_kb": round(size, 1),
        "rounds": rounds,
        "documents": e2e["documents"],
        "kb_per_second": {name: round(value, 1) for name, value in speed.items()},
        "ratios": {
            "e2e_vs_natasha_ner": median(paired("natasha_ner", "e2e")),
            "e2e_vs_natasha_full": median(paired("natasha_full", "e2e")),
            "natasha_ner_vs_full": median(paired("natasha_full", "natasha_ner")),
            "speedup_2_workers": median(paired("e2e", "e2e2")),
            "rerun_share_of_first": round(
                median(r["rerun_seconds"] / r["seconds"] for r in runs["e2e"]), 4
            ),
        },
        "by_round": {
            "speedup_2_workers": paired("e2e", "e2e2"),
            "e2e_vs_natasha_ner": paired("natasha_ner", "e2e"),
        },
        "seconds": {
            "e2e_1_worker": round(e2e["seconds"], 2),
            "e2e_2_workers": round(e2e2["seconds"], 2),
            "unchanged_rerun": round(e2e["rerun_seconds"], 2),
            "startup": round(raw["startup"]["seconds"], 2),
        },
        "stages_1_worker": _rounded(e2e["stages"]),
        "annotator_stages_1_worker": _rounded(e2e["annotator_stages"]),
        "annotator_stages_2_workers": _rounded(e2e2["annotator_stages"]),
        "peak_rss_mb": {
            "1_worker_in_process": round(e2e["peak_rss_mb"]["main"]),
            "2_workers_per_worker": round(e2e2["peak_rss_mb"]["worker"]),
            "2_workers_parent": round(e2e2["peak_rss_mb"]["main"]),
        },
        "targets": TARGETS,
    }


def _rounded(seconds: dict[str, float]) -> dict[str, float]:
    return {name: round(value, 2) for name, value in sorted(seconds.items(), key=lambda x: -x[1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="runs of each part")
    parser.add_argument(
        "--json", action="store_true", help="print the figures as JSON instead of the table"
    )
    parser.add_argument("--save", type=Path, metavar="PATH", help="also write the JSON here")
    parser.add_argument("--part", choices=PARTS, help=argparse.SUPPRESS)  # one measurement
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        print(json.dumps(PARTS[args.part](args.corpora, args.work)))
        return
    err = Console(stderr=True)
    figures = report(args.corpora, args.rounds, Steps(err))
    emit(figures, render(figures), args.json, args.save)


if __name__ == "__main__":
    main()
