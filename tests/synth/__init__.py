"""Synthetic issues with known truth: content, page placement, PDF and text rendering, comparison.

The generator builds an issue the way a newspaper is made: stories are written (content, from
the phrase banks), placed on pages in column boxes with jumps between pages (layout, flow,
furniture), then set in type (pdf) or rendered as extracted text (text). The truth is an
`Issue` model built from the placed stories: exactly what parsing the rendered issue must give
(truthjson writes it; compare checks a parsed issue against it; coverage says what forms a
layout holds). `python samples/make_samples.py` and `python -m tests.synth.fixtures` rewrite
the committed files.
"""
