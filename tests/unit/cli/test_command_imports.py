"""What a headless command loads: only what it runs (an export of the roster no congress code, no numpy, no
Pillow)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_export_and_import_load_neither_numpy_nor_the_congress_code(sqlite_file, tmp_path):
    """`main.py export danh-sach` and `main.py import` of a roster holding a saved member, in one process that loads
    neither numpy nor Pillow (reports.core.openpyxl_loader) nor the congress's export jobs, the export not the
    import's code nor the statistics' and reminder lists': the export is written, the import finds the member
    again."""
    from openpyxl import Workbook

    from models.core.database import close_database
    from models.roster.members import save_member
    from tests.support.people import member

    saved = save_member(member(0)).member
    close_database()
    book, sheet = Workbook(), tmp_path / "nhap.xlsx"
    book.active.append(["Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng"])
    book.active.append([saved.full_name, saved.gender, saved.birth_date, saved.admission_date])
    book.save(sheet)
    code = (
        "import sys, main; "
        "e = main.main(['export', 'danh-sach', '-o', sys.argv[1] + '-ds.xlsx', '--db', sys.argv[2]]); "
        "importer = 'models.roster.member_import' in sys.modules; "
        "unneeded = [m for m in ('PIL', 'models.roster.statistics', 'reports.roster.reminder_lists') "
        "if m in sys.modules]; "
        "i = main.main(['import', sys.argv[1], '--db', sys.argv[2], '--dry-run']); "
        "print(unneeded, e, importer, i, 'numpy' in sys.modules, 'services.congress.jobs' in sys.modules, "
        "file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(sheet), str(sqlite_file)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.stderr.split()[-6:] == ["[]", "0", "False", "0", "False", "False"], done.stderr
    assert "trùng" in done.stdout.lower()  # the member exported is found again by the import


def test_count_loads_no_database_code_and_still_refuses_in_one_line(tmp_path):
    """`main.py count` of a record file loads neither peewee nor a database driver; a file that is not a record is
    still refused with one Vietnamese line and status 2 (its wording loads them then)."""
    from tests.support.worked_example import record

    path = record(tmp_path / "record.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code = (
        "import sys, main; c = main.main(['count', sys.argv[1]]); "
        "loaded = any(m in sys.modules for m in ('peewee', 'sqlcipher3', 'psycopg')); "
        "b = main.main(['count', sys.argv[2]]); print(c, loaded, b, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), str(broken)], cwd=ROOT, capture_output=True, text=True
    )
    lines = done.stderr.strip().splitlines()
    assert lines[-1] == "0 False 2", done.stderr
    assert lines[:-1] == ["Tệp không phải JSON hợp lệ (lỗi ở dòng 1, cột 2)."]
    assert '"digest_ok": true' in done.stdout
