#!/usr/bin/env python3
"""Expected walks of the Google Takeout Fitbit fixture (fitbit-takeout/) under milequest's
documented rules (README "Strava, Google Fit, Fitbit"), computed with Python's csv, json,
datetime, zoneinfo and math.fsum only, independently of milequest.
Run: python3 fitbit_takeout_reference.py FIXTURES_DIR (writes fitbit-takeout/expected.json).

Rules:
- Physical Activity_GoogleData/distance_*.csv (metres) and steps_*.csv: `timestamp` is an
  instant ("2024-03-02T14:00:19.09396Z"); a row repeated exactly counts once; totals per
  local day in the zone and per `data source`.
- Global Export Data/distance-*.json (centimetres) and steps-*.json: dateTime
  "MM/DD/YY HH:MM:SS" UTC; together one source, "Fitbit JSON".
- Per day, sources are never added: the source with the largest distance total counts, and
  the largest single-source step total gives the steps (ties: the first name in sort order).
  A day without distance is not a walk."""
import csv
import datetime
import glob
import json
import math
import os
import sys
from zoneinfo import ZoneInfo

ZONES = ["UTC", "America/New_York", "Asia/Tokyo"]


def instant(text):
    text = text.strip()
    assert text.endswith("Z"), text
    return datetime.datetime.fromisoformat(text[:-1]).replace(tzinfo=datetime.timezone.utc)


def totals(directory, zone):
    """{"distance"|"steps": {day: {source: [values]}}}"""
    out = {"distance": {}, "steps": {}}
    tz = ZoneInfo(zone)
    for path in sorted(glob.glob(os.path.join(directory, "**", "*.csv"), recursive=True)):
        name = os.path.basename(path)
        kind = "distance" if name.startswith("distance_") else "steps" if name.startswith("steps_") else None
        if kind is None:
            continue
        with open(path, newline="", encoding="utf-8") as f:
            text = f.read()
        if text.strip() == "no data":
            continue
        rows = list(csv.reader(text.splitlines()))
        header = [h.strip().lower() for h in rows[0]]
        t, v, s = header.index("timestamp"), header.index(kind), header.index("data source")
        seen = set()
        for row in rows[1:]:
            if not row:
                continue
            key = (row[t], row[s], row[v])
            if key in seen:
                continue
            seen.add(key)
            day = instant(row[t]).astimezone(tz).date().isoformat()
            out[kind].setdefault(day, {}).setdefault(row[s], []).append(float(row[v]))
    for path in sorted(glob.glob(os.path.join(directory, "**", "*.json"), recursive=True)):
        name = os.path.basename(path)
        kind = "distance" if name.startswith("distance-") else "steps" if name.startswith("steps-") else None
        if kind is None:
            continue
        with open(path) as f:
            for entry in json.load(f):
                when = datetime.datetime.strptime(entry["dateTime"], "%m/%d/%y %H:%M:%S")
                day = when.replace(tzinfo=datetime.timezone.utc).astimezone(tz).date().isoformat()
                value = float(entry["value"])
                out[kind].setdefault(day, {}).setdefault("Fitbit JSON", []).append(value)
    # The classic distance is centimetres: each source's day total in metres.
    result = {}
    for kind, days in out.items():
        result[kind] = {}
        for day, sources in days.items():
            result[kind][day] = {}
            for source, values in sources.items():
                total = math.fsum(values)
                if kind == "distance" and source == "Fitbit JSON":
                    total /= 100
                result[kind][day][source] = total
    return result


def largest(sources):
    best = None
    for source in sorted(sources):
        if best is None or sources[source] > best[1]:
            best = (source, sources[source])
    return best


def expected(directory):
    result = {}
    for zone in ZONES:
        sums = totals(directory, zone)
        walks = []
        for day in sorted(sums["distance"]):
            source, metres = largest(sums["distance"][day])
            if metres <= 0:
                continue
            steps = largest(sums["steps"].get(day, {}))
            count = round(steps[1]) if steps else 0
            walks.append({
                "external_id": "fitbit:" + day,
                "date": day,
                "distance_m": metres,
                "source": source,
                "steps": count if count > 0 else None,
            })
        result[zone] = {"walks": walks}
    return result


def main(root):
    directory = os.path.join(root, "fitbit-takeout")
    with open(os.path.join(directory, "expected.json"), "w") as f:
        json.dump(expected(os.path.join(directory, "Takeout")), f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
