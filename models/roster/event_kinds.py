"""Kinds of events in a member's life (never erased) and their Vietnamese names."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    ADMITTED = "admitted"  # kết nạp (quyết định kết nạp)
    RECOGNISED = "recognised"  # công nhận đảng viên chính thức
    TRANSFERRED_IN = "transferred_in"  # chuyển sinh hoạt đến
    TRANSFERRED_OUT = "transferred_out"  # chuyển sinh hoạt đi
    TEMPORARY_ELSEWHERE = "temporary_elsewhere"  # sinh hoạt tạm thời nơi khác
    TEMPORARY_END = "temporary_end"  # trở về sau sinh hoạt tạm thời
    EXEMPTED = "exempted"  # miễn công tác và sinh hoạt đảng
    EXEMPTION_END = "exemption_end"  # thôi miễn công tác và sinh hoạt đảng
    SUSPENDED = "suspended"  # đình chỉ sinh hoạt
    SUSPENSION_END = "suspension_end"  # hết đình chỉ sinh hoạt
    DISCIPLINED = "disciplined"  # kỷ luật (khiển trách, cảnh cáo)
    DIED = "died"  # từ trần
    STRUCK_OFF = "struck_off"  # xóa tên
    EXPELLED = "expelled"  # khai trừ
    RESIGNED = "resigned"  # xin ra khỏi Đảng
    BADGE_AWARDED = "badge_awarded"  # trao tặng Huy hiệu Đảng
    READMITTED = "readmitted"  # kết nạp lại


EVENT_LABELS: dict[EventKind, str] = {
    EventKind.ADMITTED: "Kết nạp vào Đảng",
    EventKind.RECOGNISED: "Công nhận đảng viên chính thức",
    EventKind.TRANSFERRED_IN: "Chuyển sinh hoạt đến",
    EventKind.TRANSFERRED_OUT: "Chuyển sinh hoạt đi",
    EventKind.TEMPORARY_ELSEWHERE: "Sinh hoạt tạm thời nơi khác",
    EventKind.TEMPORARY_END: "Kết thúc sinh hoạt tạm thời",
    EventKind.EXEMPTED: "Miễn công tác và sinh hoạt đảng",
    EventKind.EXEMPTION_END: "Thôi miễn công tác và sinh hoạt đảng",
    EventKind.SUSPENDED: "Đình chỉ sinh hoạt đảng",
    EventKind.SUSPENSION_END: "Hết đình chỉ sinh hoạt đảng",
    EventKind.DISCIPLINED: "Kỷ luật",
    EventKind.DIED: "Từ trần",
    EventKind.STRUCK_OFF: "Xóa tên",
    EventKind.EXPELLED: "Khai trừ",
    EventKind.RESIGNED: "Xin ra khỏi Đảng",
    EventKind.BADGE_AWARDED: "Trao tặng Huy hiệu Đảng",
    EventKind.READMITTED: "Kết nạp lại",
}

# Events after which the member no longer belongs to the branch.
LEAVING_KINDS = frozenset(
    {EventKind.TRANSFERRED_OUT, EventKind.DIED, EventKind.STRUCK_OFF, EventKind.EXPELLED, EventKind.RESIGNED}
)
# Leaving the Party itself (not just the branch): a gap in party seniority until readmission.
PARTY_EXIT_KINDS = frozenset({EventKind.STRUCK_OFF, EventKind.EXPELLED, EventKind.RESIGNED})
