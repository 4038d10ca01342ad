"""Synthetic issues with known truth: content, page placement, PDF and text rendering, comparison.

The generator builds an issue the way a newspaper is made: stories are written (content),
placed on pages in column boxes with jumps between pages (layout), then set in type (pdf) or
rendered as extracted text (text). The truth is an `Issue` model built from the placed stories:
exactly what parsing the rendered issue must give.
"""
