"""Write the sample issue: a synthetic four-page issue as PDF, per-page PDFs, text and truth.

Run from anywhere: `python samples/make_samples.py`. Deterministic: running it again gives the
same bytes (tests/test_samples.py checks). Needs reportlab, the WenQuanYi Zen Hei font and
poppler's pdftotext; the outputs are committed so nothing else needs them.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.synth.layout import Options, build  # noqa: E402
from tests.synth.pdf import typeset  # noqa: E402
from tests.synth.text import pdftotext, to_markdown  # noqa: E402
from tests.synth.truthjson import issue_to_json  # noqa: E402

SAMPLE = Options(seed=20, pages=4, columns=(5, 6, 4), articles=4, images=0.7, clean_breaks=True)
NAME = "sample-issue"


def write_samples(out: Path) -> list:
    """Write every sample file under `out`; returns the paths written."""
    layout = build(SAMPLE)
    pdf = typeset(layout)
    date = layout.truth.masthead.date.replace("-", "")
    files = {
        f"{NAME}.pdf": pdf,
        f"{NAME}.md": to_markdown(layout).encode("utf-8"),
        f"{NAME}.txt": pdftotext(pdf).encode("utf-8"),
        f"{NAME}.truth.json": issue_to_json(layout.truth).encode("utf-8"),
    }
    for page in layout.pages:
        files[f"{NAME}/{date}_{page.number:02d}.pdf"] = typeset(layout, pages=[page.number])
    written = []
    for rel, data in sorted(files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_samples(HERE):
        print(path.relative_to(HERE.parent))
