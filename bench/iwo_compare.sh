#!/bin/sh
# Side-by-side throughput of the Iwo Jima Lanchester grid: the Python peers
# an analyst would write, and `sandtable sweep` over the same 1,000,000-point
# grid (A = linspace(0.04, 0.07, n) on model.adversary_kill_rate paired with
# B = reversed linspace(0.008, 0.013, n) on model.coalition_kill_rate). It
# then times `sandtable export --csv` of the packed databases, with the
# scenario hashes stored and computed at export (--no-hash).
#
#   bench/iwo_compare.sh [PEER_SCRIPT] [SANDTABLE] [N] [SCIPY_N]
#
# PEER_SCRIPT is the peer program, by default bench/peers/iwo_peers.py
# (shipped here; needs python3-numpy and python3-scipy), run as
# `PEER_SCRIPT {scipy|loop|numpy|chunked} N` and printing
# "<mode>: <n> runs in <t> s = <rate> runs/s"; SANDTABLE defaults to
# build/sandtable; N to 1000000; SCIPY_N (scipy is slow) to 2000.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
peer=${1:-$root/bench/peers/iwo_peers.py}
sandtable=${2:-build/sandtable}
n=${3:-1000000}
scipy_n=${4:-2000}
python=${PYTHON:-/usr/bin/python3}
. "$root/bench/peers/require.sh"
require_peer "$python" "$peer" "$sandtable"
scenario=$root/scenarios/validation/iwo-jima.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rate_of_peer() { "$python" "$peer" "$1" "$2" | sed -n 's/.*= \([0-9,]*\) runs\/s.*/\1/p' | tr -d ,; }

# Runs one sandtable sweep; prints its runs/s (from its summary line).
rate_of_sweep() {
  sync  # let the previous run's database reach the disk first
  "$sandtable" sweep "$scenario" \
    --vary "model.adversary_kill_rate=linspace(0.04, 0.07, $n)" \
    --vary "model.coalition_kill_rate=reverse(linspace(0.008, 0.013, $n))" \
    --method zip "$@" 2>&1 >/dev/null | sed -n 's/^sweep: [0-9]* runs .*, \([0-9,]*\) runs\/s.*/\1/p' | tr -d ,
}

# Times `sandtable export --csv` of a database; prints its rows/s.
rate_of_export() {
  sync
  t0=$(date +%s.%N)
  "$sandtable" export "$1" --csv -o "$work/export.csv"
  t1=$(date +%s.%N)
  rm -f "$work/export.csv"
  awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", n / (b - a) }'
}

numpy=$(rate_of_peer numpy "$n")
chunked=$(rate_of_peer chunked "$n")
loop=$(rate_of_peer loop "$n")
scipy=$(rate_of_peer scipy "$scipy_n")
nostore=$(rate_of_sweep --no-store)
packed=$(rate_of_sweep -o "$work/packed.db" --layout packed)
nohash=$(rate_of_sweep -o "$work/nohash.db" --layout packed --no-hash)
export_packed=$(rate_of_export "$work/packed.db")
export_nohash=$(rate_of_export "$work/nohash.db")
rm -f "$work/packed.db" "$work/nohash.db"
columns=$(rate_of_sweep -o "$work/columns.db")

printf '%-44s %14s %10s\n' "Iwo Jima grid, $n points" "runs/s" "vs numpy"
row() { printf '%-44s %14s %10s\n' "$1" "$2" "$(awk -v a="$2" -v b="$numpy" 'BEGIN { printf "%.2fx", a / b }')"; }
row "python: scipy solve_ivp ($scipy_n points)" "$scipy"
row "python: plain loop" "$loop"
row "python: numpy, vectorised" "$numpy"
row "python: numpy, preallocated cache blocks" "$chunked"
row "sandtable sweep --no-store (analysis only)" "$nostore"
row "sandtable sweep, every row, --layout packed" "$packed"
row "  the same with --no-hash" "$nohash"
row "sandtable sweep, every row, columns" "$columns"

printf '\n%-44s %14s\n' "sandtable export --csv, $n rows, packed" "rows/s"
printf '%-44s %14s\n' "hashes stored by the sweep" "$export_packed"
printf '%-44s %14s\n' "hashes computed at export (--no-hash)" "$export_nohash"
