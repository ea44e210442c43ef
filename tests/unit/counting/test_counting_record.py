"""The election record file chibo.election/1: writing, reading, the digest chain, malformed files, the count CLI."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from counting_factories import agree_ballots, make_election, strike_ballots

from cli.counting import run_count
from models.counting import (
    ElectionRecord,
    Exclusions,
    Form,
    MalformedError,
    Post,
    Tally,
    Totals,
    chain_digest,
    count_ballots,
    dumps_record,
    parse_record,
    read_record,
    record_from_tally,
    record_to_dict,
    recount,
    write_record,
)

ROOT = Path(__file__).resolve().parents[3]

SPEC_EXAMPLE = {
    "format": "chibo.election/1",
    "branch": "Chi bộ Văn phòng Sở",
    "congress": "Đại hội Chi bộ lần thứ IV, nhiệm kỳ 2025–2030",
    "title": "Bầu Ban Chi ủy",
    "post": "committee",
    "round": 1,
    "seats": 3,
    "form": "strike",
    "rules": {"all_struck_invalid": True, "blank_agree_ballot_valid": True},
    "electorate": {
        "official_summoned": 22,
        "excluded": {"temporary_elsewhere": 1, "exempt_absent": 1, "suspended": 0, "absent_approved": 0},
        "official_present": 18,
    },
    "ballots_issued": 18,
    "candidates": [{"id": "c1", "name": "Nguyễn Văn An"}, {"id": "c2", "name": "Trần Thị Bình"}],
    "ballots": [
        {"no": 1, "keep": ["c1", "c2"]},
        {"no": 2, "keep": ["c1"], "void": "added_name"},
        {"no": 3, "keep": []},
    ],
    "totals": None,
}

RESULT_KEYS = [
    "format",
    "D",
    "threshold",
    "ballots_issued",
    "collected",
    "valid",
    "invalid",
    "invalid_reasons",
    "candidates",
    "elected",
    "open_seats",
    "tied",
    "next_action",
    "problems",
    "digest_ok",
]
REASON_KEYS = [
    "too_many",
    "all_struck",
    "blank",
    "single_not_one_box",
    "not_issued",
    "added_name",
    "marked",
    "other",
]
CANDIDATE_KEYS = ["id", "name", "votes", "disagree", "not_counted", "percent", "passed", "elected", "rank"]


def spec_digest(raw: dict) -> str:
    """The digest exactly as docs/election-record.md words it, written independently of the engine."""

    def canon(x) -> str:
        return json.dumps(x, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    head = {k: v for k, v in raw.items() if k not in ("ballots", "totals", "digest")}
    h = hashlib.sha256(canon(head).encode("utf-8")).hexdigest()
    if raw.get("totals") is not None:
        return hashlib.sha256((h + canon(raw["totals"])).encode("utf-8")).hexdigest()
    for b in raw["ballots"]:
        h = hashlib.sha256((h + canon(b)).encode("utf-8")).hexdigest()
    return h


def run(raw_or_text, tmp_path: Path) -> tuple[int, str, str]:
    path = tmp_path / "hoso.json"
    text = raw_or_text if isinstance(raw_or_text, str) else json.dumps(raw_or_text, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run_count(str(path), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def example_1_record() -> ElectionRecord:
    tally = Tally(
        make_election("abcd", seats=3, summoned=15),
        strike_ballots([("abc", 8), ("abd", 4), ("acd", 2), ("bcd", 1)]),
    )
    return record_from_tally(tally, branch="Chi bộ Văn phòng Sở", congress="Đại hội lần thứ IV", title="Bầu Ban Chi ủy")


# --- the digest -----------------------------------------------------------------------------------------------------
def test_chain_digest_follows_the_spec():
    assert chain_digest(SPEC_EXAMPLE) == spec_digest(SPEC_EXAMPLE)
    totals = dict(SPEC_EXAMPLE, ballots=None, totals={"collected": 18, "invalid": {"too_many": 1}, "votes": {"c1": 9}})
    assert chain_digest(totals) == spec_digest(totals)


def test_digest_ignores_its_own_value_and_key_order():
    with_digest = dict(SPEC_EXAMPLE, digest="x" * 64)
    reordered = dict(reversed(list(SPEC_EXAMPLE.items())))
    assert chain_digest(with_digest) == chain_digest(reordered) == chain_digest(SPEC_EXAMPLE)


def test_written_record_carries_a_matching_digest_and_spec_keys(tmp_path):
    record = example_1_record()
    path = tmp_path / "ban-chi-uy.json"
    write_record(record, path)
    text = path.read_text(encoding="utf-8")
    assert "Nguyễn Văn An" in text  # UTF-8, not \u escapes
    raw = json.loads(text)
    assert list(raw) == [
        "format",
        "branch",
        "congress",
        "title",
        "post",
        "round",
        "seats",
        "form",
        "rules",
        "electorate",
        "ballots_issued",
        "candidates",
        "ballots",
        "totals",
        "digest",
    ]
    assert raw["format"] == "chibo.election/1"
    assert raw["totals"] is None
    assert raw["ballots"][0] == {"no": 1, "keep": ["a", "b", "c"]}
    assert raw["digest"] == spec_digest(raw)
    back = read_record(path)
    assert back == record
    assert back.digest_ok is True
    assert list(tmp_path.iterdir()) == [path]  # no temp file left behind


def test_changed_ballot_breaks_the_digest(tmp_path):
    raw = json.loads(dumps_record(example_1_record()))
    raw["ballots"][4]["keep"] = ["a", "b", "d"]
    code, out, _ = run(raw, tmp_path)
    assert code == 0
    assert json.loads(out)["digest_ok"] is False


def test_changed_header_breaks_the_digest():
    raw = json.loads(dumps_record(example_1_record()))
    raw["electorate"]["official_summoned"] = 16
    assert parse_record(json.dumps(raw)).digest_ok is False


def test_reordered_ballots_break_the_digest():
    raw = json.loads(dumps_record(example_1_record()))
    raw["ballots"][0], raw["ballots"][1] = raw["ballots"][1], raw["ballots"][0]
    assert parse_record(json.dumps(raw)).digest_ok is False


def test_no_digest_gives_null():
    assert parse_record(json.dumps(SPEC_EXAMPLE)).digest_ok is None


def test_totals_record_round_trip():
    election = make_election(
        "efg",
        seats=3,
        form=Form.AGREE,
        post=Post.DELEGATE,
        summoned=22,
        excluded=Exclusions(temporary_elsewhere=1, exempt_absent=1),
        present=18,
        issued=18,
    )
    record = ElectionRecord(election, totals=Totals(18, {}, {"e": 17, "f": 16, "g": 12}, {"f": 2, "g": 5}))
    raw = record_to_dict(record)
    assert raw["ballots"] is None
    assert raw["totals"]["votes"] == {"e": 17, "f": 16, "g": 12}
    assert raw["digest"] == spec_digest(raw)
    back = parse_record(json.dumps(raw, ensure_ascii=False))
    assert back.digest_ok is True
    res = recount(back)
    assert res.elected == ("e", "f", "g")
    ballots = agree_ballots("efg", [("AAA", 12), ("AAD", 3), ("ADD", 2), ("BAN", 1)])
    assert res.to_json() | {"digest_ok": None} == count_ballots(election, ballots).to_json()


def test_agree_record_round_trip():
    election = make_election("efg", seats=3, form=Form.AGREE, summoned=20)
    tally = Tally(election, agree_ballots("efg", [("AAD", 3), ("B-N", 1), ("---", 1)]))
    record = record_from_tally(tally)
    raw = record_to_dict(record)
    assert raw["ballots"][3] == {"no": 4, "marks": {"e": "both", "g": "none"}}
    assert raw["ballots"][4] == {"no": 5, "marks": {}}
    back = parse_record(json.dumps(raw))
    assert back == record
    assert recount(back).to_json() | {"digest_ok": None} == tally.result().to_json()


# --- the CLI --------------------------------------------------------------------------------------------------------
def test_count_prints_the_spec_result(tmp_path):
    code, out, err = run(SPEC_EXAMPLE, tmp_path)
    assert (code, err) == (0, "")
    res = json.loads(out)
    assert list(res) == RESULT_KEYS
    assert list(res["invalid_reasons"]) == REASON_KEYS
    assert [list(c) for c in res["candidates"]] == [CANDIDATE_KEYS, CANDIDATE_KEYS]
    assert res["format"] == "chibo.result/1"
    assert (res["D"], res["threshold"], res["ballots_issued"]) == (20, 11, 18)
    assert (res["collected"], res["valid"], res["invalid"]) == (3, 1, 2)
    assert res["invalid_reasons"]["added_name"] == 1 and res["invalid_reasons"]["all_struck"] == 1
    assert res["candidates"][0] == {
        "id": "c1",
        "name": "Nguyễn Văn An",
        "votes": 1,
        "disagree": 0,
        "not_counted": 0,
        "percent": 5.0,
        "passed": False,
        "elected": False,
        "rank": 1,
    }
    assert (res["elected"], res["open_seats"], res["tied"]) == ([], 3, [])
    assert res["next_action"] == "next_round"
    assert res["problems"] == []
    assert res["digest_ok"] is None
    assert "Nguyễn" in out and out.startswith('{\n  "format"')


def test_count_example_1_digest_ok(tmp_path):
    code, out, _ = run(dumps_record(example_1_record()), tmp_path)
    res = json.loads(out)
    assert code == 0
    assert res["elected"] == ["a", "b", "c"]
    assert [c["percent"] for c in res["candidates"]] == [93.33, 86.67, 73.33, 46.67]
    assert res["digest_ok"] is True


def test_count_problems_are_listed_with_code_and_message(tmp_path):
    raw = copy.deepcopy(SPEC_EXAMPLE)
    raw["ballots_issued"] = 2
    code, out, _ = run(raw, tmp_path)
    res = json.loads(out)
    assert code == 0
    assert res["problems"] == [
        {"code": "collected_exceeds_issued", "message": "Số phiếu thu vào (3) lớn hơn số phiếu phát ra (2)."}
    ]
    assert res["elected"] == [] and res["next_action"] == "none"


def malformed(**changes):
    raw = copy.deepcopy(SPEC_EXAMPLE)
    for key, value in changes.items():
        raw[key] = value
    return raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('{"format": "chibo.election/1", ', "JSON"),
        ("[1, 2]", "(gốc)"),
        (malformed(format="chibo.election/2"), "format"),
        (
            malformed(ballots=[{"no": 7, "keep": ["c1", "c9"]}]),
            'Phiếu số 7: mã ứng cử viên "c9" không có trong danh sách (trường keep).',
        ),
        (malformed(ballots=[{"no": 4, "marks": {"c1": "agree"}}]), "Phiếu số 4"),
        (malformed(ballots=[{"no": 1, "keep": []}, {"no": 1, "keep": ["c1"]}]), "Phiếu số 1"),
        (malformed(ballots=[{"no": -3, "keep": []}]), "-3"),
        (malformed(ballots=[{"no": 2.5, "keep": []}]), "2.5"),
        (malformed(ballots=[{"no": "5", "keep": []}]), "no"),
        (malformed(ballots=[{"no": True, "keep": []}]), "no"),
        (malformed(ballots=[{"keep": []}]), "Phiếu thứ 1"),
        (malformed(ballots=[{"no": 6, "keep": ["c1"], "void": "lost"}]), "Phiếu số 6"),
        (malformed(ballots=[{"no": 6, "keep": "c1"}]), "Phiếu số 6"),
        (malformed(ballots=[{"no": 8, "keep": ["c1", "c1"]}]), "Phiếu số 8"),
        (malformed(ballots_issued=-1), "ballots_issued"),
        (malformed(ballots_issued=18.0), "ballots_issued"),
        (malformed(seats=0), "seats"),
        (malformed(round="1"), "round"),
        (malformed(form="cross"), "form"),
        (malformed(post="king"), "post"),
        (malformed(electorate={"official_summoned": 22, "official_present": -1}), "electorate.official_present"),
        (
            malformed(electorate={"official_summoned": 22, "excluded": {"suspended": -1}, "official_present": 1}),
            "electorate.excluded.suspended",
        ),
        (
            malformed(electorate={"official_summoned": 22, "excluded": {"jailed": 1}, "official_present": 1}),
            "electorate.excluded",
        ),
        (malformed(candidates=[{"id": "c1", "name": "An"}, {"id": "c1", "name": "Bình"}]), "c1"),
        (malformed(candidates=[]), "candidates"),
        (malformed(totals={"collected": 3, "votes": {"c1": 1}}), "totals"),
        (malformed(ballots=None), "ballots"),
        (malformed(ballots=None, totals={"collected": 3, "votes": {"c7": 1}}), "c7"),
        (malformed(ballots=None, totals={"collected": -3}), "totals.collected"),
        (malformed(rules={"all_struck_invalid": "yes"}), "rules.all_struck_invalid"),
        (malformed(rules={"tie_break_by_age": True}), "rules"),
    ],
)
def test_malformed_record_exits_2_with_one_vietnamese_line(raw, expected, tmp_path):
    code, out, err = run(raw, tmp_path)
    assert code == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1
    assert expected in err


def test_malformed_agree_ballots(tmp_path):
    raw = malformed(form="agree")
    raw["ballots"] = [{"no": 1, "marks": {"c1": "agree"}}, {"no": 9, "keep": ["c1"]}]
    code, _, err = run(raw, tmp_path)
    assert code == 2 and "Phiếu số 9" in err and "keep" in err
    raw["ballots"] = [{"no": 3, "marks": {"c1": "yes"}}]
    code, _, err = run(raw, tmp_path)
    assert code == 2 and "Phiếu số 3" in err and "marks" in err
    raw["ballots"] = [{"no": 4, "marks": {"c5": "agree"}}]
    code, _, err = run(raw, tmp_path)
    assert code == 2 and err == 'Phiếu số 4: mã ứng cử viên "c5" không có trong danh sách (trường marks).\n'


def test_declared_ballot_may_omit_its_marks(tmp_path):
    raw = malformed(ballots=[{"no": 1, "keep": ["c1"]}, {"no": 2, "void": "not_issued"}])
    code, out, err = run(raw, tmp_path)
    assert (code, err) == (0, "")
    res = json.loads(out)
    assert res["invalid_reasons"]["not_issued"] == 1 and res["valid"] == 1
    code, _, err = run(malformed(ballots=[{"no": 2}]), tmp_path)
    assert code == 2 and "Phiếu số 2" in err and "keep" in err


def test_malformed_error_carries_field_and_ballot_number():
    with pytest.raises(MalformedError) as err:
        parse_record(json.dumps(malformed(ballots=[{"no": 1, "keep": []}, {"no": 1, "keep": ["c1"]}])))
    assert err.value.field == "no" and err.value.ballot_no == 1


def test_missing_file_exits_2(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert run_count(str(tmp_path / "khong-co.json"), out=out, err=err) == 2
    assert out.getvalue() == "" and err.getvalue().startswith("Không đọc được tệp")


def test_non_utf8_file_exits_2(tmp_path):
    path = tmp_path / "cp1258.json"
    path.write_bytes(b'{"branch": "\xd0\xe3ng"}')
    err = io.StringIO()
    assert run_count(str(path), out=io.StringIO(), err=err) == 2
    assert "UTF-8" in err.getvalue()


def test_main_py_count_in_a_subprocess(tmp_path):
    path = tmp_path / "hoso.json"
    write_record(example_1_record(), path)
    command = [sys.executable, str(ROOT / "main.py"), "count", str(path)]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    res = json.loads(done.stdout.decode("utf-8"))
    assert res["elected"] == ["a", "b", "c"] and res["digest_ok"] is True
    assert "PySide6" not in done.stderr.decode("utf-8")
    path.write_text("{", encoding="utf-8")
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=60, check=False)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode("utf-8").count("\n") == 1


def test_engine_imports_neither_qt_nor_peewee():
    code = (
        "import sys, models.counting, models.counting.same_round, models.counting.structure; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'peewee', 'shiboken6')]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60, check=False).returncode == 0


def test_a_tie_break_record_is_digested_and_counted_without_a_majority(tmp_path):
    raw = copy.deepcopy(SPEC_EXAMPLE)
    raw.update(
        seats=1,
        tie_break=True,
        ballots=[{"no": 1, "keep": ["c1"]}, {"no": 2, "keep": ["c2"]}, {"no": 3, "keep": ["c1"]}],
    )
    raw["rules"] = {"all_struck_invalid": True}
    raw["digest"] = chain_digest(raw)
    code, out, _ = run(raw, tmp_path)
    res = json.loads(out)
    assert code == 0 and res["elected"] == ["c1"] and res["digest_ok"] is True  # 2 of D = 20 suffice
    raw["tie_break"] = False  # the flag is part of the digested header
    assert json.loads(run(raw, tmp_path)[1])["digest_ok"] is False
    record = read_record(tmp_path / "hoso.json")
    assert record_to_dict(record).get("tie_break") is None  # written only when true: older digests unchanged
    raw["tie_break"] = "yes"
    code, _, err = run(raw, tmp_path)
    assert code == 2 and "tie_break" in err
