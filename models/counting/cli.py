"""`python main.py count FILE`: recount an election record headless and print the result JSON."""

from __future__ import annotations

import contextlib
import json
import sys
from typing import TextIO

from models.core.vnname import nfc
from models.counting.errors import MalformedError
from models.counting.record import ElectionRecord, recount
from models.counting.record_reader import read_record


def run_count(path: str, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Print the `chibo.result/1` JSON and return 0, or print one Vietnamese line to stderr and return 2."""
    out = stdout if stdout is not None else _utf8(sys.stdout)
    err = stderr if stderr is not None else _utf8(sys.stderr)
    try:
        result = recount(read_record(path))
    except MalformedError as exc:
        print(" ".join(exc.message.split()), file=err)
        return 2
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2), file=out)
    return 0


def run_compare(first_path: str, second_path: str, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """List, ballot by ballot, where two passes' record files differ: 0 when they agree, 1 when they differ, 2 for
    a malformed file or two records of different rounds."""
    from models.counting.compare import describe, differences

    out = stdout if stdout is not None else _utf8(sys.stdout)
    err = stderr if stderr is not None else _utf8(sys.stderr)
    try:
        first, second = read_record(first_path), read_record(second_path)
    except MalformedError as exc:
        print(" ".join(exc.message.split()), file=err)
        return 2
    a = first.election
    for record, path in ((first, first_path), (second, second_path)):
        if record.digest_ok is False:
            print(f"Hồ sơ «{path}» không khớp mã kiểm tra (đã bị sửa ngoài ChiBo): không đối chiếu.", file=err)
            return 2
    if identity(first) != identity(second):
        print("Hai hồ sơ không cùng một lần bầu (chi bộ, đại hội, cuộc bầu, lần bầu, số lượng, hình thức phiếu "
              "hoặc danh sách ứng cử viên khác nhau).", file=err)  # fmt: skip
        return 2
    if first.ballots is None or second.ballots is None:
        print("Hồ sơ ghi số tổng hợp, không có từng phiếu để đối chiếu.", file=err)
        return 2
    diffs = differences({x.no: x for x in first.ballots}, {x.no: x for x in second.ballots})
    for diff in diffs:
        print(f"Phiếu số {diff.no}: lượt 1 {describe(diff.first, a)}; lượt 2 {describe(diff.second, a)}.", file=out)
    if diffs:
        print(f"Hai lượt nhập khác nhau ở {len(diffs)} phiếu.", file=out)
        return 1
    print(f"Hai lượt nhập khớp nhau: {len(first.ballots)} phiếu.", file=out)
    return 0


def run_verify(path: str, code: str, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """`python main.py verify RECORD.json --code CODE`: does the file still match the code on the signed minutes?
    0 it matches; 1 it does not (the first place where it does not comes first); 2 an unreadable file or code."""
    from models.core.errors import ValidationError
    from models.counting.check_code import parse_code, verify

    out = stdout if stdout is not None else _utf8(sys.stdout)
    err = stderr if stderr is not None else _utf8(sys.stderr)
    try:
        checked = parse_code(code)
        record = read_record(path)
    except ValidationError as exc:  # MalformedError too
        print(" ".join(exc.message.split()), file=err)
        return 2
    outcome = verify(record, checked)
    for line in outcome.lines:
        print(line, file=out)
    return 0 if outcome.matches else 1


def identity(record: ElectionRecord) -> tuple:
    """What makes two records passes of the same round: the branch, congress and election, the round, seats and
    form, and the candidates by id and name (ids alone can coincide between unrelated records)."""
    e = record.election
    names = tuple((c.id, nfc(c.name).strip()) for c in e.candidates)
    return (nfc(record.branch).strip(), nfc(record.congress).strip(), nfc(record.title).strip(), e.post, e.round,
            e.seats, e.form, e.tie_break, names)  # fmt: skip


def _utf8(stream: TextIO) -> TextIO:
    # A Windows console defaults to a legacy code page that cannot print Vietnamese.
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8", errors="replace")
    return stream
