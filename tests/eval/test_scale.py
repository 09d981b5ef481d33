"""The archives `make bench-scale` measures a night against are what runs over that
many documents would store: copies of a base run, each with its own ids, that later
runs continue."""

from __future__ import annotations

from pathlib import Path

from conftest import tables
from gov_extract_eval.scale import build
from stored import doc_by_hand, run_stored


def test_an_archive_is_copies_of_the_base_with_their_own_ids(tmp_path: Path) -> None:
    base, archive = tmp_path / "base", tmp_path / "archive"
    run_stored(
        base,
        doc_by_hand("a", ("PER", "Иван Петров"), ("ORG", "Минфин России")),
        doc_by_hand("b", ("PER", "Иван Петров")),
    )
    assert build(base, tmp_path / "in", 6, archive)["documents"] == 6
    t = tables(archive)
    assert t["documents"].doc_id.is_unique and len(t["documents"]) == 6
    assert t["mentions"].mention_id.is_unique and len(t["mentions"]) == 9
    assert set(t["mentions"].doc_id) == set(t["documents"].doc_id)
    petrov = t["entities"].set_index("name").loc["Иван Петров"]
    assert (petrov.n_mentions, petrov.n_docs) == (6, 6)
    # A run goes on from the archive as from its own output.
    run_stored(archive, doc_by_hand("c", ("PER", "Иван Петров")))
    t = tables(archive)
    assert len(t["documents"]) == 7
    assert t["entities"].set_index("name").loc["Иван Петров"].n_mentions == 7
