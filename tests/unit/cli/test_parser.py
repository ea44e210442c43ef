"""The one argparse tree: the record commands keep their one usage line for a mistake, and parsing loads no
command module (the window's start-up pays for none)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli.parser import parse_args

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("argv", "usage"),
    [
        (["count"], "Cách dùng: python main.py count TỆP_HỒ_SƠ.json"),
        (["count", "a.json", "b.json"], "Cách dùng: python main.py count TỆP_HỒ_SƠ.json"),
        (["compare", "a.json"], "Cách dùng: python main.py compare LƯỢT_1.json LƯỢT_2.json"),
        (["minutes", "a.json"], "Cách dùng: python main.py minutes TỆP_HỒ_SƠ.json -o BIÊN_BẢN.xlsx"),
        (["verify", "a.json"], "Cách dùng: python main.py verify TỆP_HỒ_SƠ.json --code MÃ"),
        (["verify", "a.json", "--code", "X", "--db", "d.sqlite3"], "Cách dùng: python main.py verify TỆP_HỒ_SƠ.json"),
    ],
)
def test_a_record_command_given_wrongly_prints_its_usage_line_and_exits_2(argv, usage, capsys):
    with pytest.raises(SystemExit) as stopped:
        parse_args(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage) and err.count("\n") == 1


def test_the_record_commands_parse_into_their_arguments():
    assert parse_args(["count", "a.json"]).record == "a.json"
    compared = parse_args(["compare", "a.json", "b.json"])
    assert (compared.first, compared.second) == ("a.json", "b.json")
    minutes = parse_args(["minutes", "a.json", "-o", "bb.xlsx"])
    assert (minutes.record, minutes.output) == ("a.json", "bb.xlsx")
    on_file = parse_args(["verify", "a.json", "--code", "ab"])
    assert (on_file.record, on_file.code, on_file.db) == ("a.json", "ab", None)
    on_data = parse_args(["verify", "--code", "ab", "--db", "d.sqlite3"])
    assert (on_data.record, on_data.code, on_data.db) == (None, "ab", "d.sqlite3")


def test_the_record_commands_stay_out_of_the_help_list(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    listed = capsys.readouterr().out
    assert "    import " in listed and "    count " not in listed and "    minutes " not in listed


def test_parsing_loads_no_command_module():
    code = (
        "import sys; from cli.parser import parse_args; parse_args(['stats']); parse_args([]); "
        "parse_args(['export', 'danh-sach', '-o', 'ds.xlsx']); parse_args(['import', 'ds.xlsx', '--dry-run']); "
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('cli.', 'reports', 'models', 'peewee')))))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "cli.parser"


def test_the_export_help_still_lists_every_kind(capsys):
    """The kinds are listed in the help of `export` though parsing an export no longer builds that list."""
    from services.roster.jobs import EXPORT_JOBS

    with pytest.raises(SystemExit):
        parse_args(["export", "--help"])
    listed = capsys.readouterr().out
    assert "--all-branches" in listed and all(job.kind in listed and job.title in listed for job in EXPORT_JOBS)


@pytest.mark.parametrize(
    "argv", [[], ["--db", "d.sqlite3"], ["--db=d.sqlite3"], ["--self-test"], ["--d", "x"], ["--db", "count"]]
)
def test_the_windows_options_alone_are_parsed_without_the_commands_tree_as_the_tree_would(argv, monkeypatch):
    from cli import parser

    whole = vars(parser._tree_args(argv))

    def no_tree(*_args, **_kwargs):
        raise AssertionError("the commands' tree was built")

    monkeypatch.setattr(parser._Parser, "add_subparsers", no_tree)
    assert vars(parse_args(argv)) == whole


@pytest.mark.parametrize("argv", [["--db"], ["--bogus"], ["--help"], ["-h"], ["--he"], ["nothing"]])
def test_a_mistake_or_help_at_the_top_is_answered_by_the_whole_tree(argv, capsys):
    with pytest.raises(SystemExit):
        parse_args(argv)
    said = capsys.readouterr()
    assert "LỆNH" in said.out + said.err  # the usage or the help lists the commands, as always


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["ballots-pdf", "--round", "x", "-o", "p.pdf"], "--round: «x» không phải là một số nguyên"),
        (["export", "dai-hoi-bao-cao", "--congress", "V", "-o", "b.xlsx"], "--congress: «V» không phải là một số"),
        (["pull", "--server", "postgresql://h/d", "--branch", "một", "--db", "t"], "--branch: «một» không phải"),
        (["passes", "--round", "1", "--import", "a.json", "--set-aside", "2"], "--set-aside không dùng cùng --import"),
        (["push", "--db", "t.sqlite3"], "cần một trong các tùy chọn --server --committee-file"),
    ],
)
def test_argparse_own_mistakes_are_told_in_vietnamese(capsys, argv, expected):
    with pytest.raises(SystemExit) as stop:
        parse_args(argv)
    told = capsys.readouterr().err
    assert stop.value.code == 2 and expected in told, told
    assert not any(word in told for word in ("invalid", "not allowed", "one of the arguments", "required", "usage:"))


def test_the_help_names_every_record_command_and_each_says_its_exit_statuses(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    listed = capsys.readouterr().out
    assert all(f"chibo {command} " in listed for command in ("count", "compare", "minutes", "verify"))
    for command in ("count", "compare", "minutes", "verify"):
        with pytest.raises(SystemExit):
            parse_args([command, "--help"])
        own = capsys.readouterr().out
        assert "Mã thoát: 0" in own and ("TỆP_HỒ_SƠ.json" in own or "LƯỢT_1.json" in own), own


HELPS = [
    [command]
    for command in ("import", "stats", "export", "applicants", "ballots-pdf", "push", "pull", "scan", "passes")
    + ("count", "compare", "minutes", "verify", "server-setup", "dang-uy")
]
HELPS += [["server-setup", action] for action in ("add-user", "grant", "revoke", "office", "list", "end-sessions")]
HELPS += [["dang-uy", action] for action in ("xem", "sua", "lanh-dao", "chi-bo", "ho-so")]


@pytest.mark.parametrize("command", HELPS, ids=" ".join)
def test_no_help_shows_an_english_placeholder(capsys, command):
    """A value's placeholder is Vietnamese (TÊN, NGÀY…), never argparse's default, the option's English name."""
    with pytest.raises(SystemExit):
        parse_args([*command, "--help"])
    shown = capsys.readouterr().out
    english = [
        option
        for option, value in re.findall(r"(--[a-z][a-z-]*) ([A-Z][A-Z_]+)\b", shown)
        if value == option[2:].upper().replace("-", "_")
    ]
    assert english == [], shown


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["import", "ds.xlsx"],
        ["export", "thong-ke", "-o", "tk.xlsx"],
        ["applicants"],
        ["ballots-pdf", "--round", "1", "-o", "p.pdf"],
        ["scan", "--round", "1", "anh"],
        ["passes", "--round", "1"],
        ["compare", "--round", "1"],
        ["verify", "--code", "0" * 64],
        ["dang-uy", "xem"],
        ["dang-uy", "sua", "--name", "ĐẢNG ỦY XÃ A"],
        ["server-setup", "list"],
        ["server-setup"],
    ],
    ids=" ".join,
)
def test_the_data_file_given_before_the_command_is_the_one_it_works_on(command):
    """`main.py --db FILE COMMAND …` works on FILE, never on the default data file (a committee's record written
    into the branch's own file)."""
    assert parse_args(["--db", "chi-bo.sqlite3", *command]).db == "chi-bo.sqlite3"
    assert parse_args([*command, "--db", "khac.sqlite3"]).db == "khac.sqlite3"


@pytest.mark.parametrize("given", ["0", "-1", "99999999999999999999", "٣", "3.0"])
def test_an_id_or_an_ordinal_is_a_positive_64_bit_number(capsys, given):
    """A number no database row can have is a mistake of the command line, never «không đủ bộ nhớ» (the ordinal of
    10²⁰ in Roman numerals) or SQLite's overflow as «một lỗi không lường trước»."""
    for argv in (
        ["export", "dai-hoi-bao-cao", f"--congress={given}", "-o", "b.xlsx"],
        ["dang-uy", "ho-so", "1", given],
        ["passes", f"--round={given}"],
        ["pull", "--server", "postgresql://h/d", f"--branch={given}", "--db", "t.sqlite3"],
    ):
        with pytest.raises(SystemExit) as stop:
            parse_args(argv)
        told = capsys.readouterr().err
        assert stop.value.code == 2 and f"«{given}»" in told and "Lệnh không đúng" in told, told
    assert parse_args(["passes", "--round", str(2**63 - 1)]).round_id == 2**63 - 1
