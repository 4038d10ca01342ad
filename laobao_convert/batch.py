"""Batches: which files the command line names, which of them make one issue, where each
issue's output goes, which outputs are already up to date, and running jobs in parallel.

Nothing here reads a file's content or parses a page; the pipeline does. Everything is
deterministic: inputs are sorted, groups are ordered by their first input.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import re
import stat
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple, TypeVar

from laobao_convert import workers
from laobao_convert.errors import UNSEEN
from laobao_convert.output import describe_os_error

STDIN = "-"
"""The command-line name of standard input (and, for -o, of standard output)."""

INPUT_SUFFIXES = (".pdf", ".txt", ".text", ".md", ".markdown", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".xml")
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
    digest: Optional[str] = None
    """A checksum of the text read from it (None: no text): two inputs with the same text are
    the same pages, whatever their file names say."""
    sha256: Optional[str] = None
    """The checksum of its bytes, as outputs record their sources."""


@dataclass(frozen=True)
class Copy:
    """An input whose text is that of an earlier input: a page downloaded twice."""

    ref: InputRef
    original: InputRef
    pages: Tuple[int, ...] = ()


@dataclass(frozen=True)
class IssueGroup:
    """Inputs that make one issue, in page order."""

    inputs: Tuple[InputRef, ...]
    date: Optional[str] = None
    issue_number: Optional[int] = None
    copies: Tuple[Copy, ...] = ()
    """Inputs left out because they repeat one of `inputs` (a `duplicate-page` warning)."""

    @property
    def all_inputs(self) -> Tuple[InputRef, ...]:
        """Every input the issue accounts for, the copies left out included."""
        return self.inputs + tuple(copy.ref for copy in self.copies)


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
        try:
            kind = _kind(path)
        except OSError as error:  # a file inside a folder we may not search, say
            bad.append(BadArgument(argument, f"cannot read: {describe_os_error(error)}"))
            continue
        if kind == "directory":
            files, unreadable = _files_in(path)
            bad.extend(unreadable)
            if not files and not unreadable:
                bad.append(BadArgument(argument, f"no inputs in directory (looked for {', '.join(INPUT_SUFFIXES)})"))
            for file in files:
                add(file)
        elif kind == "file":
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


def _kind(path: Path) -> Optional[str]:
    """"directory", "file" (anything else that exists) or None (nothing there); a path that
    cannot be looked at raises OSError, where Path.exists() would say "no such file"."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return "directory" if stat.S_ISDIR(info.st_mode) else "file"


def _files_in(directory: Path) -> Tuple[List[Path], List[BadArgument]]:
    """The inputs in a directory tree, and each folder in it that could not be read: that is
    one failed input, never a silent gap in the batch."""
    result = []
    unreadable: List[BadArgument] = []

    def refused(error: OSError) -> None:
        where = str(error.filename) if error.filename is not None else str(directory)
        unreadable.append(BadArgument(where, f"cannot read directory: {describe_os_error(error)}"))

    for root, dirs, files in os.walk(directory, onerror=refused):
        # Hidden directories (.git, editors' caches) and our own temporary files are never input.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if "mets.xml" in files:
            # A METS/ALTO package is one input, its mets.xml; its ALTO files are its pages.
            dirs[:] = []
            package = Path(root) / "mets.xml"
            if not _is_our_package(package):
                result.append(package)
            continue
        for name in files:
            path = Path(root) / name
            if name.startswith(".") or not name.lower().endswith(INPUT_SUFFIXES) or _is_our_markdown(path):
                continue
            if name.lower().endswith(".xml") and not _is_alto_or_mets(path):
                continue  # any other XML in a download folder (a feed, a sitemap) is no page
            result.append(path)
    return sorted(result), sorted(unreadable, key=lambda bad: bad.display)


def _head(path: Path, size: int = 8192) -> bytes:
    try:
        with open(path, "rb") as stream:
            return stream.read(size)
    except OSError:
        return b""


def _is_alto_or_mets(path: Path) -> bool:
    from laobao_convert.readers.alto_xml import looks_like_alto
    from laobao_convert.readers.mets import is_mets

    head = _head(path)
    return looks_like_alto(head) or is_mets(head)


