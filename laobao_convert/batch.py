"""Batches: which files the command line names, which of them make one issue, where each
issue's output goes, which outputs are already up to date, and running jobs in parallel.

Nothing here reads a file's content or parses a page; the pipeline does. Everything is
deterministic: inputs are sorted, groups are ordered by their first input.
"""

from __future__ import annotations

import glob
import os
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple, TypeVar

from laobao_convert import workers

STDIN = "-"
"""The command-line name of standard input (and, for -o, of standard output)."""

INPUT_SUFFIXES = (".pdf", ".txt", ".text", ".md", ".markdown")
"""What a directory is searched for. A file named on the command line is read whatever its
name: readers decide by content, never by extension."""

DEFAULT_NAME = "{date}-{issue}.{ext}"
"""The default --name: e.g. 2024-04-24-7154.epub."""

NAME_FIELDS = ("date", "issue", "stem", "ext")


@dataclass(frozen=True)
class InputRef:
    """One input: a file, or standard input."""

    display: str
    """How messages name it: the path as found, or "-" for standard input."""
    path: Optional[Path] = None
    """None for standard input."""

    @property
    def is_stdin(self) -> bool:
        return self.path is None

    @property
    def stem(self) -> str:
        return self.path.stem if self.path is not None else "stdin"


@dataclass(frozen=True)
class BadArgument:
    """A command-line input that names nothing readable (missing, or an empty directory)."""

    display: str
    message: str


@dataclass(frozen=True)
class Identity:
    """What one read input says about itself, for grouping."""

    ref: InputRef
    date: Optional[str] = None
    issue_number: Optional[int] = None
    page_numbers: Tuple[int, ...] = ()


@dataclass(frozen=True)
class IssueGroup:
    """Inputs that make one issue, in page order."""

    inputs: Tuple[InputRef, ...]
    date: Optional[str] = None
    issue_number: Optional[int] = None


# --- expanding the command line -------------------------------------------------------------


