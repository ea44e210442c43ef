"""What the record reader's shortcuts must not change: a name in `keep` that is not a text is told as such (it is
checked only when the tally refuses the ballot), a file decoded from UTF-8 skips the half-pair scan only because it
cannot hold one, a backslash sends the file to the full walk, and a tally keeps every candidate at zero."""

from __future__ import annotations

import json

import pytest

from models.counting import MalformedError, Tally, parse_record
from tests.unit.counting.counting_factories import make_election, strike_ballots
from tests.unit.counting.test_counting_hostile_files import assert_refused, count, spec, write

KEEP_NOT_IDS = "Phiếu số 1: trường keep phải là danh sách mã ứng cử viên được giữ lại."


@pytest.mark.parametrize("keep", [[5], [None], [True], [["c1"]], [{"c1": 1}], ["c1", 5], [1.5, "c1"]])
@pytest.mark.parametrize("void", [None, "added_name"])
def test_an_item_of_keep_that_is_not_a_text(tmp_path, keep, void):
    raw = spec()
    raw["ballots"][0] = {"no": 1, "keep": keep, **({"void": void} if void else {})}
    assert_refused(count(write(tmp_path, json.dumps(raw))), KEEP_NOT_IDS)


def test_keep_that_is_not_a_list(tmp_path):
    raw = spec()
    raw["ballots"][0] = {"no": 1, "keep": "c1"}
    assert_refused(count(write(tmp_path, json.dumps(raw))), KEEP_NOT_IDS)


def test_an_unknown_or_repeated_id_is_still_told_as_such(tmp_path):
    raw = spec()
    raw["ballots"][0] = {"no": 1, "keep": ["c1", "c9"]}
    assert_refused(count(write(tmp_path, json.dumps(raw))), 'mã ứng cử viên "c9" không có trong danh sách')
    raw["ballots"][0] = {"no": 1, "keep": ["c1", "c1"]}
    assert_refused(count(write(tmp_path, json.dumps(raw))), "được ghi hai lần")


def test_half_a_pair_as_it_is_in_the_file_or_in_a_text(tmp_path):
    """Bytes of a lone surrogate are not UTF-8 (refused while decoding); a text holding one (parse_record of a str
    not read from a file) is still scanned."""
    text = json.dumps(spec(), ensure_ascii=False).replace("Nguyễn", "Nguy\ud800n")
    assert_refused(count(write(tmp_path, text)), "không phải văn bản UTF-8")
    with pytest.raises(MalformedError, match="ký tự không hợp lệ"):
        parse_record(text)


def test_a_file_with_escapes_is_walked_and_counted(tmp_path):
    """A backslash (an escaped quote in a title) takes the file through the full walk; a harmless one counts."""
    raw = spec(title='Bầu "Ban Chi ủy"')
    code, out, err = count(write(tmp_path, json.dumps(raw, ensure_ascii=False)))
    assert code == 0 and err == "", err
    assert json.loads(out)["collected"] == len(raw["ballots"])


def test_a_tally_keeps_every_candidate_through_add_replace_remove():
    election = make_election("abcd", seats=2, summoned=5)
    tally = Tally(election, strike_ballots([("ab", 2), ("cd", 1)]))
    assert dict(tally.votes) == {"a": 2, "b": 2, "c": 1, "d": 1}
    tally.replace(strike_ballots([("ac", 1)], start=3)[0])
    tally.remove(1)
    tally.remove(2)
    assert dict(tally.votes) == {"a": 1, "b": 0, "c": 1, "d": 0}
    assert list(tally.votes) == ["a", "b", "c", "d"]  # the candidates' order, none dropped at zero
    fresh = Tally(election, strike_ballots([("ac", 1)], start=3))
    assert tally.result() == fresh.result()
