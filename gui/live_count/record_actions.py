"""The ballots tab's files: the counting minutes and the entry log as workbooks, the election record file out and
(a pass typed on another PC) in, «Kiểm tra lại hồ sơ», and the room's projector window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt

from gui.core import dialogs, operations


class RecordActions(QObject):
    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.task = None

    def _round_id(self) -> int | None:
        chosen = self.tab.current_round()
        return chosen.round_id if chosen else None

    # workbooks --------------------------------------------------------------------------------------------------
    def export_minutes(self) -> None:
        """The minutes take their number once a file is chosen (a cancel leaves no gap in the sequence)."""
        from gui.core.export_runner import write_export
        from reports.core.export_files import NothingToExport
        from services.congress.minutes_jobs import minutes_file_name, prepare_minutes

        round_id = self._round_id()
        if round_id is None:
            return
        name = operations.result_of(self.tab, lambda: minutes_file_name(round_id), notice=(NothingToExport,))
        if name is operations.REFUSED:
            return
        self.task = write_export(
            self.tab,
            "Xuất biên bản kiểm phiếu",
            lambda: prepare_minutes(round_id),
            "Đang lập biên bản…",
            "Đã xuất biên bản kiểm phiếu (và hồ sơ bầu cử .json bên cạnh) ra tệp Excel.",
            suggested=name,
        )

    def export_log(self) -> None:
        from services.congress.minutes_jobs import prepare_entry_log

        self._export(prepare_entry_log, "Xuất nhật ký nhập phiếu", "Đã xuất nhật ký nhập phiếu ra tệp Excel.")

    def _export(self, prepare, title: str, done: str) -> None:
        from gui.core.export_runner import write_export
        from reports.core.export_files import NothingToExport

        round_id = self._round_id()
        if round_id is None:
            return

        def write(prepared) -> None:
            self.task = write_export(self.tab, title, prepared, "Đang lập tệp Excel…", done)

        operations.run(self.tab, lambda: prepare(round_id), write, notice=(NothingToExport,))

    # the record file --------------------------------------------------------------------------------------------
    def export_record(self) -> None:
        from models.live_count.count import sound_round_record

        round_id = self._round_id()
        if round_id is None:
            return
        operations.run(self.tab, lambda: sound_round_record(round_id), self._save_record)

    def _save_record(self, record) -> None:
        from models.core.errors import os_error_text
        from models.counting import write_record
        from reports.core.files import safe_filename

        name = safe_filename(f"Hồ sơ bầu cử - {record.title} - lần {record.election.round}") + ".json"
        path = dialogs.ask_save_path(self.tab, "Xuất hồ sơ bầu cử", dialogs.RECORD_FILTER, "record", name)
        if not path:
            return
        try:
            write_record(record, path)
        except OSError as exc:
            dialogs.show_error(self.tab, f"Không ghi được tệp hồ sơ: {os_error_text(exc)}.")
            return
        dialogs.show_info(self.tab, "Đã xuất hồ sơ bầu cử. Ai cũng kiểm lại được bằng: chibo count TỆP.json", path)

    def _read(self, title: str):
        from models.counting import read_record

        path = dialogs.ask_open_path(self.tab, title, dialogs.RECORD_FILTER, "record")
        if not path:
            return None, ""
        heading = f"Tệp «{Path(path).name}» không phải hồ sơ bầu cử hợp lệ."
        record = operations.result_of(self.tab, lambda: read_record(path), heading=heading)
        return (None, "") if record is operations.REFUSED else (record, path)

    def import_pass(self) -> None:
        """A pass typed on another PC, from its record file: into an empty pass the user picks (the first one
        offered), or a new pass; then compared with pass 1 as any pass."""
        from models.live_count.count import import_pass, importable_passes
        from models.live_count.passes import next_pass_number

        round_id = self._round_id()
        if round_id is None:
            return
        record, path = self._read("Nhận lượt nhập từ tệp hồ sơ")
        if record is None:
            return
        empty, new = importable_passes(round_id), next_pass_number(round_id)
        into: int | None = None
        if empty:
            listed = ", ".join(str(n) for n in empty)
            label = f"Nhận vào lượt số (lượt chưa có phiếu: {listed}; lượt mới: {new}):"
            chosen = dialogs.ask_number(self.tab, "Nhận lượt nhập từ tệp hồ sơ", label, empty[0], 1, new, "Nhận")
            if chosen is None:
                return
            into = None if chosen == new else chosen

        def show(number: int) -> None:
            brought = len(record.ballots or ())
            self.tab.show_pass(number)
            dialogs.show_info(
                self.tab, f"Đã nhận {brought} phiếu vào lượt {number}; xem «Đối chiếu hai lượt» để so với lượt 1."
            )

        changes = operations.OperationChanges(round=True, source=self.tab)
        name = f"Tệp {Path(path).name}"
        operations.run(self.tab, lambda: import_pass(round_id, record, name, into), show, changes=changes)

    def check_record(self) -> None:
        """Open a record file, recount it, say whether its digest holds and whether it matches a saved round."""
        from models.counting import recount
        from models.counting.check_code import grouped

        record, path = self._read("Kiểm tra lại hồ sơ bầu cử")
        if record is None:
            return
        result = recount(record)
        names = {c.id: c.name for c in record.election.candidates}
        elected = ", ".join(names[k] for k in result.elected) or "không ai"
        lines = [
            f"{record.title or 'Hồ sơ bầu cử'}, lần {record.election.round}: D = {result.D}, thu vào "
            f"{result.collected}, hợp lệ {result.valid}, không hợp lệ {result.invalid}."
        ]
        lines += [f"{line.name}: {line.votes} phiếu" for line in result.candidates]
        if record.digest_ok is False:
            dialogs.show_error(
                self.tab,
                "HỒ SƠ KHÔNG KHỚP MÃ KIỂM TRA: nội dung tệp đã bị thay đổi sau khi ghi. Không dùng kết quả này.",
                "\n".join(lines),
            )
            return
        held = f"Mã kiểm tra khớp: {grouped(record.digest)}." if record.digest_ok else "Hồ sơ không có mã kiểm tra."
        match = self._matches_saved(record, result)
        dialogs.show_info(self.tab, f"{held} Kiểm lại: trúng cử {elected}. {match}", "\n".join(lines))

    def verify_signed(self) -> None:
        """Type (or paste the scanned text of) the code on the signed minutes: does the round still match it?"""
        from models.live_count.signed_papers import verify_round

        chosen = self.tab.current_round()
        if chosen is None:
            return
        code = dialogs.ask_text(
            self.tab, "Đối chiếu với biên bản đã ký", "Mã kiểm tra in trên biên bản (64 chữ số, hoặc nội dung mã QR):"
        )
        if not code:
            return
        operations.run(self.tab, lambda: verify_round(chosen.round_id, code), self._show_verdict)

    def _show_verdict(self, outcome) -> None:
        if outcome.matches:
            dialogs.show_info(self.tab, outcome.lines[0])
        else:
            dialogs.show_error(self.tab, outcome.lines[0], "\n".join(outcome.lines[1:]))

    def _matches_saved(self, record, result) -> str:
        """Whether the recount equals the closed result of the round shown in the tab (same list and round)."""
        session = self.tab.session
        if session is None or session.election.candidate_ids != record.election.candidate_ids:
            return ""
        saved = session.info.result
        if saved is None:
            return "Lần bầu đang chọn chưa khóa kết quả để so sánh."
        same = (saved.collected, saved.valid, [c.votes for c in saved.candidates]) == (
            result.collected,
            result.valid,
            [c.votes for c in result.candidates],
        )
        return "Khớp với kết quả đã khóa trong biên bản." if same else "KHÔNG khớp với kết quả đã khóa!"

    # the room ---------------------------------------------------------------------------------------------------
    def open_projector(self) -> None:
        from gui.live_count.projector import ProjectorWindow

        tab = self.tab
        if tab.projector is None:
            tab.projector = ProjectorWindow("", "")
            tab.projector.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.update_projector()
        tab.projector.present()
        # the keyboard stays with the counters: the room's screen opening took it, and typed ballots went nowhere
        tab.window().activateWindow()
        tab.focus_entry()

    def update_projector(self) -> None:
        """The room's screen follows the data (models.live_count.wall), not the round picked in «Lần bầu»: while
        counting the progress only, after publishing the result, each under its own round's title."""
        from models.live_count.wall import wall_view

        if self.tab.projector is not None:
            self.tab.projector.show_wall(wall_view(self.tab.session))
