"""The command line as scripts and people use it: formats, output naming, standard streams,
batches that go on past bad files, --skip-existing, --report, --strict, exit codes, messages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from laobao_convert import pipeline
from laobao_convert import run as running
from laobao_convert.cli import main


def run(*args: str, stdin: bytes | None = None, env=None):
    result = CliRunner().invoke(main, list(args), input=stdin, env=env)
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch) -> Path:
    """Each test its own identity cache (--skip-existing), never the user's."""
    path = tmp_path / "cache" / "identities.json"
    monkeypatch.setenv("LAOBAO_CONVERT_CACHE", str(path))
    return path


@pytest.fixture
def seed(tmp_path, seed_path) -> Path:
    copy = tmp_path / "in" / seed_path.name
    copy.parent.mkdir()
    shutil.copy(seed_path, copy)
    return copy


# --- help, version, formats, usage errors ---------------------------------------------------


def test_help_documents_every_exit_code():
    code, out, _ = run("--help")
    text = out.decode()
    assert code == 0
    for line in ("0  every issue converted", "1  some inputs", "2  usage error", "3  --strict", "{date}-{issue}.{ext}"):
        assert line in text


def test_version():
    from laobao_convert import __version__

    code, out, _ = run("--version")
    assert code == 0 and out.decode().strip() == f"laobao-convert {__version__}"


