"""The current branch asked as a question (None before the first-run set-up) or required (NotFoundError)."""

from __future__ import annotations

import pytest

from models.core.branch import current_branch_id, current_branch_id_or_none
from models.core.errors import NotFoundError


def test_before_any_branch_the_question_answers_none_and_the_requirement_refuses(bare_database):
    assert current_branch_id_or_none() is None
    with pytest.raises(NotFoundError, match="Chưa có chi bộ nào"):
        current_branch_id()


def test_once_set_up_both_name_the_same_branch(data_file):
    assert current_branch_id_or_none() == current_branch_id()
