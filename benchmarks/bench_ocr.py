"""Benchmark: seconds a page reading a scanned issue by OCR, at the default resolution, with one
process and with --jobs 2 (pages spread over two worker processes).

The scan is a generated broadsheet issue rendered to greyscale images only (an image-only PDF,
as a scanned back issue is), or --file. Each run is the whole conversion to JSON in a fresh
process (model loading included, as a user sees it).

    python benchmarks/bench_ocr.py [--file SCAN.pdf] [--pages 2] [--jobs 1,2]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def make_scan(pages: int, dpi: float = 150.0) -> bytes:
    """A generated issue's pages as images only (what a scanner gives)."""
    import pypdfium2 as pdfium
    from PIL import Image

    sys.path.insert(0, str(REPO))
    from tests.synth.layout import Options  # the tests' own generator
    from tests.synth.pdf import generate

    _, data = generate(Options(seed=1, pages=pages))
    document = pdfium.PdfDocument(data)
    images = [document[i].render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L") for i in range(len(document))]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(str(path)))


def convert_seconds(path: Path, jobs: int) -> float:
    command = [sys.executable, "-m", "laobao_convert", str(path), "--to", "json", "-q", "-j", str(jobs),
               "-o", os.path.join(tempfile.gettempdir(), f"bench-ocr-{os.getpid()}.json")]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 3):
        raise SystemExit(f"conversion failed: {done.stderr.strip()}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", help="an image-only PDF (default: a generated issue, rendered at 150 dpi)")
    parser.add_argument("--pages", type=int, default=2, help="pages of the generated issue")
    parser.add_argument("--jobs", default="1,2", help="--jobs values to time, comma-separated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(args.file) if args.file else Path(scratch) / "scan.pdf"
        if not args.file:
            path.write_bytes(make_scan(args.pages))
        pages = page_count(path)
        print(f"{path.name}: {pages} page(s), OCR at the default resolution; {os.cpu_count()} core(s)")
        for jobs in (int(j) for j in args.jobs.split(",")):
            before = os.getloadavg()[0]
            seconds = convert_seconds(path, jobs)
            # Other work on the machine slows OCR as much as anything here: say how busy it was.
            print(f"  --jobs {jobs}: {seconds:7.1f} s, {seconds / pages:6.1f} s a page "
                  f"(load average {before:.1f} before, {os.getloadavg()[0]:.1f} after)")


if __name__ == "__main__":
    main()
