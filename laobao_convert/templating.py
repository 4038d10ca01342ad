"""Jinja2 environment for the writers: the shipped templates, overridable by name."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from laobao_convert.writers.phrases import spaced_phrases


def shipped_template_dir() -> Path:
    """Where the built-in templates are: installed, they are the package
    laobao_convert.templates (setup.cfg maps the top-level templates/ there); in a source
    checkout, the top-level templates/ itself."""
    installed = Path(__file__).resolve().parent / "templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "templates"


def environment(template_dir: Optional[str] = None, *, autoescape: bool = True) -> jinja2.Environment:
    """A template from `template_dir` wins over the shipped one of the same name.

    Sandboxed, because a template directory is code someone else may have written: a
    template that reaches for Python internals (`cycler.__init__.__globals__`) or changes
    the data it is given fails to render instead of running anything."""
    loaders = []
    if template_dir:
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.FileSystemLoader(str(shipped_template_dir())))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # `line|phrases`: a headline line as its spaced parts, each as the phrases a line may
    # break between (writers/phrases.py), so a template can mark where breaks go.
    env.filters["phrases"] = spaced_phrases
    return env
