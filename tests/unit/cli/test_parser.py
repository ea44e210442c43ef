"""The one argparse tree: the record commands keep their one usage line for a mistake, and parsing loads no
command module (the window's start-up pays for none)."""

from __future__ import annotations

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
