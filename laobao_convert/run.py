"""A whole run: expand the inputs, read them all (in parallel), group pages into issues, name
the outputs, skip what is up to date, convert (in parallel), report, and say the exit status.

Two job kinds, both safe to run in a worker process (arguments and results pickle, every
error comes back as an Outcome instead of escaping):
  read_job   one input -> its Document (kept in a cache file) and what it says about itself
  issue_job  the Documents of one issue -> laobao_convert.pipeline.convert -> atomic write
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Sequence, Tuple

from laobao_convert import __version__, batch
from laobao_convert.batch import STDIN, Identity, IdentityCache, InputRef, IssueGroup
from laobao_convert.content import Document
from laobao_convert.errors import ConvertError, ExitStatus, OutputError, StrictError, UsageProblem
from laobao_convert.model import Issue, Warning
from laobao_convert.figures import photo_files
from laobao_convert.output import (describe_os_error, remove_files, silence_stdout, write_files,
                                   write_stream)
from laobao_convert.pipeline import (Settings, article_chars, convert, identify, input_bytes, join_pdf_pages,
                                     load_document, pdf_page_count, read_document, read_pdf_pages)
from laobao_convert.registry import get_writer
from laobao_convert.report import FAILED, OK, PROG, SKIPPED, STRICT, Outcome, Progress, Report, ReportWriter

if TYPE_CHECKING:
    from laobao_convert.readers.pdf import PdfPart  # the PDF stack is heavy: imported on use


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
    debug_dir: Optional[str] = None
    """--debug-dir: where each page's blocks are drawn and listed (laobao_convert.debug_pages)."""
    pdf_engine: Optional[str] = None
    """--pdf-engine: pdfium or pdfplumber; None: the default."""
    ocr: str = "auto"
    """--ocr: auto, always or never."""
    images: Optional[str] = None
    """--images DIR: where each photo's image file goes, relative to the output's folder."""
    scheduler: Optional[str] = None
    """--scheduler: a Dask scheduler's address, or "local"; None: worker processes of this run."""


@dataclass(frozen=True)
class ReadJob:
    """Read one input (in a worker process, possibly)."""

    ref: InputRef
    settings: Settings
    cache_dir: Optional[str] = None
    """Where to keep the Document (big batches would not fit in memory); None: return it."""
    data: Optional[bytes] = None
    """The bytes of standard input, read once by the main process."""
    debug_dir: Optional[str] = None
    debug_stem: str = ""
    """--debug-dir: the directory, and this input's file-name stem there (unique in the run)."""
    pages: Optional[Tuple[int, Optional[int]]] = None
    """Only these pages (first index, stop or None: to the end) of a PDF read in parts, with
    `data` its bytes; the result's `part` holds them (see _read_all)."""


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
    debug_failure: Optional[Outcome] = None
    """--debug-dir's files could not be written; the input itself was read all the same."""
    part: Optional[PdfPart] = None
    """The pages a ReadJob with `pages` read, to be joined with the input's other parts."""

    def load(self, settings: Settings) -> Document:
        if self.document is not None:
            return self.document
        if self.cache_file is not None:
            with open(self.cache_file, "rb") as stream:
                return pickle.load(stream)
        # Known from the identity cache, not read in this run: read it now.
        return read_document(self.ref, settings)


@dataclass(frozen=True)
class IssueJob:
    """Convert one issue and write it to `output`."""

    group: IssueGroup
    reads: Tuple[ReadResult, ...]
    output: str
    settings: Settings


# --- the two job kinds ----------------------------------------------------------------------


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
    """One input (or some pages of one) -> ReadResult; never raises."""
    started = time.perf_counter()
    quiet_libraries(job.settings.debug)
    debug_failure = None
    try:
        if job.pages is not None:
            part = read_pdf_pages(job.data, job.ref, job.settings, *job.pages)
            return ReadResult(job.ref, part=part, seconds=time.perf_counter() - started)
        data = input_bytes(job.ref, job.data or b"")
        document = load_document(data, job.ref, job.settings)
        # Drawn before the input is identified: a page that is not understood is the one to see.
        debug_failure = _write_debug(job, document, data)
        return _read_result(job.ref, document, job.cache_dir, started, debug_failure)
    except Exception as error:  # noqa: BLE001 - every failure becomes an Outcome
        failure = failure_outcome(error, (job.ref,), job.ref.display, job.settings)
        return ReadResult(job.ref, failure=failure, seconds=time.perf_counter() - started,
                          debug_failure=debug_failure)


