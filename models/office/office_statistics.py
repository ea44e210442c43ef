"""The committee's statistics and reminders: each branch's, with the figures models.roster computes, and the
committee's total.

On a shared server the branches are those the signed-in role can see (the server's row-level security filters
what the queries return). The database does the counting: grouped queries over the members and their status
spans (models.office.office_queries), so memory holds counts, never the committee's members. The total is the
sum of the branches' sections, figure by figure; its percents are taken again of the summed bases, so they equal
the percents of one report over all the committee's members.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import peewee as pw

from models.core.branch import list_branches
from models.core.database import is_read_only
from models.core.errors import Cancelled, StorageError
from models.office import office_queries as q
from models.roster import standing_store
from models.roster.age_bands import DEFAULT_AGE_BOUNDS
from models.roster.badges import next_award_date
from models.roster.levels import percent
from models.roster.members import all_members, members_with_ids
from models.roster.rating_book import ratings_for_year
from models.roster.ratings import last_rated_year
from models.roster.records import MemberRecord
from models.roster.reminders import (
    BadgeCandidate,
    RecognitionReminder,
    badge_due_for_award_date,
    missing_ratings,
    recognition_reminders,
)
from models.roster.statistics import (
    StatRow,
    StatSection,
    branch_statistics,
    movements_from_counts,
    ratings_from_counts,
    roster_sections,
)

log = logging.getLogger(__name__)

Progress = Callable[[int, int], bool]  # (steps done, steps) -> False to stop


@dataclass(frozen=True)
class BranchStatistics:
    branch_id: int
    name: str
    sections: list[StatSection]

    def section(self, key: str) -> StatSection:
        return next(s for s in self.sections if s.key == key)


@dataclass(frozen=True)
class OfficeStatistics:
    """Every branch's report and the committee's (their sum)."""

    branches: list[BranchStatistics]
    total: list[StatSection]

    def total_section(self, key: str) -> StatSection:
        return next(s for s in self.total if s.key == key)


def sum_sections(reports: Sequence[Sequence[StatSection]]) -> list[StatSection]:
    """The report of all the members of several reports: counts and bases added, percents of the summed base.

    Reports made with the same options have the same sections; a row some reports leave out (the «Chưa rõ» rows
    appear only where a member needs them) counts 0 in those and keeps its place after the rows before it.
    """
    if not reports:
        return []
    out = []
    for index, first in enumerate(reports[0]):
        sections = [report[index] for report in reports]
        if any(s.key != first.key for s in sections):
            raise ValueError(f"reports with different sections: {[s.key for s in sections]}")
        labels: dict[str, str] = {}
        counts: dict[str, int] = {}
        for section in sections:
            for row in section.rows:
                labels.setdefault(row.key, row.label)
                counts[row.key] = counts.get(row.key, 0) + row.count
        bases = [s.base for s in sections]
        base = None if any(b is None for b in bases) else sum(b for b in bases if b is not None)
        plain = _UNPERCENTED.get(first.key, ())
        rows = tuple(
            StatRow(key, labels[key], counts[key], None if base is None or key in plain else percent(counts[key], base))
            for key in labels
        )
        out.append(StatSection(first.key, first.title, rows, base))
    return out


# Rows printed without a percent even where the section has a base (models.roster.statistics.rating_section).
_UNPERCENTED = {"ratings": ("not_rated", "not_rateable")}


def office_statistics(
    on: date,
    period: tuple[date, date],
    year: int,
    age_bounds: Sequence[int] = DEFAULT_AGE_BOUNDS,
    branch_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> OfficeStatistics:
    """Each branch's statistics report (the figures of models.roster.statistics.branch_statistics) and their sum.

    `branch_ids`: the branches to cover, in that order (None: every branch present, in creation order). The
    database counts (models.office.office_queries) after the members' status spans are brought up to date; where
    it may not write them (a file opened read-only, an account that may only read a branch), each branch is
    counted from its records instead.
    """
    chosen = _branches(branch_ids)
    ids = [branch_id for branch_id, _ in chosen]
    if not _standings_ready(ids, progress):
        return _counted_from_records(chosen, on, period, year, age_bounds, progress)
    _step(progress, 1, _STEPS)
    counted = q.roster_profiles(on, age_bounds, ids)
    _step(progress, 2, _STEPS)
    movements = q.movement_counts(*period, ids)
    _step(progress, 3, _STEPS)
    ratings = q.rating_counts(year, ids)
    _step(progress, _STEPS, _STEPS)
    reports = [
        BranchStatistics(
            branch_id,
            name,
            [
                *roster_sections(counted[branch_id], on, age_bounds),
                movements_from_counts(movements[branch_id], *period),
                ratings_from_counts(*ratings[branch_id], year),
            ],
        )
        for branch_id, name in chosen
    ]
    if not reports:
        return OfficeStatistics(
            [],
            [
                *roster_sections({}, on, age_bounds),
                movements_from_counts({}, *period),
                ratings_from_counts({}, 0, 0, year),
            ],
        )
    return OfficeStatistics(reports, sum_sections([r.sections for r in reports]))


_STEPS = 4  # the spans brought up to date, then the three kinds of grouped query


def _standings_ready(branch_ids: list[int], progress: Progress | None) -> bool:
    """Bring the status spans of the branches' members up to date; False when the database refuses the writes."""
    _step(progress, 0, _STEPS)
    if is_read_only():
        return False
    try:
        standing_store.refresh_standings(branch_ids)  # looked up on call: tests stand in a refusing server
    except (pw.DatabaseError, StorageError) as error:  # a read-only account, a full disk, another office meanwhile
        log.info("status spans not written (%s); counting from the records", type(error).__name__)
        return False
    return True


