#!/usr/bin/env python3
"""Independent reference values for Tests/milequestTests/EndToEnd/ScenarioTests.swift.

Implements SPEC.md §1-§4 from the text of the spec, using only the standard library (`math`,
`datetime` for calendar arithmetic): haversine distances on a sphere of R = 6 371 008.8 m,
spherical interpolation (slerp) for positions, correctly rounded sums (`math.fsum`), membership
windows [joined, left), goal windows [start, end], daily caps, pace over the last 14 days,
standard competition ranking. It shares no code with milequest.

Run:  python3 Tests/milequestTests/Reference/scenario_reference.py
It prints Swift constants that ScenarioTests.swift pastes in (`Expected`). Keep the scenario
below and `Scenario` in ScenarioTests.swift identical.
"""
import math
from datetime import date, timedelta

R = 6_371_008.8          # IUGG mean radius R1, metres (SPEC §2)
MI = 1609.344            # metres per international mile
TODAY = date(2026, 3, 15)  # MILEQUEST_TODAY in the tests (a Sunday)

# ---------------------------------------------------------------- scenario (mirror in Swift)
STRIDE = {"ann": 0.762, "bob": 0.8, "cat": 0.762, "dan": 0.762, "hal": 0.762,
          "eve": 0.762, "fay": 0.762, "gus": 0.762}
# (team, member, joined, left)
MEMBERSHIPS = [
    ("Kiwis", "ann", "2026-02-01", None),
    ("Kiwis", "bob", "2026-02-01", None),
    ("Kiwis", "cat", "2026-02-01", None),
    ("Kiwis", "hal", "2026-02-01", None),
    ("Kiwis", "dan", "2026-02-20", None),          # late joiner
    ("Islanders", "eve", "2026-02-01", None),
    ("Islanders", "fay", "2026-02-01", "2026-03-01"),  # leaver: 03-01 no longer counts
    ("Islanders", "gus", "2026-02-01", None),
    ("Kiwis", "gus", "2026-03-05", None),          # gus in both teams from 03-05
]
# lat, lon, label; crosses the antimeridian between the first two points
ROUTE = [(10.0, 179.8, "Start Isle"), (10.1, -179.9, "Dateline Reef"),
         (10.0, -179.7, None), (9.9, -179.5, "Far Atoll")]
# (member, date, distance text); logged in this order (date order)
WALKS = [
    ("ann", "2026-02-01", "5km"),
    ("eve", "2026-02-02", "2km"),
    ("ann", "2026-02-03", "5km"),
    ("fay", "2026-02-03", "2km"),
    ("bob", "2026-02-04", "12000steps"),
    ("ann", "2026-02-05", "3.2mi"),
    ("cat", "2026-02-06", "8km"),
    ("gus", "2026-02-08", "1km"),
    ("eve", "2026-02-09", "2km"),
    ("ann", "2026-02-10", "5km"),
    ("ann", "2026-02-10", "5km"),
    ("dan", "2026-02-10", "5km"),       # before dan joined Kiwis
    ("bob", "2026-02-11", "12000steps"),
    ("fay", "2026-02-12", "2km"),
    ("cat", "2026-02-13", "8km"),
    ("gus", "2026-02-15", "1km"),
    ("eve", "2026-02-16", "2km"),
    ("ann", "2026-02-17", "800m"),
    ("bob", "2026-02-18", "12000 steps"),
    ("cat", "2026-02-20", "8km"),
    ("dan", "2026-02-21", "3.2mi"),
    ("eve", "2026-02-23", "3.2mi"),
    ("ann", "2026-02-24", "5km"),
    ("bob", "2026-02-25", "12000steps"),
    ("fay", "2026-02-26", "800m"),
    ("cat", "2026-02-27", "8km"),
    ("dan", "2026-02-28", "5km"),
    ("fay", "2026-03-01", "5km"),       # fay left Islanders on 03-01
    ("eve", "2026-03-02", "2km"),
    ("ann", "2026-03-03", "3.2mi"),
    ("bob", "2026-03-04", "9600m"),
    ("gus", "2026-03-05", "2km"),
    ("cat", "2026-03-06", "8km"),
    ("dan", "2026-03-07", "800m"),
    ("fay", "2026-03-08", "5km"),
    ("gus", "2026-03-09", "2km"),
    ("eve", "2026-03-09", "2km"),
    ("ann", "2026-03-10", "5km"),
    ("dan", "2026-03-12", "5km"),
    ("cat", "2026-03-13", "8km"),
    ("ann", "2026-03-14", "5km"),
    ("ann", "2026-03-15", "2"),         # a bare number is in the display unit (mi)
    ("gus", "2026-03-15", "1.5km"),
]
TEAMS = ["Kiwis", "Islanders"]
# name: (teams, mode, route?, target text?, start, end, daily cap metres)
GOALS = {
    "Dateline Race": (["Kiwis", "Islanders"], "race", True, None, "2026-02-02", "2026-04-30", None),
    "Kiwi Century": (["Kiwis"], "race", False, 200_000.0, "2026-02-09", "2026-03-31", 8000.0),
    "Pooled": (["Kiwis", "Islanders"], "together", True, None, "2026-03-01", None, None),
}


