"""Sweep: issues of the project's own generator, typeset as PDF with many seeds and knobs,
parsed and compared with the truth the generator knows. Prints how many differ and the
first differences of each; a script, not a test (a hundred issues take minutes).

    python benchmarks/sweep_generated.py [--seeds 40] [--start 500] [--show 3]

Needs reportlab and the WenQuanYi Zen Hei font (fonts-wqy-zenhei), as the generator's tests do.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.synth import pdf  # noqa: E402
from tests.synth.compare import compare_issues  # noqa: E402
from tests.synth.layout import Options, build  # noqa: E402
from tests.synth.run import parse_pdfs  # noqa: E402


def options(seed: int) -> Options:
    """Knobs that vary with the seed: columns, articles, photos, L shapes, type and bands."""
    columns = ((4,), (5,), (6,), (5, 6), (4, 5, 6))[seed % 5]
    return Options(seed=seed, pages=2 + seed % 3, columns=columns, articles=3 + seed % 4,
                   images=(0.0, 0.6, 1.0)[seed % 3], l_shapes=(0.0, 0.4, 1.0)[(seed // 3) % 3],
                   type_scale=(0.85, 1.0, 1.15)[(seed // 7) % 3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("--start", type=int, default=500)
    parser.add_argument("--show", type=int, default=3, help="differences shown per issue")
    args = parser.parse_args()
    if pdf.find_font() is None:
        print("the CJK font WenQuanYi Zen Hei (fonts-wqy-zenhei) is not installed", file=sys.stderr)
        return 2
    differ = 0
    start = time.perf_counter()
    unbuilt = 0
    for seed in range(args.start, args.start + args.seeds):
        try:
            layout = build(options(seed))
        except AssertionError as error:  # the generator's own check: no issue to parse
            unbuilt += 1
            print(f"seed {seed}: the generator could not lay it out ({error})")
            continue
        diffs = compare_issues(parse_pdfs([(pdf.typeset(layout), f"sweep-{seed}.pdf")]), layout.truth)
        if diffs:
            differ += 1
            print(f"seed {seed}: {len(diffs)} differences")
            for line in diffs[:args.show]:
                print("   ", line)
    print(f"{differ} of {args.seeds - unbuilt} generated issues differ from their truth "
          f"({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
