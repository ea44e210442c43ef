"""The roster tab's tests: a load held at its second page."""

from __future__ import annotations

import threading

import pytest

import models.roster.roster_pages as pages_module


@pytest.fixture
def gate(monkeypatch):
    """Pages of 3 rows; the worker waits at the gate after the first page until the test opens it."""
    opened = threading.Event()
    real = pages_module.roster_pages

    def pages(on, first=3, size=3, stop=bool):
        for number, page in enumerate(real(on, 3, 3)):
            if number == 1:
                opened.wait(10)
            yield page

    monkeypatch.setattr(pages_module, "roster_pages", pages)
    yield opened
    opened.set()
