"""Fixtures shared by every test module: where the repository and the shared material are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Real material lives beside the repository, not in it (its licence does not allow copying).
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("the shared material (../shared beside the repository) is not here")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    return shared_dir / "seed" / "20240424-p1.md"
