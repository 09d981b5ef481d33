"""`show --html`: one document as a standalone HTML page, nothing loaded from elsewhere.

Each mark of the text is a frame with its label at its start, an outer frame wider
than the frames within it, so that nested spans (`[post: заместитель губернатора
[body: Правительства [place: Севастополя]]]`) show where each starts and ends; a
trigger links to its event's card and the card back to it; hovering a mark shows
what it was read as (the normal form, the post, the event). Labels are CSS, not
text: the page's text is the document's text, character for character.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from gov_extract.views.document import (
    LEGEND,
    DocumentView,
    Open,
    date_how,
    depths,
    marks,
    nested,
    text_of,
    via_note,
)

# The class of the element that holds the document when it is not a page of its own.
SCOPE = "gov-extract"
# Frames nested deeper than this are drawn as wide as this.
MAX_DEPTH = 3

CSS = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 62em; margin: 2em auto; padding: 0 1em; color: #222; }
.meta, .problem { color: #555; font-size: 0.9em; }
.problem { color: #a60; }
.text { white-space: pre-wrap; border: 1px solid #ddd; border-radius: 4px; padding: 1em; line-height: 2.9; }
.m { border: 1px solid; border-radius: 0.4em; padding: 0.1em 0.15em; margin: 0 0.05em;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.m.d1 { padding-block: 0.3em; } .m.d2 { padding-block: 0.5em; } .m.d3 { padding-block: 0.7em; }
.m:hover { outline: 2px solid #333; }
.legend .m, .legend time { margin-right: 0.8em; }
.labelled::before { content: attr(data-label); font-size: 0.62em; font-weight: 600;
  letter-spacing: 0.02em; margin-right: 0.3em; vertical-align: 0.15em; color: #333; }
.PER { background: #e4dfff; border-color: #8f7ef5; }
.ORG { background: #d7f7f7; border-color: #3fc7c7; }
.LOC { background: #ffe3d3; border-color: #ff8040; }
.post { background: #f4f5ea; border: 1px dashed #777; }
a.trigger { color: #b00; font-weight: bold; text-decoration: underline; border-color: #b00; background: #fff3f3; }
a.trigger.labelled::before { color: #b00; }
time.date { background: #fff3a8; border-radius: 0.3em; padding: 0 0.2em; }
h2 { margin-top: 1.5em; }
table { border-collapse: collapse; margin: 0.3em 0 0.8em; font-size: 0.95em; }
th, td { border: 1px solid #ddd; padding: 0.15em 0.5em; text-align: left; vertical-align: top; }
th { background: #f6f6f6; font-weight: 600; }
article.event { border-left: 4px solid #b00; padding-left: 0.8em; margin: 1em 0; }
article.event:target { background: #fff3f3; }
article.event h3 { margin: 0.2em 0; font-size: 1.05em; }
article.event h3 a { color: #b00; }
table.card { width: 100%; }
table.card th { width: 6em; }
table.card td.sentence { color: #444; font-style: italic; }
.via { color: #666; font-size: 0.9em; }
"""


