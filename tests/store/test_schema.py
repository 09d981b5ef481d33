"""The Arrow schemas in code, the documented schema and the written tables agree."""

import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, shared_path

from gov_extract.store.schema import TABLES, SchemaError, to_table

DOC = ROOT / "docs" / "schema.md"
TYPES = {
    "string": pa.string(),
    "int32": pa.int32(),
    "date32": pa.date32(),
    "timestamp[us]": pa.timestamp("us"),
    "timestamp[us, UTC]": pa.timestamp("us", tz="UTC"),
    "list<string>": pa.list_(pa.string()),
}


def documented() -> dict[str, list[tuple[str, pa.DataType, bool]]]:
    tables: dict[str, list[tuple[str, pa.DataType, bool]]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            # Only `## <table> — …` sections document a table; other sections end it.
            heading = re.match(r"^## (\w+) — ", line)
            current = tables.setdefault(heading.group(1), []) if heading else None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if (
            current is None
            or len(cells) < 3
            or cells[0] in ("column", "")
            or set(cells[0]) <= {"-"}
        ):
            continue
        type_text = cells[1].replace(", *null*", "")
        for column in cells[0].split(", "):
            current.append((column, TYPES[type_text], "*null*" in cells[1]))
    return tables


def test_documented_schema_equals_code() -> None:
    doc = documented()
    assert list(doc) == list(TABLES)
    for name, schema in TABLES.items():
        assert doc[name] == [(f.name, f.type, f.nullable) for f in schema], name


def test_written_tables_have_the_contract_schema(sample_run) -> None:
    _, out, _ = sample_run
    for name, schema in TABLES.items():
        files = sorted((out / name).glob("*.parquet"))
        assert files, name
        assert not [p for p in (out / name).iterdir() if not p.name.endswith(".parquet")]
        for file in files:
            assert pq.read_schema(file).remove_metadata().equals(schema), (name, file)


def test_null_in_a_required_column_is_refused() -> None:
    with pytest.raises(SchemaError, match="entity_id"):
        to_table(
            "mentions",
            [{"doc_id": "d", "mention_id": "m", "type": "PER", "text": "А", "normal": "А",
              "start": 0, "end": 1, "sent_idx": 0, "entity_id": None}],
        )  # fmt: skip


def test_every_column_of_the_shared_contract_is_written_with_its_nullability() -> None:
    """`../shared/CONTRACT.md` is what researchers were promised; the project may add
    columns, never drop or rename one."""
    contract = shared_path("CONTRACT.md")
    tables: dict[str, dict[str, bool]] = {}
    current = None
    for line in contract.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (\w+) — ", line)
        if line.startswith("## "):
            current = tables.setdefault(heading.group(1), {}) if heading else None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if current is None or len(cells) < 3 or cells[0] in ("column", "") or "-" in cells[0]:
            continue
        for column in cells[0].split(", "):
            current[column] = "null" in cells[1]
    assert set(tables) == set(TABLES)
    assert "via" in tables["event_participants"]  # version 2
    for name, columns in tables.items():
        fields = {f.name: f.nullable for f in TABLES[name]}
        for column, nullable in columns.items():
            assert column in fields, (name, column)
            assert fields[column] == nullable, (name, column)
