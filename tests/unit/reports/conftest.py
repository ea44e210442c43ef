"""Fixtures for report tests: a branch header and reading a saved workbook back."""

from __future__ import annotations

from datetime import date

import pytest

from reports.core.party_document import DocumentHeader, Signature


@pytest.fixture
def header() -> DocumentHeader:
    return DocumentHeader(
        higher_committee="Đảng bộ Sở Thông tin và Truyền thông",
        issuer="Chi bộ Văn phòng Sở",
        number="Số 01-DS/CB",
        place="Hà Nội",
        date=date(2026, 3, 11),
    )


@pytest.fixture
def signature() -> Signature:
    return Signature(name="Trần Thị Bình")
