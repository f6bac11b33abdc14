#!/bin/sh
# Interleaved speed pairs on the Iwo Jima grid: a NumPy peer, then
# `sandtable sweep --no-store` on the same N-point grid, PAIRS times (A B A
# B ...); prints each pair's ratio and the median ratio (sandtable / peer).
#
#   bench/iwo_pairs.sh [PEER_SCRIPT] [SANDTABLE] [N] [PAIRS] [MODE]
#
# PEER_SCRIPT defaults to bench/peers/iwo_peers.py (shipped here; needs
# python3-numpy) and is run as `PEER_SCRIPT MODE N`, printing
# "<mode>: <n> runs in <t> s = <rate> runs/s"; MODE is numpy (default) or
# chunked (the strong peer).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
peer=${1:-$root/bench/peers/iwo_peers.py}
sandtable=${2:-build/sandtable}
n=${3:-200000}
pairs=${4:-5}
mode=${5:-numpy}
python=${PYTHON:-/usr/bin/python3}
. "$root/bench/peers/require.sh"
require_peer "$python" "$peer" "$sandtable"
scenario=$root/scenarios/validation/iwo-jima.yaml
ratios=""
i=1
while [ "$i" -le "$pairs" ]; do
  a=$("$python" "$peer" "$mode" "$n" | sed -n 's/.*= \([0-9,]*\) runs\/s.*/\1/p' | tr -d ,)
  b=$("$sandtable" sweep "$scenario" \
    --vary "model.adversary_kill_rate=linspace(0.04, 0.07, $n)" \
    --vary "model.coalition_kill_rate=reverse(linspace(0.008, 0.013, $n))" \
    --method zip --no-store 2>&1 >/dev/null |
    sed -n 's/^sweep: [0-9]* runs .*, \([0-9,]*\) runs\/s.*/\1/p' | tr -d ,)
  r=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f", b / a }')
  echo "pair $i: $mode $a runs/s, sandtable $b runs/s, ratio $r"
  ratios="$ratios $r"
  i=$((i + 1))
done
echo "$ratios" | tr ' ' '\n' | sed '/^$/d' | sort -n |
  awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
         printf "median ratio sandtable/peer over %d pairs: %.3f\n", NR, m }'
