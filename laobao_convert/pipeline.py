"""Conversions, start to end: read inputs, parse each issue, check it, render it, write it.

Two job kinds, both safe to run in a worker process (arguments and results pickle, every
error comes back as an Outcome instead of escaping):
  read_job   one input -> its Document (kept in a cache file) and what it says about itself
  issue_job  the Documents of one issue -> parse -> conservation check -> --strict -> render
             -> atomic write
`run` drives a whole command line through them: expand inputs, read all (in parallel), group
pages into issues, name outputs, skip what is up to date, convert (in parallel), report.
Rendering goes to memory first, so a failing writer never leaves a partial file.
"""

from __future__ import annotations

import dataclasses
import io
import os
import pickle
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, Tuple

from laobao_convert import __version__
from laobao_convert.batch import Identity, InputRef, IssueGroup, STDIN
from laobao_convert.content import Document
from laobao_convert.errors import ConvertError, ExitStatus, InputError, OutputError, PdfError, StrictError
from laobao_convert.model import Issue, Warning
from laobao_convert.report import FAILED, OK, SKIPPED, STRICT, Outcome, Progress, Report

MAX_TEXT_BYTES = 8 * 1024 * 1024
"""A whole issue's extracted text is a few hundred kilobytes; far more is not an issue."""

MAX_PDF_PAGES = 400
"""The thickest special issues run to a few dozen pages; thousands mean a wrong or hostile file."""


@dataclass(frozen=True)
class Settings:
    """What the command line decided, for every job of a run."""

    format: str
    template_dir: Optional[str] = None
    strict: bool = False
    skip_bad_pages: bool = False
    debug: bool = False


@dataclass(frozen=True)
class ReadJob:
    """Read one input (in a worker process, possibly)."""

    ref: InputRef
    settings: Settings
    cache_dir: Optional[str] = None
    """Where to keep the Document (big batches would not fit in memory); None: return it."""
    data: Optional[bytes] = None
    """The bytes of standard input, read once by the main process."""


@dataclass(frozen=True)
class ReadResult:
    """One input as read: its identity for grouping, and where its Document is (in memory, in
    a cache file, or not read at all when --skip-existing knew its identity already)."""

    ref: InputRef
    identity: Optional[Identity] = None
    document: Optional[Document] = None
    cache_file: Optional[str] = None
    failure: Optional[Outcome] = None
    seconds: float = 0.0

    def load(self, settings: Settings) -> Document:
        if self.document is not None:
            return self.document
        if self.cache_file is not None:
            with open(self.cache_file, "rb") as stream:
                return pickle.load(stream)
        # Known from the identity cache, not read in this run: read it now.
        return load_document(read_bytes(self.ref), self.ref, settings)


@dataclass(frozen=True)
class IssueJob:
    """Convert one issue and write it to `output`."""

    group: IssueGroup
    reads: Tuple[ReadResult, ...]
    output: str
    settings: Settings


# --- reading --------------------------------------------------------------------------------


def read_bytes(ref: InputRef) -> bytes:
    """An input file's bytes; a missing or unreadable file is an InputError naming it."""
    try:
        with open(ref.path, "rb") as stream:
            return stream.read()
    except IsADirectoryError:
        raise InputError("is a directory", where=ref.display) from None
    except FileNotFoundError:
        raise InputError("no such file", where=ref.display) from None
    except PermissionError:
        raise InputError("permission denied", where=ref.display) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", where=ref.display) from None


def load_document(data: bytes, ref: InputRef, settings: Settings) -> Document:
    """Bytes -> Document, with the size limits that keep hostile input bounded."""
    from laobao_convert.readers import ReadOptions, is_pdf, read_input

    if is_pdf(data):
        _check_pdf_size(data, ref)
    elif ref.path is not None and ref.path.suffix.lower() == ".pdf" and data.strip():
        # The content decides how a file is read, but a file that claims to be a PDF and is
        # not (an HTML error page saved by a download script) is a failed download, not text.
        raise PdfError(f"not a PDF (it starts with {_opening(data)})", where=ref.display)
    elif len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"text input too large ({len(data) / 1048576:.1f} MB; the limit is "
            f"{MAX_TEXT_BYTES // 1048576} MB, far more than an issue)",
            where=ref.display,
        )
    name = ref.path.name if ref.path is not None else "stdin"
    document = read_input(data, name, ReadOptions(skip_bad_pages=settings.skip_bad_pages))
    if not document.pages:
        raise InputError("no pages found", where=ref.display)
    return document


