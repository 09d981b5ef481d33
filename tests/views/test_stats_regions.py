"""`stats` ranks the regions by the visits held there."""

from pathlib import Path

import pyarrow.parquet as pq

from gov_extract.store.schema import TABLES, to_table
from gov_extract.views.stats import stats


def _visit(index: int, region: str | None, modality: str = "asserted", type: str = "visit") -> dict:
    row = {name: None for name in TABLES["events"].names}
    row.update(
        event_id=f"d-e{index}", doc_id="d", type=type, trigger="посетил", start=0, end=1,
        sent_idx=0, sentence="…", modality=modality, cameo="042", rule="visit", region=region,
        country="RU" if region else None,
    )  # fmt: skip
    return row


def test_regions_most_visited_counts_the_visits_held(tmp_path: Path) -> None:
    events = [
        _visit(0, "RU-TUL"), _visit(1, "RU-TUL"), _visit(2, "RU-FD-SIB"), _visit(3, None),
        _visit(4, "RU-KLU", modality="planned"), _visit(5, "RU-KLU", type="meeting"),
    ]  # fmt: skip
    for name in TABLES:
        (tmp_path / name).mkdir()
        pq.write_table(
            to_table(name, events if name == "events" else []), tmp_path / name / "p.parquet"
        )
    assert stats(tmp_path)["regions_most_visited"] == [
        {"region": "RU-TUL", "name": "Тульская область", "visits": 2},
        {"region": "RU-FD-SIB", "name": "Сибирский федеральный округ", "visits": 1},
    ]
