"""Two passes of double entry compared ballot by ballot, in the engine and as `python main.py compare`."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

from counting_factories import make_election, strike_ballots

from cli.counting import run_compare
from models.counting import Ballot, ElectionRecord, Form, InvalidReason, write_record
from models.counting.compare import describe, differences, same_ballot


def test_the_same_paper_whatever_the_order_typed_and_missing_marks_are_none():
    assert same_ballot(Ballot.strike(1, ["a", "b"]), Ballot.strike(1, ["b", "a"]))
    assert not same_ballot(Ballot.strike(1, ["a", "b"]), Ballot.strike(1, ["a"]))
    assert not same_ballot(Ballot.strike(1, ["a"]), Ballot.strike(1, ["a"], InvalidReason.MARKED))
    assert same_ballot(Ballot.agree(1, {"a": "agree", "b": "none"}), Ballot.agree(1, {"a": "agree"}))
    assert not same_ballot(Ballot.strike(1, ["a"]), None)


def test_differences_list_each_number_once_in_order():
    first = {b.no: b for b in strike_ballots([("abc", 3)])}
    second = dict(first)
    second[2] = Ballot.strike(2, ["a", "b", "d"])
    del second[3]
    assert [(d.no, d.second) for d in differences(first, second)] == [(2, second[2]), (3, None)]


def test_a_ballot_is_described_with_the_names():
    election = make_election("abc", seats=2)
    assert describe(Ballot.strike(5, ["c", "a"]), election) == "giữ lại Nguyễn Văn An, Lê Văn Cường"
    assert describe(None, election) == "không nhập"
    agree = make_election("ab", seats=2, form=Form.AGREE)
    assert describe(Ballot.agree(1, {"a": "both"}), agree) == "Nguyễn Văn An: đánh cả hai ô"


def _files(tmp_path, second_ballots):
    election = make_election("abcd")
    first = strike_ballots([("abc", 4)])
    paths = []
    for name, ballots in (("1.json", first), ("2.json", second_ballots(first))):
        path = tmp_path / name
        write_record(ElectionRecord(election, ballots=tuple(ballots)), path)
        paths.append(str(path))
    return paths


def test_compare_exits_0_when_the_passes_agree(tmp_path):
    out = io.StringIO()
    assert run_compare(*_files(tmp_path, lambda b: list(reversed(b))), out=out, err=io.StringIO()) == 0
    assert "khớp nhau: 4 phiếu" in out.getvalue()


def test_compare_exits_1_and_names_each_differing_ballot(tmp_path):
    out = io.StringIO()
    paths = _files(tmp_path, lambda b: [*b[:2], Ballot.strike(3, ["a", "d"])])
    assert run_compare(*paths, out=out, err=io.StringIO()) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Phiếu số 3: lượt 1 giữ lại Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường; lượt 2 giữ lại")
    assert lines[1] == "Phiếu số 4: lượt 1 giữ lại Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường; lượt 2 không nhập."
    assert lines[-1] == "Hai lượt nhập khác nhau ở 2 phiếu."


def test_compare_exits_2_for_a_malformed_file_or_another_round(tmp_path):
    first, second = _files(tmp_path, lambda b: b)
    bad = tmp_path / "bad.json"
    bad.write_text("{không phải json", encoding="utf-8")
    err = io.StringIO()
    assert run_compare(first, str(bad), out=io.StringIO(), err=err) == 2 and err.getvalue().count("\n") == 1
    other = tmp_path / "other.json"
    write_record(ElectionRecord(make_election("abcd", round=2), ballots=()), other)
    err = io.StringIO()
    assert run_compare(first, str(other), out=io.StringIO(), err=err) == 2
    assert "không cùng một lần bầu" in err.getvalue()
    path = Path(second)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["ballots"][0]["keep"] = ["a"]  # changed by hand: the digest no longer matches
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    err = io.StringIO()
    assert run_compare(first, second, out=io.StringIO(), err=err) == 2
    assert "không khớp mã kiểm tra" in err.getvalue()


def test_compare_refuses_records_that_fail_their_digest(tmp_path):
    first, second = _files(tmp_path, lambda b: b)
    for path in (first, second):
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        raw["ballots"][0]["keep"] = ["a"]  # both changed the same way: they would agree ballot by ballot
        Path(path).write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_compare(first, second, out=out, err=err) == 2
    assert out.getvalue() == "" and err.getvalue().count("\n") == 1 and "không khớp mã kiểm tra" in err.getvalue()


def test_compare_refuses_records_of_another_election_sharing_ids(tmp_path):
    election = make_election("abcd")
    ballots = tuple(strike_ballots([("abc", 2)]))
    base = tmp_path / "base.json"
    write_record(ElectionRecord(election, ballots=ballots, branch="Chi bộ A", congress="Đại hội lần thứ IV"), base)
    renamed = replace(
        election, candidates=(replace(election.candidates[0], name="Ngô Văn Khác"), *election.candidates[1:])
    )
    others = {
        "branch": ElectionRecord(election, ballots=ballots, branch="Chi bộ B", congress="Đại hội lần thứ IV"),
        "congress": ElectionRecord(election, ballots=ballots, branch="Chi bộ A", congress="Đại hội lần thứ V"),
        "names": ElectionRecord(renamed, ballots=ballots, branch="Chi bộ A", congress="Đại hội lần thứ IV"),
    }
    for name, record in others.items():
        path = tmp_path / f"{name}.json"
        write_record(record, path)
        out, err = io.StringIO(), io.StringIO()
        assert run_compare(str(base), str(path), out=out, err=err) == 2, name
        assert "không cùng một lần bầu" in err.getvalue() and out.getvalue() == ""