def _opening(data: bytes) -> str:
    head = data.lstrip()[:12]
    if all(32 <= b < 127 for b in head):
        return repr(head.decode("ascii"))
    return "bytes " + head[:8].hex(" ")


def _check_pdf_size(data: bytes, ref: InputRef) -> None:
    # Counting pages with pypdf is cheap next to laying them out; refuse before the expensive
    # part. A file pypdf cannot open at all is left to the PDF reader, which says why.
    try:
        from pypdf import PdfReader

        count = len(PdfReader(io.BytesIO(data), strict=False).pages)
    except RecursionError:
        raise InputError("damaged PDF: objects nested too deeply", where=ref.display) from None
    except Exception:
        return
    if count > MAX_PDF_PAGES:
        raise InputError(
            f"PDF has {count} pages, more than any issue (limit {MAX_PDF_PAGES})", where=ref.display
        )


def quiet_libraries(debug: bool) -> None:
    """The PDF libraries log their repairs ("EOF marker not found") through `logging` and
    `warnings`; on our stderr those would be lines that are not ours. --debug lets them through.
    Called in every job, because a worker process starts with its own logging set-up."""
    if debug:
        return
    import logging
    import warnings

    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())  # no handler at all would mean "print to stderr"
    for name in ("pypdf", "pdfminer", "pdfplumber", "fontTools", "PIL"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")


def read_job(job: ReadJob) -> ReadResult:
    """One input -> ReadResult; never raises."""
    started = time.perf_counter()
    quiet_libraries(job.settings.debug)
    try:
        data = job.data if job.ref.is_stdin else read_bytes(job.ref)
        document = load_document(data or b"", job.ref, job.settings)
        identity = identify(document, job.ref)
        if job.cache_dir is None:
            return ReadResult(job.ref, identity, document, seconds=time.perf_counter() - started)
        cache_file = os.path.join(job.cache_dir, f"{os.getpid()}-{id(job)}-{time.monotonic_ns()}.pickle")
        with open(cache_file, "wb") as stream:
            pickle.dump(document, stream, protocol=pickle.HIGHEST_PROTOCOL)
        return ReadResult(job.ref, identity, cache_file=cache_file, seconds=time.perf_counter() - started)
    except Exception as error:  # noqa: BLE001 - every failure becomes an Outcome
        failure = failure_outcome(error, (job.ref,), job.ref.display, job.settings)
        return ReadResult(job.ref, failure=failure, seconds=time.perf_counter() - started)


def identify(document: Document, ref: InputRef) -> Identity:
    from laobao_convert.parse import identify as identify_document

    key = identify_document(document)
    return Identity(
        ref=ref,
        date=getattr(key, "date", None),
        issue_number=getattr(key, "issue_number", None),
        page_numbers=tuple(getattr(key, "page_numbers", ()) or ()),
    )


# --- converting -----------------------------------------------------------------------------


def convert(documents: Sequence[Document], settings: Settings) -> Tuple[Issue, bytes]:
    """Documents of one issue -> (issue, rendered bytes). Raises ConvertError."""
    from laobao_convert.parse import parse_issue
    from laobao_convert.registry import get_writer

    writer = get_writer(settings.format)
    issue = parse_issue(list(documents))
    issue = _with_reader_warnings(issue, documents)
    issue = check_conservation(issue, documents)
    if settings.strict:
        doubts = [w for w in issue.warnings if w.level == "warning"]
        if doubts:
            first = doubts[0]
            more = f" (and {len(doubts) - 1} more)" if len(doubts) > 1 else ""
            raise StrictError(f"--strict: {first.code}: {first.message}{more}; output not written")
    buffer = io.BytesIO()
    writer.write(issue, buffer, template_dir=settings.template_dir)
    return issue, buffer.getvalue()


def _with_reader_warnings(issue: Issue, documents: Sequence[Document]) -> Issue:
    # The parser is expected to carry the readers' warnings; make sure none is dropped.
    missing = [w for d in documents for w in d.warnings if w not in issue.warnings]
    if not missing:
        return issue
    return dataclasses.replace(issue, warnings=issue.warnings + tuple(missing))


def non_space(text: Optional[str]) -> int:
    return sum(1 for ch in text if not ch.isspace()) if text else 0


def article_chars(issue: Issue) -> int:
    """Non-space characters of everything an article carries: headline fields, blocks, captions."""
    total = 0
    for article in issue.articles:
        for text in (article.series, article.kicker, article.title, article.subtitle, article.byline):
            total += non_space(text)
        total += sum(non_space(block.text) for block in article.blocks)
        total += sum(non_space(caption.text) for caption in article.captions)
    return total


def document_chars(documents: Sequence[Document]) -> int:
    return sum(non_space(line.text) for d in documents for p in d.pages for b in p.blocks for line in b.lines)


def check_conservation(issue: Issue, documents: Sequence[Document]) -> Issue:
    """Every character the readers found is in an article, in a warning, or page furniture.

    The figures are the parser's; the articles' characters are counted here again from the
    model, so a rule that drops text without telling is caught. A mismatch is a warning
    (code "conservation"), never a silent fix.
    """
    figures = issue.conservation
    found = article_chars(issue)
    read = document_chars(documents)
    problems = []
    if figures.input_chars != found + figures.warned_chars:
        lost = figures.input_chars - found - figures.warned_chars
        problems.append(
            f"{figures.input_chars} characters of article text read, {found} in articles and "
            f"{figures.warned_chars} in warnings ({'%d unaccounted' % lost if lost > 0 else '%d too many' % -lost})"
        )
    if read != figures.input_chars + figures.furniture_chars:
        problems.append(
            f"the inputs hold {read} characters, the parser accounted for "
            f"{figures.input_chars} of article text and {figures.furniture_chars} of page furniture"
        )
    if not problems or any(w.code == "conservation" for w in issue.warnings):
        # No news, or the parser's own accounting has already told of the gap.
        return issue
    warning = Warning(code="conservation", message="text does not add up: " + "; ".join(problems))
    return dataclasses.replace(issue, warnings=issue.warnings + (warning,))


def issue_job(job: IssueJob) -> Tuple[Outcome, Optional[bytes]]:
    """Convert and write one issue; never raises. For output "-" the bytes are returned for
    the main process to write (a worker does not own standard output)."""
    started = time.perf_counter()
    quiet_libraries(job.settings.debug)
    inputs = job.group.inputs
    read_seconds = sum(r.seconds for r in job.reads)
    try:
        documents = [r.load(job.settings) for r in job.reads]
        issue, data = convert(documents, job.settings)
        if job.output != STDIN:
            from laobao_convert.output import write_atomically

            write_atomically(Path(job.output), data)
        outcome = success_outcome(issue, inputs, job.output, read_seconds + time.perf_counter() - started)
        return outcome, (data if job.output == STDIN else None)
    except Exception as error:  # noqa: BLE001 - every failure becomes an Outcome
        where = job.output if isinstance(error, OutputError) else _where(error, inputs)
        outcome = failure_outcome(error, inputs, where, job.settings)
        return dataclasses.replace(outcome, seconds=read_seconds + time.perf_counter() - started), None


def _where(error: BaseException, inputs: Sequence[InputRef]) -> str:
    where = getattr(error, "where", None)
    if where:
        for ref in inputs:
            if ref.path is not None and ref.path.name == where:
                return ref.display
        return where
    return inputs[0].display if len(inputs) == 1 else f"{inputs[0].display} (+{len(inputs) - 1} pages)"


# --- outcomes -------------------------------------------------------------------------------


def success_outcome(issue: Issue, inputs: Sequence[InputRef], output: str, seconds: float) -> Outcome:
    figures = issue.conservation
    return Outcome(
        inputs=tuple(ref.display for ref in inputs),
        status=OK,
        output=output,
        # Inner pages print the date in their headers even when the masthead's is unreadable.
        date=issue.masthead.date or next((p.date for p in issue.pages if p.date), None),
        issue_number=issue.masthead.issue_number,
        pages=len(issue.pages),
        articles=len(issue.articles),
        unresolved_jumps=sum(1 for a in issue.articles for j in a.jumps if not j.resolved),
        warnings=tuple(f"{w.code}: {w.message}" for w in issue.warnings),
        seconds=seconds,
        conservation={
            "input_chars": figures.input_chars,
            "output_chars": article_chars(issue),
            "warned_chars": figures.warned_chars,
            "furniture_chars": figures.furniture_chars,
        },
    )


def failure_outcome(error: BaseException, inputs: Sequence[InputRef], where: str, settings: Settings) -> Outcome:
    if isinstance(error, ConvertError):
        message = error.message
        status = STRICT if isinstance(error, StrictError) else FAILED
    elif isinstance(error, RecursionError):
        message, status = "input nested too deeply to read", FAILED
    elif isinstance(error, MemoryError):
        message, status = "out of memory reading this input", FAILED
    else:
        message, status = f"internal error: {type(error).__name__}: {error}", FAILED
    detail = None
    cause = error.__cause__ or error.__context__
    if cause is not None and not isinstance(error, StrictError) and str(cause) not in message:
        detail = f"{type(cause).__name__}: {cause}"
    return Outcome(
        inputs=tuple(ref.display for ref in inputs),
        status=status,
        message=_one_line(message),
        where=where,
        detail=_one_line(detail) if detail else None,
        traceback="".join(traceback.format_exception(type(error), error, error.__traceback__))
        if settings.debug
        else None,
    )


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) or "failed"


