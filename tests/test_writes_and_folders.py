"""What a nightly job must never lose: a page that arrives late with an old time stamp, bytes a
full disk or a closed pipe did not take, and inputs in folders that cannot be read."""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from laobao_convert import output
from laobao_convert.errors import OutputError
from laobao_convert.report import FAILED, OK, Outcome
from tests.test_cli import own_cache, run  # noqa: F401 - own_cache: each test its own identity cache

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TEXT_ISSUE = SAMPLES / "sample-issue.txt"
PAGES = sorted((SAMPLES / "sample-issue").glob("*.pdf"))


def records(report: bytes):
    return [json.loads(line) for line in report.decode().splitlines()]


# --- a late page with an old time stamp ------------------------------------------------------


def test_a_late_page_with_an_old_time_stamp_is_converted_under_skip_existing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    late = PAGES[2]
    for page in PAGES:
        if page != late:
            shutil.copy2(page, folder / page.name)
    out = tmp_path / "out"
    args = [str(folder), "--to", "json", "-o", f"{out}/", "--skip-existing", "-j", "1", "--report", "-"]
    code, report, err = run(*args)
    assert code == 0, err
    (first,) = records(report)
    assert first["status"] == OK and first["pages"] == 3
    # The page arrives later, keeping the time it had on the server (curl -R, wget -N, rsync -t).
    made = Path(first["output"]).stat().st_mtime_ns
    shutil.copy(late, folder / late.name)
    os.utime(folder / late.name, ns=(made - 10**10,) * 2)
    code, report, err = run(*args)
    assert code == 0, err
    (second,) = records(report)
    assert second["status"] == OK and second["pages"] == 4
    assert len(json.loads(Path(second["output"]).read_text(encoding="utf-8"))["pages"]) == 4
    # Nothing changed since: the complete issue is left alone.
    code, report, err = run(*args)
    assert [r["status"] for r in records(report)] == ["skipped"]


def test_an_output_is_up_to_date_only_for_the_inputs_it_was_made_from(tmp_path):
    from laobao_convert.batch import IdentityCache, InputRef, input_set, is_current

    pages = [tmp_path / f"p{n}.txt" for n in (1, 2, 3)]
    for page in pages:
        page.write_text("第一版", encoding="utf-8")
        os.utime(page, ns=(10**12, 10**12))
    made = tmp_path / "issue.json"
    made.write_text("{}", encoding="utf-8")
    refs = [InputRef(str(p), p) for p in pages]
    store = tmp_path / "cache" / "identities.json"
    cache = IdentityCache.load(store, "1.0")
    assert not is_current(str(made), refs[:2], cache)  # no record of what it was made from
    cache.record_output(str(made), input_set(refs[:2]))
    cache.save()
    cache = IdentityCache.load(store, "1.0")
    assert is_current(str(made), refs[:2], cache)
    assert not is_current(str(made), refs, cache)  # a page more, older than the output
    assert not is_current(str(made), refs[:1], cache)  # a page fewer
    pages[1].write_text("第二版，改过", encoding="utf-8")
    os.utime(pages[1], ns=(10**12, 10**12))  # same time, another size
    assert not is_current(str(made), refs[:2], cache)
    # What outputs were made from outlives a new version of the tool.
    cache.record_output(str(made), input_set(refs[:2]))
    cache.save()
    assert IdentityCache.load(store, "2.0").made_from(str(made)) == input_set(refs[:2])


# --- every write checked ---------------------------------------------------------------------


class ShortWrites:
    """A file object like FileIO on a filling disk: each write takes at most `piece` bytes and
    says so, and once `room` bytes are taken the next write fails with ENOSPC."""

    def __init__(self, room: int, piece: int = 4096, flush_error: bool = False):
        self.room, self.piece, self.flush_error = room, piece, flush_error
        self.taken = bytearray()

    def write(self, data) -> int:
        left = self.room - len(self.taken)
        if left <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        count = min(len(data), self.piece, left)
        self.taken += bytes(data[:count])
        return count

    def flush(self) -> None:
        if self.flush_error:
            raise OSError(errno.EIO, "Input/output error")


