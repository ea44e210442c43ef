"""The applicant's path as a headless command: the register, each applicant's stage and what the file still lacks
for a branch meeting on a given day (services.admission.register, as the «Phát triển Đảng» tab shows it)."""

from __future__ import annotations

import json
from datetime import date
from typing import TextIO

from cli.data_file import open_data_file
from cli.guard import guarded
from models.core import clock
from models.core.dates import fmt
from models.core.failures import OK


@guarded
def run_applicants(
    *, db: str | None = None, on: date | None = None, as_json: bool = False, out: TextIO, err: TextIO
) -> int:
    from services.admission.register import register_rows

    open_data_file(db)
    day = on or clock.today()
    rows = register_rows(day)
    if as_json:
        listing = [
            {
                "full_name": r.applicant.full_name,
                "birth_date": r.applicant.birth_date.isoformat() if r.applicant.birth_date else None,
                "stage": r.stage.value,
                "stage_label": r.stage_label,
                "lacks": list(r.lacks),
                "ceremony_due": r.ceremony_due.isoformat() if r.ceremony_due else None,
            }
            for r in rows
        ]
        print(
            json.dumps({"meeting_date": day.isoformat(), "applicants": listing}, ensure_ascii=False, indent=2), file=out
        )
        return OK
    if not rows:
        print("Chưa có quần chúng nào trong danh sách phát triển đảng viên.", file=out)
        return OK
    print(f"Danh sách phát triển đảng viên (xét cho hội nghị chi bộ ngày {fmt(day)}):", file=out)
    for index, row in enumerate(rows, 1):
        born = f", sinh {fmt(row.applicant.birth_date)}" if row.applicant.birth_date else ""
        print(f"{index}. {row.applicant.full_name}{born}: {row.status_text}", file=out)
        for line in row.lacks:
            print(f"   - {line}", file=out)
    return OK
