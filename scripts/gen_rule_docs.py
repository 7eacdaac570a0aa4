"""Write docs/rules/*.md (every check rule and every other code); `--check` fails if they are stale.

    python scripts/gen_rule_docs.py          # rewrite docs/rules/
    python scripts/gen_rule_docs.py --check  # exit 1 when a page differs or is missing
"""

from __future__ import annotations

import sys
from pathlib import Path

from qlmatrix.cli.pages import generated_files

FOLDER = Path(__file__).resolve().parent.parent / "docs" / "rules"


def stale(folder: Path = FOLDER) -> list[str]:
    """Pages that differ from what the rules generate, and pages of rules that no longer exist."""
    wanted = generated_files()
    found = []
    for name, text in wanted.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            found.append(name)
    found += sorted(p.name for p in folder.glob("*.md") if p.name not in wanted)
    return found


def write(folder: Path = FOLDER) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    wanted = generated_files()
    for path in folder.glob("*.md"):
        if path.name not in wanted:
            path.unlink()
    for name, text in wanted.items():
        (folder / name).write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    if "--check" in argv:
        names = stale()
        if names:
            print("stale rule docs (run python scripts/gen_rule_docs.py):", ", ".join(names))
            return 1
        return 0
    write()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
