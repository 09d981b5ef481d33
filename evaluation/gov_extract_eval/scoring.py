"""Scorers of predictions against the gold corpora read by :mod:`gov_extract_eval.gold`.

Every scorer returns a :class:`Score` whose ``by_type`` holds the per-type parts.
Offsets are ``(start, end)`` character offsets into ``GoldDoc.text``, end exclusive.
Predictions for a document missing from the dict count as "nothing predicted".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gov_extract_eval.gold import (
    GoldArg,
    GoldDoc,
    GoldEvent,
    GoldMention,
    GoldOccupation,
    GoldWorksAs,
)

Span = tuple[int, int]
PredMention = tuple[str, int, int]

NER_TYPES = ("PER", "ORG", "LOC")
_TYPE_ALIASES = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC", "LOCORG": "LOC"}

# dialent/config.py PARENT_TAGS with LocOrg folded into LOC: a gold mention strictly
# inside a mention of these types is "embedded" and ignored; one with the very same
# tokens is its "sibling".
_PARENTS = {"PER": {"LOC", "ORG"}, "LOC": {"LOC", "ORG"}, "ORG": {"ORG"}}

# The official matcher maximises the document's F1. Matching a prediction to an
# ignored gold mention takes it out of the precision count, which is worth about
# F1/2 of a true positive for a system near F1 0.9; we weigh such pairs that much.
_IGNORED_GAIN = 0.45

# Exhaustive matching is tried while a component has at most this many options.
_MAX_SEARCH = 50_000


@dataclass
class Score:
    """Soft counts: ``tp`` may be fractional (overlap or argument credit)."""

    tp: float = 0.0
    n_pred: int = 0
    n_gold: int = 0
    by_type: dict[str, Score] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def add(self, tp: float, n_pred: int, n_gold: int, kind: str | None = None) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold
        if kind is not None:
            self.by_type.setdefault(kind, Score()).add(tp, n_pred, n_gold)

    def __str__(self) -> str:
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(tp={self.tp:.1f} pred={self.n_pred} gold={self.n_gold})"
        )


@dataclass(frozen=True)
class PredOccupation:
    """A predicted post: the person's mention, the post's mention, the organisation's."""

    person: Span
    position: Span
    where: Span | None = None


# ---------------------------------------------------------------- matching


