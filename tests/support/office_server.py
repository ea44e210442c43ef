"""A committee office's server for the tests: two branches with members, events, ratings and a congress counted
ballot by ballot, an account for each branch and one for the office, set up as `main.py server-setup` does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg

from models.core.branch import BranchInfo, save_branch
from models.core.database import close_database

BRANCH_A = BranchInfo("Chi bộ Khu phố 1", "ĐẢNG BỘ PHƯỜNG HÀNG BẠC", "Hà Nội", "KP1")
BRANCH_B = BranchInfo("Chi bộ Khu phố 2", "ĐẢNG BỘ PHƯỜNG HÀNG BẠC", "Hà Nội", "KP2")
PASSWORD = "mat-khau-thu"


@dataclass(frozen=True)
class OfficeServer:
    admin_url: str
    branch_a: int
    branch_b: int

    def url(self, role: str) -> str:
        return as_role(self.admin_url, role, PASSWORD)


def as_role(url: str, role: str, password: str | None = None) -> str:
    """The same server database, signed in as `role` (a Unix socket with trust ignores the password)."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    user = quote(role, safe="") + (f":{quote(password, safe='')}" if password else "")
    return urlunsplit(parts._replace(netloc=f"{user}@{host}"))


def seed_branch(info: BranchInfo) -> int:
    """A new branch filled by `fill_branch`; returns its id. Run as the administrator or the office."""
    from models.core.branch import current_branch_id

    save_branch(info, new=True)
    fill_branch()
    return current_branch_id()


def fill_branch(first: int = 0, ordinal: int = 4) -> None:
    """Into the current branch: five members (tests.support.people from `first`) with an event, their 2024
    ratings, and congress `ordinal` whose secretary is counted ballot by ballot (entries, the count closed)."""
    from models.congress.elections import add_election, set_candidates
    from models.congress.hand_votes import VoteKind
    from models.congress.rounds import start_round
    from models.congress.summons import summoned_list
    from models.counting import Ballot, Post
    from models.live_count.count import close_count
    from models.live_count.session import CountSession
    from models.roster.event_kinds import EventKind
    from models.roster.members import record_event, save_member
    from models.roster.rating_book import save_ratings
    from models.roster.records import EventRecord
    from tests.support import congress_story as story
    from tests.support.people import member

    members = [save_member(member(i), story.DAY).member for i in range(first, first + 5)]
    record_event(members[0].id, EventRecord(EventKind.BADGE_AWARDED, date(2025, 2, 3)), story.DAY)
    save_ratings(2024, {m.id: "good" for m in members})
    congress = story.congress(ordinal)
    story.check_in_all(congress.id)
    story.open_with_bodies(congress.id, counting=1)
    official = [p for p in summoned_list(congress.id) if p.official]
    election = add_election(congress.id, Post.SECRETARY, 1)
    set_candidates(election.rounds[0].id, [official[0].id])
    story.approve(congress.id, VoteKind.SEATS, "Số lượng: 1 đồng chí", election.id)
    story.approve(congress.id, VoteKind.ELECTION_LIST, "Danh sách bầu cử", election.id)
    round_ = start_round(election.rounds[0].id)
    session = CountSession(round_.id, entered_by="Ban kiểm phiếu")
    for no in range(1, round_.ballots_issued + 1):
        session.enter(Ballot.agree(no, {official[0].key: "agree"}))
    close_count(round_.id)


def set_up_office(admin_url: str) -> OfficeServer:
    """An emptied database set up with two seeded branches; accounts `ban_a` (writes A), `ban_b` (reads B only),
    `van_phong` (the office). Leaves the database closed."""
    from models.office.accounts import create_login, grant_branch, set_office
    from models.office.server_access import set_up_server
    from tests.support.pg_server import empty_database

    empty_database(admin_url)
    set_up_server(admin_url)
    try:
        branch_a = seed_branch(BRANCH_A)
        branch_b = seed_branch(BRANCH_B)
        for role in ("ban_a", "ban_b", "van_phong"):
            create_login(role, PASSWORD)
        grant_branch("ban_a", branch_a)
        grant_branch("ban_b", branch_b, can_write=False)
        set_office("van_phong")
    finally:
        close_database()
    return OfficeServer(admin_url, branch_a, branch_b)


def connect(office: OfficeServer, role: str, autocommit: bool = True) -> psycopg.Connection:
    """A raw psycopg connection as one of the office's accounts, for probing the server as that account would."""
    return psycopg.connect(office.url(role), autocommit=autocommit)
