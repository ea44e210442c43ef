"""Age bands as the secretary types them: the upper ages of every band but the last, e.g. "30, 40, 50, 60"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from models.core.errors import ValidationError

DEFAULT_AGE_BOUNDS: tuple[int, ...] = (30, 40, 50, 60)  # ≤ 30, 31-40, 41-50, 51-60, ≥ 61 (docs/domain.md §1)

MIN_AGE, MAX_AGE = 18, 120


def format_age_bounds(bounds: Sequence[int] = DEFAULT_AGE_BOUNDS) -> str:
    return ", ".join(str(b) for b in bounds)


def parse_age_bounds(text: str) -> tuple[int, ...]:
    """ "30, 40; 50 60" -> (30, 40, 50, 60): whole numbers, ascending, distinct, 18 to 120; empty -> the default."""
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if not parts:
        return DEFAULT_AGE_BOUNDS
    if not all(p.isdigit() for p in parts):
        raise ValidationError(
            "Mốc độ tuổi phải là các số nguyên, cách nhau bằng dấu phẩy (ví dụ: 30, 40, 50, 60).", "age_bounds"
        )
    bounds = [int(p) for p in parts]
    if any(not MIN_AGE <= b <= MAX_AGE for b in bounds):
        raise ValidationError(f"Mốc độ tuổi phải nằm trong khoảng {MIN_AGE}–{MAX_AGE}.", "age_bounds")
    if bounds != sorted(set(bounds)):
        raise ValidationError("Các mốc độ tuổi phải tăng dần và không trùng nhau.", "age_bounds")
    return tuple(bounds)
