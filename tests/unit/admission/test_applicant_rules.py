"""What an applicant lacks before the branch votes: age in months, education, the certificate's 60 months,
the papers in date order, sponsors (official, 12 months together) or a union's resolution, the comments."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from models.admission.records import ApplicantRecord, Sponsor
from models.admission.reminders import notice_text
from models.admission.rules import age_in_months, applicant_lacks, certificate_last_valid_day, months_between
from models.roster.event_kinds import EventKind
from models.roster.reminders import probation_notice
from tests.support.rules_factories import d, ev, member

MEETING = d("15/06/2026")
AN = member("Nguyễn Văn An", id=1, admitted="01/01/2010", official="01/01/2011")
BINH = member("Trần Thị Bình", id=2, admitted="01/01/2012", official="01/01/2013")
CUONG_PROBATIONARY = member("Lê Văn Cường", id=3, admitted="01/03/2026", ceremony="10/03/2026")
DUNG_GONE = member(
    "Phạm Văn Dũng", id=4, admitted="01/01/2000", official="01/01/2001", events=[ev(EventKind.DIED, "01/02/2026")]
)
MEMBERS = {m.id: m for m in (AN, BINH, CUONG_PROBATIONARY, DUNG_GONE)}


def ready(**changes) -> ApplicantRecord:
    values = dict(
        full_name="Hoàng Thị Hoa",
        gender="Nữ",
        birth_date=d("20/08/1998"),
        education="12/12",
        certificate_date=d("10/03/2025"),
        application_date=d("01/04/2025"),
        history_date=d("01/04/2025"),
        history_verified_on=d("15/05/2026"),
        sponsors=[Sponsor(1, d("01/01/2024")), Sponsor(2, d("15/06/2025"))],
        mass_comment_date=d("01/06/2026"),
        residence_comment_date=d("05/06/2026"),
    )
    values.update(changes)
    return ApplicantRecord(**values)


def lacks(applicant: ApplicantRecord, on: date = MEETING) -> list[tuple[str, str]]:
    return [(lack.step, lack.message) for lack in applicant_lacks(applicant, on, MEMBERS)]


def test_a_complete_file_lacks_nothing():
    assert lacks(ready()) == []


@pytest.mark.parametrize(
    ("born", "on", "months"),
    [
        ("15/06/2008", "14/06/2026", 215),
        ("15/06/2008", "15/06/2026", 216),
        ("31/01/2008", "28/02/2026", 216 + 1),  # the 31st: a month is complete on February's last day
        ("31/01/2008", "27/02/2026", 216),
        ("31/03/2008", "30/04/2026", 216 + 1),
        ("29/02/2008", "28/02/2026", 216),  # a leap-day birth is 18 on 28/02 of a common year (civil code Điều 148)
        ("29/02/2008", "27/02/2026", 215),
        ("29/02/2008", "29/02/2028", 240),
        ("30/01/2008", "29/02/2028", 241),
    ],
)
def test_age_in_months(born, on, months):
    assert age_in_months(d(born), d(on)) == months


def test_months_between_never_negative():
    assert months_between(d("10/05/2026"), d("01/05/2026")) == 0


def test_age_boundaries_at_the_meeting_date():
    assert lacks(ready(birth_date=d("15/06/2008"))) == []  # 18 years 0 months on the meeting's day
    young = lacks(ready(birth_date=d("16/06/2008")))
    assert young == [("age", "Tại ngày họp chi bộ 15/06/2026 mới 17 tuổi 11 tháng: chưa đủ 18 tuổi.")]


def test_over_sixty_needs_the_provincial_consent():
    old = ready(birth_date=d("14/05/1966"))  # 60 years 1 month
    assert lacks(old)[0][0] == "age" and "60 tuổi 1 tháng" in lacks(old)[0][1]
    assert lacks(replace(old, over_60_consent="Công văn số 12-CV/TU ngày 02/05/2026")) == []
    assert lacks(ready(birth_date=d("15/06/1966"))) == []  # exactly 60 years 0 months


def test_education_lower_secondary_or_an_exception():
    assert lacks(ready(education="9/12")) == []
    assert lacks(ready(education="7/10")) == []  # the old ten-year system ended lower-secondary at grade 7
    assert lacks(ready(education="6/10"))[0][0] == "education"
    assert lacks(ready(education="7/12"))[0][0] == "education"
    assert lacks(ready(education="7/12", education_exception="Xã đặc biệt khó khăn (QĐ 861/QĐ-TTg)")) == []
    assert lacks(ready(education=""))[0] == ("education", "Chưa ghi trình độ giáo dục phổ thông (ví dụ 12/12).")


def test_certificate_valid_sixty_months_to_the_day():
    assert certificate_last_valid_day(d("15/06/2021")) == d("14/06/2026")
    assert lacks(ready(certificate_date=d("16/06/2021"), application_date=d("01/07/2021"))) == []
    expired = lacks(ready(certificate_date=d("15/06/2021"), application_date=d("01/07/2021")))
    assert expired == [
        (
            "certificate",
            "Giấy chứng nhận ngày 15/06/2021 chỉ có giá trị 60 tháng, đến hết ngày 14/06/2026; ngày họp chi bộ "
            "15/06/2026 đã quá hạn: phải học lại.",
        )
    ]
    assert lacks(ready(certificate_date=None))[0][0] == "certificate"


def test_certificate_of_the_31st_and_of_a_leap_day():
    assert certificate_last_valid_day(d("31/08/2021")) == d("30/08/2026")
    assert certificate_last_valid_day(d("29/02/2024")) == d("27/02/2029")


def test_steps_out_of_order():
    early = lacks(ready(application_date=d("01/03/2025")))
    assert early == [
        ("application", "Đơn xin vào Đảng ngày 01/03/2025 trước khi có giấy chứng nhận lớp bồi dưỡng (10/03/2025).")
    ]
    verified_first = lacks(ready(history_verified_on=d("01/03/2025")))
    assert verified_first == [("history", "Ngày thẩm tra lý lịch 01/03/2025 trước ngày khai lý lịch 01/04/2025.")]
    late_comment = lacks(ready(residence_comment_date=d("20/06/2026")))
    assert late_comment == [
        ("comments", "Ý kiến nhận xét của chi ủy, chi bộ nơi cư trú ngày 20/06/2026 sau ngày họp chi bộ 15/06/2026.")
    ]
    assert lacks(ready(history_verified_on=None)) == [("history", "Lý lịch chưa được chi bộ thẩm tra, xác minh.")]


def test_two_sponsors_official_with_twelve_months_together():
    assert lacks(ready(sponsors=[Sponsor(1, d("15/06/2025")), Sponsor(2, d("15/06/2025"))])) == []  # exactly 12
    short = lacks(ready(sponsors=[Sponsor(1, d("16/06/2025")), Sponsor(2, d("01/01/2020"))]))
    assert short == [
        (
            "sponsors",
            "Người giới thiệu Nguyễn Văn An mới công tác, sinh hoạt cùng người xin vào Đảng 11 tháng (từ 16/06/2025): "
            "cần ít nhất 12 tháng.",
        ),
        ("sponsors", "Còn thiếu 1 người giới thiệu hợp lệ: cần 2 (hoặc một người cùng nghị quyết của đoàn thể)."),
    ]


def test_a_probationary_or_departed_sponsor_does_not_count():
    probationary = lacks(ready(sponsors=[Sponsor(1, d("01/01/2020")), Sponsor(3, d("01/01/2020"))]))
    assert probationary[0] == (
        "sponsors",
        "Người giới thiệu Lê Văn Cường chưa là đảng viên chính thức tại ngày 15/06/2026.",
    )
    died = lacks(ready(sponsors=[Sponsor(1, d("01/01/2020")), Sponsor(4, d("01/01/2020"))]))
    assert died[0][1].startswith("Người giới thiệu Phạm Văn Dũng không sinh hoạt tại chi bộ ngày 15/06/2026")
    twice = lacks(ready(sponsors=[Sponsor(1, d("01/01/2020")), Sponsor(1, d("01/01/2020"))]))
    assert twice[0] == ("sponsors", "Nguyễn Văn An được ghi hai lần là người giới thiệu.")
    undated = lacks(ready(sponsors=[Sponsor(1, d("01/01/2020")), Sponsor(2, None)]))
    assert (
        undated[0][1]
        == "Chưa ghi ngày người giới thiệu Trần Thị Bình bắt đầu công tác, sinh hoạt cùng người xin vào Đảng."
    )
    unknown = lacks(ready(sponsors=[Sponsor(1, d("01/01/2020")), Sponsor(99, d("01/01/2020"))]))
    assert unknown[0] == ("sponsors", "Người giới thiệu không còn trong danh sách đảng viên của chi bộ.")


def test_a_union_resolution_and_one_sponsor():
    youth = ready(sponsors=[Sponsor(1, d("01/01/2020"))], union_resolution_date=d("01/05/2026"), union_name="Đoàn TNCS")
    assert lacks(youth) == []
    nobody = replace(youth, sponsors=[])
    assert lacks(nobody) == [
        ("sponsors", "Còn thiếu 1 người giới thiệu hợp lệ: cần 1 cùng nghị quyết giới thiệu của đoàn thể.")
    ]
    assert lacks(ready(sponsors=[Sponsor(1, d("01/01/2020"))]))[-1][1].startswith("Còn thiếu 1 người giới thiệu")


def test_an_empty_file_lists_every_step():
    steps = [step for step, _ in lacks(ApplicantRecord(full_name="Hoàng Thị Hoa"))]
    assert steps == ["age", "education", "certificate", "application", "history", "sponsors", "comments", "comments"]


@pytest.mark.parametrize(
    ("on", "notice"),
    [
        ("05/08/2026", None),  # 92 days before
        ("07/08/2026", 90),
        ("06/09/2026", 60),
        ("07/09/2026", 60),
        ("06/10/2026", 30),
        ("29/10/2026", 7),
        ("04/11/2026", 7),
        ("05/11/2026", 0),
        ("20/12/2026", 0),
    ],
)
def test_probation_notices_90_60_30_7_days_before(on, notice):
    assert probation_notice(d("05/11/2026"), d(on)) == notice


def test_notice_texts_before_and_after_the_end():
    end, deadline = d("05/11/2026"), d("17/12/2026")
    assert notice_text(end, deadline, d("01/08/2026")) == ""
    assert notice_text(end, deadline, d("06/10/2026")) == "Còn 30 ngày hết dự bị (nhắc mốc 30 ngày)"
    assert notice_text(end, deadline, d("10/11/2026")) == "Đã hết dự bị: xét công nhận trước 17/12/2026"
    assert notice_text(end, deadline, d("20/12/2026")) == "Quá hạn xét công nhận 3 ngày (hạn 17/12/2026)"


STRUCK = member(
    "Vũ Văn Giang", id=5, admitted="01/01/2000", official="01/01/2001", events=[ev(EventKind.STRUCK_OFF, "15/06/2023")]
)


def readmission(**changes) -> list[tuple[str, str]]:
    members = {**MEMBERS, STRUCK.id: STRUCK}
    applicant = ready(full_name="Vũ Văn Giang", former_member_id=5, **changes)
    return [(x.step, x.message) for x in applicant_lacks(applicant, MEETING, members) if x.step == "readmission"]


def test_readmission_at_least_36_months_after_leaving_once_never_when_barred():
    assert readmission() == []  # struck off 15/06/2023, the meeting 15/06/2026: 36 months
    later = replace(STRUCK, events=[ev(EventKind.STRUCK_OFF, "16/06/2023")])
    members = {**MEMBERS, 5: later}
    found = applicant_lacks(ready(former_member_id=5), MEETING, members)
    assert found[-1].message == (
        "Ra khỏi Đảng ngày 16/06/2023, đến ngày họp chi bộ 15/06/2026 mới 35 tháng: kết nạp lại phải sau ít nhất "
        "36 tháng."
    )
    assert readmission(readmission_barred=True)[0][1].startswith("Người đã tự bỏ sinh hoạt đảng")
    twice = replace(
        STRUCK,
        events=[
            ev(EventKind.STRUCK_OFF, "01/01/2015"),
            ev(EventKind.READMITTED, "01/01/2019"),
            ev(EventKind.STRUCK_OFF, "01/01/2022"),
        ],
    )
    found = applicant_lacks(ready(former_member_id=5), MEETING, {**MEMBERS, 5: twice})
    assert found[-1].message == "Vũ Văn Giang đã được kết nạp lại một lần; chỉ được kết nạp lại một lần."
    current = applicant_lacks(ready(former_member_id=1), MEETING, MEMBERS)
    assert current[-1].message.startswith("Nguyễn Văn An (đảng viên chính thức) không phải người đã ra khỏi Đảng")
