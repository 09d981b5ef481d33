"""`make eval`: the extractor scored on the gold corpora, beside bare Natasha NER.

Both systems run in the same process on the same texts, so the comparison holds
on any machine. Corpora that are absent are skipped, never faked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .annotate import Annotator
from .gold import GoldDoc, read_factrueval, read_nerel
from .records import Doc
from .scoring import PredOccupation, Score, score_ner, score_occupations, score_works_as

DEFAULT_CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"

Mentions = dict[str, list[tuple[str, int, int]]]


@dataclass
class Row:
    """One line of the report: a measure of one system on one corpus."""

    corpus: str
    measure: str
    system: str
    score: Score


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "rows": [
                {
                    "corpus": r.corpus,
                    "measure": r.measure,
                    "system": r.system,
                    "precision": round(r.score.precision, 4),
                    "recall": round(r.score.recall, 4),
                    "f1": round(r.score.f1, 4),
                }
                for r in self.rows
            ],
            "skipped": self.skipped,
        }


def evaluate(corpora: Path = DEFAULT_CORPORA) -> Report:
    report = Report()
    annotator = Annotator()
    factru = corpora / "factRuEval-2016" / "devset"
    nerel = corpora / "NEREL-v1.1"
    sets = [
        ("factRuEval-2016 dev", factru, lambda: read_factrueval(factru), "factrueval"),
        ("NEREL dev", nerel / "dev", lambda: read_nerel(nerel, "dev"), "exact"),
    ]
    for name, path, load, mode in sets:
        if not path.exists():
            report.skipped.append(f"{name}: {path} is absent")
            continue
        golds = load()
        docs = annotate(golds, annotator)
        ours = {d.doc_id: [(m.type, m.start, m.stop) for m in d.mentions] for d in docs}
        for system, predicted in (
            ("gov-extract", ours),
            ("natasha", bare_natasha(golds, annotator)),
        ):
            score = score_ner(golds, predicted, mode=mode)
            report.rows.append(Row(name, "NER", system, score))
            for type in ("PER", "ORG", "LOC"):
                report.rows.append(
                    Row(name, f"NER {type}", system, score.by_type.get(type, Score()))
                )
        # Posts: bare Natasha has no counterpart, so only gov-extract is scored.
        posts = occupations(docs)
        if mode == "factrueval":
            report.rows.append(
                Row(name, "Occupation", "gov-extract", score_occupations(golds, posts))
            )
        else:
            report.rows.append(Row(name, "WORKS_AS", "gov-extract", score_works_as(golds, posts)))
    return report


def annotate(golds: Sequence[GoldDoc], annotator: Annotator) -> list[Doc]:
    docs = [Doc(g.doc_id, g.doc_id, None, "txt", "", text=g.text) for g in golds]
    annotator(docs)
    return docs


def occupations(docs: Sequence[Doc]) -> dict[str, list[PredOccupation]]:
    """(person, post, body or else territory): factRuEval's Where is either."""
    return {
        doc.doc_id: [
            PredOccupation(
                (p.person.start, p.person.stop),
                (p.post_start, p.post_stop),
                (where.start, where.stop) if (where := p.org or p.loc) else None,
            )
            for p in doc.positions
        ]
        for doc in docs
    }


def bare_natasha(golds: Sequence[GoldDoc], annotator: Annotator) -> Mentions:
    """Natasha as its README shows it: the NER tagger over the whole text."""
    return {
        g.doc_id: [(s.type, s.start, s.stop) for s in annotator.ner(g.text).spans] for g in golds
    }
