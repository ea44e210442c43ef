"""`main.py scan --db FILE --round N SCANS.pdf|FOLDER`: read a scanned stack into round N's scanned pass (the
round's id; a wrong one lists the rounds being counted). Certain ballots are appended; the pages waiting for the
counting committee are listed on stdout and in a review list file beside the scans. Exit status 0 when every page
is decided, 1 when pages wait for a person, 2 for an unreadable file (cli.guard)."""

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


def _counting_rounds_text() -> str:
    from models.live_count.count import count_rounds

    rounds = [r for r in count_rounds() if r.status == "counting"]
    if not rounds:
        return "Không có lần bầu nào đang kiểm phiếu."
    return "Lần bầu đang kiểm phiếu: " + "; ".join(f"mã {r.round_id} — {r.label}" for r in rounds) + "."


@guarded
def run_scan(db: str | None, round_id: int, source: str, *, out: TextIO, err: TextIO, reader=None) -> int:
    from models.congress.tables import ElectionRound
    from services.scan_count.scan_stack import scan_stack

    path = Path(source)
    if not path.exists():
        raise UnreadableInputError(f"Không có tệp hoặc thư mục ảnh quét «{path}».")
    open_data_file(db)
    if ElectionRound.get_or_none(ElectionRound.id == round_id) is None:
        raise NotFoundError(f"Không có lần bầu mã {round_id}. {_counting_rounds_text()}")
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
    from models.congress.tables import ElectionRound
    from models.counting.compare import describe
    from models.live_count.count import differences
    from models.live_count.passes import round_passes

    open_data_file(db)
    row = ElectionRound.get_or_none(ElectionRound.id == round_id)
    if row is None:
        raise NotFoundError(f"Không có lần bầu mã {round_id}. {_counting_rounds_text()}")
    election = next(r for r in get_election(row.election_id).rounds if r.id == round_id).election
    passes = round_passes(round_id)
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
