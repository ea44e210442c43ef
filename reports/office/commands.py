"""Headless office commands over every branch: `python main.py stats --all-branches` and `export --all-branches`.

The same figures and jobs as the window's office view (models.office.office_statistics, reports.office.jobs), on a
data file or a server URL; Vietnamese (or JSON) on stdout, exit status as reports.core.commands says.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TextIO

from models.core import clock
from reports.core.commands import OK, UNREADABLE, on_data_file, open_data_file, write_job
from reports.roster.commands import print_sections, sections_json


@on_data_file
def run_office_stats(*, db: str | None = None, on: date | None = None, as_json: bool = False, out: TextIO,
                     err: TextIO) -> int:  # fmt: skip
    """The committee's figures on `on`: the total, then each branch's."""
    from models.office.office_statistics import office_statistics
    from reports.roster.jobs import StatisticsOptions

    open_data_file(db)
    options = StatisticsOptions.default(on or clock.today())
    report = office_statistics(options.on, options.period, options.year, options.age_bounds)
    if as_json:
        payload = {
            "on": options.on.isoformat(),
            "period": [d.isoformat() for d in options.period],
            "rating_year": options.year,
            "total": {"sections": sections_json(report.total)},
            "branches": [{"id": b.branch_id, "name": b.name, "sections": sections_json(b.sections)}
                         for b in report.branches],
        }  # fmt: skip
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return OK
    print(f"TOÀN ĐẢNG BỘ ({len(report.branches)} chi bộ)", file=out)
    print_sections(report.total, out, "  ")
    for branch in report.branches:
        print(branch.name.upper(), file=out)
        print_sections(branch.sections, out, "  ")
    return OK


@on_data_file
def run_office_export(kind: str, output: str, *, db: str | None = None, out: TextIO, err: TextIO) -> int:
    """Write the committee's export `kind` (as of today, every branch) to `output`."""
    from reports.office.jobs import OFFICE_JOB_BY_KIND, office_kinds_text

    job = OFFICE_JOB_BY_KIND.get(kind)
    if job is None:
        print(f"Không có loại xuất «{kind}» cho toàn đảng bộ. Các loại có:\n{office_kinds_text()}", file=err)
        return UNREADABLE
    open_data_file(db)
    return write_job(job.run, output, job.done, out, err)
