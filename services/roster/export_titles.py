"""The exports of the members' list, by kind, with their titles: light (no data, domain or workbook code), so the
window's «Xuất Excel» menu is built before its first paint and the jobs (services.roster.jobs) load when one runs."""

from __future__ import annotations

EXPORT_TITLES: dict[str, str] = {
    "danh-sach": "Danh sách đảng viên theo mẫu sổ 7-HSĐV",
    "danh-sach-cot": "Danh sách đảng viên theo các cột đang hiện",
    "thong-ke": "Báo cáo thống kê đảng viên",
    "du-bi": "Danh sách đảng viên dự bị đến hạn xét chính thức",
    "huy-hieu": "Danh sách đề nghị tặng Huy hiệu Đảng đợt tới",
}
