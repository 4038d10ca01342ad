"""Which output format a command line asks for, as pandoc and calibre users expect: `--to` in
any case, or, without it, the extension of `-o FILE`; an extension that names another format
than `--to` is a mistake caught before anything is read."""

from __future__ import annotations

from pathlib import PurePath
from typing import Dict, Optional

from laobao_convert.errors import UsageProblem

STDOUT = "-"

ALIASES = {"markdown": "md", "htm": "html", "xhtml": "html"}
"""Other names of a format, as a format name and as a file extension."""


def extension_of(output: Optional[str]) -> Optional[str]:
    """The lower-case extension of -o FILE; None for no -o, standard output, a folder (DIR/)
    or a name without one."""
    if not output or output == STDOUT or output.endswith(("/", "\\")):
        return None
    suffix = PurePath(output).suffix
    return suffix[1:].lower() if len(suffix) > 1 else None


def by_extension(writers: Dict[str, object]) -> Dict[str, str]:
    """Extension → format name, for the installed writers and the aliases."""
    table = {ext: ALIASES[ext] for ext in ALIASES if ALIASES[ext] in writers}
    for name, writer in writers.items():
        table[str(getattr(writer, "extension", name)).lower()] = name
        # A folder format's packed form (METS/ALTO: -o issue.zip).
        if getattr(writer, "archive_extension", None):
            table.setdefault(str(writer.archive_extension).lower(), name)
    return table


def resolve(fmt: Optional[str], output: Optional[str], writers: Dict[str, object]) -> str:
    """The format name to convert to; UsageProblem (exit 2) when none can be told or the two
    contradict each other."""
    extensions = by_extension(writers)
    extension = extension_of(output)
    implied = extensions.get(extension) if extension else None
    if fmt is None:
        if implied is not None:
            return implied
        if extension:
            raise UsageProblem(f"cannot tell the format from -o {output} (.{extension} is no format's "
                               f"extension); give --to FORMAT (--list-formats lists them)")
        raise UsageProblem("--to FORMAT is required unless -o FILE's extension names one "
                           "(--list-formats lists them)")
    name = fmt.strip().lower()
    name = ALIASES.get(name, name)
    if implied is not None and name in writers and implied != name:
        raise UsageProblem(f"--to {fmt} contradicts -o {output} (a .{extension} file is {implied}); "
                           f"change one of them")
    return name
