"""The pipeline without a process: reading, converting, the conservation check, the report's
exit status and its JSON lines."""

from __future__ import annotations

import json

import pytest

from laobao_convert.batch import InputRef
from laobao_convert.content import Document, Line, PageContent, TextBlock
from laobao_convert.errors import ExitStatus, StrictError
from laobao_convert.model import Article, Block, Caption, Conservation, Furniture, Issue, SourceFile
from laobao_convert.pipeline import (
    Settings,
    article_chars,
    check_conservation,
    convert,
    document_chars,
    load_document,
)
from laobao_convert.report import FAILED, OK, SKIPPED, STRICT, Outcome, Report
from laobao_convert.run import ReadJob, read_job


def document(*texts: str) -> Document:
    blocks = tuple(TextBlock(lines=tuple(Line(t) for t in text.split("\n"))) for text in texts)
    return Document(pages=(PageContent(blocks=blocks, source="x.txt"),), source=SourceFile("x.txt", "0", 1))


ARTICLE = Article(
    id="p1-a1",
    pages=(1,),
    title="技能人才队伍 持续壮大",
    blocks=(Block("paragraph", "全省新增高技能人才两万人。"),),
    captions=(Caption("图为培训现场。 记者 李华 摄"),),
)


def test_article_chars_count_every_field_without_spaces():
    assert article_chars(Issue(articles=(ARTICLE,))) == len("技能人才队伍持续壮大") + len("全省新增高技能人才两万人。") + len(
        "图为培训现场。记者李华摄"
    )


def test_balanced_figures_give_no_warning():
    docs = [document("技能人才队伍 持续壮大\n全省新增高技能人才两万人。", "图为培训现场。 记者 李华 摄", "(下转第2版)")]
    found = article_chars(Issue(articles=(ARTICLE,)))
    assert document_chars(docs) == found + len("(下转第2版)")
    issue = Issue(articles=(ARTICLE,), furniture=(Furniture("jump", "(下转第2版)", 1),),
                  conservation=Conservation(found, found, 0, len("(下转第2版)")))
    assert check_conservation(issue, docs) == issue


def test_furniture_counted_apart_from_what_the_issue_carries_is_caught():
    docs = [document("技能人才队伍 持续壮大\n全省新增高技能人才两万人。", "图为培训现场。 记者 李华 摄", "(下转第2版)")]
    found = article_chars(Issue(articles=(ARTICLE,)))
    # The figures say the jump line was furniture, but the issue files no such text.
    issue = Issue(articles=(ARTICLE,), conservation=Conservation(found, found, 0, len("(下转第2版)")))
    (warning,) = check_conservation(issue, docs).warnings
    assert warning.code == "conservation" and "furniture recognised holds 0" in warning.message


def test_unrecognised_furniture_must_be_warned_and_counted():
    docs = [document("技能人才队伍 持续壮大\n全省新增高技能人才两万人。", "图为培训现场。 记者 李华 摄", "(下转第2版)")]
    found = article_chars(Issue(articles=(ARTICLE,)))
    jump = len("(下转第2版)")
    lost = (Furniture("jump", "(下转第2版)", 1, recognised=False),)
    # Counted as warned, as the parser does: balanced.
    warned = Issue(articles=(ARTICLE,), furniture=lost,
                   conservation=Conservation(found + jump, found, jump, 0, unrecognised_chars=jump))
    assert check_conservation(warned, docs) == warned
    # Counted as furniture although not recognised: caught.
    hidden = Issue(articles=(ARTICLE,), furniture=lost, conservation=Conservation(found, found, 0, jump))
    assert [w.code for w in check_conservation(hidden, docs).warnings] == ["conservation"]


def test_text_lost_without_a_warning_is_caught():
    docs = [document("技能人才队伍 持续壮大\n全省新增高技能人才两万人。", "图为培训现场。 记者 李华 摄")]
    total = document_chars(docs)
    # The parser claims it kept everything, but the article lost its caption.
    shorter = Article(id="p1-a1", pages=(1,), title=ARTICLE.title, blocks=ARTICLE.blocks)
    issue = Issue(articles=(shorter,), conservation=Conservation(total, total, 0, 0))
    checked = check_conservation(issue, docs)
    (warning,) = checked.warnings
    assert warning.code == "conservation" and warning.level == "warning"
    assert f"{len('图为培训现场。记者李华摄')} unaccounted" in warning.message