def _is_our_package(path: Path) -> bool:
    """A METS/ALTO package this tool wrote (its METS names it as creator): a run writing
    METS beside its inputs must not read its own output the next night, as with Markdown.
    Named on the command line, its mets.xml is read like any other."""
    return b"<mets:name>laobao-convert " in _head(path, 4096)


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
    with its page files) is split so that no page repeats. An input whose text is that of an
    earlier one is a copy: it joins its original's issue as a copy, left out of the pages.
    """
    identities, copies = set_aside_copies(identities)
    return [_with_copies(group, copies) for group in _group_distinct(identities)]


def set_aside_copies(identities: Sequence[Identity]) -> Tuple[List[Identity], List[Copy]]:
    """Inputs whose text repeats an earlier input's in the same directory are copies (a page saved twice, or saved
    under the next page's name): kept, they would be a page twice or one page under two numbers."""
    first: Dict[tuple, Identity] = {}
    kept: List[Identity] = []
    copies: List[Copy] = []
    for identity in identities:
        # A copy is looked for in its own directory, where a page set is downloaded: the same
        # issue kept in two folders of an archive is converted in each.
        key = (os.path.realpath(identity.ref.path.parent), identity.digest) if identity.ref.path else None
        original = first.get(key) if identity.digest and key else None
        if original is None:
            if identity.digest and key:
                first[key] = identity
            kept.append(identity)
        else:
            copies.append(Copy(identity.ref, original.ref, tuple(sorted(_pages_of(original)))))
    return kept, copies


def _with_copies(group: IssueGroup, copies: Sequence[Copy]) -> IssueGroup:
    mine = tuple(copy for copy in copies if copy.original in group.inputs)
    return dataclasses.replace(group, copies=mine) if mine else group


def _group_distinct(identities: Sequence[Identity]) -> List[IssueGroup]:
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
        elif not identity.date and identity.issue_number is None and len(in_here) == 1 and any(
            _same_page_set(identity.ref, other.ref) for other in keyed[in_here[0]]
        ):
            put(in_here[0], identity)
        else:
            left.setdefault(here, []).append(identity)

    for here, all_members in left.items():
        # Only what the inputs say joins them: a date or number, else the names of page files.
        members = [m for m in all_members if m.date or m.issue_number is not None]
        for member in all_members:
            if member not in members:
                page_set = _page_set(member.ref)
                put(("pages", here, page_set) if page_set is not None else ("alone", member.ref.display), member)
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


def _page_set(ref: InputRef) -> Optional[str]:
    """What names a page file's set: its name without the page number it ends in
    (20240424_03.pdf -> "20240424_", 3.txt -> ""); None for a name that ends in no number."""
    if ref.path is None:
        return None
    match = re.match(r"(.*?)\d{1,3}$", ref.path.stem)
    return match.group(1) if match else None


def _same_page_set(a: InputRef, b: InputRef) -> bool:
    return _page_set(a) is not None and _page_set(a) == _page_set(b)


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
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as error:
        raise NamePatternError(f"--name {pattern!r}: {error}") from None
    fields = [f for _, f, _, _ in parsed if f is not None]
    _check_plain_name(pattern, parsed)
    unknown = sorted(set(fields) - set(NAME_FIELDS))
    if unknown:
        raise NamePatternError(
            f"--name {pattern!r}: unknown field {{{unknown[0]}}}; use {', '.join('{' + f + '}' for f in NAME_FIELDS)}"
        )
    if "/" in pattern or os.sep in pattern or not pattern.strip():
        raise NamePatternError(f"--name {pattern!r}: must be a file name, not a path")


