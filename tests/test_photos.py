"""Photos, credits and the cover: a PDF's photos are in the EPUB and the HTML with their
captions and credits, named as files beside the JSON and the Markdown (--images), copied
byte for byte where they can be; the credit is a caption's field of its own; a PDF's page one
is the EPUB's cover; all of it the same bytes on every run, and nothing left behind when an
output fails."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from laobao_convert.model import Caption
from laobao_convert.parse.captions import photo_credit
from tests.synth.pdf import require_typesetting
from tests.cli_runs import own_cache, run  # noqa: F401 - own_cache is an autouse fixture

XHTML = "{http://www.w3.org/1999/xhtml}"


# --- credits --------------------------------------------------------------------------------


@pytest.mark.parametrize("text, credit, description", [
    ("4月23日，市民在办理业务。新华社记者 王晔 摄", "新华社记者 王晔 摄", "4月23日，市民在办理业务。"),
    ("图为招聘会现场。 本报记者 张明 摄", "本报记者 张明 摄", "图为招聘会现场。"),
    ("图为调解现场。通讯员 李华 摄", "通讯员 李华 摄", "图为调解现场。"),
    ("图为参赛选手在比赛中。（新华社发）", "新华社发", "图为参赛选手在比赛中。"),
    ("图为培训课堂。图片来源：某市人社局", "图片来源：某市人社局", "图为培训课堂。"),
    ("市民在窗口办理业务 王晔 摄", "王晔 摄", "市民在窗口办理业务"),
    ("图为社保服务大厅。", None, "图为社保服务大厅。"),
])
def test_a_credit_is_set_apart_and_the_text_keeps_it(text, credit, description):
    assert photo_credit(text) == credit
    caption = Caption(text=text, credit=photo_credit(text))
    assert caption.description == description
    assert caption.text == text  # the whole caption, as before: what a search finds


# --- a PDF with photos ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def photo_issue(tmp_path_factory):
    """A one-page generated issue whose four image boxes hold real JPEG photos; the photos'
    bytes and the captions' lines as the generator set them."""
    require_typesetting()
    from tests.synth.geometry import Options
    from tests.synth.pdf import generate, photo_jpeg

    options = Options(seed=3, pages=1, images=1.0, photos=True)
    layout, data = generate(options)
    jpegs = [photo_jpeg(options.seed * 1009 + page.number * 31 + k, box)
             for page in layout.pages for k, box in enumerate(page.images)]
    captions = [frame for page in layout.pages for frame in page.frames if frame.role == "caption"]
    directory = tmp_path_factory.mktemp("photos")
    source = directory / "photos.pdf"
    source.write_bytes(data)
    return source, jpegs, [tuple(line.text for line in frame.lines) for frame in captions]


FORMATS = ("epub", "html", "json", "md")


@pytest.fixture(scope="module")
def outputs(photo_issue, tmp_path_factory):
    """Each format made twice from the issue, in folders 1 and 2, image files in img/."""
    source, _, _ = photo_issue
    root = tmp_path_factory.mktemp("outputs")
    made = {}
    for n in ("1", "2"):
        for fmt in FORMATS:
            out = root / n / fmt / f"issue.{fmt}"
            code, _, err = run(str(source), "-o", str(out), "--images", "img", "-j", "1", "-q")
            assert code == 0, err
            made[n, fmt] = out
    return made


def _credit(lines):
    """The credit the generator set on a caption's last line, if it set one."""
    return lines[-1] if lines[-1].endswith("摄") else None


def _book(path: Path) -> dict:
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist()}


def test_every_photo_is_in_the_book_with_its_caption_and_credit(photo_issue, outputs):
    _, jpegs, captions = photo_issue
    files = _book(outputs["1", "epub"])
    images = {name: data for name, data in files.items() if name.startswith("EPUB/images/")}
    # Each photo once, copied as it was embedded (a JPEG is not encoded again).
    assert len(jpegs) == 4 and sorted(images.values()) == sorted(jpegs)
    shown = {}
    for name, data in files.items():
        if not re.fullmatch(r"EPUB/page-\d+\.xhtml", name):
            continue
        for figure in ElementTree.fromstring(data).iter(f"{XHTML}figure"):
            img = figure.find(f"{XHTML}img")
            if img is None:
                continue
            caption = figure.find(f"{XHTML}figcaption")
            credit = caption.find(f"{XHTML}span[@class='credit']")
            shown["EPUB/" + img.get("src")] = ("".join(caption.itertext()), credit.text if credit is not None else None)
            assert img.get("alt") and int(img.get("width")) > 0
    assert set(shown) == set(images)
    assert any(_credit(lines) for lines in captions)
    for lines in captions:
        text, credit = next(v for v in shown.values() if lines[0] in v[0])
        assert credit == _credit(lines)
        described = lines[:-1] if _credit(lines) else lines
        assert "".join(described).replace(" ", "") in text.replace(" ", "")