def _read_result(ref: InputRef, document: Document, cache_dir: Optional[str], started: float,
                 debug_failure: Optional[Outcome] = None) -> ReadResult:
    """A read input identified, its Document kept in memory or (cache_dir) in a cache file."""
    identity = identify(document, ref)
    if cache_dir is None:
        return ReadResult(ref, identity, document, seconds=time.perf_counter() - started, debug_failure=debug_failure)
    return ReadResult(ref, identity, cache_file=_keep(document, cache_dir), seconds=time.perf_counter() - started,
                      debug_failure=debug_failure)


def _keep(document: Document, cache_dir: str) -> str:
    """The Document pickled into a new file in `cache_dir`; that file's path."""
    cache_file = os.path.join(cache_dir, f"{os.getpid()}-{id(document)}-{time.monotonic_ns()}.pickle")
    with open(cache_file, "wb") as stream:
        pickle.dump(document, stream, protocol=pickle.HIGHEST_PROTOCOL)
    return cache_file


def join_read(ref: InputRef, parts: Sequence[ReadResult], data: bytes, settings: Settings,
              cache_dir: Optional[str]) -> ReadResult:
    """The ReadResult of a PDF read in parts, as read_job would have made it reading it whole:
    the first part to fail (in page order) fails the input as the whole read would have."""
    started = time.perf_counter()
    seconds = sum(part.seconds for part in parts)
    failure = next((part.failure for part in parts if part.failure is not None), None)
    if failure is not None:
        return ReadResult(ref, failure=failure, seconds=seconds)
    try:
        # Pages that need OCR are read here, in this process: a second pool of workers forked
        # while the first one is still running can deadlock.
        serial = dataclasses.replace(settings, page_jobs=1)
        result = _read_result(ref, join_pdf_pages(data, ref, [part.part for part in parts], serial), cache_dir, started)
    except Exception as error:  # noqa: BLE001 - every failure becomes an Outcome
        failure = failure_outcome(error, (ref,), ref.display, settings)
        return ReadResult(ref, failure=failure, seconds=seconds + time.perf_counter() - started)
    return dataclasses.replace(result, seconds=seconds + result.seconds)


def _write_debug(job: ReadJob, document: Document, data: bytes) -> Optional[Outcome]:
    """--debug-dir's files for one input. A failure is told (and fails the run) but changes
    nothing of the conversion."""
    if job.debug_dir is None:
        return None
    from laobao_convert.debug_pages import write_debug_pages

    try:
        write_debug_pages(document, data, job.debug_dir, job.debug_stem)
    except Exception as error:  # noqa: BLE001 - a debugging aid never stops a conversion
        where = error.where if isinstance(error, OutputError) and error.where else job.ref.display
        return failure_outcome(error, (job.ref,), where, job.settings)
    return None


def issue_job(job: IssueJob) -> Tuple[Outcome, Optional[bytes]]:
    """Convert and write one issue; never raises. For output "-" the bytes are returned for
    the main process to write (a worker does not own standard output)."""
    started = time.perf_counter()
    quiet_libraries(job.settings.debug)
    inputs = job.group.all_inputs
    read_seconds = sum(r.seconds for r in job.reads)
    try:
        documents = [r.load(job.settings) for r in job.reads]
        issue, data = convert(documents, job.settings, copy_warnings(job.group))
        # The photos' files first, so that the output never names a file that is not there;
        # they go again if the output cannot be written.
        base = Path(".") if job.output == STDIN else Path(job.output).parent
        written = write_files(base, photo_files(issue))
        try:
            if job.output != STDIN:
                from laobao_convert.folder_output import write_output

                write_output(Path(job.output), data, get_writer(job.settings.format))
        except BaseException:
            remove_files(written)
            raise
        outcome = success_outcome(issue, inputs, job.output, read_seconds + time.perf_counter() - started)
        return outcome, (data if job.output == STDIN else None)
    except Exception as error:  # noqa: BLE001 - every failure becomes an Outcome
        where = job.output if isinstance(error, OutputError) else _where(error, inputs)
        outcome = failure_outcome(error, inputs, where, job.settings)
        return dataclasses.replace(outcome, seconds=read_seconds + time.perf_counter() - started), None


