"""Jinja2 templates and CSS of the built-in writers (installed as laobao_convert.templates)."""
