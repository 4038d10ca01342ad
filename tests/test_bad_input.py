"""Every kind of bad input gets its one-line message, its exit code, and no output file;
hostile input finishes or fails cleanly in bounded time; a failing write leaves nothing
half-written and an existing output untouched."""

from __future__ import annotations

import errno
import io
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from laobao_convert import output as output_module
from laobao_convert.cli import main
from laobao_convert.errors import OutputError
from laobao_convert.output import write_atomically
from pdf_objects import assemble


def run(*args: str, stdin: bytes | None = None):
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert lines, "expected a message on stderr"
    return lines[0]


def leftovers(directory: Path, keep=()):
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


def pdf_bytes(draw) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def text_pdf() -> bytes:
    return pdf_bytes(lambda c: c.drawString(72, 720, "Hello, not a newspaper page but a text layer."))


# --- each bad input: message, exit code, no output ------------------------------------------


def check_refused(tmp_path: Path, name: str, data: bytes, expected: str, fmt: str = "json"):
    source = tmp_path / name
    source.write_bytes(data)
    code, _, stderr = run(str(source), "--to", fmt)
    line = one_error_line(stderr)
    assert code == 1, stderr
    assert line.startswith(f"laobao-convert: {source}: "), line
    assert expected in line, line
    assert leftovers(tmp_path) == [name]


def test_empty_file(tmp_path):
    check_refused(tmp_path, "issue.pdf", b"", "empty input")


def test_whitespace_only_file(tmp_path):
    check_refused(tmp_path, "issue.txt", b" \n\r\n\t ", "empty input")


def test_not_a_pdf_with_pdf_extension(tmp_path):
    check_refused(tmp_path, "issue.pdf", b"<!DOCTYPE html><html><body>404 Not Found</body></html>\n", "not a PDF")


def test_binary_junk_with_pdf_extension(tmp_path):
    check_refused(tmp_path, "issue.pdf", bytes(range(256)) * 20, "not a PDF")


