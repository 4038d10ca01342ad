"""Benchmark: seconds per page and peak memory reading and converting a broadsheet issue.

Reports, in one run on the same file (a generated broadsheet issue, or --file): (a)
pdfplumber reading characters, rules and rectangles alone, (b) pypdfium2 reading the same
(each character's code point, box, font size, font, fill colour and rendering mode, and the
page objects), (c) poppler's `pdftotext` on the whole file as a process (the floor), (d) the
whole conversion (read + layout + parse + JSON) with each engine, in this process; (e) the
default single-issue command (`laobao-convert ISSUE.pdf`, that is --jobs = the machine's
cores, which reads the pages in parts in parallel), imports outside the clock as for the
others; each as seconds a page and as ratios, with its peak memory (a fresh process each, so
they do not share a heap; for (e) the largest of the process and its workers); 16 pages
against 8 with the default engine (time should grow linearly), the start-up time of
`laobao-convert --help`, and (f) pages an hour converting a batch of --batch generated 8-page
issues (different seeds: different dates and numbers) with `laobao-convert DIR -o OUT/`
at --jobs = cores. Targets: the default command (the default engine, --jobs = cores) <= 0.5 x
pdfplumber's bare read, peak < 150 MB for 8 pages, 16 pages about 2 x 8, --help < 0.25 s; (d) is
the same work in one process, without workers.

    python benchmarks/bench_convert.py [--pages 8] [--repeat 3] [--file ISSUE.pdf] [--batch 100]
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


def child_pdfium(path: str) -> dict:
    """pypdfium2 alone: per character what the reader asks (code point, loose box, size, font,
    fill colour, rendering mode), and every page object's type and bounds."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    start = time.perf_counter()
    glyphs = 0
    document = pdfium.PdfDocument(path)
    pages = len(document)
    box = pdfium_c.FS_RECTF()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index in range(pages):
        page = document[index]
        textpage = page.get_textpage()
        raw = textpage.raw
        fonts = {}
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            pdfium_c.FPDFText_GetUnicode(raw, i)
            pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
            pdfium_c.FPDFText_GetFontSize(raw, i)
            pdfium_c.FPDFText_GetFillColor(raw, i, r, g, b, a)
            obj = pdfium_c.FPDFText_GetTextObject(raw, i)
            key = ctypes.cast(obj, ctypes.c_void_p).value
            if key not in fonts:
                fonts[key] = (pdfium_c.FPDFTextObj_GetTextRenderMode(obj), pdfium_c.FPDFTextObj_GetFont(obj))
            glyphs += 1
        for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
            obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
            pdfium_c.FPDFPageObj_GetType(obj)
            pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        textpage.close()
        page.close()
    document.close()
    return {"seconds": time.perf_counter() - start, "pages": pages, "glyphs": glyphs}


