"""One error hierarchy and one exit-code table; README.md copies the table."""

from __future__ import annotations

import enum
import re


class ExitStatus(enum.IntEnum):
    """What the process tells its caller. Documented in README.md and `--help`."""

    OK = 0
    """Every input converted."""
    FAILED = 1
    """At least one input (or issue) could not be converted; the others were."""
    USAGE = 2
    """The command line was wrong; nothing was converted."""
    STRICT = 3
    """--strict: a conversion finished with warnings, so its output was not written. When a
    run has both ordinary failures and --strict refusals, FAILED wins: it is the one a
    pipeline must look at first."""
    INTERRUPTED = 130
    """Interrupted (Ctrl-C), as shells report SIGINT."""
    TERMINATED = 143
    """Stopped by SIGTERM (`kill`, a job scheduler's time limit), as shells report it."""


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: the run stops as it does on Ctrl-C (workers stopped, no partial output,
    temporary files removed), only the exit code differs."""


class ConvertError(Exception):
    """A failure that is the input's fault or the environment's, told in one line.

    `where` names the file (or page) the message is about; `str()` is the message only.
    """

    status = ExitStatus.FAILED

    def __init__(self, message: str, where: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where


class InputError(ConvertError):
    """The input cannot be read as a newspaper issue at all (empty, junk, wrong type)."""


class NotANewspaperError(InputError):
    """Read, but nothing on it is a newspaper's (a README, a notes file, a book page):
    converted, it would be a book of something that is no issue."""


class EncodingError(InputError):
    """Text input whose encoding cannot be detected."""


class PdfError(InputError):
    """Not a PDF, damaged, truncated, encrypted, or without pages."""


class UnreadablePageError(InputError):
    """A page with no text layer (a scan) or an unreadable one ((cid:N) glyphs, private use)."""

    def __init__(self, message: str, where: str | None = None, page: int | None = None):
        super().__init__(message, where)
        self.page = page


class UsageProblem(ConvertError):
    """The command line asks for something impossible (found only once inputs are known)."""

    status = ExitStatus.USAGE


class UnknownFormatError(UsageProblem):
    """--to names a format no installed writer provides: the command line is wrong."""


class WriterLoadError(ConvertError):
    """A writer is installed but cannot be loaded (its module fails to import, or the object
    it names is not a writer)."""


class TemplateError(ConvertError):
    """A template (usually one from --template-dir) is missing, malformed or fails to render."""


class OutputError(ConvertError):
    """The output cannot be written (permissions, missing directory, disk full)."""


class StrictError(ConvertError):
    """--strict and the conversion produced warnings."""

    status = ExitStatus.STRICT


UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Characters that would split a message line, restyle the terminal or reorder what it shows:
controls (a newline, an escape), line separators, bidirectional marks, and the surrogates an
undecodable file name brings."""


def shown(name: str) -> str:
    """A file name as messages print it: as it is, or quoted with escapes (like Python's repr)
    when it holds a character that would split or disguise the line."""
    return repr(name) if UNSEEN.search(name) else name


def visible(line: str) -> str:
    """A message line with any such character written as its escape, so that text quoting a
    name or a page (a warning, a library's message) stays one line too."""
    return UNSEEN.sub(lambda match: repr(match.group())[1:-1], line)
