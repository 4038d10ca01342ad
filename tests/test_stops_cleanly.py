"""A run stops cleanly: a killed run leaves no worker and no temporary file behind and says
what it did; a page too big to read fails in seconds, naming the page; a template from
--template-dir runs in a sandbox."""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import List

import pytest
from click.testing import CliRunner

from issue_examples import full_issue
from pdf_objects import assemble
from laobao_convert.errors import TemplateError
from laobao_convert.registry import get_writer

# --- templates ------------------------------------------------------------------------------

_ESCAPE = "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}"

TEMPLATES = [("html", "issue.html.j2"), ("epub", "chapter.xhtml.j2"), ("md", "issue.md.j2")]


def _write(fmt: str, template_dir) -> bytes:
    stream = io.BytesIO()
    get_writer(fmt).write(full_issue(), stream, template_dir=str(template_dir))
    return stream.getvalue()


@pytest.mark.parametrize("fmt, name", TEMPLATES)
def test_a_template_that_breaks_the_sandbox_is_a_one_line_error_naming_it(tmp_path, fmt, name):
    marker = tmp_path / "ran"
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / name).write_text(_ESCAPE % marker, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _write(fmt, templates)
    assert not marker.exists()
    message = str(caught.value)
    assert name in message and "sandbox" in message and "\n" not in message


@pytest.mark.parametrize("fmt, name", TEMPLATES)
def test_a_template_including_a_missing_one_is_a_one_line_error(tmp_path, fmt, name):
    (tmp_path / name).write_text('{% include "no-such.j2" %}', encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _write(fmt, tmp_path)
    message = str(caught.value)
    assert "template not found: no-such.j2" in message and name in message and "\n" not in message


# --- a page too big to read -----------------------------------------------------------------


def pdf_with_content(content: bytes) -> bytes:
    """A one-page PDF whose page draws `content` (compressed), in a standard font."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 1191] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return assemble(objects)


def glyph_rows(rows: int) -> bytes:
    """Text operators drawing 100 glyphs a row, `rows` times."""
    line = b"BT /F1 6 Tf 10 %d Td (" + b"x" * 100 + b") Tj ET\n"
    return b"".join(line % (20 + row % 1100) for row in range(rows))


def convert_in_subprocess(tmp_path, pdf: bytes, *args: str, env=None, timeout=60):
    source = tmp_path / "big.pdf"
    source.write_bytes(pdf)
    environment = {**os.environ, **(env or {})}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "laobao_convert", str(source), "--to", "json", "-o", str(tmp_path / "out.json"), *args],
        capture_output=True, text=True, env=environment, timeout=timeout, preexec_fn=_bounded,
    )
    return result, time.monotonic() - started


def _bounded() -> None:
    # However the code under test behaves, the test machine keeps its memory.
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


ENGINES = pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])


@ENGINES
def test_a_page_whose_content_inflates_too_far_fails_before_it_is_parsed(tmp_path, engine):
    pdf = pdf_with_content(glyph_rows(8_000))  # 800,000 glyphs: 1 MB of operators, 22 KB on disk
    assert len(pdf) < 30_000
    result, seconds = convert_in_subprocess(tmp_path, pdf, "--pdf-engine", engine,
                                            env={"LAOBAO_CONVERT_MAX_PAGE_BYTES": "200000"})
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "page 1 is too big to read" in lines[0] and "big.pdf" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.json").exists()
    assert seconds < 20


@ENGINES
def test_a_page_with_too_many_glyphs_fails_before_it_is_laid_out(tmp_path, engine):
    pdf = pdf_with_content(glyph_rows(30))  # 3,000 glyphs
    result, _ = convert_in_subprocess(tmp_path, pdf, "--pdf-engine", engine,
                                      env={"LAOBAO_CONVERT_MAX_PAGE_GLYPHS": "2000"})
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "page 1 is too big to read: 3,000 glyphs" in lines[0], result.stderr


@ENGINES
def test_running_out_of_memory_on_a_page_names_the_page(monkeypatch, engine):
    from laobao_convert.errors import PdfError
    from laobao_convert.readers import ReadOptions, pdfium
    from laobao_convert.readers import pdf as reader

    def exhausted(*args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(pdfium if engine == "pdfium" else reader, "page_geometry", exhausted)
    with pytest.raises(PdfError) as caught:
        reader.read_pdf(pdf_with_content(glyph_rows(2)), "big.pdf", ReadOptions(pdf_engine=engine))
    assert caught.value.where == "big.pdf" and "page 1 needs more memory than allowed" in caught.value.message


# --- killed runs ----------------------------------------------------------------------------


def test_report_lines_are_written_as_each_issue_finishes(tmp_path, repo_root, monkeypatch):
    from laobao_convert import run as running
    from laobao_convert.cli import main

    for n in range(3):
        (tmp_path / "in" / f"d{n}").mkdir(parents=True)
        shutil.copy(repo_root / "samples" / "sample-issue.txt", tmp_path / "in" / f"d{n}" / f"issue{n}.txt")
    log = tmp_path / "report.jsonl"
    seen = []

    def convert_one(job):
        # The lines go, flushed one by one, to the file that replaces the report at the end.
        (part,) = tmp_path.glob(".report.jsonl.*.part")
        seen.append(len(part.read_text().splitlines()))
        return convert_issue(job)

    convert_issue = running.issue_job
    monkeypatch.setattr(running, "issue_job", convert_one)
    monkeypatch.setenv("LAOBAO_CONVERT_CACHE", str(tmp_path / "cache.json"))
    result = CliRunner().invoke(main, [str(tmp_path / "in"), "--to", "md", "-o", f"{tmp_path / 'out'}/",
                                       "--name", "{stem}.{ext}", "-j", "1", "--report", str(log), "-q"])
    assert result.exit_code == 0, result.output
    assert seen == [0, 1, 2]
    assert [json.loads(line)["status"] for line in log.read_text().splitlines()] == ["ok"] * 3


def _children(pid: int) -> List[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def running_batch(tmp_path, repo_root):
    """A -j 2 batch of a broken file and eight one-page issues, running and reading pages once
    the broken file is reported; yields (process, its workers, report file, output directory,
    its TMPDIR)."""
    page = repo_root / "samples" / "sample-issue" / "20200911_01.pdf"
    (tmp_path / "in" / "a").mkdir(parents=True)
    (tmp_path / "in" / "a" / "broken.pdf").write_bytes(b"%PDF-1.4 cut short")
    for n in range(1, 9):
        (tmp_path / "in" / f"d{n}").mkdir(parents=True)
        shutil.copy(page, tmp_path / "in" / f"d{n}" / f"p{n}.pdf")
    scratch, out, log = tmp_path / "tmp", tmp_path / "out", tmp_path / "report.jsonl"
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "laobao_convert", str(tmp_path / "in"), "--to", "json", "-o", f"{out}/",
         "--name", "{stem}.{ext}", "-j", "2", "--report", str(log), "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(scratch), "LAOBAO_CONVERT_CACHE": str(tmp_path / "cache.json")},
    )
    workers: List[int] = []
    try:
        reported = _wait_for(lambda: len(_report_lines(log)) >= 1, 60)
        workers = _children(process.pid)
        assert reported, "no report line while the run went on"
        assert workers and process.poll() is None
        assert list(scratch.iterdir())  # the run's scratch directory, which must not stay
        yield process, workers, log, out, scratch
    finally:
        for pid in [process.pid, *workers]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        process.wait()


def _report_lines(log: Path) -> List[str]:
    """The report's lines so far: the report once the run put it in place; while it runs (or
    after a kill nothing can catch) the file beside it that the lines are flushed to."""
    if log.exists():
        return log.read_text(encoding="utf-8").splitlines()
    parts = list(log.parent.glob(f".{log.name}.*.part"))
    return parts[0].read_text(encoding="utf-8").splitlines() if parts else []


def _stopped_cleanly(workers, log, out, scratch) -> None:
    assert _wait_for(lambda: not any(_alive(pid) for pid in workers), 10), "workers outlived their run"
    assert not list(scratch.iterdir())
    assert not [p.name for p in out.iterdir() if not p.name.endswith(".json")]
    lines = _report_lines(log)
    assert 1 <= len(lines) < 9
    assert json.loads(lines[0])["where"].endswith("broken.pdf")
    assert all(json.loads(line)["status"] == "ok" for line in lines[1:])


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads children from /proc")
def test_workers_of_a_killed_run_die_and_remove_its_temporary_files(running_batch):
    process, workers, log, out, scratch = running_batch
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    _stopped_cleanly(workers, log, out, scratch)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads children from /proc")
def test_sigterm_stops_a_run_like_ctrl_c(running_batch):
    process, workers, log, out, scratch = running_batch
    process.terminate()
    _, err = process.communicate(timeout=20)
    assert process.returncode == 143
    assert "Traceback" not in err and "internal error" not in err
    _stopped_cleanly(workers, log, out, scratch)


def _address_space(_: int) -> int:
    return resource.getrlimit(resource.RLIMIT_AS)[0]


def test_a_worker_has_a_bounded_address_space():
    from laobao_convert import batch, limits

    assert list(batch.run_jobs(_address_space, [1, 2], 2)) == [limits.MAX_WORKER_MEMORY] * 2


def test_a_run_killed_when_no_worker_is_alive_leaves_no_scratch_directory(tmp_path):
    # Between two rounds of workers (reading, then converting) none is alive to clean up
    # after a kill -9: the run's keeper does.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    (scratch / "part.pickle").write_bytes(b"x")
    code = ("import os, signal; from laobao_convert import workers; "
            f"workers.keep_scratch({str(scratch)!r}); os.kill(os.getpid(), signal.SIGKILL)")
    subprocess.run([sys.executable, "-c", code], check=False)
    assert _wait_for(lambda: not scratch.exists(), 10)


def test_a_run_that_ends_removes_its_keeper_and_keeps_its_scratch_to_itself(tmp_path):
    from laobao_convert import workers

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    keeper = workers.keep_scratch(str(scratch))
    workers.end_keeper(keeper)
    assert scratch.exists() and not _alive(keeper)
