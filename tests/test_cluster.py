"""--scheduler: a batch on a Dask cluster converts as a local run does (the same outputs, the
same report in the same order, the same exit code), goes on when a worker dies, and costs
nothing to a run without it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from laobao_convert import __version__
from laobao_convert.cluster import LOCAL_SCHEDULER

from cli_runs import own_cache, run  # noqa: F401 - own_cache: each test its own identity cache

distributed = pytest.importorskip("distributed")

ALLOWED_FAILURES = 1
"""The test cluster's scheduler runs a task whose worker died once more, not three times."""


@pytest.fixture(scope="module")
def scheduler():
    """One cluster of two worker processes for the tests that connect by address."""
    from distributed import Client, LocalCluster

    options = {**LOCAL_SCHEDULER, "allowed_failures": ALLOWED_FAILURES}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, silence_logs=50,
                      scheduler_kwargs=options) as cluster, Client(cluster) as client:
        yield client


@pytest.fixture
def batch(tmp_path, repo_root, seed_path) -> Path:
    """Four issues (a whole-issue PDF, the same issue as page PDFs, its extracted text, the
    seed's Markdown) and a file that is no PDF."""
    samples = repo_root / "samples"
    folder = tmp_path / "in"
    shutil.copytree(samples / "sample-issue", folder / "pages")
    for name in ("sample-issue.pdf", "sample-issue.txt"):
        shutil.copy(samples / name, folder / name)
    shutil.copy(seed_path, folder / seed_path.name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 cut short")
    return folder


def records(report: bytes) -> list:
    """The report's lines without their timings, which no two runs share."""
    lines = [json.loads(line) for line in report.decode().splitlines()]
    return [{key: value for key, value in line.items() if key != "seconds"} for line in lines]


def converted(folder: Path) -> dict:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_local_cluster_gives_the_outputs_and_report_of_a_local_run(batch, tmp_path):
    local, on_cluster = tmp_path / "local", tmp_path / "cluster"
    common = [str(batch), "--to", "json", "--report", "-", "-j", "2"]
    code, report, err = run(*common, "-o", f"{local}/")
    assert code == 1, err
    # In a process of its own, so that what the cluster's processes print is on its stderr.
    code_cluster, report_cluster, err_cluster = run_process(*common, "-o", f"{on_cluster}/", "--scheduler", "local")
    assert code_cluster == code, err_cluster
    assert converted(on_cluster) == converted(local) and len(converted(local)) == 4
    # The same lines in the same order: the broken input failed once, then the issues.
    expected = [dict(r, output=r["output"] and r["output"].replace(str(local), str(on_cluster)))
                for r in records(report)]
    assert records(report_cluster) == expected
    assert [r["status"] for r in expected].count("failed") == 1
    assert err_cluster == err  # no line of Dask's own on stderr


def run_process(*args: str):
    done = subprocess.run([sys.executable, "-m", "laobao_convert", *args], capture_output=True)
    return done.returncode, done.stdout, done.stderr.decode()


def test_a_batch_by_address_with_relative_paths_skip_existing_and_output_to_stdout(batch, tmp_path, scheduler,
                                                                                  monkeypatch):
    # The workers started elsewhere: each job runs in the command's directory all the same.
    monkeypatch.chdir(batch)
    args = [".", "--to", "md", "-o", "../out/", "--report", "-", "--scheduler", scheduler.scheduler.address]
    code, report, err = run(*args)
    assert code == 1, err
    lines = records(report)
    assert sorted(r["status"] for r in lines) == ["failed", "ok", "ok", "ok", "ok"]
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(r["output"]).name for r in lines if r["output"])
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, report, _ = run(*args, "--skip-existing")
    assert code == 1
    assert sorted(r["status"] for r in records(report)) == ["failed", "skipped", "skipped", "skipped", "skipped"]
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    # One issue to standard output: the worker gives its bytes back, this process writes them.
    from_text = next(Path(r["output"]) for r in lines if r["inputs"] == ["sample-issue.txt"])
    code, data, err = run("sample-issue.txt", "--to", "md", "-o", "-", "--scheduler", scheduler.scheduler.address)
    assert code == 0, err
    assert data == from_text.read_bytes()


def test_a_worker_with_another_version_of_the_tool_refuses_the_job(tmp_path):
    from laobao_convert.batch import JobLost
    from laobao_convert.cluster import run_here

    assert run_here(os.path.basename, str(tmp_path / "x"), __version__, str(tmp_path)) == "x"
    with pytest.raises(JobLost, match=f"the worker runs laobao-convert {__version__}, this run 0.0.0-other"):
        run_here(os.path.basename, "x", "0.0.0-other", str(tmp_path))


