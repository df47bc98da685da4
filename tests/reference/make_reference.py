#!/usr/bin/env python3
"""Generate tests/reference/reference.json: reference values from well-known libraries for the
statistics in src/model/stats.rs, checked by tests/reference.rs.

    python3 tests/reference/make_reference.py

Deterministic: all data comes from numpy's default_rng with a fixed seed, so re-running gives
the same file (given the same numpy/scipy/pingouin). Requires numpy, scipy, pingouin, mpmath.

What is referenced, and the independent cross-check asserted here before anything is written:
- normal_cdf      scipy.stats.norm.cdf          vs mpmath.ncdf at 50 digits (also stored,
                                                 as "exact", rounded to the nearest double)
- cronbach_alpha  pingouin.cronbach_alpha       vs the textbook formula, in exact rationals
- ls_slope        numpy.polyfit(x, y, 1)[0]     vs scipy.stats.linregress and exact rationals
- sample_sd       numpy.std(ddof=1)             vs statistics.stdev and exact rationals (mpmath sqrt)

Every input is written as a Python float (shortest round-trip repr) and every reference is
computed from exactly those floats, so the Rust side reads bit-identical inputs.
"""

from __future__ import annotations

import json
import statistics
from fractions import Fraction
from pathlib import Path

import mpmath
import numpy as np
import pandas as pd
import pingouin
import scipy
import scipy.stats

SEED = 20_260_415
OUT = Path(__file__).with_name("reference.json")
mpmath.mp.dps = 50

rng = np.random.default_rng(SEED)


def rel_err(a: float, b: float) -> float:
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def floats(xs) -> list[float]:
    return [float(x) for x in xs]


# ---------------------------------------------------------------- normal CDF
def normal_cdf_cases() -> list[dict]:
    zs: list[float] = []
    # An even grid with awkward steps, then random points, then points that matter.
    zs += floats(np.linspace(-8.0, 8.0, 121))
    zs += floats(np.round(rng.uniform(-8.0, 8.0, 80), 6))
    zs += [
        0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 5.0, -5.0, 8.0, -8.0,
        0.5, -0.5, 1e-10, -1e-10, 0.7071067811865476, -0.7071067811865476,
        1.959963984540054, -1.959963984540054,  # 97.5% / 2.5%
        1.6448536269514722, -1.6448536269514722,  # 95% / 5%
        0.6744897501960817, -0.6744897501960817,  # quartiles
        2.3263478740408408, -2.3263478740408408,  # 99% / 1%
    ]
    cases = []
    for z in zs:
        ref = float(scipy.stats.norm.cdf(z))
        exact = float(mpmath.ncdf(mpmath.mpf(z)))
        # scipy must agree with a 50-digit evaluation: 1 ulp-ish absolute, tight relative.
        assert abs(ref - exact) <= 2e-16, (z, ref, exact)
        assert rel_err(ref, exact) <= 1e-14, (z, ref, exact)
        cases.append({"z": z, "cdf": ref, "exact": exact})
    return cases


# ---------------------------------------------------------------- Cronbach's alpha
def alpha_exact(rows: list[list[float]]) -> Fraction:
    """alpha = k/(k-1) * (1 - sum of item variances / variance of totals), exactly."""

    def var(xs: list[Fraction]) -> Fraction:
        m = sum(xs) / len(xs)
        return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)

    fr = [[Fraction(x) for x in r] for r in rows]
    k = len(fr[0])
    item_var = sum(var([r[j] for r in fr]) for j in range(k))
    total_var = var([sum(r) for r in fr])
    return Fraction(k, k - 1) * (1 - item_var / total_var)


