"""End-to-end stories share the GUI fixtures (no unanswered modal dialogs, `answers`)."""

from tests.gui.conftest import answers, no_modal_dialogs  # noqa: F401
