"""The figures of notebooks/explore.ipynb, as functions a test can check: events per
month on a real time axis, the pairs that took part in the most events together, and
the network of who met, visited or agreed with whom.

matplotlib is imported by the drawing functions only: it comes with the `dev` extra,
and the tables alone need nothing but pandas.
"""

from __future__ import annotations

import textwrap
from math import atan2, cos, pi, sin

import networkx as nx
import pandas as pd

from gov_extract.views.document import COLOURS, LEGEND

MODALITIES = ("asserted", "planned", "negated")
EVENT_TYPES = ("meeting", "visit", "agreement")
TYPE_COLOURS = {"meeting": "#4c72b0", "visit": "#dd8452", "agreement": "#55a868"}
# Who takes part; places are where, drawn apart from them.
WHO = ("PER", "ORG")
# A group of more people and bodies than this is drawn on a circle.
CIRCLE_FROM = 4


def events_per_month(events: pd.DataFrame) -> pd.DataFrame:
    """Dated events counted by month, modality and type: a row for every month from
    the first to the last, months without events included, and a column for every
    (modality, type). A planned event counts in the month it is planned for."""
    columns = pd.MultiIndex.from_product([MODALITIES, EVENT_TYPES], names=["modality", "type"])
    dated = events.dropna(subset=["date"])
    if dated.empty:
        return pd.DataFrame(columns=columns, index=pd.DatetimeIndex([], name="month"), dtype=int)
    months = pd.to_datetime(dated["date"]).dt.to_period("M")
    counts = pd.crosstab(months, [dated["modality"], dated["type"]])
    every = pd.period_range(months.min(), months.max(), freq="M")
    table = counts.reindex(index=every, columns=columns, fill_value=0)
    table.index = every.to_timestamp().rename("month")
    return table


def plot_events_per_month(events: pd.DataFrame):
    """One panel per modality on a shared time axis, events stacked by type."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    table = events_per_month(events)
    fig, axes = plt.subplots(len(MODALITIES), 1, figsize=(12, 6.5), sharex=True, sharey=True)
    for ax, modality in zip(axes, MODALITIES, strict=True):
        bottom = pd.Series(0, index=table.index)
        for type in EVENT_TYPES:
            counts = table[(modality, type)] if len(table) else bottom
            ax.bar(table.index, counts, bottom=bottom, width=24, align="edge",
                   color=TYPE_COLOURS[type], label=type)  # fmt: skip
            bottom = bottom + counts
        total = int(table[modality].to_numpy().sum()) if len(table) else 0
        ax.set_ylabel(f"{modality}\n({total})", rotation=0, ha="right", va="center")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", color="#eee")
        ax.set_axisbelow(True)
    axes[0].legend(ncols=3, loc="upper left", frameon=False)
    axes[-1].xaxis.set_major_locator(mdates.AutoDateLocator(minticks=6, maxticks=14))
    axes[-1].xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(axes[-1].xaxis.get_major_locator())
    )
    undated = int(events["date"].isna().sum())
    title = "events per month, by the date they took place or are planned for"
    fig.suptitle(title + (f" ({undated} without a date left out)" if undated else ""))
    if table.empty:
        axes[0].text(
            0.5, 0.5, "no dated events", ha="center", va="center", transform=axes[0].transAxes
        )
    fig.tight_layout()
    return fig


def top_pairs(graph: nx.Graph, n: int = 12) -> pd.DataFrame:
    """The pairs of people and bodies that took part in the most events together
    (`graph.build_graph`: events that took place). Among pairs with as many events,
    those from more releases come first, then those whose members take part in most
    events overall: the pairs a reader is likeliest to look for, not the alphabet's."""
    rows = []
    for a, b, tie in graph.edges(data=True):
        ends = graph.nodes[a], graph.nodes[b]
        if not all(end["type"] in WHO for end in ends):
            continue
        documents = {event_id.rsplit("-", 1)[0] for event_id in tie["event_ids"].split()}
        first, second = sorted(ends, key=lambda end: (-end["n_events"], end["label"]))
        rows.append({"pair": f"{first['label']} — {second['label']}", "events": tie["weight"],
                     **{type: tie[type] for type in EVENT_TYPES},
                     "releases": len(documents), "activity": first["n_events"] + second["n_events"],
                     "first": tie["first"], "last": tie["last"]})  # fmt: skip
    columns = ["pair", "events", *EVENT_TYPES, "releases", "activity", "first", "last"]
    pairs = pd.DataFrame(rows, columns=columns)
    ranked = pairs.sort_values(["events", "releases", "activity", "pair"],
                               ascending=[False, False, False, True])  # fmt: skip
    return ranked.head(n).reset_index(drop=True)


def plot_top_pairs(pairs: pd.DataFrame):
    """The pairs as bars of their meetings, visits and agreements, dates beside."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, max(2.5, 0.42 * len(pairs) + 1)))
    if pairs.empty:
        ax.text(
            0.5, 0.5, "no two people or bodies took part in one event", ha="center", va="center"
        )
        ax.axis("off")
        return fig
    shown = pairs.iloc[::-1]  # the first pair at the top
    left = pd.Series(0, index=shown.index)
    for type in EVENT_TYPES:
        ax.barh(shown["pair"], shown[type], left=left, color=TYPE_COLOURS[type], label=type)
        left = left + shown[type]
    for y, row in enumerate(shown.itertuples()):
        when = row.first if row.first == row.last else f"{row.first} … {row.last}"
        ax.text(
            row.events + 0.05, y, f"{when} · {row.releases} release(s)", va="center", fontsize=8
        )
    ax.set_xlim(0, pairs["events"].max() * 2.6)  # room for the dates
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("events together that took place")
    fig.suptitle("people and bodies that took part in most events together")
    ax.legend(loc="lower right", frameon=False)
    fig.tight_layout()
    return fig


def network_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Each group of connected participants in its own box, the boxes packed in rows,
    largest first, so that groups do not overlap; in a box, people and bodies above,
    laid out by their ties, and the places they are tied to on a line below them."""
    boxes = []
    for nodes in sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c))):
        boxes.append((_box(graph.subgraph(nodes)), max(1.5, 1.35 * len(nodes) ** 0.5)))
    width = max(6.0, 1.15 * sum(size**2 for _, size in boxes) ** 0.5)
    layout: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for box, size in boxes:
        if x and x + size > width:
            x, y, row_height = 0.0, y - row_height, 0.0
        for node, (u, v) in box.items():
            layout[node] = (x + u * size, y + v * size)
        x, row_height = x + size, max(row_height, size)
    return layout


