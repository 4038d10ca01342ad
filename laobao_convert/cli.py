"""The command line: options in, a run of the pipeline, the report's exit code out.

Kept thin and cheap to import: `--help` and `--version` load click and nothing of the PDF
stack, the parser or the writers; those are imported when a conversion starts.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from typing import Optional, Sequence

import click

from laobao_convert import __version__
from laobao_convert.errors import ConvertError, ExitStatus, Terminated, shown, visible
from laobao_convert.report import PROG

EPILOG = """\b
Exit status:
  0  every issue converted (or skipped by --skip-existing)
  1  some inputs or issues failed; the others were converted
  2  usage error: the command line was wrong (e.g. --to and -o's extension
     disagree), nothing was converted
  3  --strict: an issue had warnings, its output was not written
  130 interrupted (Ctrl-C)
  143 stopped by SIGTERM

\b
Output names: without -o, issue.pdf -> issue.<ext> beside it; pages of one issue
given as several files -> --name beside the first page; -o DIR/ -> DIR/--name.
The default --name is {date}-{issue}.{ext} (e.g. 2024-04-24-7154.epub); fields:
{date} {issue} {stem} (first input's name without extension) {ext}. An issue that
carries no date or issue number is named {stem}.{ext}. -o a/b/c.epub creates the
folders a/b when the conversion succeeds.

\b
Format: --to in any case (epub, EPUB, markdown = md); without --to, -o FILE's
extension decides (.epub .html .htm .md .markdown .json; .zip: mets).
"""


class _Command(click.Command):
    """Every way out goes through here: one-line messages, a documented exit code, and no
    traceback unless --debug asked for one."""

    def main(self, args: Optional[Sequence[str]] = None, prog_name: Optional[str] = None, **extra):  # type: ignore[override]
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv
        previous = _stop_on_sigterm()
        try:
            status = super().main(args=argv, prog_name=prog_name or PROG, standalone_mode=False, **extra)
        except click.exceptions.Abort as stop:
            status = ExitStatus.TERMINATED if isinstance(stop.__cause__, Terminated) else ExitStatus.INTERRUPTED
        except Terminated:
            status = ExitStatus.TERMINATED
        except KeyboardInterrupt:
            status = ExitStatus.INTERRUPTED
        except click.exceptions.Exit as done:
            status = done.exit_code
        except click.UsageError as error:
            # One line like every other message, not click's usage block.
            _error(f"{' '.join(error.format_message().split())} (see --help)")
            status = ExitStatus.USAGE
        except click.ClickException as error:
            _error(" ".join(error.format_message().split()))
            status = ExitStatus.FAILED
        except OSError as error:
            # Writing --help, --version or --list-formats failed (`| head`, a full disk).
            status = _stdout_failed(error) if _is_stream_failure(error) else _internal_error(error, debug)
        except Exception as error:  # noqa: BLE001 - the last line of defence
            status = _internal_error(error, debug)
        finally:
            _restore_sigterm(previous)
        sys.exit(_flush_stdout(int(status or 0)))


def _internal_error(error: Exception, debug: bool) -> int:
    if debug:
        import traceback

        traceback.print_exc()
    _error(f"internal error: {type(error).__name__}: {' '.join(str(error).split())}")
    return ExitStatus.FAILED


def _stop_on_sigterm():
    """SIGTERM (`kill`, a scheduler's time limit) stops a run the way Ctrl-C does: workers are
    stopped, no partial output is left, temporary files are removed. Returns the handler to
    put back (a caller embedding the command keeps its own)."""

    def stop(signum, frame):
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: signals are not ours to take
        return None
    return signal.SIG_DFL if previous is None else previous


def _restore_sigterm(previous) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


def _is_stream_failure(error: OSError) -> bool:
    # Conversions turn their own file errors into outcomes; what reaches here unnamed, saying
    # the reader left or the disk is full, is a write to standard output.
    return error.filename is None and error.errno in (errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _flush_stdout(status: int) -> int:
    """Flush standard output before Python does at exit: there a failure (a full disk, a closed
    pipe) would be a traceback and exit 120; here it is one line and exit 1."""
    try:
        sys.stdout.flush()
    except OSError as error:
        return max(status, _stdout_failed(error))
    except ValueError:  # already closed
        pass
    return status


def _stdout_failed(error: OSError) -> int:
    from laobao_convert.output import describe_os_error, silence_stdout

    _error(f"-: cannot write output: {describe_os_error(error)}")
    silence_stdout()
    return ExitStatus.FAILED


def _color() -> bool:
    return "NO_COLOR" not in os.environ and sys.stderr.isatty()


def _error(message: str) -> None:
    text = visible(f"{PROG}: {message}")
    click.echo(click.style(text, fg="red") if _color() else text, err=True, color=_color())


@click.command(
    cls=_Command,
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("--to", "fmt", metavar="FORMAT",
              help="Output format: json, md, html, epub, mets, in any case (see --list-formats); "
                   "default: from -o FILE's extension.")
@click.option("-o", "--output", metavar="PATH",
              help="Output file, DIR/ for several issues, or - for standard output.")
@click.option("--name", "pattern", metavar="PATTERN",
              help="Output file name in -o DIR/ (default {date}-{issue}.{ext}).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes: issues, the pages of a single PDF, or the pages of one scanned input "
                   "read by OCR, in parallel (default: the "
                   "machine's cores; 1 = no worker processes).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run the batch on a Dask cluster: a scheduler's address (tcp://HOST:8786), or local for "
                   "one of --jobs worker processes on this machine. Inputs and outputs must be paths every "
                   "worker reaches. Needs the 'cluster' extra.")
@click.option("--skip-existing", is_flag=True,
              help="Leave outputs made from exactly these inputs and not older than them.")
@click.option("--report", "report_to", metavar="FILE",
              help="Write one JSON line per issue to FILE (- for standard output).")
@click.option("--strict", is_flag=True,
              help="Treat warnings as failures: such an issue is not written (exit 3).")
@click.option("--skip-bad-pages", is_flag=True,
              help="Leave out PDF pages without a text layer (with a warning) instead of failing.")
@click.option("--pdf-engine", type=click.Choice(["pdfium", "pdfplumber"]), metavar="ENGINE",
              help="What reads PDF pages: pdfium (fast, the default) or pdfplumber (the reference).")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Read pages by OCR: auto (pages without a text layer: scans), always (every page, "
                   "from its image), never. Needs the 'ocr' extra.")
@click.option("--images", "images", metavar="DIR",
              help="Write each photo of a PDF as an image file into DIR (relative to the output's folder; "
                   ". = beside it), named in the JSON and Markdown; EPUB and HTML embed them anyway.")
@click.option("--template-dir", type=click.Path(exists=True, file_okay=False),
              help="Templates here override the shipped ones by name.")
@click.option("--list-formats", is_flag=True, help="List the output formats and exit.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on standard error; no progress bar.")
@click.option("-v", "--verbose", is_flag=True,
              help="Say what each issue became, its warnings, and the causes of failures.")
@click.option("--debug", is_flag=True, help="Show a traceback for failures.")
@click.option("--debug-dir", metavar="DIR",
              help="Write each page's blocks (JSON) and, for PDF, a picture of them (PNG) into DIR.")
@click.version_option(__version__, "-V", "--version", prog_name=PROG, message="%(prog)s %(version)s")
def command(inputs, fmt, output, pattern, jobs, scheduler, skip_existing, report_to, strict, skip_bad_pages, pdf_engine, ocr,
            images, template_dir, list_formats, quiet, verbose, debug, debug_dir) -> int:
    """Convert an issue of 中国劳动保障报 (whole-issue PDF, page PDFs, or extracted text)
    into EPUB 3, HTML, Markdown or JSON.

    INPUT may be files, directories (searched for .pdf, .txt, .md, and page images .png,
    .jpg, .tif), globs, or - for standard input. Pages of one issue are converted into one issue.
    """
    if list_formats:
        return _list_formats()
    if not inputs:
        raise click.UsageError("no INPUT given")
    from laobao_convert.run import Options, run  # the machinery, imported on use

    try:
        fmt = _format(fmt, output)
    except ConvertError as error:
        _error(error.message)
        return error.status
    options = Options(
        inputs=tuple(inputs), format=fmt, output=output, pattern=pattern, jobs=jobs,
        skip_existing=skip_existing, report_to=report_to, strict=strict,
        skip_bad_pages=skip_bad_pages, template_dir=template_dir, quiet=quiet,
        verbose=verbose, debug=debug, color=_color(), debug_dir=debug_dir,
        pdf_engine=pdf_engine, ocr=ocr, images=images, scheduler=scheduler,
    )
    try:
        return run(options)
    except ConvertError as error:
        _error(f"{shown(error.where)}: {error.message}" if error.where else error.message)
        return error.status


def _format(fmt: Optional[str], output: Optional[str]) -> str:
    from laobao_convert import formats, registry

    return formats.resolve(fmt, output, registry.available_writers())


def _list_formats() -> int:
    from laobao_convert import registry

    for name, writer in registry.available_writers().items():
        click.echo(f"{name:6} .{writer.extension:5} {writer.description}")
    for problem in registry.problems():
        _error(problem)
    return ExitStatus.OK


main = command
"""The console-script entry point (setup.cfg: laobao_convert.cli:main)."""
