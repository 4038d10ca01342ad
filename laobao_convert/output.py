"""Writing output files so that a reader never sees half of one.

The bytes go to a temporary file in the target's own directory (so the final rename stays on
one file system and is atomic), are flushed to disk, and only then replace the target. Any
failure on the way, a full disk included, removes the temporary file and leaves an existing
target as it was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

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
}


def describe_os_error(error: OSError) -> str:
    """One short phrase for an OSError, without the path (the message names the file)."""
    reason = _REASONS.get(error.errno or 0)
    if reason:
        return reason
    return (error.strerror or str(error)).strip().lower() or "cannot write"


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, all or nothing; raises OutputError naming `path`."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError("cannot write output: is a directory", where=str(path))
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=str(directory))
        with os.fdopen(fd, "wb") as stream:
            _write_all(stream, data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates 0600; give the output the permissions an ordinary new file gets.
        os.chmod(temp_name, 0o666 & ~_umask())
        os.replace(temp_name, path)
        temp_name = None
    except OSError as error:
        raise OutputError(f"cannot write output: {describe_os_error(error)}", where=str(path)) from error
    finally:
        if temp_name is not None:
            _remove_quietly(temp_name)


def write_stream(stream: BinaryIO, data: bytes, where: str = "-") -> None:
    """Write to an already open stream (standard output); a closed pipe is an OutputError."""
    try:
        _write_all(stream, data)
        stream.flush()
    except OSError as error:
        raise OutputError(f"cannot write output: {describe_os_error(error)}", where=where) from error


def _write_all(stream: BinaryIO, data: bytes) -> None:
    # One call: the OS may write in pieces, but BufferedWriter.write loops until done or raises.
    stream.write(data)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
