"""A branch whose admission vote was counted ballot by ballot (an applicant named on the ballot, not a member)
moves onto the office's server and back with the applicant's key following the list row's new id and the entry
log still verifying, and the vote's applicant id following the applicant's new id."""

from __future__ import annotations

import json
from datetime import date

from models.admission.path import open_admission_ballot
from models.admission.tables import Applicant
from models.congress.tables import ElectionRound, Summoned
from models.core.database import close_database, open_database
from models.live_count.session import verify_chain
from models.live_count.tables import BallotEntry
from models.meetings.meetings import create_meeting
from models.meetings.secret_ballot import secret_ballot_for, take_count
from models.meetings.tables import MeetingVote
from models.meetings.votes import get_vote
from models.office.branch_moves import pull_branch, push_file
from tests.support import congress_story as story
from tests.support.applicants import ready_applicant
from tests.support.meeting_ballots import count_question
from tests.support.people import set_up_branch


def _applicant_key(target) -> tuple[str, set[str], bool]:
    open_database(target)
    try:
        row = Summoned.get(Summoned.member.is_null())
        round_ = ElectionRound.get(ElectionRound.count_mode == "ballots")
        keys = {
            key
            for entry in BallotEntry.select().where(BallotEntry.round == round_.id)
            if entry.after and "marks" in entry.after
            for key in json.loads(entry.after)["marks"]
        }
        return f"s{row.id}", keys, verify_chain(round_.id)
    finally:
        close_database()


def _vote_names(target) -> list[str]:
    """The applicant each of the file's votes names, read through its applicant id."""
    open_database(target)
    try:
        votes = MeetingVote.select().where(MeetingVote.applicant_id.is_null(False)).order_by(MeetingVote.id)
        return [Applicant.get_by_id(vote.applicant_id).full_name for vote in votes]
    finally:
        close_database()


def test_an_applicant_on_a_counted_ballot_moves_with_its_key(other_file, server, tmp_path):
    path = tmp_path / "chi-bo.sqlite3"
    open_database(path)
    try:
        set_up_branch()
        branch = story.roster(11)
        hoa = ready_applicant(branch)
        meeting = create_meeting(date(2025, 9, 15), "Xét đề nghị kết nạp đảng viên")
        vote = open_admission_ballot(meeting.id, hoa.id)
        count_question(secret_ballot_for(vote.id), 9, 2)
        assert take_count(vote.id).passed
        assert get_vote(vote.id).yes == 9
    finally:
        close_database()
    open_database(other_file)
    try:
        ready_applicant([], "Trần Văn Bình")  # the other branch's applicant takes the server's first applicant id
    finally:
        close_database()
    push_file(other_file, server)  # the server already holds a branch: this one's rows get other ids
    push_file(path, server)
    back = tmp_path / "back.sqlite3"
    pull_branch(server, 2, back)
    for target in (path, server, back):
        key, keys, verified = _applicant_key(target)
        assert keys == {key} and verified
        assert _vote_names(target) == ["Hoàng Thị Hoa"]  # the vote still names its own applicant, not another's
