#!/usr/bin/env python3
"""Run the fuzz targets of fuzz/targets.py with atheris (coverage-guided) for a while.

    .venv/bin/pip install atheris                    # once (not needed for the tests)
    .venv/bin/python scripts/fuzz.py --minutes 10    # every target, in turn
    .venv/bin/python scripts/fuzz.py loads --minutes 30

Each target starts from its corpus in fuzz/corpus/<target>/ and adds the new inputs it finds there
(so the tests replay them). A crash stops the run and leaves `crash-*` next to the corpus; fix the
bug, then move the input into the corpus. Prints how many inputs each target ran.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"

_CHILD = """
import sys
import atheris
with atheris.instrument_imports():
    sys.path.insert(0, {root!r})
    from fuzz.targets import TARGETS
atheris.Setup(sys.argv, TARGETS[{target!r}])
atheris.Fuzz()
"""


def run(target: str, seconds: int) -> int:
    corpus = CORPUS / target
    corpus.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-c", _CHILD.format(root=str(ROOT), target=target), str(corpus),
               f"-max_total_time={seconds}", "-max_len=4096", "-timeout=10", "-rss_limit_mb=2048",
               f"-artifact_prefix={corpus}/"]
    done = subprocess.run(command, capture_output=True, text=True)
    runs = [line for line in done.stderr.splitlines() if line.startswith("Done ")]
    print(f"{target}: exit {done.returncode}; {runs[-1] if runs else done.stderr.strip().splitlines()[-1:]}")
    return done.returncode


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from fuzz.targets import TARGETS

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"any of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--minutes", type=float, default=1.0, help="minutes per target (default 1)")
    args = parser.parse_args()
    unknown = [target for target in args.targets if target not in TARGETS]
    if unknown:
        parser.error(f"unknown target {unknown[0]!r}; choose from {', '.join(TARGETS)}")
    status = 0
    for target in args.targets or list(TARGETS):
        status = max(status, run(target, max(1, int(args.minutes * 60))))
    return status


if __name__ == "__main__":
    sys.exit(main())
