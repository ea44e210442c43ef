"""A practice file whose filling fails leaves nothing behind, through the data-file session: the window never
deletes SQLite's files itself, and the file open before is open again."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from models.core.errors import ValidationError
from models.roster.members import all_members


def test_a_failed_practice_file_is_removed_and_the_previous_file_reopened(
    qtbot, data_file, tmp_path, answers, monkeypatch
):
    import models.practice.sample_branch as sample_branch

    window = MainWindow(data_file, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    before = len(all_members())

    def failing(_today):
        raise ValidationError("Ngày của máy không hợp lệ.", "today")

    monkeypatch.setattr(sample_branch, "fill_practice_data", failing)
    answers["paths"].append(str(tmp_path / "tập dượt"))
    window.create_practice_file()
    assert answers["error"][-1] == ("Chưa tạo được tệp tập dượt.", "Ngày của máy không hợp lệ.")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("tập dượt")]
    assert window.data_path == data_file and len(all_members()) == before
