"""The questions the data-file session (models.core.data_session) needs a person for: the passphrase or recovery key
of an encrypted file, restoring a damaged file's newest good backup, a passphrase where no credential store can
keep a new file's key, and the recovery key shown once. Each returns the session's Outcome for the window to react
to; no rule of the data file lives here."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QWidget

from gui.core import dialogs
from models.core.data_session import Opened, Outcome


def open_interactively(parent: QWidget | None, target: Path | str) -> Outcome:
    """Open an existing file or server: an encrypted file's passphrase (or recovery key) is asked until it opens
    or the user gives up (PASSPHRASE_NEEDED with no message); a damaged file's newest good backup is offered (a
    refusal comes back DAMAGED with no message: the offer already said what is wrong)."""
    from gui.core.passphrase_dialogs import ask_passphrase
    from models.core.data_session import open_file

    outcome = open_file(target)
    while outcome.kind is Opened.PASSPHRASE_NEEDED:
        typed = ask_passphrase(parent, outcome.message)
        if typed is None:
            return replace(outcome, message="")
        outcome = open_file(target, typed)
    if outcome.kind is Opened.DAMAGED and outcome.backups:
        from gui.core.restore_dialog import offer_restore

        return offer_restore(parent, outcome)
    return outcome


def create_interactively(parent: QWidget | None, path: Path) -> Outcome:
    """The «new data file» act: encrypted by default with a key the OS store keeps (its recovery key shown once);
    where there is no store, the user is told so and asked for a passphrase, or chooses a plain file."""
    from models.core.data_session import create_file

    outcome = create_file(path)
    if outcome.kind is Opened.NO_KEY_STORE:
        from gui.core.passphrase_dialogs import NewPassphraseDialog

        if dialogs.confirm(parent, outcome.message, title="Tệp dữ liệu mới", yes="Đặt &mật khẩu…", no="&Không mã hóa"):
            dialog = NewPassphraseDialog("Đặt mật khẩu cho tệp mới", outcome.message, parent)
            if dialog.exec() != dialog.DialogCode.Accepted:
                return replace(outcome, kind=Opened.REFUSED, message="")
            outcome = create_file(path, dialog.passphrase())
        else:
            outcome = create_file(path, plain=True)
    if outcome.recovery_key:
        from gui.core.recovery_key_dialog import show_recovery_key

        show_recovery_key(parent, path, outcome.recovery_key)
    return outcome
