#!/usr/bin/env python3
"""Prints the benchmark table (Markdown) from run.sh's results directory.

For each operation in ops.tsv: the medians of NAME.mq.json and NAME.base.json (hyperfine
--export-json), their ratio, the target and whether it is met, and the peak RSS of one run of
each (NAME.mq.rss, NAME.base.rss, KiB from GNU time -v). milequest's peak RSS must be at most
64 MiB.

With --check FACTOR it prints no table: it exits 1, naming each problem, when an operation
with a target has no measurement (its command failed), misses a time target by more than
FACTOR (a ratio, wall time or p99 above FACTOR times its limit; an "interactive" target, 50 ms
or 2x the baseline, above FACTOR times both; a speed-up below its limit divided
by FACTOR), or uses more than 64 MiB. Memory gets no factor: peak RSS hardly varies with load.
CI checks its smoke run this way (.ci/bench-smoke).
"""

import argparse
import glob
import json
import os
import statistics
import sys

MEMORY_LIMIT_KIB = 64 * 1024


def times_of(path):
    """Every run in NAME.json and its rounds NAME.1.json, NAME.2.json, ..."""
    stem = path[: -len(".json")]
    times = []
    for file in [path] + sorted(glob.glob(glob.escape(stem) + ".[0-9]*.json")):
        if os.path.exists(file):
            with open(file) as f:
                try:
                    times += json.load(f)["results"][0]["times"]
                except (ValueError, KeyError, IndexError):
                    pass  # hyperfine stopped (a failing command): no timing
    return times


def median(path):
    """The median of every run in NAME.json and its rounds."""
    times = times_of(path)
    return statistics.median(times) if times else None


def p99(path):
    """The 99th percentile of every run in NAME.json and its rounds (pg_writers.py)."""
    times = sorted(times_of(path))
    return times[min(len(times) - 1, int(0.99 * len(times)))] if times else None


def rss(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        text = f.read().strip()
    return int(text) if text else None


def seconds(value):
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.2f} s"


def mib(kib):
    return "—" if kib is None else f"{kib / 1024:.1f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--scale", default="1")
    parser.add_argument("--summary", help="print one operation's medians and ratio, and stop")
    parser.add_argument("--check", type=float, metavar="FACTOR",
                        help="exit 1 when a target is missed by more than FACTOR (no table)")
    args = parser.parse_args()
    if args.summary:
        mq = median(os.path.join(args.results, f"{args.summary}.mq.json"))
        base = median(os.path.join(args.results, f"{args.summary}.base.json"))
        ratio = f"{mq / base:.2f}" if mq is not None and base else "—"
        print(f"   milequest {seconds(mq)}, baseline {seconds(base)}, ratio {ratio}")
        return
    ops_file = os.path.join(args.results, "ops.tsv")
    ops = []
    if os.path.exists(ops_file):
        with open(ops_file) as f:
            ops = [line.rstrip("\n").split("\t") for line in f if line.strip()]

    if args.check is not None:
        sys.exit(check(args.results, ops, args.check))

    print(f"scale {args.scale}; medians of hyperfine runs; ratio = milequest / baseline")
    print()
    print("| operation | milequest | baseline | ratio | target | met? "
          "| milequest MiB | baseline MiB | ≤ 64 MiB? |")
    print("|---|---:|---:|---:|---|---|---:|---:|---|")
    shown = set()
    for name, label, target in ops:
        shown.add(name)
        mq = median(os.path.join(args.results, f"{name}.mq.json"))
        base = median(os.path.join(args.results, f"{name}.base.json"))
        ratio = mq / base if mq is not None and base else None
        met = "—"
        target_text = "—"
        if target.startswith("ratio<="):
            limit = float(target.split("<=")[1])
            target_text = f"≤ {limit:g}× baseline"
            met = "—" if ratio is None else ("yes" if ratio <= limit else "**no**")
        elif target.startswith("wall<="):
            limit = float(target.split("<=")[1])
            target_text = f"≤ {limit * 1000:g} ms wall"
            met = "—" if mq is None else ("yes" if mq <= limit else "**no**")
        elif target == "interactive":
            # issue 16: at most 50 ms, or at most 2x a baseline that is faster than that
            target_text = "≤ 50 ms or ≤ 2× baseline"
            met = "—" if mq is None else (
                "yes" if mq <= 0.05 or (ratio is not None and ratio <= 2) else "**no**")
        elif target.startswith("p99<="):
            limit = float(target.split("<=")[1])
            target_text = f"p99 ≤ {limit * 1000:g} ms"
            tail = p99(os.path.join(args.results, f"{name}.mq.json"))
            met = "—" if tail is None else ("yes" if tail <= limit else "**no**")
        elif target.startswith("rss<="):
            limit = float(target.split("<=")[1])
            target_text = f"≤ {limit:g} MiB"
            kib = rss(os.path.join(args.results, f"{name}.mq.rss"))
            met = "—" if kib is None else ("yes" if kib <= limit * 1024 else "**no**")
        elif target.startswith("speedup>="):
            limit = float(target.split(">=")[1])
            target_text = f"≥ {limit:g}× faster"
            met = "—" if ratio is None else ("yes" if ratio <= 1 / limit else "**no**")
        mq_rss = rss(os.path.join(args.results, f"{name}.mq.rss"))
        base_rss = rss(os.path.join(args.results, f"{name}.base.rss"))
        mem_ok = "—" if mq_rss is None else ("yes" if mq_rss <= MEMORY_LIMIT_KIB else "**no**")
        ratio_text = "—" if ratio is None else f"{ratio:.2f}"
        mq_text, base_text = seconds(mq), seconds(base)
        if target.startswith("p99<="):  # medians, then the 99th percentiles
            mq_text += f", p99 {seconds(p99(os.path.join(args.results, f'{name}.mq.json')))}"
            if base is not None:
                tail = p99(os.path.join(args.results, f"{name}.base.json"))
                base_text += f", p99 {seconds(tail)}"
        print(f"| {label} | {mq_text} | {base_text} | {ratio_text} | {target_text} "
              f"| {met} | {mib(mq_rss)} | {mib(base_rss)} | {mem_ok} |")
    # memory-only measurements (e.g. the loading step's `import all`)
    for file in sorted(os.listdir(args.results)):
        if file.endswith(".mq.rss") and file[: -len(".mq.rss")] not in shown:
            name = file[: -len(".mq.rss")]
            kib = rss(os.path.join(args.results, file))
            ok = "—" if kib is None else ("yes" if kib <= MEMORY_LIMIT_KIB else "**no**")
            print(f"| {name} (memory only) | — | — | — | — | — | {mib(kib)} | — | {ok} |")


