#!/usr/bin/env python3
"""Prints the benchmark table (Markdown) from run.sh's results directory.

For each operation in ops.tsv: the medians of NAME.mq.json and NAME.base.json (hyperfine
--export-json), their ratio, the target and whether it is met, and the peak RSS of one run of
each (NAME.mq.rss, NAME.base.rss, KiB from GNU time -v). milequest's peak RSS must be at most
64 MiB.
"""

import argparse
import glob
import json
import os
import statistics

MEMORY_LIMIT_KIB = 64 * 1024


def median(path):
    """The median of every run in NAME.json and its rounds NAME.1.json, NAME.2.json, ..."""
    stem = path[: -len(".json")]
    times = []
    for file in [path] + sorted(glob.glob(glob.escape(stem) + ".[0-9]*.json")):
        if os.path.exists(file):
            with open(file) as f:
                times += json.load(f)["results"][0]["times"]
    return statistics.median(times) if times else None


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
        print(f"| {label} | {seconds(mq)} | {seconds(base)} | {ratio_text} | {target_text} "
              f"| {met} | {mib(mq_rss)} | {mib(base_rss)} | {mem_ok} |")
    # memory-only measurements (e.g. the loading step's `import all`)
    for file in sorted(os.listdir(args.results)):
        if file.endswith(".mq.rss") and file[: -len(".mq.rss")] not in shown:
            name = file[: -len(".mq.rss")]
            kib = rss(os.path.join(args.results, file))
            ok = "—" if kib is None else ("yes" if kib <= MEMORY_LIMIT_KIB else "**no**")
            print(f"| {name} (memory only) | — | — | — | — | — | {mib(kib)} | — | {ok} |")


if __name__ == "__main__":
    main()
