#!/usr/bin/env python3
"""Expected values for the TCX fixtures, read with Python's own xml.etree.ElementTree,
independently of milequest. Run: python3 tcx_reference.py FIXTURE_DIR (writes expected.json)."""
import json
import os
import sys
import xml.etree.ElementTree as ET
from datetime import datetime

NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def unix(text):
    if text is None:
        return None
    return datetime.fromisoformat(text.strip().replace("Z", "+00:00")).timestamp()


def number(element):
    return None if element is None else float(element.text)


def main(directory):
    expected = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".tcx"):
            continue
        root = ET.parse(os.path.join(directory, name)).getroot()
        activities = []
        for activity in root.iter(NS + "Activity"):
            laps = []
            for lap in activity.findall(NS + "Lap"):
                laps.append({
                    "start_unix": unix(lap.get("StartTime")),
                    "total_s": number(lap.find(NS + "TotalTimeSeconds")),
                    "distance_m": number(lap.find(NS + "DistanceMeters")),
                })
            positions = 0
            for position in activity.iter(NS + "Position"):
                lat = number(position.find(NS + "LatitudeDegrees"))
                lon = number(position.find(NS + "LongitudeDegrees"))
                if lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180:
                    positions += 1
            identifier = activity.find(NS + "Id")
            activities.append({
                "sport": activity.get("Sport"),
                "start_unix": unix(identifier.text if identifier is not None else None),
                "laps": laps,
                "positions": positions,
            })
        expected[name] = activities
    with open(os.path.join(directory, "expected.json"), "w") as out:
        json.dump(expected, out, indent=1, sort_keys=True)
        out.write("\n")


main(sys.argv[1])