def test_help_and_version_do_not_import_the_pdf_stack_or_writers(repo_root):
    probe = (
        "import sys\n"
        "from laobao_convert.cli import main\n"
        "try:\n    main([sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('pdfplumber', 'pypdf', 'ebooklib', 'jinja2', 'pdfminer') if m in sys.modules)\n"
        "sys.stderr.write(','.join(heavy))\n"
    )
    for flag in ("--help", "--version"):
        done = subprocess.run(
            [sys.executable, "-c", probe, flag], cwd=repo_root, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0
        assert done.stderr == "", f"{flag} imported {done.stderr}"


def test_list_formats_names_the_four_writers():
    code, out, _ = run("--list-formats")
    names = [line.split()[0] for line in out.decode().splitlines()]
    assert code == 0 and names[:4] == ["json", "md", "html", "epub"]


@pytest.mark.parametrize(
    "args, expected",
    [
        ((), "no INPUT given"),
        (("x.txt",), "--to FORMAT is required"),
        (("x.txt", "--to", "docx"), "unknown output format 'docx'"),
        (("x.txt", "--to", "json", "--name", "{year}.{ext}"), "unknown field {year}"),
        (("x.txt", "--to", "json", "--jobs", "0"), "Invalid value"),
        (("x.txt", "--to", "json", "--bogus"), "No such option"),
        (("x.txt", "--to", "json", "--template-dir", "/nonexistent/dir"), "does not exist"),
        (("-", "--to", "json", "-o", "-", "--report", "-"), "both write to standard output"),
    ],
)
def test_usage_errors_exit_2_with_one_line_and_convert_nothing(tmp_path, args, expected):
    code, out, err = run(*args)
    assert code == 2, err
    (line,) = err.splitlines()
    assert line.startswith("laobao-convert: ") and expected in line
    assert out == b""


# --- converting one issue -------------------------------------------------------------------


def test_output_is_named_after_the_input_beside_it(seed):
    code, _, err = run(str(seed), "--to", "json")
    assert code == 0, err
    data = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["masthead"]["date"] == "2024-04-24"
    assert len(data["articles"]) >= 1


def test_output_to_stdout_and_input_from_stdin(seed):
    code, out, err = run(str(seed), "--to", "md", "-o", "-")
    assert code == 0, err
    code2, out2, err2 = run("-", "--to", "md", stdin=seed.read_bytes())
    assert code2 == 0, err2
    assert out.decode("utf-8").startswith("---")
    assert sorted(p.name for p in seed.parent.iterdir()) == [seed.name]
    # Same text in, same articles out; only the source's name differs.
    assert out.replace(seed.name.encode(), b"stdin").count(b"\n## ") == out2.count(b"\n## ")


def test_output_into_a_directory_uses_the_default_name(seed, tmp_path):
    code, _, err = run(str(seed), "--to", "html", "-o", str(tmp_path / "out") + "/")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["2024-04-24-7154.html"]


def test_name_pattern(seed, tmp_path):
    code, _, err = run(str(seed), "--to", "json", "-o", str(tmp_path / "out") + "/", "--name", "laobao-{date}.{ext}")
    assert code == 0, err
    assert (tmp_path / "out" / "laobao-2024-04-24.json").is_file()


def test_quiet_success_says_nothing_and_verbose_says_what_happened(seed):
    code, _, err = run(str(seed), "--to", "json", "-q")
    assert code == 0 and err == ""
    code, _, err = run(str(seed), "--to", "json", "-v")
    assert code == 0
    assert f"{seed} -> {seed.with_suffix('.json')}:" in err
    assert "warning: unresolved-jump" in err


def test_no_colour_when_not_a_terminal_or_with_no_color(tmp_path):
    for env in ({}, {"NO_COLOR": "1"}):
        code, _, err = run(str(tmp_path / "missing.txt"), "--to", "json", env=env)
        assert code == 1 and "\x1b[" not in err


# --- --strict, --report, --skip-existing ----------------------------------------------------


def test_strict_refuses_an_issue_with_warnings_and_writes_nothing(seed):
    code, _, err = run(str(seed), "--to", "json", "--strict")
    assert code == 3
    line = err.splitlines()[0]
    assert line.startswith(f"laobao-convert: {seed}: --strict: unresolved-jump:")
    assert sorted(p.name for p in seed.parent.iterdir()) == [seed.name]


def test_report_has_one_json_line_per_issue(seed, tmp_path):
    bad = tmp_path / "in" / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    code, out, err = run(str(seed), str(bad), "--to", "json", "--report", "-", "-o", str(tmp_path / "out") + "/")
    assert code == 1, err
    records = [json.loads(line) for line in out.decode().splitlines()]
    by_status = {r["status"]: r for r in records}
    assert sorted(by_status) == ["failed", "ok"]
    ok = by_status["ok"]
    assert ok["inputs"] == [str(seed)]
    assert ok["output"] == str(tmp_path / "out" / "2024-04-24-7154.json")
    assert ok["pages"] == 1 and ok["articles"] >= 1
    assert ok["unresolved_jumps"] >= 1
    assert any(w.startswith("unresolved-jump: ") for w in ok["warnings"])
    assert set(ok["conservation"]) == {"input_chars", "output_chars", "warned_chars", "furniture_chars"}
    assert ok["conservation"]["output_chars"] > 0
    assert ok["seconds"] >= 0
    failed = by_status["failed"]
    assert failed["inputs"] == [str(bad)] and failed["output"] is None and failed["message"]


def test_report_to_a_file(seed, tmp_path):
    log = tmp_path / "log.jsonl"
    code, _, err = run(str(seed), "--to", "html", "--report", str(log))
    assert code == 0, err
    (record,) = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert record["status"] == "ok" and record["output"] == str(seed.with_suffix(".html"))


def test_skip_existing_leaves_an_up_to_date_output(seed):
    assert run(str(seed), "--to", "json")[0] == 0
    output = seed.with_suffix(".json")
    os.utime(output, ns=(seed.stat().st_mtime_ns + 10**9,) * 2)
    before = output.stat().st_mtime_ns
    output.write_bytes(b"kept")
    os.utime(output, ns=(before, before))
    code, out, err = run(str(seed), "--to", "json", "--skip-existing", "--report", "-")
    assert code == 0, err
    assert json.loads(out)["status"] == "skipped"
    assert output.read_bytes() == b"kept"
    # An input newer than the output is converted again.
    os.utime(seed, ns=(before + 10**9,) * 2)
    assert run(str(seed), "--to", "json", "--skip-existing")[0] == 0
    assert output.read_bytes() != b"kept"


# --- batches --------------------------------------------------------------------------------


def make_batch(seed: Path) -> Path:
    folder = seed.parent
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "fake.pdf").write_bytes(b"<html><body>Service Unavailable</body></html>")
    (folder / "junk.txt").write_bytes(bytes((i * 131) % 256 for i in range(3000)))
    other = folder / "other"
    other.mkdir()
    shutil.copy(seed, other / "copy.md")
    return folder


