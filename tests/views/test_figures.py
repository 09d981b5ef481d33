"""The notebook's figures (views/figures.py) on events and graphs written by hand."""

from __future__ import annotations

import datetime as dt

import matplotlib
import matplotlib.dates as mdates
import networkx as nx
import pandas as pd
import pytest

from gov_extract.views import figures

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def events(*rows: tuple[str | None, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"date": dt.date.fromisoformat(d) if d else None, "modality": m, "type": t} for d, m, t in rows]
    )


SOME = events(
    ("2024-01-15", "asserted", "meeting"),
    ("2024-01-20", "asserted", "visit"),
    # Announced in January, planned for April: counted in April.
    ("2024-04-02", "planned", "visit"),
    ("2024-04-20", "negated", "agreement"),
    (None, "asserted", "meeting"),
)


def test_every_month_from_first_to_last_with_the_modalities_apart() -> None:
    table = figures.events_per_month(SOME)
    assert [f"{month:%Y-%m}" for month in table.index] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert table.loc["2024-02"].sum().sum() == 0 and table.loc["2024-03"].sum().sum() == 0
    assert table.loc["2024-01-01", ("asserted", "meeting")] == 1
    assert table.loc["2024-04-01", ("planned", "visit")] == 1
    assert table.loc["2024-04-01", ("negated", "agreement")] == 1
    assert table.to_numpy().sum() == 4  # the undated one is left out
    assert list(table.columns.get_level_values("modality").unique()) == list(figures.MODALITIES)


def test_events_per_month_is_drawn_on_a_time_axis() -> None:
    fig = figures.plot_events_per_month(SOME)
    axes = fig.axes
    assert [ax.get_ylabel().split("\n")[0] for ax in axes] == list(figures.MODALITIES)
    start, end = (mdates.num2date(x) for x in axes[-1].get_xlim())
    assert start.date() <= dt.date(2024, 1, 1) and end.date() >= dt.date(2024, 4, 1)
    # A bar per month and type in each panel, the empty months too.
    assert all(len(ax.patches) == 4 * len(figures.EVENT_TYPES) for ax in axes)
    assert "1 without a date" in fig._suptitle.get_text()
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == list(figures.EVENT_TYPES)


def test_no_events_draws_a_note() -> None:
    empty = pd.DataFrame(columns=["date", "modality", "type"])
    assert figures.events_per_month(empty).empty
    fig = figures.plot_events_per_month(empty)
    assert "no dated events" in [t.get_text() for t in fig.axes[0].texts]


def graph() -> nx.Graph:
    """Two pairs with two events each, one reported in two releases; pairs with one
    event whose members are more or less active; a person tied to a place."""
    g = nx.Graph()
    people = {"a": ("Яков Андреев", "PER", 2), "b": ("Борис Яковлев", "PER", 2),
              "c": ("Анна Белова", "PER", 3), "d": ("Дума города", "ORG", 3),
              "e": ("Вера Сомова", "PER", 1), "f": ("Ольга Петрова", "PER", 1),
              "p": ("Тверь", "LOC", 4)}  # fmt: skip
    for node, (label, type, n_events) in people.items():
        g.add_node(node, label=label, type=type, post="", n_events=n_events)

    def tie(a: str, b: str, *event_ids: str, meeting: int = 0, visit: int = 0, agreement: int = 0):
        g.add_edge(a, b, weight=len(event_ids), meeting=meeting, visit=visit, agreement=agreement,
                   first="2024-01-01", last="2024-02-01", event_ids=" ".join(event_ids))  # fmt: skip

    tie("a", "b", "d1-e0", "d2-e0", meeting=2)
    tie("c", "d", "d3-e0", "d3-e1", meeting=1, agreement=1)
    tie("c", "e", "d4-e0", meeting=1)
    tie("e", "f", "d5-e0", visit=1)
    tie("c", "p", "d3-e0", "d4-e0", "d6-e0", meeting=3)
    return g


def test_top_pairs_rank_by_events_releases_and_activity_not_names() -> None:
    pairs = figures.top_pairs(graph())
    assert list(pairs.pair) == [
        "Борис Яковлев — Яков Андреев",  # 2 events in 2 releases
        "Анна Белова — Дума города",  # 2 events in 1 release
        "Анна Белова — Вера Сомова",  # 1 event, members in 4 events in all
        "Вера Сомова — Ольга Петрова",  # 1 event, members in 2
    ]
    assert list(pairs.releases) == [2, 1, 1, 1]
    assert pairs.iloc[1][["meeting", "visit", "agreement"]].tolist() == [1, 0, 1]
    assert "Тверь" not in " ".join(pairs.pair)  # a place is where, not who
    assert len(figures.top_pairs(graph(), n=2)) == 2


def test_places_are_drawn_apart_below_each_group() -> None:
    g = graph()
    layout = figures.network_layout(g)
    assert set(layout) == set(g)
    groups = list(nx.connected_components(g))
    for group in groups:
        who = [layout[n][1] for n in group if g.nodes[n]["type"] != "LOC"]
        places = [layout[n][1] for n in group if g.nodes[n]["type"] == "LOC"]
        assert all(y < min(who) for y in places)
    # The groups' boxes do not overlap.
    boxes = [
        (min(layout[n][0] for n in group), max(layout[n][0] for n in group),
         min(layout[n][1] for n in group), max(layout[n][1] for n in group))
        for group in groups
    ]  # fmt: skip
    (a0, a1, a2, a3), (b0, b1, b2, b3) = boxes
    assert a1 < b0 or b1 < a0 or a3 < b2 or b3 < a2


def test_the_network_has_a_legend_and_every_label() -> None:
    fig = figures.plot_network(graph())
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:3] == ["person", "body", "place"]
    drawn = {t.get_text().replace("\n", " ") for t in ax.texts}
    assert {label for _, label in graph().nodes(data="label")} <= drawn
    empty = figures.plot_network(nx.Graph())
    assert "no two named participants" in empty.axes[0].texts[0].get_text()
