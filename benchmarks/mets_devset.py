"""METS/ALTO over every devset case (too slow for the suite): each case's issue.pdf to METS
and JSON; the package validated (METS schema, ALTO 4 rules, logical map = JSON's articles)
and read back to the same JSON. Prints one line per case; exit 1 on any problem.

    .venv/bin/python benchmarks/mets_devset.py ../shared/devset
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.mets_checks import check_package  # noqa: E402


def run(*args) -> None:
    result = subprocess.run([sys.executable, "-m", "laobao_convert", *map(str, args), "-q"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{args}: {result.stderr.strip()}")


def main(cases: Path) -> int:
    failed = 0
    for case in sorted(cases.glob("case_*")):
        with tempfile.TemporaryDirectory() as scratch:
            out = Path(scratch)
            run(case / "issue.pdf", "-o", out / "a.json")
            run(case / "issue.pdf", "--to", "mets", "-o", out / "a.mets")
            run(out / "a.mets" / "mets.xml", "-o", out / "b.json")
            issue = json.loads((out / "a.json").read_text(encoding="utf-8"))
            problems = check_package(out / "a.mets", issue)
            again = json.loads((out / "b.json").read_text(encoding="utf-8"))
            issue.pop("provenance"), again.pop("provenance")
            if again != issue:
                problems.append("read back differs from the PDF's JSON")
            failed += bool(problems)
            print(case.name, "ok" if not problems else "; ".join(problems[:3]), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/devset")))
