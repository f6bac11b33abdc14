#!/usr/bin/env bash
# MPI sweeps (docs/cluster.md): under `mpirun -n 1, 2 and 4` a 3,000-point
# Mosul design exports the same table as a single-process, single-thread
# sweep; and after one rank of a running `mpirun -n 3` sweep is killed
# (kill -9 of a worker, then of rank 0), --resume finishes it to the same
# table, with no duplicate or missing index. Ensembles (printed and
# stored), decide and fit print the same bytes under mpirun -n 2 and 3 as
# in one process.
#
# Usage: mpi_sweep_test.sh SANDTABLE_EXE SOURCE_DIR
set -euo pipefail
exe=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# CI runs as root; Open MPI refuses that unless told.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpirun=(mpirun --oversubscribe)
scenario=$src/scenarios/mosul-2015/base.yaml
small=(--vary 'model.coalition_kill_rate=linspace(0.006, 0.014, 50)'
       --vary 'forces.isf.readiness=linspace(0.2, 0.8, 60)')
large=(--vary 'model.coalition_kill_rate=linspace(0.006, 0.014, 200)'
       --vary 'forces.isf.readiness=linspace(0.2, 0.8, 150)')
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
digest() { "$exe" export "$1" | sha256sum | cut -d' ' -f1; }

"$exe" sweep "$scenario" "${small[@]}" -j 1 -q -o "$tmp/one.db"
reference=$(digest "$tmp/one.db")
rows=$("$exe" export "$tmp/one.db" | wc -l)
[[ $rows -eq 3001 ]] || fail "the reference holds $((rows - 1)) runs, not 3,000"

for n in 1 2 4; do
  timeout 300 "${mpirun[@]}" -n "$n" "$exe" sweep "$scenario" "${small[@]}" -q -o "$tmp/n$n.db" \
    || fail "mpirun -n $n exited with $?"
  [[ $(digest "$tmp/n$n.db") == "$reference" ]] || fail "mpirun -n $n exports another table"
  echo "ok: mpirun -n $n gives the single-process table"
done

# A command that is not shared runs on rank 0 alone and says so once; with no
# command (--version) there is nothing to warn about.
version=$(timeout 60 "${mpirun[@]}" -n 2 "$exe" --version 2>&1) || fail "mpirun --version exited with $?"
[[ $version == "sandtable "* && $version != *"rank 0 alone"* ]] || fail "mpirun --version printed: $version"
note=$(timeout 60 "${mpirun[@]}" -n 2 "$exe" check "$scenario" 2>&1 >/dev/null) || fail "mpirun check exited with $?"
[[ $note == *'`check` runs on rank 0 alone'* ]] || fail "mpirun check did not say it runs on rank 0: $note"
echo "ok: commands that are not shared say so; --version does not"

# Ensembles (in memory and stored), decide and fit share their runs among
# the ranks too: each prints the same bytes as the single-process command.
mosul=$src/scenarios/mosul-2015
same_output() {
  local name=$1
  shift
  "$@" > "$tmp/$name.single" 2>/dev/null || fail "$name: the single-process run exited with $?"
  for n in 2 3; do
    timeout 300 "${mpirun[@]}" -n "$n" "$@" > "$tmp/$name.n$n" 2>/dev/null \
      || fail "$name: mpirun -n $n exited with $?"
    cmp -s "$tmp/$name.single" "$tmp/$name.n$n" || fail "$name: mpirun -n $n prints another result"
  done
  [[ -s $tmp/$name.single ]] || fail "$name: printed nothing"
  echo "ok: $name under mpirun -n 2 and 3 prints the single-process result"
}
same_output ensemble "$exe" ensemble "$mosul/february.yaml" "$mosul/spring.yaml" -n 300 --format json -q
same_output decide "$exe" decide "$mosul/february.yaml" "$mosul/spring.yaml" -n 200 --format json -q
same_output fit "$exe" fit "$src"/scenarios/validation/urban/*.yaml \
  --free model.urban.defender_kill_rate=0.002..0.5 --free model.advance.max_km_per_day=0.02..1 \
  --starts 2 --evaluations 40 --bootstrap 2 --format json
"$exe" ensemble "$mosul/february.yaml" "$mosul/spring.yaml" -n 300 -q -o "$tmp/ens1" > /dev/null
timeout 300 "${mpirun[@]}" -n 2 "$exe" ensemble "$mosul/february.yaml" "$mosul/spring.yaml" -n 300 -q \
  -o "$tmp/ens2" > /dev/null || fail "stored ensemble: mpirun -n 2 exited with $?"
for case in february spring; do
  [[ $(digest "$tmp/ens1/$case.db") == $(digest "$tmp/ens2/$case.db") ]] \
    || fail "stored ensemble: mpirun -n 2 stores another $case table"
done
echo "ok: a stored ensemble under mpirun -n 2 stores the single-process tables"

# The pid of rank R of the job whose mpirun is $1.
rank_pid() {
  local p
  for p in $(pgrep -P "$1"); do
    if tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$2"; then
      echo "$p"
      return
    fi
  done
}

"$exe" sweep "$scenario" "${large[@]}" -q -o "$tmp/whole.db"
whole=$(digest "$tmp/whole.db")
for victim in 1 0; do
  db=$tmp/killed$victim.db
  "${mpirun[@]}" -n 3 "$exe" sweep "$scenario" "${large[@]}" -q --batch 16 -o "$db" \
    > "$tmp/log$victim" 2>&1 &
  job=$!
  # Kill once the database holds some rows (watched by its size: reading it
  # would take locks), that is soon after the first commit, about a second
  # into a sweep of four or more.
  for _ in $(seq 2000); do
    [[ -f $db && $(stat -c %s "$db") -ge 1000000 ]] && break
    sleep 0.01
  done
  pid=$(rank_pid "$job" "$victim")
  if [[ -z $pid ]]; then
    fail "rank $victim not found (the sweep may have finished first)"
    wait "$job" || true
    continue
  fi
  kill -9 "$pid"
  if timeout 120 tail --pid="$job" -f /dev/null; then :; else fail "mpirun did not end after rank $victim died"; fi
  wait "$job" && fail "mpirun -n 3 exited 0 though rank $victim was killed"
  stored=$("$exe" export --partial "$db" 2>/dev/null | wc -l)
  [[ $stored -gt 1 && $stored -lt 30001 ]] || fail "after the kill of rank $victim the database holds $((stored - 1)) runs"
  timeout 300 "${mpirun[@]}" -n 3 "$exe" sweep "$scenario" "${large[@]}" -q -o "$db" --resume \
    || fail "the resume after killing rank $victim failed"
  [[ $(digest "$db") == "$whole" ]] || fail "killed rank $victim, resumed: another table"
  echo "ok: rank $victim killed after $((stored - 1)) of 30,000 runs stored; resumed to the same table"
done

if ((failures > 0)); then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all MPI sweep checks passed"
