#!/usr/bin/env python3
"""The performance figures of docs/performance.md, measured side by side in one run.

    .venv/bin/python scripts/bench.py             # the whole table (minutes: most of it is figure 6b)
    .venv/bin/python scripts/bench.py --quick     # fewer repeats, no 100k plan (figures 3 and 4 skipped)
    .venv/bin/python scripts/bench.py --json out.json

Plans come from `qlmatrix.gen` (seed 0): 1k, 10k and 100k tasks, written to
a temporary folder (or --data DIR, reused when present). Every ratio is
taken from timings made in the same process, interleaved, best of --repeat
runs, so that other load on the machine touches both sides alike. In-process
ratios are judged on CPU time (this process and the children it waited for),
which leaves out the time other programs on a shared machine take; the wall
ratio is printed beside it. Start-up (5) and keystrokes (7) are wall times.
Exit status 0 when every target holds, 1 when one is missed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
EXAMPLE = ROOT / "examples" / "xianning-gaoxin.qlm"

_MEMORY_PROBE = """
import resource, sys
from qlmatrix.checks import run_checks
from qlmatrix.parser import read_file
result = read_file(sys.argv[1])
run_checks(result.plan)
# VmHWM is this process's own peak: ru_maxrss can carry the parent's peak over fork and exec on Linux.
try:
    with open("/proc/self/status") as status:
        print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
except (OSError, StopIteration):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


class Timing(float):
    """A best wall time in seconds, carrying the best CPU time of the same runs as `.cpu`.

    CPU time counts this process and the children it waited for (os.times), so it leaves out the
    time other programs on a shared machine take from it; wall time does not. Both are printed.
    """

    cpu: float

    def __new__(cls, wall: float, cpu: float) -> Timing:
        made = super().__new__(cls, wall)
        made.cpu = cpu
        return made


def cpu_now() -> float:
    """CPU seconds of this process (`time.process_time`: os.times counts in 10 ms ticks, too coarse for a
    keystroke) and of the children it waited for (`dot`, which only os.times counts)."""
    times = os.times()
    return time.process_time() + times.children_user + times.children_system


def best_of(repeat: int, *functions) -> list[Timing]:
    """The best time of each function, the functions run in turn `repeat` times."""
    walls = [[] for _ in functions]
    cpus = [[] for _ in functions]
    for _ in range(repeat):
        for index, function in enumerate(functions):
            gc.collect()
            cpu_start = cpu_now()
            start = time.perf_counter()
            function()
            walls[index].append(time.perf_counter() - start)
            cpus[index].append(cpu_now() - cpu_start)
    return [Timing(min(wall), min(cpu)) for wall, cpu in zip(walls, cpus)]


def cpu_ratio(ours: float, theirs: float) -> float | None:
    """The ratio of the CPU times of two Timings, None when either is a bare number."""
    if isinstance(ours, Timing) and isinstance(theirs, Timing) and theirs.cpu > 0:
        return ours.cpu / theirs.cpu
    return None


def load_and_check(path: Path):
    """What `qlm check FILE` does between reading the file and printing: read, build, every rule."""
    from qlmatrix.checks import run_checks
    from qlmatrix.parser import read_file

    result = read_file(path)
    return run_checks(result.plan)


