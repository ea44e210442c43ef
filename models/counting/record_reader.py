"""Reading and validating a `chibo.election/1` record file: the first problem raises one Vietnamese line."""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import replace
from typing import Any

from models.core.cycle_collection import cycle_collection_off
from models.core.errors import os_error_text
from models.counting.election import Candidate, Election, Post
from models.counting.electorate import EXCLUSION_KEYS, Electorate, Exclusions
from models.counting.errors import MalformedError
from models.counting.record import RECORD_FORMAT, ElectionRecord, RecordDigests, chain_digest, header_digest
from models.counting.tally import Tally, Totals, check_election, check_totals
from models.counting.validity import DECLARED_REASONS, RULE_KEYS, Ballot, Form, InvalidReason, Mark, Rules

_MARKS = frozenset(str(m) for m in Mark)
_DECLARED = frozenset(str(r) for r in DECLARED_REASONS)
_BALLOT_KEYS = frozenset(("no", "keep", "marks", "void"))
_KEEP_NOT_IDS = "{where}trường keep phải là danh sách mã ứng cử viên được giữ lại."


# Bounds far above any real record: a congress of 300+ delegates with a few hundred ballots per round is a few
# megabytes; anything larger, or counts beyond these, is a damaged or hostile file, refused before it costs memory.
MAX_RECORD_BYTES = 32 * 1024 * 1024
MAX_COUNT = 1_000_000  # ballots, votes, numbers of any kind
MAX_MEMBERS = 100_000  # official members summoned: more than any branch or grassroots congress could have
MAX_TEXT = 10_000  # characters in one text field
_LONG_TEXT = re.compile(f'"[^"]{{{MAX_TEXT + 1}}}')  # a quote, then more characters than a text may have


def read_record(path: str | os.PathLike[str]) -> ElectionRecord:
    """Read and validate a record file; MalformedError (one Vietnamese line) when it cannot be counted."""
    name = os.fspath(path)
    try:
        info = os.stat(name)  # never opens: a named pipe or a device must not block or stream forever
        if stat.S_ISDIR(info.st_mode):
            raise MalformedError(f"«{name}» là một thư mục, không phải tệp hồ sơ bầu cử.", "")
        if not stat.S_ISREG(info.st_mode):
            raise MalformedError(f"«{name}» không phải là tệp thông thường (có thể là thiết bị hoặc đường ống).", "")
        if info.st_size > MAX_RECORD_BYTES:
            raise MalformedError(_too_big(name, info.st_size), "")
        with open(name, "rb") as handle:
            data = handle.read(MAX_RECORD_BYTES + 1)
    except OSError as exc:
        raise MalformedError(f"Không đọc được tệp «{name}»: {os_error_text(exc)}.", "") from exc
    if len(data) > MAX_RECORD_BYTES:  # it grew while being read
        raise MalformedError(_too_big(name, len(data)), "")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MalformedError(f"Tệp không phải văn bản UTF-8 (byte thứ {exc.start}).", "") from exc
    return parse_record(text, from_utf8=True)


def _too_big(name: str, size: int) -> str:
    return (
        f"Tệp «{name}» nặng {size / 1048576:.1f} MB, vượt giới hạn {MAX_RECORD_BYTES // 1048576} MB của một hồ sơ "
        "bầu cử; đây không phải hồ sơ do ChiBo ghi."
    )


def parse_record(text: str, *, from_utf8: bool = False) -> ElectionRecord:
    """`from_utf8`: the text was decoded from UTF-8 bytes, so it holds no half of a UTF-16 pair as it is."""
    with cycle_collection_off():  # the parsed tree and the ballots hold no cycle
        return _parse_record(text, from_utf8)


def _parse_record(text: str, from_utf8: bool) -> ElectionRecord:
    numbers = _NumberBounds()
    try:
        raw = json.loads(text, parse_int=numbers.whole, parse_float=numbers.real, parse_constant=numbers.constant)
    except RecursionError as exc:
        raise MalformedError("Tệp JSON lồng nhau quá sâu, không phải hồ sơ bầu cử.", "") from exc
    except json.JSONDecodeError as exc:
        raise MalformedError(f"Tệp không phải JSON hợp lệ (lỗi ở dòng {exc.lineno}, cột {exc.colno}).", "") from exc
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise MalformedError("Tệp có một con số quá dài, không phải hồ sơ bầu cử.", "") from exc
    if numbers.outside or _may_hold_bad_text(text, from_utf8):
        _check_values(raw)  # the walk finds the first bad value, and says which
    return record_from_dict(raw)