def test_a_worker_killed_in_the_middle_has_its_issue_converted_elsewhere(batch, tmp_path, scheduler):
    code, report, err, deaths = run_killing(scheduler, tmp_path, batch, times=1)
    assert deaths == 1, "no worker was killed"
    assert code == 0, err
    assert err == "", err  # the worker's death is Dask's business: no line of it is the run's
    assert [r["status"] for r in records(report)] == ["ok", "ok", "ok"]
    assert len(list((tmp_path / "out").iterdir())) == 3


def test_an_issue_that_kills_every_worker_it_runs_on_fails_once_and_the_batch_goes_on(batch, tmp_path, scheduler):
    code, report, err, deaths = run_killing(scheduler, tmp_path, batch, times=None)
    # Dask's allowed failures, then as many again when the run tries the job once more alone.
    assert deaths == 2 * (ALLOWED_FAILURES + 1)
    lines = records(report)
    assert code == 1 and [r["status"] for r in lines].count("failed") == 1
    failed = next(r for r in lines if r["status"] == "failed")
    assert failed["message"] == "the worker process converting this died (out of memory?)"
    assert err.splitlines() == [f"laobao-convert: {failed['where']}: {failed['message']}"]
    assert [r["status"] for r in lines].count("ok") == 2 and len(list((tmp_path / "out").iterdir())) == 2


def run_killing(client, tmp_path: Path, batch: Path, times):
    """The command on three issues, in a process of its own, while the cluster's workers kill
    themselves on the first issue job they start; with the number of workers that died."""
    marker = tmp_path / "killed"
    client.register_plugin(KillOneIssueJob(str(marker), times), name="kill-one-issue-job")
    try:
        code, report, err = run_process(str(batch / "pages"), str(batch / "sample-issue.pdf"),
                                        str(batch / "sample-issue.txt"), "--to", "json", "-o", f"{tmp_path / 'out'}/",
                                        "--report", "-", "-q", "--scheduler", client.scheduler.address)
    finally:
        client.unregister_worker_plugin("kill-one-issue-job")
    deaths = len(marker.read_text().splitlines()) - 1 if marker.exists() else 0
    return code, report, err, deaths


class KillOneIssueJob(distributed.WorkerPlugin):
    """Kills the worker process (as the out-of-memory killer would) that starts the run's first
    issue job, and then each worker that starts that job again (under its key, or the key the
    run gives it when it sends it once more), `times` times in all (None: always). The marker
    file names the job, then gets a line per worker killed."""

    def __init__(self, marker: str, times):
        self.marker = marker
        self.times = times

    def transition(self, key, start, finish, **kwargs):
        if finish != "executing" or not str(key).startswith("issue_job-"):
            return
        try:
            descriptor = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.write(descriptor, f"{key}\n".encode())
            os.close(descriptor)
        except FileExistsError:
            pass
        with open(self.marker, "r+", encoding="utf-8") as stream:
            lines = stream.read().splitlines()
            if not str(key).startswith(lines[0]) or (self.times is not None and len(lines) > self.times):
                return
            stream.write("killed\n")
        os.kill(os.getpid(), signal.SIGKILL)


def test_without_the_extra_a_scheduler_is_one_line_and_a_usage_error(batch, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an installation without it finds
    code, _, err = run(str(batch), "--to", "json", "-o", f"{tmp_path / 'out'}/", "--scheduler", "local")
    assert code == 2
    assert err == "laobao-convert: --scheduler needs the 'cluster' extra: pip install 'laobao-convert[cluster]'\n"
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_is_a_usage_error_before_anything_is_read(batch, tmp_path):
    code, _, err = run(str(batch), "--to", "json", "-o", f"{tmp_path / 'out'}/", "--scheduler", "no-port-here")
    assert code == 2
    assert err.startswith("laobao-convert: no-port-here: cannot reach the Dask scheduler: ") and err.count("\n") == 1


def test_a_run_without_scheduler_imports_nothing_of_dask(batch, tmp_path, repo_root):
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "laobao_convert", str(batch / "sample-issue.txt"),
         str(batch / seed_name(batch)), "--to", "json", "-o", f"{tmp_path / 'out'}/", "-j", "2"],
        capture_output=True, text=True, cwd=repo_root, env={**os.environ, "LAOBAO_CONVERT_CACHE": str(tmp_path / "c")},
    )
    assert done.returncode == 0, done.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert "laobao_convert.run" in imported  # the conversion's machinery was imported and timed
    assert not [name for name in imported if name.split(".")[0] in ("dask", "distributed")]
    assert "laobao_convert.cluster" not in imported


def seed_name(folder: Path) -> str:
    return next(p.name for p in folder.iterdir() if p.suffix == ".md")