def _box(group: nx.Graph) -> dict[str, tuple[float, float]]:
    """A group's layout in the unit square (y from 0 at the top down to -1): people
    and bodies in the upper part, places along the bottom."""
    who = [node for node, kind in group.nodes(data="type") if kind in WHO]
    places = sorted((n for n, kind in group.nodes(data="type") if kind not in WHO),
                    key=lambda n: group.nodes[n]["label"])  # fmt: skip
    top = 0.72 if places else 0.9
    box = {node: (0.5 + 0.4 * u, -0.5 + (1 - top) / 2 + 0.4 * top * v)
           for node, (u, v) in _spread(group.subgraph(who)).items()}  # fmt: skip
    for n, place in enumerate(places):
        box[place] = ((n + 1) / (len(places) + 1), -0.88)
    return box


def _spread(group: nx.Graph) -> dict[str, tuple[float, float]]:
    """People and bodies in [-1, 1]²: by their ties (spring_layout, spaced wider than
    its own 1/√n for the labels); a larger group, often one meeting's many participants
    all tied to each other, which a spring layout piles up, on a circle in the order
    the springs put them."""
    if len(group) < 2:
        return dict.fromkeys(group, (0.0, 0.0))
    spring = nx.spring_layout(group, seed=0, k=2.2 / len(group) ** 0.5, iterations=200)
    if len(group) <= CIRCLE_FROM:
        return {node: (float(u), float(v)) for node, (u, v) in spring.items()}
    order = sorted(group, key=lambda node: atan2(spring[node][1], spring[node][0]))
    return {node: (cos(2 * pi * n / len(order)), sin(2 * pi * n / len(order)))
            for n, node in enumerate(order)}  # fmt: skip


def plot_network(graph: nx.Graph, max_labels: int = 150):
    """The graph, each group of connected participants apart, and in a group the places
    (squares) below the people and bodies (circles); a node's size is its number of
    events, an edge's width the number of events two nodes share; the most active
    nodes labelled."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    tied = graph.subgraph(node for node, degree in graph.degree() if degree)
    fig, ax = plt.subplots(figsize=(15, 13))
    ax.axis("off")
    ax.set_title(f"who met, visited or agreed with whom: {tied.number_of_nodes()} of "
                 f"{graph.number_of_nodes()} participants with a tie, {graph.number_of_edges()} ties")  # fmt: skip
    if not tied.number_of_nodes():
        ax.text(0.5, 0.5, "no two named participants of one event", ha="center", va="center")
        return fig
    layout = network_layout(tied)
    to_places = [
        (a, b)
        for a, b in tied.edges()
        if not {tied.nodes[a]["type"], tied.nodes[b]["type"]} <= set(WHO)
    ]
    between = [edge for edge in tied.edges() if edge not in to_places]
    nx.draw_networkx_edges(tied, layout, edgelist=between, ax=ax, edge_color="#888",
                           width=[0.6 + tied.edges[e]["weight"] for e in between])  # fmt: skip
    nx.draw_networkx_edges(tied, layout, edgelist=to_places, ax=ax, edge_color="#e8b59b",
                           style="dashed", width=0.8)  # fmt: skip
    for kind, shape in (("PER", "o"), ("ORG", "o"), ("LOC", "s")):
        nodes = [node for node, type in tied.nodes(data="type") if type == kind]
        nx.draw_networkx_nodes(tied, layout, nodelist=nodes, ax=ax, node_shape=shape,
                               node_color=COLOURS[kind], edgecolors="#555", linewidths=0.5,
                               node_size=[60 + 60 * tied.nodes[n]["n_events"] for n in nodes])  # fmt: skip
    ranked = sorted(
        tied.nodes, key=lambda node: (-tied.nodes[node]["n_events"], -tied.degree(node))
    )
    labels = {node: textwrap.fill(tied.nodes[node]["label"], 22) for node in ranked[:max_labels]}
    nx.draw_networkx_labels(tied, layout, labels, ax=ax, font_size=7.5,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})  # fmt: skip
    handles = [Line2D([], [], marker="s" if kind == "LOC" else "o", linestyle="", markersize=10,
                      markerfacecolor=COLOURS[kind], markeredgecolor="#555", label=LEGEND[kind])
               for kind in ("PER", "ORG", "LOC")]  # fmt: skip
    handles += [Line2D([], [], color="#888", linewidth=2.5, label="took part in events together (width: how many)"),
                Line2D([], [], color="#e8b59b", linestyle="dashed", label="tied to a place")]  # fmt: skip
    ax.legend(handles=handles, loc="upper left", frameon=False)
    if len(ranked) > max_labels:
        ax.text(
            0,
            0,
            f"labels: the {max_labels} most active of {len(ranked)}",
            transform=ax.transAxes,
            fontsize=8,
        )
    fig.tight_layout()
    return fig