def d(text):
    return None if text is None else date.fromisoformat(text)


def metres(member, text):
    """SPEC §2 distance input: number + optional unit; bare numbers are miles."""
    t = text.strip()
    i = 0
    while i < len(t) and (t[i].isdigit() or t[i] == "."):
        i += 1
    number, unit = float(t[:i]), t[i:].strip().lower()
    factor = {"": MI, "mi": MI, "km": 1000.0, "m": 1.0, "steps": STRIDE[member]}[unit]
    return number * factor


# ---------------------------------------------------------------- geometry (SPEC §2)
def haversine_angle(p, q):
    phi1, phi2 = math.radians(p[0]), math.radians(q[0])
    dphi = math.radians(q[0] - p[0])
    dlam = math.radians(q[1] - p[1])
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    a = min(max(a, 0.0), 1.0)
    return 2 * math.asin(math.sqrt(a))


def vec(p):
    phi, lam = math.radians(p[0]), math.radians(p[1])
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def norm_lon(lon):
    lon = math.fmod(lon + 180.0, 360.0)
    if lon < 0:
        lon += 360.0
    return lon - 180.0


def slerp(p, q, f):
    delta = haversine_angle(p, q)
    a, b = math.sin((1 - f) * delta) / math.sin(delta), math.sin(f * delta) / math.sin(delta)
    u, v = vec(p), vec(q)
    x, y, z = (a * u[k] + b * v[k] for k in range(3))
    return (math.degrees(math.atan2(z, math.hypot(x, y))), norm_lon(math.degrees(math.atan2(y, x))))


LEGS = [R * haversine_angle(ROUTE[i], ROUTE[i + 1]) for i in range(len(ROUTE) - 1)]
CUM = [0.0]
for leg in LEGS:
    CUM.append(CUM[-1] + leg)
LENGTH = CUM[-1]


def position(dist):
    if dist <= 0:
        return ROUTE[0][:2]
    if dist >= LENGTH:
        return (ROUTE[-1][0], norm_lon(ROUTE[-1][1]))
    i = max(k for k in range(len(ROUTE) - 1) if CUM[k] <= dist)
    return slerp(ROUTE[i], ROUTE[i + 1], (dist - CUM[i]) / LEGS[i])


# ---------------------------------------------------------------- counting (SPEC §1, §3, §4)
WALK_ROWS = [(m, d(t), metres(m, x)) for m, t, x in WALKS]


def memberships(teams):
    return [(m, d(j), d(l)) for t, m, j, l in MEMBERSHIPS if t in teams]


def covers(ms, member, day):
    return any(m == member and j <= day and (l is None or day < l) for m, j, l in ms)


def in_range(day, start, end):
    return (start is None or day >= start) and (end is None or day <= end)


def counted_walks(teams, start=None, end=None):
    ms = memberships(teams)
    return [w for w in WALK_ROWS if in_range(w[1], start, end) and covers(ms, w[0], w[1])]


def daily_pieces(walks, cap):
    per_member_day = {}
    for m, day, x in walks:
        per_member_day.setdefault((m, day), []).append(x)
    per_day = {}
    for (m, day), xs in per_member_day.items():
        per_day.setdefault(day, []).extend([cap] if cap is not None and math.fsum(xs) > cap else xs)
    return sorted(per_day.items())


def marker(teams, goal):
    _, _, on_route, target_m, start, end, cap = goal
    target = LENGTH if on_route else target_m
    if on_route:
        stones = [(lab if lab else ("Start" if i == 0 else "Finish" if i == len(ROUTE) - 1 else None), CUM[i])
                  for i, (_, _, lab) in enumerate(ROUTE)]
        stones = [s for s in stones if s[0] is not None]
    else:
        stones = [(f"{round(f * 100)}%", target * f) for f in (0.25, 0.5, 0.75, 0.9, 1.0)]
    days = daily_pieces(counted_walks(teams, d(start), d(end)), cap)
    pieces, reached, arrived, margin = [], {}, None, math.inf
    for day, ps in days:
        pieces += ps
        total = math.fsum(pieces)
        for name, at in stones:
            margin = min(margin, abs(total - at))
            if name not in reached and total >= at:
                reached[name] = day
        if arrived is None and total >= target:
            arrived = day
    for name, at in stones:
        if at <= 0 and d(start) <= TODAY:
            reached[name] = d(start)
    counted = math.fsum(pieces)
    done = min(counted, target)
    return dict(counted=counted, done=done, target=target, stones=stones, reached=reached,
                arrived=arrived, days=days, margin=margin,
                position=position(done) if on_route else None)


