"""A document and its rows written by hand, so that the views are tested without a run
and without Natasha: each mark, post, event and participant is placed by the words it
covers in a text written for these tests."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from gov_extract.store.schema import TABLES
from gov_extract.views.document import DocumentView

DOC = "d0"
TEXT = (
    "Губернатор Тверской области Иван Петров встретился с делегацией Минфина России в Твери.\n"
    "Стороны обсудили вопросы строительства дорог и подписали соглашение о сотрудничестве.\n"
    "Соглашение о поставках зерна было подписано вчера.\n"
    "Губернатор посетит Ржев в марте."
)


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    empty = TABLES[name].empty_table().to_pandas()
    return pd.DataFrame(rows, columns=empty.columns) if rows else empty


def _mention(n: int, type: str, words: str, normal: str) -> dict:
    start, end = span(words)
    return {"doc_id": DOC, "mention_id": f"{DOC}-m{n}", "type": type, "text": words,
            "normal": normal, "start": start, "end": end, "sent_idx": 0,
            "entity_id": f"ent-{normal}"}  # fmt: skip


def _event(n: int, type: str, trigger: str, evidence: str, **facts) -> dict:
    start, end = span(evidence)
    sentence = next(line for line in TEXT.splitlines() if evidence in line)
    return {"event_id": f"{DOC}-e{n}", "doc_id": DOC, "type": type, "trigger": trigger,
            "start": start, "end": end, "sent_idx": n, "sentence": sentence,
            "date": dt.date(2024, 3, 14), "date_source": "published", "date_precision": "day",
            "location": None, "loc_entity_id": None, "modality": "asserted", "topic": None,
            "cameo": "040", "rule": f"{type}.handmade", **facts}  # fmt: skip


def _participant(event: int, role: str, name: str, type: str, words: str, via: str = "name",
                 position: str | None = None) -> dict:  # fmt: skip
    start, end = span(words)
    return {"event_id": f"{DOC}-e{event}", "doc_id": DOC, "role": role, "name": name,
            "entity_id": f"ent-{name}" if type != "GROUP" else None, "type": type,
            "position": position, "start": start, "end": end, "via": via}  # fmt: skip


def view() -> DocumentView:
    document = pd.Series({
        "doc_id": DOC, "source": "tver/handmade.txt", "record": None, "format": "txt",
        "url": None, "title": "Губернатор Тверской области встретился с делегацией",
        "published_at": pd.Timestamp("2024-03-15 09:30"), "text": TEXT, "lemma_text": "",
        "n_sentences": 4, "n_tokens": 50, "status": "ok", "error": None,
        "content_sha256": "", "pipeline_version": "test", "processed_at": None, "warning": None,
    })  # fmt: skip
    mentions = [
        _mention(0, "LOC", "Тверской области", "Тверская область"),
        _mention(1, "PER", "Иван Петров", "Иван Петров"),
        _mention(2, "ORG", "Минфина России", "Минфин России"),
        _mention(3, "LOC", "России", "Россия"),
        _mention(4, "LOC", "Твери", "Тверь"),
        _mention(5, "LOC", "Ржев", "Ржев"),
    ]
    p_start, _ = span("Губернатор Тверской области")
    _, p_end = span("Иван Петров")
    positions = [{
        "doc_id": DOC, "person_entity_id": "ent-Иван Петров", "person": "Иван Петров",
        "position": "губернатор Тверской области", "title": "губернатор",
        "position_text": "Губернатор Тверской области", "org_entity_id": None,
        "organization": None, "loc_entity_id": "ent-Тверская область",
        "location": "Тверская область", "where_source": "stated", "rule": "post.before_name",
        "sent_idx": 0, "start": p_start, "end": p_end,
    }]  # fmt: skip
    events = [
        _event(0, "meeting", "встретился", "Иван Петров встретился с делегацией Минфина России в Твери",
               location="Тверь", topic=None),
        _event(1, "agreement", "подписали соглашение", "подписали соглашение о сотрудничестве",
               topic="о сотрудничестве", cameo="057", date_source="text"),
        _event(2, "agreement", "соглашение подписано", "Соглашение о поставках зерна было подписано",
               topic="о поставках зерна", cameo="057", date=dt.date(2024, 3, 14), date_source="text"),
        _event(3, "visit", "посетит", "Губернатор посетит Ржев в марте", modality="planned",
               location="Ржев", cameo="036", date=dt.date(2024, 3, 1), date_source="text",
               date_precision="month"),
    ]  # fmt: skip
    participants = [
        _participant(0, "participant", "Иван Петров", "PER", "Иван Петров",
                     position="губернатор Тверской области"),
        _participant(0, "participant", "Минфин России", "ORG", "Минфина России"),
        # `Стороны` and `Губернатор` stand for those named before: the rows point there.
        _participant(1, "party", "Минфин России", "ORG", "Минфина России", via="implicit"),
        _participant(3, "visitor", "Иван Петров", "PER", "Иван Петров", via="post"),
        _participant(3, "destination", "Ржев", "LOC", "Ржев"),
    ]  # fmt: skip
    return DocumentView(
        document,
        _frame("mentions", mentions),
        _frame("positions", positions),
        _frame("events", events),
        _frame("event_participants", participants),
    )
