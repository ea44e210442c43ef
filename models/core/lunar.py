"""The Vietnamese lunisolar calendar: a lunar date to its solar date (Tết, Giỗ Tổ Hùng Vương).

Months begin on the day of the new moon at Hà Nội's meridian (UTC+7), the rule that makes Vietnam's Tết differ from
China's in some years (1985, 2007). New moons and the sun's longitude by the abbreviated formulas of Jean Meeus,
"Astronomical Algorithms", as used in Hồ Ngọc Đức's published Vietnamese calendar algorithm. Pure Python.
"""

from __future__ import annotations

import math
from datetime import date

TIMEZONE = 7.0  # hours east of Greenwich
_ORDINAL_TO_JDN = 1721425  # date.toordinal() + this = Julian day number
_SYNODIC = 29.530588853
_EPOCH = 2415021.076998695  # a new moon (1 January 1900, 13:52 UT)


def _jdn(d: date) -> int:
    return d.toordinal() + _ORDINAL_TO_JDN


def _new_moon(k: int) -> float:
    """The Julian day (UT) of the k-th new moon after the epoch."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 = c1 - 0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(dr * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd + c1 - delta_t


def _new_moon_day(k: int) -> int:
    """The local day (Julian day number) of the k-th new moon."""
    return math.floor(_new_moon(k) + 0.5 + TIMEZONE / 24)


def _sun_sector(jdn: int) -> int:
    """The sun's longitude at the start of local day `jdn`, in twelfths of the circle (0 = the March equinox)."""
    t = (jdn - 0.5 - TIMEZONE / 24 - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    longitude = (l0 + dl) * dr
    longitude -= 2 * math.pi * math.floor(longitude / (2 * math.pi))
    return math.floor(longitude / math.pi * 6)


def _month11_start(year: int) -> int:
    """The first day of the eleventh lunar month (the one holding the December solstice) of `year`."""
    k = math.floor((_jdn(date(year, 12, 31)) - 2415021) / _SYNODIC)
    start = _new_moon_day(k)
    if _sun_sector(start) >= 9:
        start = _new_moon_day(k - 1)
    return start


def _leap_month_offset(month11: int) -> int:
    k = math.floor((month11 - _EPOCH) / _SYNODIC + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            return i - 1


def lunar_to_solar(day: int, month: int, year: int, leap: bool = False) -> date:
    """The solar date of lunar `day`/`month` of lunar `year` (the year whose month 1 begins in solar `year`)."""
    if month < 11:
        a11, b11 = _month11_start(year - 1), _month11_start(year)
    else:
        a11, b11 = _month11_start(year), _month11_start(year + 1)
    k = math.floor(0.5 + (a11 - _EPOCH) / _SYNODIC)
    offset = (month - 11) % 12
    if b11 - a11 > 365:
        leap_offset = _leap_month_offset(a11)
        leap_month = (leap_offset - 2) % 12
        if leap and month != leap_month:
            raise ValueError(f"lunar year {year} has no leap month {month}")
        if leap or offset >= leap_offset:
            offset += 1
    elif leap:
        raise ValueError(f"lunar year {year} has no leap month")
    return date.fromordinal(_new_moon_day(k + offset) + day - 1 - _ORDINAL_TO_JDN)


def tet(year: int) -> date:
    """The first day of the lunar year that begins in solar `year` (mùng 1 Tết)."""
    return lunar_to_solar(1, 1, year)