def progress(name):
    teams, mode, on_route, _, start, end, _ = GOALS[name]
    goal = GOALS[name]
    groups = [[t] for t in teams] if mode == "race" and len(teams) > 1 else [teams]
    markers = [dict(marker(g, goal), name=" + ".join(g)) for g in groups]
    # race order: arrived first by day, then by distance, then by name
    markers.sort(key=lambda m: (m["arrived"] is None, m["arrived"] or date.max, -m["counted"], m["name"].lower()))
    lead = markers[0]
    completed = min((m["arrived"] for m in markers if m["arrived"]), default=None)
    status = "completed" if completed else "active"
    start, end = d(start), d(end)
    w_end = min(x for x in (TODAY, end, completed) if x is not None)
    w_start = max(start, w_end - timedelta(days=13))
    n = (w_end - w_start).days + 1 if w_end >= w_start else 0
    pace = math.fsum(x for day, ps in lead["days"] if w_start <= day <= w_end for x in ps) / n if n else 0.0
    remaining = lead["target"] - lead["done"]
    needed = None
    if end is not None and status == "active" and remaining > 0:
        left = (end - max(TODAY, start)).days + 1
        needed = remaining / left if left > 0 else None
    if completed:
        projected = completed
    elif pace > 0:
        projected = TODAY + timedelta(days=math.ceil(remaining / pace))
    else:
        projected = None
    passed = [s for s in lead["stones"] if s[1] <= lead["done"]]
    ahead = [s for s in lead["stones"] if s[1] > lead["done"]]
    return dict(status=status, markers=markers, lead=lead, completed=completed, pace=pace,
                remaining=remaining, needed=needed, projected=projected,
                last=passed[-1][0] if passed else None, next=ahead[0][0] if ahead else None,
                to_next=ahead[0][1] - lead["done"] if ahead else None)


def rank(rows):
    """rows: (name, value, ...) -> [(rank, row)], value desc, ties by name, 1,2,2,4."""
    rows = sorted(rows, key=lambda r: (-r[1], r[0].lower()))
    out = []
    for i, r in enumerate(rows):
        out.append((out[-1][0] if i and rows[i - 1][1] == r[1] else i + 1, r))
    return out


def member_board(teams, start=None, end=None, cap=None):
    ms = memberships(teams)
    rows = []
    for member in sorted({m for m, _, _ in ms}):
        own = [(m, j, l) for m, j, l in ms if m == member]
        if not any((end is None or j <= end) and (l is None or start is None or l > start) for _, j, l in own):
            continue
        walks = [w for w in WALK_ROWS if w[0] == member and in_range(w[1], start, end) and covers(own, member, w[1])]
        total = math.fsum(x for ps in (p for _, p in daily_pieces(walks, cap)) for x in ps)
        rows.append((member, total, len(walks)))
    return rank(rows)


def team_board():
    rows = []
    for team in TEAMS:
        ms = memberships([team])
        walks = counted_walks([team])
        rows.append((team, math.fsum(w[2] for w in walks), len(walks), len({m for m, _, _ in ms})))
    return rank(rows)


def stats(walks):
    total = math.fsum(w[2] for w in walks)
    per_day = {}
    for _, day, x in walks:
        per_day.setdefault(day, []).append(x)
    per_day = {k: math.fsum(v) for k, v in per_day.items()}
    days = sorted(per_day)
    longest = run = 0
    for i, day in enumerate(days):
        run = run + 1 if i and (day - days[i - 1]).days == 1 else 1
        longest = max(longest, run)
    cur, cursor = 0, TODAY if TODAY in per_day else TODAY - timedelta(days=1)
    while cursor in per_day:
        cur, cursor = cur + 1, cursor - timedelta(days=1)
    best_day = max(days, key=lambda k: (per_day[k], -k.toordinal()))
    per_week = {}
    for _, day, x in walks:
        per_week.setdefault(day - timedelta(days=day.isoweekday() - 1), []).append(x)
    per_week = {k: math.fsum(v) for k, v in per_week.items()}
    best_week = max(per_week, key=lambda k: (per_week[k], -k.toordinal()))
    return dict(total=total, walks=len(walks), active=len(per_day), current=cur, longest=longest,
                best_day=best_day, best_day_m=per_day[best_day], best_week=best_week,
                best_week_m=per_week[best_week], avg=total / len(per_day))


