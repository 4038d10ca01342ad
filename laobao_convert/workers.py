"""Worker processes that do not outlive the run that started them.

A worker whose run is killed (`kill -9`, a cron timeout, the OOM killer) would finish its job
and then wait for the next one forever: the pipe its jobs come through is held open by its
sibling workers too, so it never sees the end of it. Each worker therefore watches its parent
(the kernel tells it on Linux, a thread polls elsewhere) and, once the parent is gone or sends
SIGTERM, stops: the job it was doing unwinds (its `finally` blocks remove partial output), the
run's scratch directory is removed if nobody else is left to remove it, and the worker exits.

A worker's address space is limited too (laobao_convert.limits), so that a page that needs
more memory than the machine has fails with a MemoryError naming it.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import time
from typing import Callable, NoReturn, Optional, TypeVar

from laobao_convert import limits

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.5
_KEEPER_POLL = 0.1

_parent: Optional[int] = None
_scratch: Optional[str] = None
_busy = False
_stopping = False


class Stopped(BaseException):
    """The run this worker belongs to is gone or stopping. A BaseException, so that the jobs'
    `except Exception` (every failure becomes an Outcome) lets it through."""


def expected_parent() -> Optional[int]:
    """The pid a worker's parent must have, as seen from the run: this process when workers
    are forked or spawned from it; None (the parent a worker starts with) for a fork server."""
    import multiprocessing

    return os.getpid() if multiprocessing.get_start_method() in ("fork", "spawn") else None


def start_worker(parent: Optional[int], scratch: Optional[str]) -> None:
    """The pool's initializer: tie this worker's life to its parent's and limit its memory."""
    global _parent, _scratch
    _parent, _scratch = parent or os.getppid(), scratch
    signal.signal(signal.SIGTERM, _on_stop)
    _ask_kernel_to_stop_us()
    threading.Thread(target=_watch_parent, name="parent-watch", daemon=True).start()
    _limit_memory()
    if os.getppid() != _parent:  # the parent died before the kernel was asked
        _leave()


def guarded(function: Callable[[T], R], item: T) -> R:
    """function(item) in a worker, stopping the worker if its run stops meanwhile."""
    global _busy
    _busy = True
    try:
        return function(item)
    except Stopped:
        _leave()
    finally:
        _busy = False
        if _stopping:  # the signal came after the job's last step: no job to unwind
            _leave()


def _on_stop(signum, frame) -> None:
    global _stopping
    _stopping = True
    if _busy:
        raise Stopped()  # unwinds the job first; guarded() then leaves
    _leave()


def _leave() -> NoReturn:
    if _scratch is not None and os.getppid() != _parent:
        shutil.rmtree(_scratch, ignore_errors=True)  # the run is gone and cannot remove it
    os._exit(128 + signal.SIGTERM)


def _ask_kernel_to_stop_us() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watching thread still notices, a little later


def stop_all(executor) -> None:
    """Stop a pool's workers now, in the middle of their jobs (Ctrl-C, SIGTERM): waiting for
    them could take as long as the longest job."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):
            pass  # already gone


def keep_scratch(scratch: str) -> Optional[int]:
    """Start a keeper that removes `scratch` if this process dies without removing it (`kill
    -9` between two rounds of workers, when none is alive to do it); its pid, to be ended with
    end_keeper when the run removes the directory itself. None where processes cannot fork."""
    if not hasattr(os, "fork"):
        return None
    parent = os.getpid()
    pid = os.fork()
    if pid != 0:
        return pid
    try:  # the keeper: nothing of the run's state is touched, and it never returns
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)  # Ctrl-C and a group's SIGTERM are the run's to handle
        while os.getppid() == parent:
            time.sleep(_KEEPER_POLL)
        shutil.rmtree(scratch, ignore_errors=True)
    finally:
        os._exit(0)


def end_keeper(pid: Optional[int]) -> None:
    if pid is None:
        return
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (OSError, ChildProcessError):
        pass  # already gone


def _watch_parent() -> None:
    while os.getppid() == _parent:
        time.sleep(_POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)  # handled in the main thread, between two steps of the job


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # not on Windows
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = limits.MAX_WORKER_MEMORY
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft == resource.RLIM_INFINITY or wanted < soft:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (OSError, ValueError):
        pass  # a limit already lower than ours stays