def random_items(n: int, k: int, kind: str) -> np.ndarray:
    if kind == "independent":
        return rng.integers(1, 6, size=(n, k)).astype(float)
    if kind == "correlated":
        # One latent attitude per respondent plus item noise, rounded onto the 1–5 scale.
        strength = rng.uniform(0.5, 1.5)
        latent = rng.normal(3.0, strength, size=(n, 1))
        noise = rng.normal(0.0, rng.uniform(0.4, 1.2), size=(n, k))
        return np.clip(np.rint(latent + noise), 1, 5)
    if kind == "continuous":
        latent = rng.normal(0.0, 1.0, size=(n, 1))
        return np.round(latent + rng.normal(0.0, 0.8, size=(n, k)), 3)
    raise ValueError(kind)


def cronbach_cases() -> list[dict]:
    shapes = [(3, 2), (3, 5), (4, 2), (5, 3), (200, 20), (200, 2), (150, 18), (10, 20)]
    kinds = ["independent", "correlated", "correlated", "independent", "correlated",
             "correlated", "independent", "correlated"]
    while len(shapes) < 26:
        shapes.append((int(rng.integers(3, 201)), int(rng.integers(2, 21))))
        kinds.append("correlated" if len(shapes) % 3 else "independent")
    for _ in range(4):
        shapes.append((int(rng.integers(5, 60)), int(rng.integers(2, 10))))
        kinds.append("continuous")

    cases = []
    for (n, k), kind in zip(shapes, kinds):
        while True:
            data = random_items(n, k, kind)
            rows = [floats(r) for r in data]
            totals = data.sum(axis=1)
            if np.ptp(totals) == 0:
                continue  # no variance in totals: alpha undefined, not a reference case
            exact = alpha_exact(rows)
            # Relative error is meaningless for alpha ~ 0; keep cases clear of it.
            if abs(exact) < Fraction(1, 1000):
                continue
            break
        alpha, _ci = pingouin.cronbach_alpha(data=pd.DataFrame(data))
        alpha = float(alpha)
        assert rel_err(alpha, float(exact)) <= 1e-12, (n, k, alpha, float(exact))
        cases.append({"name": f"{kind} {n}x{k}", "rows": rows, "alpha": alpha})
    return cases


# ---------------------------------------------------------------- least-squares slope
def slope_exact(xs: list[float], ys: list[float]) -> Fraction:
    fx = [Fraction(x) for x in xs]
    fy = [Fraction(y) for y in ys]
    mx = sum(fx) / len(fx)
    my = sum(fy) / len(fy)
    sxy = sum((x - mx) * (y - my) for x, y in zip(fx, fy))
    sxx = sum((x - mx) ** 2 for x in fx)
    return sxy / sxx