def stdin_bytes() -> bytes:
    return sys.stdin.buffer.read()


# --- a whole run ----------------------------------------------------------------------------


class UsageProblem(ConvertError):
    """The command line asks for something impossible (found only once inputs are known)."""

    status = ExitStatus.USAGE


@dataclass(frozen=True)
class Options:
    """Everything the command line says, as plain values."""

    inputs: Tuple[str, ...]
    format: str
    output: Optional[str] = None
    pattern: Optional[str] = None
    jobs: Optional[int] = None
    skip_existing: bool = False
    report_to: Optional[str] = None
    strict: bool = False
    skip_bad_pages: bool = False
    template_dir: Optional[str] = None
    quiet: bool = False
    verbose: bool = False
    debug: bool = False
    color: bool = False
    progress: Optional[bool] = None
    """Show a progress bar; None: when standard error is a terminal and not --quiet."""


def run(options: Options) -> int:
    """Convert everything the options name; returns the exit status. Usage problems raise
    UsageProblem (or the registry's UnknownFormatError) before anything is written."""
    from laobao_convert import batch
    from laobao_convert.registry import get_writer

    writer = get_writer(options.format)
    pattern = options.pattern or batch.DEFAULT_NAME
    try:
        batch.check_name_pattern(pattern)
    except batch.NamePatternError as error:
        raise UsageProblem(str(error)) from None
    if options.report_to == STDIN and options.output == STDIN:
        raise UsageProblem("--report - and -o - would both write to standard output")
    settings = Settings(options.format, options.template_dir, options.strict, options.skip_bad_pages, options.debug)
    show_progress = options.progress if options.progress is not None else (sys.stderr.isatty() and not options.quiet)
    report = Report(
        quiet=options.quiet, verbose=options.verbose, color=options.color, debug=options.debug, progress=show_progress
    )
    jobs = options.jobs or batch.default_jobs()

    refs, bad = batch.expand_inputs(options.inputs)
    for argument in bad:
        report.add(Outcome(inputs=(argument.display,), status=FAILED, where=argument.display, message=argument.message))
    single_target = options.output is not None and not batch.is_directory_target(options.output)
    if options.output is not None and options.output != STDIN and batch.is_directory_target(options.output):
        _make_directory(options.output)

    named_without_reading = (
        len(refs) == 1 and not refs[0].is_stdin and options.output != STDIN
        and (options.output is None or single_target)
    )
    if options.skip_existing and named_without_reading:
        # The output's name does not depend on what the input says: check before reading it.
        group = IssueGroup(inputs=(refs[0],))
        target = batch.plan_outputs([group], options.output, pattern, writer.extension)[0]
        if batch.is_up_to_date(target, group.inputs):
            report.add(Outcome(inputs=(refs[0].display,), status=SKIPPED, output=target))
            return _finish(report, options)

    # With --skip-existing, inputs already seen unchanged need not be read to be grouped.
    identities = batch.IdentityCache.load(batch.cache_path(), __version__) if options.skip_existing else None
    known = {ref: identities.get(ref) for ref in refs} if identities else {}
    with tempfile.TemporaryDirectory(prefix="laobao-convert-") as cache_dir:
        stdin_data = stdin_bytes() if any(ref.is_stdin for ref in refs) else None
        to_read = [ref for ref in refs if known.get(ref) is None]
        read_jobs = [
            ReadJob(ref, settings, cache_dir if len(to_read) > 1 else None, stdin_data if ref.is_stdin else None)
            for ref in to_read
        ]
        by_ref = {}
        with Progress(show_progress, len(read_jobs), "reading") as bar:
            for result in batch.run_jobs(read_job, read_jobs, jobs, on_crash=_read_crashed):
                bar.update(1)
                if result.failure is not None:
                    report.add(result.failure)
                else:
                    by_ref[result.ref] = result
                    if identities is not None:
                        identities.put(result.identity)
        for ref, identity in known.items():
            if identity is not None:
                by_ref[ref] = ReadResult(ref, identity=identity)
        reads = [by_ref[ref] for ref in refs if ref in by_ref]

        groups = batch.group_issues([r.identity for r in reads])
        if (single_target or options.output == STDIN) and len(groups) > 1:
            raise UsageProblem(
                f"these inputs make {len(groups)} issues; -o {options.output} takes one (give -o DIR/)"
            )
        targets = batch.plan_outputs(groups, options.output, pattern, writer.extension)
        input_paths = {os.path.realpath(r.ref.path) for r in reads if r.ref.path is not None}
        issue_jobs = []
        for group, target in zip(groups, targets):
            inputs = tuple(ref.display for ref in group.inputs)
            if target != STDIN and os.path.realpath(target) in input_paths:
                report.add(Outcome(inputs=inputs, status=FAILED, where=target,
                                   message="output would overwrite an input; give -o"))
            elif options.skip_existing and batch.is_up_to_date(target, group.inputs):
                report.add(Outcome(inputs=inputs, status=SKIPPED, output=target))
            else:
                reads_of = tuple(by_ref[ref] for ref in group.inputs)
                issue_jobs.append(IssueJob(group, reads_of, target, settings))

        with Progress(show_progress, len(issue_jobs), "issues") as bar:
            for outcome, data in batch.run_jobs(issue_job, issue_jobs, jobs, on_crash=_issue_crashed):
                if data is not None:
                    from laobao_convert.output import write_stream

                    try:
                        write_stream(sys.stdout.buffer, data)
                    except OutputError as error:
                        outcome = dataclasses.replace(
                            outcome, status=FAILED, output=None, where=STDIN, message=error.message
                        )
                report.add(outcome)
                bar.update(1, outcome.pages)
    if identities is not None:
        identities.save()
    return _finish(report, options)


