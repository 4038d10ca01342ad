"""Writers by name: the built-in ones and any installed through the entry-point group
`laobao_convert.writers`.

Nothing is imported until a writer is asked for: `writer_names()` reads entry-point metadata
only, so `--help` never pays for ebooklib or Jinja2. A third-party writer that fails to load
is skipped and the reason kept (`problems()`); it never takes the others down with it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

from laobao_convert.errors import UnknownFormatError, WriterLoadError

GROUP = "laobao_convert.writers"

BUILTIN: Tuple[Tuple[str, str], ...] = (
    ("json", "laobao_convert.writers.json_writer:JsonWriter"),
    ("md", "laobao_convert.writers.markdown:MarkdownWriter"),
    ("html", "laobao_convert.writers.html:HtmlWriter"),
    ("epub", "laobao_convert.writers.epub:EpubWriter"),
    ("mets", "laobao_convert.writers.mets:MetsWriter"),
)
"""The writers that ship with the package; setup.cfg declares the same as entry points, and this
list stands in for them when the package runs from a source tree that was never installed."""


@dataclass(frozen=True)
class WriterEntry:
    """Where a writer lives, before anything is imported."""

    name: str
    target: str
    """'module:attribute', as in an entry point."""
    builtin: bool


def _installed_entry_points() -> List[Any]:
    """The entry points of GROUP from the installed distributions' metadata."""
    from importlib import metadata

    found = metadata.entry_points()
    if hasattr(found, "select"):
        return list(found.select(group=GROUP))
    return list(found.get(GROUP, ()))  # Python 3.9: a dict of group → entry points


def entries() -> Tuple[WriterEntry, ...]:
    """Built-in writers first (in their fixed order), then third-party ones by name.

    A third-party entry point cannot take a built-in name: that would silently change what
    `--to json` means. Such a clash is reported by problems()."""
    result = [WriterEntry(name, target, True) for name, target in BUILTIN]
    taken = {name for name, _ in BUILTIN}
    for point in sorted(_installed_entry_points(), key=lambda p: (p.name, p.value)):
        if point.name in taken:
            continue
        taken.add(point.name)
        result.append(WriterEntry(point.name, point.value, False))
    return tuple(result)


def problems() -> Tuple[str, ...]:
    """One line per installed writer that is not offered, saying why (for --list-formats)."""
    builtin = dict(BUILTIN)
    notes = []
    for point in sorted(_installed_entry_points(), key=lambda p: (p.name, p.value)):
        if point.name in builtin and point.value != builtin[point.name]:
            notes.append(f"{point.name}: {point.value} ignored, the name belongs to a built-in writer")
    for entry in entries():
        try:
            _load(entry)
        except WriterLoadError as error:
            notes.append(error.message)
    return tuple(notes)


def writer_names() -> Tuple[str, ...]:
    """Every writer name on offer, without importing any writer."""
    return tuple(entry.name for entry in entries())


_loaded: Dict[WriterEntry, Any] = {}


def _load(entry: WriterEntry) -> Any:
    if entry in _loaded:
        return _loaded[entry]
    module_name, _, attribute = entry.target.partition(":")
    try:
        obj: Any = importlib.import_module(module_name)
        for part in filter(None, attribute.split(".")):
            obj = getattr(obj, part)
        writer = obj() if isinstance(obj, type) else obj
    except Exception as error:  # a third-party plugin may fail in any way at all
        reason = f"{type(error).__name__}: {error}".splitlines()[0]
        raise WriterLoadError(f"writer {entry.name!r} ({entry.target}) cannot be loaded: {reason}") from None
    missing = [a for a in ("name", "extension", "description", "write") if not hasattr(writer, a)]
    if missing:
        raise WriterLoadError(
            f"writer {entry.name!r} ({entry.target}) is not a writer: it has no {', '.join(missing)}"
        )
    _loaded[entry] = writer
    return writer


def available_writers() -> Dict[str, Any]:
    """Name → writer for every writer that loads; imports each writer module (use
    writer_names() where the names are enough). A writer that fails to load is left out and
    problems() says why."""
    result = {}
    for entry in entries():
        try:
            result[entry.name] = _load(entry)
        except WriterLoadError:
            continue  # problems() says why
    return result


def get_writer(name: str) -> Any:
    """The writer for `--to name`; UnknownFormatError names the formats there are."""
    # A built-in name is always the built-in writer (entries() lists those first): found
    # without reading every installed distribution's metadata, once per run and per worker.
    for builtin, target in BUILTIN:
        if builtin == name:
            return _load(WriterEntry(builtin, target, True))
    for entry in entries():
        if entry.name == name:
            return _load(entry)
    known = ", ".join(writer_names())
    raise UnknownFormatError(f"unknown output format {name!r}; known formats: {known}")