def expand_inputs(arguments: Sequence[str]) -> Tuple[List[InputRef], List[BadArgument]]:
    """Files, directories (searched recursively for INPUT_SUFFIXES) and globs, each file once,
    in command-line order; a directory's and a glob's files sorted by path."""
    found: List[InputRef] = []
    bad: List[BadArgument] = []
    seen = set()

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.append(InputRef(display=str(path), path=path))

    for argument in arguments:
        if argument == STDIN:
            if STDIN not in seen:
                seen.add(STDIN)
                found.append(InputRef(display=STDIN))
            continue
        path = Path(argument)
        if path.is_dir():
            files = _files_in(path)
            if not files:
                bad.append(BadArgument(argument, f"no inputs in directory (looked for {', '.join(INPUT_SUFFIXES)})"))
            for file in files:
                add(file)
        elif path.exists():
            add(path)
        elif glob.has_magic(argument):
            matches = sorted(Path(m) for m in glob.glob(argument, recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                bad.append(BadArgument(argument, "no file matches this pattern"))
            for file in files:
                add(file)
        else:
            bad.append(BadArgument(argument, "no such file or directory"))
    return found, bad


def _files_in(directory: Path) -> List[Path]:
    result = []
    for root, dirs, files in os.walk(directory):
        # Hidden directories (.git, editors' caches) and our own temporary files are never input.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(root) / name
            if not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES) and not _is_our_markdown(path):
                result.append(path)
    return sorted(result)


def _is_our_markdown(path: Path) -> bool:
    """Markdown this tool wrote (its front matter names the generator). Searching a directory
    skips it: a nightly run writing Markdown beside its inputs must not read its own output
    the next night. Named on the command line, such a file is read like any other."""
    if path.suffix.lower() not in (".md", ".markdown"):
        return False
    try:
        with open(path, "rb") as stream:
            head = stream.read(8192).decode("utf-8", "replace").replace("\r\n", "\n")
    except OSError:
        return False
    if not head.lstrip("\ufeff").startswith("---\n"):
        return False
    front = head.lstrip("\ufeff")[4:].split("\n---", 1)[0]
    return re.search(r"^generator:\s*[\"']?laobao-convert\b", front, re.M) is not None


# --- grouping pages into issues -------------------------------------------------------------


def group_issues(identities: Sequence[Identity]) -> List[IssueGroup]:
    """Pages of one issue become one group.

    Inputs that carry the same date and issue number are one issue. An input that carries
    only one of the two (inner pages print a date but no issue number; a page one whose date
    could not be read still has its number) joins the one issue it matches, preferring one in
    its own directory. What is left is grouped by directory: within a directory, inputs whose
    dates and numbers do not contradict each other make one issue. Standard input is always
    an issue of its own. A group whose inputs repeat a page (a whole-issue PDF given together
    with its page files) is split so that no page repeats.
    """
    order = {identity.ref: index for index, identity in enumerate(identities)}
    keyed: Dict[tuple, List[Identity]] = {}

    def put(key: tuple, identity: Identity) -> None:
        keyed.setdefault(key, []).append(identity)

    def directory(identity: Identity) -> str:
        return os.path.realpath(identity.ref.path.parent) if identity.ref.path else ""

    full = [i for i in identities if i.date and i.issue_number is not None and not i.ref.is_stdin]
    for identity in full:
        put(("issue", identity.date, identity.issue_number), identity)
    issues = sorted(keyed, key=repr)

    left: Dict[str, List[Identity]] = {}
    for identity in identities:
        if identity in full:
            continue
        if identity.ref.is_stdin:
            put(("stdin",), identity)
            continue
        here = directory(identity)
        in_here = [k for k in issues if any(directory(i) == here for i in keyed[k])]
        matching = [
            k for k in issues
            if (identity.date or identity.issue_number is not None)
            and identity.date in (None, k[1]) and identity.issue_number in (None, k[2])
        ]
        nearby = [k for k in matching if k in in_here]
        if len(matching) == 1:
            put(matching[0], identity)
        elif len(nearby) == 1:
            put(nearby[0], identity)
        elif not identity.date and identity.issue_number is None and len(in_here) == 1:
            put(in_here[0], identity)
        else:
            left.setdefault(here, []).append(identity)

    for here, members in left.items():
        dates = {m.date for m in members if m.date}
        numbers = {m.issue_number for m in members if m.issue_number is not None}
        for member in members:
            if len(dates) <= 1 and len(numbers) <= 1:
                put(("directory", here), member)
            else:  # contradicting inputs in one directory: only exact matches go together
                put(("directory", here, member.date, member.issue_number), member)

    groups: List[IssueGroup] = []
    for members in keyed.values():
        for part in _split_repeated_pages(members):
            part = sorted(part, key=lambda i: (min(_pages_of(i), default=10**9), order[i.ref]))
            groups.append(_group_of(part))
    groups.sort(key=lambda g: min(order[ref] for ref in g.inputs))
    return groups


def _split_repeated_pages(members: List[Identity]) -> List[List[Identity]]:
    # Biggest inputs first, so a whole-issue file keeps its pages together and the page files
    # that repeat them form an issue of their own.
    parts: List[Tuple[set, List[Identity]]] = []
    for identity in sorted(members, key=lambda i: -len(_pages_of(i))):
        pages = _pages_of(identity)
        for taken, part in parts:
            if not taken & pages:
                taken |= pages
                part.append(identity)
                break
        else:
            parts.append((set(pages), [identity]))
    return [part for _, part in parts]


def _pages_of(identity: Identity) -> set:
    # Page one prints no page number, only the masthead (with the issue number): an input
    # that carries the issue number holds page one, whatever other pages it names.
    pages = set(identity.page_numbers)
    if identity.issue_number is not None:
        pages.add(1)
    return pages


def _group_of(members: List[Identity]) -> IssueGroup:
    dates = sorted({m.date for m in members if m.date})
    numbers = sorted({m.issue_number for m in members if m.issue_number is not None})
    return IssueGroup(
        inputs=tuple(m.ref for m in members),
        date=dates[0] if len(dates) == 1 else None,
        issue_number=numbers[0] if len(numbers) == 1 else None,
    )


# --- output names ---------------------------------------------------------------------------


class NamePatternError(ValueError):
    """A --name pattern with an unknown field or a directory part."""


def check_name_pattern(pattern: str) -> None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
    except ValueError as error:
        raise NamePatternError(f"--name {pattern!r}: {error}") from None
    unknown = sorted(set(fields) - set(NAME_FIELDS))
    if unknown:
        raise NamePatternError(
            f"--name {pattern!r}: unknown field {{{unknown[0]}}}; use {', '.join('{' + f + '}' for f in NAME_FIELDS)}"
        )
    if "/" in pattern or os.sep in pattern or not pattern.strip():
        raise NamePatternError(f"--name {pattern!r}: must be a file name, not a path")


def output_name(group: IssueGroup, pattern: str, extension: str) -> str:
    """The file name for a group. If the pattern needs a date or issue number the issue does
    not carry, the name falls back to the first input's name: `{stem}.{ext}`."""
    fields = {f for _, f, _, _ in string.Formatter().parse(pattern) if f}
    stem = group.inputs[0].stem
    if ("date" in fields and not group.date) or ("issue" in fields and group.issue_number is None):
        pattern = "{stem}.{ext}"
    return pattern.format(date=group.date or "", issue=group.issue_number, stem=stem, ext=extension)


def is_directory_target(target: str) -> bool:
    return target.endswith(("/", os.sep)) or Path(target).is_dir()


def plan_outputs(
    groups: Sequence[IssueGroup], target: Optional[str], pattern: str, extension: str
) -> List[str]:
    """Where each group's output goes ("-" for standard output), in the groups' order.

    -o -: standard output. -o DIR/ (or an existing directory): DIR/<pattern>. -o FILE: that
    file. No -o: one input's output sits beside it with its name (issue.pdf -> issue.epub);
    several pages' output goes beside the first page, named by the pattern; standard input
    goes to standard output. Two issues that would get the same name are told apart by -2, -3.
    The caller checks that -o FILE and -o - are given only one issue.
    """
    planned: List[str] = []
    taken: Dict[str, int] = {}
    for group in groups:
        if target == STDIN or (target is None and group.inputs[0].is_stdin):
            planned.append(STDIN)
            continue
        if target is not None and not is_directory_target(target):
            path = Path(target)
        elif target is not None:
            path = Path(target) / output_name(group, pattern, extension)
        elif len(group.inputs) == 1:
            path = group.inputs[0].path.with_name(f"{group.inputs[0].stem}.{extension}")
        else:
            path = group.inputs[0].path.parent / output_name(group, pattern, extension)
        key = os.path.normcase(os.path.abspath(path))
        if key in taken:
            taken[key] += 1
            path = path.with_name(f"{path.stem}-{taken[key]}{path.suffix}")
        else:
            taken[key] = 1
        planned.append(str(path))
    return planned


def is_up_to_date(output: str, inputs: Sequence[InputRef]) -> bool:
    """--skip-existing: the output exists and is not older than any of its inputs."""
    if output == STDIN or any(ref.is_stdin for ref in inputs):
        return False
    try:
        made = os.stat(output).st_mtime_ns
        return all(os.stat(ref.path).st_mtime_ns <= made for ref in inputs)
    except OSError:
        return False


class IdentityCache:
    """What each input said about itself (date, issue number, pages), remembered between runs
    so that --skip-existing can group and name a batch without reading inputs again: re-running
    ten years of back issues after a fault should not lay out every page once more.

    An entry is keyed by the file's real path, size and modification time, and by the tool's
    version; a changed file or a new version misses and is read. The cache is a convenience:
    unreadable or unwritable, it is ignored.
    """

    def __init__(self, path: Optional[Path], version: str, entries: Optional[Dict[str, list]] = None):
        self.path = path
        self.version = version
        self.entries: Dict[str, list] = entries or {}
        self.changed = False

    @classmethod
    def load(cls, path: Optional[Path], version: str) -> "IdentityCache":
        import json

        try:
            with open(path, encoding="utf-8") as stream:
                data = json.load(stream)
            if data.get("version") == version and isinstance(data.get("entries"), dict):
                return cls(path, version, data["entries"])
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        return cls(path, version)

    @staticmethod
    def _key(ref: InputRef) -> Optional[str]:
        if ref.is_stdin:
            return None
        try:
            info = os.stat(ref.path)
        except OSError:
            return None
        return f"{os.path.realpath(ref.path)}|{info.st_size}|{info.st_mtime_ns}"

    def get(self, ref: InputRef) -> Optional[Identity]:
        key = self._key(ref)
        entry = self.entries.get(key) if key else None
        if not entry:
            return None
        date, number, pages = entry
        return Identity(ref=ref, date=date, issue_number=number, page_numbers=tuple(pages))

    def put(self, identity: Identity) -> None:
        key = self._key(identity.ref)
        if key:
            self.entries[key] = [identity.date, identity.issue_number, list(identity.page_numbers)]
            self.changed = True

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        import json

        from laobao_convert.output import write_atomically

        data = {"version": self.version, "entries": dict(sorted(self.entries.items()))}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
            pass


def cache_path() -> Path:
    """$LAOBAO_CONVERT_CACHE, else $XDG_CACHE_HOME/laobao-convert/identities.json, else ~/.cache/…"""
    explicit = os.environ.get("LAOBAO_CONVERT_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "laobao-convert" / "identities.json"


# --- running jobs ---------------------------------------------------------------------------

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_jobs(
    function: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    on_crash: Optional[Callable[[T, BaseException], R]] = None,
    scratch: Optional[str] = None,
) -> Iterator[R]:
    """function(item) for each item, results in the items' order; `jobs` worker processes,
    or this process when jobs is 1 or there is only one item. `function` must catch its own
    errors; `on_crash(item, error)` stands in for a worker that died (killed for memory,
    say), so one such item does not end the batch. Workers die with this process and, if it
    is killed, remove the directory `scratch` (laobao_convert.workers)."""
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            yield function(item)
        return
    from concurrent.futures.process import BrokenProcessPool

    executor = _pool(min(jobs, len(items)), scratch)
    try:
        futures = [executor.submit(workers.guarded, function, item) for item in items]
        for item, future in zip(items, futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                # A dead worker breaks the whole pool, and every unfinished item with it. Run
                # each of those alone, so that only the item that kills its worker fails.
                result = _alone(function, item, on_crash, scratch)
            yield result
    except BaseException:
        workers.stop_all(executor)
        raise
    finally:
        # On Ctrl-C or an early stop, drop what has not started instead of waiting for it.
        executor.shutdown(wait=True, cancel_futures=True)


def _pool(size: int, scratch: Optional[str]):
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=size, initializer=workers.start_worker, initargs=(workers.expected_parent(), scratch)
    )


def _alone(
    function: Callable[[T], R], item: T, on_crash: Optional[Callable[[T, BaseException], R]], scratch: Optional[str]
) -> R:
    from concurrent.futures.process import BrokenProcessPool

    with _pool(1, scratch) as executor:
        try:
            return executor.submit(workers.guarded, function, item).result()
        except BrokenProcessPool as error:
            if on_crash is None:
                raise
            return on_crash(item, error)
        except BaseException:
            workers.stop_all(executor)
            raise