def test_text_the_parser_never_accounted_for_is_caught():
    docs = [document("全省新增高技能人才两万人。", "一行被悄悄丢掉的文字")]
    kept = Article(id="p1-a1", pages=(1,), blocks=(Block("paragraph", "全省新增高技能人才两万人。"),))
    n = article_chars(Issue(articles=(kept,)))
    checked = check_conservation(Issue(articles=(kept,), conservation=Conservation(n, n, 0, 0)), docs)
    assert [w.code for w in checked.warnings] == ["conservation"]
    assert "the inputs hold" in checked.warnings[0].message


def test_duplicated_text_is_caught():
    docs = [document("全省新增高技能人才两万人。")]
    twice = Article(id="p1-a1", pages=(1,), blocks=(Block("paragraph", "全省新增高技能人才两万人。"),) * 2)
    n = document_chars(docs)
    checked = check_conservation(Issue(articles=(twice,), conservation=Conservation(n, 2 * n, 0, 0)), docs)
    assert "too many" in checked.warnings[0].message


# --- reading and converting real inputs -----------------------------------------------------


def test_read_job_returns_the_document_and_what_it_says_about_itself(seed_path):
    result = read_job(ReadJob(InputRef(str(seed_path), seed_path), Settings("json")))
    assert result.failure is None
    assert result.identity.date == "2024-04-24"
    assert result.identity.issue_number == 7154
    assert 1 in result.identity.page_numbers
    assert result.load(Settings("json")).pages


def test_read_job_keeps_big_batches_on_disk(seed_path, tmp_path):
    result = read_job(ReadJob(InputRef(str(seed_path), seed_path), Settings("json"), cache_dir=str(tmp_path)))
    assert result.document is None and result.cache_file.startswith(str(tmp_path))
    assert result.load(Settings("json")) == load_document(seed_path.read_bytes(), InputRef(str(seed_path), seed_path), Settings("json"))


def test_read_job_turns_a_failure_into_an_outcome(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = read_job(ReadJob(InputRef(str(empty), empty), Settings("json")))
    assert result.failure.status == FAILED
    assert (result.failure.where, result.failure.message) == (str(empty), "empty input")


def test_convert_strict_raises_on_warnings_and_renders_otherwise(seed_path):
    ref = InputRef(str(seed_path), seed_path)
    doc = load_document(seed_path.read_bytes(), ref, Settings("json"))
    issue, data = convert([doc], Settings("json"))
    assert json.loads(data)["masthead"]["issue_number"] == 7154
    assert issue.warnings
    with pytest.raises(StrictError) as raised:
        convert([doc], Settings("json", strict=True))
    assert raised.value.status == ExitStatus.STRICT


# --- the report -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statuses, expected",
    [
        ((), ExitStatus.OK),
        ((OK, SKIPPED), ExitStatus.OK),
        ((OK, STRICT), ExitStatus.STRICT),
        ((OK, FAILED), ExitStatus.FAILED),
        ((STRICT, FAILED), ExitStatus.FAILED),
    ],
)
def test_the_report_owns_the_exit_status(statuses, expected):
    report = Report(quiet=True)
    for status in statuses:
        report.outcomes.append(Outcome(inputs=("a",), status=status))
    assert report.exit_status == expected


def test_report_lines_are_one_json_object_each_without_tracebacks():
    outcome = Outcome(inputs=("a.pdf",), status=FAILED, where="a.pdf", message="empty input", traceback="Traceback...")
    record = json.loads(outcome.to_json_line())
    assert "\n" not in outcome.to_json_line()
    assert record["inputs"] == ["a.pdf"] and record["status"] == "failed" and "traceback" not in record
    for key in ("output", "pages", "articles", "unresolved_jumps", "warnings", "seconds", "conservation"):
        assert key in record


def test_summary_counts_each_kind():
    report = Report(quiet=True)
    for status in (OK, OK, SKIPPED, FAILED):
        report.outcomes.append(Outcome(inputs=("a",), status=status))
    assert report.summary() == "2 issues converted, 1 skipped, 1 failed."


def test_an_input_identified_then_converted_gives_what_a_fresh_read_gives(seed_path):
    import gc
    import pickle

    from laobao_convert.parse import reflow
    from laobao_convert.pipeline import identify

    ref = InputRef(str(seed_path), seed_path)
    doc = load_document(seed_path.read_bytes(), ref, Settings("json"))
    fresh = pickle.loads(pickle.dumps(doc))  # equal, but other objects: nothing remembered of them
    identify(doc, ref)  # reflows the pages, as the run does before converting
    assert convert([doc], Settings("json"))[1] == convert([fresh], Settings("json"))[1]
    # What the reflow rule remembers of a page goes with the page.
    remembered = {key for key in reflow._UNITS if key[0] in {id(page) for page in doc.pages}}
    assert remembered
    del doc
    gc.collect()
    assert not remembered & set(reflow._UNITS)
