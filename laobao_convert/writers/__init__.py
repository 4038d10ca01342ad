"""Writers turn an Issue into bytes on a stream they are given; they never open files.

A writer is any object with `name`, `extension`, `description` and `write(issue, stream)`;
built-in and third-party writers are found through the entry-point group
`laobao_convert.writers` (see laobao_convert.registry).
"""

from __future__ import annotations

from typing import BinaryIO, Optional, Protocol

from laobao_convert.model import Issue


class Writer(Protocol):
    name: str
    """The --to name, e.g. "epub"."""
    extension: str
    """The output file's extension, without the dot."""
    description: str
    """One line for --list-formats."""

    def write(self, issue: Issue, stream: BinaryIO, *, template_dir: Optional[str] = None) -> None:
        """Write the whole issue to `stream` (binary). Deterministic: same issue, same bytes."""
        ...
