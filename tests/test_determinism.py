"""Re-running a conversion gives byte-identical output in every format, also in a fresh
process with a different hash seed (set and dict order must never leak into output)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from laobao_convert.batch import InputRef
from laobao_convert.pipeline import Settings, convert, load_document

FORMATS = ("json", "md", "html", "epub")


def sample_inputs(repo_root, seed_path):
    """The seed, and from samples/ one text and one single-page PDF (the PDF path's ordering
    is where nondeterminism would hide; one page keeps the test quick)."""
    found = [seed_path]
    samples = repo_root / "samples"
    found += sorted(samples.glob("*.txt"))[:1]
    found += sorted(samples.glob("*/*_01.pdf"))[:1] or sorted(samples.glob("*.pdf"))[:1]
    return found


# Renders every input in every format in one fresh process; prints name, format, sha256.
RENDER_ALL = """
import hashlib, sys
from pathlib import Path
from laobao_convert.batch import InputRef
from laobao_convert.pipeline import Settings, convert, load_document
for name in sys.argv[1:]:
    path = Path(name)
    document = load_document(path.read_bytes(), InputRef(name, path), Settings("json"))
    for fmt in ("json", "md", "html", "epub"):
        data = convert([document], Settings(fmt))[1]
        print(path.name, fmt, len(data), hashlib.sha256(data).hexdigest())
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_input_same_bytes_in_process(fmt, seed_path):
    ref = InputRef(str(seed_path), seed_path)
    runs = []
    for _ in range(2):
        document = load_document(seed_path.read_bytes(), ref, Settings(fmt))
        runs.append(convert([document], Settings(fmt))[1])
    assert runs[0] == runs[1]
    assert len(runs[0]) > 100


def test_same_bytes_across_processes_and_hash_seeds(tmp_path, repo_root, seed_path):
    inputs = [str(p) for p in sample_inputs(repo_root, seed_path)]
    digests = {}
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONPATH=str(repo_root))
        done = subprocess.run(
            [sys.executable, "-c", RENDER_ALL, *inputs], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr[-2000:]
        digests[hash_seed] = done.stdout.splitlines()
    assert len(digests["1"]) == len(inputs) * len(FORMATS)
    assert digests["1"] == digests["2"]


def test_the_cli_writes_what_the_pipeline_renders(tmp_path, seed_path):
    """The file on disk is exactly the rendered bytes (no newline translation, no re-encoding)."""
    from click.testing import CliRunner

    from laobao_convert.cli import main

    for fmt in FORMATS:
        out = tmp_path / f"issue.{fmt}"
        assert CliRunner().invoke(main, [str(seed_path), "--to", fmt, "-o", str(out), "-q"]).exit_code == 0
        document = load_document(seed_path.read_bytes(), InputRef(str(seed_path), seed_path), Settings(fmt))
        assert out.read_bytes() == convert([document], Settings(fmt))[1]
