"""Every dialog: each button has an access key, none repeats on a page; the dialog fits a 1366×768 screen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from models.core.branch import BranchInfo, save_branch
from models.roster.members import save_member
from tests.support.mnemonics import dialog_problems
from tests.support.people import all_people

SCREEN_WIDTH, SCREEN_HEIGHT, TASKBAR = 1366, 768, 40
TODAY = date(2026, 12, 1)
# the client area of a window with its title bar, above the taskbar of a 1366×768 screen
FREE_WIDTH, FREE_HEIGHT = SCREEN_WIDTH, SCREEN_HEIGHT - TASKBAR - 32


class _SmallScreen:
    def availableGeometry(self):
        return QRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT - TASKBAR)


@pytest.fixture
def small_screen(monkeypatch):
    """Windows sizing themselves see a 1366×768 screen with a taskbar (offscreen Qt has one screen of its own)."""
    monkeypatch.setattr(QWidget, "screen", lambda self: _SmallScreen())


def _fits(size) -> bool:
    return size.width() <= FREE_WIDTH and size.height() <= FREE_HEIGHT


def _branch():
    from gui.branch_dialog import BranchDialog

    return BranchDialog()


def _member():
    from gui.roster.member_dialog import MemberDialog

    return MemberDialog(today=TODAY)


def _member_edit():
    from gui.roster.member_dialog import MemberDialog
    from models.roster.members import all_members

    return MemberDialog(all_members()[0].id, today=TODAY)


def _event():
    from gui.roster.event_dialog import EventDialog
    from models.roster.members import all_members

    return EventDialog(member_id=all_members()[0].id, today=TODAY)


def _event_with_end_date():
    """An exemption shows its end-date row too, whose label must not take the key of the event's own date."""
    from models.roster.event_kinds import EventKind

    dialog = _event()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(EventKind.EXEMPTED))
    assert dialog.end_date_label.isVisibleTo(dialog)
    return dialog


def _import():
    from gui.roster.import_dialog import ImportDialog

    return ImportDialog(today=TODAY)


def _ratings():
    from gui.roster.ratings_dialog import RatingsDialog

    return RatingsDialog(2026, today=TODAY)


def _statistics_options():
    from gui.roster.statistics_options_dialog import StatisticsOptionsDialog

    return StatisticsOptionsDialog(TODAY)


def _congress():
    from gui.congress.congress_dialog import CongressDialog

    return CongressDialog()


def _congress_in_session():
    """A congress of the roster, everyone checked in, in session: what the vote and count dialogs need."""
    from tests.support import congress_story as story

    info = story.congress()
    story.check_in_all(info.id)
    story.open_with_bodies(info.id, counting=2)
    return info


def _hand_vote():
    from gui.congress.hand_vote_dialog import HandVoteDialog

    return HandVoteDialog(_congress_in_session().id, 9, subject="Thông qua Nghị quyết")


def _totals():
    from gui.congress.totals_dialog import TotalsDialog
    from models.congress.elections import add_election, get_election, set_candidates
    from models.congress.rounds import start_round
    from models.congress.summons import summoned_list
    from models.counting import Post
    from tests.support import congress_story as story

    info = _congress_in_session()
    people = [p for p in summoned_list(info.id) if p.official][:4]  # the tellers are the last ones
    election = add_election(info.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in people])
    story.approve(info.id, story.VoteKind.SEATS, "Số lượng", election.id)
    story.approve(info.id, story.VoteKind.ELECTION_LIST, "Danh sách", election.id)
    round_ = start_round(get_election(election.id).current_round.id)
    return TotalsDialog(round_, election.title)


def _person_chooser():
    from gui.congress.person_chooser import PersonChooser
    from models.roster.members import all_members

    return PersonChooser("Chọn đảng viên", all_members())


def _restore():
    from gui.core.restore_dialog import RestoreDialog
    from models.core.auto_backup import take_backup
    from models.core.tables import db

    take_backup(db.obj.path, "manual")
    return RestoreDialog(db.obj.path)


def _protection():
    from gui.core.protection_dialog import ProtectionDialog
    from models.core.tables import db

    return ProtectionDialog(db.obj.path)


def _new_passphrase():
    from gui.core.passphrase_dialogs import NewPassphraseDialog
    from gui.core.protection_dialog import INTRO_SET
    from models.core.tables import db

    return NewPassphraseDialog("Đổi mật khẩu", INTRO_SET, None, db.obj.path, current_needed=True)