def _check_plain_name(pattern: str, parsed: Sequence[Tuple[str, Optional[str], Optional[str], Optional[str]]]) -> None:
    """A name is its fields' values as they are, in plain sight: a format spec or conversion
    ({stem!r:>300}) would pad, quote or cut them, a leading dot would hide the file, and a
    control character or separator would make it something other than one visible file."""
    if any(spec or conversion for _, field, spec, conversion in parsed if field is not None):
        raise NamePatternError(f"--name {pattern!r}: fields take no format spec or conversion; "
                               "write them plainly, e.g. {date}-{issue}.{ext}")
    if pattern.startswith("."):
        raise NamePatternError(f"--name {pattern!r}: would name a hidden file (starts with a dot)")
    if UNSEEN.search(pattern) or "\\" in pattern:
        raise NamePatternError(f"--name {pattern!r}: must be a file name, without control characters "
                               "or path separators")


def output_name(group: IssueGroup, pattern: str, extension: str) -> str:
    """The file name for a group. If the pattern needs a date or issue number the issue does
    not carry, the name falls back to the first input's name: `{stem}.{ext}`."""
    fields = {f for _, f, _, _ in string.Formatter().parse(pattern) if f}
    stem = group.inputs[0].stem
    if ("date" in fields and not group.date) or ("issue" in fields and group.issue_number is None):
        pattern = "{stem}.{ext}"
    return pattern.format(date=group.date or "", issue=group.issue_number, stem=stem, ext=extension)


def is_directory_target(target: str) -> bool:
    # A folder holding mets.xml is a METS/ALTO output made before (-o issue.mets), to be
    # replaced, not a folder to write issues into; DIR/ with its slash is always a folder.
    return target.endswith(("/", os.sep)) or (Path(target).is_dir() and not (Path(target) / "mets.xml").is_file())


def plan_outputs(
    groups: Sequence[IssueGroup],
    target: Optional[str],
    pattern: str,
    extension: str,
    is_foreign: Optional[Callable[[Path, IssueGroup], bool]] = None,
) -> List[str]:
    """Where each group's output goes ("-" for standard output), in the groups' order.

    -o -: standard output. -o DIR/ (or an existing directory): DIR/<pattern>. -o FILE: that
    file. No -o: one input's output sits beside it with its name (issue.pdf -> issue.epub);
    several pages' output goes beside the first page, named by the pattern; standard input
    goes to standard output. Two issues that would get the same name are told apart by -2, -3.
    `is_foreign(path, group)` says that an existing file there is another issue's output; such
    a path is not taken either (a name that carries the issue's date and number is never
    asked about: it is this issue's by its name). The caller checks that -o FILE and -o - are
    given only one issue.
    """
    natural = [_natural_path(group, target, pattern, extension) for group in groups]
    # Every name an issue would take by itself is reserved first: an issue whose own name is
    # unique keeps it, whatever else the run holds (so a re-run names it the same).
    reserved = {_path_key(path) for path in natural if path is not None}
    planned: List[str] = []
    used: set = set()
    for group, path in zip(groups, natural):
        if path is None:
            planned.append(STDIN)
            continue

        def occupied(candidate: Path, group: IssueGroup = group) -> bool:
            return (
                is_foreign is not None and not _names_its_issue(candidate, group, pattern, extension)
                and is_foreign(candidate, group)
            )

        if _path_key(path) in used or occupied(path):
            path = _free_variant(path, used | reserved, occupied)
        used.add(_path_key(path))
        planned.append(str(path))
    return planned


def _natural_path(group: IssueGroup, target: Optional[str], pattern: str, extension: str) -> Optional[Path]:
    """Where a group's output goes before other issues are considered; None: standard output."""
    if target == STDIN or (target is None and group.inputs[0].is_stdin):
        return None
    if target is not None and not is_directory_target(target):
        return Path(target)
    if target is not None:
        return Path(target) / output_name(group, pattern, extension)
    if len(group.inputs) == 1:
        return group.inputs[0].path.with_name(f"{group.inputs[0].stem}.{extension}")
    return group.inputs[0].path.parent / output_name(group, pattern, extension)


def _path_key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def _free_variant(path: Path, taken: set, occupied: Callable[[Path], bool]) -> Path:
    """NAME-2.ext, NAME-3.ext ...: the first that no issue of the run has or would take, and
    that holds no other issue's earlier output."""
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if _path_key(candidate) not in taken and not occupied(candidate):
            return candidate
        number += 1


