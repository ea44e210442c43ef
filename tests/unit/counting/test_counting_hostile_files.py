"""`main.py count` on hostile input: exit 2 with one Vietnamese line, no traceback, no English OS text, no hang."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli.counting import run_count
from models.counting import record_reader
from tests.unit.counting.test_counting_record import SPEC_EXAMPLE

ROOT = Path(__file__).resolve().parents[3]
ENGLISH = ("Errno", "Traceback", "No such file", "Is a directory", "Permission denied", "Expecting", "Exceeds")


def count(path: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_count(path, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def assert_refused(result: tuple[int, str, str], expected: str) -> None:
    code, out, err = result
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and expected in err, err
    assert not any(word in err for word in ENGLISH), err


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "hoso.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return str(path)


def spec(**changes) -> dict:
    raw = copy.deepcopy(SPEC_EXAMPLE)
    raw.update(changes)
    return raw


def test_a_number_too_long_to_convert(tmp_path):
    text = json.dumps(spec()).replace('"round": 1', '"round": 1' + "0" * 5000)
    assert_refused(count(write(tmp_path, text)), "con số quá dài")


@pytest.mark.parametrize("field", ["ballots_issued", "seats"])
def test_huge_counts(tmp_path, field):
    assert_refused(count(write(tmp_path, json.dumps(spec(**{field: 10**15})))), "lớn hơn mọi hồ sơ thật")


def test_huge_vote_totals(tmp_path):
    raw = spec(ballots=None, totals={"collected": 18, "votes": {"c1": 10**12, "c2": 3}})
    assert_refused(count(write(tmp_path, json.dumps(raw))), "lớn hơn mọi hồ sơ thật")


def test_absurd_electorate(tmp_path):
    raw = spec()
    raw["electorate"]["official_summoned"] = 500_000
    assert_refused(count(write(tmp_path, json.dumps(raw))), "nhiều hơn mọi đại hội")


def test_lone_surrogate_in_a_name(tmp_path):
    text = json.dumps(spec()).replace("Nguy\\u1ec5n", "Nguy\\ud800n")
    assert "\\ud800" in text
    assert_refused(count(write(tmp_path, text)), "ký tự không hợp lệ")


def test_not_a_number_and_infinity(tmp_path):
    text = json.dumps(spec()).replace('"seats": 3', '"seats": Infinity')
    assert_refused(count(write(tmp_path, text)), "lớn hơn mọi hồ sơ thật")


def test_a_file_far_bigger_than_any_record(tmp_path, monkeypatch):
    monkeypatch.setattr(record_reader, "MAX_RECORD_BYTES", 1024)
    path = write(tmp_path, json.dumps(spec()) + " " * 2000)
    assert_refused(count(path), "vượt giới hạn")


def test_named_pipe_does_not_hang(tmp_path):
    fifo = tmp_path / "ong.json"
    os.mkfifo(fifo)
    assert_refused(count(str(fifo)), "không phải là tệp thông thường")


def test_a_device(tmp_path):
    assert_refused(count("/dev/zero"), "không phải là tệp thông thường")


def test_a_directory(tmp_path):
    assert_refused(count(str(tmp_path)), "là một thư mục")


def test_a_missing_path(tmp_path):
    assert_refused(count(str(tmp_path / "khong-co.json")), "không tìm thấy tệp")


def test_invalid_json_names_line_and_column_in_vietnamese(tmp_path):
    assert_refused(count(write(tmp_path, '{"format": ')), "dòng 1, cột")


def test_deep_nesting(tmp_path):
    assert_refused(count(write(tmp_path, "[" * 100_000 + "]" * 100_000)), "lồng nhau quá sâu")


def test_the_real_command_on_a_device_and_a_lone_surrogate_path(tmp_path):
    for target in ("/dev/zero", str(tmp_path / "t\udcffn.json")):
        command = [sys.executable, str(ROOT / "main.py"), "count", target]
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=60, check=False)
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode == 2 and done.stdout == b"" and err.count("\n") == 1, err
        assert "Traceback" not in err


@pytest.mark.parametrize("bad", [[], {}, ["added_name"]])
def test_a_list_or_object_where_a_reason_belongs(tmp_path, bad):
    raw = spec()
    raw["ballots"][1]["void"] = bad
    assert_refused(count(write(tmp_path, json.dumps(raw))), "không hợp lệ")


def test_a_list_where_an_agree_mark_belongs(tmp_path):
    raw = spec(form="agree", ballots=[{"no": 1, "marks": {"c1": [], "c2": "agree"}}])
    assert_refused(count(write(tmp_path, json.dumps(raw))), "không hợp lệ")


def test_a_file_without_a_format_says_so_in_words():
    from models.counting import MalformedError

    with pytest.raises(MalformedError) as caught:
        record_reader.record_from_dict({})
    assert "nhận được không có" in caught.value.message and "null" not in caught.value.message


@pytest.mark.parametrize("text", ["x" * 10_001, 'x\\"' * 5_001])  # one long text, and one behind escaped quotes
def test_a_text_too_long_anywhere(tmp_path, text):
    raw = json.dumps(spec(title="TITLE")).replace('"TITLE"', f'"{text}"')
    assert_refused(count(write(tmp_path, raw)), "quá dài")


@pytest.mark.parametrize("half", ["\\uDC00", "\\udfff"])
def test_half_a_pair_written_either_case(tmp_path, half):
    text = json.dumps(spec()).replace("Nguy\\u1ec5n", f"Nguy{half}n")
    assert_refused(count(write(tmp_path, text)), "ký tự không hợp lệ")


@pytest.mark.parametrize("number", ["-1000000000000000", "1e300", "-Infinity", "NaN"])
def test_a_number_out_of_bounds_in_a_ballot(tmp_path, number):
    raw = spec()
    raw["ballots"][0]["extra"] = "NUMBER"
    text = json.dumps(raw).replace('"NUMBER"', number)
    assert_refused(count(write(tmp_path, text)), "lớn hơn mọi hồ sơ thật")


def test_each_ballot_is_judged_once(tmp_path, monkeypatch):
    from models.counting import tally

    judged = []
    original = tally.judge
    monkeypatch.setattr(tally, "judge", lambda ballot, *args: judged.append(ballot.no) or original(ballot, *args))
    code, out, _err = count(write(tmp_path, json.dumps(spec())))
    assert code == 0 and out
    assert sorted(judged) == sorted(b["no"] for b in SPEC_EXAMPLE["ballots"])
