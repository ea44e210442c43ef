"""A named pipe or a folder given where a command reads or writes a file is refused at once (status 2), never a
read or write that waits for ever."""

from __future__ import annotations

import os

import pytest

from tests.support.commands import chibo as _chibo


@pytest.mark.parametrize(
    "command", [("count", "{pipe}"), ("compare", "{pipe}", "{folder}"), ("minutes", "{pipe}", "-o", "{folder}/bb.xlsx")]
)
def test_a_pipe_or_a_folder_is_refused_at_once(tmp_path, command):
    pipe = tmp_path / "ho-so.json"
    os.mkfifo(pipe)  # nobody ever writes into it: reading it would wait for ever
    run = _chibo(*(part.format(pipe=pipe, folder=tmp_path) for part in command))
    assert run.returncode == 2, run.stderr
    assert "là một đường ống hay thiết bị, không phải một tệp" in run.stderr, run.stderr
