#!/bin/sh
# A 1,000,000-point sweep of the Mosul base case written to SQLite: wall
# time, peak memory (GNU time) and the share of the time spent storing rows.
#
#   bench/mosul_1m.sh [SANDTABLE] [DATABASE]
set -eu
sandtable=${1:-build/sandtable}
db=${2:-/tmp/sandtable-mosul-1m.db}
root=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
/usr/bin/time -v "$sandtable" sweep "$root/scenarios/mosul-2015/base.yaml" \
  --vary calendar.d_day=2015-02-01:2015-05-11:1d \
  --vary forces.isf.training.course_days=28:55:3 \
  --vary "model.coalition_kill_rate=linspace(0.006, 0.014, 1000)" \
  -o "$db" --overwrite 2>"$log" >/dev/null
grep -E '^sweep: [0-9]+ runs' "$log"
grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$log"
ls -l "$db" | awk '{ printf "database: %.0f MB\n", $5 / 1e6 }'
