"""File choosers of the dialogs seam: Documents first, a remembered folder per kind, free names, Vietnamese texts
and our own Vietnamese overwrite question. The user is played by a stand-in for QFileDialog.exec."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from gui.core import dialogs


class User:
    """Answers each chooser with the next pick (a file name in the shown folder, a path, or None to cancel)."""

    def __init__(self) -> None:
        self.picks: list[str | Path | None] = []
        self.shown: list[QFileDialog] = []
        self.folders: list[Path] = []
        self.names: list[str] = []

    def exec(self, dialog: QFileDialog) -> int:
        self.shown.append(dialog)
        folder = Path(dialog.directory().absolutePath())
        self.folders.append(folder)
        chosen = dialog.selectedFiles()
        self.names.append(Path(chosen[0]).name if chosen and Path(chosen[0]) != folder else "")
        pick = self.picks.pop(0)
        if pick is None:
            return QDialog.DialogCode.Rejected.value
        dialog.selectFile(str(pick if Path(pick).is_absolute() else folder / pick))
        return QDialog.DialogCode.Accepted.value


@pytest.fixture
def documents(tmp_path, monkeypatch):
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(dialogs.QStandardPaths, "writableLocation", staticmethod(lambda location: str(folder)))
    return folder


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    path = tmp_path / "settings.ini"
    monkeypatch.setattr(dialogs, "app_settings", lambda: QSettings(str(path), QSettings.Format.IniFormat))
    return path


@pytest.fixture
def user(monkeypatch, documents, settings_file):
    player = User()
    monkeypatch.setattr(QFileDialog, "exec", lambda dialog: player.exec(dialog))
    return player


@pytest.fixture
def questions(monkeypatch):
    """Overwrite questions asked, answered with the queued replies."""
    log: dict[str, list] = {"asked": [], "replies": []}

    def _confirm(parent, text, detail="", **kw):
        log["asked"].append((text, kw.get("yes"), kw.get("no")))
        return log["replies"].pop(0)

    monkeypatch.setattr(dialogs, "confirm", _confirm)
    return log


def test_first_chooser_opens_in_documents_and_speaks_vietnamese(qtbot, user, documents):
    user.picks = [None]
    assert dialogs.ask_save_path(None, "Xuất danh sách", dialogs.EXCEL_FILTER, "export", "Danh sách.xlsx") == ""
    dialog = user.shown[0]
    assert user.folders == [documents] and user.names == ["Danh sách.xlsx"]
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.testOption(QFileDialog.Option.DontConfirmOverwrite)
    labels = [
        dialog.labelText(getattr(QFileDialog.DialogLabel, n))
        for n in ("FileName", "FileType", "Accept", "Reject", "LookIn")
    ]
    assert labels == ["&Tên tệp:", "&Loại tệp:", "&Lưu", "&Hủy", "Thư mục:"]
    assert dialog.windowTitle() == "Xuất danh sách" and dialog.defaultSuffix() == "xlsx"


def test_each_kind_remembers_its_own_last_folder(qtbot, user, documents, tmp_path):
    exports, imports = tmp_path / "xuat", tmp_path / "nhap"
    exports.mkdir(), imports.mkdir()
    (imports / "ds.xlsx").write_bytes(b"")
    user.picks = [exports / "a.xlsx", imports / "ds.xlsx"]
    assert dialogs.ask_save_path(None, "Xuất", dialogs.EXCEL_FILTER, "export", "a.xlsx") == str(exports / "a.xlsx")
    assert dialogs.ask_open_path(None, "Nhập", dialogs.EXCEL_FILTER, "import") == str(imports / "ds.xlsx")
    assert user.folders == [documents, documents]  # import did not inherit the export folder

    user.picks = [None, None, None, None]
    dialogs.ask_save_path(None, "Xuất", dialogs.EXCEL_FILTER, "export", "b.xlsx")
    dialogs.ask_open_path(None, "Nhập", dialogs.EXCEL_FILTER, "import")
    dialogs.ask_save_path(None, "Sao lưu", dialogs.DATA_FILTER, "backup", "x.sqlite3")
    dialogs.ask_open_path(None, "Mở", dialogs.DATA_FILTER, "data")
    assert user.folders[2:] == [exports, imports, documents, documents]


def test_an_answered_chooser_goes_away_with_its_model_not_left_under_the_window(qtbot, user, documents):
    window = QWidget()
    qtbot.addWidget(window)
    user.picks = ["a.xlsx", None, "b.xlsx"]
    assert dialogs.ask_save_path(window, "Xuất", dialogs.EXCEL_FILTER, "export", "a.xlsx")
    assert dialogs.ask_open_path(window, "Nhập", dialogs.EXCEL_FILTER, "import") == ""
    (documents / "b.xlsx").write_bytes(b"")
    assert dialogs.ask_open_path(window, "Nhập", dialogs.EXCEL_FILTER, "import") == str(documents / "b.xlsx")
    assert len(user.shown) == 3
    qtbot.waitUntil(lambda: not window.findChildren(QFileDialog))


def test_cancelling_remembers_nothing_and_a_vanished_folder_falls_back_to_documents(qtbot, user, documents, tmp_path):
    gone = tmp_path / "usb"
    gone.mkdir()
    user.picks = [gone / "a.xlsx", None, None]
    dialogs.ask_save_path(None, "Xuất", dialogs.EXCEL_FILTER, "export", "a.xlsx")
    gone.rmdir()
    dialogs.ask_save_path(None, "Xuất", dialogs.EXCEL_FILTER, "export", "a.xlsx")
    assert user.folders[1] == documents
    dialogs.ask_save_path(None, "Xuất", dialogs.EXCEL_FILTER, "export", "a.xlsx")
    assert user.folders[2] == documents


def test_a_name_already_in_the_folder_is_suggested_with_a_number(qtbot, user, documents):
    (documents / "Danh sách.xlsx").write_bytes(b"")
    (documents / "Danh sách (2).xlsx").write_bytes(b"")
    user.picks = [None]
    dialogs.ask_save_path(None, "Xuất", dialogs.EXCEL_FILTER, "export", "Danh sách.xlsx")
    assert user.names == ["Danh sách (3).xlsx"]
    assert dialogs.free_name(documents, "Báo cáo.xlsx") == "Báo cáo.xlsx"


def test_overwriting_is_asked_in_vietnamese_and_refusing_reopens_the_chooser(qtbot, user, documents, questions):
    (documents / "cũ.xlsx").write_bytes(b"data")
    user.picks = ["cũ.xlsx", "mới.xlsx"]
    questions["replies"] = [False]
    assert dialogs.ask_save_path(None, "Xuất", dialogs.EXCEL_FILTER, "export") == str(documents / "mới.xlsx")
    assert questions["asked"] == [("Tệp «cũ.xlsx» đã có. Ghi đè?", "&Ghi đè", "&Chọn tên khác")]
    assert len(user.shown) == 2

    user.picks = ["cũ.xlsx"]
    questions["replies"] = [True]
    assert dialogs.ask_save_path(None, "Xuất", dialogs.EXCEL_FILTER, "export") == str(documents / "cũ.xlsx")
    assert (documents / "cũ.xlsx").read_bytes() == b"data"  # asking never touches the file


def test_a_new_data_file_is_not_asked_about_overwriting(qtbot, user, documents, questions):
    (documents / "chibo.sqlite3").write_bytes(b"")
    user.picks = ["chibo.sqlite3"]
    path = dialogs.ask_save_path(None, "Tạo", dialogs.DATA_FILTER, "data", "chibo.sqlite3", ask_overwrite=False)
    assert path == str(documents / "chibo.sqlite3") and questions["asked"] == []
    assert user.names == ["chibo (2).sqlite3"]


def test_unknown_kind_is_a_programming_error(qtbot, settings_file):
    with pytest.raises(ValueError):
        dialogs.ask_open_path(None, "Mở", dialogs.DATA_FILTER, "photos")
