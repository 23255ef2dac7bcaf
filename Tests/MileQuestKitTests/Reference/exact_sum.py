"""Reference values for ExactSumTests.swift: math.fsum, cross-checked with exact Fractions.

Run: python3 exact_sum.py  (standard library only: math, fractions).
The pseudo-random values come from SplitMix64 (Steele, Lea, Flood 2014), which the Swift
test re-implements with the same integer arithmetic, so both sides sum the same doubles.
"""
import math
from fractions import Fraction

MASK = (1 << 64) - 1


def splitmix64(seed, count):
    state = seed
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def value(z):
    """A double spanning 2^-20 … 2^43 in magnitude, either sign, built exactly from bits."""
    significand = z >> 11                    # 53 bits, exact as a double
    exponent = (z & 63) - 20                 # -20 … 43
    magnitude = math.ldexp(float(significand), exponent - 52)
    return -magnitude if (z >> 6) & 1 else magnitude


def exact(values):
    """Correctly rounded sum via exact rationals (float(Fraction) rounds half-even)."""
    return float(sum((Fraction(v) for v in values), Fraction(0)))


def check(name, values):
    f = math.fsum(values)
    assert f == exact(values), name
    naive = 0.0
    for v in values:
        naive += v
    print(f"{name}: fsum={f!r} naive={naive!r}")


check("1e16,1,-1e16", [1e16, 1.0, -1e16])
check("0.1x10", [0.1] * 10)
check("1e100 cancel", [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])
check("2^53,-0.5,-2^-54", [2.0**53, -0.5, -2.0**-54])
check("2^53,1,2^-100", [2.0**53, 1.0, 2.0**-100])
check("2^53+10,1,2^-100", [2.0**53 + 10.0, 1.0, 2.0**-100])
check("2^53-4,0.5,2^-54", [2.0**53 - 4.0, 0.5, 2.0**-54])
check("1e16,1,1e-16", [1e16, 1.0, 1e-16])
check("cancel to zero", [1e16 - 2.0, 1.0 - 2.0**-53, -(1e16 - 2.0), -(1.0 - 2.0**-53)])
check("harmonic 1000", [1.0 / n for n in range(1, 1001)])
check("alternating 1000", [(-1.0) ** n / n for n in range(1, 1001)])

for seed, count in [(20261120, 1000), (42, 5000)]:
    values = [value(z) for z in splitmix64(seed, count)]
    print(f"first three of seed {seed}: {values[:3]!r}")
    check(f"splitmix seed={seed} n={count}", values)
    # Order independence: the same multiset in other orders gives the same fsum.
    assert math.fsum(sorted(values)) == math.fsum(values)
    assert math.fsum(sorted(values, key=abs)) == math.fsum(values)
    assert math.fsum(values[::-1]) == math.fsum(values)