def test_a_batch_goes_on_past_bad_files_names_them_and_exits_1(seed, tmp_path):
    folder = make_batch(seed)
    out = tmp_path / "out"
    code, _, err = run(str(folder), "--to", "json", "-o", str(out) + "/", "-j", "2")
    assert code == 1
    lines = err.splitlines()
    for name, why in (("empty.pdf", "empty input"), ("fake.pdf", "not a PDF"), ("junk.txt", "not text")):
        assert any(line.startswith(f"laobao-convert: {folder / name}: ") and why in line for line in lines), err
    # The seed and its copy carry one date and issue number and repeat page 1: two issues.
    assert sorted(p.name for p in out.iterdir()) == ["2024-04-24-7154-2.json", "2024-04-24-7154.json"]
    assert lines[-1] == "laobao-convert: 2 issues converted, 3 failed."
    assert "Traceback" not in err


def test_a_batch_rerun_with_skip_existing_does_nothing(seed, tmp_path):
    folder = make_batch(seed)
    out = tmp_path / "out"
    assert run(str(folder), "--to", "md", "-o", str(out) + "/")[0] == 1
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, report, _ = run(str(folder), "--to", "md", "-o", str(out) + "/", "--skip-existing", "--report", "-")
    statuses = sorted(json.loads(line)["status"] for line in report.decode().splitlines())
    assert statuses == ["failed", "failed", "failed", "skipped", "skipped"]
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    assert code == 1


def test_parallel_and_serial_batches_give_the_same_files(seed, tmp_path):
    make_batch(seed)
    for jobs in ("1", "2"):
        run(str(seed.parent), "--to", "json", "-o", str(tmp_path / f"out{jobs}") + "/", "-j", jobs)
    one = {p.name: p.read_bytes() for p in (tmp_path / "out1").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "out2").iterdir()}
    assert one == two and len(one) == 2


def test_several_issues_cannot_go_to_one_file(seed, tmp_path):
    make_batch(seed)
    code, _, err = run(str(seed), str(seed.parent / "other" / "copy.md"), "--to", "json", "-o", str(tmp_path / "one.json"))
    assert code == 2
    assert "make 2 issues" in err and not (tmp_path / "one.json").exists()


@pytest.mark.parametrize("extra", [(), ("-o", "{dir}/", "--name", "{{stem}}.md")])
def test_an_output_that_would_overwrite_its_input_is_refused(seed, extra):
    before = seed.read_bytes()
    code, _, err = run(str(seed), "--to", "md", *(e.format(dir=seed.parent) for e in extra))
    assert code == 1
    assert err.splitlines()[0] == f"laobao-convert: {seed}: output would overwrite an input; give -o"
    assert seed.read_bytes() == before and sorted(seed.parent.iterdir()) == [seed]


# --- interrupts and internal errors ---------------------------------------------------------


def test_ctrl_c_exits_130_quietly(monkeypatch, seed):
    def interrupted(options):
        raise KeyboardInterrupt

    monkeypatch.setattr(running, "run", interrupted)
    code, _, err = run(str(seed), "--to", "json")
    assert code == 130 and err.strip() == ""


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, seed):
    def broken(documents):
        raise RuntimeError("rule exploded")

    import laobao_convert.parse as parse

    monkeypatch.setattr(parse, "parse_issue", broken)
    code, _, err = run(str(seed), "--to", "json", "-j", "1")
    assert code == 1
    assert err.splitlines()[0] == f"laobao-convert: {seed}: internal error: RuntimeError: rule exploded"
    assert "Traceback" not in err
    code, _, err = run(str(seed), "--to", "json", "-j", "1", "--debug")
    assert code == 1 and "Traceback" in err and "rule exploded" in err


