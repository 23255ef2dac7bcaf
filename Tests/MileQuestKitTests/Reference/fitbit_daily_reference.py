#!/usr/bin/env python3
"""Expected walks of the Fitbit website export fixtures (fitbit-daily/), computed with
Python's csv, datetime and math.fsum only, independently of milequest.
Run: python3 fitbit_daily_reference.py FIXTURES_DIR (writes fitbit-daily/expected.json).

Rules (README "Strava, Google Fit, Fitbit"):
- a file is sections separated by blank lines, each a title line and a header; only the
  section titled "Activities" is read, its columns Date, Steps and Distance;
- cells are quoted numbers with "," grouping thousands and "." before decimals;
- a date is YYYY-MM-DD, DD-MM-YYYY or MM-DD-YYYY: the order under which every date of the
  file exists and consecutive rows are consecutive days most often;
- the distance is in the account's unit: kilometres for these files (their Body section
  writes kg), so metres = km * 1000;
- each day with a distance is one walk (fitbit:DATE) with the day's steps (none when 0)."""
import csv
import datetime
import glob
import json
import math
import os
import sys

ORDERS = {"ymd": "%Y-%m-%d", "dmy": "%d-%m-%Y", "mdy": "%m-%d-%Y"}


def activities(path):
    """The Activities rows of one file: [(date text, steps text, distance text)]."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    out, i = [], 0
    while i < len(rows):
        if rows[i] and rows[i][0].strip() == "Activities":
            header = [c.strip().lower() for c in rows[i + 1]]
            d, s, m = header.index("date"), header.index("steps"), header.index("distance")
            i += 2
            while i < len(rows) and any(c.strip() for c in rows[i]):
                out.append((rows[i][d], rows[i][s], rows[i][m]))
                i += 1
        i += 1
    return out


def dates(texts):
    best = None
    for order, fmt in ORDERS.items():
        try:
            days = [datetime.datetime.strptime(t, fmt).date() for t in texts]
        except ValueError:
            continue
        consecutive = sum(1 for a, b in zip(days, days[1:]) if (b - a).days == 1)
        if best is None or consecutive > best[0]:
            best = (consecutive, days)
    return best[1]


def main(fixtures):
    folder = os.path.join(fixtures, "fitbit-daily")
    walks = {}
    for path in sorted(glob.glob(os.path.join(folder, "fitbit_export_*.csv"))):
        rows = activities(path)
        for day, (_, steps, km) in zip(dates([r[0] for r in rows]), rows):
            metres = float(km.replace(",", "")) * 1000
            count = int(steps.replace(",", ""))
            if metres > 0:
                walks[day.isoformat()] = {
                    "date": day.isoformat(), "distance_m": round(metres, 6),
                    "steps": count if count > 0 else None,
                    "external_id": "fitbit:" + day.isoformat()}
    result = {
        "walks": [walks[k] for k in sorted(walks)],
        "total_m": round(math.fsum(w["distance_m"] for w in walks.values()), 6),
        "total_steps": sum(w["steps"] or 0 for w in walks.values()),
    }
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
