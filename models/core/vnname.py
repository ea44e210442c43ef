"""Vietnamese name keys: A-B-C order by given name, and diacritic-free folding for search.

Qt-free fallback of QCollator(vi_VN): base letters follow the Vietnamese alphabet
(a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y), tone marks are a secondary
difference (order as ICU's Vietnamese tailoring: none, huyền, hỏi, ngã, sắc, nặng), case tertiary.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining marks that make a distinct letter (ă, â/ê/ô, ơ/ư) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Tone marks in ICU's Vietnamese secondary order.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_OTHER_BASE = len(_ALPHABET) + 1


# Letters of other alphabets drawn like Latin ones (a Cyrillic «а» in «Nguyễn Văn An»): folded to the letter they
# imitate, so a spoofed name meets the member it imitates in every duplicate check.
_LOOKALIKES = str.maketrans(
    {
        **dict(zip("аеорсухіјѕԁһӏкмнтв", "aeopcyxijsdhlkmhtb", strict=True)),  # Cyrillic small
        **dict(zip("АВЕКМНОРСТХУІЈЅ", "ABEKMHOPCTXYIJS", strict=True)),  # Cyrillic capital
        **dict(zip("αορικνυτ", "aopikvut", strict=True)),  # Greek small
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),  # Greek capital
    }
)


def nfc(text: str) -> str:
    """Composed Unicode with runs of white space collapsed, and without invisible or direction-changing characters
    (zero-width spaces and joiners, right-to-left overrides, byte-order marks, soft hyphens, control codes)."""
    if text.isascii() and text.isprintable():  # nothing to compose or take out
        return " ".join(text.split())
    return _composed(text)


@lru_cache(maxsize=1 << 14)  # names, places and jobs repeat: a roster of 20,000 rows composes each text once
def _composed(text: str) -> str:
    return " ".join(_visible(unicodedata.normalize("NFC", text)).split())


def _visible(text: str) -> str:
    if text.isprintable():  # no control, format (Cf) or separator character but the space: nothing to take out
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf" and (ch.isprintable() or ch.isspace()))


def _maybe_foreign() -> re.Pattern[str]:
    """Every character but those of the Latin blocks Vietnamese is written in (ASCII to Latin Extended-B, Latin
    Extended Additional) whose name says LATIN or that are not letters: only these need their name looked up."""
    latin = [*range(0x250), *range(0x1E00, 0x1F00)]
    kept = [c for c in latin if not chr(c).isalpha() or unicodedata.name(chr(c), "").startswith("LATIN ")]
    spans, start = [], kept[0]
    for previous, current in zip(kept, [*kept[1:], None], strict=True):
        if current != previous + 1:
            spans.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
            start = current
    return re.compile(f"[^{''.join(spans)}]")


_MAYBE_FOREIGN = _maybe_foreign()


def foreign_letters(text: str) -> list[tuple[str, str]]:
    """The letters of `text` that are not Latin (Vietnamese is written in Latin letters), each with its script's
    Unicode name ("CYRILLIC", "GREEK"…): a name mixing them is a spoof or a wrong keyboard."""
    if text.isascii():
        return []
    found = []
    for ch in _MAYBE_FOREIGN.findall(text):
        if ch.isalpha():
            script = unicodedata.name(ch, "UNKNOWN").split()[0]
            if script != "LATIN":
                found.append((ch, script))
    return found


def fold(text: str) -> str:
    """Lower-case text without any diacritic, for search and duplicate checks ("Đỗ Thị Ánh" -> "do thi anh");
    invisible characters are dropped and look-alike letters of other alphabets read as the Latin ones."""
    return " ".join(map(_fold_word, text.split()))


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    # Names and places repeat a lot, so words are folded once (the roster folds 50,000 rows on opening).
    if word.isascii() and word.isprintable():
        return word.lower()
    word = _visible(word).translate(_LOOKALIKES)
    decomposed = unicodedata.normalize("NFD", word.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1 << 16)
def _char_keys(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for cluster in _clusters(unicodedata.normalize("NFD", text)):
        base, marks = cluster[0], cluster[1:]
        letter_marks = "".join(m for m in marks if m in _LETTER_MARKS)
        tone = max((_TONE_RANK.get(m, 0) for m in marks), default=0)
        letter = unicodedata.normalize("NFC", base.lower() + letter_marks)
        rank = _LETTER_RANK.get(letter)
        if rank is None:
            rank = _LETTER_RANK.get(base.lower(), _other_rank(base.lower()))
        primary.append(rank)
        secondary.append(tone)
        tertiary.append(0 if base.islower() else 1)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def _other_rank(ch: str) -> int:
    """As ICU: white space, then punctuation and symbols, then digits, all before letters; other letters after."""
    if ch.isspace():
        return -(2 * 10**7)
    if ch.isdecimal():
        return -100 + unicodedata.decimal(ch)
    if ch.isalpha():
        return _OTHER_BASE + ord(ch)
    return -(10**7) + ord(ch)


def _clusters(decomposed: str) -> list[str]:
    out: list[str] = []
    for ch in decomposed:
        if out and unicodedata.combining(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def text_key(text: str) -> tuple:
    """Sort key for a single Vietnamese word or phrase."""
    p, s, t = _char_keys(nfc(text))
    return (p, s, t)


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name; a one-word name is all given name."""
    words = nfc(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_key(full_name: str, birth_date: date | None = None) -> tuple:
    """Key ordering lists A-B-C: given name, then family name, then middle name, then earlier birth.

    Each part is compared whole (letters, then tones, then case) before the next part is looked at, so every
    "Dung" comes before every "Dũng" whatever their family names.
    """
    family, middle, given = split_name(full_name)
    born = birth_date.toordinal() if birth_date else 10**7
    return (_char_keys(given), _char_keys(family), _char_keys(middle), born)


def sort_names(names: list[str]) -> list[str]:
    """Names in Vietnamese A-B-C order."""
    return sorted(names, key=name_key)


# --- the same key as bytes, for a database index ------------------------------------------------------------------
_SPACE_RANK, _SYMBOL_BASE, _DIGIT_BASE = -(2 * 10**7), -(10**7), -100  # the ranges _other_rank gives


def _primary_bytes(rank: int) -> bytes:
    """A primary rank as 3 bytes, ordered as the ranks and never all zero (zero ends a part)."""
    if rank == _SPACE_RANK:
        code = 1
    elif _SYMBOL_BASE <= rank < _SYMBOL_BASE + 0x110000:
        code = 2 + rank - _SYMBOL_BASE
    elif rank >= _DIGIT_BASE:
        code = (1 << 21) + rank - _DIGIT_BASE
    else:  # pragma: no cover - _other_rank gives nothing else
        raise ValueError(f"no byte code for rank {rank}")
    return code.to_bytes(3, "big")


@lru_cache(maxsize=1 << 16)
def _part_bytes(text: str) -> bytes:
    primary, secondary, tertiary = _char_keys(text)
    return b"".join(
        (
            b"".join(map(_primary_bytes, primary)),
            b"\0\0\0",
            bytes(v + 1 for v in secondary),
            b"\0",
            bytes(v + 1 for v in tertiary),
            b"\0",
        )
    )


def name_sort_key(full_name: str, birth_date: date | None = None) -> bytes:
    """name_key as bytes that compare (byte by byte, as a database compares a blob) exactly as name_key compares.

    Every rank has a fixed width and each of the key's sequences ends in zeros that no rank is, so a shorter
    sequence sorts first as in a tuple. Stored in member.name_sort, it lets the server hand out the roster in A-B-C
    order a page at a time; held in a roster row, it is also the smaller and faster key to sort by.
    """
    family, middle, given = split_name(full_name)
    born = birth_date.toordinal() if birth_date else 10**7
    return b"".join((_part_bytes(given), _part_bytes(family), _part_bytes(middle), born.to_bytes(4, "big")))
