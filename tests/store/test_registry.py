"""Incremental linking and publishing (`link.registry`, `publish`) on documents
built by hand: no model, no input files. A run is a stash of annotated documents and a
publish, as `pipeline.run` does them."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from stored import doc_by_hand, run_stored

from gov_extract.publish import compact, publish
from gov_extract.records import Doc, Event, Participant
from gov_extract.store.state import State
from gov_extract.store.write import current_folder, parts


def _table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(out / name)


def _entity_of(out: Path, doc_id: str, normal: str) -> str:
    mentions = _table(out, "mentions")
    [entity_id] = mentions[(mentions.doc_id == doc_id) & (mentions.normal == normal)].entity_id
    return entity_id


def _entities(out: Path) -> pd.DataFrame:
    return _table(out, "entities").set_index("entity_id")


def test_ids_stay_when_documents_are_added(tmp_path: Path) -> None:
    run_stored(tmp_path, doc_by_hand("a", ("PER", "Иван Петров"), ("ORG", "Минфин России")))
    before = _table(tmp_path, "mentions").set_index("mention_id").entity_id
    run_stored(tmp_path, doc_by_hand("b", ("PER", "Иван Петров"), ("PER", "Анна Котова")))
    after = _table(tmp_path, "mentions").set_index("mention_id").entity_id
    assert after[before.index].equals(before)
    entities = _entities(tmp_path)
    petrov = entities.loc[_entity_of(tmp_path, "b", "Иван Петров")]
    assert (petrov["n_mentions"], petrov["n_docs"]) == (2, 2)
    assert len(entities) == 3
    assert entities.merged_into.isna().all()


def test_surname_alone_is_merged_into_the_full_name_that_comes_later(tmp_path: Path) -> None:
    run_stored(tmp_path, doc_by_hand("a", ("PER", "Петров")))
    alone = _entity_of(tmp_path, "a", "Петров")
    run_stored(tmp_path, doc_by_hand("b", ("PER", "Иван Петров"), ("PER", "Петров")))
    full = _entity_of(tmp_path, "b", "Иван Петров")
    # The new release's surname joins the full name at once; the old one keeps its id,
    # and its entity says whom it stands for now.
    assert _entity_of(tmp_path, "b", "Петров") == full
    assert _entity_of(tmp_path, "a", "Петров") == alone
    assert _entities(tmp_path).loc[alone, "merged_into"] == full
    # A second Петров named in full: the surname alone stands for neither any more.
    run_stored(tmp_path, doc_by_hand("c", ("PER", "Олег Петров")))
    assert pd.isna(_entities(tmp_path).loc[alone, "merged_into"])


def test_surname_in_an_earlier_chunk_of_one_publish_finds_the_full_name(tmp_path: Path) -> None:
    # One publish links in chunks; what the whole publish names in full counts for each.
    run_stored(tmp_path, doc_by_hand("a", ("PER", "Котова")), doc_by_hand("b", ("PER", "Анна Котова")))
    assert _entity_of(tmp_path, "a", "Котова") == _entity_of(tmp_path, "b", "Анна Котова")


def test_abbreviation_defined_in_an_earlierrun_stored(tmp_path: Path) -> None:
    full = "Департамент транспорта и дорожного хозяйства"
    run_stored(tmp_path, doc_by_hand("a", ("ORG", full), ("ORG", "ДТДХ"), short_names={"ДТДХ": full}))
    run_stored(tmp_path, doc_by_hand("b", ("ORG", "ДТДХ")))
    assert _entity_of(tmp_path, "b", "ДТДХ") == _entity_of(tmp_path, "a", full)


def test_changed_and_removed_documents_leave_the_counts(tmp_path: Path) -> None:
    run_stored(tmp_path, doc_by_hand("a", ("PER", "Иван Петров")), doc_by_hand("b", ("PER", "Иван Петров")))
    petrov = _entity_of(tmp_path, "a", "Иван Петров")
    run_stored(tmp_path, doc_by_hand("b", ("PER", "Анна Котова")))
    assert _entities(tmp_path).loc[petrov, "n_docs"] == 1
    run_stored(tmp_path, removed=("a",))
    entities = _entities(tmp_path)
    assert petrov not in entities.index
    assert list(entities.name) == ["Анна Котова"]
    assert set(_table(tmp_path, "documents").doc_id) == {"b"}


def test_a_night_writes_only_the_parts_it_changes(tmp_path: Path) -> None:
    run_stored(tmp_path, doc_by_hand("a", ("PER", "Иван Петров")))
    run_stored(tmp_path, doc_by_hand("b", ("PER", "Анна Котова")))
    mentions = current_folder(tmp_path, "mentions")
    first, second = parts(mentions)
    inodes = {p.name: os.stat(p).st_ino for p in (first, second)}
    run_stored(tmp_path, doc_by_hand("c", ("PER", "Олег Сидоров")))
    # Earlier parts are the same files, hard-linked into the new version.
    assert {p.name: os.stat(p).st_ino for p in parts(mentions)[:2]} == inodes
    run_stored(tmp_path, doc_by_hand("b", ("PER", "Анна Котова"), ("LOC", "Тула")))
    now = {p.name: os.stat(p).st_ino for p in parts(mentions)}
    assert now[first.name] == inodes[first.name]
    assert second.name not in now  # it held only b, which moved to a new part
    assert len(_table(tmp_path, "mentions")) == 4


def test_incremental_runs_and_a_relink_agree(tmp_path: Path) -> None:
    docs = [
        doc_by_hand("a", ("PER", "Сидоров"), ("ORG", "ДТДХ")),
        doc_by_hand("b", ("PER", "Олег Сидоров"), ("ORG", "Департамент транспорта"),
             short_names={"ДТДХ": "Департамент транспорта"}),
        doc_by_hand("c", ("PER", "Сидоров"), ("PER", "Анна Котова"), ("LOC", "Тула")),
    ]  # fmt: skip
    for doc in docs:
        run_stored(tmp_path / "nightly", doc)
    run_stored(tmp_path / "once", *docs)
    run_stored(tmp_path / "nightly", relink=True)
    nightly, once = tmp_path / "nightly", tmp_path / "once"
    for out in (nightly, once):
        assert _entity_of(out, "a", "Сидоров") == _entity_of(out, "b", "Олег Сидоров")
    columns = ["mention_id", "entity_id"]
    pd.testing.assert_frame_equal(
        _table(nightly, "mentions")[columns].sort_values("mention_id", ignore_index=True),
        _table(once, "mentions")[columns].sort_values("mention_id", ignore_index=True),
    )
    assert _entities(nightly).merged_into.isna().all()


def test_nightly_ids_resolve_to_the_relinked_ones(tmp_path: Path) -> None:
    """Without --relink, the differences are the merges, and `merged_into` resolves them."""
    docs = [doc_by_hand("a", ("PER", "Сидоров")), doc_by_hand("b", ("PER", "Олег Сидоров"))]
    for doc in docs:
        run_stored(tmp_path / "nightly", doc)
    run_stored(tmp_path / "once", *docs)
    entities = _entities(tmp_path / "nightly")
    mentions = _table(tmp_path / "nightly", "mentions")
    resolved = mentions.entity_id.replace(entities.merged_into.dropna().to_dict())
    assert list(resolved) == list(_table(tmp_path / "once", "mentions").entity_id)


def test_compact_merges_parts_and_later_runs_still_replace_rows(tmp_path: Path) -> None:
    for doc_id, name in zip("abc", ["Иван Петров", "Олег Сидоров", "Пётр Котов"], strict=True):
        run_stored(tmp_path, doc_by_hand(doc_id, ("PER", name)))
    before = _table(tmp_path, "mentions").sort_values("mention_id", ignore_index=True)
    merged = compact(tmp_path)
    assert merged["mentions"] == (3, 1)
    after = _table(tmp_path, "mentions").sort_values("mention_id", ignore_index=True)
    pd.testing.assert_frame_equal(before, after)
    run_stored(tmp_path, doc_by_hand("b", ("PER", "Анна Котова")))
    assert sorted(_table(tmp_path, "mentions").normal) == ["Анна Котова", "Иван Петров", "Пётр Котов"]


@pytest.mark.parametrize("lost", ["documents", "mentions"])
def test_a_lost_part_is_written_again_from_the_state(tmp_path: Path, lost: str) -> None:
    run_stored(tmp_path, doc_by_hand("a", ("PER", "Иван Петров")))
    run_stored(tmp_path, doc_by_hand("b", ("PER", "Анна Котова")))
    before = {name: len(_table(tmp_path, name)) for name in ("documents", "mentions")}
    with State(tmp_path) as state:
        state.unpublish()
        publish(tmp_path, state)
    assert {name: len(_table(tmp_path, name)) for name in before} == before


def _with_meeting(doc: Doc) -> Doc:
    """The document with a meeting of everyone it names."""
    doc.events = [
        Event("meeting", "встретились", 0, len(doc.text), 0, doc.text, "asserted", "040", "test",
              [Participant("participant", m.type, m.start, m.stop, mention=m) for m in doc.mentions])
    ]  # fmt: skip
    return doc


def test_rows_written_before_take_an_entitys_new_name(tmp_path: Path) -> None:
    run_stored(tmp_path, _with_meeting(doc_by_hand("a", ("PER", "Иван Петров"))))
    assert list(_table(tmp_path, "event_participants").name) == ["Иван Петров"]
    def first_part(name: str) -> int:
        return os.stat(parts(current_folder(tmp_path, name))[0]).st_ino

    before = {name: first_part(name) for name in ("mentions", "event_participants")}
    run_stored(tmp_path, doc_by_hand("b", ("PER", "Иван Сергеевич Петров")))
    assert list(_table(tmp_path, "event_participants").name) == ["Иван Сергеевич Петров"]
    # Only the parts that name the entity are written again.
    assert first_part("mentions") == before["mentions"]
    assert first_part("event_participants") != before["event_participants"]
