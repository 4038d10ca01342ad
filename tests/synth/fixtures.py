"""The committed synthetic text fixtures: which layouts they are, and how to write them again.

`python -m tests.synth.fixtures` (from the repository root) rewrites
tests/fixtures/synthetic/<case>.md, <case>.txt and <case>.truth.json. The Markdown and the
truth need no font; the pdftotext files need the font and poppler.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from tests.synth.layout import Options, build
from tests.synth.text import to_markdown
from tests.synth.truthjson import issue_to_json

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "synthetic"

# Column counts 4-6, different article counts and seeds; between them they hold every
# headline structure, jump spelling, continuation-headline form and caption placement.
# Breaks after a sentence inside a paragraph are left out (clean_breaks): text cannot show
# whether such a break ends the paragraph; the PDF tests keep them (indents tell there).
CASES: Dict[str, Options] = {
    "four-columns": Options(seed=101, pages=4, columns=(4,), articles=4, clean_breaks=True),
    "five-columns": Options(seed=202, pages=4, columns=(5,), articles=3, clean_breaks=True),
    "six-columns": Options(seed=303, pages=4, columns=(6,), articles=5, clean_breaks=True),
    "mixed-columns": Options(seed=404, pages=5, columns=(4, 5, 6), articles=4, l_shapes=0.9, clean_breaks=True),
}


def render(name: str, with_pdftotext: bool = True) -> Dict[str, bytes]:
    """The fixture files of one case, by file name."""
    layout = build(CASES[name])
    files = {
        f"{name}.md": to_markdown(layout).encode("utf-8"),
        f"{name}.truth.json": issue_to_json(layout.truth).encode("utf-8"),
    }
    if with_pdftotext:
        from tests.synth.pdf import typeset
        from tests.synth.text import pdftotext

        files[f"{name}.txt"] = pdftotext(typeset(layout)).encode("utf-8")
    return files


def main() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name in CASES:
        for file, data in render(name).items():
            (FIXTURES / file).write_bytes(data)
            print(FIXTURES.name + "/" + file)


if __name__ == "__main__":
    main()
