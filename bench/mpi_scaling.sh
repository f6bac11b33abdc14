#!/usr/bin/env bash
# MPI scaling of a stored Mosul sweep, measured in pairs run back to back
# (A B A B ...), reported as the median of the pair ratios:
#   ranks: `mpirun -n 1 -j 1` (A) against `mpirun -n 2`, one thread per rank (B);
#   overhead: a plain sweep on two threads (A) against `mpirun -n 2`, one
#     thread per rank (B): the same cores, so the difference per point is
#     the cost of the MPI path (messages, the messenger thread, mpirun's start);
#   cores: one thread pinned to core 0 (A) against core 1 (B), to show
#     whether the machine's cores are equally fast.
#
#   bench/mpi_scaling.sh [SANDTABLE] [PAIRS] [KILL_RATE_LEVELS]
#
# The design is KILL_RATE_LEVELS (default 100) x 60 readiness levels of
# scenarios/mosul-2015/base.yaml, every row stored.
set -euo pipefail
sandtable=${1:-build/sandtable}
pairs=${2:-5}
levels=${3:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
vary=(--vary "model.coalition_kill_rate=linspace(0.006, 0.014, $levels)"
      --vary 'forces.isf.readiness=linspace(0.2, 0.8, 60)')
points=$((levels * 60))

# Wall seconds of one sweep started by "$@" (the command before `sweep`).
seconds() {
  rm -f "$work/r.db"
  sync
  local t0 t1
  t0=$EPOCHREALTIME
  "$@" "$sandtable" sweep "$root/scenarios/mosul-2015/base.yaml" "${vary[@]}" -q --yes \
    -o "$work/r.db" "${extra[@]}" > /dev/null
  t1=$EPOCHREALTIME
  awk "BEGIN { print $t1 - $t0 }"
}

median_ratio() { # name, then A and B times alternating
  local name=$1
  shift
  /usr/bin/python3 - "$name" "$points" "$@" <<'PY'
import statistics, sys
name, points, t = sys.argv[1], int(sys.argv[2]), [float(x) for x in sys.argv[3:]]
a, b = t[0::2], t[1::2]
r = [x / y for x, y in zip(a, b)]
print(f"{name}: A median {statistics.median(a):.3f} s, B median {statistics.median(b):.3f} s, "
      f"A/B pair ratios {', '.join(f'{x:.3f}' for x in r)}; median {statistics.median(r):.3f}; "
      f"per point A {1e6 * statistics.median(a) / points:.1f} us, B {1e6 * statistics.median(b) / points:.1f} us")
PY
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "design: $points points, stored"
times=()
for _ in $(seq "$pairs"); do
  extra=(-j 1); times+=("$(seconds mpirun -n 1)")
  extra=(); times+=("$(seconds mpirun -n 2)")
done
median_ratio "1 rank vs 2 ranks" "${times[@]}"
times=()
for _ in $(seq "$pairs"); do
  extra=(-j 2); times+=("$(seconds env)")
  extra=(); times+=("$(seconds mpirun -n 2)")
done
median_ratio "2 threads vs 2 ranks" "${times[@]}"
# On a virtual machine the cores need not be equally fast (another guest on
# the host's core): one thread pinned to each core in turn shows it, and
# bounds what two ranks can gain over one.
if command -v taskset > /dev/null; then
  times=()
  for _ in $(seq "$pairs"); do
    extra=(-j 1); times+=("$(seconds taskset -c 0)")
    extra=(-j 1); times+=("$(seconds taskset -c 1)")
  done
  median_ratio "core 0 vs core 1, one thread each" "${times[@]}"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
