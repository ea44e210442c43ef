"""Headless office commands over every branch: `python main.py stats --all-branches` and `export --all-branches`.

The same figures and jobs as the window's office view (models.office.office_statistics, services.office.jobs), on a
data file or a server URL; Vietnamese (or JSON) on stdout, exit status as cli.guard says.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TextIO

from cli.data_file import open_data_file, write_job
from cli.guard import guarded
from cli.roster import print_sections, sections_json
from models.core import clock
from models.core.failures import OK, UNREADABLE


@guarded
def run_office_stats(
    *, db: str | None = None, on: date | None = None, as_json: bool = False, out: TextIO, err: TextIO
) -> int:
    """The committee's figures on `on`: the total, then each branch's."""
    from models.office.office_statistics import office_statistics
    from services.roster.jobs import StatisticsOptions

    open_data_file(db)
    options = StatisticsOptions.default(on or clock.today())
    report = office_statistics(options.on, options.period, options.year, options.age_bounds)
    if as_json:
        payload = {
            "on": options.on.isoformat(),
            "period": [d.isoformat() for d in options.period],
            "rating_year": options.year,
            "total": {"sections": sections_json(report.total)},
            "branches": [
                {"id": b.branch_id, "name": b.name, "sections": sections_json(b.sections)} for b in report.branches
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return OK
    print(f"TOÀN ĐẢNG BỘ ({len(report.branches)} chi bộ)", file=out)
    print_sections(report.total, out, "  ")
    for branch in report.branches:
        print(branch.name.upper(), file=out)
        print_sections(branch.sections, out, "  ")
    return OK


@guarded
def run_office_export(kind: str, output: str, *, db: str | None = None, out: TextIO, err: TextIO) -> int:
    """Write the committee's export `kind` (as of today, every branch) to `output`."""
    from services.office.jobs import OFFICE_JOB_BY_KIND, office_kinds_text

    job = OFFICE_JOB_BY_KIND.get(kind)
    if job is None:
        print(f"Không có loại xuất «{kind}» cho toàn đảng bộ. Các loại có:\n{office_kinds_text()}", file=err)
        return UNREADABLE
    from reports.core.openpyxl_loader import load_openpyxl

    open_data_file(db, meanwhile=load_openpyxl)
    return write_job(job.run, output, job.done, out, err)
