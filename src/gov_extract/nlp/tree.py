"""Dependency heads that always form a tree, decoded from a parser's head scores.

Natasha's syntax parser (slovnet) picks every token's head by its own argmax over a
head-score matrix, so the heads need not form a tree: about one sentence in ten of
news-like text gets a cycle or several roots. spaCy's `Token.subtree` and
`Token.ancestors`, and every walk up the heads in `events`, then never end.

`decode` keeps the argmax where it already is a tree (four sentences in five: the
parser's own choice, checked for a whole batch at once) and otherwise finds the
maximum spanning arborescence over the same scores (Chu–Liu/Edmonds) with exactly
one token under the root, as in Universal Dependencies: on the texts of
../shared/corpora this adds about a tenth to the parser's time. `repair` makes a
tree of heads given without scores.

Conventions follow slovnet and CoNLL-U: tokens are numbered from 1, head 0 is the
root; `heads[i]` is the head of token `i + 1`; `scores[i, j]` is the score of head
`j` for token `i + 1`, so column 0 scores the root.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_UNSEEN, _ON_PATH, _DONE = 0, 1, 2


def is_tree(heads: Sequence[int]) -> bool:
    """Whether every token reaches the root by its heads and exactly one token is
    attached to the root."""
    return (
        all(0 <= head <= len(heads) for head in heads)
        and sum(1 for head in heads if head == 0) == 1
        and not _cycles([0, *heads])
    )


def decode(scores: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The heads of a batch of sentences from their (batch, seq, seq + 1) head scores,
    sentence `b` in the first `lengths[b]` rows and `lengths[b] + 1` columns: the
    argmax where that is a tree, else the best tree. Padding gets head 0."""
    seq = scores.shape[1]
    columns = np.arange(seq + 1)[None, :] <= lengths[:, None]  # the root and the tokens
    heads = np.where(columns[:, None, :], scores, -np.inf).argmax(-1)
    heads[np.arange(seq)[None, :] >= lengths[:, None]] = 0
    for index in np.flatnonzero(~_trees(heads, lengths)):
        length = lengths[index]
        heads[index, :length] = max_arborescence(scores[index, :length, : length + 1])
    return heads


def max_arborescence(scores: np.ndarray) -> np.ndarray:
    """The tree of greatest total score with exactly one token under the root."""
    n = scores.shape[0]
    if scores.shape != (n, n + 1):
        raise ValueError(f"head scores of {n} tokens must be ({n}, {n + 1}), not {scores.shape}")
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    graph = np.full((n + 1, n + 1), -np.inf)
    graph[1:] = scores
    np.fill_diagonal(graph, -np.inf)  # no token heads itself
    return _chu_liu_edmonds(graph)[1:]


def repair(heads: Sequence[int]) -> list[int]:
    """`heads` unchanged if they are a tree, else the tree that keeps the most of
    their arcs, a token cut loose going to its nearest head."""
    if is_tree(heads):
        return list(heads)
    n = len(heads)
    tokens = np.arange(1, n + 1)
    # Distances weigh less in total than one kept arc: they only break ties.
    scores = -np.abs(tokens[:, None] - np.arange(n + 1)[None, :]) / (n + 1) ** 2
    for token, head in enumerate(heads, start=1):
        if 0 <= head <= n and head != token:
            scores[token - 1, head] += 1.0
    return max_arborescence(scores).tolist()


@dataclass(frozen=True)
class _Contraction:
    """The cycles of a graph's best heads, each contracted into one node."""

    group: np.ndarray  # per node: its node in the contracted graph (the root stays 0)
    heads: np.ndarray  # per node: its best head, which is in its cycle for a node on one
    gains: np.ndarray  # graph[token, head] less the score of the token's arc in its cycle


