"""Running the command in-process, as the command-line tests do: `run` gives (exit code,
standard output bytes, standard error), and `own_cache`, imported into a test module, gives
each of its tests an identity cache of its own (so --skip-existing never sees another's)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from laobao_convert.cli import main


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LAOBAO_CONVERT_CACHE", str(tmp_path / "cache" / "identities.json"))
