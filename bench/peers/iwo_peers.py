#!/usr/bin/python3
"""The Iwo Jima grid as an analyst would compute it without sandtable: the
peers that bench/iwo_compare.sh and bench/iwo_pairs.sh time sandtable
against. Needs only Debian's python3-numpy (and python3-scipy for `scipy`).

The workload: for N points of a grid over the two attrition coefficients
(a on the Japanese garrison's fire, linspace(0.04, 0.07, N); b on the
marines' fire, the reverse of linspace(0.008, 0.013, N)), run the daily
Lanchester square-law recursion of the battle for 36 days

    m' = max(m + landed(d) - a j, 0),   j' = max(j - b m, 0)

from m = 0 marines ashore and j = 21,500 defenders, with 54,000 marines
landed on day 1, 6,000 on day 3 and 13,000 on day 6 (the landing schedule
of scenarios/validation/iwo-jima.yaml).

usage: iwo_peers.py MODE N [BLOCK]
  loop      plain Python, one point at a time
  numpy     the whole grid at once, one NumPy expression a day (fresh
            temporaries every day): what most analysts write
  chunked   the strong peer: preallocated arrays written in place (out=),
            the grid cut into BLOCK-point blocks (default 65536) that stay
            in cache, all 36 days of a block before the next
  scipy     scipy.integrate.solve_ivp per point, landings as pulses
  check     runs loop, numpy and chunked on the grid and fails unless they
            agree to the last bit (scipy integrates a different, continuous
            model and is not compared)
Prints "<mode>: <n> runs in <t> s = <rate> runs/s".
"""
import sys
import time

import numpy as np

DAYS = 36
GARRISON = 21500.0
LANDED = {1: 54000.0, 3: 6000.0, 6: 13000.0}


def grid(n):
    a = np.linspace(0.04, 0.07, n)
    b = np.ascontiguousarray(np.linspace(0.008, 0.013, n)[::-1])
    return a, b


def by_loop(a, b):
    out = np.empty(len(a))
    for k, (ak, bk) in enumerate(zip(a.tolist(), b.tolist())):
        m, j = 0.0, GARRISON
        for d in range(1, DAYS + 1):
            m, j = max(m + LANDED.get(d, 0.0) - ak * j, 0.0), max(j - bk * m, 0.0)
        out[k] = m
    return out


def by_numpy(a, b):
    m = np.zeros(len(a))
    j = np.full(len(a), GARRISON)
    for d in range(1, DAYS + 1):
        m, j = np.maximum(m + LANDED.get(d, 0.0) - a * j, 0.0), np.maximum(j - b * m, 0.0)
    return m


def one_block(a, b, m, j, t, u):
    """36 days over one block in place; every array has the block's length."""
    m.fill(0.0)
    j.fill(GARRISON)
    for d in range(1, DAYS + 1):
        landed = LANDED.get(d, 0.0)
        # t = (m + landed) - a j, in the order by_numpy rounds it
        np.add(m, landed, out=t)
        np.multiply(a, j, out=u)
        np.subtract(t, u, out=t)
        # u = j - b m, from the day's old m
        np.multiply(b, m, out=u)
        np.subtract(j, u, out=u)
        np.maximum(t, 0.0, out=m)
        np.maximum(u, 0.0, out=j)
    return m


def by_blocks(a, b, size):
    n = len(a)
    out = np.empty(n)
    buffers = [np.empty(min(size, n)) for _ in range(4)]
    for start in range(0, n, size):
        stop = min(n, start + size)
        w = stop - start
        views = [x[:w] for x in buffers]
        out[start:stop] = one_block(a[start:stop], b[start:stop], *views)
    return out


def by_scipy(a, b):
    from scipy.integrate import solve_ivp

    def landed(t):
        for day, persons in LANDED.items():
            if day - 1 <= t < day:
                return persons
        return 0.0

    out = np.empty(len(a))
    for k, (ak, bk) in enumerate(zip(a.tolist(), b.tolist())):
        sol = solve_ivp(lambda t, y: [landed(t) - ak * y[1], -bk * y[0]], (0.0, DAYS),
                        [0.0, GARRISON], t_eval=[DAYS], max_step=0.25)
        out[k] = sol.y[0, -1]
    return out


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    mode, n = argv[1], int(argv[2])
    size = int(argv[3]) if len(argv) > 3 else 65536
    if n < 1 or size < 1:
        raise SystemExit("iwo_peers.py: N and BLOCK must be positive")
    a, b = grid(n)
    if mode == "check":
        ref = by_loop(a, b)
        for name, got in (("numpy", by_numpy(a, b)), ("chunked", by_blocks(a, b, size))):
            if not np.array_equal(got, ref):
                raise SystemExit(f"check: {name} differs from loop (max |diff| "
                                 f"{np.max(np.abs(got - ref))})")
        print(f"check: loop, numpy and chunked agree on {n} points")
        return
    modes = {"loop": lambda: by_loop(a, b), "numpy": lambda: by_numpy(a, b),
             "chunked": lambda: by_blocks(a, b, size), "scipy": lambda: by_scipy(a, b)}
    if mode not in modes:
        raise SystemExit(f"iwo_peers.py: unknown mode '{mode}' (expected one of "
                         f"{', '.join(modes)} or check)")
    t0 = time.perf_counter()
    out = modes[mode]()
    dt = time.perf_counter() - t0
    if not np.all(np.isfinite(out)):
        raise SystemExit(f"{mode}: non-finite result")
    print(f"{mode}: {n} runs in {dt:.3f} s = {n / dt:,.0f} runs/s")


if __name__ == "__main__":
    main(sys.argv)
