"""--debug-dir: one picture and one block list per page read, the conversion untouched, and a
directory that cannot be written told in one line."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from laobao_convert.debug_draw import OUTLINE, role_colour
from laobao_convert.debug_pages import unique_stems
from tests.cli_runs import own_cache, run  # noqa: F401 - own_cache is an autouse fixture


@pytest.fixture(scope="module")
def sample_pdf(repo_root) -> Path:
    return repo_root / "samples" / "sample-issue.pdf"


@pytest.fixture(scope="module")
def converted(sample_pdf, tmp_path_factory):
    """The sample issue converted twice, with and without --debug-dir; and the pages its
    reader produced in the run with it."""
    from laobao_convert import run as running

    root = tmp_path_factory.mktemp("debug-dir")
    plain = run(str(sample_pdf), "--to", "json", "-o", str(root / "plain.json"), "-j", "1")
    documents = []
    real = running.load_document

    def load_document(*args):
        documents.append(real(*args))
        return documents[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(running, "load_document", load_document)
        debug = run(str(sample_pdf), "--to", "json", "-o", str(root / "debug.json"), "-j", "1",
                    "--debug-dir", str(root / "dbg"))
    assert plain[0] == 0 and debug[0] == 0, (plain[2], debug[2])
    assert len(documents) == 1
    return root, documents[0].pages


def test_one_png_and_one_json_per_page(converted):
    converted, read_pages = converted
    names = sorted(p.name for p in (converted / "dbg").iterdir())
    stems = [f"sample-issue-p{n:02d}" for n in range(1, len(read_pages) + 1)]
    assert names == sorted([s + ".json" for s in stems] + [s + ".png" for s in stems])


def test_json_lists_the_readers_blocks_in_reading_order(converted):
    converted, read_pages = converted
    for page in read_pages:
        listed = json.loads((converted / "dbg" / f"sample-issue-p{page.index + 1:02d}.json").read_text("utf-8"))
        blocks = listed["blocks"]
        assert [b["order"] for b in blocks] == list(range(1, len(page.blocks) + 1))
        assert [b["role"] for b in blocks] == [b.role for b in page.blocks]
        assert [b["text"] for b in blocks] == [" ".join(l.text for l in b.lines)[:40] for b in page.blocks]
        assert blocks[0]["bbox"] == pytest.approx(
            [page.blocks[0].bbox.x0, page.blocks[0].bbox.top, page.blocks[0].bbox.x1, page.blocks[0].bbox.bottom],
            abs=0.05,
        )
        assert listed["body_size"] == pytest.approx(page.body_size, abs=0.05)
        assert listed["source"] == "sample-issue.pdf" and listed["page"] == page.index + 1
        assert {"rule", "picture"} <= {g["kind"] for g in listed["graphics"]}


def test_png_is_the_page_with_its_boxes_drawn(converted):
    converted, read_pages = converted
    from PIL import Image

    for page in read_pages:
        with Image.open(converted / "dbg" / f"sample-issue-p{page.index + 1:02d}.png") as image:
            image = image.convert("RGB")
        width, height = image.size
        assert width > 800
        assert abs(width / height - page.width / page.height) < 0.002
        scale = width / page.width
        # Each block's left edge, halfway down, carries its role's colour (a later block's
        # outline or label may cover a few of them).
        hits = 0
        for block in page.blocks:
            x = round(block.bbox.x0 * scale) + OUTLINE // 2
            y = round((block.bbox.top + block.bbox.bottom) / 2 * scale)
            pixel = image.getpixel((x, y))
            hits += all(abs(a - b) <= 24 for a, b in zip(pixel, role_colour(block.role)))
        assert hits >= 0.8 * len(page.blocks)


def test_the_conversion_is_byte_identical_with_and_without(converted):
    converted, _ = converted
    assert (converted / "debug.json").read_bytes() == (converted / "plain.json").read_bytes()


def test_text_input_gets_the_json_only(repo_root, tmp_path):
    text = repo_root / "samples" / "sample-issue.txt"
    code, _, err = run(str(text), "--to", "md", "-o", str(tmp_path / "out.md"), "--debug-dir", str(tmp_path / "dbg"))
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "dbg").iterdir())
    assert names and all(n.endswith(".json") for n in names)
    first = json.loads((tmp_path / "dbg" / "sample-issue-p01.json").read_text("utf-8"))
    assert first["kind"] == "pdftotext" and first["blocks"][0]["bbox"] is None


def test_inputs_sharing_a_name_in_worker_processes(repo_root, tmp_path):
    page = repo_root / "samples" / "sample-issue" / "20200911_02.pdf"
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(page, tmp_path / folder / page.name)
    code, _, err = run(str(tmp_path / "a"), str(tmp_path / "b"), "--to", "json", "-o", f"{tmp_path / 'out'}/",
                       "-j", "2", "--debug-dir", str(tmp_path / "dbg"))
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "dbg").iterdir()) == [
        "20200911_02-2-p01.json", "20200911_02-2-p01.png", "20200911_02-p01.json", "20200911_02-p01.png",
    ]


def test_a_debug_dir_that_cannot_be_made_is_one_line(repo_root, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    text = repo_root / "samples" / "sample-issue.txt"
    code, _, err = run(str(text), "--to", "json", "-o", str(tmp_path / "out.json"),
                       "--debug-dir", str(blocker / "dbg"))
    assert code == 1
    assert err == f"laobao-convert: {blocker / 'dbg'}: cannot create debug directory: not a directory\n"
    assert not (tmp_path / "out.json").exists()


def test_a_failed_debug_write_is_one_line_and_leaves_no_part(repo_root, tmp_path, monkeypatch):
    from laobao_convert import output

    real = output.write_atomically

    def full_disk(path, data):
        if Path(path).parent.name == "dbg" and Path(path).name.endswith("p02.json"):
            raise output.OutputError("cannot write output: disk full", where=str(path)) from OSError(
                errno.ENOSPC, "No space left on device"
            )
        return real(path, data)

    monkeypatch.setattr("laobao_convert.debug_pages.write_atomically", full_disk)
    text = repo_root / "samples" / "sample-issue.txt"
    code, _, err = run(str(text), "--to", "json", "-o", str(tmp_path / "out.json"), "-j", "1",
                       "--debug-dir", str(tmp_path / "dbg"))
    assert code == 1
    lines = [line for line in err.splitlines() if "dbg" in line]
    assert lines == [f"laobao-convert: {tmp_path / 'dbg' / 'sample-issue-p02.json'}: cannot write debug file: disk full"]
    assert "Traceback" not in err
    # The conversion itself is not the debug files' business.
    assert (tmp_path / "out.json").exists()
    assert sorted(p.name for p in (tmp_path / "dbg").iterdir()) == ["sample-issue-p01.json"]


def test_without_the_option_nothing_of_it_is_loaded(repo_root, tmp_path):
    script = (
        "import sys\n"
        "from laobao_convert.cli import main\n"
        f"try:\n    main([{str(repo_root / 'samples' / 'sample-issue.txt')!r}, '--to', 'json', '-o', "
        f"{str(tmp_path / 'out.json')!r}, '-j', '1', '-q'])\n"
        "except SystemExit as done:\n    assert done.code == 0, done.code\n"
        "loaded = [m for m in ('laobao_convert.debug_pages', 'laobao_convert.debug_draw', 'pypdfium2') "
        "if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=repo_root, env={**os.environ, "LAOBAO_CONVERT_CACHE": str(tmp_path / "c")})


def test_stems_that_collide_are_told_apart():
    assert unique_stems(["issue", "issue", "issue-2", "x"]) == ["issue", "issue-3", "issue-2", "x"]
    assert unique_stems(["a", "a", "a"]) == ["a", "a-2", "a-3"]


def test_drawing_needs_no_pdf_and_colours_every_role():
    from PIL import Image

    from laobao_convert.content import BBox, Line, PageContent, TextBlock
    from laobao_convert.debug_draw import draw_page

    def block(role, x0):
        return TextBlock(lines=(Line("x"),), role=role, bbox=BBox(x0, 20, x0 + 30, 60))

    # 144 × 72 points drawn on 200 × 100 pixels: boxes scale with the picture.
    page = PageContent(blocks=(block("title", 10), block(None, 55), block("a-role-added-later", 100),
                               TextBlock(lines=(Line("no box"),))), source="x.pdf", width=144, height=72)
    drawn = draw_page(Image.new("RGB", (200, 100), (255, 255, 255)), page)
    scale = 200 / 144
    colours = [drawn.getpixel((round(x0 * scale), round(50 * scale))) for x0 in (10, 55, 100)]
    assert colours == [role_colour("title"), role_colour(None), role_colour("a-role-added-later")]
    assert len(set(colours)) == 3