def copy_warnings(group: IssueGroup) -> Tuple[Warning, ...]:
    """A `duplicate-page` warning for each input left out as a copy of another."""
    warnings = []
    for copy in group.copies:
        pages = ", ".join(str(n) for n in copy.pages)
        what = f"page {pages}" if len(copy.pages) == 1 else (f"pages {pages}" if copy.pages else "its pages")
        warnings.append(Warning(
            code="duplicate-page",
            message=f"{_base_name(copy.ref)} repeats {what} of {_base_name(copy.original)}; the copy is left out",
            page=copy.pages[0] if copy.pages else None,
        ))
    return tuple(warnings)


def _base_name(ref: InputRef) -> str:
    # Base names, as the issue's sources are named: output does not depend on where it was.
    return ref.path.name if ref.path is not None else "stdin"


def _where(error: BaseException, inputs: Sequence[InputRef]) -> str:
    where = getattr(error, "where", None)
    if where:
        for ref in inputs:
            if ref.path is not None and ref.path.name == where:
                return ref.display
        return where
    return _inputs_where(inputs)


def _inputs_where(inputs: Sequence[InputRef]) -> str:
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


_CRASHED = "the worker process converting this died (out of memory?)"


def _crash_message(error: BaseException) -> str:
    return _one_line(str(error)) if isinstance(error, batch.JobLost) else _CRASHED


def _read_crashed(job: ReadJob, error: BaseException) -> ReadResult:
    failure = Outcome(inputs=(job.ref.display,), status=FAILED, where=job.ref.display, message=_crash_message(error))
    return ReadResult(job.ref, failure=failure)


def _issue_crashed(job: IssueJob, error: BaseException) -> Tuple[Outcome, Optional[bytes]]:
    inputs = tuple(ref.display for ref in job.group.all_inputs)
    where = _inputs_where(job.group.inputs)
    return Outcome(inputs=inputs, status=FAILED, where=where, message=_crash_message(error)), None


def _workers(options: Options, scratch: str) -> batch.Workers:
    """Where the run's jobs go: worker processes of this run, or a Dask cluster (--scheduler)."""
    if options.scheduler is None:
        return batch.LocalWorkers(options.jobs or batch.default_jobs(), scratch)
    from laobao_convert.cluster import ClusterWorkers

    return ClusterWorkers.start(options.scheduler, options.jobs, options.debug)


def _sent_read(job: ReadJob) -> ReadJob:
    """A read job for a worker that does not share this run's scratch directory: it gives its
    Document back, and the run keeps it (_kept)."""
    return dataclasses.replace(job, cache_dir=None)


def _sent_issue(job: IssueJob) -> IssueJob:
    """An issue job for a worker that does not share this run's scratch directory: with the
    Documents the run kept there."""
    reads = tuple(dataclasses.replace(r, document=r.load(job.settings), cache_file=None) if r.cache_file else r
                  for r in job.reads)
    return dataclasses.replace(job, reads=reads)


def _kept(result: ReadResult, cache_dir: Optional[str]) -> ReadResult:
    """A Document a worker gave back, into the scratch directory as the workers of this run put
    theirs (a big batch would not fit in memory)."""
    if result.document is None or cache_dir is None:
        return result
    return dataclasses.replace(result, document=None, cache_file=_keep(result.document, cache_dir))


# --- a whole run ----------------------------------------------------------------------------


