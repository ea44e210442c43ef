"""The committee's figures counted by the database: grouped queries over the members, their status spans
(models.roster.standing_tables), events and ratings, one row per branch and group instead of one per member.

Each function answers what models.roster.statistics and models.roster.reminders compute from a branch's records,
for every chosen branch at once; the text of the records is classified once per distinct value, in Python, by the
same functions. A member counts in the branch of its record, with the events and ratings of that branch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

import peewee as pw
from peewee import SQL, fn

from models.core.tables import db
from models.roster.event_kinds import EventKind
from models.roster.member_rules import add_months, age_at
from models.roster.ratings import rating_reference_date
from models.roster.standing_store import on_roster_on
from models.roster.standing_tables import MemberStanding
from models.roster.statistics import MOVEMENT_ROWS, Profile
from models.roster.tables import Member, MemberEvent, Rating

Branches = Sequence[int]


def _in(branch_ids: Branches) -> pw.Expression:
    return Member.branch.in_(list(branch_ids))


def _rows(query: pw.Select) -> list[tuple]:
    """The query's rows as the driver gives them (peewee's row wrapping costs more than the counting)."""
    return db.execute_sql(*query.sql()).fetchall()


def _grouped(count: int) -> SQL:
    """GROUP BY the first `count` selected columns by position (a CASE with parameters cannot be repeated)."""
    return SQL(", ".join(str(i) for i in range(1, count + 1)))


def _standing_on(day) -> pw.Expression:
    return (MemberStanding.member == Member.id) & on_roster_on(day)


def oldest_birth_within(age: int, on: date) -> date:
    """The day before the earliest birth date of someone at most `age` years old on `on`: born after it, the
    member's age (models.roster.member_rules.age_at) is `age` or less."""
    day = date(on.year - age - 1, on.month, min(on.day, 28))
    while age_at(day + timedelta(days=1), on) > age:
        day += timedelta(days=1)
    while age_at(day, on) <= age:
        day -= timedelta(days=1)
    return day


def profiles_query(on: date, bounds: Sequence[int], branch_ids: Branches) -> pw.Select:
    """(branch, the profile's texts, official, age band or -1, count) of the members on the roster on `on`."""
    bounds = sorted(bounds)
    whens = [(Member.birth_date.is_null(), -1)]
    whens += [(Member.birth_date > oldest_birth_within(b, on), i) for i, b in enumerate(bounds)]
    band = pw.Case(None, whens, len(bounds))
    columns = [
        Member.branch,
        Member.gender,
        Member.ethnicity,
        Member.religion,
        Member.education,
        Member.qualification,
        Member.theory,
        MemberStanding.official,
        band,
    ]
    return (
        Member.select(*columns, fn.COUNT(SQL("*")))
        .join(MemberStanding, on=_standing_on(on))
        .where(_in(branch_ids))
        .group_by(_grouped(len(columns)))
        .tuples()
    )


def roster_profiles(on: date, bounds: Sequence[int], branch_ids: Branches) -> dict[int, Counter]:
    """branch id -> the counted profiles (models.roster.statistics.Profile) of its members on the roster on `on`."""
    out: dict[int, Counter] = {b: Counter() for b in branch_ids}
    for branch, gender, ethnicity, religion, education, qualification, theory, official, group, n in _rows(
        profiles_query(on, bounds, branch_ids)
    ):
        profile = Profile(
            gender, ethnicity, religion, education, qualification, theory, bool(official), None if group < 0 else group
        )
        out[branch][profile] += n
    return out


def _live(event: type[MemberEvent] = MemberEvent) -> pw.Expression:
    return event.replaced_by.is_null() & event.voided_at.is_null()


