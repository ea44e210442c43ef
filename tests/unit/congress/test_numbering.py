"""Document numbers run per type through the term; a paper keeps its number; a number is never handed out twice."""

from __future__ import annotations

from datetime import date

import pytest

from models.congress.congresses import CongressInfo, save_congress
from models.congress.numbering import correct_number, document_number, numbers_of_term
from models.core.errors import ConflictError, ValidationError


@pytest.fixture
def congress(data_file):
    return save_congress(CongressInfo(4, 2025, 2030, date(2025, 6, 20)))


def test_numbers_run_per_type_and_a_paper_keeps_its_number(congress):
    first = document_number(congress.id, "BB", "congress:4:hand-votes", "Biên bản biểu quyết")
    assert first.text == "Số 01-BB/CB"
    assert document_number(congress.id, "DS", "congress:4:attendance").text == "Số 01-DS/CB"
    assert document_number(congress.id, "BB", "congress:4:minutes:1").number == 2
    assert document_number(congress.id, "BB", "congress:4:hand-votes").number == 1  # printed again: same number


def test_a_corrected_number_is_never_handed_out_again(congress):
    a = document_number(congress.id, "BB", "a")
    document_number(congress.id, "BB", "b")
    with pytest.raises(ConflictError, match="đã dùng"):
        correct_number(congress.id, "a", 2)
    correct_number(congress.id, "b", 7)  # matches a paper numbered by hand
    assert document_number(congress.id, "BB", "c").number == 8
    correct_number(congress.id, "c", 5)  # lowered: 8 stays used up
    assert document_number(congress.id, "BB", "d").number == 9
    assert [n.number for n in numbers_of_term(congress.id)] == [a.number, 5, 7, 9]


def test_another_term_starts_again_at_one(congress):
    document_number(congress.id, "BC", "x")
    later = save_congress(CongressInfo(5, 2030, 2035, date(2030, 6, 1)))
    assert document_number(later.id, "BC", "y").number == 1


def test_bad_type_and_number_are_refused(congress):
    with pytest.raises(ValidationError, match="Loại văn bản"):
        document_number(congress.id, "XX", "x")
    document_number(congress.id, "BB", "x")
    with pytest.raises(ValidationError, match="từ 1 đến 9999"):
        correct_number(congress.id, "x", 0)
