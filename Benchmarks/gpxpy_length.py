#!/usr/bin/env python3
"""Baseline for `milequest import gpx`: gpxpy parses the file and computes its 2-D length."""

import sys

import gpxpy

with open(sys.argv[1], encoding="utf-8") as f:
    gpx = gpxpy.parse(f)
print(gpx.length_2d())
