"""The congress's headless commands: `export KIND --congress N` (the congress's papers on the tab's own jobs),
`minutes RECORD.json -o FILE` (the counting minutes from a record file), `verify --code CODE [--db FILE]` and
`ballots-pdf --round N -o FILE.pdf` (a round's ballots made to be scanned)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from cli.data_file import open_data_file, write_job
from cli.guard import guarded
from models.core.failures import OK, REFUSED, UNREADABLE


def congress_kinds_text() -> str:
    from services.congress.jobs import CONGRESS_JOBS

    return "\n".join(f"  {job.kind:<20} {job.title} (cần --congress N)" for job in CONGRESS_JOBS)


def is_congress_kind(kind: str) -> bool:
    from services.congress.jobs import CONGRESS_JOB_BY_KIND

    return kind in CONGRESS_JOB_BY_KIND


@guarded
def run_congress_export(
    kind: str, output: str, congress: int | None, *, db: str | None = None, out: TextIO, err: TextIO
) -> int:
    """Write the paper `kind` of the branch's congress number `congress` (its ordinal) to `output`."""
    from models.congress.congresses import find_congress, list_congresses
    from reports.core.openpyxl_loader import load_openpyxl
    from services.congress.jobs import CONGRESS_JOB_BY_KIND

    job = CONGRESS_JOB_BY_KIND[kind]
    open_data_file(db, meanwhile=load_openpyxl)
    if congress is None:
        held = ", ".join(str(c.ordinal) for c in list_congresses()) or "chưa có"
        print(f"Hãy chỉ đại hội bằng --congress N (N là lần thứ; các đại hội của chi bộ: {held}).", file=err)
        return UNREADABLE
    info = find_congress(congress)
    return write_job(lambda target: job.run(target, info.id), output, job.done, out, err)


@guarded
def run_minutes(record_path: str, output: str, *, out: TextIO, err: TextIO) -> int:
    """The counting minutes of a round from its record file. Exit 0 written; 1 written, but the record does not
    match its digest (the minutes say so); 2 a malformed file or an output that cannot be written."""
    from models.counting import read_record
    from services.congress.record_minutes import minutes_from_record

    record = read_record(record_path)
    target = Path(output)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(f"{target.name}.xlsx")
    written = minutes_from_record(record, target)
    print(f"Đã lập biên bản kiểm phiếu: {written}", file=out)
    if record.digest_ok is False:
        print("Hồ sơ không khớp mã kiểm tra: biên bản ghi rõ điều này; không dùng kết quả này.", file=err)
        return REFUSED
    return OK


@guarded
def run_verify_database(code: str, *, db: str | None = None, out: TextIO, err: TextIO) -> int:
    """`python main.py verify --code CODE [--db FILE]`: does the data file's round that the signed minutes speak of
    still match their code? 0 it matches; 1 it does not, or no closed round is that one; 2 an unreadable file."""
    from cli.counting import readable_code
    from models.live_count.signed_papers import round_for_code, verify_round

    readable_code(code)  # a code of the wrong shape is status 2, before the data file is opened
    open_data_file(db)
    round_id = round_for_code(code)
    if round_id is None:
        print("KHÔNG KHỚP: không lần bầu đã khóa kết quả nào trong tệp dữ liệu ứng với mã này.", file=out)
        return REFUSED
    outcome = verify_round(round_id, code)
    for line in outcome.lines:
        print(line, file=out)
    return OK if outcome.matches else REFUSED


@guarded
def run_ballots_pdf(round_id: int, output: str, copies: int, *, db: str | None = None, out: TextIO, err: TextIO) -> int:
    """Write `copies` ballots of the round with id `round_id` to `output` (".pdf" added when missing)."""
    from reports.core.export_files import NothingToExport
    from services.scanning.ballot_pdf import prepare_round_ballot_pdf

    open_data_file(db)
    target = Path(output)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(f"{target.name}.pdf")
    try:
        written = prepare_round_ballot_pdf(round_id, copies).write(target)
    except NothingToExport as exc:
        print(exc.message, file=err)
        return REFUSED
    print(f"Đã ghi {copies} phiếu bầu để quét ra tệp {written}", file=out)
    return OK
