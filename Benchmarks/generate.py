#!/usr/bin/env python3
"""Deterministic benchmark data set for milequest.

Writes into OUT_DIR:
  setup.json   an `export all` document (format milequest-export, version 1) with the members,
               teams, memberships, the route and the goals, and no walks; loaded with
               `milequest import all`
  walks.csv    the walks, `member,date,distance_m,duration_s,steps`, one per line, for
               `milequest import walks` (and the `sqlite3 .import` baseline)
  names.env    the names the benchmark queries use (shell variable assignments)

At scale 1 (the default): 10,000 members m00000..m09999 in 1,000 teams of 10 (team-000..),
with some late joiners, leavers and members who move to the next team mid-year; one route of
50,000 points (a milestone every 2,500 points); a goal per team along that route for 2026
(quest-000..) and up to 5 race goals of 10 teams each (race-0..); 1,000,000 walks spread over
2026 (100 per member). Everything scales with --scale (members, teams, walks, route points);
the seed is fixed, so the same scale gives byte-identical files.

With --walks N (issue 16's company-wide set, N = 1M, 5M or 10M): 100,000 members
m00000..m99999 in 10,000 teams of 10 (team-0000..), the same late joiners, leavers and movers,
the same route, a goal per team for the first 1,000 teams (quest-0000..) and 5 races; N walks
over 2026 with a realistic skew: a tenth of the members walk most days (weight 10), three
tenths a few times a week (weight 3), the rest rarely (weight 0.5), each member from a rate of
their own around their group's, weekends 30 % busier. Walks are drawn day by day (so memory
stays small at any N) and written sorted by day, then member.
"""

import argparse
import datetime as dt
import json
import itertools
import math
import os
import random

R = 6_371_008.8  # metres, IUGG mean radius, as milequest


