"""Legacy Vietnamese encodings in old Excel files: TCVN3 (ABC, ".VnTime" fonts) and VNI Windows ("VNI-Times").

Excel stores such text as the Windows-1252 characters of the bytes the legacy font draws, e.g. "NguyÔn V¨n An"
(TCVN3) or "Nguyeãn Vaên An" (VNI) for "Nguyễn Văn An". Both only use bytes 0xA0-0xFF, i.e. Latin-1 characters.

- TCVN3: one byte per letter. The table is TCVN 5712:1993 (VN1), bytes 0xA0-0xFF, as in XFree86's TCVNtoUCS2.c;
  the ABC set (VN3) keeps its lower-case letters and the seven capitals Ă Â Ê Ô Ơ Ư Đ. Other capitals with a tone
  are not representable: they are typed as lower-case codes in the capitals font (".VnTimeH"), so text in a font
  whose name ends in "H" is converted and then upper-cased.
- VNI: a base letter followed by one or two Latin-1 "mark" characters (table as in xvnkb's vni.h), plus single
  characters for ơ ư đ and some i/y forms.

Detection never touches text that already holds a Vietnamese letter beyond Latin-1 (proper Unicode), and converts
Latin-1 text only when the converted text reads as more valid Vietnamese syllables than the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TCVN3 = "tcvn3"
VNI = "vni"
ENCODING_LABELS = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}

# TCVN 5712 (VN1) code points for bytes 0xA0..0xFF; 0 marks a byte with no letter.
_VN1_A0_FF = (
    0x0000,
    0x0102,
    0x00C2,
    0x00CA,
    0x00D4,
    0x01A0,
    0x01AF,
    0x0110,
    0x0103,
    0x00E2,
    0x00EA,
    0x00F4,
    0x01A1,
    0x01B0,
    0x0111,
    0x1EB0,
    0x0300,
    0x0309,
    0x0303,
    0x0301,
    0x0323,
    0x00E0,
    0x1EA3,
    0x00E3,
    0x00E1,
    0x1EA1,
    0x1EB2,
    0x1EB1,
    0x1EB3,
    0x1EB5,
    0x1EAF,
    0x1EB4,
    0x1EAE,
    0x1EA6,
    0x1EA8,
    0x1EAA,
    0x1EA4,
    0x1EC0,
    0x1EB7,
    0x1EA7,
    0x1EA9,
    0x1EAB,
    0x1EA5,
    0x1EAD,
    0x00E8,
    0x1EC2,
    0x1EBB,
    0x1EBD,
    0x00E9,
    0x1EB9,
    0x1EC1,
    0x1EC3,
    0x1EC5,
    0x1EBF,
    0x1EC7,
    0x00EC,
    0x1EC9,
    0x1EC4,
    0x1EBE,
    0x1ED2,
    0x0129,
    0x00ED,
    0x1ECB,
    0x00F2,
    0x1ED4,
    0x1ECF,
    0x00F5,
    0x00F3,
    0x1ECD,
    0x1ED3,
    0x1ED5,
    0x1ED7,
    0x1ED1,
    0x1ED9,
    0x1EDD,
    0x1EDF,
    0x1EE1,
    0x1EDB,
    0x1EE3,
    0x00F9,
    0x1ED6,
    0x1EE7,
    0x0169,
    0x00FA,
    0x1EE5,
    0x1EEB,
    0x1EED,
    0x1EEF,
    0x1EE9,
    0x1EF1,
    0x1EF3,
    0x1EF7,
    0x1EF9,
    0x00FD,
    0x1EF5,
    0x1ED0,
)
_ABC_CAPITALS = set("ĂÂÊÔƠƯĐ")
TCVN3_TO_UNICODE: dict[str, str] = {
    chr(0xA0 + i): chr(cp)
    for i, cp in enumerate(_VN1_A0_FF)
    if cp and not unicodedata.combining(chr(cp)) and (chr(cp).islower() or chr(cp) in _ABC_CAPITALS)
}
_TCVN3_TABLE = str.maketrans(TCVN3_TO_UNICODE)
_UNICODE_TO_TCVN3 = {u: t for t, u in TCVN3_TO_UNICODE.items()}

# VNI: base letter + marks, in the order no tone, sắc, huyền, hỏi, ngã, nặng.
_VNI_TONES = ("", "ù", "ø", "û", "õ", "ï")
_VNI_LOWER = {
    "a": "aáàảãạ",
    "aâ": "âấầẩẫậ",
    "aê": "ăắằẳẵặ",
    "e": "eéèẻẽẹ",
    "eâ": "êếềểễệ",
    "o": "oóòỏõọ",
    "oâ": "ôốồổỗộ",
    "ô": "ơớờởỡợ",
    "u": "uúùủũụ",
    "ö": "ưứừửữự",
    "y": "yýỳỷỹ",
}
# Circumflex and breve letters take their tone in a single mark; i, y-nặng and đ are single characters.
_VNI_COMBINED = {"aâ": "âáàåãä", "aê": "êéèúüë", "eâ": "âáàåãä", "oâ": "âáàåãä"}
_VNI_SINGLE = {"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ñ": "đ", "ô": "ơ", "ö": "ư"}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for base, letters in _VNI_LOWER.items():
        marks = _VNI_COMBINED.get(base)
        for tone, letter in enumerate(letters):
            if tone == 0:
                code = base
            elif marks:
                code = base[0] + marks[tone]
            else:
                code = base + _VNI_TONES[tone]
            if len(code) > 1:
                table[code] = letter
    table.update(_VNI_SINGLE)
    table.pop("y" + _VNI_TONES[5], None)  # ỵ is the single character "î"
    for code, letter in list(table.items()):
        table[code.upper()] = letter.upper()
        if len(code) == 2:  # a capital base with a lower-case mark (typed in normal-case text)
            table[code[0].upper() + code[1]] = letter.upper()
    return table


VNI_TO_UNICODE = _vni_table()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, VNI_TO_UNICODE), key=len, reverse=True)))
_UNICODE_TO_VNI = {u: v for v, u in VNI_TO_UNICODE.items() if v[0].isupper() == v[-1].isupper() or len(v) == 1}


def decode_tcvn3(text: str, capitals_font: bool = False) -> str:
    out = text.translate(_TCVN3_TABLE)
    return out.upper() if capitals_font else out


def decode_vni(text: str) -> str:
    return _VNI_RE.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)


def encode_tcvn3(text: str) -> tuple[str, bool]:
    """(TCVN3 text, needs the capitals font): capitals with tones exist only as lower-case codes in ".VnTimeH"."""
    text = unicodedata.normalize("NFC", text)
    if any(ch.isupper() and ch not in _UNICODE_TO_TCVN3 and not ch.isascii() for ch in text):
        return "".join(_UNICODE_TO_TCVN3.get(ch, ch) for ch in text.lower()), True
    return "".join(_UNICODE_TO_TCVN3.get(ch, ch) for ch in text), False


def encode_vni(text: str) -> str:
    return "".join(_UNICODE_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# -- detection ---------------------------------------------------------------------------------------------------
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE = re.compile(
    r"(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
    r"(iêu|oai|oao|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|yêu|"
    r"ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|"
    r"[aăâeêioôơuưy])"
    r"(ch|nh|ng|[cmnpt])?"
)
# Characteristic of each encoding (tie-break): TCVN3 codes that are no Vietnamese letter in Unicode; VNI marks.
_TCVN3_MARKERS = set(TCVN3_TO_UNICODE) - set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_VNI_PAIR_RE = re.compile(r"[aeiouyôöAEIOUYÔÖ][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]")
_VIET_LETTER = re.compile(r"[^\W\d_]+")
_FOREIGN_ASCII = set("fjwz")


def _word_score(word: str) -> int:
    if len(word) > 1 and any(b.isupper() for b in word[1:]) and not word.isupper():
        return -3  # "NguyÔn": a capital inside a lower-case word
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONES)
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    if any(ch in _FOREIGN_ASCII for ch in base) and base.isascii():
        return 0
    if tones > 1 or not _SYLLABLE.fullmatch(base):
        return -3
    return 2


def plausibility(text: str) -> int:
    """How much `text` reads as Vietnamese: +2 per valid syllable, -3 per impossible word or stray symbol."""
    score = sum(_word_score(w) for w in _VIET_LETTER.findall(text))
    return score - 3 * sum(1 for ch in text if 0xA0 <= ord(ch) <= 0xFF and not ch.isalpha())


_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]")


def needs_check(text: str) -> bool:
    """True when `text` may be legacy-encoded: Latin-1 letters beyond ASCII and no Vietnamese letter beyond them."""
    if text.isascii():
        return False
    return not any(ch.isalpha() for ch in _BEYOND_LATIN1.findall(text))


@lru_cache(maxsize=1 << 12)  # a roster repeats its jobs, places and ethnicities: each text is judged once
def to_unicode(text: str, font_name: str = "") -> tuple[str, str | None]:
    """(text in Unicode, the legacy encoding converted from or None). `font_name` (the cell's font) is a hint:
    ".VnTime"/".VnTimeH" means TCVN3 (H: capitals), "VNI-..." means VNI."""
    if not needs_check(text):
        return text, None
    font = font_name.strip().lower()
    capitals = font.startswith(".vn") and font.endswith("h")
    candidates = {TCVN3: decode_tcvn3(text, capitals), VNI: decode_vni(text)}
    hinted = TCVN3 if font.startswith(".vn") else VNI if font.startswith("vni") else None
    if hinted and candidates[hinted] != text:
        return candidates[hinted], hinted
    original = plausibility(text)
    markers = {TCVN3: sum(1 for ch in text if ch in _TCVN3_MARKERS), VNI: len(_VNI_PAIR_RE.findall(text))}
    best = max(candidates, key=lambda name: (plausibility(candidates[name]), markers[name]))
    if candidates[best] != text and plausibility(candidates[best]) > original:
        return candidates[best], best
    return text, None
