"""The search tests share the quality suite's kit (its synthetic records)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "quality"))

from tests.search.site import seed_documents

@pytest.fixture(scope="session")
def documents():
    return seed_documents()
