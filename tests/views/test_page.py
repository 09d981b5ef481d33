"""The HTML page of `show --html`, on the document written by hand (handmade.py): what its
elements hold, and (when Chromium is installed) what a real browser draws of them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from elements import Element, tree
from handmade import DOC, TEXT, view

from gov_extract.views.document import LEGEND
from gov_extract.views.page import render_html


@pytest.fixture(scope="module")
def page() -> Element:
    return tree(render_html(view()))


def marks_in_text(page: Element) -> list[Element]:
    return page.find_all(cls="text")[0].find_all(cls="m")


def test_the_text_is_the_documents(page: Element) -> None:
    # Labels are CSS content, so the page's text is the document's.
    assert page.find_all(cls="text")[0].text() == TEXT
    assert not [e for e in page.iter() if e.tag in ("script", "link", "img")]


def test_nested_marks_are_framed_wider_outside(page: Element) -> None:
    post = next(e for e in marks_in_text(page) if "post" in e.classes)
    place = next(e for e in post.iter() if "LOC" in e.classes)
    assert {"d1", "labelled"} <= post.classes and post.attrs["data-label"] == "post"
    assert {"d0", "labelled"} <= place.classes and place.attrs["data-label"] == "place"
    assert post.text() == "Губернатор Тверской области" and place.text() == "Тверской области"


def test_one_label_per_trigger_and_links_both_ways(page: Element) -> None:
    triggers = [a for a in marks_in_text(page) if "trigger" in a.classes]
    assert all(a.attrs["href"] == "#" + a.attrs["data-event-id"] for a in triggers)
    by_event: dict[str, list[Element]] = {}
    for a in triggers:
        by_event.setdefault(a.attrs["data-event-id"], []).append(a)
    assert [a.text() for a in by_event[f"{DOC}-e1"]] == ["подписали соглашение"]
    assert [a.text() for a in by_event[f"{DOC}-e2"]] == ["Соглашение", "подписано"]
    for event_id, parts in by_event.items():
        labelled = [a for a in parts if "labelled" in a.classes]
        assert len(labelled) == 1 and labelled[0].attrs["id"] == f"t-{event_id}"
        card = page.by_id(event_id)
        assert card.tag == "article"
        assert card.find_all("a")[0].attrs["href"] == f"#t-{event_id}"


def test_hover_tells_the_normal_form(page: Element) -> None:
    titles = {e.text(): e.attrs["title"] for e in marks_in_text(page) if "LOC" in e.classes}
    assert titles["Тверской области"] == "Тверская область" and titles["Твери"] == "Тверь"
    trigger = next(a for a in marks_in_text(page) if a.text() == "посетит")
    assert trigger.attrs["title"] == "e3 · visit · planned · 2024-03-01"


def test_event_cards_are_tables_with_how_each_participant_was_found(page: Element) -> None:
    card = page.by_id(f"{DOC}-e3")
    rows = {
        r.find_all("th")[0].text(): r.find_all("td")[0]
        for r in card.find_all("tr")
        if r.find_all("th") and r.find_all("td")
    }
    assert rows["where"].text() == "Ржев"
    assert rows["date"].text() == "2024-03-01 stated in the text, month"
    assert rows["date"].find_all("time", cls="date")[0].attrs["datetime"] == "2024-03-01"
    found = {
        r.attrs["data-via"]: r.find_all("td")[-1].text() for r in card.find_all(cls="participant")
    }
    assert found == {"post": "via post (named earlier as «Иван Петров»)", "name": "by name"}
    assert "via implicit (named earlier as «Минфина России»)" in page.by_id(f"{DOC}-e1").text()


def test_the_legend_has_the_terminals_words(page: Element) -> None:
    legend = page.find_all(cls="legend")[0].text()
    assert all(word in legend for word in LEGEND.values())


# ---------------------------------------------------------------- in a browser

# Run inside the page by the browser: how big each element is drawn, and the labels
# it draws; written into the DOM, which --dump-dom prints.
PROBE = """<script>
const all = s => [...document.querySelectorAll(s)];
const rect = e => { const r = e.getClientRects()[0]; return r && {top: r.top, bottom: r.bottom, width: r.width, lines: e.getClientRects().length}; };
document.body.dataset.probe = JSON.stringify({
  marks: all('.text .m').map(e => ({label: e.dataset.label || '', rect: rect(e),
    before: getComputedStyle(e, '::before').content,
    inner: [...e.querySelectorAll('.m')].map(rect)})),
  cards: all('article.event').map(e => ({id: e.id, rect: rect(e)})),
  dates: all('time.date').map(e => getComputedStyle(e).backgroundColor),
});
</script>"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.skip(
        "no Chromium (chromium, chromium-browser or google-chrome on PATH) to draw the page: "
        "on Debian, apt-get install chromium"
    )