def run(options: Options) -> int:
    """Convert everything the options name; returns the exit status. Usage problems raise
    UsageProblem before anything is written."""
    writer = get_writer(options.format)
    if options.scheduler is not None:
        from laobao_convert.cluster import check_installed

        check_installed()  # before anything is read or said about the inputs
    pattern = options.pattern or batch.DEFAULT_NAME
    try:
        batch.check_name_pattern(pattern)
    except batch.NamePatternError as error:
        raise UsageProblem(str(error)) from None
    to_stdout = options.output == STDIN
    if options.report_to == STDIN and to_stdout:
        raise UsageProblem("--report - and -o - would both write to standard output")
    show_progress = options.progress if options.progress is not None else (sys.stderr.isatty() and not options.quiet)
    settings = Settings(options.format, options.template_dir, options.strict, options.skip_bad_pages, options.debug,
                        options.pdf_engine, options.ocr, progress=show_progress, image_dir=options.images)
    report = Report(
        quiet=options.quiet, verbose=options.verbose, color=options.color, debug=options.debug, progress=show_progress
    )
    # --report's lines are written as each outcome comes (a stopped run still says what it did)
    # into a file that replaces the old report only once the run is over.
    report_lines = ReportWriter.open(options.report_to) if options.report_to else None
    if report_lines is not None:
        report.on_add = report_lines.add
    try:
        return _run_all(options, writer, pattern, to_stdout, settings, report, report_lines)
    except UsageProblem:
        if report_lines is not None:
            report_lines.discard()  # nothing was converted: the old report stays as it was
        raise
    except BaseException:
        if report_lines is not None:
            report_lines.close()  # stopped (Ctrl-C, SIGTERM): keep what the run did
        raise


def _run_all(options: Options, writer, pattern: str, to_stdout: bool, settings: Settings, report: Report,
             report_lines: Optional[ReportWriter]) -> int:
    refs, bad = batch.expand_inputs(options.inputs)
    for argument in bad:
        report.add(Outcome(inputs=(argument.display,), status=FAILED, where=argument.display, message=argument.message))
    to_directory = options.output is not None and not to_stdout and batch.is_directory_target(options.output)
    if to_directory:
        _make_directory(options.output)
    if options.debug_dir is not None:
        from laobao_convert.debug_pages import make_directory

        make_directory(options.debug_dir)

    # Every run that writes files records what each output was made from (see batch.is_current).
    identities = IdentityCache.load(batch.cache_path(), __version__)
    if options.skip_existing and len(refs) == 1 and not refs[0].is_stdin and not to_stdout and not to_directory:
        # The output's name does not depend on what the input says: check before reading it.
        group = IssueGroup(inputs=(refs[0],))
        target = batch.plan_outputs([group], options.output, pattern, writer.extension)[0]
        if batch.is_current(target, group.inputs, identities):
            report.add(Outcome(inputs=(refs[0].display,), status=SKIPPED, output=target))
            return _finish(report, report_lines)

    # Stamped before they are read: a file changed while it is converted is not taken as done.
    stamps = {ref: batch.input_stamp(ref) for ref in refs}
    with tempfile.TemporaryDirectory(prefix="laobao-convert-") as cache_dir, _workers(options, cache_dir) as workers:
        if len(refs) == 1 and workers.single_job_here:
            # One input is read in this process: its pages read by OCR may use the workers instead.
            settings = dataclasses.replace(settings, page_jobs=workers.size)
        # With --skip-existing, inputs already seen unchanged need not be read to be grouped.
        known = identities if options.skip_existing else None
        reads = _read_all(refs, known, settings, cache_dir, workers, report, options.debug_dir)
        groups = batch.group_issues([r.identity for r in reads.values()])
        if options.output is not None and not to_directory and len(groups) > 1:
            raise UsageProblem(
                f"these inputs make {len(groups)} issues; -o {options.output} takes one (give -o DIR/)"
            )
        # A file the command line names is the user's choice; a name the run makes up must not
        # be another issue's earlier output.
        named_file = options.output is not None and not to_directory
        targets = batch.plan_outputs(groups, options.output, pattern, writer.extension,
                                     None if named_file else _other_issues_output(reads))
        made_from = {target: batch.input_set(group.inputs, stamps) for group, target in zip(groups, targets)}
        issue_jobs = _issue_jobs(groups, targets, reads, settings, known, report)
        with Progress(report.progress, len(issue_jobs), "issues") as bar:
            converted = workers.map(issue_job, issue_jobs, on_crash=_issue_crashed, to_send=_sent_issue)
            for outcome, data in converted:
                if data is not None:
                    outcome = _to_stdout(outcome, data)
                report.add(outcome)
                _remember_inputs(identities, outcome, made_from)
                bar.update(1, outcome.pages)
    identities.save()
    return _finish(report, report_lines)