def test_write_stream_writes_every_piece_a_stream_takes():
    data = bytes(range(256)) * 100
    stream = ShortWrites(room=len(data), piece=1000)
    output.write_stream(stream, data)
    assert bytes(stream.taken) == data


def test_write_stream_fails_when_the_disk_fills_part_way():
    stream = ShortWrites(room=40960)
    with pytest.raises(OutputError, match="disk full"):
        output.write_stream(stream, b"x" * 100_000)


def test_write_stream_fails_when_the_flush_fails():
    with pytest.raises(OutputError, match="input/output error"):
        output.write_stream(ShortWrites(room=10**6, flush_error=True), b"x" * 10)


def test_an_atomic_write_cut_short_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "issue.json"
    target.write_bytes(b"old")
    real_fdopen = os.fdopen

    class Filling:
        """The real temporary file, taking 4096 bytes a write and 8192 in all."""

        def __init__(self, *args, **kwargs):
            self.file = real_fdopen(*args, **kwargs)
            self.stream = ShortWrites(room=8192)

        def write(self, data):
            count = self.stream.write(data)
            self.file.write(bytes(data[:count]))
            return count

        def __getattr__(self, name):
            return getattr(self.file, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

    monkeypatch.setattr(output.os, "fdopen", Filling)
    with pytest.raises(OutputError, match="disk full"):
        output.write_atomically(target, b"x" * 100_000)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["issue.json"]


def test_a_report_file_is_replaced_only_when_it_is_whole(tmp_path, monkeypatch):
    from laobao_convert.report import ReportWriter

    target = tmp_path / "report.jsonl"
    target.write_text("old\n", encoding="utf-8")
    outcome = Outcome(inputs=("a.pdf",), status=FAILED, where="a.pdf", message="empty input")
    writer = ReportWriter.open(str(target))
    writer.add(outcome)
    assert target.read_text(encoding="utf-8") == "old\n"  # lines go to a temporary file first
    assert writer.close() is None
    assert target.read_text(encoding="utf-8") == outcome.to_json_line() + "\n"

    writer = ReportWriter.open(str(target))
    monkeypatch.setattr(output, "_write_all", _fail_with_enospc)
    writer.add(outcome)
    problem = writer.close()
    assert problem is not None and problem.message == "cannot write report: disk full"
    assert target.read_text(encoding="utf-8") == outcome.to_json_line() + "\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.jsonl"]


def _fail_with_enospc(stream, data):
    raise OSError(errno.ENOSPC, "No space left on device")


# --- a failing standard output, in a real process ----------------------------------------------


def _limit_file_size(limit: int):
    def apply() -> None:
        # A file grown past RLIMIT_FSIZE fails like a full disk (a short write, then EFBIG)
        # instead of killing the process with SIGXFSZ.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _convert(args, stdout, env=None, preexec_fn=None):
    done = subprocess.run(
        [sys.executable, "-m", "laobao_convert", *args], stdout=stdout, stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})}, preexec_fn=preexec_fn, timeout=120,
    )
    return done.returncode, done.stderr.decode()


def _one_line(err: str, expected: str) -> None:
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert err.splitlines() == [expected], err


def test_json_to_a_filling_disk_unbuffered_fails_and_says_so(tmp_path):
    target = tmp_path / "out.json"
    with open(target, "wb") as stdout:
        code, err = _convert([str(TEXT_ISSUE), "--to", "json", "-o", "-", "-q"], stdout,
                             env={"PYTHONUNBUFFERED": "1"}, preexec_fn=_limit_file_size(16384))
    assert code == 1
    _one_line(err, "laobao-convert: -: cannot write output: file too large")


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_the_nightly_report_to_a_full_disk_fails_in_one_line(tmp_path, unbuffered):
    # laobao-convert DIR/ ... --report - -q >> convert.jsonl, with the disk full.
    env = {"PYTHONUNBUFFERED": unbuffered} if unbuffered else {"PYTHONUNBUFFERED": ""}
    with open("/dev/full", "ab") as stdout:
        code, err = _convert([str(TEXT_ISSUE), "--to", "json", "-o", f"{tmp_path}/", "--report", "-", "-q"],
                             stdout, env=env)
    assert code == 1
    _one_line(err, "laobao-convert: -: cannot write report: disk full")
    assert (tmp_path / "2020-09-11-7803.json").is_file()


