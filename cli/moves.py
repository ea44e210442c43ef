"""The headless commands that move branches: `dua-len-may-chu` (push) and `lay-ve-tep` (pull). Each prints what it
did in Vietnamese and exits as every headless command does (cli.guard): 0 done, 1 refused for the data
(a branch already on the server, an unknown branch, a changed entry log), 2 a file or server that cannot be read or
written."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from cli.guard import guarded
from models.core.failures import OK


@guarded
def run_push(
    db: str, server: str | None, merge: bool, *, committee_file: str | None = None, out: TextIO, err: TextIO
) -> int:
    """Put every branch of data file `db` onto `server`, or into the committee's own data file `committee_file`
    (merging into branches already there with `merge`)."""
    from models.core import passphrases
    from models.core.database import display_name
    from models.core.errors import PassphraseNeededError
    from models.office.branch_moves import push_file, push_into_file
    from models.schema import install_schema

    install_schema()
    given = passphrases.from_environment()
    if given:  # an encrypted file (a plain one forgets it on opening)
        passphrases.remember(Path(db).expanduser(), given)

    created, plain = None, False
    if committee_file is not None and not Path(committee_file).expanduser().exists():
        created, plain = _create_committee_file(Path(committee_file).expanduser())
    try:
        if committee_file is not None:
            reports = push_into_file(db, committee_file, merge=merge)
        else:
            reports = push_file(db, server, merge=merge)
    except PassphraseNeededError as exc:
        _remove_new_file(created)
        if given:
            raise
        raise PassphraseNeededError(
            exc.path, f"{exc.message} Hãy đặt mật khẩu vào biến môi trường {passphrases.VARIABLE} rồi chạy lại lệnh."
        ) from exc
    except BaseException:
        _remove_new_file(created)  # a refused first push leaves no empty committee file behind
        raise
    if plain:  # said once the push is done: a refused one leaves no file to warn about
        from models.core.file_keys import NO_STORE

        print(f"Lưu ý: {NO_STORE} Hãy mở tệp bằng ChiBo và đặt mật khẩu (Tệp › Bảo vệ bằng mật khẩu).", file=err)
    if created is not None and created.recovery_key:
        print(
            f"Tệp của đảng ủy «{committee_file}» được mã hóa; khóa khôi phục (in ra và cất cùng hồ sơ của đảng ủy, "
            f"dùng để mở tệp trên máy khác): {created.recovery_key}",
            file=out,
        )
    for report in reports:
        print("\n".join(report.lines()), file=out)
    where = f"vào tệp của đảng ủy «{committee_file}»" if committee_file else f"lên máy chủ {display_name(server)}"
    print(f"Đã đưa {len(reports)} chi bộ từ tệp «{db}» {where}.", file=out)
    return OK


def _create_committee_file(path):
    """A new committee file is made as every new data file: encrypted with a key the OS keeps (models.core.
    data_session.create_file); where there is no credential store, plain. Returns (its outcome, whether plain)."""
    from models.core.data_session import Opened, create_file
    from models.core.database import close_database
    from models.core.errors import DatabaseFileError

    outcome = create_file(path)
    plain = outcome.kind is Opened.NO_KEY_STORE
    if plain:
        outcome = create_file(path, plain=True)
    close_database()
    if not outcome.is_open:
        raise DatabaseFileError(outcome.message)
    return outcome, plain


def _remove_new_file(outcome) -> None:
    """Remove the committee file this command has just created, with the files SQLite keeps beside it."""
    if outcome is None:
        return
    from models.core import passphrases
    from models.core.database import _SIDE_FILES, close_database

    close_database()
    path = Path(outcome.target)
    for suffix in ("", *_SIDE_FILES):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    passphrases.forget(path)


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
