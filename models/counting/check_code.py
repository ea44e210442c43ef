"""The check code printed on signed counting minutes, and checking a record against it.

The code is the record file's own digest (README, «Đối chiếu biên bản đã ký với hồ sơ»); its QR form adds the
election's identity and the start of the header's digest, so a mismatch can be placed: another election, a changed
header (list, electorate, ballots issued, rules), or changed ballots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.core.errors import ValidationError
from models.core.vnname import nfc
from models.counting.election import POST_LABELS, Post
from models.counting.record import ElectionRecord, RecordDigests, header_digest, record_to_dict

CODE_PREFIX = "CHIBO1"
HEADER_SHOWN = 16  # hex digits of the header digest in the QR text
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class CheckCode:
    """What a signed paper's code says: the digest, and (from the QR text) the header digest's start and the
    election's identity; None where a typed code does not carry them."""

    digest: str
    header: str | None = None
    post: str | None = None
    round: int | None = None
    branch: str | None = None
    congress: str | None = None


def record_digests(record: ElectionRecord) -> RecordDigests:
    """As read from its file when it was (`record.raw_digests`), else as ChiBo writes it."""
    if record.raw_digests is not None:
        return record.raw_digests
    raw = record_to_dict(record)
    return RecordDigests(raw["digest"], header_digest(raw), raw["digest"])


def grouped(digest: str) -> str:
    """The digest in groups of four for reading aloud and typing: "3f9a 1c0b …"."""
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def code_text(record: ElectionRecord) -> str:
    """The QR text: CHIBO1|digest|header start|post|round|branch|congress (the digest as the file states it)."""
    d = record_digests(record)
    digest = d.stated or d.content
    e = record.election
    fields = [CODE_PREFIX, digest, d.header[:HEADER_SHOWN], str(e.post), str(e.round), record.branch, record.congress]
    return "|".join(f.replace("|", "/") for f in fields)


def parse_code(text: str) -> CheckCode:
    """A code typed from the paper (64 hex digits, spaces and dashes allowed) or the QR's text; ValidationError
    (one Vietnamese line) otherwise."""
    text = nfc(text or "").strip()
    if text.upper().startswith(CODE_PREFIX + "|"):
        parts = text.split("|")
        if (
            len(parts) != 7
            or not _HEX64.fullmatch(parts[1].lower())
            or not parts[4].isascii()
            or not parts[4].isdigit()
        ):
            raise ValidationError("Nội dung mã QR không đúng dạng mã kiểm tra của ChiBo.", "code")
        return CheckCode(parts[1].lower(), parts[2].lower(), parts[3], int(parts[4]), parts[5], parts[6])
    compact = re.sub(r"[\s\-–.:]", "", text).lower()
    if not _HEX64.fullmatch(compact):
        got = len(compact)
        raise ValidationError(
            f"Mã kiểm tra phải gồm đúng 64 chữ số hệ 16 (0–9, a–f) như in trên biên bản; đã nhập {got} ký tự"
            + ("" if compact.isascii() and all(c in "0123456789abcdef" for c in compact) else ", có ký tự lạ")
            + ".",
            "code",
        )
    return CheckCode(compact)


@dataclass(frozen=True)
class Verification:
    """The outcome of checking a record against a signed paper's code: `matches`, and the lines that say so (the
    first place where it does not match comes first)."""

    matches: bool
    lines: tuple[str, ...]


def verify(record: ElectionRecord, code: CheckCode) -> Verification:
    """Does the record, as it is now, still match the code on the signed minutes?"""
    e = record.election
    d = record_digests(record)
    problems: list[str] = []
    if code.post is not None and code.post != str(e.post):
        theirs = POST_LABELS.get(Post(code.post)) if code.post in set(Post) else code.post
        problems.append(f"Mã trên biên bản là của cuộc bầu «{theirs}», hồ sơ này là «{POST_LABELS[e.post]}».")
    if code.round is not None and code.round != e.round:
        problems.append(f"Mã trên biên bản là của lần bầu thứ {code.round}, hồ sơ này là lần bầu thứ {e.round}.")
    for label, theirs, mine in (("chi bộ", code.branch, record.branch), ("đại hội", code.congress, record.congress)):
        if theirs is not None and theirs != mine.replace("|", "/"):
            problems.append(f"Mã trên biên bản ghi {label} «{theirs}», hồ sơ ghi «{mine}».")
    if not problems and code.digest != d.content:
        if code.header is not None and not d.header.startswith(code.header):
            problems.append(
                "Phần đầu hồ sơ (danh sách ứng cử viên, số đảng viên, số phiếu phát ra, số lượng bầu, "
                "quy tắc) đã khác với lúc ký biên bản."
            )
        elif code.header is not None:
            problems.append("Phần đầu hồ sơ khớp, nhưng các phiếu (hoặc số tổng hợp) đã khác với lúc ký biên bản.")
        else:
            problems.append("Nội dung hồ sơ (phần đầu hoặc các phiếu) đã khác với lúc ký biên bản.")
    if d.stated is not None and d.stated != d.content:
        problems.append("Hồ sơ không khớp với mã kiểm tra ghi trong chính nó: đã bị sửa sau khi ghi.")
    if problems:
        return Verification(False, ("KHÔNG KHỚP với biên bản đã ký.", *problems))
    return Verification(True, (f"KHỚP: hồ sơ đúng như lúc ký biên bản (mã {grouped(code.digest)[:19]}…).",))