def test_the_book_has_page_one_as_its_cover(outputs):
    from PIL import Image

    files = _book(outputs["1", "epub"])
    cover = Image.open(io.BytesIO(files["EPUB/cover.jpg"]))
    assert cover.format == "JPEG" and cover.height == 1200
    opf = ElementTree.fromstring(files["EPUB/content.opf"])
    items = {item.get("href"): item for item in opf.iter("{http://www.idpf.org/2007/opf}item")}
    assert items["cover.jpg"].get("properties") == "cover-image"
    assert items["cover.jpg"].get("media-type") == "image/jpeg"
    assert "EPUB/cover.svg" not in files
    assert b'src="cover.jpg"' in files["EPUB/cover.xhtml"]
    # EPUBCheck's verdict on this book: tests/test_writer_epub.py, with the other books.


def test_the_html_embeds_every_photo_in_a_figure(photo_issue, outputs):
    _, jpegs, captions = photo_issue
    html = outputs["1", "html"].read_text(encoding="utf-8")
    embedded = re.findall(r'<figure class="caption photo"><img src="data:image/jpeg;base64,([^"]+)"', html)
    assert sorted(base64.b64decode(e) for e in embedded) == sorted(jpegs)
    for lines in captions:
        if _credit(lines):
            assert f'<span class="credit">{lines[-1]}</span>' in html
    assert not re.search(r'(?:src|href)="(?!data:|#)', html)  # nothing fetched from elsewhere


def test_json_and_markdown_name_the_files_written_beside_them(photo_issue, outputs):
    from laobao_convert.readers.own_markdown import read_own_markdown

    _, jpegs, _ = photo_issue
    out = outputs["1", "json"]
    data = json.loads(out.read_text(encoding="utf-8"))
    photos = [c["photo"] for a in data["articles"] for c in a["captions"] if c.get("photo")]
    assert len(photos) == len(jpegs)
    for photo in photos:
        assert photo["file"].startswith("img/") and photo["media_type"] == "image/jpeg"
        assert (out.parent / photo["file"]).read_bytes() in jpegs
    assert sorted(p.name for p in (out.parent / "img").iterdir()) == sorted(Path(p["file"]).name for p in photos)
    text = outputs["1", "md"].read_text(encoding="utf-8")
    named = re.findall(r"^!\[[^\]]+\]\((img/[^)]+)\)$", text, re.MULTILINE)
    assert sorted(named) == sorted(p["file"] for p in photos)
    assert all((outputs["1", "md"].parent / name).is_file() for name in named)
    # The image lines are the Markdown reader's to skip: the captions under them carry the text.
    document = read_own_markdown(text, "issue.md")
    assert not any(line.text.startswith("![") for page in document.pages for b in page.blocks for line in b.lines)


def test_every_format_is_the_same_bytes_on_every_run(outputs):
    for fmt in FORMATS:
        made = []
        for n in ("1", "2"):
            folder = outputs[n, fmt].parent
            made.append([(p.relative_to(folder).as_posix(), p.read_bytes()) for p in sorted(folder.rglob("*"))
                         if p.is_file()])
        assert made[0] == made[1], fmt


def test_without_images_json_names_no_file_and_reads_none(photo_issue, tmp_path):
    source, _, _ = photo_issue
    code, out, err = run(str(source), "--to", "json", "-o", "-", "-j", "1", "-q")
    assert code == 0, err
    data = json.loads(out)
    photos = [c["photo"] for a in data["articles"] for c in a["captions"] if c.get("photo")]
    assert photos and all(p["file"] is None and p["media_type"] is None and p["bbox"] for p in photos)
    captions = [c for a in data["articles"] for c in a["captions"]]
    assert all(c["credit"] == (c["text"].split("。")[-1] or None) for c in captions)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == []


def test_pdfplumber_gives_the_same_photos(photo_issue):
    from laobao_convert.readers import ReadOptions
    from laobao_convert.readers.pdf import read_pdf

    source, jpegs, _ = photo_issue
    document = read_pdf(source.read_bytes(), source.name, ReadOptions(pdf_engine="pdfplumber", images=True))
    assert sorted(g.image.data for p in document.pages for g in p.graphics if g.photo) == sorted(jpegs)