_CRASHED = "the worker process converting this died (out of memory?)"


def _read_crashed(job: ReadJob, error: BaseException) -> ReadResult:
    failure = Outcome(inputs=(job.ref.display,), status=FAILED, where=job.ref.display, message=_CRASHED)
    return ReadResult(job.ref, failure=failure)


def _issue_crashed(job: IssueJob, error: BaseException) -> Tuple[Outcome, Optional[bytes]]:
    inputs = tuple(ref.display for ref in job.group.inputs)
    return Outcome(inputs=inputs, status=FAILED, where=_where(error, job.group.inputs), message=_CRASHED), None


def _make_directory(path: str) -> None:
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as error:
        from laobao_convert.output import describe_os_error

        raise OutputError(f"cannot create output directory: {describe_os_error(error)}", where=path) from None


def _finish(report: Report, options: Options) -> int:
    report.finish()
    if options.report_to:
        lines = "".join(outcome.to_json_line() + "\n" for outcome in report.outcomes)
        if options.report_to == STDIN:
            sys.stdout.write(lines)
            sys.stdout.flush()
        else:
            try:
                with open(options.report_to, "w", encoding="utf-8") as stream:
                    stream.write(lines)
            except OSError as error:
                from laobao_convert.output import describe_os_error

                report.echo(f"laobao-convert: {options.report_to}: cannot write report: {describe_os_error(error)}", True)
                return max(int(report.exit_status), int(ExitStatus.FAILED))
    return int(report.exit_status)
