"""The id of a record known to be saved: records carry `id: int | None`, None while a record is not yet saved."""

from __future__ import annotations

from typing import Protocol


class _Record(Protocol):
    @property
    def id(self) -> int | None: ...


def saved_id(record: _Record) -> int:
    """`record.id`, for a record read from the database or returned by a save (a defect when it has none)."""
    if record.id is None:
        raise ValueError(f"{type(record).__name__} has not been saved")
    return record.id
