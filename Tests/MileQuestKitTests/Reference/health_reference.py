#!/usr/bin/env python3
"""Expected walks of the Apple Health fixtures under milequest's documented rules, computed
with Python's xml.etree.ElementTree and math.fsum, independently of milequest.
Run: python3 health_reference.py FIXTURE_DIR (writes expected.json beside the files).

Rules (README "Apple Health"): per local day (the date written in startDate) and kind, the single
source with the largest total counts (ties: first source name); workouts count only on a day
with no samples of their kind; the walking+running walk carries the largest single-source step
total; a day with steps and no walking+running distance gives a walk without distance."""
import json
import math
import os
import sys
import xml.etree.ElementTree as ET

KINDS = {
    "HKQuantityTypeIdentifierDistanceWalkingRunning": "walking+running",
    "HKQuantityTypeIdentifierDistanceWheelchair": "wheelchair",
    "HKQuantityTypeIdentifierDistanceCycling": "cycling",
    "HKQuantityTypeIdentifierDistanceSwimming": "swimming",
}
WORKOUTS = {
    "HKWorkoutActivityTypeWalking": "walking+running",
    "HKWorkoutActivityTypeRunning": "walking+running",
    "HKWorkoutActivityTypeHiking": "walking+running",
    "HKWorkoutActivityTypeWheelchairWalkPace": "wheelchair",
    "HKWorkoutActivityTypeWheelchairRunPace": "wheelchair",
    "HKWorkoutActivityTypeCycling": "cycling",
    "HKWorkoutActivityTypeHandCycling": "cycling",
    "HKWorkoutActivityTypeSwimming": "swimming",
}
ORDER = ["walking+running", "wheelchair", "cycling", "swimming"]
UNITS = {"m": 1.0, "km": 1000.0, "cm": 0.01, "mi": 1609.344, "yd": 0.9144, "ft": 0.3048}


def best(candidates):
    chosen = None
    for source in sorted(candidates):
        total = math.fsum(candidates[source])
        if chosen is None or total > chosen[1]:
            chosen = (source, total)
    return chosen


def walks(path):
    root = ET.parse(path).getroot()
    samples, workouts, steps = {}, {}, {}
    for element in root:
        if element.tag == "Record":
            day = element.get("startDate")[:10]
            source = element.get("sourceName")
            kind = KINDS.get(element.get("type"))
            if kind:
                metres = float(element.get("value")) * UNITS[element.get("unit")]
                samples.setdefault((day, kind), {}).setdefault(source, []).append(metres)
            elif element.get("type") == "HKQuantityTypeIdentifierStepCount":
                steps.setdefault(day, {}).setdefault(source, []).append(float(element.get("value")))
        elif element.tag == "Workout":
            kind = WORKOUTS.get(element.get("workoutActivityType"))
            if not kind:
                continue
            metres = None
            if element.get("totalDistance") is not None:
                metres = float(element.get("totalDistance")) * UNITS[element.get("totalDistanceUnit")]
            else:
                for statistic in element.findall("WorkoutStatistics"):
                    if KINDS.get(statistic.get("type")) == kind and statistic.get("sum"):
                        metres = float(statistic.get("sum")) * UNITS[statistic.get("unit")]
                        break
            if metres is not None:
                day = element.get("startDate")[:10]
                workouts.setdefault((day, kind), {}).setdefault(element.get("sourceName"), []).append(metres)
    keys = set(samples) | set(workouts) | {(day, "walking+running") for day in steps}
    result = []
    for day, kind in sorted(keys, key=lambda k: (k[0], ORDER.index(k[1]))):
        from_workouts = (day, kind) not in samples
        candidates = (workouts if from_workouts else samples).get((day, kind), {})
        chosen = best(candidates)
        step = best(steps.get(day, {})) if kind == "walking+running" else None
        entry = {"day": day, "kind": kind, "from_workouts": from_workouts,
                 "steps": step[1] if step else None,
                 "candidates": {s: math.fsum(v) for s, v in candidates.items()}}
        if chosen and chosen[1] > 0:
            entry.update(source=chosen[0], metres=chosen[1])
        elif step and step[1] > 0:
            entry.update(source=step[0], metres=None, from_workouts=False)
        else:
            continue
        result.append(entry)
    return result


def main(directory):
    expected = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith(".xml"):
            expected[name] = walks(os.path.join(directory, name))
    with open(os.path.join(directory, "expected.json"), "w") as out:
        json.dump(expected, out, indent=1, sort_keys=True)
        out.write("\n")


main(sys.argv[1])