def browse(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # --no-sandbox: containers and CI often run as root, where the sandbox refuses to start.
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               f"--user-data-dir={page.parent / 'profile'}", *args, page.as_uri()]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


@pytest.mark.parametrize("standalone", [True, False], ids=["page", "element"])
def test_chromium_draws_the_page(tmp_path: Path, standalone: bool) -> None:
    html = render_html(view(), standalone=standalone)
    if not standalone:  # as a notebook holds it, among other things
        html = f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>{html}</body></html>'
    page = tmp_path / "page.html"
    page.write_text(html.replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
    dom = tree(browse(page, "--dump-dom").stdout)
    probe = json.loads(dom.find_all("body")[0].attrs["data-probe"])
    assert all(m["rect"]["width"] > 0 for m in probe["marks"])
    # Each label is drawn at its span's start: in CSS content, in the legend's words.
    drawn = {m["before"].strip('"') for m in probe["marks"] if m["label"]}
    assert {"post", "place", "person", "body", "e0", "e1"} <= drawn
    # An outer frame encloses the frames within it, above and below.
    for mark in probe["marks"]:
        for inner in mark["inner"]:
            if mark["rect"]["lines"] == inner["lines"] == 1:
                assert (
                    mark["rect"]["top"] < inner["top"] and mark["rect"]["bottom"] > inner["bottom"]
                )
    assert [c["id"] for c in probe["cards"]] == [f"{DOC}-e{n}" for n in range(4)]
    assert all(c["rect"]["width"] > 300 for c in probe["cards"])
    assert probe["dates"] and all(colour != "rgba(0, 0, 0, 0)" for colour in probe["dates"])

    shot = tmp_path / "page.png"
    browse(tmp_path / "page.html", f"--screenshot={shot}", "--window-size=1000,1600")
    _looks_drawn(shot)
    if keep := os.environ.get("GOV_EXTRACT_SCREENSHOTS"):
        shutil.copy(shot, Path(keep) / f"show-{'page' if standalone else 'element'}.png")


def _looks_drawn(shot: Path) -> None:
    """The screenshot holds text, the entity colours and the red of the triggers."""
    import matplotlib.image

    pixels = matplotlib.image.imread(shot)[..., :3]
    assert pixels.shape[:2] == (1600, 1000)
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    assert ((red > 0.6) & (green < 0.15) & (blue < 0.15)).sum() > 100  # triggers
    assert ((red < 0.3) & (green < 0.3) & (blue < 0.3)).sum() > 5000  # text
    assert ((blue > 0.9) & (red < 0.9) & (green > 0.9)).sum() > 500  # bodies' cyan


def test_the_page_as_one_element_keeps_its_style_to_itself() -> None:
    fragment = tree(render_html(view(), standalone=False))
    (element,) = [c for c in fragment.children if isinstance(c, Element)]
    assert element.tag == "div" and element.classes == {"gov-extract"}
    assert not fragment.find_all("html") and not fragment.find_all("body")
    assert element.find_all(cls="text")[0].text() == TEXT
    style = element.find_all("style")[0].text()
    rules = [rule.split("{")[0].strip() for rule in style.split("}") if "{" in rule]
    assert rules and all(
        selector.strip().startswith(".gov-extract") for rule in rules for selector in rule.split(",")
    )