def _chu_liu_edmonds(graph: np.ndarray) -> np.ndarray:
    """Heads of the best arborescence rooted at node 0 with one arc from it, of a
    (m, m) graph of arc scores (`graph[token, head]`; row 0 and the diagonal -inf,
    all else finite).

    Chu–Liu/Edmonds with the root constraint of Gabow and Tarjan as Zmigrod et al.
    2020 ("Please mind the root") give it: while the best heads, free of cycles,
    take several arcs from the root, the token that loses least by its next best
    head takes that head instead. Its arc from the root stays in the graph for a
    cycle that the swap may close: the contracted cycle can still hang from the
    root by it. All cycles of a round are contracted at once, in a loop rather than
    by recursion.
    """
    contractions: list[_Contraction] = []
    swapped = np.zeros(len(graph), dtype=bool)  # tokens whose arc from the root is set aside
    while True:
        visible = graph.copy()
        visible[swapped, 0] = -np.inf
        heads = visible.argmax(-1)
        heads[0] = 0
        contraction = _contract(graph, heads)
        if contraction is not None:
            contractions.append(contraction)
            graph = _contracted_graph(contraction)
            alone = np.bincount(contraction.group)[contraction.group] == 1
            kept = np.zeros(len(graph), dtype=bool)
            kept[contraction.group[swapped & alone]] = True
            swapped = kept
            continue
        roots = np.flatnonzero(heads[1:] == 0) + 1
        if len(roots) < 2:
            break
        losses = visible[roots, 0] - visible[roots, 1:].max(-1)
        swapped[roots[losses.argmin()]] = True
    for c in reversed(contractions):
        heads = _expand(c, heads)
    return heads


def _contract(graph: np.ndarray, heads: np.ndarray) -> _Contraction | None:
    cycles = _cycles(heads.tolist())
    if not cycles:
        return None
    on_cycle = np.zeros(len(graph), dtype=bool)
    group = np.empty(len(graph), dtype=np.int64)
    for index, cycle in enumerate(cycles):
        on_cycle[cycle] = True
        group[cycle] = index
    outside = np.flatnonzero(~on_cycle)  # starts with the root
    group[outside] = np.arange(len(cycles), len(cycles) + len(outside))
    group = (group - len(cycles)) % (len(cycles) + len(outside))  # the root to 0
    # Heading a cycle from outside breaks it at one node: that arc replaces the
    # node's arc within the cycle.
    inner = np.where(on_cycle, graph[np.arange(len(graph)), heads], 0.0)
    return _Contraction(group, heads, graph - inner[:, None])


def _contracted_graph(c: _Contraction) -> np.ndarray:
    """Per pair of contracted nodes, the best gain of an arc between their members."""
    order = np.argsort(c.group, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(c.group[order]) != 0])
    rows = np.maximum.reduceat(c.gains[order], starts, axis=0)
    graph = np.maximum.reduceat(rows[:, order], starts, axis=1)
    np.fill_diagonal(graph, -np.inf)
    graph[0] = -np.inf
    return graph


def _expand(c: _Contraction, contracted_heads: np.ndarray) -> np.ndarray:
    """Heads in the graph from those of its contraction: each contracted node's head
    goes to the member arc of best gain, the rest of a cycle keeps its arcs."""
    target = contracted_heads[c.group]  # per node: the contracted head of its group
    gains = np.where(c.group[None, :] == target[:, None], c.gains, -np.inf)
    best_head = gains.argmax(-1)
    best = gains[np.arange(len(gains)), best_head]
    order = np.lexsort((-best, c.group))  # per group, its best member first
    first = order[np.r_[True, np.diff(c.group[order]) != 0]]
    heads = c.heads.copy()
    heads[first] = best_head[first]
    heads[0] = 0
    return heads


def _cycles(heads: Sequence[int]) -> list[list[int]]:
    """Every cycle of `heads` (`heads[node]` for nodes 0..m-1, all in range, node 0
    the root)."""
    state = [_UNSEEN] * len(heads)
    state[0] = _DONE
    found = []
    for start in range(1, len(heads)):
        path = []
        node = start
        while state[node] == _UNSEEN:
            state[node] = _ON_PATH
            path.append(node)
            node = heads[node]
        if state[node] == _ON_PATH:
            found.append(path[path.index(node) :])
        for visited in path:
            state[visited] = _DONE
    return found


def _trees(heads: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Per sentence of a padded batch of heads (all in range, padding 0), whether
    they are a tree: `is_tree` for a whole batch in a few array operations rather
    than a loop per token. By pointer doubling: after k rounds each node points 2**k
    steps up, so every token that reaches the root has reached it after log2(seq)
    rounds."""
    batch, seq = heads.shape
    real = np.arange(seq)[None, :] < lengths[:, None]
    one_root = ((heads == 0) & real).sum(-1) == 1
    up = np.concatenate([np.zeros((batch, 1), dtype=heads.dtype), heads], axis=1)
    for _ in range(max(seq, 1).bit_length()):
        up = np.take_along_axis(up, up, axis=1)
    return one_root & (up == 0).all(-1)
