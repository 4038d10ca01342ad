"""The outcome of a run: one record per issue, and the exit status they add up to.

The Report decides the exit code (see laobao_convert.errors.ExitStatus); the CLI only prints
what it is given and exits with `report.exit_status`.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

from laobao_convert.errors import ExitStatus, shown, visible

OK = "ok"
FAILED = "failed"
STRICT = "strict"
SKIPPED = "skipped"

PROG = "laobao-convert"
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Outcome:
    """What happened to one issue (or to one input that never became part of an issue)."""

    inputs: Tuple[str, ...]
    status: str
    """"ok", "failed", "strict" (--strict and warnings: not written) or "skipped"."""
    output: Optional[str] = None
    """Where the output went ("-" for standard output); None when nothing was written."""
    message: Optional[str] = None
    """For a failure: the one-line reason."""
    where: Optional[str] = None
    """The file a failure is about (one of the inputs, or the output)."""
    date: Optional[str] = None
    issue_number: Optional[int] = None
    pages: int = 0
    articles: int = 0
    unresolved_jumps: int = 0
    warnings: Tuple[str, ...] = ()
    """Each warning as "code: message"."""
    seconds: float = 0.0
    conservation: Dict[str, int] = field(default_factory=dict)
    """input_chars, output_chars, warned_chars, furniture_chars as the conversion found them."""
    detail: Optional[str] = None
    """For a failure: the underlying cause, shown with -v."""
    traceback: Optional[str] = None
    """For a failure under --debug: the traceback. Never in the JSON report."""

    def to_json_line(self) -> str:
        record = asdict(self)
        del record["traceback"]
        record["inputs"] = list(self.inputs)
        record["warnings"] = list(self.warnings)
        record["seconds"] = round(self.seconds, 3)
        return _escape_surrogates(json.dumps(record, ensure_ascii=False, sort_keys=True))


@dataclass
class Report:
    """The run's tally: takes each outcome as it comes, says on stderr what it needs to, and
    decides the exit code. Mutable on purpose."""

    quiet: bool = False
    verbose: bool = False
    color: bool = False
    debug: bool = False
    progress: bool = False
    """A progress bar shares standard error: each message first clears the bar's line."""
    outcomes: List[Outcome] = field(default_factory=list)
    on_add: Optional[Callable[[Outcome], None]] = None
    """Told of each outcome as it comes (--report writes its line then)."""

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        if self.on_add is not None:
            self.on_add(outcome)
        for line, is_error in self.lines(outcome):
            if is_error or not self.quiet:
                self.echo(line, is_error)
        if outcome.traceback and self.debug:
            sys.stderr.write(outcome.traceback)

    def lines(self, outcome: Outcome) -> List[Tuple[str, bool]]:
        """What to print about one outcome: (line, is_error) pairs, each line whole."""
        if outcome.status in (FAILED, STRICT):
            where = shown(outcome.where) if outcome.where else _inputs_text(outcome.inputs, every=True)
            detail = f" ({outcome.detail})" if self.verbose and outcome.detail else ""
            return [(f"{PROG}: {where}: {outcome.message}{detail}", True)]
        source = _inputs_text(outcome.inputs)
        if outcome.status == SKIPPED:
            return [(f"{PROG}: {source}: skipped, {shown(outcome.output or '')} is up to date", False)] if self.verbose else []
        result = []
        if self.verbose:
            result.append((
                f"{PROG}: {source} -> {shown(outcome.output or '')}: {_plural(outcome.pages, 'page')}, "
                f"{_plural(outcome.articles, 'article')}, {_plural(len(outcome.warnings), 'warning')} "
                f"({outcome.seconds:.1f} s)",
                False,
            ))
            result.extend((f"{PROG}: {source}: warning: {text}", False) for text in outcome.warnings)
        elif outcome.warnings:
            result.append((f"{PROG}: {source}: {_plural(len(outcome.warnings), 'warning')} (-v shows them)", False))
        return result

    def echo(self, line: str, is_error: bool = False) -> None:
        import click

        line = visible(line)
        styled = click.style(line, fg="red" if is_error else "yellow") if self.color else line
        if self.progress:
            styled = "\r\x1b[K" + styled
        click.echo(styled, err=True, color=self.color)

    def finish(self) -> None:
        """The closing summary, for batches (and for a single issue with -v)."""
        if not self.quiet and (len(self.outcomes) > 1 or self.verbose):
            self.echo(f"{PROG}: {self.summary()}")

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def exit_status(self) -> ExitStatus:
        # A failed input outranks a --strict refusal: both are failures, but the first says
        # something could not be converted at all.
        if self.count(FAILED):
            return ExitStatus.FAILED
        if self.count(STRICT):
            return ExitStatus.STRICT
        return ExitStatus.OK

    def summary(self) -> str:
        """One line for the end of a run, e.g. "2 issues converted, 1 skipped, 1 failed."."""
        parts = [_plural(self.count(OK), "issue") + " converted"]
        for status, word in ((SKIPPED, "skipped"), (STRICT, "refused by --strict"), (FAILED, "failed")):
            if self.count(status):
                parts.append(f"{self.count(status)} {word}")
        return ", ".join(parts) + "."


