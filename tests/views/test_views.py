"""`show`, `stats`, `graph` and the README's recipes on the sample output and the seed."""

from __future__ import annotations

import contextlib
import io
import json
import re
from html import unescape
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from conftest import ROOT, run_cli, shared_path
from typer.testing import CliRunner

from gov_extract.store.schema import TABLES
from gov_extract.views.document import DocumentView
from gov_extract.views.show import load_document, render_html

SEED_MEETING = ["Валентин Демидов", "Евгений Стружак", "Александра Игнатьева", "Владимир Дудочкин"]
VOID = {"meta", "br", "hr", "img", "input", "link"}


@pytest.fixture(scope="module")
def app():
    from gov_extract.cli import app  # the package registers every command

    return app


def invoke(app, *args: str | Path):
    # Wide, so that no table cell of rich's output is wrapped inside a name.
    return CliRunner().invoke(app, [str(arg) for arg in args], env={"COLUMNS": "2000"})


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seed = shared_path("seeds", "sevastopol-moscow-2018-05-18.txt")
    out = tmp_path_factory.mktemp("seed") / "out"
    assert run_cli("run", seed, "--out", out, "--quiet").returncode == 0
    return out


class Page(HTMLParser):
    """Checks that every element is closed in order, and collects what the tests look for."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.doctype = ""
        self.mention_text: dict[str, str] = {}
        self.text_div = ""
        self.event_ids: list[str] = []
        self.event_text: dict[str, str] = {}
        self.loads: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self.event_ids.append(attributes["id"])
        # Links within the page (a trigger to its event) load nothing.
        self.loads += [
            value
            for name, value in attrs
            if name in ("src", "href") and value and not value.startswith("#")
        ]
        if tag not in VOID:
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for _, attributes in self.stack:
            if "data-mention-id" in attributes:
                key = attributes["data-mention-id"]
                self.mention_text[key] = self.mention_text.get(key, "") + data
            if attributes.get("class") == "text":
                self.text_div += data
            if "id" in attributes and attributes.get("class") == "event":
                key = attributes["id"]
                self.event_text[key] = self.event_text.get(key, "") + data


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    parsed.close()
    assert not parsed.errors and not parsed.stack, (parsed.errors, parsed.stack)
    assert parsed.doctype.lower() == "doctype html"
    return parsed


# ---------------------------------------------------------------- show


def test_show_prints_every_event_with_its_participants(app, sample_run) -> None:
    _, out, tables = sample_run
    document = tables["documents"].query(
        "source.str.endswith('nizhny-mogilev-delegation-2018-09-26.txt')"
    )
    doc_id = document.doc_id.iloc[0]
    events = tables["events"].query("doc_id == @doc_id")
    assert len(events) >= 2
    # The same document by its file name, by the path typed from the project root, by its id.
    for name in (
        "nizhny-mogilev-delegation-2018-09-26.txt",
        ROOT / "data/raw/regional/nizhny-mogilev-delegation-2018-09-26.txt",
        doc_id,
    ):
        result = invoke(app, "show", name, "--out", out)
        assert result.exit_code == 0, result.output
        assert doc_id in result.stdout
    cards = result.stdout.split("╭")
    for event in events.itertuples():
        short = event.event_id.removeprefix(doc_id + "-")
        card = next(c for c in cards if f" {short} {event.type} · {event.modality} " in c)
        for value in (str(event.date), event.rule, event.trigger):
            assert value in card
    for participant in tables["event_participants"].query("doc_id == @doc_id").itertuples():
        assert f"{participant.role}: {participant.name} ({participant.type}" in result.stdout
    for position in tables["positions"].query("doc_id == @doc_id").itertuples():
        assert position.position in result.stdout


def test_show_lists_the_documents_of_a_table_file(app, sample_run) -> None:
    _, out, tables = sample_run
    result = invoke(app, "show", "press-releases-2021-06.csv", "--out", out)
    assert result.exit_code == 2
    for doc_id in tables["documents"].query("source.str.endswith('.csv')").doc_id:
        assert doc_id in result.output
    # A row of a dump by its own id (`record`).
    record = tables["documents"].dropna(subset=["record"]).iloc[0]
    assert load_document(out, record.record).document.doc_id == record.doc_id
    unknown = invoke(app, "show", "no-such-release.txt", "--out", out)
    assert unknown.exit_code == 2 and "no document 'no-such-release.txt'" in unknown.output


def test_html_page_of_the_seed(app, seed_out: Path, tmp_path: Path) -> None:
    page_path = tmp_path / "seed.html"
    result = invoke(
        app, "show", "sevastopol-moscow-2018-05-18.txt", "--out", seed_out, "--html", page_path
    )
    assert result.exit_code == 0, result.output
    page = parse(page_path.read_text(encoding="utf-8"))
    assert "посетила" in page.text_div and not page.loads
    events = pd.read_parquet(seed_out / "events")
    assert page.event_ids == list(events.event_id)
    assert all(name in "".join(page.event_text.values()) for name in SEED_MEETING)


def test_html_pages_hold_every_entity_and_event(sample_run) -> None:
    _, out, tables = sample_run
    for document in tables["documents"].itertuples():
        html = render_html(load_document(out, document.doc_id))
        page = parse(html)
        # Labels are CSS, so the page's text is the document's, mark for mark.
        assert unescape(page.text_div) == document.text
        assert not page.loads and "url(" not in html and "@import" not in html
        mentions = tables["mentions"].query("doc_id == @document.doc_id")
        assert page.mention_text == dict(zip(mentions.mention_id, mentions.text, strict=True))
        events = tables["events"].query("doc_id == @document.doc_id")
        assert sorted(page.event_ids) == sorted(events.event_id)
        for p in tables["event_participants"].query("doc_id == @document.doc_id").itertuples():
            assert p.name in page.event_text[p.event_id]


def test_html_marks_that_cross_still_nest() -> None:
    text = "губернатор Севастополя Дмитрий Овсянников"
    empty = {name: TABLES[name].empty_table().to_pandas() for name in TABLES}
    mentions = pd.DataFrame(
        [
            {"mention_id": "d-m0", "type": "LOC", "start": 11, "end": 22, "text": text[11:22],
             "entity_id": "e0", "normal": "Севастополь"},
            {"mention_id": "d-m1", "type": "PER", "start": 17, "end": 30, "text": text[17:30],
             "entity_id": "e1", "normal": "crossing"},
        ]
    )  # fmt: skip
    document = pd.Series({"doc_id": "d", "source": "a.txt", "record": None, "title": None,
                          "published_at": None, "status": "ok", "error": None,
                          "warning": None, "text": text})  # fmt: skip
    view = DocumentView(
        document, mentions, empty["positions"], empty["events"], empty["event_participants"]
    )
    page = parse(render_html(view))
    assert page.text_div == text
    assert page.mention_text == {"d-m0": text[11:22], "d-m1": text[17:30]}


# ---------------------------------------------------------------- stats


def test_stats_json_counts_the_tables(app, sample_run) -> None:
    _, out, tables = sample_run
    result = invoke(app, "stats", out, "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    documents, events = tables["documents"], tables["events"]
    assert figures["documents"]["total"] == len(documents)
    assert figures["documents"]["by_status"] == documents.status.value_counts().to_dict()
    months = documents.published_at.dt.strftime("%Y-%m").value_counts().to_dict()
    assert figures["documents"]["by_month"] == months
    assert figures["events"]["by_type"] == events.type.value_counts().to_dict()
    assert figures["events"]["by_modality"] == events.modality.value_counts().to_dict()
    by_month = figures["events"]["by_month"]
    assert sum(n for counts in by_month.values() for n in counts.values()) == len(events)
    assert list(by_month) == sorted(by_month)
    people = tables["entities"].query("type == 'PER'")
    assert [p["n_docs"] for p in figures["people"]] == sorted(people.n_docs, reverse=True)[:10]
    assert {p["name"] for p in figures["places"]} <= set(
        tables["entities"].query("type == 'LOC'").name
    )


def test_stats_people_with_most_meetings(app, sample_run) -> None:
    _, out, tables = sample_run
    figures = json.loads(invoke(app, "stats", out, "--json", "--top", "1000").stdout)
    held = tables["events"].query("type == 'meeting' and modality == 'asserted'").event_id
    participants = tables["event_participants"]
    met = participants[(participants.type == "PER") & participants.event_id.isin(held)]
    expected = met.drop_duplicates(["event_id", "entity_id"]).groupby("entity_id").size()
    assert {
        p["entity_id"]: p["meetings"] for p in figures["people_with_most_meetings"]
    } == expected.to_dict()


def test_stats_rich_and_wrong_folder(app, sample_run, tmp_path: Path) -> None:
    _, out, tables = sample_run
    result = invoke(app, "stats", out)
    assert result.exit_code == 0, result.output
    assert "events by month" in result.stdout
    top = tables["entities"].query("type == 'ORG'").sort_values("n_docs").name.iloc[-1]
    assert top in result.stdout
    wrong = invoke(app, "stats", tmp_path)
    assert wrong.exit_code == 2 and "not an output folder" in wrong.output


# ---------------------------------------------------------------- graph


def test_graphml_of_the_seed_connects_the_meeting(app, seed_out: Path, tmp_path: Path) -> None:
    path = tmp_path / "seed.graphml"
    result = invoke(app, "graph", seed_out, "--format", "graphml", "--output", path)
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(path)
    ids = {data["label"]: node for node, data in graph.nodes(data=True)}
    assert set(SEED_MEETING) <= set(ids)
    for name in SEED_MEETING:
        assert graph.nodes[ids[name]]["type"] == "PER" and graph.nodes[ids[name]]["post"]
    for a, b in combinations(SEED_MEETING, 2):
        edge = graph.edges[ids[a], ids[b]]
        assert edge["meeting"] >= 1 and edge["first"] == edge["last"] == "2018-05-18"
    visit = graph.edges[ids["Правительство Севастополя"], ids["Правительство Москвы"]]
    assert visit["visit"] == 1
    # The planned return visit is no tie.
    assert "Севастополь" not in ids


def test_graph_edges_are_the_asserted_events(app, sample_run, tmp_path: Path) -> None:
    _, out, tables = sample_run
    result = invoke(app, "graph", out, "--format", "csv", "--output", tmp_path / "g")
    assert result.exit_code == 0, result.output
    nodes = pd.read_csv(tmp_path / "g" / "nodes.csv", keep_default_na=False)
    edges = pd.read_csv(tmp_path / "g" / "edges.csv", keep_default_na=False)
    events = tables["events"].set_index("event_id")
    participants = tables["event_participants"].dropna(subset=["entity_id"])
    assert set(edges.source) | set(edges.target) <= set(nodes.id)
    for edge in edges.itertuples():
        ids = edge.event_ids.split()
        assert edge.weight == len(ids) == edge.meeting + edge.visit + edge.agreement
        for event_id in ids:
            assert events.modality[event_id] == "asserted"
            members = set(participants.query("event_id == @event_id").entity_id)
            assert {edge.source, edge.target} <= members
    took_part = participants[
        participants.event_id.isin(events.index[events.modality == "asserted"])
    ]
    assert set(nodes.id) == set(took_part.entity_id)


# ---------------------------------------------------------------- README


def recipes() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Recipes") : readme.index("## Layout")]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_readme_recipes_run_on_the_sample(sample_run, tmp_path: Path, monkeypatch) -> None:
    _, out, _ = sample_run
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "out").symlink_to(out)
    monkeypatch.chdir(tmp_path)
    snippets = recipes()
    assert len(snippets) == 6
    namespace: dict = {}
    for snippet in snippets:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(snippet, namespace)
        assert printed.getvalue().strip(), snippet
        assert "Empty DataFrame" not in printed.getvalue(), snippet


@pytest.mark.parametrize(
    "missing, args, extra",
    [
        ("networkx", ["graph", "{out}"], "gov-extract[graph]"),
        (
            "distributed",
            ["run", "{raw}", "--out", "{tmp}", "--engine", "dask"],
            "gov-extract[dask]",
        ),
    ],
)
def test_a_missing_optional_part_names_its_extra(
    app, sample_run, tmp_path: Path, monkeypatch, missing: str, args: list[str], extra: str
) -> None:
    import sys

    _, out, _ = sample_run
    monkeypatch.setitem(sys.modules, missing, None)  # import of it raises ImportError
    monkeypatch.delitem(sys.modules, "gov_extract.views.graph", raising=False)
    filled = [a.format(out=out, raw=ROOT / "data" / "raw", tmp=tmp_path / "out") for a in args]
    result = invoke(app, *filled)
    assert result.exit_code == 2, result.output
    assert f"pip install '{extra}'" in result.output
