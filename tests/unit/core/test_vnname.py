"""Vietnamese name keys: alphabet, tones as a secondary difference, A-B-C by given name, NFC/NFD, folding."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.core.vnname import fold, name_key, name_sort_key, nfc, sort_names, split_name, text_key

ALPHABET = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def by_text(words: list[str]) -> list[str]:
    return sorted(words, key=text_key)


def test_vietnamese_alphabet_order():
    assert by_text(list(reversed(ALPHABET))) == ALPHABET
    assert by_text(["y", "ư", "u", "ơ", "ô", "o", "ê", "e", "đ", "d", "â", "ă", "a"]) == [
        "a",
        "ă",
        "â",
        "d",
        "đ",
        "e",
        "ê",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
        "y",
    ]


def test_tones_in_icu_order():
    # none, huyền, hỏi, ngã, sắc, nặng
    assert by_text(["ạ", "á", "ã", "ả", "à", "a"]) == ["a", "à", "ả", "ã", "á", "ạ"]
    assert by_text(["ậ", "ấ", "ẫ", "ẩ", "ầ", "â"]) == ["â", "ầ", "ẩ", "ẫ", "ấ", "ậ"]


def test_tones_are_secondary_letters_primary():
    # Anh and Ánh differ only by a tone: the letters decide first, so Ảnh and Ánh come before Ăn.
    words = ["Ân", "Ăn", "Ánh", "Ảnh", "Anh", "An"]
    assert by_text(words) == ["An", "Anh", "Ảnh", "Ánh", "Ăn", "Ân"]
    # A tone never beats a later letter: "Án" < "Anh" because n = n and then "" < "h".
    assert text_key("Án") < text_key("Anh")
    # Tones compare left to right: Thuý (tone on y) before Thủy, Thúy (tone on u).
    assert by_text(["Thúy", "Thủy", "Thuý"]) == ["Thuý", "Thủy", "Thúy"]


def test_d_stroke_after_every_d():
    assert by_text(["Đức", "Dương", "Đ", "Dưng", "Dung", "Dũng", "E"]) == [
        "Dung",
        "Dũng",
        "Dưng",
        "Dương",
        "Đ",
        "Đức",
        "E",
    ]


def test_case_is_tertiary():
    assert by_text(["AN", "An", "an", "Anh"]) == ["an", "An", "AN", "Anh"]


def test_spaces_punctuation_digits_before_letters_as_icu():
    assert by_text(["ab", "a1", "a-b", "a b", "9", "a"]) == ["9", "a", "a b", "a-b", "a1", "ab"]
    assert text_key("Thị Thu") < text_key("Thịnh")
    assert by_text(["10", "2", "9"]) == ["10", "2", "9"]  # digits compare one by one, as ICU does by default


def test_foreign_letters_keep_their_latin_place():
    assert by_text(["z", "w", "j", "f", "y", "a"]) == ["a", "f", "j", "w", "y", "z"]


def test_nfd_and_nfc_give_the_same_keys():
    for name in ("Nguyễn Thị Ánh", "Đặng Thu Hà", "Trương Văn Ưng", "Lê Thị Thuý"):
        assert nfd(name) != name
        assert text_key(nfd(name)) == text_key(name)
        assert name_key(nfd(name)) == name_key(name)
    assert name_key("  Nguyễn   Văn  An ") == name_key("Nguyễn Văn An")


def test_given_name_first_then_family_then_middle():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê An", "Nguyễn Văn An", "Nguyễn Thị An", "Nguyễn An"]
    assert sort_names(names) == [
        "Lê An",
        "Nguyễn An",  # no middle name first
        "Nguyễn Thị An",
        "Nguyễn Văn An",
        "Trần Thị An",
        "Nguyễn Văn Bình",
    ]


def test_given_name_compared_whole_before_family_name():
    # Every "Dung" before every "Dũng", whatever the family names.
    assert sort_names(["An Văn Dũng", "Trần Thị Dung"]) == ["Trần Thị Dung", "An Văn Dũng"]
    assert sort_names(["Vũ Đình Anh", "Hoàng Thị Ánh", "Ngô Quang Ăn", "Bùi Thị Ân", "Nguyễn Văn An"]) == [
        "Nguyễn Văn An",
        "Vũ Đình Anh",
        "Hoàng Thị Ánh",
        "Ngô Quang Ăn",
        "Bùi Thị Ân",
    ]


def test_family_with_d_stroke():
    assert sort_names(["Đỗ Văn An", "Dương Văn An", "Đặng Văn An"]) == ["Dương Văn An", "Đặng Văn An", "Đỗ Văn An"]


def test_birth_date_breaks_ties_earlier_first_unknown_last():
    older = name_key("Nguyễn Văn An", date(1970, 1, 1))
    younger = name_key("Nguyễn Văn An", date(1990, 1, 1))
    unknown = name_key("Nguyễn Văn An")
    assert older < younger < unknown
    assert name_key("Nguyễn Văn An", date(1990, 1, 1)) < name_key("Nguyễn Văn Ánh", date(1950, 1, 1))


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Nguyễn Văn An", ("Nguyễn", "Văn", "An")),
        ("Nguyễn Thị Thu Hà", ("Nguyễn", "Thị Thu", "Hà")),
        ("Lê An", ("Lê", "", "An")),
        ("An", ("", "", "An")),
        ("  Trần   Văn  Bình ", ("Trần", "Văn", "Bình")),
    ],
)
def test_split_name(full, parts):
    assert split_name(full) == parts


def test_nfc_composes_and_collapses_white_space():
    assert nfc(nfd("  Nguyễn\tThị   Ánh ")) == "Nguyễn Thị Ánh"
    assert nfc(nfd("Ánh")) == "\u00c1nh"


def test_invisible_characters_go_and_a_printable_text_is_kept_as_it_is():
    from models.core.vnname import _visible

    name = "Nguyễn Thị Ánh"
    assert _visible(name) is name  # the common case: nothing to look at letter by letter
    hidden = "Nguy\u200bễn\u00a0Thị\u202eÁnh\u00ad\x07"  # zero-width space, no-break space, RTL override, soft hyphen
    assert _visible(hidden) == "Nguyễn\u00a0ThịÁnh" and nfc(hidden) == "Nguyễn ThịÁnh"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đỗ Thị Ánh", "do thi anh"),
        ("ĐẶNG THU HÀ", "dang thu ha"),
        ("  Trương   Văn Ưng ", "truong van ung"),
        ("Phạm Thị Thuý", "pham thi thuy"),
        ("Ơn Ăn Ân Ê Ô", "on an an e o"),
    ],
)
def test_fold_for_search(text, folded):
    assert fold(text) == folded
    assert fold(nfd(text)) == folded


# name_sort_key: the same order as bytes, for the database -------------------------------------------------------
_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_ODD = " 0123456789-.'(/_wfjzWÇçñ中"


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.text(st.sampled_from(_LETTERS + _ODD), min_size=1, max_size=8), min_size=1, max_size=4),
            st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2030, 12, 31))),
        ),
        min_size=2,
        max_size=30,
    )
)
def test_the_byte_key_sorts_exactly_as_the_name_key(people):
    names = [(" ".join(words), born) for words, born in people]
    by_tuple = sorted(range(len(names)), key=lambda i: (name_key(*names[i]), i))
    by_bytes = sorted(range(len(names)), key=lambda i: (name_sort_key(*names[i]), i))
    assert by_bytes == by_tuple
    for a, b in zip(names, names[1:], strict=False):
        assert (name_sort_key(*a) == name_sort_key(*b)) == (name_key(*a) == name_key(*b))


def test_the_byte_key_keeps_the_vietnamese_rules():
    people = [
        ("Trần Văn Đức", None),
        ("Lê Dung", date(1990, 1, 1)),
        ("Lê Dũng", None),
        ("Bùi Thị Dung", None),
        ("Lê Dung", date(1980, 1, 1)),
        ("An", None),
        (nfd("Nguyễn Ánh"), None),
    ]
    ordered = [n for n, _ in sorted(people, key=lambda p: name_sort_key(*p))]
    assert ordered == ["An", nfd("Nguyễn Ánh"), "Bùi Thị Dung", "Lê Dung", "Lê Dung", "Lê Dũng", "Trần Văn Đức"]
    assert name_sort_key("Lê Dung", date(1980, 1, 1)) < name_sort_key("Lê Dung", date(1990, 1, 1))
    assert name_sort_key(nfd("Nguyễn Ánh")) == name_sort_key("Nguyễn  Ánh")  # stored NFC, spaces collapsed
