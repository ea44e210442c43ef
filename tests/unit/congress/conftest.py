"""A congress over a saved roster, on SQLite and PostgreSQL (the data_file fixture of tests/unit)."""

from __future__ import annotations

import pytest

from tests.support import congress_story as story


@pytest.fixture
def branch12(data_file):
    """12 official members (one on temporary activity elsewhere, one exempted) and 2 probationary ones."""
    return story.roster(12, 2, temporary=1, exempted=1)


@pytest.fixture
def congress12(branch12):
    return story.congress()
