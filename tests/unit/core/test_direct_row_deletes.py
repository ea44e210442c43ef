"""`delete_rows` deletes directly on a data file and for a server account holding DELETE (the owner, a server never
set up for an office); the set-up server's accounts go through its delete functions (tests/unit/office)."""

from __future__ import annotations

from models.core.row_deletes import delete_rows
from models.core.tables import Meta


def test_delete_rows_deletes_exactly_the_matching_rows_and_counts_them(data_file):
    Meta.insert_many([("probe_1", "a"), ("probe_2", "b"), ("kept", "c")], fields=[Meta.key, Meta.value]).execute()
    assert delete_rows(Meta, Meta.key.startswith("probe_")) == 2
    assert delete_rows(Meta, Meta.key == "probe_1") == 0
    assert Meta.get(Meta.key == "kept").value == "c"
    assert not Meta.select().where(Meta.key.startswith("probe_")).exists()
