"""Great-circle lengths of the built-in routes, for docs/catalog.md and a sanity check.

Run: python3 catalog_lengths.py [--legs | --markdown]  (standard library only: math, re, pathlib).
Reads the points straight from Sources/MileQuestKit/Catalog/BuiltinCatalog.swift, so it
always measures what ships. Geometry follows GEODESY.md: central angle by the atan2 form
(§1.3), R = 6 371 008.8 m, legs summed in order. With --legs it also prints every leg, to
spot a mistyped coordinate (a leg far longer than its neighbours); with --markdown it
prints the table of docs/catalog.md instead.
"""
import math
import pathlib
import re
import sys

R = 6371008.8
SWIFT = (pathlib.Path(__file__).resolve().parents[3]
         / "Sources/MileQuestKit/Catalog/BuiltinCatalog.swift")
STRING = r'"((?:[^"\\]|\\.)*)"'
POINT = re.compile(r'\bp\((-?\d+(?:\.\d+)?), (-?\d+(?:\.\d+)?)(?:, ' + STRING + r')?\)')


def central_angle(p, q):
    f1, l1 = map(math.radians, p)
    f2, l2 = map(math.radians, q)
    dl = l2 - l1
    y = math.hypot(math.cos(f2) * math.sin(dl),
                   math.cos(f1) * math.sin(f2) - math.sin(f1) * math.cos(f2) * math.cos(dl))
    x = math.sin(f1) * math.sin(f2) + math.cos(f1) * math.cos(f2) * math.cos(dl)
    return math.atan2(y, x)


def routes(text):
    """(key, name, trail metres or None, [(lat, lon, label)]) for each route in the file."""
    # The Pacific route keeps its points in a separate table; its trail length is their sum.
    pacific = re.search(r'pacificPoints = \[(.*?)\n  \]', text, re.S)
    # A route's own text runs from its initialiser to the end of its points table.
    route = re.compile(
        r'static let \w+ = BuiltinRoute\((.*?)(?:\n    \]\)|points: pacificPoints\))', re.S)
    for match in route.finditer(text):
        block = match.group(1)
        key = re.search(r'key: ' + STRING, block).group(1)
        name = re.search(r'name: ' + STRING, block).group(1)
        trail = re.search(r'trailLengthMetres: ([\d_]+)', block)
        body = block if trail else pacific.group(1)
        points = [(float(a), float(b), c) for a, b, c in POINT.findall(body)]
        yield key, name, float(trail.group(1).replace("_", "")) if trail else None, points


def markdown(text):
    print("| Key | Name | Points | Great-circle km | Trail km | Ratio |")
    print("|---|---|--:|--:|--:|--:|")
    for key, name, trail, points in routes(text):
        total = 0.0
        for a, b in zip(points, points[1:]):
            total += R * central_angle(a[:2], b[:2])
        trail = total if trail is None else trail
        name = name.replace("\\", "")
        print(f"| `{key}` | {name} | {len(points)} | {total / 1000:,.0f} | {trail / 1000:,.0f} "
              f"| {total / trail:.0%} |")


def main():
    text = SWIFT.read_text(encoding="utf-8")
    if "--markdown" in sys.argv:
        markdown(text)
        return
    show_legs = "--legs" in sys.argv
    print(f"{'key':22} {'points':>6} {'gc km':>9} {'trail km':>9} {'ratio':>6} {'max leg':>8}")
    for key, name, trail, points in routes(text):
        legs = [R * central_angle(a[:2], b[:2]) for a, b in zip(points, points[1:])]
        total = 0.0
        for leg in legs:
            total += leg
        trail = total if trail is None else trail
        print(f"{key:22} {len(points):6d} {total / 1000:9.1f} {trail / 1000:9.1f} "
              f"{total / trail:6.1%} {max(legs) / total:8.1%}")
        if show_legs:
            for (a, b, leg) in zip(points, points[1:], legs):
                print(f"    {a[2] or '-':32} -> {b[2] or '-':32} {leg / 1000:8.1f} km")


if __name__ == "__main__":
    main()
