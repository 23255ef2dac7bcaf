#!/usr/bin/env python3
"""The baseline of the Apple Health row: lxml.etree.iterparse over export.xml summing the same
records milequest sums (top-level distance Records of the four kinds and StepCount, per local
day, kind and source; Workouts' distances), clearing each element as it goes (the usual
streaming idiom). Prints the number of day/kind/source totals. Needs python3-lxml."""
import math
import sys
from collections import defaultdict

from lxml import etree

KINDS = {
    "HKQuantityTypeIdentifierDistanceWalkingRunning": "walking+running",
    "HKQuantityTypeIdentifierDistanceWheelchair": "wheelchair",
    "HKQuantityTypeIdentifierDistanceCycling": "cycling",
    "HKQuantityTypeIdentifierDistanceSwimming": "swimming",
}
UNITS = {"m": 1, "km": 1000, "cm": 0.01, "mi": 1609.344, "yd": 0.9144, "ft": 0.3048}


def main(path):
    samples = defaultdict(list)
    steps = defaultdict(list)
    workouts = defaultdict(list)
    depth = 0
    for event, element in etree.iterparse(path, events=("start", "end"), resolve_entities=False):
        if event == "start":
            depth += 1
            continue
        depth -= 1
        if depth == 1 and element.tag == "Record":
            typ = element.get("type")
            day = element.get("startDate")[:10]
            if typ in KINDS:
                key = (day, KINDS[typ], element.get("sourceName"))
                samples[key].append(float(element.get("value")) * UNITS[element.get("unit")])
            elif typ == "HKQuantityTypeIdentifierStepCount":
                steps[(day, element.get("sourceName"))].append(float(element.get("value")))
        elif depth == 1 and element.tag == "Workout":
            for stat in element.iter("WorkoutStatistics"):
                if stat.get("type") in KINDS and stat.get("sum"):
                    key = (element.get("startDate")[:10], KINDS[stat.get("type")], element.get("sourceName"))
                    workouts[key].append(float(stat.get("sum")) * UNITS[stat.get("unit")])
        if depth == 1:
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    totals = {k: math.fsum(v) for k, v in samples.items()}
    print(len(totals), len(steps), len(workouts))


if __name__ == "__main__":
    main(sys.argv[1])
