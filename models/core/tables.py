"""Tables every capability shares: the database proxy, the file's own facts, and the branches it holds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import peewee as pw

db = pw.DatabaseProxy()


def tuple_rows(query: pw.BaseQuery) -> Iterator[tuple[Any, ...]]:
    """The rows of a query as tuples (peewee's stubs type `.tuples()` as yielding model objects)."""
    return iter(query.tuples())


def dict_rows(query: pw.BaseQuery) -> Iterator[dict[str, Any]]:
    """The rows of a query as column dicts (peewee's stubs type `.dicts()` as yielding model objects)."""
    return iter(query.dicts())


class BaseModel(pw.Model):
    # The primary key peewee adds to a table that declares none (and the `<name>_id` annotations on the tables: the
    # raw column behind a foreign key); declared for the type checker only, peewee's metaclass reads fields, not these.
    id: pw.AutoField[int]

    class Meta:
        database = db
        legacy_table_names = False


class Meta(BaseModel):
    """Key/value facts about the file itself: app id and schema version."""

    key = pw.CharField(primary_key=True, max_length=64)
    value = pw.TextField()

    class Meta:
        table_name = "chibo_meta"


class Branch(BaseModel):
    """The branch this file belongs to (a single row) and what its document headers say."""

    name = pw.TextField()  # "Chi bộ Văn phòng Sở"
    higher_committee = pw.TextField(default="")  # lines of the top-left header block, "\n"-separated
    place = pw.TextField(default="")  # place name of date lines: "Hà Nội"
    issuer_abbr = pw.TextField(default="")  # "CB" in "Số 01-BB/CB"
    secretary_name = pw.TextField(default="")  # signs documents "T/M CHI BỘ"
