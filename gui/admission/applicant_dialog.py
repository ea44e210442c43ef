"""The applicant's file: identity, education, the certificate, the papers, two sponsors (or a union's resolution and
one sponsor) and the comments collected; saved through models.admission.applicants.save_applicant."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import QWidget

from gui.admission.step_dialog import StepDialog
from gui.core import operations
from models.admission.applicants import save_applicant
from models.admission.records import ApplicantRecord, Sponsor
from models.roster.records import MemberRecord

GENDERS = [("Nam", "Nam"), ("Nữ", "Nữ")]
BARRED = [("Không", False), ("Có", True)]
_TEXTS = ("full_name", "citizen_id", "hometown", "residence", "workplace", "education", "education_exception")
_DATES = (
    "birth_date",
    "certificate_date",
    "application_date",
    "history_date",
    "history_verified_on",
    "union_resolution_date",
    "mass_comment_date",
    "residence_comment_date",
)


class ApplicantDialog(StepDialog):
    def __init__(
        self,
        parent: QWidget | None,
        members: list[MemberRecord],
        record: ApplicantRecord | None,
        former: Sequence[tuple[str, int]] = (),
    ) -> None:
        title = "Sửa hồ sơ quần chúng" if record and record.id else "Thêm quần chúng vào danh sách phát triển đảng viên"
        super().__init__(parent, title)
        self.record = record or ApplicantRecord(full_name="")
        r = self.record
        people = [("(chưa có)", None)] + [(m.full_name, m.id) for m in members]
        self.text("full_name", "Họ và &tên:", r.full_name)
        self.choice("gender", "Giới tính:", GENDERS, r.gender or None)
        self.when("birth_date", "Ngày sinh:", r.birth_date)
        self.text("citizen_id", "Số CCCD:", r.citizen_id)
        self.text("hometown", "Quê quán:", r.hometown)
        self.text("residence", "Nơi cư trú:", r.residence)
        self.text("workplace", "Nơi làm việc:", r.workplace)
        self.text("education", "Giáo dục phổ thông:", r.education).setPlaceholderText("12/12")
        self.text("education_exception", "Ngoại lệ học vấn (căn cứ):", r.education_exception)
        self.text("over_60_consent", "Đồng ý của tỉnh ủy (trên 60 tuổi):", r.over_60_consent)
        self.when("certificate_date", "Giấy chứng nhận lớp nhận thức:", r.certificate_date)
        self.when("application_date", "Đơn xin vào Đảng (1-KNĐ):", r.application_date)
        self.new_column()
        self.when("history_date", "Lý lịch (2-KNĐ):", r.history_date)
        self.when("history_verified_on", "Ngày thẩm tra lý lịch:", r.history_verified_on)
        sponsors = list(r.sponsors) + [None, None]
        for slot in (1, 2):
            sponsor = sponsors[slot - 1]
            chosen = sponsor.member_id if sponsor else None
            self.choice(f"sponsor{slot}", f"Người giới thiệu {slot} (3-KNĐ):", people, chosen)
            self.when(f"sponsor{slot}_since", "  cùng công tác từ ngày:", sponsor.since if sponsor else None)
        self.text("union_name", "Đoàn thể giới thiệu (4-KNĐ):", r.union_name)
        self.when("union_resolution_date", "  ngày nghị quyết giới thiệu:", r.union_resolution_date)
        self.when("mass_comment_date", "Nhận xét của đoàn thể (5-KNĐ):", r.mass_comment_date)
        self.when("residence_comment_date", "Nhận xét nơi cư trú (5-KNĐ):", r.residence_comment_date)
        self.text("notes", "Ghi chú:", r.notes)
        self.choice("former_member_id", "Kết nạp lại (đảng viên cũ):", [("(không)", None), *former], r.former_member_id)
        self.choice("readmission_barred", "  đã tự bỏ sinh hoạt hoặc bị án:", BARRED, r.readmission_barred)
        self.saved: ApplicantRecord | None = None
        self.run_on_ok(self._save, self._on_saved, operations.OperationChanges(members=False, source=parent))

    def applicant(self) -> ApplicantRecord:
        v = self.values()
        sponsors = [
            Sponsor(v[f"sponsor{slot}"], v[f"sponsor{slot}_since"])
            for slot in (1, 2)
            if v[f"sponsor{slot}"] is not None
        ]
        names = (*_TEXTS, *_DATES, "gender", "union_name", "over_60_consent", "notes", "former_member_id")
        plain = {name: v[name] for name in names}
        plain["readmission_barred"] = bool(v["readmission_barred"])
        return replace(self.record, **plain, sponsors=sponsors)

    def _save(self, _values) -> ApplicantRecord:
        return save_applicant(self.applicant())

    def _on_saved(self, saved: ApplicantRecord) -> None:
        self.saved = saved