class _NumberBounds:
    """json.loads hooks that note, while parsing, whether some number is beyond MAX_COUNT (or NaN, an infinity)."""

    def __init__(self) -> None:
        self.outside = False

    def whole(self, text: str) -> int:
        value = int(text)
        if not -MAX_COUNT <= value <= MAX_COUNT:
            self.outside = True
        return value

    def real(self, text: str) -> float:
        value = float(text)
        if not abs(value) <= MAX_COUNT:
            self.outside = True
        return value

    def constant(self, text: str) -> float:
        self.outside = True
        return float(text)


def _may_hold_bad_text(text: str, from_utf8: bool = False) -> bool:
    """Could some text of the parsed file be longer than MAX_TEXT, or hold half a UTF-16 pair? Never False when one
    does: a longer text starts with a quote followed by more than MAX_TEXT other characters, unless it holds an
    escaped quote; half a pair is in the file as it is (never in text decoded from UTF-8, whose decoder refuses
    one), or escaped as \\uD800–\\uDFFF. Each scan is linear; a file without a backslash (ChiBo writes none for
    ordinary names) is scanned once for escapes, not three times."""
    if "\\" in text and ('\\"' in text or "\\ud" in text or "\\uD" in text):
        return True
    if _LONG_TEXT.search(text) is not None:
        return True
    if from_utf8:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_values(raw: Any) -> None:
    """Every number and text of the file within sane bounds, walked without recursion."""
    pending = [raw]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int | float):
            if not abs(value) <= MAX_COUNT:  # also NaN and infinities
                raise MalformedError(
                    f"Tệp có con số {_short(value)} lớn hơn mọi hồ sơ thật (tối đa {MAX_COUNT:,}).".replace(",", "."),
                    "",
                )
        elif isinstance(value, str):
            if len(value) > MAX_TEXT:
                raise MalformedError(
                    f"Tệp có một đoạn văn bản dài {len(value):,} ký tự, quá dài.".replace(",", "."), ""
                )
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise MalformedError("Tệp có ký tự không hợp lệ (nửa cặp UTF-16) trong văn bản.", "") from exc


def _short(value: float) -> str:
    text = str(value)
    return text if len(text) <= 20 else text[:12] + "…"


def _fail(message: str, fld: str, ballot_no: int | None = None) -> MalformedError:
    return MalformedError(message, fld, ballot_no)


