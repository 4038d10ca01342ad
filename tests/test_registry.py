"""The writer registry: built-in and entry-point writers, lazily loaded, broken plugins skipped."""

from __future__ import annotations

import configparser
import io
import subprocess
import sys
import textwrap
from importlib.metadata import EntryPoint

import pytest

from issue_examples import full_issue
from laobao_convert import registry
from laobao_convert.errors import ConvertError, ExitStatus, WriterLoadError

PLUGIN = textwrap.dedent(
    '''
    class TxtWriter:
        name = "txt"
        extension = "txt"
        description = "plain text titles"

        def write(self, issue, stream, *, template_dir=None):
            stream.write("\\n".join(a.title or "" for a in issue.articles).encode("utf-8"))

    class NotAWriter:
        name = "half"
    '''
)


@pytest.fixture
def plugins(tmp_path, monkeypatch):
    """Install (for this test) one good third-party writer, three broken ones and one that
    tries to take a built-in name."""
    (tmp_path / "laobao_test_plugin.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    points = [
        EntryPoint("txt", "laobao_test_plugin:TxtWriter", registry.GROUP),
        EntryPoint("gone", "laobao_no_such_module_here:Writer", registry.GROUP),
        EntryPoint("half", "laobao_test_plugin:NotAWriter", registry.GROUP),
        EntryPoint("typo", "laobao_test_plugin:Missing", registry.GROUP),
        EntryPoint("json", "laobao_test_plugin:TxtWriter", registry.GROUP),
    ]
    monkeypatch.setattr(registry, "_installed_entry_points", lambda: points)
    monkeypatch.setattr(registry, "_loaded", {})
    return points


def test_builtin_writers_without_installed_metadata(monkeypatch):
    monkeypatch.setattr(registry, "_installed_entry_points", lambda: [])
    assert registry.writer_names()[:4] == ("json", "md", "html", "epub")
    json_writer = registry.get_writer("json")
    assert (json_writer.name, json_writer.extension) == ("json", "json")
    md_writer = registry.get_writer("md")
    assert (md_writer.name, md_writer.extension) == ("md", "md")
    assert md_writer.description and json_writer.description


def test_builtins_match_the_entry_points_setup_declares(repo_root):
    config = configparser.ConfigParser()
    config.read(repo_root / "setup.cfg", encoding="utf-8")
    declared = {}
    for line in config["options.entry_points"][registry.GROUP].strip().splitlines():
        name, _, target = line.partition("=")
        declared[name.strip()] = target.strip()
    assert declared == dict(registry.BUILTIN)


def test_third_party_writer_is_found_and_used(plugins):
    assert "txt" in registry.writer_names()
    writer = registry.get_writer("txt")
    stream = io.BytesIO()
    writer.write(full_issue(), stream)
    assert stream.getvalue().decode("utf-8").startswith("以赛促学以赛促训")


def test_broken_plugins_are_skipped_and_explained(plugins):
    writers = registry.available_writers()
    assert "txt" in writers and "json" in writers and "md" in writers
    assert not {"gone", "half", "typo"} & set(writers)
    problems = "\n".join(registry.problems())
    assert "'gone'" in problems and "ModuleNotFoundError" in problems
    assert "'half'" in problems and "has no extension, description, write" in problems
    assert "'typo'" in problems and "AttributeError" in problems
    assert "json: laobao_test_plugin:TxtWriter ignored" in problems


def test_a_plugin_cannot_take_a_builtin_name(plugins):
    assert type(registry.get_writer("json")).__name__ == "JsonWriter"
    assert registry.writer_names().count("json") == 1


def test_broken_plugin_fails_only_when_asked_for(plugins):
    with pytest.raises(WriterLoadError) as caught:
        registry.get_writer("gone")
    assert "\n" not in caught.value.message and caught.value.status == ExitStatus.FAILED


def test_unknown_format_is_a_usage_error_naming_the_known_ones(monkeypatch):
    monkeypatch.setattr(registry, "_installed_entry_points", lambda: [])
    with pytest.raises(ConvertError) as caught:
        registry.get_writer("docx")
    assert caught.value.status == ExitStatus.USAGE
    assert "'docx'" in caught.value.message and "json, md, html, epub" in caught.value.message


def test_names_and_loading_are_lazy():
    """Listing names imports no writer; asking for one imports that one only."""
    script = textwrap.dedent(
        """
        import sys
        from laobao_convert import registry
        names = registry.writer_names()
        assert "json" in names and "epub" in names, names
        heavy = [m for m in ("ebooklib", "jinja2", "pdfplumber", "laobao_convert.writers.json_writer",
                             "laobao_convert.writers.markdown", "laobao_convert.writers.epub") if m in sys.modules]
        assert not heavy, heavy
        registry.get_writer("json")
        assert "laobao_convert.writers.json_writer" in sys.modules
        assert "laobao_convert.writers.markdown" not in sys.modules and "ebooklib" not in sys.modules
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=str(_repo()))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def _repo():
    from pathlib import Path

    return Path(registry.__file__).resolve().parent.parent