def render_html(view: DocumentView, standalone: bool = True) -> str:
    """A standalone HTML5 page of the document, nothing loaded from elsewhere; or
    (`standalone=False`) the same as one element, its style confined to it, for a
    page that holds other things (Jupyter's `_repr_html_`)."""
    doc = view.document
    title = escape(doc.title if pd.notna(doc.title) else doc.source)
    body = [f"<h1>{title}</h1>", f'<p class="meta">{_meta(doc)}</p>']
    body += [f'<p class="problem">{escape(p)}</p>' for p in (doc.error, doc.warning) if pd.notna(p)]
    body += [_legend(), f'<div class="text">{_text(view)}</div>']
    body += [_posts(view), f"<h2>Events ({len(view.events)})</h2>"]
    body += [_event_card(view, event) for event in view.events.itertuples()]
    if not standalone:
        return (
            f'<div class="{SCOPE}" lang="ru">\n<style>{_scoped(CSS)}</style>\n'
            + "\n".join(body)
            + "\n</div>\n"
        )
    return (
        '<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _scoped(css: str) -> str:
    """Each rule of the page's style applied within the element only: `body` becomes
    the element, every other selector one inside it."""
    rules = []
    for rule in css.split("}"):
        if "{" not in rule:
            continue
        selectors, declarations = rule.split("{", 1)
        scoped = [
            f".{SCOPE}" if selector.strip() == "body" else f".{SCOPE} {selector.strip()}"
            for selector in selectors.split(",")
        ]
        rules.append(f"{', '.join(scoped)} {{{declarations}}}")
    return "\n".join(rules)


def _meta(doc: pd.Series) -> str:
    items = [doc.doc_id, doc.source + (f" [{doc.record}]" if pd.notna(doc.record) else "")]
    items = [escape(item) for item in items]
    if pd.notna(doc.published_at):
        items.append(f"published {_date(pd.Timestamp(doc.published_at))}")
    return " · ".join([*items, escape(doc.status)])


def _date(value: object) -> str:
    """A date, highlighted; a timestamp keeps its time beside it."""
    if isinstance(value, pd.Timestamp):
        day = value.date().isoformat()
        clock = f" {value:%H:%M}" if value.time() != value.normalize().time() else ""
        return f'<time class="date" datetime="{day}">{day}</time>{clock}'
    return f'<time class="date" datetime="{value}">{value}</time>'


def _legend() -> str:
    """The terminal's legend words; a trigger's label is its event's id."""
    items = [
        f'<span class="m {kind}">{word}</span>'
        for kind, word in LEGEND.items()
        if kind != "trigger"
    ]
    items.append(f'<a class="m trigger labelled" data-label="e0">{LEGEND["trigger"]}</a>')
    items.append('<time class="date">date</time>')
    return f'<p class="legend">legend: {"".join(items)}</p>'


def _text(view: DocumentView) -> str:
    text, found = view.document.text, marks(view)
    depth = depths(text, found)
    html = []
    for item in nested(text, found):
        if isinstance(item, str):
            html.append(escape(item))
        elif isinstance(item, Open):
            html.append(_open(item, min(depth[item.mark], MAX_DEPTH)))
        else:
            html.append("</a>" if item.mark.kind == "trigger" else "</span>")
    return "".join(html)


def _open(item: Open, depth: int) -> str:
    mark = item.mark
    labelled = item.first and mark.labelled
    classes = f"m {mark.kind} d{depth}" + (" labelled" if labelled else "")
    attrs = "".join(f' data-{key}="{escape(value)}"' for key, value in mark.attrs)
    attrs += f' data-label="{escape(mark.label)}"' if labelled else ""
    attrs += f' title="{escape(mark.hover)}"'
    if mark.kind != "trigger":
        return f'<span class="{classes}"{attrs}>'
    event_id = escape(dict(mark.attrs)["event-id"])
    anchor = f' id="t-{event_id}"' if labelled else ""
    return f'<a class="{classes}" href="#{event_id}"{anchor}{attrs}>'


def _posts(view: DocumentView) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.person)}</td><td>{escape(r.position)}</td>"
        f"<td>{escape(text_of(r.organization))}</td><td>{escape(text_of(r.location))}</td>"
        f"<td>{escape(text_of(r.where_source))}</td></tr>"
        for r in view.positions.itertuples()
    )
    head = (
        "<tr><th>person</th><th>post</th><th>body</th><th>place</th><th>body, place found</th></tr>"
    )
    return f"<h2>Posts ({len(view.positions)})</h2>\n<table>{head}{rows}</table>"


def _event_card(view: DocumentView, event) -> str:
    """A table: the event's facts, then a row per participant with how it was found."""
    event_id = escape(event.event_id)
    when = f"{_date(event.date)} {escape(date_how(event))}" if pd.notna(event.date) else "—"
    facts = [("date", when), ("where", escape(text_of(event.location))),
             ("about", escape(text_of(event.topic))),
             ("rule", f"{escape(event.rule)} · trigger «{escape(event.trigger)}»"),
             ("sentence", escape(event.sentence))]  # fmt: skip
    rows = [
        f'<tr><th>{key}</th><td colspan="4" class="{key}">{value}</td></tr>'
        for key, value in facts
        if value
    ]
    people = view.participants_of(event.event_id)
    rows.append(
        "<tr><th>role</th><th>name</th><th>type</th><th>post</th><th>found</th></tr>"
        if len(people)
        else '<tr><th>participants</th><td colspan="4">none found</td></tr>'
    )
    rows += [
        f'<tr class="participant" data-entity-id="{escape(text_of(p.entity_id))}" data-via="{escape(text_of(p.via))}">'
        f"<td>{escape(p.role)}</td><td>{escape(p.name)}</td><td>{escape(p.type)}</td>"
        f'<td>{escape(text_of(p.position))}</td><td class="via">{escape(_found(view, p))}</td></tr>'
        for p in people.itertuples()
    ]
    heading = (
        f'<a href="#t-{event_id}" title="the trigger in the text">{escape(view.short_id(event.event_id))}</a> '
        f"{escape(event.type)} · {escape(event.modality)} · CAMEO {escape(event.cameo)}"
    )
    return (
        f'<article class="event" id="{event_id}">\n<h3>{heading}</h3>\n'
        f'<table class="card">{"".join(rows)}</table>\n</article>'
    )


def _found(view: DocumentView, participant) -> str:
    return via_note(view, participant) or "by name"
