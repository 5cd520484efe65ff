from __future__ import annotations

import pytest

from tests.search.site import seed_documents

@pytest.fixture(scope="session")
def documents():
    return seed_documents()