def _passphrase():
    from gui.core.passphrase_dialogs import PassphraseDialog

    return PassphraseDialog("Tệp «chibo.sqlite3» đã được mã hóa: hãy nhập mật khẩu của tệp để mở.")


def _lock():
    from gui.core.inactivity_lock import LockDialog

    return LockDialog(lambda typed: False)


def _connection():
    import tempfile
    from pathlib import Path

    from gui.office.connection_dialog import ConnectionDialog

    folder = Path(tempfile.mkdtemp(prefix="chibo-settings-"))
    return ConnectionDialog(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))


def _meeting():
    from gui.meetings.meeting_dialogs import MeetingDialog

    return MeetingDialog()


def _meeting_vote():
    from gui.meetings.meeting_dialogs import VoteDialog
    from models.meetings.meetings import base_of, create_meeting

    meeting = create_meeting(TODAY, "Sinh hoạt chi bộ")
    dialog = VoteDialog(meeting, base_of(meeting.attendees))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.count() - 1)
    return dialog


def _appointment():
    from gui.meetings.meeting_dialogs import AppointmentDialog

    return AppointmentDialog([("Nguyễn Văn An", 1)])


def _approval():
    from gui.meetings.meeting_dialogs import ApprovalDialog

    return ApprovalDialog(1)


def _committee():
    from gui.office.committee_dialog import CommitteeDialog

    return CommitteeDialog()


def _applicant():
    from gui.admission.applicant_dialog import ApplicantDialog
    from models.roster.members import all_members

    return ApplicantDialog(None, all_members(), None)


def _admission_vote():
    from gui.admission.admission_tab import AdmissionTab

    tab = AdmissionTab()
    return tab._vote_dialog("Biểu quyết đề nghị kết nạp", "Quần chúng Hoàng Thị Hoa", True)


DIALOGS = {
    "applicant": _applicant,
    "admission_vote": _admission_vote,
    "committee": _committee,
    "protection": _protection,
    "new_passphrase": _new_passphrase,
    "passphrase": _passphrase,
    "lock": _lock,
    "connection": _connection,
    "restore": _restore,
    "congress": _congress,
    "hand_vote": _hand_vote,
    "totals": _totals,
    "person_chooser": _person_chooser,
    "branch": _branch,
    "member": _member,
    "member_edit": _member_edit,
    "event": _event,
    "event_with_end_date": _event_with_end_date,
    "import": _import,
    "ratings": _ratings,
    "statistics_options": _statistics_options,
    "meeting": _meeting,
    "meeting_vote": _meeting_vote,
    "appointment": _appointment,
    "approval": _approval,
}


@pytest.fixture
def roster(data_file):
    save_branch(BranchInfo("Chi bộ Văn phòng Sở", "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB"))
    for record in all_people():
        save_member(record)


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_button_has_an_access_key_and_none_repeats(qtbot, roster, answers, name):
    dialog = DIALOGS[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog_problems(name, dialog) == []
    dialog.done(0)  # closed before the dialog seam's patches are undone (a changed form asks before closing)


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_dialog_fits_a_small_screen(qtbot, roster, small_screen, name):
    dialog = DIALOGS[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    for what, size in (("minimum", dialog.minimumSizeHint()), ("hint", dialog.sizeHint()), ("opened", dialog.size())):
        assert _fits(size), (name, what, size)


def test_main_window_fits_a_small_screen(qtbot, roster, small_screen, data_file, tmp_path):
    from gui.main_window import MainWindow

    window = MainWindow(data_file, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert _fits(window.minimumSizeHint()) and _fits(window.size()), window.size()
    assert window.statusBar().isVisible()
    assert window.statusBar().geometry().bottom() < window.height()


def test_alt_l_saves_an_event_and_question_dialogs_show_their_whole_title(qtbot, roster, answers):
    from gui.core.dialogs import input_box
    from tests.support.mnemonics import mnemonic

    dialog = _event()
    qtbot.addWidget(dialog)
    assert mnemonic(dialog.save_button.text()) == "l"
    dialog.done(0)
    for title in ("Tìm, sửa phiếu", "Thiết lập cuộc bầu", "Hủy kết quả biểu quyết"):
        box = input_box(None, title, "Số:")
        qtbot.addWidget(box)
        bold = box.font()
        bold.setBold(True)
        assert box.minimumWidth() > QFontMetrics(bold).horizontalAdvance(title) + 150
