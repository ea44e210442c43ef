"""Seats per post and the ballot papers to print: set-up rules in models.counting.structure, asked by the tab."""

from __future__ import annotations

import pytest

from models.counting import Post
from models.counting.structure import MAX_COMMITTEE_SEATS, SeatBounds, ballot_papers_to_print, seat_bounds


def test_the_committee_is_asked_up_to_seven_seats_offering_five():
    assert seat_bounds(Post.COMMITTEE) == SeatBounds(1, MAX_COMMITTEE_SEATS, 5, True) and MAX_COMMITTEE_SEATS == 7


@pytest.mark.parametrize("post", [Post.DELEGATE, Post.ALTERNATE_DELEGATE])
def test_delegates_are_asked_the_number_allocated_offering_one(post):
    assert seat_bounds(post) == SeatBounds(1, 500, 1, True)


@pytest.mark.parametrize("post", [Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.OTHER])
def test_a_single_seat_post_is_not_asked(post):
    assert seat_bounds(post) == SeatBounds(1, 1, 1, False)


@pytest.mark.parametrize(("ballots", "papers"), [(0, 2), (9, 11), (20, 22), (45, 49), (300, 330)])
def test_spare_ballot_papers_are_a_tenth_and_at_least_two(ballots, papers):
    assert ballot_papers_to_print(ballots) == papers
