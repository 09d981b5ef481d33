"""The places `link.regions` sets are written to the region columns, at the end of each
table's schema so that the columns of contract version 2 keep their order."""

from gov_extract.records import Doc, Entity, Event, Mention, Position, Where
from gov_extract.store.schema import TABLES, to_table
from gov_extract.store.tables import entity_row, event_rows, position_rows

TULA = Where("RU-TUL", "RU", "name")


def test_the_region_columns_come_last() -> None:
    # After the contract's columns; `merged_into` (incremental linking) came later still.
    assert TABLES["entities"].names[-4:] == ["region", "country", "region_source", "merged_into"]
    assert TABLES["positions"].names[-2:] == ["region", "country"]
    assert TABLES["events"].names[-4:] == ["region", "country", "origin_region", "origin_country"]


def test_entities_posts_and_events_are_written_with_their_places() -> None:
    entity = Entity("e1", "ORG", "Правительство Тульской области", where=TULA)
    person = Entity("p1", "PER", "Иван Петров")
    rows = [entity_row(entity), entity_row(person)]
    table = to_table("entities", rows)
    assert table.column("region").to_pylist() == ["RU-TUL", None]
    assert table.column("region_source").to_pylist() == ["name", None]

    doc = Doc("d", "d.txt", None, "txt", "x")
    body = Mention(0, 1, "ORG", "Правительство Тульской области", 0, entity_id="e1")
    governor = Mention(2, 3, "PER", "Иван Петров", 0, entity_id="p1")
    doc.positions = [
        Position(governor, "губернатор", "губернатор", "губернатор", 0, 1, body, None, 0, 0, 3,
                 rule="post.before_name", where=TULA)
    ]  # fmt: skip
    doc.events = [
        Event("visit", "посетил", 0, 3, 0, "…", "asserted", "042", "visit",
              where=Where("RU-TA", "RU", "name"), origin=TULA),
        Event("meeting", "встретился", 0, 3, 0, "…", "asserted", "040", "meeting"),
    ]  # fmt: skip
    names = {"e1": entity.name, "p1": person.name}
    positions = to_table("positions", list(position_rows(doc, names)))
    assert positions.column("region").to_pylist() == ["RU-TUL"]
    events = to_table("events", list(event_rows(doc, names)))
    assert events.column("region").to_pylist() == ["RU-TA", None]
    assert events.column("origin_region").to_pylist() == ["RU-TUL", None]
    assert events.column("origin_country").to_pylist() == ["RU", None]
