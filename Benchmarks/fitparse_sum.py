#!/usr/bin/env python3
"""The baseline of the FIT row: python-fitparse reading a FIT file's sessions and records (the
messages milequest reads). Run with PYTHONPATH at a git archive of python-fitparse (MIT), as
Tests/MileQuestKitTests/Reference/fit_reference.py does."""
import sys

import fitparse

fit = fitparse.FitFile(sys.argv[1])
records = sessions = 0
for message in fit.get_messages(["session", "lap", "record", "activity"]):
    if message.name == "record":
        records += 1
    elif message.name == "session":
        sessions += 1
print(sessions, records)
