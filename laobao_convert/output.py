"""Writing output files so that a reader never sees half of one.

The bytes go to a temporary file in the target's own directory (so the final rename stays on
one file system and is atomic), are flushed to disk, and only then replace the target. Any
failure on the way, a full disk included, removes the temporary file and leaves an existing
target as it was.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, List, Optional, Sequence, Tuple

from laobao_convert.errors import OutputError

_REASONS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.ENOENT: "no such directory",
    errno.ENOTDIR: "not a directory",
    errno.EISDIR: "is a directory",
    errno.EFBIG: "file too large",
    errno.EPIPE: "broken pipe",
}


def describe_os_error(error: OSError) -> str:
    """One short phrase for an OSError, without the path (the message names the file)."""
    reason = _REASONS.get(error.errno or 0)
    if reason:
        return reason
    return (error.strerror or str(error)).strip().lower() or "cannot write"


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, all or nothing; raises OutputError naming `path`. Missing
    folders on the way are made (-o a/b/c.epub), only now that there is something to write."""
    parent = Path(path).parent
    if str(parent) and not os.path.lexists(parent):
        try:
            os.makedirs(parent, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot write output: cannot create its folder: {describe_os_error(error)}",
                              where=str(path)) from None
    target = AtomicFile(path)
    try:
        target.write(data)
        target.commit()
    except BaseException:  # Ctrl-C included: never leave the temporary file behind
        target.discard()
        raise


def write_files(folder: Path, files: Sequence[Tuple[str, bytes]]) -> List[Path]:
    """Write each (relative path, bytes) under `folder`, each atomically; returns the paths
    written. A failure removes those already written, so a failed issue leaves none behind."""
    written: List[Path] = []
    try:
        for name, data in files:
            path = Path(folder) / name
            write_atomically(path, data)
            written.append(path)
    except BaseException:
        remove_files(written)
        raise
    return written


def remove_files(paths: Sequence[Path]) -> None:
    """Remove files this run wrote for an output that then failed; one already gone is fine."""
    for path in paths:
        try:
            os.unlink(path)
        except OSError:
            pass


def write_stream(stream: BinaryIO, data: bytes, where: str = "-", what: str = "output") -> None:
    """Write to an already open stream (standard output) and flush it; a closed pipe or a full
    disk is an OutputError saying `cannot write <what>`."""
    try:
        _write_all(stream, data)
        stream.flush()
    except OSError as error:
        raise OutputError(f"cannot write {what}: {describe_os_error(error)}", where=where) from error


def _write_all(stream: BinaryIO, data: bytes) -> None:
    # An unbuffered stream (FileIO: PYTHONUNBUFFERED=1 on standard output) takes what the
    # system call took and says how much; a disk filling up takes part and then fails. Only
    # the next write after a short one raises, so write until every byte is taken.
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if written is None:  # a non-blocking stream that would block
            raise OSError(errno.EAGAIN, "output would block")
        if written <= 0:
            raise OSError(errno.EIO, "output took nothing")
        view = view[written:]


class AtomicFile:
    """A file written piece by piece that replaces its target only when committed: the pieces
    go to a temporary file in the target's directory, each written whole and flushed (so what
    was written survives the process), and commit() syncs it and renames it over the target.
    Until then an existing target stays as it was. Every method raises OutputError (naming the
    target, `cannot write <what>: ...`) or nothing."""

    def __init__(self, path: Path, what: str = "output"):
        self.where = str(path)
        self.path = Path(path)
        self.what = what
        directory = self.path.parent if str(self.path.parent) else Path(".")
        try:
            if self.path.is_dir():
                raise OSError(errno.EISDIR, "is a directory")
            fd, self.temp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=str(directory))
        except OSError as error:
            raise self._error(error) from error
        self.stream: Optional[BinaryIO] = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        try:
            _write_all(self.stream, data)
            self.stream.flush()
        except OSError as error:
            self.discard()
            raise self._error(error) from error

    def commit(self) -> None:
        try:
            os.fsync(self.stream.fileno())
            stream, self.stream = self.stream, None
            stream.close()
            # mkstemp creates 0600; give the file the permissions an ordinary new file gets.
            os.chmod(self.temp_name, 0o666 & ~_umask())
            os.replace(self.temp_name, self.path)
        except OSError as error:
            self.discard()
            raise self._error(error) from error

    def discard(self) -> None:
        """Drop what was written; the target stays as it was."""
        if self.stream is not None:
            stream, self.stream = self.stream, None
            try:
                stream.close()
            except OSError:
                pass
        _remove_quietly(self.temp_name)

    def _error(self, error: OSError) -> OutputError:
        return OutputError(f"cannot write {self.what}: {describe_os_error(error)}", where=self.where)


def silence_stdout() -> None:
    """Point standard output at the null device once writing to it has failed: what is left in
    its buffer would fail again when Python flushes it at exit (exit 120, a traceback)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
