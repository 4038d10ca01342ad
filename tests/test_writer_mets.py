"""METS/ALTO out and back in: the sample issue validates (METS schema, ALTO 4 rules), its
logical map is the JSON's articles, and the package read back gives the same JSON."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.mets_checks import alto_problems, check_package, mets_schema, package_files
from laobao_convert.writers.alto import share_out, words_of

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "sample-issue.pdf"

pytest.importorskip("lxml")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("mets")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "laobao_convert", *map(str, args), "-q"],
                              capture_output=True, text=True, cwd=out)

    for args in ((SAMPLE, "-o", out / "issue.json"), (SAMPLE, "--to", "mets", "-o", out / "issue.mets"),
                 (SAMPLE, "-o", out / "issue.zip")):
        result = run(*args)
        assert result.returncode == 0, result.stderr
    return out, run


def test_the_package_validates_and_maps_the_articles(made):
    out, _ = made
    if mets_schema() is None:
        pytest.skip("the METS schema comes with the test extras (ocrd, lxml)")
    issue = json.loads((out / "issue.json").read_text(encoding="utf-8"))
    assert check_package(out / "issue.mets", issue) == []


def test_folder_and_zip_hold_the_same_files_in_a_fixed_order(made):
    out, run = made
    folder, packed = package_files(out / "issue.mets"), package_files(out / "issue.zip")
    assert folder == packed
    names = zipfile.ZipFile(out / "issue.zip").namelist()
    assert names[0] == "mets.xml" and names[1:] == sorted(names[1:])
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipfile.ZipFile(out / "issue.zip").infolist())
    before = (out / "issue.zip").read_bytes()
    assert run(SAMPLE, "-o", out / "again.zip").returncode == 0
    assert (out / "again.zip").read_bytes() == before
    # A second run replaces the folder whole; it is not taken for a folder to write into.
    assert run(SAMPLE, "--to", "mets", "-o", out / "issue.mets").returncode == 0
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    assert package_files(out / "issue.mets") == folder


@pytest.mark.parametrize("name", ["issue.mets/mets.xml", "issue.zip"])
def test_read_back_gives_the_same_json(made, name):
    out, run = made
    target = out / (name.replace("/", "_") + ".json")
    result = run(out / name, "-o", target)
    assert result.returncode == 0, result.stderr
    original = json.loads((out / "issue.json").read_text(encoding="utf-8"))
    again = json.loads(target.read_text(encoding="utf-8"))
    original.pop("provenance")
    again.pop("provenance")
    assert again == original


def test_a_package_missing_a_page_is_one_line_and_no_output(made, tmp_path):
    out, run = made
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "mets.xml").write_bytes((out / "issue.mets" / "mets.xml").read_bytes())
    result = run(broken / "mets.xml", "-o", tmp_path / "x.json")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_the_alto_checks_catch_what_they_are_for():
    good = b"""<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Description>
<MeasurementUnit>inch1200</MeasurementUnit></Description><Layout><Page ID="P1" PHYSICAL_IMG_NR="1">
<PrintSpace HPOS="0" VPOS="0" WIDTH="10" HEIGHT="10"><TextBlock ID="B" HPOS="0" VPOS="0" WIDTH="5" HEIGHT="5">
<TextLine HPOS="0" VPOS="0" WIDTH="5" HEIGHT="5"><String CONTENT="a" HPOS="0" VPOS="0" WIDTH="2" HEIGHT="5"/>
</TextLine></TextBlock></PrintSpace></Page></Layout></alto>"""
    assert alto_problems(good) == []
    assert alto_problems(good.replace(b"inch1200", b"pt"))
    assert alto_problems(good.replace(b'WIDTH="2"', b'WIDTH="9"'))
    assert alto_problems(good.replace(b'ID="B"', b'ID="P1"'))
    assert alto_problems(good.replace(b"ns-v4#", b"ns-v3#"))
    assert alto_problems(good.replace(b'<String CONTENT="a"', b'<SP/><String CONTENT="a"'))


def test_text_is_shared_out_over_lines_and_words_without_loss():
    assert share_out("一二三四五六", [3, 3]) == ["一二三", "四五六"]
    assert "".join(share_out("ab cd 一二", [1, 1, 1, 1])) == "ab cd 一二"
    for text in ("中文 English text", "a  b", "x "):
        assert "".join(w + (" " if sp else "") for w, sp in words_of(text)) == text
