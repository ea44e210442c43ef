"""The working bodies, chosen from the summoned members: the presidium (or a single chair), the secretariat, and the
vote-counting committee with its head. Every refusal comes back from models.congress.bodies with its reason."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from models.congress.bodies import BODY_LABELS, Body, set_body, working_bodies
from models.congress.congresses import CongressInfo
from models.congress.summons import SummonedPerson, summoned_list
from models.core.vnname import fold

ROLE = Qt.ItemDataRole.UserRole
# The heads' labels: the counting committee's with a key of its own; no letter of «Chủ tịch đoàn» is free of the
# window's menus and tabs, the congress bar and this page's buttons
HEADS = {Body.PRESIDIUM: "Chủ tịch đoàn:", Body.COUNTING: "Trưởn&g ban:"}


class BodyBox(QGroupBox):
    """One body: tick its members (a click on the name or Space ticks and unticks; typing a name searches, never
    ticks), choose its head where it has one, save."""

    def __init__(self, title: str, save_text: str, head_label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm (không cần gõ dấu)")
        self.search.textChanged.connect(self._filter)
        layout.addWidget(self.search)
        self.list = QListWidget()
        self.list.itemChanged.connect(lambda _item: self._fill_heads())
        self.list.itemClicked.connect(self._toggle)
        self.list.installEventFilter(self)
        layout.addWidget(self.list, 1)
        self.head_combo = QComboBox()
        if head_label:
            row = QHBoxLayout()
            label = QLabel(head_label)
            label.setBuddy(self.head_combo)
            row.addWidget(label)
            row.addWidget(self.head_combo, 1)
            layout.addLayout(row)
        self.has_head = bool(head_label)
        self.save_button = QPushButton(save_text)
        layout.addWidget(self.save_button)
        self.people: list[SummonedPerson] = []

    def show_people(self, people: list[SummonedPerson], chosen: list[int], head: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for person in people:
            away = "" if person.attendance == "present" else f" ({person.attendance_label.lower()})"
            item = QListWidgetItem(f"{person.full_name}{away}")
            item.setData(ROLE, person.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)  # ticked by _toggle only
            item.setCheckState(Qt.CheckState.Checked if person.id in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.people = people
        self._fill_heads(head)

    def chosen(self) -> list[int]:
        return [
            self.list.item(i).data(ROLE)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def head(self) -> int | None:
        return self.head_combo.currentData() if self.has_head else None

    def _fill_heads(self, head: int | None = None) -> None:
        current = head if head is not None else self.head_combo.currentData()
        names = {p.id: p.full_name for p in self.people}
        self.head_combo.clear()
        for person_id in self.chosen():
            self.head_combo.addItem(names[person_id], person_id)
        index = self.head_combo.findData(current)
        self.head_combo.setCurrentIndex(max(index, 0))

    def _toggle(self, item: QListWidgetItem | None) -> None:
        if item is not None and self.isEnabled():
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        ):
            if event.key() == Qt.Key.Key_Space:
                self._toggle(self.list.currentItem())
                return True
            if event.text().isprintable() and event.text().strip():  # a name typed here is a search
                self.search.setFocus()
                self.search.setText(self.search.text() + event.text())
                return True
        return super().eventFilter(watched, event)

    def _filter(self, text: str) -> None:
        wanted = fold(text)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(wanted) and wanted not in fold(item.text()))


class BodiesPage(QWidget):
    congress_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info: CongressInfo | None = None
        layout = QVBoxLayout(self)
        choice = QHBoxLayout()
        self.presidium_radio = QRadioButton("Đ&oàn Chủ tịch")
        self.chair_radio = QRadioButton("Một đồng chí chủ t&rì")
        self.presidium_radio.setChecked(True)
        self.presidium_radio.toggled.connect(self._on_presidium_radio_toggled)
        choice.addWidget(QLabel("Điều hành đại hội:"))
        choice.addWidget(self.presidium_radio)
        choice.addWidget(self.chair_radio)
        choice.addStretch(1)
        layout.addLayout(choice)
        boxes = QHBoxLayout()
        self.lead_box = BodyBox(BODY_LABELS[Body.PRESIDIUM], "&Lưu Đoàn Chủ tịch", HEADS[Body.PRESIDIUM])
        self.secretariat_box = BodyBox(BODY_LABELS[Body.SECRETARIAT], "Lư&u Thư ký")
        self.counting_box = BodyBox(BODY_LABELS[Body.COUNTING], "Lưu B&an kiểm phiếu", HEADS[Body.COUNTING])
        self.lead_box.save_button.clicked.connect(self._save_lead)
        self.secretariat_box.save_button.clicked.connect(lambda: self._save(Body.SECRETARIAT, self.secretariat_box))
        self.counting_box.save_button.clicked.connect(lambda: self._save(Body.COUNTING, self.counting_box))
        for box in (self.lead_box, self.secretariat_box, self.counting_box):
            boxes.addWidget(box)
        layout.addLayout(boxes, 1)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.setStyleSheet("color: #107c10;")
        layout.addWidget(self.saved_label)
        self.note_label = QLabel("Ban kiểm phiếu gồm những đảng viên chính thức không có tên trong danh sách bầu cử.")
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)

    def show_congress(self, info: CongressInfo | None) -> None:
        self.info = info
        self.saved_label.setText("")
        bodies = working_bodies(info.id) if info else {body: [] for body in Body}
        chair = bool(bodies[Body.CHAIR])
        self.chair_radio.setChecked(chair)
        self.presidium_radio.setChecked(not chair)
        for box in (self.lead_box, self.secretariat_box, self.counting_box):
            self._show_box(box, bodies)
        writable = info is not None and not info.read_only
        for widget in (self.lead_box, self.secretariat_box, self.counting_box, self.chair_radio, self.presidium_radio):
            widget.setEnabled(writable)
        self._on_presidium_radio_toggled(not chair)

    def _show_box(self, box: BodyBox, bodies: dict[Body, list]) -> None:
        """One box as saved (the others keep their unsaved ticks)."""
        people = [p for p in summoned_list(self.info.id) if p.official] if self.info else []
        if box is self.lead_box:
            seats = bodies[Body.CHAIR] if self.chair_radio.isChecked() else bodies[Body.PRESIDIUM]
        else:
            seats = bodies[Body.SECRETARIAT if box is self.secretariat_box else Body.COUNTING]
        head = next((s.person.id for s in seats if s.is_head), None)
        box.show_people(people, [s.person.id for s in seats], head)

    def _on_presidium_radio_toggled(self, presidium: bool) -> None:
        self.lead_box.setTitle(BODY_LABELS[Body.PRESIDIUM if presidium else Body.CHAIR])
        self.lead_box.save_button.setText("&Lưu Đoàn Chủ tịch" if presidium else "&Lưu người chủ trì")
        self.lead_box.head_combo.setEnabled(presidium)

    def _save_lead(self) -> None:
        body = Body.PRESIDIUM if self.presidium_radio.isChecked() else Body.CHAIR
        self._save(body, self.lead_box)

    def _save(self, body: Body, box: BodyBox) -> None:
        head = box.head() if body in (Body.PRESIDIUM, Body.COUNTING) else None
        chosen = box.chosen()
        operations.run(
            self,
            lambda: set_body(self.info.id, body, chosen, head),
            lambda warnings: self._show_saved(body, box, warnings),
            heading=f"Chưa lưu {BODY_LABELS[body]}.",
        )

    def _show_saved(self, body: Body, box: BodyBox, warnings) -> None:
        if warnings:
            dialogs.show_warning(self, f"Đã lưu {BODY_LABELS[body]}.", "\n".join(warnings))
        self._show_box(box, working_bodies(self.info.id))
        names = ", ".join(
            box.list.item(i).text()
            for i in range(box.list.count())
            if box.list.item(i).checkState() == Qt.CheckState.Checked
        )
        head = ""
        if body in (Body.PRESIDIUM, Body.COUNTING) and box.head_combo.count():
            word = "Chủ tịch đoàn" if body == Body.PRESIDIUM else "Trưởng ban"
            head = f"; {word}: {box.head_combo.currentText()}"
        self.saved_label.setText(f"✔ Đã lưu {BODY_LABELS[body]}: {names or 'không ai'}{head}.")
        self.congress_changed.emit()
