"""The headless commands that move branches: `dua-len-may-chu` (push) and `lay-ve-tep` (pull). Each prints what it
did in Vietnamese and exits as every headless command does (cli.guard): 0 done, 1 refused for the data
(a branch already on the server, an unknown branch, a changed entry log), 2 a file or server that cannot be read or
written."""

from __future__ import annotations

from typing import TextIO

from cli.guard import guarded
from models.core.failures import OK


@guarded
def run_push(db: str, server: str, merge: bool, *, out: TextIO, err: TextIO) -> int:
    """Put every branch of data file `db` onto `server` (merging into branches already there with `merge`)."""
    from pathlib import Path

    from models.core import passphrases
    from models.core.database import display_name
    from models.core.errors import PassphraseNeededError
    from models.office.branch_moves import push_file
    from models.schema import install_schema

    install_schema()
    given = passphrases.from_environment()
    if given:  # an encrypted file (a plain one forgets it on opening)
        passphrases.remember(Path(db).expanduser(), given)

    try:
        reports = push_file(db, server, merge=merge)
    except PassphraseNeededError as exc:
        if given:
            raise
        raise PassphraseNeededError(
            exc.path, f"{exc.message} Hãy đặt mật khẩu vào biến môi trường {passphrases.VARIABLE} rồi chạy lại lệnh."
        ) from exc
    for report in reports:
        print("\n".join(report.lines()), file=out)
    print(f"Đã đưa {len(reports)} chi bộ từ tệp «{db}» lên máy chủ {display_name(server)}.", file=out)
    return OK


@guarded
def run_pull(server: str, branch: int, db: str, *, out: TextIO, err: TextIO) -> int:
    """Take branch `branch` of `server` into the new data file `db`."""
    from models.core.data_session import new_stored_key
    from models.core.database import display_name
    from models.office.branch_moves import pull_branch
    from models.schema import install_schema

    install_schema()
    key = new_stored_key()  # a new data file is encrypted by default, its key kept by the OS
    report = pull_branch(server, branch, db, key)
    print(
        f"Đã lấy chi bộ «{report.branch_name}» (mã {branch} trên máy chủ {display_name(server)}) vào tệp mới «{db}».",
        file=out,
    )
    print("\n".join(report.lines()[1:]), file=out)
    if key is None:
        from models.core.file_keys import NO_STORE

        print(f"Lưu ý: {NO_STORE} Hãy mở tệp bằng ChiBo và đặt mật khẩu (Tệp › Bảo vệ bằng mật khẩu).", file=err)
    else:
        print(
            f"Tệp được mã hóa; khóa khôi phục (in ra và cất cùng hồ sơ chi bộ, dùng để mở tệp trên máy khác): {key[0]}",
            file=out,
        )
    return OK