def great_circle(lat1, lon1, lat2, lon2):
    """The atan2 form of the great-circle distance, as milequest computes it."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    a = math.cos(p2) * math.sin(dlon)
    b = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dlon)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dlon)
    return R * math.atan2(math.hypot(a, b), c)


def route_points(n):
    """A wiggly path from Lisbon eastwards, about 8,000 km long whatever n is."""
    points = []
    span = 95.0  # degrees of longitude
    for k in range(n):
        f = k / (n - 1)
        lon = -9.14 + span * f
        lat = 38.72 + 7.0 * math.sin(f * 9.0) + 0.8 * math.sin(f * 157.0)
        points.append((round(lat, 6), round(lon, 6)))
    return points


def write_skewed_walks(path, rng, handles, walks, year, days):
    """issue 16's walks: a few members walk most days, most rarely (see the module text)."""
    weights = []
    for _ in handles:
        group = rng.random()
        base = 10.0 if group < 0.1 else 3.0 if group < 0.4 else 0.5
        weights.append(base * rng.uniform(0.5, 1.5))
    cumulative = list(itertools.accumulate(weights))
    population = range(len(handles))
    day_weight = [1.3 if (year + dt.timedelta(days=d)).weekday() >= 5 else 1.0
                  for d in range(days)]
    scale = walks / sum(day_weight)
    written = 0
    with open(path, "w", newline="") as f:
        f.write("member,date,distance_m,duration_s,steps\n")
        for day in range(days):
            # The exact share of the walks left, so the file has exactly `walks` rows.
            n = (walks - written if day == days - 1
                 else round(scale * sum(day_weight[:day + 1])) - written)
            written += n
            date = (year + dt.timedelta(days=day)).isoformat()
            lines = []
            for member in sorted(rng.choices(population, cum_weights=cumulative, k=n)):
                metres = round(rng.uniform(800.0, 12_000.0), 1)
                seconds = round(metres / rng.uniform(1.1, 1.7))
                steps = round(metres / 0.762) if rng.random() < 0.5 else ""
                lines.append(f"{handles[member]},{date},{metres},{seconds},{steps}\n")
            f.write("".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--walks", type=int, default=None,
                        help="issue 16's set: 100,000 members, 10,000 teams, this many walks")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    rng = random.Random(args.seed)

    big = args.walks is not None
    if big:
        teams, walks, points = 10_000, args.walks, 50_000
        quests = 1_000
    else:
        teams = max(2, round(1000 * args.scale))
        walks = max(100, round(1_000_000 * args.scale))
        points = max(50, round(50_000 * args.scale))
        quests = teams
    members = teams * 10
    races = max(1, min(5, teams // 10))
    width = max(3, len(str(teams - 1)))
    year = dt.date(2026, 1, 1)
    days = 365

    handles = [f"m{i:05d}" for i in range(members)]
    team_names = [f"team-{t:0{width}d}" for t in range(teams)]

    memberships = []
    for t in range(teams):
        for slot in range(10):
            handle = handles[t * 10 + slot]
            joined, left = "2026-01-01", None
            if slot == 9 and t % 20 == 3:
                # moves to the next team on 1 July
                left = "2026-07-01"
                memberships.append(
                    {"team": team_names[(t + 1) % teams], "member": handle, "role": "member",
                     "joined": "2026-07-01", "left": None})
            elif slot == 8 and t % 20 == 11:
                joined = "2026-04-15"  # late registration
            elif slot == 7 and t % 20 == 17:
                left = "2026-10-01"  # leaves for good
            memberships.append(
                {"team": team_names[t], "member": handle,
                 "role": "captain" if slot == 0 else "member", "joined": joined, "left": left})

    pts = route_points(points)
    length = math.fsum(
        great_circle(*pts[i - 1], *pts[i]) for i in range(1, len(pts)))
    every = max(1, points // 20)
    route = {
        "name": "Grand Tour",
        "points": [
            {"lat": lat, "lon": lon,
             "label": ("Start" if i == 0 else "Finish" if i == points - 1
                       else f"M{i // every:02d}" if i % every == 0 else None)}
            for i, (lat, lon) in enumerate(pts)
        ],
    }

    goals = [
        {"name": f"quest-{t:0{width}d}", "route": "Grand Tour", "target_m": length,
         "mode": "race", "start": "2026-01-01", "end": "2026-12-31", "daily_cap_m": None,
         "state": "active", "teams": [team_names[t]]}
        for t in range(quests)
    ]
    for r in range(races):
        goals.append(
            {"name": f"race-{r}", "route": "Grand Tour", "target_m": length, "mode": "race",
             "start": "2026-01-01", "end": "2026-12-31", "daily_cap_m": None, "state": "active",
             "teams": team_names[r * 10:(r + 1) * 10]})

    document = {
        "format": "milequest-export", "version": 1,
        "members": [
            {"handle": h, "name": f"Member {h[1:]}", "email": None, "stride_m": 0.762,
             "archived_on": None}
            for h in handles
        ],
        "teams": [{"name": n, "description": None, "max_members": 50} for n in team_names],
        "memberships": memberships,
        "routes": [route],
        "goals": goals,
        "walks": [],
    }
    with open(os.path.join(args.out_dir, "setup.json"), "w") as f:
        json.dump(document, f, separators=(",", ":"))

    if big:
        write_skewed_walks(os.path.join(args.out_dir, "walks.csv"), rng, handles, walks, year, days)
    else:
        rows = []
        for _ in range(walks):
            member = rng.randrange(members)
            day = rng.randrange(days)
            metres = round(rng.uniform(800.0, 12_000.0), 1)
            seconds = round(metres / rng.uniform(1.1, 1.7))
            steps = round(metres / 0.762) if rng.random() < 0.5 else None
            rows.append((day, member, metres, seconds, steps))
        rows.sort(key=lambda r: (r[0], r[1]))
        with open(os.path.join(args.out_dir, "walks.csv"), "w", newline="") as f:
            f.write("member,date,distance_m,duration_s,steps\n")
            for day, member, metres, seconds, steps in rows:
                date = (year + dt.timedelta(days=day)).isoformat()
                f.write(f"{handles[member]},{date},{metres},{seconds},"
                        f"{'' if steps is None else steps}\n")

    with open(os.path.join(args.out_dir, "names.env"), "w") as f:
        f.write(f"MEMBERS={members}\nTEAMS={teams}\nWALKS={walks}\nROUTE_POINTS={points}\n")
        f.write(f"ROUTE_LENGTH_M={length!r}\n")
        f.write(f"TEAM0={team_names[0]}\nQUEST0=quest-{0:0{width}d}\n")


if __name__ == "__main__":
    main()
