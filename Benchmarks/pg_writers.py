#!/usr/bin/env python3
"""Concurrent writers on PostgreSQL: WRITERS processes at a time, each a member's own login,
each running `milequest log` LOGS times in a row; every `log`'s wall time is measured.

    pg_writers.py BIN ADDRESS-TEMPLATE OUT.json --writers 16 --logs 200 --first 1

ADDRESS-TEMPLATE holds `{login}`, replaced by each writer's handle (m00001, m00002, ...).
With --psql LOCK the writers run the baseline instead: `psql -c` of one INSERT of the login's
own walk under the advisory lock LOCK (milequest's writers' lock: without it concurrent
INSERTs would take the same id). Writes the times as hyperfine's JSON ({"results": [{"times": [...]}]}) for report.py, prints
the median, p99 and maximum, and exits 1 when a `log` fails.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin")
    parser.add_argument("address")
    parser.add_argument("out")
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--logs", type=int, default=200)
    parser.add_argument("--first", type=int, default=1, help="number of the first member")
    parser.add_argument("--psql", type=int, metavar="LOCK", help="time psql INSERTs instead")
    args = parser.parse_args()

    env = dict(os.environ)
    env.pop("MILEQUEST_USER", None)  # a member login acts as itself (--as is refused)
    times = []
    failures = []
    lock = threading.Lock()
    start = threading.Barrier(args.writers)

    def writer(index):
        handle = f"m{args.first + index:05d}"
        address = args.address.replace("{login}", handle)
        start.wait()
        for step in range(args.logs):
            day = 1 + step % 28
            if args.psql is not None:
                command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", address, "-c",
                           f"SELECT pg_advisory_xact_lock({args.psql}); "
                           "INSERT INTO walk(id, memberId, date, distanceMetres, source) "
                           "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM walk), "
                           f"mq_current_member(), '2026-12-{day:02d}', {1 + step % 9}000, "
                           "'manual')"]
            else:
                command = [args.bin, "--db", address, "log", f"{1 + step % 9}km",
                           "--date", f"2026-12-{day:02d}"]
            began = time.perf_counter()
            result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
            took = time.perf_counter() - began
            with lock:
                times.append(took)
                if result.returncode != 0:
                    failures.append(f"{handle} log {step}: exit {result.returncode}: "
                                    f"{result.stderr.strip()}")

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(args.writers)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    with open(args.out, "w") as f:
        json.dump({"results": [{"command": "concurrent writers", "times": times}]}, f)
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    what = "psql INSERTs" if args.psql is not None else "logs"
    print(f"   {len(times)} {what} by {args.writers} writers in {wall:.1f} s: "
          f"median {statistics.median(times) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
          f"max {ordered[-1] * 1000:.1f} ms")
    for failure in failures[:10]:
        print(f"pg_writers.py: {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