def slope_cases() -> list[dict]:
    cases = []

    def add(name: str, xs, ys) -> None:
        xs, ys = floats(xs), floats(ys)
        poly = float(np.polyfit(xs, ys, 1)[0])
        lin = float(scipy.stats.linregress(xs, ys).slope)
        exact = float(slope_exact(xs, ys))
        assert rel_err(poly, lin) <= 1e-10, (name, poly, lin)
        assert rel_err(poly, exact) <= 1e-10, (name, poly, exact)
        assert rel_err(lin, exact) <= 1e-10, (name, lin, exact)
        cases.append({"name": name, "x": xs, "y": ys, "slope": poly})

    add("two points", [1.0, 3.0], [10.0, 4.0])
    add("exact line", [1.0, 2.0, 3.0, 4.0, 5.0], [3.0, 5.0, 7.0, 9.0, 11.0])
    add("fractional line", [0.5, 1.25, 2.0, 7.5], [0.1, 0.7, 1.3, 5.7])
    add("two distinct x with repeats", [2.0, 2.0, 5.0, 5.0, 5.0], [1.0, 3.0, 4.0, 6.0, 8.0])
    add("negative slope integers", list(range(10)), [50 - 3 * i for i in range(10)])

    # Survey dates as Excel serials around 45000 (2023) with SEQ scores 0–100 and noise.
    for i in range(14):
        n = int(rng.integers(3, 80))
        start = 45000 + int(rng.integers(0, 1000))
        gaps = rng.integers(1, 120, size=n)
        xs = start + np.cumsum(gaps) - gaps[0]
        trend = rng.uniform(-0.2, 0.2)  # points per day
        ys = np.clip(60 + trend * (xs - xs[0]) + rng.normal(0, rng.uniform(1, 15), n), 0, 100)
        add(f"excel serials {n} surveys", xs.astype(float), np.round(ys, 2))

    # Fractional serials (date and time of day), unsorted, a few repeats.
    for i in range(4):
        n = int(rng.integers(5, 60))
        xs = np.round(45000 + rng.uniform(0, 730, n), 4)
        xs[: n // 5] = xs[0]
        ys = 70 - 0.03 * (xs - 45000) + rng.normal(0, 5, n)
        add(f"fractional serials {n}", xs, np.round(ys, 3))

    # Generic noisy data at different scales.
    for i in range(7):
        n = int(rng.integers(3, 120))
        scale = 10.0 ** int(rng.integers(-3, 4))
        xs = np.round(rng.normal(0, scale, n), 5)
        ys = np.round(rng.uniform(-2, 2) * xs + rng.normal(0, scale, n), 5)
        add(f"noisy scale {scale:g} n={n}", xs, ys)
    return cases


# ---------------------------------------------------------------- sample standard deviation
def sd_exact(xs: list[float]) -> float:
    fx = [Fraction(x) for x in xs]
    m = sum(fx) / len(fx)
    var = sum((x - m) ** 2 for x in fx) / (len(fx) - 1)
    return float(mpmath.sqrt(mpmath.mpf(var.numerator) / var.denominator))


def sd_cases() -> list[dict]:
    cases = []

    def add(name: str, xs) -> None:
        xs = floats(xs)
        ref = float(np.std(xs, ddof=1))
        exact = sd_exact(xs)
        assert rel_err(ref, exact) <= 1e-12, (name, ref, exact)
        assert rel_err(float(statistics.stdev(xs)), exact) <= 1e-15, (name, exact)
        cases.append({"name": name, "x": xs, "sd": ref})

    add("two values", [1.0, 2.0])
    add("constant", [3.5, 3.5, 3.5, 3.5])
    add("ratings 1-5", [1.0, 2.0, 3.0, 4.0, 5.0])
    add("large offset", [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4])
    add("tiny values", [1e-12, 3e-12, 2e-12, 7e-12])
    for i in range(9):
        n = int(rng.integers(2, 300))
        add(f"integer ratings n={n}", rng.integers(1, 6, n).astype(float))
    for i in range(8):
        n = int(rng.integers(2, 200))
        add(f"scores 0-100 n={n}", np.round(np.clip(rng.normal(65, 15, n), 0, 100), 2))
    for i in range(5):
        n = int(rng.integers(3, 100))
        add(f"excel serials n={n}", np.round(45000 + rng.uniform(0, 365, n), 3))
    for i in range(3):
        n = int(rng.integers(3, 50))
        scale = 10.0 ** int(rng.integers(-6, 7))
        add(f"normal scale {scale:g} n={n}", np.round(rng.normal(0, scale, n) / scale, 6) * scale)
    return cases


def main() -> None:
    ref = {
        "about": "Reference values for src/model/stats.rs; regenerate with "
                 "`python3 tests/reference/make_reference.py`.",
        "generator": {
            "seed": SEED,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "pingouin": pingouin.__version__,
            "mpmath": mpmath.__version__,
        },
        "normal_cdf": normal_cdf_cases(),
        "cronbach_alpha": cronbach_cases(),
        "ls_slope": slope_cases(),
        "sample_sd": sd_cases(),
    }
    text = json.dumps(ref, separators=(",", ":"), allow_nan=False)
    OUT.write_text(text + "\n")
    counts = {k: len(v) for k, v in ref.items() if isinstance(v, list)}
    print(f"wrote {OUT} ({len(text) / 1024:.0f} KB): {counts}")


if __name__ == "__main__":
    main()
