"""The headless commands on a round's passes. N is the round's id («Mã lần bầu» in the «Bầu cử» tab); a wrong one
lists the rounds with their ids and what the window shows for them.

- `main.py scan --db FILE --round N SCANS.pdf|FOLDER`: read a scanned stack into round N's scanned pass. Certain
  ballots are appended; the pages waiting for the counting committee are listed on stdout and in a review list file
  beside the scans. Exit status 0 when every page is decided, 1 when pages wait for a person.
- `main.py compare --db FILE --round N`: every pass against pass 1.
- `main.py passes --db FILE --round N [--import RECORD.json [--into K] | --set-aside K --reason TEXT]`: list the
  passes; bring another PC's record file into a new pass (or the empty pass K); set pass K aside.

Exit status 2 for an unreadable file (cli.guard)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from cli.data_file import open_data_file
from cli.guard import guarded
from models.core.errors import NotFoundError, UnreadableInputError
from models.core.failures import OK, REFUSED


def review_list_path(source: Path) -> Path:
    """Where the review list goes: beside the scans, named after them."""
    return source.parent / f"{source.stem or source.name}-phieu-cho-quyet-dinh.txt"


def _round_guard(round_id: int):
    """The round's row, or NotFoundError listing the rounds there are."""
    from models.congress.tables import ElectionRound
    from models.live_count.count import rounds_listing

    row = ElectionRound.get_or_none(ElectionRound.id == round_id)
    if row is None:
        raise NotFoundError(f"Không có lần bầu mã {round_id}. {rounds_listing()}")
    return row


@guarded
def run_scan(db: str | None, round_id: int, source: str, *, out: TextIO, err: TextIO, reader=None) -> int:
    from services.scan_count.scan_stack import scan_stack

    path = Path(source)
    if not path.exists():
        raise UnreadableInputError(f"Không có tệp hoặc thư mục ảnh quét «{path}».")
    open_data_file(db)
    _round_guard(round_id)
    report = scan_stack(round_id, path, "Lệnh scan", reader=reader)
    lines = report.lines()
    for line in lines:
        print(line, file=out)
    if not report.waiting:
        return OK
    target = review_list_path(path)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"Danh sách phiếu chờ quyết định: {target}. Mở ChiBo, thẻ «Bầu cử», «Quyết định phiếu quét».", file=out)
    return REFUSED


@guarded
def run_compare_passes(db: str | None, round_id: int, *, out: TextIO, err: TextIO) -> int:
    """`main.py compare --db FILE --round N`: every pass of the round against pass 1, ballot by ballot; 0 when they
    all agree, 1 when any differs."""
    from models.congress.elections import get_election
    from models.counting.compare import describe
    from models.live_count.count import differences
    from models.live_count.passes import round_passes

    open_data_file(db)
    row = _round_guard(round_id)
    election = next(r for r in get_election(row.election_id).rounds if r.id == round_id).election
    passes = [p for p in round_passes(round_id) if not p.set_aside]  # a pass set aside need not agree
    if len(passes) < 2:
        print(f"Lần bầu mã {round_id} chỉ có một lượt nhập: không có gì để đối chiếu.", file=out)
        return REFUSED
    differ = False
    first = passes[0]
    for other in passes[1:]:
        diffs = differences(round_id, first.number, other.number)
        for d in diffs:
            print(
                f"Phiếu số {d.no}: {first.label} {describe(d.first, election)}; "
                f"{other.label} {describe(d.second, election)}.",
                file=out,
            )
        if diffs:
            differ = True
            print(f"{other.label} khác {first.label} ở {len(diffs)} phiếu.", file=out)
        else:
            print(f"{other.label} khớp với {first.label}.", file=out)
    return REFUSED if differ else OK


@guarded
def run_passes(
    db: str | None,
    round_id: int,
    *,
    record: str | None = None,
    into: int | None = None,
    set_aside: int | None = None,
    reason: str = "",
    by: str = "",
    out: TextIO,
    err: TextIO,
) -> int:
    """`main.py passes`: bring a record file into a pass (`record`, `into`), or set a pass aside (`set_aside`,
    `reason`), then list the round's passes; 0 done, 1 refused."""
    from models.counting.record_reader import read_record
    from models.live_count.count import import_pass
    from models.live_count.pass_aside import set_pass_aside
    from models.live_count.passes import pass_is_empty, round_passes

    read = read_record(record) if record is not None else None  # an unreadable file: status 2 before anything
    open_data_file(db)
    _round_guard(round_id)
    if read is not None:
        who = by or f"Tệp {Path(record or '').name}"
        number = import_pass(round_id, read, who, into)
        print(f"Đã nhận {len(read.ballots or ())} phiếu vào lượt {number}.", file=out)
    if set_aside is not None:
        set_pass_aside(round_id, set_aside, reason, by or "Lệnh passes")
        print(f"Đã gác lại lượt {set_aside}.", file=out)
    for p in round_passes(round_id):
        empty = ": chưa có phiếu" if pass_is_empty(round_id, p.number) else ""
        state = f": {p.aside_reason}" if p.set_aside else empty
        print(f"{p.label}{state}", file=out)
    return OK
