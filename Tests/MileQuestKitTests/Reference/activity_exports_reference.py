#!/usr/bin/env python3
"""Expected walks of the Strava, Google Fit and Fitbit fixtures under milequest's documented
rules (README "Strava, Google Fit, Fitbit"), computed with Python's csv, json, datetime,
zoneinfo and math.fsum only, independently of milequest.
Run: python3 activity_exports_reference.py FIXTURES_DIR (writes strava/expected.json,
googlefit/expected.json and fitbit/expected.json).

Rules:
- Strava activities.csv: the last `Distance` column is metres (the first is formatted in the
  athlete's unit); the last filled `Elapsed Time` is the duration; `Activity Date` is UTC
  ("Oct 5, 2014, 4:15:21 PM"), the walk's date its local date in the zone; the type maps to an
  activity (table below); an activity with 0 m is not a walk.
- Google Fit: a summary row's Date, Distance (m) and Step count; a per-day file YYYY-MM-DD.csv
  sums its intervals' Distance (m) and Step count. A day without distance is not a walk.
- Fitbit: distance values are centimetres, steps counts, dateTime "MM/DD/YY HH:MM:SS" UTC;
  summed per local day in the zone; a day without distance is not a walk."""
import csv
import datetime
import glob
import json
import math
import os
import sys
from zoneinfo import ZoneInfo

STRAVA_TYPES = {
    "walk": "walk", "run": "run", "trailrun": "run", "virtualrun": "run", "hike": "hike",
    "wheelchair": "wheelchair", "ride": "cycle", "mountainbikeride": "cycle",
    "gravelride": "cycle", "ebikeride": "cycle", "emountainbikeride": "cycle",
    "virtualride": "cycle", "handcycle": "cycle", "velomobile": "cycle", "swim": "swim",
}
ZONES = ["UTC", "America/New_York", "Asia/Tokyo"]


def strava(directory):
    with open(os.path.join(directory, "activities.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    at = lambda name: [i for i, h in enumerate(header) if h == name]
    distance, elapsed = at("Distance")[-1], at("Elapsed Time")
    result = {}
    for zone in ZONES:
        walks, without = [], 0
        for line, row in enumerate(rows[1:], start=2):
            metres = float(row[distance]) if row[distance] else 0.0
            if metres <= 0:
                without += 1
                continue
            start = datetime.datetime.strptime(row[at("Activity Date")[0]], "%b %d, %Y, %I:%M:%S %p")
            start = start.replace(tzinfo=datetime.timezone.utc)
            seconds = next(float(row[i]) for i in reversed(elapsed) if row[i])
            kind = "".join(c for c in row[at("Activity Type")[0]].lower() if c.isalpha())
            walks.append({
                "line": line,
                "external_id": "strava:" + row[at("Activity ID")[0]],
                "date": start.astimezone(ZoneInfo(zone)).date().isoformat(),
                "activity": STRAVA_TYPES.get(kind, "other"),
                "distance_m": metres,
                "duration_s": seconds,
                "note": row[at("Activity Name")[0]] or None,
            })
        result[zone] = {"walks": walks, "without_distance": without}
    return result


def google_fit(directory):
    days = []
    with open(os.path.join(directory, "Daily activity metrics.csv"), newline="") as f:
        for row in csv.DictReader(f):
            days.append({
                "file": "Daily activity metrics.csv",
                "date": row["Date"],
                "distance_m": float(row["Distance (m)"]) if row["Distance (m)"] else None,
                "steps": round(float(row["Step count"])) if row["Step count"] else None,
            })
    for path in sorted(glob.glob(os.path.join(directory, "????-??-??.csv"))):
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        metres = [float(r["Distance (m)"]) for r in rows if r["Distance (m)"]]
        steps = [float(r["Step count"]) for r in rows if r["Step count"]]
        days.append({
            "file": os.path.basename(path),
            "date": os.path.basename(path)[:10],
            "distance_m": math.fsum(metres) if metres else None,
            "steps": round(math.fsum(steps)) if steps else None,
        })
    return {"days": days}


def fitbit(directory):
    files = sorted(glob.glob(os.path.join(directory, "**", "Physical Activity", "*.json"), recursive=True))
    result = {}
    for zone in ZONES:
        distance, steps = {}, {}
        for path in files:
            name = os.path.basename(path)
            target = distance if name.startswith("distance-") else steps
            with open(path) as f:
                for entry in json.load(f):
                    when = datetime.datetime.strptime(entry["dateTime"], "%m/%d/%y %H:%M:%S")
                    when = when.replace(tzinfo=datetime.timezone.utc).astimezone(ZoneInfo(zone))
                    target.setdefault(when.date().isoformat(), []).append(float(entry["value"]))
        walks = []
        for day in sorted(distance):
            total = math.fsum(distance[day])
            if total <= 0:
                continue
            count = round(math.fsum(steps.get(day, [])))
            walks.append({
                "external_id": "fitbit:" + day,
                "date": day,
                "distance_m": total / 100,
                "steps": count if count > 0 else None,
            })
        result[zone] = {"walks": walks}
    return result


def main(root):
    for name, function in (("strava", strava), ("googlefit", google_fit), ("fitbit", fitbit)):
        directory = os.path.join(root, name)
        with open(os.path.join(directory, "expected.json"), "w") as f:
            json.dump(function(directory), f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