def check(results, ops, factor):
    """Prints each target missed by more than `factor` (memory: missed at all); 1 if any."""
    problems = []
    for name, label, target in ops:
        mq = median(os.path.join(results, f"{name}.mq.json"))
        base = median(os.path.join(results, f"{name}.base.json"))
        ratio = mq / base if mq is not None and base else None
        kib = rss(os.path.join(results, f"{name}.mq.rss"))
        kind, _, limit_text = target.partition("<=") if "<=" in target else target.partition(">=")
        limit = float(limit_text) if limit_text else None
        if kind == "interactive":
            if mq is None:
                problems.append(f"{label}: no timing (did a command fail?)")
            elif mq > 0.05 * factor and (ratio is None or ratio > 2 * factor):
                problems.append(f"{label}: {seconds(mq)} and {ratio or 0:.2f}x the baseline, "
                                f"over {factor:g} times both 50 ms and 2x")
        elif kind == "ratio":
            if ratio is None:
                problems.append(f"{label}: no timing (did a command fail?)")
            elif ratio > limit * factor:
                problems.append(f"{label}: {ratio:.2f}x the baseline, over {factor:g} times "
                                f"its {limit:g}x target")
        elif kind == "wall":
            if mq is None:
                problems.append(f"{label}: no timing (did a command fail?)")
            elif mq > limit * factor:
                problems.append(f"{label}: {seconds(mq)}, over {factor:g} times its "
                                f"{seconds(limit)} target")
        elif kind == "p99":
            tail = p99(os.path.join(results, f"{name}.mq.json"))
            if tail is None:
                problems.append(f"{label}: no timing (did a command fail?)")
            elif tail > limit * factor:
                problems.append(f"{label}: p99 {seconds(tail)}, over {factor:g} times its "
                                f"{seconds(limit)} target")
        elif kind == "speedup":
            if ratio is None:
                problems.append(f"{label}: no timing (did a command fail?)")
            elif ratio > factor / limit:
                problems.append(f"{label}: {1 / ratio:.1f}x faster than the baseline, less than "
                                f"the {limit:g}x target divided by {factor:g}")
        elif kind == "rss" and kib is None:
            problems.append(f"{label}: no peak memory (did the command fail?)")
        if kib is not None and kib > MEMORY_LIMIT_KIB:
            problems.append(f"{label}: peak RSS {mib(kib)} MiB, over 64 MiB")
    for problem in problems:
        print(f"report.py: {problem}", file=sys.stderr)
    if not problems:
        print(f"every target met within a factor of {factor:g} (memory: within 64 MiB)")
    return 1 if problems else 0


if __name__ == "__main__":
    main()
