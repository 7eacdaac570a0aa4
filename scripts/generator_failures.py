#!/usr/bin/env python
"""How many documents the combinatorial generator draws that `qlm import` gets wrong, counted one by one.

    python scripts/generator_failures.py [--layout plain|indent|wrap|spaces|mixed] [--documents N] [--seed S]
                                         [--save FILE.jsonl]

The property test (tests/test_import_combinations.py) stops at its first failure; this draws N documents of
one layout (`mixed`: the test's own mix) with a fixed seed and counts every document and task that does not
import back to the gold written with it. `--save` keeps each failing document, what was wanted and what was
got, one JSON object a line, to be grouped into classes. The same seed draws the same documents for any
importer, so two branches can be compared.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

import tests.test_import_combinations as combinations  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layout", default="mixed", choices=["plain", "indent", "wrap", "spaces", "mixed"])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--save")
    args = parser.parse_args(argv)
    if args.layout != "mixed":
        combinations.LAYOUTS = [args.layout]
    counts = {"documents": 0, "wrong": 0, "tasks": 0, "tasks wrong": 0}
    saved = open(args.save, "w", encoding="utf-8") if args.save else None

    @seed(args.seed)
    @settings(max_examples=args.documents, deadline=None, phases=[Phase.generate], database=None,
              suppress_health_check=list(HealthCheck))
    @given(combinations.documents())
    def draw(document):
        text, expected, axes = document
        got = combinations._roles(text)
        wrong = [task for task in expected if got.get(task) != expected[task]]
        counts["documents"] += 1
        counts["tasks"] += len(expected)
        counts["tasks wrong"] += len(wrong)
        if got != expected:
            counts["wrong"] += 1
            if saved is not None:
                saved.write(json.dumps({
                    "text": text, "axes": axes,
                    "want": {task: [list(leads), sorted(supports)] for task, (leads, supports) in expected.items()
                             if got.get(task) != (leads, supports)},
                    "got": {task: [list(leads), sorted(supports)] for task, (leads, supports) in got.items()
                            if expected.get(task) != (leads, supports)}}, ensure_ascii=False) + "\n")

    draw()
    if saved is not None:
        saved.close()
    share = counts["wrong"] / max(1, counts["documents"])
    print(f"{args.layout}: {counts['wrong']} of {counts['documents']} documents wrong ({share:.1%}), "
          f"{counts['tasks wrong']} of {counts['tasks']} tasks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
