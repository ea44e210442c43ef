"""The Qt-free name keys agree with Qt's ICU collation for Vietnamese (QCollator vi_VN)."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCollator, QLocale

from models.core.vnname import text_key

WORDS = (
    "a à ả ã á ạ ă ằ ẳ ẵ ắ ặ â ầ ẩ ẫ ấ ậ an anh ánh ảnh ăn ân b c d đ dung dũng dưng đức e ê g h i k l m n o ô ơ "
    "p q r s t u ư v x y An an ÁNH Yến Uyên Ưng Ơn Ôn On Thủy Thúy Thuý Hòa Hoà Đào Dao Đạo Giang Gia Huệ Huế"
).split()


def test_text_key_matches_qcollator():
    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    by_qt = sorted(WORDS, key=functools.cmp_to_key(collator.compare))
    assert sorted(WORDS, key=text_key) == by_qt
    assert by_qt.index("dưng") < by_qt.index("đ") < by_qt.index("đức") < by_qt.index("e")