def test_truncated_pdf(tmp_path):
    data = text_pdf()
    check_refused(tmp_path, "issue.pdf", data[: len(data) // 3], "not a readable PDF")


def test_damaged_pdf(tmp_path):
    data = bytearray(text_pdf())
    # Overwrite the middle (objects and content stream) with junk, keep header and trailer.
    middle = len(data) // 2
    data[200:middle] = b"\x00garbage" * ((middle - 200) // 8) + b"\x00" * ((middle - 200) % 8)
    source = tmp_path / "issue.pdf"
    source.write_bytes(bytes(data))
    code, _, stderr = run(str(source), "--to", "json")
    # A damaged PDF either fails with one line naming it, or (if the damage spared the text)
    # converts; never a traceback, never a half-written file.
    assert "Traceback" not in stderr
    if code != 0:
        assert code == 1 and one_error_line(stderr).startswith(f"laobao-convert: {source}: ")
        assert leftovers(tmp_path) == ["issue.pdf"]


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(text_pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    check_refused(tmp_path, "issue.pdf", buffer.getvalue(), "encrypted")


def test_scanned_page_without_text_layer(tmp_path):
    def draw(c):
        c.setFillGray(0.3)
        for i in range(20):
            c.rect(50 + i * 20, 100 + i * 25, 15, 300, fill=1)

    check_refused(tmp_path, "scan.pdf", pdf_bytes(draw), "text layer")


def test_binary_junk_given_as_text(tmp_path):
    check_refused(tmp_path, "issue.txt", bytes((i * 7919) % 256 for i in range(4000)), "not text")


def test_text_in_an_undetectable_encoding(tmp_path):
    latin1 = "Crème brûlée, café, déjà vu et naïveté à volonté.\n".encode("latin-1") * 50
    check_refused(tmp_path, "issue.txt", latin1, "encoding")


def test_missing_file(tmp_path):
    code, _, stderr = run(str(tmp_path / "nope.pdf"), "--to", "json")
    assert code == 1
    assert one_error_line(stderr) == f"laobao-convert: {tmp_path / 'nope.pdf'}: no such file or directory"


def test_directory_with_no_inputs(tmp_path):
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads" / "index.html").write_text("<html></html>")
    code, _, stderr = run(str(tmp_path / "downloads"), "--to", "json")
    assert code == 1
    assert one_error_line(stderr).startswith(f"laobao-convert: {tmp_path / 'downloads'}: no inputs in directory")


# --- output that cannot be written ----------------------------------------------------------


def good_text() -> bytes:
    # Enough of a page for any text reader: a headline and two paragraphs.
    return (
        "## 全省新增城镇就业岗位超过十万个\n\n"
        "本报讯(记者 张明)记者从省人社厅获悉，一季度全省城镇新增就业十二万人，同比增长百分之五。\n\n"
        "省人社厅有关负责人表示，将继续落实稳就业政策，扩大公共就业服务覆盖面。\n"
    ).encode("utf-8")


def test_output_directory_that_is_a_file(tmp_path):
    source = tmp_path / "page.txt"
    source.write_bytes(good_text())
    blocker = tmp_path / "out"
    blocker.write_text("a file where a directory should be")
    code, _, stderr = run(str(source), "--to", "json", "-o", str(blocker / "issue.json"))
    assert code == 1
    line = one_error_line(stderr)
    assert line.startswith(f"laobao-convert: {blocker / 'issue.json'}: cannot write output: "), line
    assert leftovers(tmp_path) == ["out", "page.txt"]


def test_output_directory_without_permission(tmp_path, monkeypatch):
    source = tmp_path / "page.txt"
    source.write_bytes(good_text())
    (tmp_path / "locked").mkdir()

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    # Simulated: the tests may run as root, which no directory mode stops.
    monkeypatch.setattr(output_module.tempfile, "mkstemp", refuse)
    code, _, stderr = run(str(source), "--to", "json", "-o", str(tmp_path / "locked") + "/", "-j", "1")
    assert code == 1
    assert "cannot write output: permission denied" in one_error_line(stderr)
    assert leftovers(tmp_path / "locked") == []


def test_disk_full_leaves_no_temporary_file_and_keeps_the_old_output(tmp_path, monkeypatch):
    target = tmp_path / "issue.json"
    target.write_bytes(b"the previous, complete output")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output_module.os, "fsync", full)
    with pytest.raises(OutputError) as raised:
        write_atomically(target, b"new" * 1000)
    assert raised.value.message == "cannot write output: disk full"
    assert raised.value.where == str(target)
    assert target.read_bytes() == b"the previous, complete output"
    assert leftovers(tmp_path) == ["issue.json"]


def test_disk_full_through_the_cli(tmp_path, monkeypatch):
    source = tmp_path / "page.txt"
    source.write_bytes(good_text())

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output_module.os, "fsync", full)
    code, _, stderr = run(str(source), "--to", "md", "-j", "1")
    assert code == 1
    assert one_error_line(stderr) == f"laobao-convert: {tmp_path / 'page.md'}: cannot write output: disk full"
    assert leftovers(tmp_path) == ["page.txt"]


def test_an_existing_output_is_replaced_only_by_a_complete_one(tmp_path, monkeypatch):
    target = tmp_path / "issue.md"
    target.write_bytes(b"old")
    write_atomically(target, b"new and complete")
    assert target.read_bytes() == b"new and complete"

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(output_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"never seen")
    assert target.read_bytes() == b"new and complete"
    assert leftovers(tmp_path) == ["issue.md"]


def test_a_failing_writer_leaves_no_file(tmp_path, monkeypatch):
    from laobao_convert import registry

    source = tmp_path / "page.txt"
    source.write_bytes(good_text())
    writer = registry.get_writer("json")

    def broken(issue, stream, *, template_dir=None):
        stream.write(b'{"half": ')
        raise ValueError("writer broke")

    monkeypatch.setattr(writer, "write", broken)
    code, _, stderr = run(str(source), "--to", "json", "-j", "1")
    assert code == 1
    assert "internal error: ValueError: writer broke" in one_error_line(stderr)
    assert leftovers(tmp_path) == ["page.txt"]


# --- hostile input --------------------------------------------------------------------------


def test_a_one_line_12_mb_text_fails_cleanly_and_fast(tmp_path):
    source = tmp_path / "huge.txt"
    source.write_bytes(("劳动保障" * 1_000_000).encode("utf-8"))  # 12 MB, no newline
    started = time.monotonic()
    code, _, stderr = run(str(source), "--to", "json")
    assert time.monotonic() - started < 10
    assert code == 1
    assert "too large" in one_error_line(stderr)
    assert leftovers(tmp_path) == ["huge.txt"]


def test_a_long_one_line_text_within_the_limit_finishes_in_bounded_time(tmp_path):
    source = tmp_path / "long.txt"
    source.write_bytes(("就业服务持续优化，" * 40_000).encode("utf-8"))  # ~1 MB on one line
    started = time.monotonic()
    code, _, stderr = run(str(source), "--to", "json", "-o", str(tmp_path / "out.json"))
    assert time.monotonic() - started < 30, "a long line must not make the parser quadratic"
    assert "Traceback" not in stderr
    assert code in (0, 1)


def test_a_pdf_with_thousands_of_pages_is_refused_quickly(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3000):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    source = tmp_path / "thick.pdf"
    source.write_bytes(buffer.getvalue())
    started = time.monotonic()
    code, _, stderr = run(str(source), "--to", "json")
    assert time.monotonic() - started < 20
    assert code == 1
    assert "3000 pages" in one_error_line(stderr)
    assert leftovers(tmp_path) == ["thick.pdf"]


def pdf_with_nesting(depth: int) -> bytes:
    """A well-formed one-page PDF (correct xref) whose page dictionary and content stream
    carry arrays nested `depth` deep."""
    nested = b"[" * depth + b"]" * depth
    content = b"BT /F1 12 Tf 72 720 Td (Employment rose in March.) Tj ET " + nested
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> /Junk " + nested + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return assemble(objects)


def test_a_pdf_with_deeply_nested_objects_fails_cleanly(tmp_path):
    shallow = tmp_path / "shallow.pdf"
    shallow.write_bytes(pdf_with_nesting(3))
    code, _, stderr = run(str(shallow), "--to", "json", "-o", str(tmp_path / "shallow.json"))
    # The same file, nested 3 deep, is a readable PDF: read, and refused only for what it says.
    assert code == 1 and "not a newspaper page" in one_error_line(stderr), stderr
    source = tmp_path / "nested.pdf"
    source.write_bytes(pdf_with_nesting(50_000))
    started = time.monotonic()
    code, _, stderr = run(str(source), "--to", "json")
    assert time.monotonic() - started < 20
    assert code == 1
    assert one_error_line(stderr).startswith(f"laobao-convert: {source}: ")
    assert not (tmp_path / "nested.json").exists()


def test_skip_bad_pages_converts_the_rest_with_a_warning(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    # A dateline makes it a newspaper's page; that needs a CJK font (the synthetic issues' own).
    pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=0))
    pdf.setFont("WQY", 10)
    pdf.drawString(72, 720, "本报讯(记者 张明)三月全省城镇新增就业人数继续增加。")
    pdf.showPage()
    for i in range(20):
        pdf.rect(50 + i * 20, 100 + i * 25, 15, 300, fill=1)
    pdf.showPage()
    pdf.save()
    source = tmp_path / "mixed.pdf"
    source.write_bytes(buffer.getvalue())
    # Without OCR a page without text layer is unreadable. (With it, page 2 would be read by
    # OCR and, holding no text, left out with a warning: a page of photos.)
    code, _, stderr = run(str(source), "--to", "json", "--ocr", "never")
    assert code == 1 and "page 2" in one_error_line(stderr) and "text layer" in one_error_line(stderr)
    assert leftovers(tmp_path) == ["mixed.pdf"]
    code, _, stderr = run(str(source), "--to", "json", "--skip-bad-pages", "-v", "--ocr", "never")
    assert code == 0, stderr
    assert "warning: unreadable-page: page 2" in stderr
    assert (tmp_path / "mixed.json").is_file()
    code, _, stderr = run(str(source), "--to", "json", "--skip-bad-pages", "--strict", "-o", str(tmp_path / "s.json"))
    assert code == 3 and not (tmp_path / "s.json").exists()
