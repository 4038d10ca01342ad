"""Fixtures shared by every test module: where the repository and the shared material are."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Real material lives beside the repository, not in it (its licence does not allow copying).
SHARED = REPO.parent / "shared"

# Every run that writes files records what each output was made from in the identity cache:
# the tests' runs keep theirs out of the user's (a test that needs its own sets it again).
_CACHE_DIR = tempfile.mkdtemp(prefix="laobao-convert-tests-")
atexit.register(shutil.rmtree, _CACHE_DIR, True)
os.environ["LAOBAO_CONVERT_CACHE"] = os.path.join(_CACHE_DIR, "identities.json")


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
