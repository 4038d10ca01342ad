"""Blocks' boxes compared within a tolerance, for tests that compare two conversions' JSON.

Two readings of one page may place a glyph a fraction of a point apart (another engine, or a
page saved as its own file with its fonts subset anew), and a full-width punctuation mark's box
is its advance to pdfminer and its ink to PDFium; the place of the text is the same."""

from __future__ import annotations


class Near(dict):
    """A box, equal to another box within `tolerance` points on every side."""

    def __init__(self, box: dict, tolerance: float):
        super().__init__(box)
        self.tolerance = tolerance

    def __eq__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        return self.keys() == other.keys() and all(abs(self[k] - other[k]) <= self.tolerance for k in self)

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None  # type: ignore[assignment]


def near_boxes(issue: dict, tolerance: float) -> dict:
    """The issue's JSON with every block's and caption's box compared within `tolerance`."""
    for article in issue.get("articles", []):
        for item in article.get("blocks", []) + article.get("captions", []):
            if item.get("bbox") is not None:
                item["bbox"] = Near(item["bbox"], tolerance)
            for piece in item.get("more", []):
                piece["bbox"] = Near(piece["bbox"], tolerance)
    return issue
