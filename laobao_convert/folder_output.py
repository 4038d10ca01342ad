"""Writing a folder format (METS/ALTO) as all or nothing, like a file.

The writer's bytes are a zip. A target ending in .zip (or standard output) takes them as they
are; any other target becomes a folder: the files are unpacked into a temporary folder beside
it and renamed into place, an older folder there moved aside first and removed after, so a
reader never sees half an issue and a failure leaves what was there.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from laobao_convert.errors import OutputError
from laobao_convert.output import _umask, describe_os_error, write_atomically


def wants_folder(writer, target: str) -> bool:
    return bool(getattr(writer, "folder", False)) and not target.lower().endswith(".zip")


def write_output(path: Path, data: bytes, writer) -> None:
    """The bytes of `writer` at `path`: a file, or for a folder format, an unpacked folder."""
    if not wants_folder(writer, str(path)):
        write_atomically(path, data)
        return
    write_folder_atomically(path, data)


def write_folder_atomically(path: Path, data: bytes) -> None:
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if path.exists() and not path.is_dir():
        raise OutputError("cannot write output: a file is in the way of the folder", where=str(path))
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=str(parent)))
    except OSError as error:
        raise OutputError(f"cannot write output: {describe_os_error(error)}", where=str(path)) from None
    old = None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                target = temp / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as stream:
                    stream.write(archive.read(name))
                    stream.flush()
                    os.fsync(stream.fileno())
        os.chmod(temp, 0o777 & ~_umask())
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=str(parent)))
            os.replace(path, old / "was")
        os.replace(temp, path)
    except BaseException as error:  # Ctrl-C included: no half folder, the old one back
        if old is not None and (old / "was").exists() and not path.exists():
            os.replace(old / "was", path)
        shutil.rmtree(temp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write output: {describe_os_error(error)}", where=str(path)) from None
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

