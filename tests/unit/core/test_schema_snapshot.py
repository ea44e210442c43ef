"""The tables' columns are pinned per schema version: changing a column without a migration fails here.

After a deliberate change: bump SCHEMA_VERSION, add the step to models.migrations, and write the new snapshot with
`python -m tests.unit.core.test_schema_snapshot` (it prints the JSON to save as tests/fixtures/schema-vN.json).
"""

from __future__ import annotations

import json
from pathlib import Path

import peewee as pw

from models.core.database import SCHEMA_VERSION
from models.roster.fields import MEMBER_FIELDS
from models.roster.tables import Member
from models.schema import ALL_TABLES

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def current_schema() -> dict:
    tables = {}
    for model in ALL_TABLES:
        meta = model._meta
        columns = {
            field.column_name: {
                "type": field.field_type,
                "null": field.null,
                "unique": field.unique,
                "index": field.index,
                "references": field.rel_model._meta.table_name if hasattr(field, "rel_model") else None,
            }
            for field in meta.sorted_fields
        }
        indexes = sorted(_index_text(index) for index in meta.indexes)
        tables[meta.table_name] = {"columns": columns, "indexes": indexes}
    return tables


def _index_text(index) -> str:
    if isinstance(index, tuple):  # ((field names), unique)
        fields, unique = index
        return f"{'unique ' if unique else ''}({', '.join(fields)})"
    sql, params = pw.SqliteDatabase(":memory:").get_sql_context().sql(index).query()
    return f"{sql} {params}"


def test_columns_match_the_snapshot_of_this_schema_version():
    snapshot = FIXTURES / f"schema-v{SCHEMA_VERSION}.json"
    assert snapshot.exists(), f"no snapshot for schema version {SCHEMA_VERSION}: write {snapshot.name}"
    assert current_schema() == json.loads(snapshot.read_text(encoding="utf-8")), (
        "a table changed without a new schema version: bump SCHEMA_VERSION, add a migration, write a snapshot"
    )


def test_member_columns_are_the_record_fields():
    record_columns = [f.name for f in Member._meta.sorted_fields if f.name not in ("id", "branch")]
    assert record_columns == [spec.key for spec in MEMBER_FIELDS] + [
        "year_only_dates",
        "created_at",
        "updated_at",
        "updated_by",
        "version",
        "name_sort",
    ]


if __name__ == "__main__":
    print(json.dumps(current_schema(), ensure_ascii=False, indent=1, sort_keys=True))
