"""How well persons are named: normal forms against factRuEval's `.coref` name parts.

A `.coref` group is one real-world entity; for a person it gives `firstname` and
`lastname` in the nominative. A gold person counts as right when the name of the
entity its mentions are linked to has that first name and surname among its words
and nothing else but initials, a patronymic and the other name parts the group gives:
the measure of `normal_form`, `settle_gender` and `link` together. Words, not the
entity's `first`/`last`, since `.coref` takes `Ху` for the surname of `Ху Цзиньтао` and
a surname may be two words (`Ле Пен`). The first name is asked for only where the
text writes it out (a `name` span longer than an initial): `В. Путин` gives no first
name to find, and the first name other documents give is no error. Capitalisation and `ё`/`е` are not told apart.

    PYTHONPATH=evaluation python -m gov_extract_eval.names [--verbose]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gov_extract.link.entities import link
from gov_extract.nlp.morph import fold, parses
from gov_extract.records import Doc, Entity
from gov_extract_eval.gold import (
    DEFAULT_CORPORA,
    GoldDoc,
    _blocks,
    _read_objects,
    _read_spans,
    _read_text,
)
from gov_extract_eval.scoring import Score

_WORD = re.compile(r"[^\W\d_]+")
DEVSET = DEFAULT_CORPORA / "factRuEval-2016" / "devset"


@dataclass(frozen=True)
class GoldPerson:
    doc_id: str
    first: str | None  # None where the text never writes the first name out
    last: str
    others: frozenset[str]  # words of the group's other name parts, which may appear
    chars: frozenset[int]  # the characters of every mention of the person


@dataclass
class NameReport:
    """`score`: tp = persons named right, n_gold = n_pred = persons found at all."""

    score: Score = field(default_factory=Score)
    missed: int = 0  # gold persons none of whose mentions is a PER mention of ours
    split: int = 0  # found persons whose mentions went to more than one entity
    splits: list[tuple[str, str, list[str]]] = field(default_factory=list)  # doc, gold, ours
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # doc, gold, ours


def read_persons(doc_id: str, folder: Path = DEVSET) -> list[GoldPerson]:
    """The persons of one devset document that have a surname in `.coref`."""
    base = folder / doc_id
    spans = _read_spans(base.with_suffix(".spans"))
    objects = _read_objects(base.with_suffix(".objects"))
    persons = []
    for block in _blocks(base.with_suffix(".coref")):
        ids = [oid for oid in block[0].split()[1:] if objects.get(oid, ("",))[0] == "Person"]
        keys = dict(line.split(" ", 1) for line in block[1:] if " " in line)
        if not ids or "lastname" not in keys:
            continue
        typed = [ts for oid in ids for sid in objects[oid][1] for ts in spans.get(sid, [])]
        text = _read_text(base.with_suffix(".txt"))
        written = any(kind == "name" and len(text[a:b].strip(".")) > 1 for kind, (a, b) in typed)
        chars = frozenset(i for _, (a, b) in typed for i in range(a, b))
        first = keys.get("firstname", "").strip() or None
        others = frozenset(
            word
            for key, value in keys.items()
            if key.startswith(("firstname", "lastname", "patronymic", "nickname"))
            for word in _words(value)
        )
        persons.append(
            GoldPerson(doc_id, first if written else None, keys["lastname"], others, chars)
        )
    return persons


def person_normal_forms(
    golds: Sequence[GoldDoc], docs: Sequence[Doc], folder: Path = DEVSET
) -> NameReport:
    """The share of gold persons whose linked entity has the gold first name and
    surname; `docs` are the annotated `golds` (as `evaluate.annotate` gives them)."""
    entities = {e.entity_id: e for e in link(docs)}
    report = NameReport()
    for gold, doc in zip(golds, docs, strict=True):
        people = [m for m in doc.mentions if m.type == "PER"]
        for person in read_persons(gold.doc_id, folder):
            ids = Counter(
                m.entity_id
                for m in people
                if any(i in person.chars for i in range(m.start, m.stop))
            )
            if not ids:
                report.missed += 1
                continue
            wanted = " ".join(filter(None, (person.first, person.last)))
            if len(ids) > 1:
                report.split += 1
                report.splits.append((gold.doc_id, wanted, [entities[i].name for i in ids]))
            entity = entities[ids.most_common(1)[0][0]]
            right = _named(entity, person)
            report.score.add(float(right), 1, 1)
            if not right:
                report.wrong.append((gold.doc_id, wanted, entity.name))
    return report


def _named(entity: Entity, person: GoldPerson) -> bool:
    ours = _words(entity.name)
    wanted = _words(person.last) | _words(person.first or "")
    extra = {w for w in ours - wanted - person.others if len(w) > 1 and not _is_patronymic(w)}
    # A first name the document does not write out may come from another document.
    return wanted <= ours and len(extra) <= (person.first is None)


def _words(name: str) -> set[str]:
    """Lowercase words, initials as single letters, punctuation left out."""
    return set(_WORD.findall(fold(name).lower()))


def _is_patronymic(word: str) -> bool:
    return any({"Patr", "nomn"} <= p.tag.grammemes for p in parses(word))


def main(argv: Sequence[str]) -> None:
    from gov_extract.nlp.annotate import Annotator
    from gov_extract_eval.evaluate import annotate
    from gov_extract_eval.gold import read_factrueval

    golds = read_factrueval(DEVSET)
    docs = annotate(golds, Annotator())
    report = person_normal_forms(golds, docs)
    if "--verbose" in argv:
        for doc_id, wanted, ours in report.wrong:
            print(f"{doc_id}\t{wanted}\t{ours}")
        for doc_id, wanted, names in report.splits:
            print(f"{doc_id}\t{wanted}\tsplit: {' | '.join(names)}")
    score = report.score
    print(
        f"person normal forms: {score.precision:.3f} ({score.tp:.0f}/{score.n_gold}); "
        f"not found {report.missed}, split over entities {report.split}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
