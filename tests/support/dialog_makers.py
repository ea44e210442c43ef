"""Every dialog of the window, made as the window makes it over a roster (tests/support/people.py), for the
tests that look at all of them: access keys, sizes at 1366×768, unsaved changes asked about."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings

TODAY = date(2026, 12, 1)


def fill_roster() -> None:
    """The branch and the roster the dialogs are made over."""
    from models.core.branch import BranchInfo, save_branch
    from models.roster.members import save_member
    from tests.support.people import all_people

    save_branch(BranchInfo("Chi bộ Văn phòng Sở", "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB"))
    for record in all_people():
        save_member(record)


def make_branch():
    from gui.branch_dialog import BranchDialog

    return BranchDialog()


def make_branch_first_run():
    from gui.branch_dialog import BranchDialog

    return BranchDialog(first_run=True)


def make_recovery_key():
    from pathlib import Path

    from gui.core.recovery_key_dialog import RecoveryKeyDialog

    return RecoveryKeyDialog(Path("chibo.sqlite3"), "K7QF-2M9X-HD4P-8WZA-R3TC-6YNB")


def make_member():
    from gui.roster.member_dialog import MemberDialog

    return MemberDialog(today=TODAY)


def make_member_edit():
    from gui.roster.member_dialog import MemberDialog
    from models.roster.members import all_members

    return MemberDialog(all_members()[0].id, today=TODAY)


def make_event():
    from gui.roster.event_dialog import EventDialog
    from models.roster.members import all_members

    return EventDialog(member_id=all_members()[0].id, today=TODAY)


def make_event_with_end_date():
    """An exemption shows its end-date row too, whose label must not take the key of the event's own date."""
    from models.roster.event_kinds import EventKind

    dialog = make_event()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(EventKind.EXEMPTED))
    assert dialog.end_date_label.isVisibleTo(dialog)
    return dialog


def make_import():
    from gui.roster.import_dialog import ImportDialog

    return ImportDialog(today=TODAY)


def make_ratings():
    from gui.roster.ratings_dialog import RatingsDialog

    return RatingsDialog(2026, today=TODAY)


def make_statistics_options():
    from gui.roster.statistics_options_dialog import StatisticsOptionsDialog

    return StatisticsOptionsDialog(TODAY)


def make_congress():
    from gui.congress.congress_dialog import CongressDialog

    return CongressDialog()


def congress_in_session():
    """A congress of the roster, everyone checked in, in session: what the vote and count dialogs need."""
    from tests.support import congress_story as story

    info = story.congress()
    story.check_in_all(info.id)
    story.open_with_bodies(info.id, counting=2)
    return info


def make_hand_vote():
    from gui.congress.hand_vote_dialog import HandVoteDialog

    return HandVoteDialog(congress_in_session().id, 9, subject="Thông qua Nghị quyết")


def make_totals():
    from gui.congress.totals_dialog import TotalsDialog
    from models.congress.elections import add_election, get_election, set_candidates
    from models.congress.rounds import start_round
    from models.congress.summons import summoned_list
    from models.counting import Post
    from tests.support import congress_story as story

    info = congress_in_session()
    people = [p for p in summoned_list(info.id) if p.official][:4]  # the tellers are the last ones
    election = add_election(info.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in people])
    story.approve(info.id, story.VoteKind.SEATS, "Số lượng", election.id)
    story.approve(info.id, story.VoteKind.ELECTION_LIST, "Danh sách", election.id)
    round_ = start_round(get_election(election.id).current_round.id)
    return TotalsDialog(round_, election.title)


def make_person_chooser():
    from gui.congress.person_chooser import PersonChooser
    from models.roster.members import all_members

    return PersonChooser("Chọn đảng viên", all_members())


def make_restore():
    from gui.core.restore_dialog import RestoreDialog
    from models.core.auto_backup import take_backup
    from models.core.tables import db

    take_backup(db.obj.path, "manual")
    return RestoreDialog(db.obj.path)


def make_protection():
    from gui.core.protection_dialog import ProtectionDialog
    from models.core.tables import db

    return ProtectionDialog(db.obj.path)


def make_new_passphrase():
    from gui.core.passphrase_dialogs import NewPassphraseDialog
    from gui.core.protection_dialog import INTRO_SET
    from models.core.tables import db

    return NewPassphraseDialog("Đổi mật khẩu", INTRO_SET, None, db.obj.path, current_needed=True)


def make_passphrase():
    from gui.core.passphrase_dialogs import PassphraseDialog

    return PassphraseDialog("Tệp «chibo.sqlite3» đã được mã hóa: hãy nhập mật khẩu của tệp để mở.")


def make_lock():
    from gui.core.inactivity_lock import LockDialog

    return LockDialog(lambda typed: False)


def make_connection():
    import tempfile
    from pathlib import Path

    from gui.office.connection_dialog import ConnectionDialog

    folder = Path(tempfile.mkdtemp(prefix="chibo-settings-"))
    return ConnectionDialog(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))


def make_meeting():
    from gui.meetings.meeting_dialogs import MeetingDialog

    return MeetingDialog()


def make_meeting_vote():
    from gui.meetings.meeting_dialogs import VoteDialog
    from models.meetings.meetings import base_of, create_meeting

    meeting = create_meeting(TODAY, "Sinh hoạt chi bộ")
    dialog = VoteDialog(meeting, base_of(meeting.attendees))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.count() - 1)
    return dialog


def make_appointment():
    from gui.meetings.meeting_dialogs import AppointmentDialog

    return AppointmentDialog([("Nguyễn Văn An", 1)])


def make_approval():
    from gui.meetings.meeting_dialogs import ApprovalDialog

    return ApprovalDialog(1)


def make_committee():
    from gui.office.committee_dialog import CommitteeDialog

    return CommitteeDialog()


def make_transfer():
    from gui.office.transfer_dialog import TransferDialog
    from models.roster.members import all_members

    first = all_members()[0]
    return TransferDialog(first.id, first.full_name, [(1, "Chi bộ Văn phòng Sở"), (2, "Chi bộ Phòng Kế hoạch")], 1)


def make_applicant():
    from gui.admission.applicant_dialog import ApplicantDialog
    from models.roster.members import all_members

    return ApplicantDialog(None, all_members(), None)


def make_admission_vote():
    from gui.admission.admission_tab import AdmissionTab

    tab = AdmissionTab()
    return tab._vote_dialog("Biểu quyết đề nghị kết nạp", "Quần chúng Hoàng Thị Hoa", True)


DIALOGS = {
    "applicant": make_applicant,
    "admission_vote": make_admission_vote,
    "committee": make_committee,
    "protection": make_protection,
    "new_passphrase": make_new_passphrase,
    "passphrase": make_passphrase,
    "lock": make_lock,
    "connection": make_connection,
    "restore": make_restore,
    "congress": make_congress,
    "hand_vote": make_hand_vote,
    "totals": make_totals,
    "person_chooser": make_person_chooser,
    "branch": make_branch,
    "branch_first_run": make_branch_first_run,
    "recovery_key": make_recovery_key,
    "member": make_member,
    "member_edit": make_member_edit,
    "event": make_event,
    "event_with_end_date": make_event_with_end_date,
    "import": make_import,
    "ratings": make_ratings,
    "statistics_options": make_statistics_options,
    "meeting": make_meeting,
    "meeting_vote": make_meeting_vote,
    "appointment": make_appointment,
    "approval": make_approval,
    "transfer": make_transfer,
}
