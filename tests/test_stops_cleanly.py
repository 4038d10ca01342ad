"""A run stops cleanly: a killed run leaves no worker and no temporary file behind and says
what it did; a page too big to read fails in seconds, naming the page; a template from
--template-dir runs in a sandbox."""

from __future__ import annotations

import io

import pytest

from issue_examples import full_issue
from laobao_convert.errors import TemplateError
from laobao_convert.registry import get_writer

# --- templates ------------------------------------------------------------------------------

_ESCAPE = "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}"

TEMPLATES = [("html", "issue.html.j2"), ("epub", "chapter.xhtml.j2"), ("md", "issue.md.j2")]


def _write(fmt: str, template_dir) -> bytes:
    stream = io.BytesIO()
    get_writer(fmt).write(full_issue(), stream, template_dir=str(template_dir))
    return stream.getvalue()


@pytest.mark.parametrize("fmt, name", TEMPLATES)
def test_a_template_that_breaks_the_sandbox_is_a_one_line_error_naming_it(tmp_path, fmt, name):
    marker = tmp_path / "ran"
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / name).write_text(_ESCAPE % marker, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _write(fmt, templates)
    assert not marker.exists()
    message = str(caught.value)
    assert name in message and "sandbox" in message and "\n" not in message


@pytest.mark.parametrize("fmt, name", TEMPLATES)
def test_a_template_including_a_missing_one_is_a_one_line_error(tmp_path, fmt, name):
    (tmp_path / name).write_text('{% include "no-such.j2" %}', encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _write(fmt, tmp_path)
    message = str(caught.value)
    assert "template not found: no-such.j2" in message and name in message and "\n" not in message
