"""Benchmark: seconds per page and peak memory converting a generated broadsheet issue.

Reports (a) pdfplumber reading characters, rules and rectangles alone, (b) the whole
conversion (read + layout + parse + JSON), peak memory of each (a fresh process each, so
they do not share a heap), 16 pages against 8 (time should grow linearly), and the start-up
time of `laobao-convert --help`. Targets: whole <= 1.3 x read alone, peak < 150 MB for 8
pages, 16 pages about 2 x 8, --help < 0.25 s.

    python benchmarks/bench_convert.py [--pages 8] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def child_read(path: str) -> dict:
    """pdfplumber alone: characters, rules and rectangles of every page, each page closed."""
    import pdfplumber

    # Imports are outside the clock in both measurements: start-up is measured on its own.
    start = time.perf_counter()
    glyphs = 0
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            glyphs += len(page.chars)
            len(page.lines), len(page.rects), len(page.images)
            page.close()
    return {"seconds": time.perf_counter() - start, "pages": pages, "glyphs": glyphs}


def child_convert(path: str) -> dict:
    """The whole conversion, as the command line does it, to JSON bytes in memory."""
    import pdfplumber  # noqa: F401 - imported before the clock, as in child_read

    from laobao_convert.parse import parse_issue
    from laobao_convert.readers import ReadOptions, read_input
    from laobao_convert.readers.pdf import read_pdf  # noqa: F401 - the PDF stack, imported on use
    from laobao_convert.writers.json_writer import JsonWriter

    start = time.perf_counter()
    data = Path(path).read_bytes()
    document = read_input(data, os.path.basename(path), ReadOptions())
    issue = parse_issue([document])
    out = io.BytesIO()
    JsonWriter().write(issue, out)
    return {"seconds": time.perf_counter() - start, "pages": len(document.pages), "bytes": len(out.getvalue())}


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM where Linux gives it: ru_maxrss can carry
    the peak of the parent the process was forked from."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(kind: str, path: str) -> dict:
    """Run one measurement in a fresh interpreter; adds its peak resident memory (MB)."""
    code = (
        "import json, sys; sys.path.insert(0, {repo!r}); "
        "from benchmarks.bench_convert import child_{kind}, peak_mb; "
        "r = child_{kind}({path!r}); "
        "r['peak_mb'] = peak_mb(); "
        "print(json.dumps(r))"
    ).format(repo=str(REPO), kind=kind, path=path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"the {kind} run on {os.path.basename(path)} failed: {last}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def best_of(kind: str, path: str, repeat: int) -> dict:
    runs = [run_child(kind, path) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    best["peak_mb"] = max(r["peak_mb"] for r in runs)
    return best


def help_time(repeat: int) -> float:
    exe = shutil.which("laobao-convert")
    command = [exe, "--help"] if exe else [sys.executable, "-m", "laobao_convert", "--help"]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=REPO, check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def make_issue(pages: int, folder: Path) -> Path:
    sys.path.insert(0, str(REPO))
    from tests.synth.layout import Options
    from tests.synth.pdf import generate

    _, data = generate(Options(seed=1, pages=pages))
    path = folder / f"issue-{pages}.pdf"
    path.write_bytes(data)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = make_issue(args.pages, Path(tmp))
        large = make_issue(2 * args.pages, Path(tmp))
        read = best_of("read", str(small), args.repeat)
        whole = best_of("convert", str(small), args.repeat)
        read2 = best_of("read", str(large), args.repeat)
        whole2 = best_of("convert", str(large), args.repeat)
    startup = help_time(5)
    per = lambda r: r["seconds"] / r["pages"]  # noqa: E731
    rows = [
        ("pdfplumber read alone", f"{per(read):.3f} s/page", f"{read['peak_mb']:.0f} MB", f"{read['glyphs']} glyphs"),
        ("whole conversion", f"{per(whole):.3f} s/page", f"{whole['peak_mb']:.0f} MB",
         f"{per(whole) / per(read):.2f} x read (target <= 1.3)"),
        (f"read alone, {2 * args.pages} pages", f"{per(read2):.3f} s/page", f"{read2['peak_mb']:.0f} MB",
         f"{read2['glyphs']} glyphs; {read2['seconds'] / read['seconds']:.2f} x {args.pages} pages"),
        (f"whole, {2 * args.pages} pages", f"{per(whole2):.3f} s/page", f"{whole2['peak_mb']:.0f} MB",
         f"{whole2['seconds'] / whole['seconds']:.2f} x {args.pages} pages (target ~2); "
         f"{per(whole2) / per(read2):.2f} x read"),
        ("laobao-convert --help", f"{startup:.3f} s", "", "target < 0.25 s"),
    ]
    width = [max(len(r[i]) for r in rows) for i in range(4)]
    print(f"issue: {args.pages} pages, {read['glyphs']} glyphs; best of {args.repeat}")
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, width)))


if __name__ == "__main__":
    main()
