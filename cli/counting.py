"""The headless commands on election record files: `count` (recount a record and print the result JSON), `compare`
(two passes' files ballot by ballot) and `verify FILE --code CODE` (does a file still match its signed minutes?).

Exit statuses as cli.guard says; a malformed file is status 2.
"""

from __future__ import annotations

import json
from typing import TextIO

from cli.guard import guarded
from models.core.errors import UnreadableInputError, ValidationError
from models.core.exit_status import OK, REFUSED
from models.counting.record import recount
from models.counting.record_reader import read_record


@guarded
def run_count(path: str, *, out: TextIO, err: TextIO) -> int:
    """Print the `chibo.result/1` JSON of the record at `path`."""
    result = recount(read_record(path))
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2), file=out)
    return OK


@guarded
def run_compare(first_path: str, second_path: str, *, out: TextIO, err: TextIO) -> int:
    """List, ballot by ballot, where two passes' record files differ: 0 when they agree, 1 when they differ, 2 for
    a malformed file or two records of different rounds."""
    from models.counting.compare import describe, differences
    from models.counting.same_round import same_record_round

    first, second = read_record(first_path), read_record(second_path)
    for record, path in ((first, first_path), (second, second_path)):
        if record.digest_ok is False:
            raise UnreadableInputError(
                f"Hồ sơ «{path}» không khớp mã kiểm tra (đã bị sửa ngoài ChiBo): không đối chiếu."
            )
    if not same_record_round(first, second):
        raise UnreadableInputError(
            "Hai hồ sơ không cùng một lần bầu (chi bộ, đại hội, cuộc bầu, lần bầu, số lượng, "
            "hình thức phiếu hoặc danh sách ứng cử viên khác nhau)."
        )
    if first.ballots is None or second.ballots is None:
        raise UnreadableInputError("Hồ sơ ghi số tổng hợp, không có từng phiếu để đối chiếu.")
    election = first.election
    diffs = differences({x.no: x for x in first.ballots}, {x.no: x for x in second.ballots})
    for diff in diffs:
        print(
            f"Phiếu số {diff.no}: lượt 1 {describe(diff.first, election)}; lượt 2 {describe(diff.second, election)}.",
            file=out,
        )
    if diffs:
        print(f"Hai lượt nhập khác nhau ở {len(diffs)} phiếu.", file=out)
        return REFUSED
    print(f"Hai lượt nhập khớp nhau: {len(first.ballots)} phiếu.", file=out)
    return OK


@guarded
def run_verify(path: str, code: str, *, out: TextIO, err: TextIO) -> int:
    """Does the record file still match the code on the signed minutes? 0 it matches; 1 it does not (the first place
    where it does not comes first); 2 an unreadable file or code."""
    from models.counting.check_code import verify

    checked = readable_code(code)
    outcome = verify(read_record(path), checked)
    for line in outcome.lines:
        print(line, file=out)
    return OK if outcome.matches else REFUSED


def readable_code(code: str):
    """The signed minutes' code parsed; a code of the wrong shape cannot be read, as a malformed file cannot: an
    UnreadableInputError (status 2)."""
    from models.counting.check_code import parse_code

    try:
        return parse_code(code)
    except ValidationError as exc:
        raise UnreadableInputError(exc.message, exc.field) from exc
