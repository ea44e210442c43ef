"""The one "same round?" check behind `compare` and the second pass brought in from another PC."""

from __future__ import annotations

from dataclasses import replace

from counting_factories import make_election

from models.counting import Candidate, ElectionRecord, Form
from models.counting.same_round import same_record_round, same_round


def test_the_same_round_is_recognised_whatever_the_name_s_spacing_or_normal_form():
    election = make_election("abc")
    spaced = replace(election, candidates=tuple(replace(c, name=f" {c.name} ") for c in election.candidates))
    assert same_round(election, spaced)


def test_any_difference_of_post_round_seats_form_tie_break_or_list_is_another_round():
    election = make_election("abc")
    renamed = (Candidate("a", "Người Khác"), *election.candidates[1:])
    others = [
        replace(election, round=2),
        replace(election, seats=2),
        replace(election, form=Form.AGREE),
        replace(election, tie_break=True),
        replace(election, candidates=renamed),
        replace(election, candidates=election.candidates[:2]),
    ]
    assert [same_round(election, other) for other in others] == [False] * len(others)


def test_two_records_must_share_the_branch_congress_and_title_too():
    record = ElectionRecord(make_election("abc"), branch="Chi bộ 1", congress="Đại hội lần thứ I", title="Bầu cấp ủy")
    assert same_record_round(record, replace(record, branch=" Chi bộ 1"))
    assert not same_record_round(record, replace(record, branch="Chi bộ 2"))
    assert not same_record_round(record, replace(record, title="Bầu bí thư"))
