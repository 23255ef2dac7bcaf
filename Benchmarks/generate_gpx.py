#!/usr/bin/env python3
"""A deterministic GPX 1.1 track for the `import gpx` benchmark.

One <trk> with one <trkseg> of N points (default 200,000, about 20 MB), each with <ele> and
<time> one second apart, starting 2026-06-01T06:00:00Z. Consecutive points are 1-3 m apart, so
the track is a few hundred kilometres (under milequest's 1,000-mile limit for one walk).
"""

import argparse
import datetime as dt
import math
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_file")
    parser.add_argument("--points", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=20260601)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = dt.datetime(2026, 6, 1, 6, 0, 0)
    lat, lon, ele, heading = 50.0657, -5.7132, 60.0, 0.6
    with open(args.out_file, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write('<gpx version="1.1" creator="milequest-bench" '
                'xmlns="http://www.topografix.com/GPX/1/1">\n')
        f.write("  <metadata><name>Benchmark track</name></metadata>\n")
        f.write("  <trk><name>Long walk</name><trkseg>\n")
        for i in range(args.points):
            t = (start + dt.timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            f.write(f'    <trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{ele:.1f}</ele>'
                    f"<time>{t}</time></trkpt>\n")
            step = rng.uniform(1.0, 3.0)  # metres
            heading += rng.uniform(-0.15, 0.15)
            lat += step * math.cos(heading) / 111_195.0
            lon += step * math.sin(heading) / (111_195.0 * math.cos(math.radians(lat)))
            ele = max(0.0, ele + rng.uniform(-0.5, 0.5))
        f.write("  </trkseg></trk>\n</gpx>\n")


if __name__ == "__main__":
    main()
