"""One PDF read in parts by several workers gives what one serial read gives: the same output
bytes, and the same failures and warnings for a damaged page, a page over the limits and
pages skipped with --skip-bad-pages."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from laobao_convert import limits
from laobao_convert import run as running
from laobao_convert.batch import InputRef
from laobao_convert.pipeline import Settings, join_pdf_pages, load_document, pdf_page_count, read_pdf_pages

CASE = Path(__file__).resolve().parent.parent.parent / "shared" / "devset" / "case_3002" / "issue.pdf"


@pytest.fixture(scope="module")
def issue_pdf(tmp_path_factory) -> Path:
    from tests.synth.layout import Options
    from tests.synth.pdf import generate

    _, data = generate(Options(seed=1, pages=8))
    path = tmp_path_factory.mktemp("parts") / "issue.pdf"
    path.write_bytes(data)
    return path


def convert(path: Path, folder: Path, fmt: str, jobs: int, *flags: str) -> tuple:
    """(output bytes or None, the report's records without their timings) of one run."""
    folder = folder / f"jobs-{jobs}"  # the same names in each run: the records name them
    folder.mkdir()
    out, report = folder / f"out.{fmt}", folder / "report.jsonl"
    # --ocr never: a page without a text layer is what these runs fail or skip on (with OCR
    # it would be read from its image, which tests/test_ocr.py covers).
    options = running.Options(inputs=(str(path),), format=fmt, output=str(out), jobs=jobs, report_to=str(report),
                              quiet=True, skip_bad_pages="--skip-bad-pages" in flags, ocr="never")
    status = running.run(options)
    records = [json.loads(line) for line in report.read_text().splitlines()]
    for record in records:
        record.pop("seconds", None)
        if record.get("output"):
            record["output"] = Path(record["output"]).name
    return status, (out.read_bytes() if out.exists() else None), records


def same_as_serial(path: Path, folder: Path, fmt: str = "json", *flags: str) -> tuple:
    serial = convert(path, folder, fmt, 1, *flags)
    parallel = convert(path, folder, fmt, 2, *flags)
    assert parallel == serial
    return serial


def with_page(data: bytes, index: int, page_pdf: bytes) -> bytes:
    """The PDF with its page `index` replaced by the first page of another."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    pages = PdfReader(io.BytesIO(data)).pages
    for i, page in enumerate(pages):
        writer.add_page(PdfReader(io.BytesIO(page_pdf)).pages[0] if i == index else page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def scanned_page() -> bytes:
    from tests.test_pdf_bad_input import text_pdf

    return text_pdf((None,))


def test_pages_are_cut_into_even_ranges_the_last_open():
    assert running.page_ranges(8, 2) == ((0, 4), (4, None))
    assert running.page_ranges(9, 4) == ((0, 2), (2, 4), (4, 7), (7, None))


def test_a_single_issue_is_read_in_parts_only_when_workers_would_wait(issue_pdf):
    ref = InputRef(path=issue_pdf, display=str(issue_pdf))
    data, bounds = running._split_inputs([ref], 2, None)[ref]
    assert data == issue_pdf.read_bytes() and bounds == ((0, 4), (4, None))
    assert running._split_inputs([ref], 1, None) == {}
    assert running._split_inputs([ref, ref], 2, None) == {}  # each input has a worker already
    assert running._split_inputs([], 2, None) == {}  # every input known already (--skip-existing)


def test_small_files_and_text_are_read_whole(tmp_path):
    text = tmp_path / "issue.txt"
    text.write_text("中国劳动保障报\n", encoding="utf-8")
    two = tmp_path / "two.pdf"
    two.write_bytes(scanned_page())
    refs = [InputRef(path=p, display=str(p)) for p in (text, two, tmp_path / "missing.pdf")]
    assert running._split_inputs(refs, 8, None) == {}
    assert pdf_page_count(b"not a pdf") is None


def parts_make_the_whole(path: Path, settings: Settings, count: int, parts: int) -> list:
    """Page counts of the parts read apart, having checked that joined they are the whole read."""
    ref = InputRef(path=path, display=str(path))
    data = path.read_bytes()
    read = [read_pdf_pages(data, ref, settings, first, stop) for first, stop in running.page_ranges(count, parts)]
    assert join_pdf_pages(data, ref, read, settings) == load_document(data, ref, settings)
    return [len(part.pages) for part in read]


def test_parts_joined_are_the_whole_read(issue_pdf):
    assert parts_make_the_whole(issue_pdf, Settings("json"), 8, 3) == [3, 2, 3]


def test_parts_read_by_pdfplumber_joined_are_its_whole_read():
    sample = Path(__file__).resolve().parent.parent / "samples" / "sample-issue.pdf"  # 4 pages: pdfplumber is slow
    assert parts_make_the_whole(sample, Settings("json", pdf_engine="pdfplumber"), 4, 2) == [2, 2]


@pytest.mark.parametrize("fmt", ["json", "epub"])
def test_an_issue_read_by_two_workers_is_byte_identical(issue_pdf, tmp_path, fmt):
    status, output, records = same_as_serial(issue_pdf, tmp_path, fmt)
    assert status == 0 and output and records[0]["pages"] == 8


def test_a_scanned_page_fails_the_input_as_a_serial_read_does(issue_pdf, tmp_path):
    damaged = tmp_path / "issue.pdf"
    damaged.write_bytes(with_page(issue_pdf.read_bytes(), 5, scanned_page()))
    status, output, records = same_as_serial(damaged, tmp_path)
    assert status != 0 and output is None
    assert "page 6" in records[0]["message"]


def test_skipped_pages_warn_as_in_a_serial_read(issue_pdf, tmp_path):
    damaged = tmp_path / "issue.pdf"
    data = with_page(issue_pdf.read_bytes(), 1, scanned_page())
    damaged.write_bytes(with_page(data, 6, scanned_page()))
    status, output, records = same_as_serial(damaged, tmp_path, "json", "--skip-bad-pages")
    assert output is not None and records[0]["pages"] == 6
    assert [w.split(":")[0] for w in records[0]["warnings"]].count("unreadable-page") == 2


def test_every_page_skipped_fails_as_in_a_serial_read(tmp_path):
    from tests.test_pdf_bad_input import text_pdf

    scanned = tmp_path / "scanned.pdf"
    scanned.write_bytes(text_pdf((None,) * 4))
    status, output, records = same_as_serial(scanned, tmp_path, "json", "--skip-bad-pages")
    assert status != 0 and "no page of scanned.pdf" in records[0]["message"]


def test_the_first_page_over_the_limit_is_the_one_named(issue_pdf, tmp_path, monkeypatch):
    from laobao_convert.readers import pdfium

    document = pdfium.open_document(issue_pdf.read_bytes(), "issue.pdf")
    glyphs = [len(pdfium.page_geometry(document[i], i == 0, "", "")[0].glyphs) for i in range(len(document))]
    document.close()
    # Lowered in this process before the workers are forked from it: they see it too. Pages of
    # both halves are over it, and pages under it come before the first of them.
    most = sorted(glyphs)[len(glyphs) // 2]
    assert any(n > most for n in glyphs[:4]) and any(n > most for n in glyphs[4:])
    monkeypatch.setattr(limits, "MAX_PAGE_GLYPHS", most)
    status, output, records = same_as_serial(issue_pdf, tmp_path)
    first = next(i for i, n in enumerate(glyphs) if n > most)
    assert status != 0 and f"page {first + 1} is too big to read" in records[0]["message"]


@pytest.mark.skipif(not CASE.exists(), reason="the shared development set is not here")
def test_the_devset_issue_read_by_two_workers_is_byte_identical(tmp_path):
    status, output, _ = same_as_serial(CASE, tmp_path)
    assert status == 0 and output
