"""Jobs on a Dask cluster (--scheduler): the jobs a run would give its own worker processes
(laobao_convert.batch.LocalWorkers), sent as tasks to a Dask distributed scheduler, or to a
LocalCluster started for the run on this machine (--scheduler local).

Every worker must reach the run's inputs and outputs by the same paths (a shared file
system), and run the same version of the tool: a job is a module-level function and its
argument, pickled by reference. A job runs in the directory the command was started in, so
that relative paths name the same files there as here.

A worker that dies (killed for memory, its machine gone) has its jobs run again on another:
the scheduler does that by itself, up to its `allowed-failures`; a job that keeps killing
the workers it runs on then fails on its own, as one that kills a local worker does. Dask is
an optional extra, imported here only, and this module only when --scheduler is given.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import uuid
import warnings
from collections import deque
from typing import Callable, Deque, Optional, Tuple, TypeVar

from laobao_convert import __version__
from laobao_convert.batch import JobLost, Workers, default_jobs
from laobao_convert.errors import ConvertError, UsageProblem

T = TypeVar("T")
R = TypeVar("R")

LOCAL = "local"
"""--scheduler local: a LocalCluster of --jobs worker processes (default: the cores)."""

LOCAL_SCHEDULER = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}
"""The scheduler of a local cluster shows no dashboard, and its HTTP server (health checks)
takes any free port of this machine only: two runs at once must not compete for one."""

INSTALL_HINT = "--scheduler needs the 'cluster' extra: pip install 'laobao-convert[cluster]'"

CONNECT_SECONDS = 10

RETRIES = 1
"""Runs again of a task that raised: never the job's own failure (that comes back as an
outcome), but a worker that could not run it at all, which another worker may."""

IN_FLIGHT_PER_WORKER = 2
"""Tasks sent ahead of the one whose result is awaited, per worker: enough to keep every
worker busy, few enough that the jobs' documents are never all in memory at once."""


def check_installed() -> None:
    """A UsageProblem naming the extra when Dask's distributed scheduler is not installed."""
    import importlib.util

    try:
        found = importlib.util.find_spec("distributed") is not None
    except (ImportError, ValueError):  # a broken or half-removed installation
        found = False
    if not found:
        raise UsageProblem(INSTALL_HINT)


class ClusterWorkers(Workers):
    """The run's jobs as tasks of a Dask cluster."""

    single_job_here = False
    """Even a batch of one job goes to the cluster: a worker there starts no processes of its own."""

    def __init__(self, client, cluster, size: int):
        self.client = client
        self.cluster = cluster
        self.size = size

    @classmethod
    def start(cls, address: str, jobs: Optional[int], debug: bool) -> "ClusterWorkers":
        """Connect to the scheduler at `address`, or start a LocalCluster for `local`. A missing
        extra or a scheduler that cannot be reached is a UsageProblem: nothing was done yet."""
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageProblem(INSTALL_HINT) from None
        quiet = logging.DEBUG if debug else logging.CRITICAL
        _quiet_dask(quiet)
        if address == LOCAL:
            size = jobs or default_jobs()
            # Processes with one thread each: the jobs are Python that holds the GIL.
            try:
                cluster = LocalCluster(n_workers=size, threads_per_worker=1, processes=True, silence_logs=quiet,
                                       preload=[__name__], scheduler_kwargs=LOCAL_SCHEDULER)
            except Exception as error:  # noqa: BLE001 - no port, no process: one line, not a traceback
                raise ConvertError(f"cannot start a local Dask cluster: {_reason(error)}") from None
            return cls(Client(cluster), cluster, size)
        try:
            client = Client(address, timeout=CONNECT_SECONDS)
        except (OSError, ValueError, TypeError) as error:
            raise UsageProblem(f"cannot reach the Dask scheduler: {_reason(error)}", where=address) from None
        return cls(client, None, jobs or max(1, sum(client.nthreads().values())))

    def __exit__(self, *exc_info) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def map(self, function, items, on_crash=None, to_send=None):
        """As Workers.map, on the cluster: `to_send(item)` is made only when the item is sent,
        a few at a time; a task that fails to run, or kills the workers it runs on (the
        scheduler's allowed-failures), gives `on_crash(item, error)`."""
        todo = iter(items)
        sent: Deque[Tuple[T, object, object]] = deque()

        def submit(job, key: str):
            return self.client.submit(run_here, function, job, __version__, os.getcwd(),
                                      key=key, pure=False, retries=RETRIES)

        def send_next() -> None:
            for item in todo:
                job = to_send(item) if to_send is not None else item
                # The key names the job kind, as the dashboard and the scheduler's log show it.
                key = f"{function.__name__}-{uuid.uuid4().hex}"
                sent.append((item, job, submit(job, key)))
                return

        try:
            for _ in range(self.size * IN_FLIGHT_PER_WORKER):
                send_next()
            while sent:
                item, job, future = sent.popleft()
                result = _result(future, item, on_crash, again=lambda: submit(job, f"{future.key}-again"))
                del future  # released: the scheduler forgets the task and its data
                send_next()
                yield result
        except BaseException:
            # Stopped (Ctrl-C, SIGTERM, a caller that stops reading): nothing more is started.
            try:
                self.client.cancel([future for _, _, future in sent])
            except Exception:  # noqa: BLE001 - a client already gone has nothing to cancel
                pass
            raise


def _result(future, item: T, on_crash: Optional[Callable[[T, BaseException], R]],
            again: Optional[Callable[[], object]] = None) -> R:
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker as error:
        if again is not None:
            # The scheduler holds every job waiting on a worker that dies as suspect, not only
            # the one it was running: a job that was only queued behind the culprit is run once
            # more, on its own; the culprit kills again and fails.
            return _result(again(), item, on_crash)
        if on_crash is None:
            raise
        return on_crash(item, error)
    except Exception as error:  # noqa: BLE001 - a task the cluster could not run fails its item alone
        if on_crash is None:
            raise
        if not isinstance(error, JobLost):
            error = JobLost(f"the cluster could not run this job: {type(error).__name__}: {_reason(error)}")
        return on_crash(item, error)


def _reason(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


_one_job_at_a_time = threading.Lock()


def run_here(function: Callable[[T], R], item: T, version: str, directory: str) -> R:
    """A task on a worker: function(item) in the run's working directory, by the run's version
    of the tool. The working directory belongs to the whole process, so a worker with several
    threads runs one job at a time (they would not run faster side by side: the GIL)."""
    if version != __version__:
        raise JobLost(f"the worker runs laobao-convert {__version__}, this run {version}: "
                      "every worker needs the same version")
    with _one_job_at_a_time:
        before = os.getcwd()
        try:
            os.chdir(directory)
        except OSError as error:
            raise JobLost(f"the worker cannot enter the run's directory {directory}: {error.strerror}") from None
        try:
            return function(item)
        finally:
            os.chdir(before)


def dask_setup(worker) -> None:
    """Run by each worker of a LocalCluster as it starts (its preload). Ctrl-C reaches every
    process of the terminal's group: the run stops its cluster itself, and a worker that took
    the signal as well would print a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _quiet_dask(level: int) -> None:
    """Dask's own log lines (a worker restarted, a connection closed) and warnings (a big
    task) are not ours to print on the run's stderr; --debug lets them through."""
    for name in [name for name in logging.root.manager.loggerDict if name.split(".")[0] in ("distributed", "dask")]:
        logging.getLogger(name).setLevel(level)
    logging.getLogger("distributed").setLevel(level)
    if level > logging.DEBUG:
        warnings.filterwarnings("ignore", module=r"distributed(\.|$)")