def _int(value: Any, fld: str, *, positive: bool = False, where: str = "", ballot_no: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < (1 if positive else 0):
        kind = "số nguyên dương" if positive else "số nguyên không âm"
        got = "không có" if value is None else json.dumps(value, ensure_ascii=False)
        text = f"trường {fld} phải là {kind}, nhận được {got}."
        raise _fail(f"{where}{text}" if where else text[0].upper() + text[1:], fld, ballot_no)
    return value


def _str(value: Any, fld: str, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(f"Trường {fld} phải là một chuỗi văn bản không rỗng.", fld)
    return value


def _dict(value: Any, fld: str, where: str = "", ballot_no: int | None = None) -> dict:
    if not isinstance(value, dict):
        raise _fail(
            f"{where}trường {fld} phải là một đối tượng JSON {{...}}."
            if where
            else f"Trường {fld} phải là một đối tượng JSON {{...}}.",
            fld,
            ballot_no,
        )
    return value


def _choice(value: Any, fld: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        got = "không có" if value is None else json.dumps(value, ensure_ascii=False)
        raise _fail(f"Trường {fld} phải là một trong {', '.join(allowed)}; nhận được {got}.", fld)
    return value


def record_from_dict(raw: Any) -> ElectionRecord:
    """Validate a parsed record object and build the record; the first problem raises MalformedError."""
    raw = _dict(raw, "(gốc)")
    if raw.get("format") != RECORD_FORMAT:
        got = "không có" if raw.get("format") is None else json.dumps(raw.get("format"), ensure_ascii=False)
        raise _fail(f'Trường format phải là "{RECORD_FORMAT}", nhận được {got}.', "format")
    post = Post(_choice(raw.get("post"), "post", tuple(str(p) for p in Post)))
    form = Form(_choice(raw.get("form"), "form", tuple(str(f) for f in Form)))
    rnd = _int(raw.get("round"), "round", positive=True)
    seats = _int(raw.get("seats"), "seats", positive=True)
    rules = _rules(raw.get("rules"))
    electorate = _electorate(raw.get("electorate"))
    issued = _int(raw.get("ballots_issued"), "ballots_issued")
    candidates = _candidates(raw.get("candidates"))
    tie_break = raw.get("tie_break", False)
    if not isinstance(tie_break, bool):
        raise _fail("Trường tie_break phải là true hoặc false.", "tie_break")
    election = Election(post, rnd, seats, form, candidates, electorate, issued, rules, tie_break)
    check_election(election)

    ballots_raw, totals_raw = raw.get("ballots"), raw.get("totals")
    if (ballots_raw is None) == (totals_raw is None):
        raise _fail(
            "Hồ sơ phải có đúng một trong hai trường ballots (từng phiếu) hoặc totals (tổng hợp), "
            "trường còn lại là null.",
            "ballots",
        )
    ballots = totals = counted = None
    if ballots_raw is not None:
        counted = _ballots(ballots_raw, election)
        ballots = counted[0]
    else:
        totals = _totals(totals_raw, election)

    digest = raw.get("digest")
    if digest is not None and not isinstance(digest, str):
        raise _fail("Trường digest phải là chuỗi mã SHA-256 (64 ký tự hệ 16).", "digest")
    digests = RecordDigests(
        chain_digest(raw), header_digest(raw), digest.strip().lower() if digest is not None else None
    )
    digest_ok = None if digest is None else digests.content == digests.stated
    return ElectionRecord(
        election,
        ballots=ballots,
        totals=totals,
        branch=_str(raw.get("branch"), "branch", required=False),
        congress=_str(raw.get("congress"), "congress", required=False),
        title=_str(raw.get("title"), "title", required=False),
        digest=digest,
        digest_ok=digest_ok,
        raw_digests=digests,
        counted=counted,
    )


def _rules(value: Any) -> Rules:
    if value is None:
        return Rules()
    value = _dict(value, "rules")
    for key, flag in value.items():
        if key not in RULE_KEYS:
            raise _fail(f'Trường rules có khóa "{key}" không được biết; chỉ nhận {", ".join(RULE_KEYS)}.', "rules")
        if not isinstance(flag, bool):
            raise _fail(f"Trường rules.{key} phải là true hoặc false.", f"rules.{key}")
    return Rules(**value)


def _electorate(value: Any) -> Electorate:
    value = _dict(value, "electorate")
    excluded_raw = value.get("excluded")
    excluded_raw = {} if excluded_raw is None else _dict(excluded_raw, "electorate.excluded")
    for key in excluded_raw:
        if key not in EXCLUSION_KEYS:
            raise _fail(
                f'Trường electorate.excluded có khóa "{key}" không được biết; chỉ nhận {", ".join(EXCLUSION_KEYS)}.',
                "electorate.excluded",
            )
    excluded = Exclusions(**{k: _int(excluded_raw.get(k, 0), f"electorate.excluded.{k}") for k in EXCLUSION_KEYS})
    summoned = _int(value.get("official_summoned"), "electorate.official_summoned")
    if summoned > MAX_MEMBERS:
        raise _fail(
            f"Số đảng viên chính thức được triệu tập ({summoned:,}) nhiều hơn mọi đại hội có thể có "
            f"(tối đa {MAX_MEMBERS:,}).".replace(",", "."),
            "electorate.official_summoned",
        )
    return Electorate(
        summoned,
        excluded,
        _int(value.get("official_present"), "electorate.official_present"),
    )


def _candidates(value: Any) -> tuple[Candidate, ...]:
    if not isinstance(value, list) or not value:
        raise _fail("Trường candidates phải là danh sách ứng cử viên không rỗng.", "candidates")
    out: list[Candidate] = []
    seen: set[str] = set()
    for pos, item in enumerate(value, start=1):
        where = f"candidates[{pos - 1}]"
        item = _dict(item, where)
        cid = item.get("id")
        if not isinstance(cid, str) or not cid:
            raise _fail(f"Ứng cử viên thứ {pos}: mã phải là chuỗi không rỗng (trường {where}.id).", f"{where}.id")
        if cid in seen:
            raise _fail(f'Ứng cử viên thứ {pos}: mã "{cid}" bị trùng (trường {where}.id).', f"{where}.id")
        seen.add(cid)
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _fail(
                f"Ứng cử viên thứ {pos}: họ tên phải là chuỗi không rỗng (trường {where}.name).", f"{where}.name"
            )
        out.append(Candidate(cid, name))
    return tuple(out)


def _ballots(value: Any, election: Election) -> tuple[tuple[Ballot, ...], Tally]:
    """The ballots, and their tally: each ballot judged once, as it is read."""
    if not isinstance(value, list):
        raise _fail("Trường ballots phải là danh sách phiếu.", "ballots")
    tally = Tally(election)
    out: list[Ballot] = []
    for pos, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise _fail(
                f"Phiếu thứ {pos} trong danh sách: phải là một đối tượng JSON {{...}} (trường ballots).", "ballots"
            )
        no = item.get("no")
        if isinstance(no, bool) or not isinstance(no, int) or no < 1:
            got = "không có" if no is None else json.dumps(no, ensure_ascii=False)
            raise _fail(
                f"Phiếu thứ {pos} trong danh sách: số phiếu phải là số nguyên dương, nhận được {got} (trường no).", "no"
            )
        where = f"Phiếu số {no}: "
        if no in tally:
            raise _fail(f"{where}số phiếu bị trùng với một phiếu trước (trường no).", "no", no)
        if not item.keys() <= _BALLOT_KEYS:
            key = next(k for k in item if k not in _BALLOT_KEYS)
            raise _fail(f'{where}trường "{key}" không được biết; phiếu chỉ có no, keep, marks, void.', key, no)
        void = item.get("void")
        if void is not None and (not isinstance(void, str) or void not in _DECLARED):
            got = json.dumps(void, ensure_ascii=False)
            raise _fail(
                f"{where}lý do không hợp lệ {got} không được biết; chỉ nhận "
                f"{', '.join(sorted(_DECLARED))} (trường void).",
                "void",
                no,
            )
        reason = InvalidReason(void) if void is not None else None
        if election.form == Form.STRIKE:
            if "marks" in item:
                raise _fail(
                    f'{where}hồ sơ bầu theo hình thức gạch tên (form "strike") nhưng phiếu ghi dấu '
                    "đồng ý/không đồng ý (trường marks).",
                    "marks",
                    no,
                )
            keep = item.get("keep", [] if reason is not None else None)  # a declared ballot may omit its marks
            if not isinstance(keep, list):
                raise _fail(_KEEP_NOT_IDS.format(where=where), "keep", no)
            ballot = Ballot(no, keep=tuple(keep), void=reason)
        else:
            if "keep" in item:
                raise _fail(
                    f'{where}hồ sơ bầu theo hình thức đồng ý/không đồng ý (form "agree") nhưng phiếu ghi '
                    "danh sách tên giữ lại (trường keep).",
                    "keep",
                    no,
                )
            marks = item.get("marks", {} if reason is not None else None)
            if not isinstance(marks, dict):
                raise _fail(f"{where}trường marks phải là đối tượng {{mã ứng cử viên: dấu}}.", "marks", no)
            for cid, mark in marks.items():
                if not isinstance(mark, str) or mark not in _MARKS:
                    got = json.dumps(mark, ensure_ascii=False)
                    raise _fail(
                        f'{where}dấu {got} của ứng cử viên "{cid}" không hợp lệ; chỉ nhận agree, disagree, '
                        "both, none (trường marks).",
                        "marks",
                        no,
                    )
            ballot = Ballot(no, marks={cid: Mark(m) for cid, m in marks.items()}, void=reason)
        try:
            tally.add(ballot)  # raises MalformedError for an unknown candidate id or a name kept twice
        except (MalformedError, TypeError):  # TypeError: an unhashable item (a list, an object) in keep
            # An item that is not a text is told as such: checked only here, as an id that is not a candidate's
            # (a number, null, a list) is what made the tally refuse the ballot.
            if ballot.keep is not None and not set(map(type, ballot.keep)) <= {str}:  # JSON texts are plain str
                raise _fail(_KEEP_NOT_IDS.format(where=where), "keep", no) from None
            raise
        out.append(ballot)
    return tuple(out), tally


def _totals(value: Any, election: Election) -> Totals:
    value = _dict(value, "totals")
    for key in value:
        if key not in ("collected", "invalid", "votes", "disagree", "valid"):
            raise _fail(
                f'Trường totals có khóa "{key}" không được biết; chỉ nhận collected, invalid, votes, disagree, valid.',
                f"totals.{key}",
            )
    invalid = value.get("invalid")
    votes = value.get("votes")
    disagree = value.get("disagree")
    totals = Totals(
        collected=value.get("collected"),  # checked below
        invalid={} if invalid is None else _dict(invalid, "totals.invalid"),
        votes={} if votes is None else _dict(votes, "totals.votes"),
        disagree={} if disagree is None else _dict(disagree, "totals.disagree"),
        valid=value.get("valid"),
    )
    check_totals(election, totals)
    return replace(totals, invalid={InvalidReason(k): v for k, v in totals.invalid.items()})
