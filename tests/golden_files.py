"""Golden files: compare output with a file kept in tests/golden/, or accept it.

Set LAOBAO_UPDATE_GOLDEN=1 to write the new output instead of comparing (then review the diff
in version control). A missing golden file fails the test with the same hint, so a new
golden is always a deliberate act.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Union

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
UPDATE_ENV = "LAOBAO_UPDATE_GOLDEN"


def updating() -> bool:
    return os.environ.get(UPDATE_ENV, "") not in ("", "0")


def check_golden(relative: str, actual: Union[str, bytes]) -> None:
    """Fail with a unified diff (text) or a size note (bytes) unless `actual` equals the
    golden file `tests/golden/<relative>`."""
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    path = GOLDEN_DIR / relative
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    if not path.exists():
        pytest.fail(f"no golden file {relative}; run with {UPDATE_ENV}=1 to create it")
    expected = path.read_bytes()
    if expected == data:
        return
    if isinstance(actual, str):
        diff = "".join(
            difflib.unified_diff(
                expected.decode("utf-8").splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{relative}",
                tofile="output",
                n=2,
            )
        )
        pytest.fail(f"output differs from golden/{relative} ({UPDATE_ENV}=1 accepts it):\n{diff[:6000]}")
    pytest.fail(f"output ({len(data)} bytes) differs from golden/{relative} ({len(expected)} bytes)")