def test_a_failed_output_leaves_no_image_behind(photo_issue, tmp_path, monkeypatch):
    from laobao_convert import folder_output as run_module
    from laobao_convert.errors import OutputError

    source, _, _ = photo_issue
    real = run_module.write_atomically

    def failing(path, data):
        if Path(path).suffix == ".json":
            raise OutputError("cannot write output: disk full", where=str(path))
        return real(path, data)

    monkeypatch.setattr(run_module, "write_atomically", failing)
    out = tmp_path / "issue.json"
    code, _, err = run(str(source), "-o", str(out), "--images", "photos", "-j", "1", "-q")
    assert code != 0 and "disk full" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
    assert not (tmp_path / "photos").exists() or not any((tmp_path / "photos").iterdir())


def test_reading_without_images_skips_them(photo_issue):
    """The JSON writer without --images does not ask for images: none are taken out."""
    from laobao_convert.readers import ReadOptions
    from laobao_convert.readers.pdf import read_pdf

    source, jpegs, _ = photo_issue
    plain = read_pdf(source.read_bytes(), source.name, ReadOptions())
    photos = [g for p in plain.pages for g in p.graphics if g.photo]
    assert len(photos) == len(jpegs) and all(g.image is None for g in photos)
    assert all(p.cover is None for p in plain.pages)
    full = read_pdf(source.read_bytes(), source.name, ReadOptions(images=True, cover=True))
    assert sorted(g.image.data for p in full.pages for g in p.graphics if g.photo) == sorted(jpegs)
    assert full.pages[0].cover is not None


# --- photos that cannot be copied -------------------------------------------------------------


def test_a_clipped_or_turned_photo_is_cropped_and_turned_as_printed(tmp_path):
    """An image shown through a clip, and one drawn upside down, come out as the page shows
    them: cropped to the clip, turned back."""
    pytest.importorskip("reportlab")
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from laobao_convert.content import BBox, Graphic
    from laobao_convert.readers.images import PageImages

    picture = Image.new("RGB", (200, 100), (255, 255, 255))
    picture.paste((255, 0, 0), (0, 0, 100, 100))  # red left half, white right half
    raw = io.BytesIO()
    picture.save(raw, "PNG")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(600, 800), invariant=1)
    pdf.saveState()
    path = pdf.beginPath()
    path.rect(100, 600, 100, 100)  # shows the left half only
    pdf.clipPath(path, stroke=0, fill=0)
    pdf.drawImage(ImageReader(io.BytesIO(raw.getvalue())), 100, 600, 200, 100)
    pdf.restoreState()
    pdf.saveState()
    pdf.translate(300, 300)
    pdf.scale(-1, 1)  # mirrored: the red half on the right
    pdf.drawImage(ImageReader(io.BytesIO(raw.getvalue())), 0, 0, 200, 100)
    pdf.restoreState()
    pdf.showPage()
    pdf.save()
    pages = PageImages(buffer.getvalue())
    wanted = (Graphic("picture", BBox(100, 100, 300, 200), photo=True),
              Graphic("picture", BBox(100, 400, 300, 500), photo=True))
    clipped, mirrored = pages.photos(0, wanted)
    pages.close()
    shown = Image.open(io.BytesIO(clipped.image.data))
    assert clipped.image.media_type == "image/png" and shown.size == (100, 100)
    assert shown.getpixel((50, 50))[:3] == (255, 0, 0)
    turned = Image.open(io.BytesIO(mirrored.image.data))
    assert turned.size == (200, 100)
    assert turned.getpixel((10, 50))[:3] == (255, 255, 255) and turned.getpixel((190, 50))[:3] == (255, 0, 0)


# --- text input, and text that is no newspaper ------------------------------------------------


def test_text_input_keeps_the_drawn_cover_with_headlines_wrapped_between_words():
    from laobao_convert.writers.epub import wrap_wide

    assert wrap_wide("人社部部署开展2024年就业援助月专项活动", 8) == ("人社部部署开展", "2024年就业援助月", "专项活动")
    for line in wrap_wide("全国就业形势总体稳定 城镇调查失业率保持在合理区间", 10):
        assert len(line) <= 10


def test_a_text_that_is_no_newspaper_fails_with_one_line(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list\n\nmilk, bread, eggs\n\nCall the plumber on Monday.\n", encoding="utf-8")
    code, out, err = run(str(notes), "--to", "epub")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "not a newspaper page" in lines[0] and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["notes.txt"]
