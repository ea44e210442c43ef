"""Screenshots for the README, taken from the running app on a practice file (offscreen, 1366×768):
`.venv/bin/python scripts/take_screenshots.py docs/screenshots`."""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(folder: Path) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    import gui.core.dialogs as dialogs
    from gui.main_window import MainWindow
    from models.congress.bodies import Body, set_body
    from models.congress.checkin import attendance_panel, check_in
    from models.congress.congresses import open_session
    from models.congress.elections import congress_elections
    from models.congress.hand_votes import VoteKind, record_vote
    from models.congress.rounds import start_round
    from models.congress.summons import summoned_list
    from models.core import clock
    from models.core.database import open_database
    from models.counting import Attendance
    from models.practice.sample_branch import fill_practice_data
    from models.schema import install_schema

    dialogs.confirm = lambda *args, **kwargs: True  # the screenshots answer «yes» to every question
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    path = work / "Tập dượt ChiBo.sqlite3"
    install_schema()
    open_database(path)
    practice = fill_practice_data(clock.today())
    people = summoned_list(practice.congress_id)
    for person in people[:-3]:
        check_in(person.id, Attendance.PRESENT)
    check_in(people[-3].id, Attendance.ABSENT_APPROVED, "Ốm, có đơn")
    window = MainWindow(path, QSettings(str(work / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 728)
    window.show()
    while window.members_tab is None or not window.members_tab.leadership_label.text():  # the roster, then its
        app.processEvents()  # leadership line, come after the first paint
    app.processEvents()
    window.grab().save(str(folder / "dang-vien.png"))
    window.tabs.setCurrentIndex(1)
    app.processEvents()
    window.grab().save(str(folder / "dai-hoi.png"))
    open_session(practice.congress_id)
    tellers = [p for p in summoned_list(practice.congress_id) if p.official and p.attendance == "present"][-3:]
    set_body(practice.congress_id, Body.COUNTING, [p.id for p in tellers], tellers[0].id)
    committee = congress_elections(practice.congress_id)[0]
    for kind in (VoteKind.SEATS, VoteKind.ELECTION_LIST):
        voting = attendance_panel(practice.congress_id).ballots
        record_vote(practice.congress_id, kind, "Thông qua", voting, 0, 0, voting, committee.id)
    start_round(committee.current_round.id)
    window.tabs.setCurrentIndex(2)
    ballots = window.ballots_tab
    ballots.refresh()
    rng = random.Random(5)
    for _ in range(voting - 4):
        QTest.keyClicks(ballots.entry, str(rng.choice((6, 6, 5, 4, 3, 2, 1))))
        QTest.keyClick(ballots.entry, Qt.Key.Key_Return)
    QTest.keyClicks(ballots.entry, "2")
    app.processEvents()
    window.grab().save(str(folder / "bau-cu.png"))
    for _ in range(4):
        QTest.keyClicks(ballots.entry, "6")
        QTest.keyClick(ballots.entry, Qt.Key.Key_Return)
    ballots.show_projector()
    ballots.close_count()
    ballots.publish()
    ballots.projector.resize(1366, 768)
    app.processEvents()
    ballots.projector.grab().save(str(folder / "man-hinh-trinh-chieu.png"))
    ballots.projector.close()
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
