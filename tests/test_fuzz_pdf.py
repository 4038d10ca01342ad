"""Fuzzing the PDF path: truncated and byte-flipped copies of a real-looking page never crash
the conversion (only ConvertErrors, told in one line) and never hang (a per-example alarm)."""

from __future__ import annotations

import io
import random
import signal
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from laobao_convert.batch import InputRef
from laobao_convert.pipeline import Settings, convert
from laobao_convert.run import ReadJob, read_job

CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
SECONDS_PER_EXAMPLE = 20


class Hang(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` can swallow it."""


@contextmanager
def time_guard(seconds: int):
    def ring(signum, frame):
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def make_page() -> bytes:
    """A small page with a headline and two paragraphs in a CJK font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    try:
        pdfmetrics.registerFont(TTFont("WQY", CJK_FONT, subfontIndex=0))
        font = "WQY"
    except Exception:  # the font is a system package; without it the page is Latin
        font = "Helvetica"
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(420, 595), invariant=1)
    pdf.setFont(font, 20)
    pdf.drawString(40, 540, "全省新增城镇就业十二万人")
    pdf.setFont(font, 10)
    y = 500
    for line in ("本报讯(记者 张明)一季度，全省城镇新增就业十二万", "人，同比增长百分之五。", "省人社厅负责人表示，将继续落实稳就业政策。"):
        pdf.drawString(40, y, line)
        y -= 14
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def page_pdf() -> bytes:
    return make_page()


def convert_bytes(data: bytes):
    """The whole path as the CLI runs it; returns the failure outcome or None on success."""
    result = read_job(ReadJob(InputRef("fuzz.pdf"), Settings("json"), data=data))
    if result.failure is not None:
        return result.failure
    convert([result.load(Settings("json"))], Settings("json"))
    return None


def test_the_unmutated_page_converts(page_pdf):
    assert convert_bytes(page_pdf) is None


FUZZ = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,  # the same cases on every run: CI must not fail by luck
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def check(data: bytes) -> None:
    with time_guard(SECONDS_PER_EXAMPLE):
        failure = convert_bytes(data)
    if failure is not None:
        assert not failure.message.startswith("internal error"), failure.message
        assert "\n" not in failure.message


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_truncated_pdfs_fail_cleanly(page_pdf, seed):
    # Uniform cut points (hypothesis alone would favour the edges, where the header breaks).
    check(page_pdf[: random.Random(seed).randrange(len(page_pdf))])


@FUZZ
@example(seed=200, flips=5)  # pdfminer's "Invalid dictionary construct" escaped the reader once
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 12))
def test_byte_flipped_pdfs_never_crash_or_hang(page_pdf, seed, flips):
    rng = random.Random(seed)
    data = bytearray(page_pdf)
    for _ in range(flips):
        # Leave the %PDF- header alone: a file without it is text, tested elsewhere.
        data[rng.randrange(8, len(data))] ^= rng.randrange(1, 256)
    check(bytes(data))