def test_progress_shows_only_when_asked_for_a_terminal(seed, tmp_path, capsys):
    make_batch(seed)
    base = dict(inputs=(str(seed), str(seed.parent / "other")), format="json", jobs=1, quiet=True)
    assert running.run(running.Options(output=str(tmp_path / "a") + "/", progress=True, **base)) == 0
    shown = capsys.readouterr().err
    assert "issues" in shown
    assert running.run(running.Options(output=str(tmp_path / "b") + "/", **base)) == 0  # stderr is no terminal here
    assert capsys.readouterr().err == ""


def test_stdin_into_a_directory(seed, tmp_path):
    code, _, err = run("-", "--to", "json", "-o", str(tmp_path / "out") + "/", stdin=seed.read_bytes())
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["2024-04-24-7154.json"]


def test_an_unwritable_report_is_a_failure(seed, tmp_path):
    code, _, err = run(str(seed), "--to", "json", "--report", str(tmp_path / "no" / "such" / "log.jsonl"))
    assert code == 1
    assert "cannot write report: no such directory" in err


def test_template_dir_overrides_a_shipped_template(seed, tmp_path, repo_root):
    custom = tmp_path / "templates"
    custom.mkdir()
    shipped = (repo_root / "templates" / "issue.html.j2").read_text(encoding="utf-8")
    (custom / "issue.html.j2").write_text(shipped.replace("<head>", "<head>\n<!-- archive copy -->", 1), encoding="utf-8")
    code, _, err = run(str(seed), "--to", "html", "-o", str(tmp_path / "a.html"), "--template-dir", str(custom))
    assert code == 0, err
    assert "<!-- archive copy -->" in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_the_sample_issue_its_pages_the_seed_and_bad_files_in_one_batch(seed, tmp_path, repo_root):
    samples = repo_root / "samples"
    whole, pages = samples / "sample-issue.pdf", sorted((samples / "sample-issue").glob("*.pdf"))
    if not whole.is_file() or not pages:
        pytest.skip("samples/ has no sample issue yet")
    folder = make_batch(seed)
    shutil.copy(whole, folder / whole.name)
    shutil.copytree(samples / "sample-issue", folder / "pages")
    out = tmp_path / "out"
    args = [str(folder), "--to", "json", "-o", f"{out}/", "--report", "-", "-j", "2"]
    code, report, err = run(*args)
    assert code == 1, err
    records = [json.loads(line) for line in report.decode().splitlines()]
    converted = [r for r in records if r["status"] == "ok"]
    assert sorted(r["status"] for r in records).count("failed") == 3
    # The whole-issue PDF and its page files are two complete issues, not one with pages twice.
    from_pages = next(r for r in converted if len(r["inputs"]) == len(pages))
    from_whole = next(r for r in converted if r["inputs"] == [str(folder / whole.name)])
    assert from_pages["pages"] == from_whole["pages"] == len(pages)
    assert from_pages["articles"] == from_whole["articles"]
    assert len(list(out.iterdir())) == len(converted) == 4
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, report, _ = run(*args[:-2], "--skip-existing", "-j", "2")
    assert code == 1
    assert sorted({json.loads(line)["status"] for line in report.decode().splitlines()}) == ["failed", "skipped"]
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps


def test_a_rerun_with_skip_existing_reads_no_unchanged_input_again(seed, tmp_path, monkeypatch):
    folder = make_batch(seed)
    out = tmp_path / "out"
    args = [str(folder), "--to", "md", "-o", f"{out}/", "--skip-existing", "-j", "1"]
    assert run(*args)[0] == 1  # the first run reads everything and remembers what it found
    real = pipeline.read_bytes
    read = []

    def counting(ref):
        read.append(ref.path.name)
        return real(ref)

    monkeypatch.setattr(pipeline, "read_bytes", counting)
    code, _, err = run(*args, "--report", "-")
    assert code == 1
    # Only the bad inputs (never remembered) are read again; the issues are skipped unread.
    assert sorted(read) == ["empty.pdf", "fake.pdf", "junk.txt"]
    # A changed input is read again and its issue converted again.
    os.utime(seed, ns=(seed.stat().st_mtime_ns + 10**10,) * 2)
    read.clear()
    code, report, _ = run(*args, "--report", "-")
    assert seed.name in read
    assert "ok" in [json.loads(line)["status"] for line in report.decode().splitlines()]
