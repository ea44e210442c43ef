"""A committee's own data file holding all its branches (models.office.branch_moves.push_into_file): several branch
files brought into one file, each copied whole and checked field by field, refused when already there, and the
office statistics over them on one PC without a server."""

from __future__ import annotations

from datetime import date

import pytest

from models.congress.tables import ElectionRound
from models.core.database import close_database, open_database
from models.core.errors import ConflictError, DatabaseFileError
from models.live_count.session import verify_chain
from models.office.branch_moves import push_into_file
from models.office.office_statistics import office_statistics
from tests.support.rich_branch import shot
from tests.unit.office.test_branch_moves import counts

ON = date(2026, 12, 1)
PERIOD, YEAR = (date(2026, 1, 1), ON), 2025


def sections(path, branch_id: int = 1) -> list[tuple]:
    open_database(path)
    try:
        report = office_statistics(ON, PERIOD, YEAR, branch_ids=[branch_id])
        return [(s.key, s.base, [(r.key, r.count) for r in s.rows]) for s in report.branches[0].sections]
    finally:
        close_database()


def test_two_branch_files_become_one_committee_file_with_the_office_features(rich_file, other_file, tmp_path):
    committee = tmp_path / "dang-uy-xa.sqlite3"
    [first] = push_into_file(rich_file, committee)
    [second] = push_into_file(other_file, committee)
    assert (first.branch_id, second.branch_id) == (1, 2) and not first.merged
    assert shot(committee, 1) == shot(rich_file) and shot(committee, 2) == shot(other_file)
    open_database(committee)
    try:
        assert [verify_chain(r.id) for r in ElectionRound.select().where(ElectionRound.count_mode == "ballots")] == [
            True
        ]
        report = office_statistics(ON, PERIOD, YEAR)
    finally:
        close_database()
    assert [b.name for b in report.branches] == ["Chi bộ Văn phòng Sở", "Chi bộ Phòng Kế hoạch"]
    members = report.total[0].base
    assert members == sum(b.sections[0].base for b in report.branches) > 0
    assert sections(committee, 1) == sections(rich_file) and sections(committee, 2) == sections(other_file)


def test_a_branch_already_in_the_committee_file_is_refused_and_the_file_keeps_what_it_has(rich_file, tmp_path):
    committee = tmp_path / "dang-uy-xa.sqlite3"
    push_into_file(rich_file, committee)
    before = counts(committee)
    with pytest.raises(ConflictError, match="Tệp của đảng ủy .* đã có chi bộ «Chi bộ Văn phòng Sở».*--merge"):
        push_into_file(rich_file, committee)
    assert counts(committee) == before
    [merged] = push_into_file(rich_file, committee, merge=True)
    assert merged.merged and counts(committee) == before  # nothing the committee file lacked


def test_a_file_is_not_brought_into_itself_nor_a_missing_one(rich_file, tmp_path):
    before = counts(rich_file)
    with pytest.raises(ConflictError, match="chính nó"):
        push_into_file(rich_file, rich_file)
    assert counts(rich_file) == before
    with pytest.raises(DatabaseFileError, match="Không có tệp dữ liệu"):
        push_into_file(tmp_path / "khong-co.sqlite3", tmp_path / "dang-uy.sqlite3")


def test_the_commands_bring_branch_files_into_a_committee_file_and_count_over_it(rich_file, other_file, tmp_path):
    import json

    from tests.support.commands import chibo

    committee = tmp_path / "dang-uy-xa.sqlite3"
    for source in (rich_file, other_file):
        run = chibo("dua-len-may-chu", "--db", str(source), "--committee-file", str(committee))
        assert run.returncode == 0, run.stderr
        assert f"Đã đưa 1 chi bộ từ tệp «{source}» vào tệp của đảng ủy «{committee}»." in run.stdout
    again = chibo("push", "--db", str(other_file), "--committee-file", str(committee))
    assert again.returncode == 1 and "Tệp của đảng ủy" in again.stderr and "Traceback" not in again.stderr
    both = chibo("push", "--db", str(other_file), "--committee-file", str(committee), "--server", "postgresql://x@/y")
    assert both.returncode == 2 and "Traceback" not in both.stderr
    stats = chibo("stats", "--all-branches", "--json", "--db", str(committee))
    assert stats.returncode == 0, stats.stderr
    report = json.loads(stats.stdout)
    assert [b["name"] for b in report["branches"]] == ["Chi bộ Văn phòng Sở", "Chi bộ Phòng Kế hoạch"]
    total = report["total"]["sections"][0]["rows"][0]["count"]
    assert total == sum(b["sections"][0]["rows"][0]["count"] for b in report["branches"]) == 32 + 12


def test_a_new_committee_file_is_encrypted_by_default_and_its_recovery_key_printed(rich_file, tmp_path):
    """Made as every new data file (the OS store keeps its key: here the tests' in-memory store)."""
    import io

    from cli.moves import run_push
    from models.core.passphrases import is_encrypted

    committee = tmp_path / "dang-uy.sqlite3"
    out, err = io.StringIO(), io.StringIO()
    assert run_push(str(rich_file), None, False, committee_file=str(committee), out=out, err=err) == 0, err.getvalue()
    assert is_encrypted(committee)
    assert "khóa khôi phục" in out.getvalue()


def test_a_refused_first_push_leaves_no_committee_file_behind(tmp_path):
    """A practice file is refused: the committee file this command would have made is not left empty behind."""
    import io

    from cli.moves import run_push
    from models.practice.sample_branch import fill_practice_data

    practice = tmp_path / "tap-duot.sqlite3"
    open_database(practice)
    try:
        fill_practice_data(ON)
    finally:
        close_database()
    committee = tmp_path / "dang-uy.sqlite3"
    out, err = io.StringIO(), io.StringIO()
    assert run_push(str(practice), None, False, committee_file=str(committee), out=out, err=err) == 1
    assert "tập dượt" in err.getvalue()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("dang-uy")) == []
