"""`python main.py minutes RECORD -o X.xlsx` and `compare` end to end, as an auditor runs them."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from tests.support.commands import chibo
from tests.support.worked_example import NAMES
from tests.support.worked_example import record as _record


def _texts(path: Path) -> str:
    return "\n".join(str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value is not None)


def test_minutes_from_a_record_file_alone(tmp_path):
    record = _record(tmp_path / "ho-so.json")
    out = tmp_path / "bien-ban.xlsx"
    run = chibo("minutes", str(record), "-o", str(out))
    assert run.returncode == 0, run.stderr
    text = _texts(out)
    assert "BIÊN BẢN KIỂM PHIẾU" in text and "ĐẠI HỘI LẦN THỨ IV" in text
    for name, percent in zip(NAMES, ("93,33%", "86,67%", "73,33%", "46,67%"), strict=True):
        assert name in text and percent in text
    assert "KHÔNG KHỚP" not in text


def test_minutes_of_a_tampered_record_say_so_and_exit_1(tmp_path):
    record = _record(tmp_path / "ho-so.json")
    raw = json.loads(record.read_text(encoding="utf-8"))
    raw["ballots"][0]["keep"] = ["c3"]
    record.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "bien-ban.xlsx"
    run = chibo("minutes", str(record), "-o", str(out))
    assert run.returncode == 1 and "không khớp mã kiểm tra" in run.stderr
    assert "HỒ SƠ KHÔNG KHỚP MÃ KIỂM TRA" in _texts(out)


def test_minutes_of_a_malformed_file_exit_2_with_one_line(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"format": "chibo.election/1"}', encoding="utf-8")
    run = chibo("minutes", str(bad), "-o", str(tmp_path / "y.xlsx"))
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and not (tmp_path / "y.xlsx").exists()


def test_compare_two_passes_headless(tmp_path):
    first = _record(tmp_path / "1.json")
    second = _record(tmp_path / "2.json")
    assert chibo("compare", str(first), str(second)).returncode == 0
    raw = json.loads(second.read_text(encoding="utf-8"))
    raw["ballots"][4]["keep"] = ["c0"]
    raw.pop("digest")
    second.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    run = chibo("compare", str(first), str(second))
    assert run.returncode == 1 and "Phiếu số 5:" in run.stdout


def _code_lines(path: Path) -> str:
    return _texts(path).replace(" ", "").replace("\n", "")


def test_the_minutes_print_the_file_s_own_digest_exactly_and_its_qr(tmp_path):
    import zipfile

    record = _record(tmp_path / "ho-so.json")
    raw = json.loads(record.read_text(encoding="utf-8"))
    raw.pop("rules")  # a record written without rules: its digest is over what it holds, not a re-serialisation
    from models.counting import chain_digest

    raw["digest"] = chain_digest(raw)
    record.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "bb.xlsx"
    assert chibo("minutes", str(record), "-o", str(out)).returncode == 0
    assert raw["digest"] in _code_lines(out)
    assert any(n.startswith("xl/media/") and n.endswith(".png") for n in zipfile.ZipFile(out).namelist())
    raw.pop("digest")  # no digest: the paper says so and prints no code
    record.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert chibo("minutes", str(record), "-o", str(out)).returncode == 0
    assert "không có mã kiểm tra" in _texts(out) and "(SHA-256)" not in _texts(out)
    stated = chain_digest(raw)
    raw["ballots"][0]["keep"] = ["c3"]  # tampered: the paper prints the digest the file states, in red
    raw["digest"] = stated
    record.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert chibo("minutes", str(record), "-o", str(out)).returncode == 1
    assert stated in _code_lines(out) and chain_digest(raw) not in _code_lines(out)


def test_minutes_into_a_missing_folder_or_under_a_file_is_one_line(tmp_path):
    record = _record(tmp_path / "ho-so.json")
    for target in (tmp_path / "thiếu" / "bb.xlsx", record / "bb.xlsx"):
        run = chibo("minutes", str(record), "-o", str(target))
        assert run.returncode == 2 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr
        assert run.stderr.startswith("Không ghi được tệp")


def test_verify_a_record_against_the_code_on_the_signed_minutes(tmp_path):
    from models.counting import read_record
    from models.counting.check_code import code_text, grouped

    record = _record(tmp_path / "ho-so.json")
    digest = json.loads(record.read_text(encoding="utf-8"))["digest"]
    run = chibo("verify", str(record), "--code", grouped(digest).upper())
    assert run.returncode == 0 and run.stdout.startswith("KHỚP"), run.stdout + run.stderr
    qr = code_text(read_record(record))
    assert chibo("verify", str(record), "--code", qr).returncode == 0
    raw = json.loads(record.read_text(encoding="utf-8"))
    raw["ballots"][3]["keep"] = ["c3"]  # a ballot changed and the file's digest recomputed: only the paper can tell
    from models.counting import chain_digest

    raw["digest"] = chain_digest(raw)
    record.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    run = chibo("verify", str(record), "--code", qr)
    assert run.returncode == 1 and run.stdout.splitlines()[0] == "KHÔNG KHỚP với biên bản đã ký."
    assert "Phần đầu hồ sơ khớp, nhưng các phiếu" in run.stdout
    raw["electorate"]["official_summoned"] = 16
    raw["digest"] = chain_digest(raw)
    record.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert "Phần đầu hồ sơ (danh sách" in chibo("verify", str(record), "--code", qr).stdout
    run = chibo("verify", str(record), "--code", "٢" * 64)  # not ASCII hex digits
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "64 chữ số" in run.stderr
