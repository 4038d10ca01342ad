"""How much one page and one worker process may take, so that a hostile or broken input fails
in seconds with a message instead of taking minutes and all the machine's memory.

Each limit can be raised (or, in tests, lowered) through the environment; a value that is not
a positive number is ignored rather than turning a safeguard off.
"""

from __future__ import annotations

import os


def from_environment(variable: str, default: int) -> int:
    try:
        value = int(os.environ.get(variable, ""))
    except ValueError:
        return default
    return value if value > 0 else default


MAX_PAGE_BYTES = from_environment("LAOBAO_CONVERT_MAX_PAGE_BYTES", 8 << 20)
"""A page whose content streams inflate to more than this is refused before it is parsed: a
broadsheet page is about 250 KB, and a few hundred KB of compressed operators can inflate to
gigabytes of glyphs that would take minutes and all memory to lay out."""

MAX_PAGE_GLYPHS = from_environment("LAOBAO_CONVERT_MAX_PAGE_GLYPHS", 100_000)
"""A page with more glyphs than this is refused before it is laid out (a broadsheet page has
about 10,000)."""

MAX_WORKER_MEMORY = from_environment("LAOBAO_CONVERT_MAX_MEMORY", 4096) << 20
"""The address space of a worker process (the variable is in MB): past it, allocation fails
with a MemoryError the reader turns into a message naming the page, instead of the machine
swapping until the kernel kills something."""
