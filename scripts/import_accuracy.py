#!/usr/bin/env python
"""How well `qlm import` reads who leads and who supports, measured against hand-written gold.

    python scripts/import_accuracy.py [--corpus DIR] [--seeds DIR]
    python scripts/import_accuracy.py --extra DIR [--extra DIR ...]

Documents: ../shared/corpus/*.txt and ../shared/seeds/004_*.txt when those
folders exist (they are not part of the repository), and the fixtures in
tests/data/import/. Gold: tests/data/import_gold/<name>.json; seed 004's gold
is examples/xianning-gaoxin.qlm. With --extra, only the documents of those
folders are measured (a held-out set), each with its gold beside it as
NAME.json; a document without gold is listed and not counted. Per document it prints precision and recall
of (task, role, unit) for lead and supporting units, how many annotated
tasks came out exactly right (same leads, same supporting units), and the
import's own verdict: the share of its assignment-looking passages the plan
explains (`ImportResult.coverage`), with `?` when the import reports the
reading in doubt (I012).
Exit status 1 when the exact share is below the 98% target.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import qlmatrix  # noqa: E402
from qlmatrix import Role, resolve  # noqa: E402
from qlmatrix.importer import import_file  # noqa: E402

GOLD = ROOT / "tests" / "data" / "import_gold"
FIXTURES = ROOT / "tests" / "data" / "import"
TARGET = 0.98


def roles_of(plan) -> dict[str, tuple[tuple[str, ...], frozenset]]:
    """task id -> (leads in order, supporting units) for every task with an assignment: its effective
    roles, as the 任务分工表 shows them (a lead given to a section, `一、…（区科技局牵头）`, is its tasks')."""
    out = {}
    for resolved in resolve(plan).tasks:
        leads = tuple(resolved.units(Role.LEAD))
        supports = frozenset(resolved.units(Role.SUPPORT))
        if leads or supports:
            out[resolved.id] = (leads, supports)
    return out


def gold_file(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {task: (tuple(roles["lead"]), frozenset(roles["support"])) for task, roles in data["tasks"].items()}


def tuples(roles: dict) -> set:
    found = set()
    for task, (leads, supports) in roles.items():
        found |= {(task, "lead", unit) for unit in leads}
        found |= {(task, "support", unit) for unit in supports}
    return found


def measure(name: str, document: Path, gold: dict) -> tuple:
    result = import_file(document)
    predicted = roles_of(result.plan)
    got, want = tuples(predicted), tuples(gold)
    hits = len(got & want)
    precision = hits / len(got) if got else 1.0
    recall = hits / len(want) if want else 1.0
    exact = sum(predicted.get(task) == roles for task, roles in gold.items())
    wrong = sorted(task for task, roles in gold.items() if predicted.get(task) != roles)
    extra = sorted(task for task in predicted if task not in gold)
    return name, len(gold), exact, precision, recall, len(result.problems), result.coverage, wrong, extra


def documents(corpus: Path, seeds: Path):
    if corpus.is_dir():
        for document in sorted(corpus.glob("*.txt")):
            gold = GOLD / f"{document.stem}.json"
            if gold.exists():
                yield document.name, document, gold_file(gold)
    example = ROOT / "examples" / "xianning-gaoxin.qlm"
    for document in sorted(seeds.glob("004_*.txt")) if seeds.is_dir() else ():
        yield document.name, document, roles_of(qlmatrix.load(example))
    for document in sorted(FIXTURES.iterdir()):
        gold = GOLD / f"{document.stem}.json"
        if gold.exists():
            yield document.name, document, gold_file(gold)


def extra_documents(folders: list[Path]):
    """Documents of the --extra folders (.txt, .md, .docx) with their gold beside them as NAME.json."""
    for folder in folders:
        for document in sorted(folder.iterdir()):
            if document.suffix.lower() not in (".txt", ".md", ".docx"):
                continue
            gold = document.with_suffix(".json")
            if gold.exists():
                yield document.name, document, gold_file(gold)
            else:
                print(f"no gold for {document} (expected {gold.name} beside it): not counted", file=sys.stderr)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--extra", type=Path, action="append", default=[], metavar="DIR",
                        help="measure the documents of DIR instead, each with its gold beside it as NAME.json")
    args = parser.parse_args(argv)
    for folder in args.extra:
        if not folder.is_dir():
            parser.error(f"--extra {folder}: not a folder")
    entries = extra_documents(args.extra) if args.extra else documents(args.corpus, args.seeds)
    rows = [measure(*entry) for entry in entries]
    print(f"{'document':<28} {'tasks':>5} {'exact':>6} {'precision':>9} {'recall':>7} {'reported':>8} {'explained':>9}")
    for name, total, exact, precision, recall, problems, coverage, wrong, extra in rows:
        verdict = f"{coverage.share:.0%}{'?' if coverage.doubtful else ' '}"
        print(f"{name:<28} {total:>5} {exact:>6} {precision:>9.1%} {recall:>7.1%} {problems:>8} {verdict:>9}")
        for task in wrong:
            print(f"    wrong or missing: {task}")
        for task in extra:
            print(f"    assigned but not in gold: {task}")
    total = sum(r[1] for r in rows)
    exact = sum(r[2] for r in rows)
    share = exact / total if total else 1.0
    print(f"{'all':<28} {total:>5} {exact:>6}   exact {share:.1%} (target {TARGET:.0%})")
    return 0 if share >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