def as_qlm_runs(function, *args):
    """`function(*args)` under the collector setting of the `qlm` program (qlmatrix.cli._tune_collector)."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 20, 100)
    try:
        return function(*args)
    finally:
        gc.set_threshold(*before)


def plans(folder: Path, sizes) -> dict[str, Path]:
    from qlmatrix import dumps
    from qlmatrix.gen import generate

    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in sizes:
        path = folder / f"gen-{name}.qlm"
        if not path.exists():
            print(f"  generating {path.name}", file=sys.stderr)
            path.write_text(dumps(generate(SIZES[name], seed=0)), encoding="utf-8")
        paths[name] = path
    return paths


def machine() -> dict:
    import lark

    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "python": platform.python_version(), "lark": lark.__version__,
            "platform": platform.platform()}


def wall(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def qlm_command() -> list[str]:
    script = Path(sys.executable).with_name("qlm")
    return [str(script)] if script.exists() else [sys.executable, "-m", "qlmatrix"]


class Report:
    def __init__(self):
        self.rows = []
        self.failed = False

    def add(self, number: str, figure: str, measured: str, ratio: float | None, target: str, limit: float | None,
            strict: bool = False, cpu: float | None = None) -> None:
        """One row. With `cpu` (the ratio of CPU times) the verdict is taken on it, the wall ratio shown beside."""
        judged = cpu if cpu is not None else ratio
        ok = None if judged is None or limit is None else (judged < limit if strict else judged <= limit)
        self.failed |= ok is False
        self.rows.append({"target": number, "figure": figure, "measured": measured, "ratio": judged,
                          "wall_ratio": ratio, "cpu_ratio": cpu, "limit": target, "ok": ok})
        unit = next((u for u in (" MB", " ms") if u in target), None)
        digits = 1 if unit == " ms" else 0
        shown = "-" if judged is None else (f"{judged:.2f}×" if unit is None else f"{judged:.{digits}f}{unit}")
        beside = f"{ratio:.2f}×" if cpu is not None and ratio is not None else ""
        verdict = {True: "yes", False: "NO", None: "-"}[ok]
        print(f" {number:<3} {figure:<46} {measured:<28} {shown:>9} {beside:>7}  {target:<8} {verdict}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and no 100k plan")
    parser.add_argument("--repeat", type=int, help="runs per timing, best taken (default 5, quick 2)")
    parser.add_argument("--data", type=Path, help="folder for the generated plans (kept between runs)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--only", type=lambda text: set(text.split(",")), default=None, metavar="1,3,6",
                        help="only these figures (while working on one)")
    args = parser.parse_args(argv)
    repeat = args.repeat or (2 if args.quick else 5)
    only = args.only or {"1", "2", "3", "4", "5", "6", "7", "8"}
    sizes = ("1k", "10k") if args.quick or not only & {"3", "4"} else ("1k", "10k", "100k")

    import lark
    import yaml

    from qlmatrix.export import plan_to_dict
    from qlmatrix.parser import read_file
    from qlmatrix.parser.grammar import get_parser, grammar_path

    info = machine()
    print(f"qlmatrix benchmarks: python {info['python']}, lark {info['lark']}, {info['cpus']} CPUs ({info['cpu']})")
    folder = args.data or Path(tempfile.mkdtemp(prefix="qlm-bench-"))
    paths = plans(folder, sizes)
    for name, path in paths.items():
        print(f"  plan {name}: {path.stat().st_size / 1e6:.1f} MB of .qlm", file=sys.stderr)
    get_parser()  # build (or load) the cached tables outside any timing
    report = Report()
    print(f" {'#':<3} {'figure':<46} {'measured (wall)':<28} {'ratio':>9} {'wall':>7}  {'target':<8} ok")

    # 5 is timed first, before this process holds any plan: a child process started from a parent
    # holding the 100k plan took 20-30 ms longer to start (its page tables are copied), which is the
    # benchmark's own doing, not qlm's. Printed in its place below.
    start_times = start_up_times(paths, repeat) if "5" in only else None

    # 1. load + check vs lark's own parse of the same text with the same grammar.
    path10 = paths["10k"]
    plan10 = read_file(path10).plan
    if "1" in only:
        text10 = path10.read_text(encoding="utf-8")
        bare = lark.Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr")
        ours, theirs, tuned = best_of(repeat, lambda: load_and_check(path10), lambda: bare.parse(text10),
                                      lambda: as_qlm_runs(load_and_check, path10))
        report.add("1", "load+check 10k / lark bare LALR parse", f"{ours:.3f} s / {theirs:.3f} s", ours / theirs,
                   "≤ 1.1×", 1.1, cpu=cpu_ratio(ours, theirs))
        report.add("", "  the same with qlm's collector setting", f"{tuned:.3f} s / {theirs:.3f} s", tuned / theirs,
                   "", None, cpu=cpu_ratio(tuned, theirs))

    # 2. load + check vs PyYAML's C loader on the same plan as YAML.
    if "2" in only:
        yaml_text = yaml.dump(plan_to_dict(plan10), Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        ours2, yaml_time = best_of(repeat, lambda: load_and_check(path10),
                                   lambda: yaml.load(yaml_text, Loader=yaml.CSafeLoader))
        report.add("2", "load+check 10k / PyYAML CSafeLoader", f"{ours2:.3f} s / {yaml_time:.3f} s",
                   ours2 / yaml_time, "≤ 0.5×", 0.5, cpu=cpu_ratio(ours2, yaml_time))

    # 3 and 4. Scaling and memory at 100k.
    if not only & {"3", "4"}:
        pass
    elif "100k" in paths:
        # Best of as many runs as every other figure: with two, one slow run of either side (the machine is
        # shared) moved the ratio between 9.4x and 11.7x for the same tree in one hour (session nine).
        big, small = best_of(repeat, lambda: load_and_check(paths["100k"]), lambda: load_and_check(path10))
        report.add("3", "load+check 100k / 10k", f"{big:.2f} s / {small:.3f} s", big / small, "≤ 11×", 11.0,
                   cpu=cpu_ratio(big, small))
        # What `qlm check` meets: the library's own scaling without most of the collector's rescans of the
        # growing model (session ten: 10.6x in the library, 9.5x with the program's setting). Not the verdict.
        big_qlm, small_qlm = best_of(repeat, lambda: as_qlm_runs(load_and_check, paths["100k"]),
                                     lambda: as_qlm_runs(load_and_check, path10))
        report.add("", "  the same with qlm's collector setting", f"{big_qlm:.2f} s / {small_qlm:.3f} s",
                   big_qlm / small_qlm, "", None, cpu=cpu_ratio(big_qlm, small_qlm))
        probe = subprocess.run([sys.executable, "-c", _MEMORY_PROBE, str(paths["100k"])],
                               capture_output=True, text=True, check=True)
        peak = int(probe.stdout.split()[-1]) / 1024  # both are in KiB on Linux
        report.add("4", "peak RSS, load+check 100k (whole process)", f"{peak:.0f} MB", peak, "≤ 500 MB", 500.0)
    else:
        report.add("3", "load+check 100k / 10k (skipped: --quick)", "-", None, "≤ 11×", None)
        report.add("4", "peak RSS, load+check 100k (skipped: --quick)", "-", None, "≤ 500 MB", None)

    # 5. Start-up: a whole `qlm check` of the example vs importing lark.
    if start_times is not None:
        start_up(report, *start_times)
    if "7" in only:
        editing(report, folder, repeat)
    if "6" in only:
        rendering(report, paths, plan10, repeat)
    if "8" in only:  # every table format and view (scripts/bench_render.py)
        from bench_render import rendering_views

        rendering_views(report, path10, plan10, repeat, best_of, load_and_check)

    if args.json:
        args.json.write_text(json.dumps({"machine": info, "repeat": repeat, "figures": report.rows},
                                        ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.data is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if report.failed else 0


def start_up_times(paths: dict, repeat: int) -> tuple[str, float, float]:
    """The example's name, and the best wall time of a whole `qlm check` of it and of `import lark`."""
    example = EXAMPLE if EXAMPLE.exists() else paths["1k"]
    command = [*qlm_command(), "check", str(example)]
    subprocess.run(command, capture_output=True, check=False)  # warm the parser cache and the OS
    starts = max(10, repeat * 4)
    qlm_time = lark_time = float("inf")
    for _ in range(starts):  # interleaved, so both see the same load
        qlm_time = min(qlm_time, wall(command, 1))
        lark_time = min(lark_time, wall([sys.executable, "-c", "import lark"], 1))
    return example.name, qlm_time, lark_time


