"""Who met, visited or agreed with whom: the participants of events as a network.

Nodes are entities (people, bodies, places) that took part in an event; an edge joins
two that took part in the same one. Only events that took place (`asserted`) count:
a planned visit or a cancelled meeting is no tie. GraphML opens in Gephi as it is;
the CSV pair (nodes.csv, edges.csv) uses the column names Gephi's spreadsheet import
recognises (id, label, source, target, weight).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd

from gov_extract.views.stats import read_table

EVENT_TYPES = ("meeting", "visit", "agreement")


@dataclass
class _Tie:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EVENT_TYPES, 0))
    dates: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)


def build_graph(out: Path) -> nx.Graph:
    """The participants network of an output folder, nodes and edges in a stable order."""
    events = read_table(out, "events")
    events = events[events.modality == "asserted"]
    participants = read_table(out, "event_participants")
    named = participants[
        participants.entity_id.notna() & participants.event_id.isin(events.event_id)
    ].drop_duplicates(["event_id", "entity_id"])
    graph = nx.Graph()
    _add_nodes(graph, named, read_table(out, "entities"), _latest_posts(out))
    _add_edges(graph, named, events)
    return graph


def _latest_posts(out: Path) -> dict[str, str]:
    """Each person's post as stated in the latest document that states one."""
    positions = read_table(out, "positions")
    published = read_table(out, "documents")[["doc_id", "published_at"]]
    dated = positions.merge(published, on="doc_id").sort_values(
        ["published_at", "doc_id", "start"], na_position="first"
    )
    return dict(zip(dated.person_entity_id, dated.position, strict=True))


def _add_nodes(
    graph: nx.Graph, named: pd.DataFrame, entities: pd.DataFrame, posts: dict[str, str]
) -> None:
    n_events = named.groupby("entity_id").event_id.nunique()
    known = entities.set_index("entity_id")
    for entity_id in sorted(n_events.index):
        entity = known.loc[entity_id]
        # GraphML has no null: an entity without a post gets an empty one.
        graph.add_node(
            entity_id, label=entity["name"], type=entity["type"],
            post=posts.get(entity_id, ""), n_events=int(n_events[entity_id]),
        )  # fmt: skip


def _add_edges(graph: nx.Graph, named: pd.DataFrame, events: pd.DataFrame) -> None:
    ties: dict[tuple[str, str], _Tie] = defaultdict(_Tie)
    for event in events.sort_values("event_id").itertuples():
        members = sorted(named.entity_id[named.event_id == event.event_id])
        for pair in combinations(members, 2):
            tie = ties[pair]
            tie.counts[event.type] += 1
            tie.event_ids.append(event.event_id)
            if pd.notna(event.date):
                tie.dates.append(event.date.isoformat())
    for (a, b), tie in sorted(ties.items()):
        graph.add_edge(
            a, b, weight=len(tie.event_ids), **tie.counts,
            first=min(tie.dates, default=""), last=max(tie.dates, default=""),
            event_ids=" ".join(tie.event_ids),
        )  # fmt: skip


def write_graphml(graph: nx.Graph, path: Path) -> None:
    nx.write_graphml(graph, path)


def write_csv(graph: nx.Graph, folder: Path) -> None:
    """nodes.csv and edges.csv in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes = pd.DataFrame(
        [{"id": node, **data} for node, data in graph.nodes(data=True)],
        columns=["id", "label", "type", "post", "n_events"],
    )
    edges = pd.DataFrame(
        [{"source": a, "target": b, **data} for a, b, data in graph.edges(data=True)],
        columns=["source", "target", "weight", *EVENT_TYPES, "first", "last", "event_ids"],
    )
    nodes.to_csv(folder / "nodes.csv", index=False)
    edges.to_csv(folder / "edges.csv", index=False)
