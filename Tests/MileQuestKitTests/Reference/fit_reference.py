#!/usr/bin/env python3
"""Expected values for the FIT fixtures, computed by python-fitparse (MIT), independently of
milequest. Run: PYTHONPATH=/path/to/python-fitparse python3 fit_reference.py FIXTURE_DIR
(python-fitparse: https://github.com/dtcooper/python-fitparse, commit d88bb69, or
`pip install fitparse`). Writes expected.json beside the files."""
import json
import os
import sys

import fitparse

FIT_EPOCH = 631065600


def raw(message, name):
    for field in message.fields:
        if field.name == name:
            return field.raw_value
    return None


def main(directory):
    expected = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".fit"):
            continue
        path = os.path.join(directory, name)
        try:
            fit = fitparse.FitFile(path)
            fit.parse()
        except Exception as error:  # a file fitparse refuses is recorded as such
            expected[name] = {"fitparse_error": type(error).__name__}
            continue
        sessions = []
        for message in fit.get_messages("session"):
            start = raw(message, "start_time")
            distance = raw(message, "total_distance")
            elapsed = raw(message, "total_elapsed_time")
            timer = raw(message, "total_timer_time")
            sessions.append({
                "sport": raw(message, "sport"),
                "sub_sport": raw(message, "sub_sport"),
                "start_unix": None if start is None else start + FIT_EPOCH,
                "distance_m": None if distance is None else distance / 100,
                "elapsed_s": None if elapsed is None else elapsed / 1000,
                "timer_s": None if timer is None else timer / 1000,
            })
        positions = 0
        first = None
        for message in fit.get_messages("record"):
            lat = raw(message, "position_lat")
            lon = raw(message, "position_long")
            if lat is not None and lon is not None:
                positions += 1
                if first is None:
                    first = [lat * 180 / 2**31, lon * 180 / 2**31]
        offset = None
        for message in fit.get_messages("activity"):
            utc = raw(message, "timestamp")
            local = raw(message, "local_timestamp")
            if utc is not None and local is not None:
                offset = local - utc
        expected[name] = {
            "sessions": sessions, "positions": positions, "first_position": first,
            "utc_offset_s": offset,
        }
    with open(os.path.join(directory, "expected.json"), "w") as out:
        json.dump(expected, out, indent=1, sort_keys=True)
        out.write("\n")


main(sys.argv[1])
