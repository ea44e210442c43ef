"""The congress's elections, in the order the rules require: set each up, pick its list, take the votes on seats
and list, issue the ballots, print them, enter the result of the count, and go on to the next round or election.

The ballot-by-ballot count is the «Bầu cử» tab's; here a count done by hand is entered as totals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.congress.round_view import RoundView
from gui.core import dialogs, operations
from models.congress.congresses import CongressInfo, Status
from models.congress.elections import (
    NOT_ON_NEW_COMMITTEE,
    ElectionInfo,
    add_election,
    congress_elections,
    election_plan,
    eligibility,
    list_problems,
    set_candidates,
)
from models.congress.hand_votes import VoteKind, adopted_vote
from models.congress.rounds import start_problems
from models.counting import Post
from models.counting.structure import SINGLE_SEAT_POSTS, seat_bounds

POST_ROLE = Qt.ItemDataRole.UserRole
SHORT_LABELS = {
    Post.COMMITTEE: "Ban Chi ủy",
    Post.SECRETARY: "Bí thư Chi bộ",
    Post.DEPUTY_SECRETARY: "Phó Bí thư",
    Post.DELEGATE: "Đại biểu chính thức",
    Post.ALTERNATE_DELEGATE: "Đại biểu dự khuyết",
}


class _FillsViewport(QWidget):
    """The right side in its scroll area: it takes the visible height (its wrapped labels would otherwise ask
    for their preferred heights and make the area scroll at 1366×768), and scrolls only below its minimum."""

    def heightForWidth(self, _width: int) -> int:  # noqa: N802 - Qt override
        return -1


class ElectionsPage(QWidget):
    congress_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info: CongressInfo | None = None
        self.elections: dict[Post, ElectionInfo] = {}
        self.dialog = None
        self._build()

    def _build(self) -> None:
        splitter = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("<b>Các cuộc bầu của đại hội, theo thứ tự</b>"))
        self.plan_list = QListWidget()
        self.plan_list.currentRowChanged.connect(self._on_plan_list_current_row_changed)
        left_layout.addWidget(self.plan_list, 1)
        self.setup_button = QPushButton("Thiết lập cuộc bầ&u…")
        self.setup_button.clicked.connect(self.set_up_selected)
        left_layout.addWidget(self.setup_button)
        self.plan_note = QLabel()
        self.plan_note.setWordWrap(True)
        left_layout.addWidget(self.plan_note)
        splitter.addWidget(left)

        right = _FillsViewport()
        layout = QVBoxLayout(right)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        lists = QGroupBox("Danh sách bầu cử (in và kiểm theo thứ tự A, B, C)")
        lists_layout = QVBoxLayout(lists)
        self.candidate_list = QListWidget()
        lists_layout.addWidget(self.candidate_list, 1)
        row = QHBoxLayout()
        self.save_list_button = QPushButton("&Lưu danh sách")
        self.save_list_button.clicked.connect(self.save_list)
        self.floor_button = QPushButton("Thêm n&gười đề cử tại đại hội…")
        self.floor_button.clicked.connect(self.add_floor_nominee)
        row.addWidget(self.save_list_button)
        row.addWidget(self.floor_button)
        row.addStretch(1)
        lists_layout.addLayout(row)
        layout.addWidget(lists, 3)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        layout.addWidget(self.problems_label)
        actions = QHBoxLayout()
        self.seats_vote_button = QPushButton("Biểu &quyết số lượng…")
        self.seats_vote_button.clicked.connect(lambda: self._vote(VoteKind.SEATS))
        self.list_vote_button = QPushButton("Biểu quyết &danh sách…")
        self.list_vote_button.clicked.connect(lambda: self._vote(VoteKind.ELECTION_LIST))
        self.round_view = RoundView(self)
        self.round_view.round_changed.connect(self._on_round_view_round_changed)
        actions.addWidget(self.seats_vote_button)
        actions.addWidget(self.list_vote_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        layout.addWidget(self.round_view, 2)
        scroll = QScrollArea()  # a small window scrolls instead of squeezing the list and the result
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the list of elections to its candidates
        right.setMinimumHeight(440)  # all of it shows in the window at 1366×768
        scroll.setWidget(right)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([290, 1000])
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

    # showing ----------------------------------------------------------------------------------------------
    def show_congress(self, info: CongressInfo | None) -> None:
        self.info = info
        post = self.current_post()
        self.plan_list.blockSignals(True)
        self.plan_list.clear()
        self.elections = {e.post: e for e in congress_elections(info.id)} if info else {}
        plan = election_plan(info.id) if info else []
        for index, planned in enumerate(plan, start=1):
            election = self.elections.get(planned.post)
            if election is None:
                state = "chưa thiết lập"
            elif election.integrity:
                state = "KẾT QUẢ KHÔNG KHỚP"  # short: the list is narrow; the reason is in the tooltip
            elif election.done:
                state = f"đã bầu xong ({len(election.elected)}/{election.seats})"
            else:
                state = f"lần {election.current_round.number}: {election.current_round.status_label.lower()}"
            item = QListWidgetItem(f"{index}. {SHORT_LABELS[planned.post]} — {state}")
            item.setData(POST_ROLE, planned.post)
            item.setToolTip(planned.reason or planned.label)
            if election is not None and election.integrity:
                item.setForeground(QColor("#a4262c"))
                item.setToolTip("\n".join(election.integrity))
            self.plan_list.addItem(item)
        self.plan_list.blockSignals(False)
        rows = [self.plan_list.item(i).data(POST_ROLE) for i in range(self.plan_list.count())]
        self.plan_list.setCurrentRow(rows.index(post) if post in rows else (0 if rows else -1))
        self._show_selected()

    def current_post(self) -> Post | None:
        item = self.plan_list.currentItem()
        return item.data(POST_ROLE) if item else None

    def current_election(self) -> ElectionInfo | None:
        post = self.current_post()
        return self.elections.get(post) if post else None

    def _on_plan_list_current_row_changed(self, _row: int) -> None:
        self._show_selected()

    def _writable(self) -> bool:
        return self.info is not None and not self.info.read_only

    def _show_selected(self) -> None:
        election = self.current_election()
        post = self.current_post()
        planned = {p.post: p for p in election_plan(self.info.id)} if self.info else {}
        reason = planned[post].reason if post in planned else ""
        self.setup_button.setEnabled(self._writable() and post is not None and election is None and not reason)
        self.plan_note.setText(reason)
        in_setup = election is not None and election.current_round.state(self._writable()).can_edit_list
        for widget in (self.save_list_button, self.floor_button, self.candidate_list):
            widget.setEnabled(in_setup)
        first_round = in_setup and election.current_round.number == 1
        in_session = self._writable() and self.info.status == Status.IN_SESSION
        for button, kind in ((self.seats_vote_button, VoteKind.SEATS), (self.list_vote_button, VoteKind.ELECTION_LIST)):
            adopted = election is not None and adopted_vote(self.info.id, kind, election.id) is not None
            button.setEnabled(first_round and in_session and not adopted)
            button.setToolTip(
                "Đại hội đã thông qua; nếu ghi nhầm, hủy kết quả đó ở mục «3. Biểu quyết»." if adopted else ""
            )
        single = election is not None and election.post in SINGLE_SEAT_POSTS
        self.seats_vote_button.setVisible(not single)  # one secretary, one deputy: no vote on the number
        self.candidate_list.clear()
        if election is None:
            self.title_label.setText(
                "<i>Chọn một cuộc bầu bên trái; cuộc bầu chưa thiết lập thì bấm «Thiết lập cuộc bầu…».</i>"
                if self.info
                else ""
            )
            self.problems_label.setText("")
            self.round_view.show_round(None, None, False, False)
            return
        round_ = election.current_round
        self.title_label.setText(
            f"<b>{election.title}</b> — {election.seats} người; lần bầu thứ {round_.number} "
            f"({round_.status_label.lower()})"
        )
        on_list = {p.id for p in round_.candidates}
        if round_.state().in_setup:
            for person, why in eligibility(election.id):
                if why == NOT_ON_NEW_COMMITTEE and person.id not in on_list:
                    continue  # the secretary's and deputy's lists: the new committee only, not 30 greyed names
                item = QListWidgetItem(person.full_name + (f" — {why}" if why else ""))
                item.setData(POST_ROLE, person.id)
                if why and person.id not in on_list:
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                else:
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                    item.setFlags(flags)
                    checked = person.id in on_list
                    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.candidate_list.addItem(item)
        else:
            for number, person in enumerate(round_.candidates, start=1):
                self.candidate_list.addItem(f"{number}. {person.full_name}")
        self._show_problems(election)
        startable = round_.state().in_setup and not self._problems
        list_ok = not round_.state().in_setup or not list_problems(election, round_)
        self.round_view.show_round(election, round_, self._writable(), startable, list_ok)

    def _show_problems(self, election: ElectionInfo) -> None:
        round_ = election.current_round
        self._problems: list[str] = []
        if not round_.state().in_setup:
            self.problems_label.setText("")
            return
        problems = self._problems = list_problems(election, round_) + start_problems(round_.id)
        form = "gạch tên" if round_.form == "strike" else "đồng ý / không đồng ý"
        head = f"{len(round_.candidates)} người trong danh sách, {round_.seats} cần bầu: phiếu {form}."
        if problems:
            lines = "".join(f"<br>• {p}" for p in dict.fromkeys(problems))
            self.problems_label.setText(f"{head}<br><span style='color:#a4262c'>Chưa mở lần bầu được:{lines}</span>")
        else:
            self.problems_label.setText(f"{head}<br><span style='color:#107c10'>Đủ điều kiện mở lần bầu.</span>")

    # actions ----------------------------------------------------------------------------------------------
    def _done(self) -> None:
        self.show_congress(self.info)
        self.congress_changed.emit()

    def set_up_selected(self) -> None:
        post = self.current_post()
        if post is None or self.info is None:
            return
        bounds = seat_bounds(post)
        seats = bounds.default
        if bounds.asked:
            label = (
                f"Số lượng Ban Chi ủy cần bầu (không quá {bounds.most}):"
                if post == Post.COMMITTEE
                else "Số lượng được cấp trên phân bổ:"
            )
            seats = dialogs.ask_number(self, "Thiết lập cuộc bầu", label, bounds.default, bounds.least, bounds.most)
            if seats is None:
                return
        if operations.run(self, lambda: add_election(self.info.id, post, seats)):
            self._done()

    def checked_ids(self) -> list[int]:
        ids = []
        for index in range(self.candidate_list.count()):
            item = self.candidate_list.item(index)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState() == Qt.CheckState.Checked:
                ids.append(item.data(POST_ROLE))
        return ids

    def save_list(self) -> None:
        election = self.current_election()
        if election is None:
            return
        chosen = self.checked_ids()
        if operations.run(self, lambda: set_candidates(election.current_round.id, chosen)):
            self._done()

    def _vote(self, kind: VoteKind) -> None:
        from gui.congress.hand_vote_dialog import HandVoteDialog
        from models.congress.checkin import attendance_panel

        election = self.current_election()
        if election is None or self.info is None:
            return
        round_ = election.current_round
        if kind == VoteKind.SEATS:
            subject = f"Số lượng bầu {election.label}: {election.seats} đồng chí"
        else:
            names = ", ".join(p.full_name for p in round_.candidates)
            subject = f"Danh sách bầu cử {election.label} ({len(round_.candidates)} đồng chí): {names}"
        dialog = HandVoteDialog(
            self.info.id, attendance_panel(self.info.id).ballots, kind, subject, election.id, parent=self
        )
        dialog.vote_recorded.connect(lambda _record: self._done())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog = dialog

    def add_floor_nominee(self) -> None:
        """Pick an eligible member not on the list, then record the vote that admits them (more than 30 %)."""
        from gui.congress.hand_vote_dialog import HandVoteDialog
        from gui.congress.person_chooser import choose_person
        from models.congress.checkin import attendance_panel
        from models.congress.elections import admit_floor_nominee

        election = self.current_election()
        if election is None or self.info is None:
            return
        round_ = election.current_round
        on_list = {p.id for p in round_.candidates}
        free = [p for p, why in eligibility(election.id) if not why and p.id not in on_list]
        person = choose_person(self, "Người được đề cử, ứng cử tại đại hội", free)
        if person is None:
            return
        subject = f"Đưa đồng chí {person.full_name} (đề cử tại đại hội) vào danh sách bầu cử {election.label}"

        def save(text: str, in_favour: int, against: int, abstain: int, voting: int):
            """The vote and the nominee's place on the list: one act (models.congress.elections)."""
            return admit_floor_nominee(round_.id, person.id, text, in_favour, against, abstain, voting)[0]

        dialog = HandVoteDialog(
            self.info.id,
            attendance_panel(self.info.id).ballots,
            VoteKind.FLOOR_NOMINEE,
            subject,
            election.id,
            person.id,
            self,
            save=save,
        )

        def admitted(record) -> None:
            if not record.adopted:
                dialogs.show_info(
                    self,
                    f"Chỉ {record.in_favour}/{record.voting} người tán thành, không quá 30%: "
                    f"đồng chí {person.full_name} không được đưa vào danh sách.",
                )
            self._done()

        dialog.vote_recorded.connect(admitted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog = dialog

    def _on_round_view_round_changed(self) -> None:
        self._done()
