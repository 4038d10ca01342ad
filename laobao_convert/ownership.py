"""Whose output an existing file is: the checksums of the sources it records.

JSON (`provenance.sources`), Markdown (front matter) and EPUB (`dc:source`) outputs name the
SHA-256 of each input they were made from. An existing file at a planned output path that
records checksums, none of them one of this issue's inputs', is another issue's output: a
run must not overwrite it. A file that records none (HTML, a plugin's format, anything else)
cannot tell, and is treated as this issue's, as before.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import FrozenSet, Iterable

MAX_READ = 64 * 1024 * 1024
"""An output is a few megabytes; a bigger file at an output path is not read through."""

_SHA256 = re.compile(rb"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")


def recorded_checksums(path: Path) -> FrozenSet[str]:
    """The SHA-256 checksums an existing output records; empty when it records none or
    cannot be read."""
    try:
        if zipfile.is_zipfile(path):
            return _in_zip(path)
        with open(path, "rb") as stream:
            return _found(stream.read(MAX_READ))
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError):
        return frozenset()


def _in_zip(path: Path) -> FrozenSet[str]:
    # An EPUB names its sources in the package document; other members are the text.
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.endswith(".opf")]
        return frozenset().union(*(_found(archive.read(n)[:MAX_READ]) for n in names))


def _found(data: bytes) -> FrozenSet[str]:
    return frozenset(match.decode("ascii") for match in _SHA256.findall(data))


def is_other_issues_output(path: Path, own_checksums: Iterable[str]) -> bool:
    """An existing file at `path` records its sources, and none of them is one of ours."""
    if not path.is_file():
        return False
    recorded = recorded_checksums(path)
    return bool(recorded) and not (recorded & set(own_checksums))
