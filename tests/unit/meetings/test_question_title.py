"""A meeting question's title read back (what the minutes from a record file alone rely on) and its lines."""

from __future__ import annotations

from types import SimpleNamespace

from models.meetings.question_title import (
    Question,
    count_outcome,
    question_lines,
    question_title,
    read_question,
    round_heading,
)
from models.meetings.thresholds import VoteKind


def test_every_question_kind_reads_back_from_its_title_with_its_person():
    for kind in VoteKind:
        if kind is VoteKind.BY_ELECTION:
            continue
        title = question_title(kind, "đồng chí Nguyễn Văn An", 7)
        assert read_question(title) == Question(kind, "đồng chí Nguyễn Văn An")
    applicant = question_title(VoteKind.ADMISSION, "quần chúng Lê Thị Hoa", 6)
    assert read_question(applicant) == Question(VoteKind.ADMISSION, "quần chúng Lê Thị Hoa")


def test_a_by_election_or_a_congress_title_is_not_a_question():
    assert read_question("Bầu bổ sung Bí thư Chi bộ") is None
    assert read_question("Bầu Ban Chấp hành") is None
    assert read_question("Đề nghị kết nạp vào Đảng: đồng chí An") is None  # no test stated: not ChiBo's title


def test_lines_state_the_question_s_test_on_d_at_its_boundary():
    admission = Question(VoteKind.ADMISSION, "quần chúng Lê Thị Hoa")
    assert question_lines(admission, 1, 6, 9)[1] == "Kết quả: 6/9 phiếu đồng ý: THÔNG QUA."
    assert question_lines(admission, 1, 5, 9)[1] == "Kết quả: 5/9 phiếu đồng ý: KHÔNG THÔNG QUA."
    assert "ít nhất hai phần ba của D = 9 đồng ý, tức từ 6 phiếu" in question_lines(admission, 1, 6, 9)[0]
    discipline = Question(VoteKind.DISCIPLINE, "đồng chí An")
    first, result = question_lines(discipline, 2, 5, 10)  # exactly half fails
    assert first.startswith("Thi hành kỷ luật bằng hình thức khiển trách đối với đồng chí An")
    assert result == "Kết quả: 5/10 phiếu đồng ý: KHÔNG THÔNG QUA."


def _result(d: int, *votes: int):
    """What count_outcome reads of a CountResult: D and each candidate's votes."""
    return SimpleNamespace(D=d, candidates=tuple(SimpleNamespace(votes=v) for v in votes))


def test_a_count_under_a_question_s_title_has_the_question_s_outcome():
    title = question_title(VoteKind.PROPOSE_EXPULSION, "đồng chí Nguyễn Văn An", 6)
    outcome = count_outcome(title, _result(9, 5))  # more than half of 9, less than two thirds
    assert outcome is not None and (outcome.needed, outcome.carried, outcome.verdict) == (6, False, "KHÔNG THÔNG QUA")
    assert outcome.test == "thông qua khi ít nhất hai phần ba của D = 9 đồng ý, tức từ 6 phiếu trở lên"
    assert count_outcome(title, _result(9, 6)).carried
    discipline = question_title(VoteKind.DISCIPLINE, "đồng chí Nguyễn Văn An", 5)
    assert count_outcome(discipline, _result(9, 5)).carried and not count_outcome(discipline, _result(9, 4)).carried


def test_an_election_s_count_has_no_question_outcome():
    assert count_outcome("Bầu bổ sung Bí thư Chi bộ", _result(9, 5)) is None
    assert count_outcome("Bầu Ban Chấp hành", _result(9, 5, 4)) is None


def test_the_room_s_heading_names_a_question_by_what_it_asks_and_an_election_by_its_round():
    expulsion = question_title(VoteKind.PROPOSE_EXPULSION, "đồng chí Nguyễn Văn An", 6)
    assert round_heading(expulsion, 1) == "Đề nghị kỷ luật khai trừ đối với đồng chí Nguyễn Văn An"
    discipline = question_title(VoteKind.DISCIPLINE, "đồng chí Trần Thị Bình", 5)
    assert round_heading(discipline, 2) == "Thi hành kỷ luật bằng hình thức khiển trách đối với đồng chí Trần Thị Bình"
    assert round_heading("Bầu bổ sung Phó Bí thư Chi bộ", 1) == "Bầu bổ sung Phó Bí thư Chi bộ — Lần bầu thứ 1"
    assert round_heading("Bầu Ban Chi ủy nhiệm kỳ 2025–2030", 2) == "Bầu Ban Chi ủy nhiệm kỳ 2025–2030 — Lần bầu thứ 2"
