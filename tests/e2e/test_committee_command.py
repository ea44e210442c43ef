"""`python main.py dang-uy …`: the committee's record entered and shown from the command line on a committee's
data file, its header then on the office's exports; refusals are one Vietnamese line and exit status 1."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.e2e.test_office_all_branches import office_file  # noqa: F401 - the fixture: two branches in one file
from tests.support.commands import chibo


def test_the_record_from_the_command_line(office_file, tmp_path):  # noqa: F811
    db = str(office_file)
    run = chibo(
        "dang-uy",
        "sua",
        "--name",
        "Đảng ủy xã Sóc Sơn",
        "--higher",
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        "--place",
        "Sóc Sơn",
        "--term",
        "2025-2030",
        "--name-before",
        "Đảng ủy thị trấn Sóc Sơn",
        "--db",
        db,
    )
    assert run.returncode == 0 and "Đã lưu thông tin «ĐẢNG ỦY XÃ SÓC SƠN»" in run.stdout, run.stderr
    run = chibo(
        "dang-uy",
        "lanh-dao",
        "--post",
        "Bí thư",
        "--name",
        "Nguyễn Văn An",
        "--appointed",
        "--decision",
        "Quyết định số 1234-QĐ/TU ngày 30/6/2025",
        "--since",
        "01/07/2025",
        "--db",
        db,
    )
    assert run.returncode == 0, run.stderr
    run = chibo("dang-uy", "chi-bo", "2", "merged_into", "--date", "01/07/2025", "--other", "1", "--db", db)
    assert run.returncode == 0, run.stderr
    run = chibo("dang-uy", "chi-bo", "2", "merged_into", "--date", "01/07/2025", "--db", db)
    assert run.returncode == 1 and run.stderr.strip() == "«Hợp nhất vào chi bộ khác» cần chọn chi bộ liên quan."
    run = chibo("dang-uy", "ho-so", "1", "4", "--papers", "01/12/2025", "--db", db)
    assert run.returncode == 1 and "không có đại hội lần thứ 4" in run.stderr
    run = chibo("dang-uy", "xem", "--db", db)
    assert run.returncode == 0, run.stderr
    assert "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI / ĐẢNG ỦY XÃ SÓC SƠN" in run.stdout
    assert "Bí thư: Nguyễn Văn An (Chỉ định, Quyết định số 1234-QĐ/TU ngày 30/6/2025)" in run.stdout
    assert "01/07/2025 Hợp nhất vào chi bộ khác (Chi bộ Văn phòng Sở)" in run.stdout
    target = tmp_path / "dai-hoi.xlsx"
    run = chibo("export", "dai-hoi", "--all-branches", "-o", str(target), "--db", db)
    assert run.returncode == 0, run.stderr
    cells = [c.value for row in load_workbook(target)["Đại hội chi bộ"].iter_rows() for c in row]
    assert "ĐẢNG ỦY XÃ SÓC SƠN" in cells and "Chi bộ Văn phòng Sở" in cells
    assert "Chi bộ Phòng Kế hoạch" not in cells  # merged into the first on 1/7/2025