def _counted_from_records(
    chosen: list[tuple[int, str]],
    on: date,
    period: tuple[date, date],
    year: int,
    age_bounds: Sequence[int],
    progress: Progress | None,
) -> OfficeStatistics:
    """Each branch's records read and counted in turn (one branch in memory at a time)."""
    reports = []
    for done, (branch_id, name) in enumerate(chosen):
        _step(progress, done, len(chosen))
        members, ratings = all_members(branch_id), ratings_for_year(year, branch_id)
        sections = branch_statistics(members, ratings, on, period, year, age_bounds)
        reports.append(BranchStatistics(branch_id, name, sections))
    _step(progress, len(chosen), len(chosen))
    if not reports:
        return OfficeStatistics([], branch_statistics([], [], on, period, year, age_bounds))
    return OfficeStatistics(reports, sum_sections([r.sections for r in reports]))


@dataclass(frozen=True)
class BranchReminders:
    branch_id: int
    name: str
    recognitions: list[RecognitionReminder] = field(default_factory=list)
    badges: list[BadgeCandidate] = field(default_factory=list)
    missing_ratings: list[MemberRecord] = field(default_factory=list)


@dataclass(frozen=True)
class OfficeReminders:
    """The reminders of each branch (models.roster.reminders), branches in order, each list in A-B-C order."""

    on: date
    award_date: date  # the badge list is for this award day
    rating_year: int  # the missing ratings are of this year
    branches: list[BranchReminders]

    def recognitions(self) -> list[tuple[str, RecognitionReminder]]:
        """(branch name, reminder) across the committee."""
        return [(b.name, r) for b in self.branches for r in b.recognitions]

    def badges(self) -> list[tuple[str, BadgeCandidate]]:
        return [(b.name, c) for b in self.branches for c in b.badges]

    def missing_ratings(self) -> list[tuple[str, MemberRecord]]:
        return [(b.name, m) for b in self.branches for m in b.missing_ratings]


def office_reminders(
    on: date, branch_ids: Sequence[int] | None = None, progress: Progress | None = None
) -> OfficeReminders:
    """Recognitions due, badges for the next award day and missing ratings of last year, in every branch (as the
    members tab's «Nhắc việc» page shows them for one). The database picks out the members each list may hold;
    only those are read and judged by the rules of models.roster.reminders."""
    award, year = next_award_date(on), last_rated_year(on)
    chosen = _branches(branch_ids)
    ids = [branch_id for branch_id, _ in chosen]
    out = []
    if _standings_ready(ids, progress):
        due, badges, unrated = (
            q.recognition_candidates(on, ids),
            q.badge_candidates(award, ids),
            q.unrated_members(year, ids),
        )
        for branch_id, name in chosen:
            out.append(
                BranchReminders(
                    branch_id,
                    name,
                    recognition_reminders(members_with_ids(due.get(branch_id, []), branch_id), on),
                    badge_due_for_award_date(members_with_ids(badges.get(branch_id, []), branch_id), award),
                    missing_ratings(members_with_ids(unrated.get(branch_id, []), branch_id), [], year),
                )
            )
        _step(progress, _STEPS, _STEPS)
        return OfficeReminders(on, award, year, out)
    for done, (branch_id, name) in enumerate(chosen):
        _step(progress, done, len(chosen))
        members = all_members(branch_id)
        out.append(
            BranchReminders(
                branch_id,
                name,
                recognition_reminders(members, on),
                badge_due_for_award_date(members, award),
                missing_ratings(members, ratings_for_year(year, branch_id), year),
            )
        )
    _step(progress, len(chosen), len(chosen))
    return OfficeReminders(on, award, year, out)


def _branches(branch_ids: Sequence[int] | None) -> list[tuple[int, str]]:
    present = list_branches()
    if branch_ids is None:
        return present
    names = dict(present)
    return [(i, names[i]) for i in branch_ids if i in names]


def _step(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and not progress(done, total):
        raise Cancelled()