def start_up(report: Report, name: str, qlm_time: float, lark_time: float) -> None:
    report.add("5", f"`qlm check {name}` / `import lark`", f"{qlm_time * 1000:.0f} ms / {lark_time * 1000:.0f} ms",
               qlm_time / lark_time, "≤ 2×", 2.0)


def editing(report: Report, folder: Path, repeat: int) -> None:
    """A one-character edit in a task's title, then the whole plan read and checked: qlmatrix.workspace."""
    for number, tasks, limit in (("7a", 100, 0.015), ("7b", 1_000, 0.050)):
        took = keystroke_time(folder, tasks, max(10, repeat * 4))
        # Judged on wall time, as an editor waits for it; the CPU time beside it says how much of that
        # was the check's own work and how much other programs on a shared machine took (round eight).
        report.add(number, f"one-character edit + check, {tasks:,} tasks", f"{took * 1000:.1f} ms (CPU {took.cpu * 1000:.1f} ms)",
                   took * 1000, f"≤ {limit * 1000:.0f} ms", limit * 1000)


def keystroke_time(folder: Path, tasks: int, repeat: int) -> float:
    """Best time of typing (then deleting) one character inside a title and checking the plan again."""
    from qlmatrix import dumps
    from qlmatrix.gen import generate
    from qlmatrix.workspace import Workspace

    path = str(folder / f"edit-{tasks}.qlm")
    text = dumps(generate(tasks, seed=0))
    at = text.index("任务", len(text) // 2) + 3
    versions = [text[:at] + "好" + text[at:], text]
    workspace = Workspace()
    workspace.update(path, text)
    workspace.check(path)
    turn = iter(range(10**9))

    def keystroke():
        workspace.update(path, versions[next(turn) % 2])
        return workspace.check(path)

    (took,) = best_of(repeat, keystroke)
    return took


def rendering(report: Report, paths: dict, plan10, repeat: int) -> None:
    """DOT text of a 1k-task responsibility diagram vs dot's layout; XLSX of 10k vs load+check."""
    from qlmatrix.parser import read_file

    path10 = paths["10k"]
    try:
        from qlmatrix.render import diagram_source, table, workbook
    except ImportError:
        report.add("6a", "DOT build / dot layout (qlmatrix.render missing)", "-", None, "< 10%", None)
        report.add("6b", "XLSX 10k / load+check (qlmatrix.render missing)", "-", None, "≤ 3×", None)
    else:
        plan1 = read_file(paths["1k"]).plan
        source = diagram_source(plan1, "responsibility")
        dot = shutil.which("dot")
        if dot is None:
            (build,) = best_of(repeat, lambda: diagram_source(plan1, "responsibility"))
            report.add("6a", "DOT build 1k / dot layout (dot missing)", f"{build * 1000:.0f} ms / -", None, "< 10%", None)
        else:
            encoded = source.encode("utf-8")

            def layout_once() -> None:
                subprocess.run([dot, "-Tsvg", "-o", os.devnull], input=encoded, check=True, stderr=subprocess.DEVNULL)

            # Both sides best of the same number of runs, interleaved (dot's layout was once timed once).
            build, layout = best_of(repeat, lambda: diagram_source(plan1, "responsibility"), layout_once)
            report.add("6a", "DOT build 1k responsibility / dot -Tsvg", f"{build * 1000:.0f} ms / {layout:.2f} s",
                       build / layout, "< 0.1×", 0.1, strict=True, cpu=cpu_ratio(build, layout))
        xlsx, tasks_only, ours6 = best_of(max(2, repeat // 2), lambda: workbook(plan10),
                                          lambda: table(plan10, "tasks", "xlsx"), lambda: load_and_check(path10))
        report.add("6b", "XLSX 10k (all views) / load+check 10k", f"{xlsx:.2f} s / {ours6:.3f} s", xlsx / ours6,
                   "≤ 3×", 3.0, cpu=cpu_ratio(xlsx, ours6))
        report.add("", "  of which 任务分工表 sheet alone (for reference)", f"{tasks_only:.2f} s / {ours6:.3f} s",
                   tasks_only / ours6, "", None, cpu=cpu_ratio(tasks_only, ours6))


if __name__ == "__main__":
    sys.exit(main())