def _names_its_issue(path: Path, group: IssueGroup, pattern: str, extension: str) -> bool:
    # A name made of the issue's date and number is that issue's wherever it came from.
    fields = {f for _, f, _, _ in string.Formatter().parse(pattern) if f}
    return (
        {"date", "issue"} <= fields and group.date is not None and group.issue_number is not None
        and path.name == output_name(group, pattern, extension)
    )


def is_up_to_date(output: str, inputs: Sequence[InputRef]) -> bool:
    """--skip-existing: the output exists and is not older than any of its inputs."""
    if output == STDIN or any(ref.is_stdin for ref in inputs):
        return False
    try:
        made = os.stat(output).st_mtime_ns
        return all(os.stat(ref.path).st_mtime_ns <= made for ref in inputs)
    except OSError:
        return False


def input_stamp(ref: InputRef) -> Optional[str]:
    """One input file as it is now: its real path, size and modification time; None for
    standard input or a file that cannot be looked at."""
    if ref.is_stdin:
        return None
    try:
        info = os.stat(ref.path)
    except OSError:
        return None
    return f"{os.path.realpath(ref.path)}|{info.st_size}|{info.st_mtime_ns}"


def input_set(inputs: Sequence[InputRef], stamps: Optional[Dict[InputRef, Optional[str]]] = None) -> Optional[Tuple[str, ...]]:
    """What an output is made from: the stamps of all its inputs (taken now, or from `stamps`
    taken before they were read), sorted; None if one has no stamp."""
    found = [stamps.get(ref) if stamps is not None else input_stamp(ref) for ref in inputs]
    if not found or any(stamp is None for stamp in found):
        return None
    return tuple(sorted(found))


def is_current(output: str, inputs: Sequence[InputRef], cache: "IdentityCache") -> bool:
    """--skip-existing: the output is not older than its inputs and was made from exactly these
    inputs. Times alone are not enough: a page that arrives late keeps the server's old time
    (curl -R, wget -N, rsync -t), and the incomplete issue would look up to date for good. An
    output without a record of its inputs is made again."""
    made_from = input_set(inputs)
    return made_from is not None and cache.made_from(output) == made_from and is_up_to_date(output, inputs)


class IdentityCache:
    """What each input said about itself (date, issue number, pages), remembered between runs
    so that --skip-existing can group and name a batch without reading inputs again: re-running
    ten years of back issues after a fault should not lay out every page once more.

    An entry is keyed by the file's real path, size and modification time, and by the tool's
    version; a changed file or a new version misses and is read. The cache is a convenience:
    unreadable or unwritable, it is ignored.

    It also keeps, for each output written, the stamps of the inputs it was made from (see
    is_current). Those do not depend on the tool's version and outlive a new one.
    """

    def __init__(self, path: Optional[Path], version: str, entries: Optional[Dict[str, list]] = None,
                 outputs: Optional[Dict[str, list]] = None):
        self.path = path
        self.version = version
        self.entries: Dict[str, list] = entries or {}
        self.outputs: Dict[str, list] = outputs or {}
        self.forgotten: set = set()
        self.changed = False

    @classmethod
    def load(cls, path: Optional[Path], version: str) -> "IdentityCache":
        import json

        try:
            with open(path, encoding="utf-8") as stream:
                data = json.load(stream)
        except (OSError, ValueError, TypeError):
            return cls(path, version)
        if not isinstance(data, dict):
            return cls(path, version)
        entries = data.get("entries") if data.get("version") == version else None
        outputs = data.get("outputs")
        return cls(path, version, entries if isinstance(entries, dict) else None,
                   outputs if isinstance(outputs, dict) else None)

    def made_from(self, output: str) -> Optional[Tuple[str, ...]]:
        """The input stamps `output` was last written from, if known."""
        recorded = self.outputs.get(os.path.realpath(output))
        return tuple(recorded) if isinstance(recorded, list) else None

    def record_output(self, output: str, made_from: Optional[Tuple[str, ...]]) -> None:
        key = os.path.realpath(output)
        if made_from is None:
            self.outputs.pop(key, None)
            self.forgotten.add(key)
        else:
            self.outputs[key] = list(made_from)
            self.forgotten.discard(key)
        self.changed = True

    @staticmethod
    def _key(ref: InputRef) -> Optional[str]:
        return input_stamp(ref)

    def get(self, ref: InputRef) -> Optional[Identity]:
        key = self._key(ref)
        entry = self.entries.get(key) if key else None
        if not entry:
            return None
        if len(entry) != 5:  # written before entries carried the checksums
            return None
        date, number, pages, digest, checksum = entry
        return Identity(ref=ref, date=date, issue_number=number, page_numbers=tuple(pages), digest=digest,
                        sha256=checksum)

    def put(self, identity: Identity) -> None:
        key = self._key(identity.ref)
        if key:
            self.entries[key] = [identity.date, identity.issue_number, list(identity.page_numbers),
                                 identity.digest, identity.sha256]
            self.changed = True

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        import json

        from laobao_convert.output import write_atomically

        # Another run may have saved since this one loaded (two instances at once): keep what
        # it learnt, so that its outputs are not made again for want of a record.
        on_disk = IdentityCache.load(self.path, self.version)
        entries = {**on_disk.entries, **self.entries}
        outputs = {k: v for k, v in {**on_disk.outputs, **self.outputs}.items() if k not in self.forgotten}
        data = {"version": self.version, "entries": dict(sorted(entries.items())),
                "outputs": dict(sorted(outputs.items()))}
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