def test_a_report_file_on_a_filling_disk_keeps_the_old_report(tmp_path):
    report = tmp_path / "convert.jsonl"
    report.write_text("old\n", encoding="utf-8")
    bad = [tmp_path / "empty.pdf", tmp_path / "fake.pdf"]
    bad[0].write_bytes(b"")
    bad[1].write_bytes(b"<html>Service Unavailable</html>")
    code, err = _convert([*map(str, bad), "--to", "json", "--report", str(report), "-q"], subprocess.DEVNULL,
                         preexec_fn=_limit_file_size(200))
    assert code == 1
    assert err.splitlines()[-1] == f"laobao-convert: {report}: cannot write report: file too large", err
    assert "Traceback" not in err
    assert report.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["convert.jsonl", "empty.pdf", "fake.pdf"])


def test_output_to_a_pipe_closed_early_fails_in_one_line():
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        code, err = _convert([str(TEXT_ISSUE), "--to", "json", "-o", "-", "-q"], write_end)
    finally:
        os.close(write_end)
    assert code == 1
    _one_line(err, "laobao-convert: -: cannot write output: broken pipe")


def test_list_formats_to_a_full_disk_fails_in_one_line():
    with open("/dev/full", "wb") as stdout:
        code, err = _convert(["--list-formats"], stdout)
    assert code == 1
    _one_line(err, "laobao-convert: -: cannot write output: disk full")


# --- folders that cannot be read ---------------------------------------------------------------


def _deny(monkeypatch, locked: Path) -> None:
    """`locked` behaves as a folder without read (or search) permission does for a user who is
    not root: listing it, or reaching a file through it, is refused."""
    real_scandir, real_stat = os.scandir, os.stat

    def inside(path) -> bool:
        return Path(os.fspath(path)).absolute().is_relative_to(locked.absolute())

    def scandir(path="."):
        if not isinstance(path, int) and inside(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    def stat(path, *args, **kwargs):
        if not isinstance(path, int) and inside(path) and Path(os.fspath(path)) != locked:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)


def _folder_with_a_locked_one(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "good").mkdir(parents=True)
    (folder / "locked").mkdir()
    shutil.copy(TEXT_ISSUE, folder / "good" / "issue.txt")
    shutil.copy(TEXT_ISSUE, folder / "locked" / "issue.txt")
    return folder


def test_an_unreadable_folder_in_a_batch_is_one_failed_input(tmp_path, monkeypatch):
    folder = _folder_with_a_locked_one(tmp_path)
    _deny(monkeypatch, folder / "locked")
    out = tmp_path / "out"
    code, report, err = run(str(folder), "--to", "json", "-o", f"{out}/", "--report", "-", "-q", "-j", "1")
    assert code == 1
    assert err.splitlines() == [f"laobao-convert: {folder / 'locked'}: cannot read directory: permission denied"]
    failed, converted = records(report)
    assert failed["status"] == FAILED and failed["inputs"] == [str(folder / "locked")]
    assert converted["status"] == OK and converted["inputs"] == [str(folder / "good" / "issue.txt")]
    assert [p.name for p in out.iterdir()] == ["2020-09-11-7803.json"]


def test_a_file_named_inside_an_unreadable_folder_is_one_failed_input(tmp_path, monkeypatch):
    folder = _folder_with_a_locked_one(tmp_path)
    _deny(monkeypatch, folder / "locked")
    hidden, good = folder / "locked" / "issue.txt", folder / "good" / "issue.txt"
    out = tmp_path / "out"
    code, report, err = run(str(hidden), str(good), "--to", "json", "-o", f"{out}/", "--report", "-", "-q")
    assert code == 1
    assert err.splitlines() == [f"laobao-convert: {hidden}: cannot read: permission denied"]
    failed, converted = records(report)
    assert failed["status"] == FAILED and failed["inputs"] == [str(hidden)]
    assert converted["status"] == OK and converted["inputs"] == [str(good)]