# ---------------------------------------------------------------- output as Swift constants
def s(x):
    if x is None:
        return "nil"
    if isinstance(x, date):
        return f'"{x.isoformat()}"'
    if isinstance(x, str):
        return f'"{x}"'
    return repr(x)


def emit_progress(name, p):
    lead = p["lead"]
    print(f'    // progress "{name}"')
    print(f'    .init(goal: {s(name)}, team: {s(lead["name"])}, status: {s(p["status"])},')
    print(f'      targetM: {s(lead["target"])}, doneM: {s(lead["done"])}, remainingM: {s(p["remaining"])},')
    print(f'      percent: {s(lead["done"] / lead["target"] * 100)},')
    pos = lead["position"]
    print(f'      position: {("(" + s(pos[0]) + ", " + s(pos[1]) + ")") if pos else "nil"},')
    print(f'      lastMilestone: {s(p["last"])}, nextMilestone: {s(p["next"])}, toNextM: {s(p["to_next"])},')
    stones = ", ".join(f'({s(n)}, {s(at)}, {s(lead["reached"].get(n))})' for n, at in lead["stones"])
    print(f'      milestones: [{stones}],')
    print(f'      completedOn: {s(p["completed"])}, paceMPerDay: {s(p["pace"])},')
    print(f'      neededMPerDay: {s(p["needed"])}, projectedOn: {s(p["projected"])},')
    teams = ", ".join(
        f'({s(m["name"])}, {s(m["done"])}, {s(m["done"] / m["target"] * 100)}, '
        + (f'({s(m["position"][0])}, {s(m["position"][1])})' if m["position"] else "nil")
        + f', {s(m["arrived"])})' for m in p["markers"])
    print(f'      teams: [{teams}]),')


if __name__ == "__main__":
    print("// Generated by Tests/milequestTests/Reference/scenario_reference.py (python "
          f"{'.'.join(map(str, __import__('sys').version_info[:3]))}); today = {TODAY}.")
    print(f"  static let routeLengthM = {LENGTH!r}")
    print(f"  static let routeCumulativeM: [Double] = {CUM!r}")
    print("  static let progress: [ExpectedProgress] = [")
    margins = []
    for name in GOALS:
        p = progress(name)
        margins += [m["margin"] for m in p["markers"]]
        emit_progress(name, p)
    print("  ]")
    race = progress("Dateline Race")
    entries = []
    for i, m in enumerate(race["markers"]):
        teams = [m["name"]]
        g = GOALS["Dateline Race"]
        n = len(counted_walks(teams, d(g[4]), d(g[5])))
        entries.append(f'({i + 1}, {s(m["name"])}, {s(m["counted"])}, {n})')
    print(f"  // leaderboard --goal 'Dateline Race' --teams: (rank, name, distance_m, walks);")
    print(f"  // distance_m is everything counted (the sum of the walks shown), not capped")
    print(f"  static let raceBoard: [BoardRow] = [{', '.join(entries)}]")
    print("  // leaderboard --teams (all time): (rank, name, distance_m, walks, members)")
    print("  static let teamsBoard: [TeamRow] = ["
          + ", ".join(f"({r}, {s(n)}, {s(t)}, {w}, {k})" for r, (n, t, w, k) in team_board()) + "]")
    print("  // leaderboard --team Kiwis (all time)")
    print("  static let kiwisBoard: [BoardRow] = ["
          + ", ".join(f"({r}, {s(n)}, {s(t)}, {w})" for r, (n, t, w) in member_board(["Kiwis"])) + "]")
    g = GOALS["Kiwi Century"]
    print("  // leaderboard --goal 'Kiwi Century' (members, capped at 8 km per member per day)")
    print("  static let centuryBoard: [BoardRow] = ["
          + ", ".join(f"({r}, {s(n)}, {s(t)}, {w})"
                      for r, (n, t, w) in member_board(["Kiwis"], d(g[4]), d(g[5]), g[6])) + "]")
    for label, walks in (("ann", [w for w in WALK_ROWS if w[0] == "ann"]),
                         ("Kiwis", counted_walks(["Kiwis"]))):
        st = stats(walks)
        print(f'  // stats {"--member" if label == "ann" else "--team"} {label}')
        print(f'  static let stats{label.capitalize()} = ExpectedStats(name: {s(label)}, distanceM: {s(st["total"])}, '
              f'walks: {st["walks"]}, activeDays: {st["active"]}, currentStreak: {st["current"]}, '
              f'longestStreak: {st["longest"]}, bestDay: {s(st["best_day"])}, bestDayM: {s(st["best_day_m"])}, '
              f'bestWeek: {s(st["best_week"])}, bestWeekM: {s(st["best_week_m"])}, averagePerActiveDayM: {s(st["avg"])})')
    print(f"  // smallest |running total - milestone| seen: {min(margins)!r} m (must be >> 1e-6)")
