"""Every table of a ChiBo database, in creation order: the one place that knows all capabilities' tables, and that
hands them with the migrations to models.core.database (install_schema: every entry point calls it first).

The capabilities' table modules load only when all the tables are wanted (a new file is created, `ALL_TABLES` is
read) or when a capability is used: an up-to-date data file opens, and its roster shows, without them (start-up)."""

from __future__ import annotations

from functools import cache

import models.live_count  # noqa: F401  # registers the recount every reader of a round's result goes through
from models.core.database import use_schema
from models.core.tables import BaseModel, Branch, Meta
from models.roster.tables import Member, MemberEvent, Rating


@cache
def all_tables() -> tuple[type[BaseModel], ...]:
    from models.admission.tables import ADMISSION_TABLES
    from models.congress.tables import CONGRESS_TABLES
    from models.live_count.tables import BALLOT_TABLES
    from models.meetings.tables import MEETING_TABLES
    from models.office.committee_tables import COMMITTEE_TABLES
    from models.roster.standing_tables import STANDING_TABLES

    return (
        Meta,
        Branch,
        Member,
        MemberEvent,
        Rating,
        *CONGRESS_TABLES,
        *BALLOT_TABLES,
        *STANDING_TABLES,
        *COMMITTEE_TABLES,
        *MEETING_TABLES,
        *ADMISSION_TABLES,
    )


def __getattr__(name: str):
    if name == "ALL_TABLES":  # `from models.schema import ALL_TABLES`: every table, loaded then
        return list(all_tables())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def install_schema() -> None:
    """Let models.core.database create and migrate data files with every capability's tables (idempotent)."""
    use_schema(all_tables, _migrations)


def _migrations() -> dict:
    """models.migrations, loaded when a file is migrated: its schema migrator imports the PostgreSQL driver, which
    a data file's first paint does without."""
    from models.migrations import MIGRATIONS

    return MIGRATIONS
