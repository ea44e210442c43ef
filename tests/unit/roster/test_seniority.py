"""Party seniority: from the admission decision, minus exits until readmission, transfer gaps, death."""

from __future__ import annotations

from models.roster.event_kinds import EventKind
from models.roster.seniority import (
    Gap,
    party_seniority_days,
    party_seniority_years,
    seniority_gaps,
    seniority_reached_on,
    seniority_start,
)
from tests.support.rules_factories import d, ev, member


def test_plain_seniority_counts_from_admission_decision():
    m = member(admitted="19/05/1990", ceremony="01/06/1990")
    assert seniority_reached_on(m, 30) == d("19/05/2020")
    assert party_seniority_years(m, d("18/05/2020")) == 29
    assert party_seniority_years(m, d("19/05/2020")) == 30
    assert party_seniority_days(m, d("19/05/1991")) == 365
    assert party_seniority_years(m, d("01/01/1990")) == 0
    assert party_seniority_days(m, d("01/01/1990")) == 0


def test_admission_on_29_february_completes_on_28_february():
    m = member(admitted="29/02/1996")
    assert seniority_reached_on(m, 30) == d("28/02/2026")
    assert seniority_reached_on(m, 32) == d("29/02/2028")


def test_start_falls_back_to_admitted_event():
    m = member(admitted=None, events=[ev(EventKind.ADMITTED, "03/02/2000")])
    assert seniority_start(m) == d("03/02/2000")
    assert party_seniority_years(member(admitted=None), d("01/01/2025")) == 0
    assert seniority_reached_on(member(admitted=None), 30) is None


def test_struck_off_gap_until_readmission_is_subtracted():
    # 10 years, then struck off for 3 years (1096 days, 29/02/2000 inside), readmitted.
    struck = ev(EventKind.STRUCK_OFF, "03/02/2000")
    back = ev(EventKind.READMITTED, "03/02/2003")
    m = member(admitted="03/02/1990", events=[struck, back])
    assert seniority_gaps(m) == [Gap(d("03/02/2000"), d("03/02/2003"), EventKind.STRUCK_OFF)]
    assert seniority_gaps(m)[0].days == 1096
    assert seniority_reached_on(m, 30) == d("03/02/2023")
    assert party_seniority_years(m, d("02/02/2023")) == 29
    assert party_seniority_years(m, d("03/02/2023")) == 30
    expected = (d("03/02/2000") - d("03/02/1990")).days + (d("03/02/2023") - d("03/02/2003")).days
    assert party_seniority_days(m, d("03/02/2023")) == expected
    # During the gap the count stands still.
    assert party_seniority_days(m, d("01/01/2002")) == (d("03/02/2000") - d("03/02/1990")).days
    assert party_seniority_years(m, d("01/01/2002")) == 10


def test_corrected_exit_does_not_make_a_gap():
    struck = ev(EventKind.STRUCK_OFF, "03/02/2000", replaced_by=999)
    m = member(admitted="03/02/1990", events=[struck])
    assert seniority_gaps(m) == []
    assert seniority_reached_on(m, 30) == d("03/02/2020")


def test_exit_without_readmission_stops_the_count():
    m = member(admitted="03/02/1990", events=[ev(EventKind.EXPELLED, "03/02/2000")])
    assert seniority_gaps(m) == [Gap(d("03/02/2000"), None, EventKind.EXPELLED)]
    assert seniority_reached_on(m, 30) is None
    assert seniority_reached_on(m, 10) == d("03/02/2000")  # completed on the day of the exit
    assert party_seniority_years(m, d("01/01/2025")) == 10
    assert party_seniority_days(m, d("01/01/2025")) == (d("03/02/2000") - d("03/02/1990")).days


def test_exit_on_the_anniversary_still_completes_that_year():
    m = member(admitted="01/01/1990", events=[ev(EventKind.RESIGNED, "01/01/2020")])
    assert seniority_reached_on(m, 30) == d("01/01/2020")
    assert seniority_reached_on(m, 31) is None


def test_death_stops_the_count():
    m = member(admitted="01/07/1995", events=[ev(EventKind.DIED, "01/01/2024")])
    assert seniority_reached_on(m, 30) is None
    assert party_seniority_years(m, d("01/01/2030")) == 28


def test_transfer_out_and_back_is_a_gap():
    # Away 01/07/2010 -> 01/01/2011: 184 days.
    out = ev(EventKind.TRANSFERRED_OUT, "01/07/2010", place="Chi bộ Phòng Kế hoạch")
    back = ev(EventKind.TRANSFERRED_IN, "01/01/2011")
    m = member(admitted="01/07/1995", events=[out, back])
    assert seniority_gaps(m) == [Gap(d("01/07/2010"), d("01/01/2011"), EventKind.TRANSFERRED_OUT)]
    assert seniority_reached_on(m, 30) == d("01/01/2026")
    assert party_seniority_years(m, d("31/12/2025")) == 29
    assert seniority_reached_on(m, 30, transfer_gaps=False) == d("01/07/2025")
    assert party_seniority_years(m, d("31/12/2025"), transfer_gaps=False) == 30


def test_transfer_out_without_return_is_not_a_gap():
    m = member(admitted="01/07/1995", events=[ev(EventKind.TRANSFERRED_OUT, "01/07/2010")])
    assert seniority_gaps(m) == []
    assert seniority_reached_on(m, 30) == d("01/07/2025")


def test_arrival_by_transfer_is_not_a_gap():
    m = member(admitted="01/07/1995", official="01/07/1996", events=[ev(EventKind.TRANSFERRED_IN, "01/03/2020")])
    assert seniority_gaps(m) == []
    assert seniority_reached_on(m, 30) == d("01/07/2025")


def test_several_gaps_add_up():
    events = [
        ev(EventKind.TRANSFERRED_OUT, "01/01/2000"),
        ev(EventKind.TRANSFERRED_IN, "11/01/2000"),  # 10 days
        ev(EventKind.STRUCK_OFF, "01/01/2005"),
        ev(EventKind.READMITTED, "21/01/2005"),  # 20 days
    ]
    m = member(admitted="01/01/1990", events=events)
    assert [g.days for g in seniority_gaps(m)] == [10, 20]
    assert seniority_reached_on(m, 30) == d("31/01/2020")
    assert seniority_reached_on(m, 12) == d("11/01/2002")  # only the first gap comes before
    assert party_seniority_years(m, d("30/01/2020")) == 29


def test_gap_after_the_milestone_does_not_move_it():
    events = [ev(EventKind.STRUCK_OFF, "01/06/2021"), ev(EventKind.READMITTED, "01/06/2023")]
    m = member(admitted="01/01/1990", events=events)
    assert seniority_reached_on(m, 30) == d("01/01/2020")
    assert seniority_reached_on(m, 40) == d("01/01/2032")


def test_transfer_out_then_exit_counts_away_time_then_stops():
    events = [ev(EventKind.TRANSFERRED_OUT, "01/01/2000"), ev(EventKind.STRUCK_OFF, "01/01/2005")]
    m = member(admitted="01/01/1990", events=events)
    assert seniority_gaps(m) == [Gap(d("01/01/2005"), None, EventKind.STRUCK_OFF)]
    assert party_seniority_years(m, d("01/01/2010")) == 15
