"""Readers of the gold corpora used by ``make eval``.

Two corpora are read in place (they are never copied into the project):

* factRuEval-2016 devset: ``book_N.{txt,tokens,spans,objects,coref,facts}``;
* NEREL-v1.1 ``train``/``dev``: BRAT standoff ``N.txt`` + ``N.ann``.

Both are turned into the same frozen dataclasses so the scorers in
:mod:`gov_extract_eval.scoring` need not know where a document came from.
Offsets are Python string offsets into ``GoldDoc.text`` (end exclusive).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int]

# ../shared/corpora beside the project folder.
DEFAULT_CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"

# factRuEval object types -> our NER types; LocOrg ("Москва заявила") counts as LOC.
FACTRU_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}

# Span types whose tokens carry weight in the official factRuEval-2016 scoring
# (dialent/config.py QUALITY table): descriptors such as "мэрии" may be included
# or left out by a system at no cost, names may not.
FACTRU_NAME_SPANS = {
    "PER": {"name", "surname", "patronymic", "nickname"},
    "ORG": {"org_name", "loc_name"},
    "LOC": {"loc_name", "org_name"},
}

NEREL_TYPES = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "CITY": "LOC",
    "COUNTRY": "LOC",
    "STATE_OR_PROVINCE": "LOC",
    "DISTRICT": "LOC",
    "LOCATION": "LOC",
}

_REF = re.compile(r"^(obj|span)(\d+)$")


@dataclass(frozen=True)
class GoldMention:
    """An entity mention; ``start``/``end`` is its extent, ``chars`` its exact characters.

    ``chars`` differs from ``range(start, end)`` when the mention is discontinuous
    (a factRuEval object whose spans are apart, a fragmented BRAT entity).
    ``name_chars`` are the characters the factRuEval scorer weighs (name parts).
    """

    type: str
    start: int
    end: int
    chars: frozenset[int]
    name_chars: frozenset[int]
    object_id: str = ""
    source_type: str = ""

    @property
    def is_contiguous(self) -> bool:
        return len(self.chars) == self.end - self.start


@dataclass(frozen=True)
class GoldArg:
    """A fact argument: normalised text and every character span it may be found at.

    For an entity argument the spans are the pieces of all mentions of its coref
    group; for a span argument (Position) they are the alternatives given.
    """

    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class GoldOccupation:
    fact_id: str
    who: GoldArg
    position: GoldArg | None
    where: GoldArg | None
    phase: str | None = None
    modality: str | None = None
    hard: bool = False


@dataclass(frozen=True)
class GoldEvent:
    """A Meeting or Deal fact: a group of participants (each a coref group)."""

    fact_id: str
    kind: str
    participants: tuple[GoldArg, ...]
    modality: str | None = None
    hard: bool = False


@dataclass(frozen=True)
class GoldWorksAs:
    """A NEREL WORKS_AS relation: a person mention and a profession mention."""

    person: GoldArg
    profession: GoldArg


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    text: str
    mentions: tuple[GoldMention, ...]
    occupations: tuple[GoldOccupation, ...] = ()
    meetings: tuple[GoldEvent, ...] = ()
    deals: tuple[GoldEvent, ...] = ()
    works_as: tuple[GoldWorksAs, ...] = ()
    # Gold tokenisation (factRuEval only); the NER scorer counts overlap in tokens.
    tokens: tuple[Span, ...] = ()


# ---------------------------------------------------------------- shared helpers


def _read_text(path: Path) -> str:
    # newline="" keeps "\r\n" as two characters, as the offsets count them.
    with path.open(encoding="utf-8", newline="") as f:
        text = f.read()
    return text.removeprefix("\ufeff")


def _chars(spans: list[Span]) -> frozenset[int]:
    return frozenset(i for start, end in spans for i in range(start, end))


def _pieces(chars: frozenset[int]) -> tuple[Span, ...]:
    """Contiguous runs of a character set, in text order."""
    runs: list[Span] = []
    for i in sorted(chars):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return tuple(runs)


def _blocks(path: Path) -> list[list[str]]:
    """Blank-line separated blocks of non-empty lines."""
    if not path.exists():
        return []
    blocks: list[list[str]] = [[]]
    for line in _read_text(path).splitlines():
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


# ---------------------------------------------------------------- factRuEval-2016


@dataclass(frozen=True)
class _FactruLayers:
    """Raw layers of one factRuEval document, keyed by their ids."""

    spans: dict[str, list[tuple[str, Span]]]
    objects: dict[str, tuple[str, list[str]]]
    groups: dict[str, list[str]]


def _read_tokens(path: Path) -> tuple[Span, ...]:
    tokens = []
    for line in _read_text(path).splitlines():
        parts = line.split(maxsplit=3)
        if len(parts) >= 3:
            start, length = int(parts[1]), int(parts[2])
            tokens.append((start, start + length))
    return tuple(sorted(tokens))


def _read_spans(path: Path) -> dict[str, list[tuple[str, Span]]]:
    # One span id may appear twice with two types (surname and nickname).
    spans: dict[str, list[tuple[str, Span]]] = defaultdict(list)
    for line in _read_text(path).splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 4:
            start, length = int(parts[2]), int(parts[3])
            spans[parts[0]].append((parts[1], (start, start + length)))
    return spans


def _read_objects(path: Path) -> dict[str, tuple[str, list[str]]]:
    objects = {}
    for line in _read_text(path).splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 3:
            objects[parts[0]] = (parts[1], parts[2:])
    return objects


def _read_coref(path: Path) -> dict[str, list[str]]:
    """Coref group id -> object ids. Facts refer to objects through these groups."""
    return {block[0].split()[0]: block[0].split()[1:] for block in _blocks(path)}


def _object_mention(object_id: str, layers: _FactruLayers) -> GoldMention | None:
    obj_type, span_ids = layers.objects[object_id]
    ner_type = FACTRU_TYPES.get(obj_type)
    if ner_type is None:
        return None
    typed = [ts for sid in span_ids for ts in layers.spans.get(sid, [])]
    if not typed:
        return None
    chars = _chars([span for _, span in typed])
    names = _chars([span for kind, span in typed if kind in FACTRU_NAME_SPANS[ner_type]])
    return GoldMention(ner_type, min(chars), max(chars) + 1, chars, names, object_id, obj_type)


def _object_pieces(object_id: str, layers: _FactruLayers) -> list[Span]:
    _, span_ids = layers.objects.get(object_id, ("", []))
    chars = _chars([span for sid in span_ids for _, span in layers.spans.get(sid, [])])
    return list(_pieces(chars))


def _group_spans(group_ids: list[str], layers: _FactruLayers) -> tuple[Span, ...]:
    spans = {
        piece
        for gid in group_ids
        for oid in layers.groups.get(gid, [])
        for piece in _object_pieces(oid, layers)
    }
    return tuple(sorted(spans))


def _parse_arg(value: str) -> tuple[list[tuple[str, str]], str]:
    """Split 'span1 мэра | span2 глава' / 'obj5 США | Америка' into refs and text."""
    refs: list[tuple[str, str]] = []
    texts: list[str] = []
    for alternative in value.split("|"):
        words = alternative.split()
        match = _REF.match(words[0]) if words else None
        if match:
            refs.append((match.group(1), match.group(2)))
            words = words[1:]
        if words:
            texts.append(" ".join(words))
    return refs, " | ".join(texts)


def _fact_arg(
    value: str, layers: _FactruLayers, extra_groups: dict[str, set[str]] | None = None
) -> GoldArg:
    refs, text = _parse_arg(value)
    group_ids = [rid for kind, rid in refs if kind == "obj"]
    for gid in list(group_ids):
        group_ids.extend((extra_groups or {}).get(gid, ()))
    spans = set(_group_spans(group_ids, layers))
    spans.update(
        span for kind, rid in refs if kind == "span" for _, span in layers.spans.get(rid, [])
    )
    return GoldArg(text, tuple(sorted(spans)))


def _fact_fields(block: list[str]) -> tuple[str, str, list[tuple[str, str]]]:
    head = block[0].split()
    fields = []
    for line in block[1:]:
        name, _, value = line.partition(" ")
        fields.append((name.lower(), value.strip()))
    return head[0], head[1] if len(head) > 1 else "", fields


def _part_of_groups(blocks: list[list[str]]) -> dict[str, set[str]]:
    """Groups linked by isPartOf: the official scorer accepts either as Where."""
    related: dict[str, set[str]] = defaultdict(set)
    for block in blocks:
        _, kind, fields = _fact_fields(block)
        if kind.lower() != "ispartof":
            continue
        ids = {rid for _, value in fields for k, rid in _parse_arg(value)[0] if k == "obj"}
        for gid in ids:
            related[gid] |= ids - {gid}
    return related


def _single(fields: list[tuple[str, str]], *names: str) -> str | None:
    return next((value for name, value in fields if name in names), None)


def _read_facts(
    path: Path, layers: _FactruLayers
) -> tuple[list[GoldOccupation], list[GoldEvent], list[GoldEvent]]:
    blocks = _blocks(path)
    part_of = _part_of_groups(blocks)
    occupations, meetings, deals = [], [], []
    for block in blocks:
        fact_id, kind, fields = _fact_fields(block)
        modality = _single(fields, "модальность")
        hard = _single(fields, "сложность") == "повышенная"
        if kind == "Occupation":
            who, position = _single(fields, "who"), _single(fields, "position", "job")
            where = _single(fields, "where")
            if who is None:
                continue
            occupations.append(
                GoldOccupation(
                    fact_id,
                    _fact_arg(who, layers),
                    _fact_arg(position, layers) if position else None,
                    _fact_arg(where, layers, part_of) if where else None,
                    _single(fields, "фаза"),
                    modality,
                    hard,
                )
            )
        elif kind in ("Meeting", "Deal"):
            participants = tuple(
                _fact_arg(value, layers) for name, value in fields if name == "participant"
            )
            event = GoldEvent(fact_id, kind, participants, modality, hard)
            (meetings if kind == "Meeting" else deals).append(event)
    return occupations, meetings, deals


def _read_factru_doc(base: Path) -> GoldDoc:
    layers = _FactruLayers(
        _read_spans(base.with_suffix(".spans")),
        _read_objects(base.with_suffix(".objects")),
        _read_coref(base.with_suffix(".coref")),
    )
    mentions = [m for oid in layers.objects if (m := _object_mention(oid, layers))]
    occupations, meetings, deals = _read_facts(base.with_suffix(".facts"), layers)
    return GoldDoc(
        doc_id=base.name,
        text=_read_text(base.with_suffix(".txt")),
        mentions=tuple(mentions),
        occupations=tuple(occupations),
        meetings=tuple(meetings),
        deals=tuple(deals),
        tokens=_read_tokens(base.with_suffix(".tokens")),
    )


def _book_number(path: Path) -> int:
    digits = re.sub(r"\D", "", path.stem)
    return int(digits) if digits else 0


def read_factrueval(root: Path) -> list[GoldDoc]:
    """Read the factRuEval-2016 devset.

    ``root`` is either the ``devset`` folder or the corpus folder holding it.
    """
    folder = root / "devset" if (root / "devset").is_dir() else root
    texts = sorted(folder.glob("book_*.txt"), key=_book_number)
    return [_read_factru_doc(path.with_suffix("")) for path in texts]


# ---------------------------------------------------------------- NEREL


@dataclass(frozen=True)
class _BratEntity:
    type: str
    spans: tuple[Span, ...]
    text: str


def _read_ann(path: Path) -> tuple[dict[str, _BratEntity], list[tuple[str, str, str]]]:
    entities: dict[str, _BratEntity] = {}
    relations: list[tuple[str, str, str]] = []
    for line in _read_text(path).splitlines():
        # Entity texts may contain newlines, leaving continuation lines: skip them.
        if line.startswith("T") and line.count("\t") >= 1:
            tid, _, rest = line.partition("\t")
            info, _, text = rest.partition("\t")
            etype, _, offsets = info.partition(" ")
            spans = tuple(
                (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
            )
            entities[tid] = _BratEntity(etype, spans, text)
        elif line.startswith("R"):
            parts = line.split("\t")[1].split() if "\t" in line else []
            if len(parts) == 3:
                relations.append((parts[0], parts[1].partition(":")[2], parts[2].partition(":")[2]))
    return entities, relations


def _nerel_mention(tid: str, entity: _BratEntity) -> GoldMention | None:
    ner_type = NEREL_TYPES.get(entity.type)
    if ner_type is None:
        return None
    chars = _chars(list(entity.spans))
    return GoldMention(ner_type, min(chars), max(chars) + 1, chars, chars, tid, entity.type)


def _nerel_arg(entity: _BratEntity) -> GoldArg:
    return GoldArg(entity.text, entity.spans)


def _read_nerel_doc(txt: Path) -> GoldDoc:
    entities, relations = _read_ann(txt.with_suffix(".ann"))
    mentions = [m for tid, e in entities.items() if (m := _nerel_mention(tid, e))]
    works_as = [
        GoldWorksAs(_nerel_arg(entities[a]), _nerel_arg(entities[b]))
        for kind, a, b in relations
        if kind == "WORKS_AS" and a in entities and b in entities
    ]
    return GoldDoc(
        doc_id=txt.stem,
        text=_read_text(txt),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end, m.type))),
        works_as=tuple(works_as),
    )


def read_nerel(root: Path, split: str) -> list[GoldDoc]:
    """Read NEREL ``split`` ('train', 'dev', 'test'); ``root`` holds the split folders."""
    folder = root / split
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    return [_read_nerel_doc(path) for path in sorted(folder.glob("*.txt"))]