class JobLost(Exception):
    """A job whose worker could not give back its result for a reason other than dying (a
    cluster that cannot run it); on_crash receives it, and its message says why."""


class Workers:
    """Where a run's jobs go: LocalWorkers (this run's worker processes), or
    laobao_convert.cluster.ClusterWorkers (a Dask cluster). Used as a context manager around
    the run; `size` is how many jobs run at once."""

    size: int = 1
    single_job_here = False
    """A batch of one job runs in this process, which may then start workers of its own (the
    pages of one scanned input read by OCR)."""

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc_info) -> None:
        pass

    def map(
        self,
        function: Callable[[T], R],
        items: Sequence[T],
        on_crash: Optional[Callable[[T, BaseException], R]] = None,
        to_send: Optional[Callable[[T], T]] = None,
    ) -> Iterator[R]:
        """function(item) for each item, results in the items' order. `function` catches its
        own errors; `on_crash(item, error)` stands in for a job whose worker died or could not
        run it. `to_send(item)` is what goes in the item's stead to a worker that does not
        share this machine's scratch directory."""
        raise NotImplementedError


class LocalWorkers(Workers):
    """Worker processes on this machine (run_jobs), which share its scratch directory."""

    single_job_here = True

    def __init__(self, jobs: int, scratch: Optional[str] = None):
        self.size = jobs
        self.scratch = scratch
        self._keeper: Optional[int] = None

    def __exit__(self, *exc_info) -> None:
        workers.end_keeper(self._keeper)
        self._keeper = None

    def map(self, function, items, on_crash=None, to_send=None):
        if self._keeper is None and self.size > 1 and len(items) > 1 and self.scratch is not None:
            # From the first round of workers to the run's end (between rounds none is alive
            # to remove the scratch directory); a run that starts none forks no keeper.
            self._keeper = workers.keep_scratch(self.scratch)
        return run_jobs(function, items, self.size, on_crash, self.scratch)


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
            if future is futures[-1]:
                # Every job is done: the workers leave while the caller uses the last result
                # (joined with them below, when it asks for the next).
                executor.shutdown(wait=False)
            yield result
    except BaseException:
        workers.stop_all(executor)
        raise
    finally:
        # On Ctrl-C or an early stop, drop what has not started instead of waiting for it.
        executor.shutdown(wait=True, cancel_futures=True)


def _pool(size: int, scratch: Optional[str]):
    import gc
    from concurrent.futures import ProcessPoolExecutor

    # What is alive now (the modules, the parsed file) lives as long as the run: frozen, the
    # collector of this process and of the forked workers no longer walks it (a full
    # collection would take a hundredth of a second, and in a worker copy every page of it).
    gc.freeze()
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
