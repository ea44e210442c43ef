"""The thresholds of the branch's votes at their boundaries (docs/domain.md §6): whole-number tests on D."""

from __future__ import annotations

import pytest

from models.core.errors import ValidationError
from models.meetings.thresholds import (
    RULES,
    Threshold,
    VoteForm,
    VoteKind,
    discipline_outcome,
    passes,
    votes_needed,
)

TWO_THIRDS = [k for k, r in RULES.items() if r.threshold is Threshold.TWO_THIRDS]
MAJORITY = [k for k, r in RULES.items() if r.threshold is Threshold.MAJORITY]


@pytest.mark.parametrize(("d", "needed"), [(3, 2), (9, 6), (20, 14), (1, 1), (10, 7), (11, 8)])
@pytest.mark.parametrize("kind", TWO_THIRDS)
def test_two_thirds_at_its_boundary(kind, d, needed):
    assert votes_needed(kind, d) == needed
    assert passes(kind, needed, d)
    assert not passes(kind, needed - 1, d)


@pytest.mark.parametrize(("d", "needed"), [(4, 3), (9, 5), (20, 11), (1, 1), (2, 2)])
@pytest.mark.parametrize("kind", MAJORITY)
def test_more_than_half_and_exactly_half_fails(kind, d, needed):
    assert votes_needed(kind, d) == needed
    assert passes(kind, needed, d)
    assert not passes(kind, needed - 1, d)
    if d % 2 == 0:
        assert not passes(kind, d // 2, d)  # exactly half


def test_the_kinds_and_their_rules():
    assert VoteKind.PROPOSE_EXPULSION.rule.threshold is Threshold.TWO_THIRDS
    assert VoteKind.PROPOSE_DISMISSAL.rule.threshold is Threshold.MAJORITY
    assert VoteKind.DISCIPLINE.rule.forms == (VoteForm.SECRET_BALLOT,)
    assert VoteForm.SHOW_OF_CARDS in VoteKind.ADMISSION.rule.forms
    assert VoteKind.ADMISSION.rule.subject_is_applicant
    assert all(kind.label and kind.rule.paper for kind in VoteKind)


def test_a_base_of_zero_never_passes_and_a_negative_one_is_refused():
    assert not passes(VoteKind.ADMISSION, 0, 0)
    with pytest.raises(ValidationError):
        votes_needed(VoteKind.ADMISSION, -1)


@pytest.mark.parametrize(
    ("d", "warning", "reprimand", "outcome"),
    [
        (10, 6, 0, "warning"),  # the heaviest form passes alone
        (10, 5, 0, None),  # exactly half of D is not enough
        (10, 5, 1, "reprimand"),  # warning votes count for the lighter form too
        (10, 3, 3, "reprimand"),
        (10, 0, 5, None),
        (9, 5, 4, "warning"),  # the heaviest form that passes wins
        (9, 2, 2, None),
    ],
)
def test_discipline_is_counted_cumulatively_from_the_heaviest_form(d, warning, reprimand, outcome):
    assert discipline_outcome(d, {"warning": warning, "reprimand": reprimand}) == outcome


def test_discipline_refuses_an_unknown_form():
    with pytest.raises(ValidationError, match="Hình thức kỷ luật"):
        discipline_outcome(5, {"expulsion": 3})
