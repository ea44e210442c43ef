"""The roster's headless commands: import a roster, the statistics figures, every export of the branch.

Each runs the same domain operations as the members tab (reports.roster.roster_reader + models.roster.member_import,
models.roster.statistics, services.roster.jobs) on one data file, prints Vietnamese (or JSON) and returns the exit
status (cli.guard): 0 done, 1 refused for the data (an import row with an error, nothing to export), 2 a file that
cannot be read or written.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cli.data_file import open_data_file, write_job
from cli.guard import guarded
from models.core import clock
from models.core.cycle_collection import cycle_collection_off
from models.core.failures import OK, REFUSED, UNREADABLE
from services.roster.jobs import export_kinds_text

if TYPE_CHECKING:
    from models.roster.member_import import PlanRow

# import --------------------------------------------------------------------------------------------


def _row_json(row: PlanRow) -> dict:
    duplicate = None
    if row.saved is not None:
        duplicate = {"member_id": row.saved.member_id, "full_name": row.saved.full_name, "by_card": row.saved.by_card}
    elif row.file_duplicate_of is not None:
        duplicate = {"file_row": row.file_duplicate_of}
    return {
        "row": row.row,
        "full_name": row.record.full_name,
        "birth_date": row.record.birth_date.isoformat() if row.record.birth_date else None,
        "status": row.status,
        "action": row.action,
        "problems": [asdict(p) for p in row.problems],
        "duplicate": duplicate,
    }


@guarded
def run_import(
    file: str,
    *,
    db: str | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    as_json: bool = False,
    skip_errors: bool = False,
    out: TextIO,
    err: TextIO,
) -> int:
    """Read and plan as the import dialog does, then (unless `dry_run`) apply the default actions in one transaction.

    A row with an error refuses the whole import (status 1) unless `skip_errors`, which leaves those rows out.
    """
    from models.roster.import_summary import outcome_summary, plan_summary
    from models.roster.member_import import ADD, SKIP, UPDATE, apply_import, plan_import
    from reports.core.openpyxl_loader import load_openpyxl
    from reports.roster.roster_reader import read_roster

    load_openpyxl()
    open_data_file(db)
    result = read_roster(file, sheet)  # ImportFileError (status 2): what is wrong with the file
    plan = plan_import(result)
    refused = plan.errors > 0 and not skip_errors
    if not (dry_run or refused):
        from models.core.database import backup_open_file

        backup_open_file("import")  # as the window does; StorageError (nothing imported) when it cannot be taken
    outcome = None if dry_run or refused else apply_import(plan)
    if as_json:
        report = {
            "file": str(file),
            "sheet": result.sheet,
            "summary": plan_summary(plan),
            "counts": {"rows": len(plan.rows), "new": plan.new, "duplicates": plan.duplicates, "errors": plan.errors},
            "actions": {action: plan.count(action) for action in (ADD, UPDATE, SKIP)},
            "applied": asdict(outcome) if outcome is not None else None,
            "rows": [_row_json(row) for row in plan.rows],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2), file=out)
    else:
        print(f"Tệp «{Path(file).name}», trang tính «{result.sheet}»: {plan_summary(plan)}", file=out)
        for row in plan.rows:
            for problem in row.problems:
                kind = "Lỗi" if problem.severity == "error" else "Cảnh báo"
                where = f"dòng {problem.row}, cột «{problem.column}»" if problem.column else f"dòng {problem.row}"
                print(f"  {kind} ở {where}: {problem.message}", file=out)
        if outcome is not None:
            print(outcome_summary(outcome), file=out)
        elif refused:
            print("Có dòng lỗi nên chưa nhập gì; sửa tệp, hoặc dùng --skip-errors để nhập các dòng còn lại.", file=out)
        else:
            print("Chạy thử (--dry-run): chưa lưu gì.", file=out)
    return REFUSED if refused else OK


# statistics ----------------------------------------------------------------------------------------


@guarded
def run_stats(*, db: str | None = None, on: date | None = None, as_json: bool = False, out: TextIO, err: TextIO) -> int:
    """The statistics report's figures on `on` (default today), each with its label as printed on the report."""
    from models.roster.members import all_members
    from models.roster.rating_book import ratings_for_year
    from models.roster.statistics import branch_statistics
    from services.roster.jobs import StatisticsOptions

    open_data_file(db)
    options = StatisticsOptions.default(on or clock.today())
    ratings = ratings_for_year(options.year)
    sections = branch_statistics(all_members(), ratings, options.on, options.period, options.year, options.age_bounds)
    if as_json:
        report = {
            "on": options.on.isoformat(),
            "period": [d.isoformat() for d in options.period],
            "rating_year": options.year,
            "sections": sections_json(sections),
        }
        print(json.dumps(report, ensure_ascii=False, indent=2), file=out)
        return OK
    print_sections(sections, out)
    return OK


def sections_json(sections) -> list[dict]:
    return [{"key": s.key, "title": s.title, "rows": [asdict(r) for r in s.rows]} for s in sections]


def print_sections(sections, out: TextIO, indent: str = "") -> None:
    """Each section's title, then its rows «label: count (percent)»."""
    from models.core.numerals import thousands

    for section in sections:
        print(f"{indent}{section.title}", file=out)
        for row in section.rows:
            percent = "" if row.percent is None else f" ({row.percent:.2f} %)".replace(".", ",")
            print(f"{indent}  {row.label}: {thousands(row.count)}{percent}", file=out)


# exports -------------------------------------------------------------------------------------------


def is_roster_kind(kind: str) -> bool:
    from services.roster.jobs import JOB_BY_KIND

    return kind in JOB_BY_KIND


@guarded
def run_export(kind: str, output: str, *, db: str | None = None, out: TextIO, err: TextIO) -> int:
    """Write the export `kind` of the whole branch (as of today) to `output`."""
    from services.roster.jobs import JOB_BY_KIND

    job = JOB_BY_KIND.get(kind)
    if job is None:
        print(f"Không có loại xuất «{kind}». Các loại có:\n{export_kinds_text()}", file=err)
        return UNREADABLE
    from reports.core.openpyxl_loader import load_openpyxl

    open_data_file(db, meanwhile=load_openpyxl)
    # A branch's records, rows and cells hold no cycle to speak of: the collector would only walk them, again and
    # again as they grow (a tenth of a 5,000-member list).
    with cycle_collection_off():
        return write_job(job.run, output, job.done, out, err)
