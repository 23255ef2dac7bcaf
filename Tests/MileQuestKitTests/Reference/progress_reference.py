"""Reference values for ProgressCalculatorTests.swift (standard library only: math).

The route crosses the antimeridian between its 2nd and 3rd points. Geometry follows
GEODESY.md: central angle by the atan2 form (§1.3), R = 6 371 008.8 m, cumulative sums of leg
lengths, slerp inside the leg (§2.2). The progress numbers follow SPEC.md §1 and §3, written
from the spec, not from the Swift code.
"""
import math

R = 6371008.8
POINTS = [(-16.80, 179.95), (-16.79, 179.99), (-16.78, -179.98), (-16.75, -179.93)]


def central_angle(p, q):
    f1, l1 = map(math.radians, p)
    f2, l2 = map(math.radians, q)
    dl = l2 - l1
    y = math.hypot(math.cos(f2) * math.sin(dl),
                   math.cos(f1) * math.sin(f2) - math.sin(f1) * math.cos(f2) * math.cos(dl))
    x = math.sin(f1) * math.sin(f2) + math.cos(f1) * math.cos(f2) * math.cos(dl)
    return math.atan2(y, x)


def haversine_angle(p, q):
    f1, l1 = map(math.radians, p)
    f2, l2 = map(math.radians, q)
    a = math.sin((f2 - f1) / 2) ** 2 + math.cos(f1) * math.cos(f2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * math.atan2(math.sqrt(min(max(a, 0), 1)), math.sqrt(1 - min(max(a, 0), 1)))


def slerp(p, q, f):
    d = central_angle(p, q)
    f1, l1 = map(math.radians, p)
    f2, l2 = map(math.radians, q)
    a = math.sin((1 - f) * d) / math.sin(d)
    b = math.sin(f * d) / math.sin(d)
    x = a * math.cos(f1) * math.cos(l1) + b * math.cos(f2) * math.cos(l2)
    y = a * math.cos(f1) * math.sin(l1) + b * math.cos(f2) * math.sin(l2)
    z = a * math.sin(f1) + b * math.sin(f2)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


legs = [R * central_angle(POINTS[i], POINTS[i + 1]) for i in range(3)]
for i in range(3):
    assert abs(legs[i] - R * haversine_angle(POINTS[i], POINTS[i + 1])) < 1e-6
cum = [0.0]
for leg in legs:
    cum.append(cum[-1] + leg)
L = cum[-1]
print("legs", [repr(x) for x in legs])
print("cumulative", [repr(x) for x in cum])


def position(d):
    if d <= 0:
        return POINTS[0]
    if d >= L:
        return POINTS[-1]
    i = max(k for k in range(3) if cum[k] <= d)
    return slerp(POINTS[i], POINTS[i + 1], (d - cum[i]) / legs[i])


for d in [1000.0, 4500.0, 8200.0, 10000.0]:
    lat, lon = position(d)
    print(f"position at {d}: lat={lat!r} lon={lon!r}")

# --- Active scenario: goal 2026-03-02 … 2026-03-31, today 2026-03-12 -------------------------
# Counted walks (see the Swift test for why the others are excluded):
# 03-02 ana 2000, 03-03 ben 1500, 03-05 ana 2500, 03-09 cai 1000, 03-11 ana 1200.
counted = [(2, 2000.0), (3, 1500.0), (5, 2500.0), (9, 1000.0), (11, 1200.0)]  # (March day, m)
done = math.fsum(m for _, m in counted)
assert done == 8200.0
running, reached_dateline = 0.0, None
for day, m in counted:
    running += m
    if reached_dateline is None and running >= cum[2]:
        reached_dateline = day
print("dateline reached on March", reached_dateline)
assert cum[2] < done < L
remaining = L - done
print("percent", repr(done / L * 100))
print("remaining", repr(remaining))
today, start, end = 12, 2, 31
window_start = max(start, today - 13)
pace = done / (today - window_start + 1)
print("pace days", today - window_start + 1, "pace", repr(pace))
days_left = end - max(today, start) + 1
print("days_left", days_left, "needed", repr(remaining / days_left))
print("projected: March", today + math.ceil(remaining / pace), "ratio", remaining / pace)

# --- Completed scenario: add 03-14 3000, 03-16 2000, 03-18 1500; today 2026-03-25 ------------
more = counted + [(14, 3000.0), (16, 2000.0), (18, 1500.0)]
running, completed = 0.0, None
for day, m in more:
    running += m
    if completed is None and running >= L:
        completed = day
print("completed on March", completed, "counted", running)
window_end = min(25, 31, completed)
window_start = max(start, window_end - 13)
in_window = math.fsum(m for d, m in more if window_start <= d <= window_end)
print("completed pace window", window_start, window_end, "sum", in_window,
      "pace", repr(in_window / (window_end - window_start + 1)))
