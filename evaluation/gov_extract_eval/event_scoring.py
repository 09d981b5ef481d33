"""The project's own annotated event examples (`tests/data/events_gold.jsonl`) and
their scorer: event F1 by type, argument F1 with and without roles, modality and
date accuracy over the events found.

Within one example, predicted and gold events of the same type are paired by the
overlap of their participants' names; an event is found when it is paired. A
predicted participant's name matches a gold name when it equals it or one of the
entity's aliases (`ПАО «Сбербанк»` is also `Сбербанк`), case and ё aside.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from gov_extract.link.entities import link
from gov_extract.nlp.annotate import Annotator
from gov_extract.records import Doc, Event
from gov_extract_eval.scoring import Score, best_matching

GOLD_EVENTS = Path(__file__).resolve().parents[2] / "tests" / "data" / "events_gold.jsonl"
EVENT_TYPES = ("visit", "meeting", "agreement")


@dataclass(frozen=True, slots=True)
class EventArgs:
    type: str
    modality: str
    date: date | None
    # (role, every name the participant is known by)
    participants: tuple[tuple[str, frozenset[str]], ...]


@dataclass
class EventScores:
    events: Score
    args_with_roles: Score
    args_without_roles: Score
    modality: Score
    date: Score


def read_examples(path: Path = GOLD_EVENTS) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def predict(examples: Sequence[dict], annotator: Annotator) -> list[list[EventArgs]]:
    docs = []
    for example in examples:
        doc = Doc(example["id"], example["id"], None, "txt", "", text=example["text"])
        doc.published_at = datetime.fromisoformat(example["published_at"])
        docs.append(doc)
    annotator(docs)
    predicted = []
    for doc in docs:
        entities = {e.entity_id: e for e in link([doc])}
        predicted.append([_args(event, entities) for event in doc.events])
    return predicted


def score(examples: Sequence[dict], predicted: Sequence[Sequence[EventArgs]]) -> EventScores:
    result = EventScores(Score(), Score(), Score(), Score(), Score())
    for example, found in zip(examples, predicted, strict=True):
        gold = [_gold_args(event) for event in example["events"]]
        pairs = _pairs(gold, found)
        for type in EVENT_TYPES:
            result.events.add(
                sum(1 for g, _ in pairs if gold[g].type == type),
                sum(1 for p in found if p.type == type),
                sum(1 for g in gold if g.type == type),
                type,
            )
        paired_gold = {g for g, _ in pairs}
        paired_found = {p for _, p in pairs}
        for g, p in pairs:
            _add_args(result, gold[g], found[p])
            result.modality.add(float(gold[g].modality == found[p].modality), 1, 1)
            result.date.add(float(gold[g].date == found[p].date), 1, 1)
        for g, event in enumerate(gold):
            if g not in paired_gold:
                n = len(event.participants)
                result.args_with_roles.add(0, 0, n)
                result.args_without_roles.add(0, 0, n)
        for p, event in enumerate(found):
            if p not in paired_found:
                n = len(event.participants)
                result.args_with_roles.add(0, n, 0)
                result.args_without_roles.add(0, n, 0)
    return result


def _pairs(gold: list[EventArgs], found: list[EventArgs]) -> list[tuple[int, int]]:
    weights = {}
    for g, gold_event in enumerate(gold):
        for p, found_event in enumerate(found):
            if gold_event.type != found_event.type:
                continue
            overlap = _matched_names(gold_event, found_event, roles=False)
            # Events with no participants on either side pair on type alone.
            if overlap or not gold_event.participants:
                weights[(g, p)] = overlap + 0.5
    return best_matching(weights)


def _add_args(result: EventScores, gold: EventArgs, found: EventArgs) -> None:
    n_gold, n_found = len(gold.participants), len(found.participants)
    result.args_with_roles.add(_matched_names(gold, found, roles=True), n_found, n_gold)
    result.args_without_roles.add(_matched_names(gold, found, roles=False), n_found, n_gold)


def _matched_names(gold: EventArgs, found: EventArgs, roles: bool) -> int:
    """Gold participants matched one-to-one by a predicted participant."""
    used: set[int] = set()
    matched = 0
    for role, names in gold.participants:
        for index, (found_role, found_names) in enumerate(found.participants):
            if index in used or (roles and role != found_role):
                continue
            if names & found_names:
                used.add(index)
                matched += 1
                break
    return matched


def _args(event: Event, entities: dict) -> EventArgs:
    participants = []
    for participant in event.participants:
        mention = participant.mention
        entity = entities.get(mention.entity_id) if mention else None
        names = {
            participant.name,
            *(entity.aliases if entity else []),
            entity.name if entity else "",
        }
        participants.append((participant.role, frozenset(_key(n) for n in names if n)))
    return EventArgs(event.type, event.modality, event.date, tuple(participants))


def _gold_args(event: dict) -> EventArgs:
    return EventArgs(
        event["type"],
        event["modality"],
        date.fromisoformat(event["date"]) if event.get("date") else None,
        tuple((p["role"], frozenset({_key(p["name"])})) for p in event["participants"]),
    )


def _key(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())
