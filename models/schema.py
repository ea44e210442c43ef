"""Every table of a ChiBo database, in creation order: the one place that knows all capabilities' tables."""

from __future__ import annotations

from models.ballots.tables import BALLOT_TABLES
from models.congress.tables import CONGRESS_TABLES
from models.core.tables import BaseModel, Branch, Meta
from models.office.committee_tables import COMMITTEE_TABLES
from models.roster.standing_tables import STANDING_TABLES
from models.roster.tables import Member, MemberEvent, Rating

ALL_TABLES: list[type[BaseModel]] = [Meta, Branch, Member, MemberEvent, Rating, *CONGRESS_TABLES, *BALLOT_TABLES,
                                     *STANDING_TABLES, *COMMITTEE_TABLES]  # fmt: skip