def child_pdftotext(path: str) -> dict:
    """poppler's pdftotext on the whole file, as a process: the floor of reading the text."""
    from pypdf import PdfReader

    pages = len(PdfReader(path).pages)
    start = time.perf_counter()
    subprocess.run(["pdftotext", "-layout", path, os.devnull], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    # Its own peak, not this interpreter's.
    return {"seconds": seconds, "pages": pages, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def child_convert_pdfium(path: str) -> dict:
    return child_convert(path, "pdfium")


def child_convert_pdfplumber(path: str) -> dict:
    return child_convert(path, "pdfplumber")


def child_convert(path: str, engine: str = "pdfium") -> dict:
    """The whole conversion, as the command line does it, to JSON bytes in memory."""
    import pdfplumber  # noqa: F401 - imported before the clock, as in child_read
    import pypdf  # noqa: F401 - the PDF stack's file check, imported on use
    import pypdfium2  # noqa: F401

    from laobao_convert.parse import parse_issue
    from laobao_convert.readers import ReadOptions, read_input
    from laobao_convert.readers.pdf import read_pdf  # noqa: F401 - the PDF stack, imported on use
    from laobao_convert.readers.pdfium import page_geometry  # noqa: F401
    from laobao_convert.writers.json_writer import JsonWriter

    start = time.perf_counter()
    data = Path(path).read_bytes()
    document = read_input(data, os.path.basename(path), ReadOptions(pdf_engine=engine))
    issue = parse_issue([document])
    out = io.BytesIO()
    JsonWriter().write(issue, out)
    return {"seconds": time.perf_counter() - start, "pages": len(document.pages), "bytes": len(out.getvalue())}


def child_command(path: str) -> dict:
    """The default single-issue command, `laobao-convert ISSUE.pdf --to json -o OUT`, run in
    this process (its workers forked from it), the imports before the clock."""
    import concurrent.futures.process  # noqa: F401 - the workers' pool, imported on use

    import pypdf  # noqa: F401 - the PDF stack's file check, imported on use
    import pypdfium2  # noqa: F401

    import laobao_convert.parse  # noqa: F401
    import laobao_convert.readers.pdf  # noqa: F401
    import laobao_convert.readers.pdfium  # noqa: F401 - the default engine, as child_convert imports it
    import laobao_convert.writers.json_writer  # noqa: F401
    from laobao_convert import batch, run

    jobs = batch.default_jobs()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LAOBAO_CONVERT_CACHE"] = os.path.join(tmp, "identities.json")  # not the user's
        options = run.Options(inputs=(path,), format="json", output=os.path.join(tmp, "out.json"), quiet=True)
        start = time.perf_counter()
        status = run.run(options)
        seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"laobao-convert failed on {path} (exit {status})")
    from pypdf import PdfReader

    return {"seconds": seconds, "pages": len(PdfReader(path).pages), "jobs": jobs,
            "peak_mb": max(peak_mb(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}


def child_batch(folder: str) -> dict:
    """`laobao-convert FOLDER -o OUT/ --to json` (--jobs = cores) as a process, on a folder
    of issue PDFs; its peak is that of its largest process (itself or a worker)."""
    from pypdf import PdfReader

    from laobao_convert.batch import default_jobs

    files = sorted(Path(folder).glob("*.pdf"))
    pages = sum(len(PdfReader(str(f)).pages) for f in files)
    exe = shutil.which("laobao-convert")
    command = [exe] if exe else [sys.executable, "-m", "laobao_convert"]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LAOBAO_CONVERT_CACHE=os.path.join(tmp, "identities.json"))
        start = time.perf_counter()
        done = subprocess.run(command + [folder, "--to", "json", "-o", os.path.join(tmp, "out") + os.sep, "-q"],
                              capture_output=True, text=True, env=env)
        seconds = time.perf_counter() - start
        written = len(list(Path(tmp, "out").glob("*.json")))
    if done.returncode != 0:
        raise SystemExit(f"the batch failed (exit {done.returncode}): {done.stderr.strip()[-300:]}")
    return {"seconds": seconds, "pages": pages, "issues": written, "inputs": len(files), "jobs": default_jobs(),
            "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


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
        "r.setdefault('peak_mb', peak_mb()); "
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


def make_issue(pages: int, folder: Path, seed: int = 1) -> Path:
    sys.path.insert(0, str(REPO))
    from tests.synth.layout import Options
    from tests.synth.pdf import generate

    _, data = generate(Options(seed=seed, pages=pages))
    path = folder / f"issue-{pages}-{seed}.pdf"
    path.write_bytes(data)
    return path


def make_batch(count: int, pages: int, folder: Path) -> Path:
    """`count` generated issues of `pages` pages in a folder of their own, made in parallel."""
    from concurrent.futures import ProcessPoolExecutor

    folder.mkdir()
    with ProcessPoolExecutor() as pool:
        list(pool.map(make_issue, [pages] * count, [folder] * count, range(1, count + 1)))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file", help="measure this issue instead of a generated one (no 16-page run)")
    parser.add_argument("--batch", type=int, default=100,
                        help="generated issues of --pages pages converted as one batch (0: none); fewer than 100 "
                             "are also said as the time 100 would take at the throughput measured")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(args.file) if args.file else make_issue(args.pages, Path(tmp))
        read = best_of("read", str(small), args.repeat)
        bare = best_of("pdfium", str(small), args.repeat)
        floor = best_of("pdftotext", str(small), args.repeat) if shutil.which("pdftotext") else None
        whole = best_of("convert_pdfium", str(small), args.repeat)
        reference = best_of("convert_pdfplumber", str(small), args.repeat)
        command = best_of("command", str(small), args.repeat)
        whole2 = None if args.file else best_of("convert_pdfium", str(make_issue(2 * args.pages, Path(tmp))),
                                                 args.repeat)
        batch = (run_child("batch", str(make_batch(args.batch, args.pages, Path(tmp) / "batch")))
                 if args.batch > 0 else None)
    startup = help_time(5)
    per = lambda r: r["seconds"] / r["pages"]  # noqa: E731

    def ratios(r: dict) -> str:
        text = f"{per(r) / per(read):.2f} x pdfplumber read"
        return text + (f", {per(r) / per(floor):.1f} x pdftotext" if floor else "")

    rows = [
        ("pdfplumber read alone", f"{per(read):.3f} s/page", f"{read['peak_mb']:.0f} MB",
         f"{read['glyphs']} glyphs"),
        ("pypdfium2 read alone", f"{per(bare):.3f} s/page", f"{bare['peak_mb']:.0f} MB", ratios(bare)),
        ("pdftotext, whole process", f"{per(floor):.3f} s/page" if floor else "not installed",
         f"{floor['peak_mb']:.0f} MB" if floor else "", ratios(floor) if floor else ""),
        ("whole conversion, pdfium, 1 process", f"{per(whole):.3f} s/page", f"{whole['peak_mb']:.0f} MB",
         ratios(whole)),
        ("whole conversion, pdfplumber", f"{per(reference):.3f} s/page", f"{reference['peak_mb']:.0f} MB",
         ratios(reference)),
        (f"default command, --jobs {command['jobs']}", f"{per(command):.3f} s/page",
         f"{command['peak_mb']:.0f} MB",
         ratios(command) + " (pages read in parts by the workers; target <= 0.5 x read)"),
    ]
    if whole2:
        rows.append((f"whole, pdfium, {2 * args.pages} pages", f"{per(whole2):.3f} s/page",
                     f"{whole2['peak_mb']:.0f} MB",
                     f"{whole2['seconds'] / whole['seconds']:.2f} x {whole['pages']} pages (target ~2)"))
    rows.append(("laobao-convert --help", f"{startup:.3f} s", "", "target < 0.25 s"))
    if batch:
        hourly = batch["pages"] / batch["seconds"] * 3600
        said = f"{hourly:,.0f} pages/hour, {batch['issues']} issues written in {batch['seconds']:.1f} s"
        if batch["inputs"] < 100:
            said += f"; 100 issues would take {100 * args.pages / hourly * 3600:.0f} s at this rate"
        rows.append((f"batch of {batch['inputs']} x {args.pages} pages, --jobs {batch['jobs']}",
                     f"{per(batch):.3f} s/page", f"{batch['peak_mb']:.0f} MB", said))
    width = [max(len(r[i]) for r in rows) for i in range(4)]
    print(f"issue: {read['pages']} pages, {read['glyphs']} glyphs; best of {args.repeat}")
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, width)))


if __name__ == "__main__":
    main()