def _remember_inputs(identities: IdentityCache, outcome: Outcome, made_from: Dict[str, object]) -> None:
    """After an output is written, what it was made from, for the next --skip-existing."""
    if outcome.status == OK and outcome.output != STDIN and outcome.output in made_from:
        identities.record_output(outcome.output, made_from[outcome.output])


def _other_issues_output(reads: Dict[InputRef, ReadResult]):
    """is_foreign for batch.plan_outputs: an existing file that records sources, none of them
    this issue's inputs (checksums as the identities know them)."""
    from laobao_convert.ownership import is_other_issues_output

    def is_foreign(path: Path, group: IssueGroup) -> bool:
        own = {reads[ref].identity.sha256 for ref in group.all_inputs if ref in reads}
        return is_other_issues_output(path, own - {None})

    return is_foreign


MIN_PART_PAGES = 2
"""A part of a PDF read by a worker of its own has at least this many pages: a broadsheet
page takes about a tenth of a second, a worker forked with the PDF stack loaded a hundredth."""


def _read_all(
    refs: Sequence[InputRef],
    identities: Optional[IdentityCache],
    settings: Settings,
    cache_dir: str,
    workers: batch.Workers,
    report: Report,
    debug_dir: Optional[str] = None,
) -> Dict[InputRef, ReadResult]:
    """Every input read (or known from the identity cache), in the inputs' order; failures go
    to the report."""
    known = {}
    if identities is not None and debug_dir is None:  # --debug-dir draws every input: read all
        for ref in refs:
            identity = identities.get(ref)
            if identity is not None:
                known[ref] = identity
    to_read = [ref for ref in refs if ref not in known]
    stdin_data = sys.stdin.buffer.read() if any(ref.is_stdin for ref in refs) else None
    stems = _debug_stems(refs) if debug_dir is not None else {}
    cache = cache_dir if len(to_read) > 1 else None
    # --debug-dir draws a page with the whole input at hand: such a run reads inputs whole.
    split = {} if debug_dir is not None else _split_inputs(to_read, workers.size, stdin_data)
    read_jobs = []
    for ref in to_read:
        if ref in split:
            data, bounds = split[ref]
            read_jobs.extend(ReadJob(ref, settings, data=data, pages=pages) for pages in bounds)
        else:
            read_jobs.append(ReadJob(ref, settings, cache, stdin_data if ref.is_stdin else None, debug_dir,
                                     stems.get(ref, "")))
    if split:
        _load_pdf_stack(settings)
    by_ref = {ref: ReadResult(ref, identity=identity) for ref, identity in known.items()}
    with Progress(report.progress, len(to_read), "reading") as bar:
        results = workers.map(read_job, read_jobs, on_crash=_read_crashed, to_send=_sent_read)
        for result in _joined(results, split, settings, cache):
            result = _kept(result, cache)
            bar.update(1)
            if result.debug_failure is not None:
                report.add(result.debug_failure)
            if result.failure is not None:
                report.add(result.failure)
            else:
                by_ref[result.ref] = result
                if identities is not None:
                    identities.put(result.identity)
    return {ref: by_ref[ref] for ref in refs if ref in by_ref}


