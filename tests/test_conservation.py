"""Nothing lost, provably: on real inputs every character the readers found is in an article,
in a warning, or counted as page furniture; and a rule that drops text is caught."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from click.testing import CliRunner

from laobao_convert.batch import InputRef
from laobao_convert.cli import main
from laobao_convert.pipeline import Settings, article_chars, convert, document_chars, load_document


def real_inputs(repo_root, seed_path):
    found = [seed_path]
    samples = repo_root / "samples"
    if samples.is_dir():
        found += sorted(p for p in samples.iterdir() if p.suffix.lower() in (".txt", ".md", ".pdf"))
    return found


def test_real_inputs_add_up(repo_root, seed_path):
    for path in real_inputs(repo_root, seed_path):
        ref = InputRef(str(path), path)
        documents = [load_document(path.read_bytes(), ref, Settings("json"))]
        issue, _ = convert(documents, Settings("json"))
        figures = issue.conservation
        assert [w.message for w in issue.warnings if w.code == "conservation"] == [], path.name
        assert figures.input_chars == article_chars(issue) + figures.warned_chars, path.name
        assert document_chars(documents) == figures.input_chars + figures.furniture_chars, path.name
        assert article_chars(issue) > 0, path.name


DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


def adds_up(path: Path):
    ref = InputRef(str(path), path)
    documents = [load_document(path.read_bytes(), ref, Settings("json"))]
    issue, _ = convert(documents, Settings("json"))
    figures = issue.conservation
    return ([w.message for w in issue.warnings if w.code == "conservation"] == []
            and figures.input_chars == article_chars(issue) + figures.warned_chars
            and document_chars(documents) == figures.input_chars + figures.furniture_chars)


@pytest.mark.skipif(not DEVSET.is_dir(), reason="the shared devset is not here")
@pytest.mark.parametrize("form", ("issue.txt", "issue.md", "issue.layout.txt"))
def test_every_character_of_every_devset_case_is_accounted_for(form):
    # Pages another generator typeset, in the text forms (fast); one PDF below.
    assert [case.name for case in sorted(DEVSET.glob("case_*")) if not adds_up(case / form)] == []


@pytest.mark.skipif(not DEVSET.is_dir(), reason="the shared devset is not here")
def test_every_character_of_a_devset_pdf_is_accounted_for():
    assert adds_up(DEVSET / "case_3002" / "issue.pdf")


def test_a_rule_that_drops_a_paragraph_is_reported(seed_path, monkeypatch, tmp_path):
    import laobao_convert.parse as parse

    real = parse.parse_issue

    def lossy(documents):
        issue = real(documents)
        first = issue.articles[0]
        cut = dataclasses.replace(first, blocks=first.blocks[1:])
        return dataclasses.replace(issue, articles=(cut,) + issue.articles[1:])

    monkeypatch.setattr(parse, "parse_issue", lossy)
    log = tmp_path / "log.jsonl"
    result = CliRunner().invoke(
        main, [str(seed_path), "--to", "json", "-o", str(tmp_path / "out.json"), "--report", str(log), "-v", "-j", "1"]
    )
    assert result.exit_code == 0
    assert "warning: conservation: text does not add up" in result.stderr
    record = json.loads(log.read_text(encoding="utf-8"))
    figures = record["conservation"]
    assert figures["input_chars"] > figures["output_chars"] + figures["warned_chars"]