def _escape_surrogates(line: str) -> str:
    # A file name that is not UTF-8 reaches us with surrogates (os.fsdecode): as JSON escapes
    # the line can be written, and json.loads gives the same name back.
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", line)


def _inputs_text(inputs: Tuple[str, ...], every: bool = False) -> str:
    if every or len(inputs) <= 2:
        return ", ".join(shown(name) for name in inputs)
    return f"{shown(inputs[0])} and {len(inputs) - 1} more"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class Progress:
    """A progress bar on standard error counting issues (and their pages); silent when off."""

    def __init__(self, enabled: bool, length: int, label: str):
        self.pages = 0
        self.bar = None
        if enabled and length > 1:
            import click

            self.bar = click.progressbar(
                length=length, label=label, file=sys.stderr, show_eta=False,
                item_show_func=lambda _: f"{self.pages} pages" if self.pages else None,
            )

    def __enter__(self) -> "Progress":
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def update(self, steps: int, pages: int = 0) -> None:
        self.pages += pages
        if self.bar is not None:
            self.bar.update(steps, current_item=self.pages)


class ReportWriter:
    """--report: one JSON line per outcome, each written whole as it is added, so the lines
    can follow the run issue by issue.

    To a file, the lines go to a temporary file beside it (flushed line by line) that replaces
    the file only at close(): a run that cannot write its report (a full disk) keeps the old
    report whole, never a cut one. A run that is stopped may still close() to keep what it
    wrote. To standard output ("-"), each line goes out whole and flushed (`--report - >> log`
    appends line by line). No method raises: the first failure is kept in `problem`, and
    nothing more is written after it. Mutable on purpose."""

    def __init__(self, target: str):
        self.target = target
        self.problem = None
        self.file = None

    @classmethod
    def open(cls, target: str) -> "ReportWriter":
        from laobao_convert.errors import OutputError
        from laobao_convert.output import AtomicFile

        writer = cls(target)
        if target != "-":
            try:
                writer.file = AtomicFile(target, what="report")
            except OutputError as error:
                writer.problem = error
        return writer

    def add(self, outcome: Outcome) -> None:
        if self.problem is not None:
            return
        from laobao_convert.errors import OutputError
        from laobao_convert.output import silence_stdout, write_stream

        line = (outcome.to_json_line() + "\n").encode("utf-8")
        try:
            if self.file is not None:
                self.file.write(line)
            else:
                write_stream(sys.stdout.buffer, line, what="report")
        except OutputError as error:
            self.problem = error
            if self.file is None:
                silence_stdout()

    def discard(self) -> None:
        """Leave the old report as it was: nothing of this run is kept."""
        if self.file is not None:
            self.file.discard()
            self.file = None

    def close(self):
        """Put the report in place; returns the OutputError that stopped it, or None."""
        from laobao_convert.errors import OutputError

        if self.file is not None:
            if self.problem is not None:
                self.file.discard()
            else:
                try:
                    self.file.commit()
                except OutputError as error:
                    self.problem = error
            self.file = None
        return self.problem
