"""Runs over documents built by hand, as `pipeline.run` stashes and publishes them:
no model and no input files (tests/store, tests/eval)."""

from __future__ import annotations

from pathlib import Path

from gov_extract.link.entities import read_names
from gov_extract.publish import publish
from gov_extract.records import Doc, Mention
from gov_extract.store.state import Annotated, State, pickled
from gov_extract.store.tables import document_row

VERSION = "test"


def doc_by_hand(doc_id: str, *mentions: tuple[str, str], short_names: dict[str, str] | None = None) -> Doc:
    text = " ".join(normal for _, normal in mentions)
    doc = Doc(doc_id, f"{doc_id}.txt", None, "txt", f"sha-{text}", text=text)
    at = 0
    for type, normal in mentions:
        doc.mentions.append(Mention(at, at + len(normal), type, normal, 0, normal=normal))
        at += len(normal) + 1
    doc.short_names = short_names or {}
    read_names(doc)
    return doc


def annotated(doc: Doc, ordinal: int = 0) -> Annotated:
    return Annotated(
        doc.doc_id, doc.source, None, ordinal, doc.content_sha256, "ok", None, False, (),
        pickled(doc), pickled(document_row(doc, VERSION)), {},
    )  # fmt: skip


def run_stored(out: Path, *docs: Doc, removed: tuple[str, ...] = (), relink: bool = False) -> None:
    with State(out) as state:
        if docs:
            state.stash([annotated(doc, i) for i, doc in enumerate(docs)], VERSION)
        if removed:
            state.remove(removed)
        publish(out, state, relink)
