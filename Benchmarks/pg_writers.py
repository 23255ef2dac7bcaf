#!/usr/bin/env python3
"""Concurrent writers on PostgreSQL: WRITERS processes at a time, each a member's own login,
each running `milequest log` LOGS times in a row; every `log`'s wall time is measured.

    pg_writers.py BIN ADDRESS-TEMPLATE OUT.json --writers 16 --logs 200 --first 1 [--session]

ADDRESS-TEMPLATE holds `{login}`, replaced by each writer's handle (m00001, m00002, ...).
With --psql LOCK the writers run the baseline instead: `psql -c` of one INSERT of the login's
own walk under the advisory lock LOCK (milequest's writers' lock: without it concurrent
INSERTs would take the same id). Writes the times as hyperfine's JSON ({"results": [{"times": [...]}]}) for report.py, prints
the median, p99 and maximum, and exits 1 when a `log` fails.

With --session each writer is ONE client process that logs LOGS times over its connection,
as a program that keeps its connection does: `milequest shell` reading the `log` lines from
its standard input (the shell keeps a server's connection from one command to the next), or
one `psql` reading the INSERTs. A `log`'s time is from writing its line to reading its output.
milequest prints a command's output before it commits, and commits before it reads the next
line, so each time but the first also holds the commit of the `log` before it: every commit
is counted once, one place late (the last one in the process's exit, not timed). psql's
INSERTs are timed to the `\echo` after their COMMIT.
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
    parser.add_argument("--session", action="store_true",
                        help="one client process per writer (milequest shell, or psql)")
    args = parser.parse_args()

    env = dict(os.environ)
    env.pop("MILEQUEST_USER", None)  # a member login acts as itself (--as is refused)
    times = []
    failures = []
    lock = threading.Lock()
    start = threading.Barrier(args.writers)

    def insert_sql(step):
        day = 1 + step % 28
        return (f"SELECT pg_advisory_xact_lock({args.psql}); "
                "INSERT INTO walk(id, memberId, date, distanceMetres, source) "
                "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM walk), "
                f"mq_current_member(), '2026-12-{day:02d}', {1 + step % 9}000, "
                "'manual')")

    def session_writer(index):
        handle = f"m{args.first + index:05d}"
        address = args.address.replace("{login}", handle)
        if args.psql is not None:
            command = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", address]
        else:
            command = [args.bin, "--db", address, "shell"]
        process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   bufsize=1)
        start.wait()
        for step in range(args.logs):
            day = 1 + step % 28
            if args.psql is not None:
                line = f"BEGIN; {insert_sql(step)}; COMMIT;\n\\echo __done__\n"
            else:
                line = f"log {1 + step % 9}km --date 2026-12-{day:02d}\n"
            began = time.perf_counter()
            try:
                process.stdin.write(line)
                process.stdin.flush()
                while True:
                    output = process.stdout.readline()
                    if not output:
                        raise BrokenPipeError("the client ended")
                    if args.psql is None or output.strip() == "__done__":
                        break
            except (BrokenPipeError, OSError) as error:
                with lock:
                    failures.append(f"{handle} log {step}: {error}: "
                                    f"{process.stderr.read().strip()}")
                return
            took = time.perf_counter() - began
            with lock:
                times.append(took)
        process.stdin.close()
        code = process.wait()
        if code != 0:
            with lock:
                failures.append(f"{handle}: exit {code}: {process.stderr.read().strip()}")

    def writer(index):
        if args.session:
            session_writer(index)
            return
        handle = f"m{args.first + index:05d}"
        address = args.address.replace("{login}", handle)
        start.wait()
        for step in range(args.logs):
            day = 1 + step % 28
            if args.psql is not None:
                command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", address, "-c",
                           insert_sql(step)]
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
    if args.session:
        what += " (one session per writer)"
    print(f"   {len(times)} {what} by {args.writers} writers in {wall:.1f} s: "
          f"median {statistics.median(times) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
          f"max {ordered[-1] * 1000:.1f} ms")
    for failure in failures[:10]:
        print(f"pg_writers.py: {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