def movement_counts(start: date, end: date, branch_ids: Branches) -> dict[int, dict[EventKind, int]]:
    """branch id -> members with each kind of event in [start, end] (models.roster.statistics.movement_counts)."""
    kinds = [str(kind) for kind, _ in MOVEMENT_ROWS]
    out: dict[int, dict[EventKind, int]] = {b: {} for b in branch_ids}
    query = (
        MemberEvent.select(Member.branch, MemberEvent.kind, fn.COUNT(MemberEvent.member.distinct()))
        .join(Member, on=(Member.id == MemberEvent.member) & (Member.branch == MemberEvent.branch))
        .where(_in(branch_ids) & _live() & MemberEvent.date.between(start, end) & MemberEvent.kind.in_(kinds))
        .group_by(_grouped(2))
    )
    for branch, kind, n in _rows(query):
        out[branch][EventKind(kind)] = n
    # Records entered without their admission or recognition event count by the record's date, when the member was
    # on the roster that day.
    for kind, day in ((EventKind.ADMITTED, Member.admission_date), (EventKind.RECOGNISED, Member.official_date)):
        recorded = MemberEvent.select(SQL("1")).where(
            (MemberEvent.member == Member.id)
            & (MemberEvent.branch == Member.branch)
            & (MemberEvent.kind == str(kind))
            & _live()
        )
        counted = (
            Member.select(Member.branch, fn.COUNT(SQL("*")))
            .join(MemberStanding, on=_standing_on(day))
            .where(_in(branch_ids) & day.between(start, end) & ~fn.EXISTS(recorded))
            .group_by(_grouped(1))
        )
        for branch, n in _rows(counted):
            out[branch][kind] = out[branch].get(kind, 0) + n
    return out


def _rated(year: int) -> pw.ColumnBase:
    return fn.EXISTS(
        Rating.select(SQL("1")).where(
            (Rating.member == Member.id) & (Rating.branch == Member.branch) & (Rating.year == year)
        )
    )


def rating_counts(year: int, branch_ids: Branches) -> dict[int, tuple[dict[str, int], int, int]]:
    """branch id -> (members rated at each level, rateable members not rated, members on the roster on 31/12 not
    rateable): the figures of models.roster.statistics.rating_section."""
    levels: dict[int, dict[str, int]] = {b: {} for b in branch_ids}
    query = (
        Rating.select(Member.branch, Rating.level, fn.COUNT(SQL("*")))
        .join(Member, on=(Member.id == Rating.member) & (Member.branch == Rating.branch))
        .where(_in(branch_ids) & (Rating.year == year))
        .group_by(_grouped(2))
    )
    for branch, level, n in _rows(query):
        levels[branch][level] = n
    unrated = {b: [0, 0] for b in branch_ids}
    members = (
        Member.select(Member.branch, MemberStanding.exempted, fn.COUNT(SQL("*")))
        .join(MemberStanding, on=_standing_on(rating_reference_date(year)))
        .where(_in(branch_ids) & ~_rated(year))
        .group_by(_grouped(2))
    )
    for branch, exempted, n in _rows(members):
        unrated[branch][1 if exempted else 0] += n
    return {b: (levels[b], unrated[b][0], unrated[b][1]) for b in branch_ids}


def _ids(query) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for branch, member_id in _rows(query):
        out.setdefault(branch, []).append(member_id)
    return out


def recognition_candidates(on: date, branch_ids: Branches) -> dict[int, list[int]]:
    """branch id -> ids of the members probationary on the roster on `on` (whose recognition may be due)."""
    return _ids(
        Member.select(Member.branch, Member.id)
        .join(MemberStanding, on=_standing_on(on))
        .where(_in(branch_ids) & ~MemberStanding.official)
    )


def badge_candidates(award_date: date, branch_ids: Branches) -> dict[int, list[int]]:
    """branch id -> ids of the members official on the roster on the award day admitted early enough for the first
    milestone (30 years; a year of margin) or with no admission date on the record."""
    latest = add_months(award_date, -12 * 29)
    early = Member.admission_date.is_null() | (Member.admission_date <= latest)
    return _ids(
        Member.select(Member.branch, Member.id)
        .join(MemberStanding, on=_standing_on(award_date))
        .where(_in(branch_ids) & MemberStanding.official & early)
    )


def unrated_members(year: int, branch_ids: Branches) -> dict[int, list[int]]:
    """branch id -> ids of the members rateable for `year` (on the roster and not exempted on its reference date,
    models.roster.ratings.rating_reference_date) without a rating for `year`."""
    return _ids(
        Member.select(Member.branch, Member.id)
        .join(MemberStanding, on=_standing_on(rating_reference_date(year)))
        .where(_in(branch_ids) & ~MemberStanding.exempted & ~_rated(year))
    )