def _split_inputs(to_read: Sequence[InputRef], jobs: int, stdin_data: Optional[bytes]
                  ) -> Dict[InputRef, Tuple[bytes, Tuple[Tuple[int, Optional[int]], ...]]]:
    """The PDF inputs to read in parts, when there are fewer inputs than workers: each with
    its bytes (read once, so that every part reads the same file) and its parts' page ranges."""
    if jobs <= 1 or not to_read or len(to_read) >= jobs:
        return {}
    share = jobs // len(to_read)
    split = {}
    for ref in to_read:
        try:
            data = input_bytes(ref, stdin_data or b"")
        except ConvertError:
            continue  # its read job says why
        count = pdf_page_count(data)
        parts = min(share, (count or 0) // MIN_PART_PAGES)
        if parts > 1:
            split[ref] = (data, page_ranges(count, parts))
    return split


def page_ranges(count: int, parts: int) -> Tuple[Tuple[int, Optional[int]], ...]:
    """`count` pages cut into `parts` consecutive ranges as even as can be; the last runs to
    the end, so that a page the PDF engine finds beyond the count is read as a whole read
    would read it."""
    cuts = [round(i * count / parts) for i in range(parts)] + [None]
    return tuple(zip(cuts, cuts[1:]))


def _load_pdf_stack(settings: Settings) -> None:
    """Import the PDF reader before the workers are forked: each would import it again."""
    import laobao_convert.readers.pdf  # noqa: F401
    import laobao_convert.readers.pdfium  # noqa: F401

    if settings.pdf_engine == "pdfplumber":
        import pdfplumber  # noqa: F401
    else:
        import pypdfium2  # noqa: F401


def _joined(results: Iterator[ReadResult], split: Dict[InputRef, Tuple[bytes, tuple]], settings: Settings,
            cache_dir: Optional[str]) -> Iterator[ReadResult]:
    """The results of the read jobs, an input's parts (consecutive, in page order) joined."""
    parts: List[ReadResult] = []
    for result in results:
        if result.ref not in split:
            yield result
            continue
        parts.append(result)
        data, bounds = split[result.ref]
        if len(parts) == len(bounds):
            yield join_read(result.ref, parts, data, settings, cache_dir)
            parts = []


def _debug_stems(refs: Sequence[InputRef]) -> Dict[InputRef, str]:
    from laobao_convert.debug_pages import unique_stems

    return dict(zip(refs, unique_stems([ref.stem for ref in refs])))


def _issue_jobs(
    groups: Sequence[IssueGroup],
    targets: Sequence[str],
    reads: Dict[InputRef, ReadResult],
    settings: Settings,
    skip_against: Optional[IdentityCache],
    report: Report,
) -> List[IssueJob]:
    """A job for each issue still to convert; an issue that must not or need not be converted
    goes to the report instead. `skip_against`: with --skip-existing, the cache that knows what
    each output was made from."""
    input_paths = {os.path.realpath(ref.path) for ref in reads if ref.path is not None}
    jobs = []
    for group, target in zip(groups, targets):
        inputs = tuple(ref.display for ref in group.all_inputs)
        if target != STDIN and os.path.realpath(target) in input_paths:
            report.add(Outcome(inputs=inputs, status=FAILED, where=target,
                               message="output would overwrite an input; give -o"))
        elif skip_against is not None and batch.is_current(target, group.inputs, skip_against):
            report.add(Outcome(inputs=inputs, status=SKIPPED, output=target))
        else:
            jobs.append(IssueJob(group, tuple(reads[ref] for ref in group.inputs), target, settings))
    return jobs


def _to_stdout(outcome: Outcome, data: bytes) -> Outcome:
    try:
        write_stream(sys.stdout.buffer, data)
    except OutputError as error:
        silence_stdout()
        return dataclasses.replace(outcome, status=FAILED, output=None, where=STDIN, message=error.message)
    return outcome


def _make_directory(path: str) -> None:
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create output directory: {describe_os_error(error)}", where=path) from None


def _finish(report: Report, report_lines: Optional[ReportWriter]) -> int:
    report.finish()
    if report_lines is not None:
        problem = report_lines.close()
        if problem is not None:
            report.echo(f"{PROG}: {problem.where}: {problem.message}", True)
            return max(int(report.exit_status), int(ExitStatus.FAILED))
    return int(report.exit_status)