def _components(edges: Iterable[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Connected components of a bipartite graph given by (left, right) edges."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    edge_list = list(edges)
    for i, j in edge_list:
        parent[find(("g", i))] = find(("p", j))
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for i, j in edge_list:
        groups.setdefault(find(("g", i)), []).append((i, j))
    return list(groups.values())


def _exhaustive(weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    lefts = sorted({i for i, _ in weights})
    options = {i: [(j, w) for (k, j), w in weights.items() if k == i] for i in lefts}
    best: tuple[float, list[tuple[int, int]]] = (-1.0, [])

    def search(k: int, used: set[int], total: float, chosen: list[tuple[int, int]]) -> None:
        nonlocal best
        if k == len(lefts):
            if total > best[0]:
                best = (total, list(chosen))
            return
        i = lefts[k]
        for j, w in options[i]:
            if j not in used:
                used.add(j)
                chosen.append((i, j))
                search(k + 1, used, total + w, chosen)
                chosen.pop()
                used.discard(j)
        search(k + 1, used, total, chosen)

    search(0, set(), 0.0, [])
    return best[1]


def _greedy(weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    used_left: set[int] = set()
    used_right: set[int] = set()
    for (i, j), _ in sorted(weights.items(), key=lambda item: -item[1]):
        if i not in used_left and j not in used_right:
            pairs.append((i, j))
            used_left.add(i)
            used_right.add(j)
    return pairs


def best_matching(weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """One-to-one (gold, pred) pairs maximising the summed weight of positive edges.

    Exact per connected component (components are a handful of overlapping mentions
    or facts), greedy on a component too big to search.
    """
    positive = {edge: w for edge, w in weights.items() if w > 0}
    pairs: list[tuple[int, int]] = []
    for component in _components(positive):
        sub = {edge: positive[edge] for edge in component}
        size = math.prod(
            1 + sum(1 for k, _ in component if k == i) for i in {i for i, _ in component}
        )
        pairs.extend(_exhaustive(sub) if size <= _MAX_SEARCH else _greedy(sub))
    return sorted(pairs)


# ---------------------------------------------------------------- NER


def _norm_type(kind: str) -> str:
    kind = kind.upper()
    return _TYPE_ALIASES.get(kind, kind)


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _tokens(doc: GoldDoc) -> tuple[Span, ...]:
    if doc.tokens:
        return doc.tokens
    return tuple(m.span() for m in _TOKEN.finditer(doc.text))


def _is_punct(text: str) -> bool:
    """dialent Token.isPunctuation: one character that is not a letter."""
    return len(text) == 1 and text.upper() == text.lower()


@dataclass(frozen=True)
class _TokenSet:
    type: str
    tokens: frozenset[int]
    marked: frozenset[int] = frozenset()


class _DocTokens:
    """Token view of one document, for the token-overlap NER scoring."""

    def __init__(self, doc: GoldDoc) -> None:
        self.spans = _tokens(doc)
        self.text = [doc.text[a:b] for a, b in self.spans]
        self.punct = frozenset(i for i, t in enumerate(self.text) if _is_punct(t))
        # Each character's token: looking tokens up by character made scoring a
        # mention cost the document's length (half of make eval's factRuEval time).
        self.token_of = {c: i for i, (a, b) in enumerate(self.spans) for c in range(a, b)}

    def covering(self, chars: frozenset[int]) -> frozenset[int]:
        """The tokens any of whose characters is in `chars`."""
        return frozenset(self.token_of[c] for c in chars if c in self.token_of)

    def gold(self, mention: GoldMention) -> _TokenSet:
        return _TokenSet(
            mention.type, self.covering(mention.chars), self.covering(mention.name_chars)
        )

    def pred(self, kind: str, start: int, end: int) -> _TokenSet:
        # Official test token sets: tokens wholly inside the interval, minus
        # punctuation glued to a neighbour (quotes, commas, dots).
        inside = (i for i, (a, b) in enumerate(self.spans) if a >= start and b <= end)
        return _TokenSet(kind, frozenset(i for i in inside if not self._glued(i)))

    def _glued(self, i: int) -> bool:
        a, b = self.spans[i]
        if b - a != 1 or not _is_punct(self.text[i]):
            return False
        after_prev = i > 0 and self.spans[i - 1][1] == a
        before_next = i + 1 < len(self.spans) and self.spans[i + 1][0] == b
        return after_prev or before_next


def _jaccard(gold: _TokenSet, pred: _TokenSet) -> float:
    if gold.type != pred.type:
        return 0.0
    union = len(gold.tokens | pred.tokens)
    return len(gold.tokens & pred.tokens) / union if union else 0.0


def _quality(gold: _TokenSet, pred: _TokenSet, punct: frozenset[int]) -> float:
    """Official pair quality: name tokens weigh 1, descriptor tokens 0 in the gold,
    every extra predicted token 1; unweighted Jaccard when the gold has no names."""
    if gold.type != pred.type:
        return 0.0
    tp = len(gold.tokens & pred.tokens & gold.marked)
    fn = len((gold.tokens - pred.tokens - punct) & gold.marked)
    fp = len(pred.tokens - gold.tokens)
    total = tp + fn + fp
    return tp / total if total else _jaccard(gold, pred)


def _static_ignored(golds: Sequence[_TokenSet]) -> list[bool]:
    """Unnamed (no weighted token) or embedded in a larger gold mention."""
    return [
        not g.marked or any(h.type in _PARENTS[g.type] and g.tokens < h.tokens for h in golds)
        for g in golds
    ]


def _sibling(golds: Sequence[_TokenSet], k: int) -> int | None:
    g = golds[k]
    return next(
        (
            i
            for i, h in enumerate(golds)
            if i != k and h.type in _PARENTS[g.type] and h.tokens == g.tokens
        ),
        None,
    )


def _ignored(golds: Sequence[_TokenSet], static: list[bool], matched: set[int]) -> list[bool]:
    """dialent isStandardIgnored: of two gold mentions with the same tokens only one
    counts: the matched one, else the ORG one, else the first."""
    result = list(static)
    for k in range(len(golds)):
        sib = _sibling(golds, k)
        if result[k] or sib is None:
            continue
        if (k in matched) != (sib in matched):
            result[k] = k not in matched
        elif golds[sib].type == golds[k].type:
            result[k] = sib < k
        else:
            result[k] = golds[k].type != "ORG"
    return result


def _score_doc_official(doc: GoldDoc, preds: Sequence[PredMention], score: Score) -> None:
    view = _DocTokens(doc)
    golds = [view.gold(m) for m in doc.mentions]
    tests = [view.pred(_norm_type(k), a, b) for k, a, b in preds]
    static = _static_ignored(golds)
    priority = {
        (i, j): p
        for i, g in enumerate(golds)
        for j, t in enumerate(tests)
        if (p := _jaccard(g, t)) > 0
    }
    # Identical token sets must be paired (the task's documentation says so).
    perfect = best_matching({e: 1.0 for e, p in priority.items() if p == 1.0})
    taken_g, taken_t = {i for i, _ in perfect}, {j for _, j in perfect}
    rest = {
        (i, j): _IGNORED_GAIN if static[i] else _quality(golds[i], tests[j], view.punct)
        for i, j in priority
        if i not in taken_g and j not in taken_t
    }
    pairs = perfect + best_matching(rest)
    ignored = _ignored(golds, static, {i for i, _ in pairs})
    for i, j in pairs:
        if not ignored[i]:
            score.add(_quality(golds[i], tests[j], view.punct), 1, 1, golds[i].type)
    matched_t = {j for _, j in pairs}
    for j, t in enumerate(tests):
        if j not in matched_t:
            score.add(0.0, 1, 0, t.type)
    matched_g = {i for i, _ in pairs}
    for i, g in enumerate(golds):
        if i not in matched_g and not ignored[i]:
            score.add(0.0, 0, 1, g.type)


def _score_doc_exact(doc: GoldDoc, preds: Sequence[PredMention], score: Score) -> None:
    gold = Counter((m.type, m.start, m.end) for m in doc.mentions)
    pred = Counter((_norm_type(k), a, b) for k, a, b in preds)
    hits = gold & pred
    for kind in NER_TYPES:
        score.add(
            sum(n for key, n in hits.items() if key[0] == kind),
            sum(n for key, n in pred.items() if key[0] == kind),
            sum(n for key, n in gold.items() if key[0] == kind),
            kind,
        )


def score_ner(
    gold_docs: Sequence[GoldDoc],
    predictions: Mapping[str, Sequence[PredMention]],
    mode: str = "factrueval",
) -> Score:
    """Score PER/ORG/LOC mentions ``(type, start, end)``.

    ``mode="factrueval"`` follows the factRuEval-2016 track-1 evaluation
    (dialent/task1, with LocOrg folded into LOC):

    * mentions are compared as token sets (the gold ``.tokens`` layer; a predicted
      mention takes the tokens wholly inside it, minus punctuation glued to a word);
    * a (gold, predicted) pair of the same type scores
      ``tp / (tp + fn + fp)``, where gold name tokens (names, surnames, org and
      place names) weigh 1, gold descriptor tokens ("мэрия", "движение") 0 and
      each extra predicted token 1 — so "мэрии Москвы" vs gold "Москвы мэрии" with
      or without the descriptor both score 1;
    * matching is one-to-one, identical token sets are paired first, the rest is
      chosen to maximise the summed pair quality;
    * gold mentions without any name token, gold mentions embedded in another gold
      mention (``Москвы`` inside ``мэрии Москвы``), and the non-ORG one of two gold
      mentions with the same tokens are ignored: they count neither as missed nor,
      when a prediction is paired with them, as a false positive.

    P = sum of pair qualities / counted predictions, R = the same / counted gold.

    ``mode="exact"`` (NEREL): a prediction is right when a gold mention has the same
    type, start and end (nested gold mentions are all targets).
    """
    scorers: dict[str, Callable[[GoldDoc, Sequence[PredMention], Score], None]] = {
        "factrueval": _score_doc_official,
        "exact": _score_doc_exact,
    }
    if mode not in scorers:
        raise ValueError(f"unknown NER scoring mode {mode!r}")
    score = Score(by_type={kind: Score() for kind in NER_TYPES})
    for doc in gold_docs:
        scorers[mode](doc, predictions.get(doc.doc_id, ()), score)
    return score


# ---------------------------------------------------------------- facts


def _overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _arg_hit(span: Span | None, arg: GoldArg | None) -> bool:
    return span is not None and arg is not None and _overlaps(span, arg.spans)


def _occupation_quality(gold: GoldOccupation, pred: PredOccupation) -> float:
    """Jaccard over the arguments, as the track-3 scorer's argument quality."""
    if not _arg_hit(pred.person, gold.who):
        return 0.0
    n_gold = 1 + (gold.position is not None) + (gold.where is not None)
    n_pred = 2 + (pred.where is not None)
    hits = 1 + _arg_hit(pred.position, gold.position) + _arg_hit(pred.where, gold.where)
    return hits / (n_gold + n_pred - hits)


def _score_facts(
    gold_docs: Sequence[GoldDoc],
    predictions: Mapping[str, Sequence[Any]],
    gold_of: Callable[[GoldDoc], Sequence[Any]],
    quality: Callable[[Any, Any], float],
) -> Score:
    score = Score()
    for doc in gold_docs:
        golds, preds = gold_of(doc), predictions.get(doc.doc_id, ())
        weights = {(i, j): quality(g, p) for i, g in enumerate(golds) for j, p in enumerate(preds)}
        pairs = best_matching(weights)
        score.add(sum(weights[pair] for pair in pairs), len(preds), len(golds))
    return score


def score_occupations(
    gold_docs: Sequence[GoldDoc], predictions: Mapping[str, Sequence[PredOccupation]]
) -> Score:
    """Score (person, position, where) predictions against gold Occupation facts.

    Rule, modelled on the factRuEval-2016 track-3 fact scoring but on offsets
    instead of normalised strings:

    * an argument matches when the predicted span overlaps (shares a character
      with) any gold span of it: Who = any mention of the person's coref group,
      Position = any of the alternative post spans, Where = any mention of the
      organisation/place (or of one linked to it by an isPartOf fact);
    * a prediction can only pair with a gold fact whose Who it matches;
    * the pair is worth matched / (gold arguments + predicted arguments - matched)
      — gold has Who plus Position and Where when annotated, a prediction has
      person, position, and where when given (Фаза is not scored);
    * pairs are one-to-one, chosen to maximise the summed worth.

    P = summed worth / predictions, R = summed worth / gold facts.
    """
    return _score_facts(gold_docs, predictions, lambda d: d.occupations, _occupation_quality)


def _works_as_quality(gold: GoldWorksAs, pred: PredOccupation) -> float:
    return float(_arg_hit(pred.person, gold.person) and _arg_hit(pred.position, gold.profession))


def score_works_as(
    gold_docs: Sequence[GoldDoc], predictions: Mapping[str, Sequence[PredOccupation]]
) -> Score:
    """Score NEREL WORKS_AS: a prediction is right (1) when its person overlaps the
    gold PERSON mention and its position overlaps the gold PROFESSION mention; pairs
    are one-to-one. ``where`` is not scored (NEREL puts it in WORKPLACE)."""
    return _score_facts(gold_docs, predictions, lambda d: d.works_as, _works_as_quality)


def _event_quality(gold: GoldEvent, pred: Sequence[Span]) -> float:
    found = [any(_overlaps(span, p.spans) for span in pred) for p in gold.participants]
    strays = sum(1 for span in pred if not any(_overlaps(span, p.spans) for p in gold.participants))
    hits = sum(found)
    return hits / (len(gold.participants) + strays) if hits else 0.0


def score_events(
    gold_docs: Sequence[GoldDoc],
    predictions: Mapping[str, Sequence[Sequence[Span]]],
    kind: str = "Meeting",
) -> Score:
    """Score participant sets against gold Meeting (or Deal) facts; see score_meetings."""
    facts = {"Meeting": lambda d: d.meetings, "Deal": lambda d: d.deals}
    return _score_facts(gold_docs, predictions, facts[kind], _event_quality)


def score_meetings(
    gold_docs: Sequence[GoldDoc], predictions: Mapping[str, Sequence[Sequence[Span]]]
) -> Score:
    """Score predicted meetings, each a list of participant mention offsets.

    Rule, after the factRuEval-2016 track-3 argument quality:

    * a gold participant is found when any predicted offset overlaps any mention
      of its coref group; a predicted offset overlapping no gold participant is a
      stray (several offsets naming the same participant cost nothing, as in the
      official scorer, where many test arguments may match one gold argument);
    * a (gold, predicted) pair is worth found / (gold participants + strays), and
      only pairs with at least one participant found can match — e.g. gold
      {Обама, Саркози} vs predicted {Обама, Медведев} is worth 1/3;
    * pairs are one-to-one, chosen to maximise the summed worth.

    P = summed worth / predicted meetings, R = summed worth / gold meetings.
    """
    return score_events(gold_docs, predictions, "Meeting")
