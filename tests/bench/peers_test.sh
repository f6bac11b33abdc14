#!/bin/bash
# The benchmark scripts run on what the project ships: the NumPy peers agree
# with the plain loop to the last bit, iwo_pairs.sh times a peer against a
# sweep and prints a median, and a missing peer, interpreter or program
# stops the scripts before anything is timed, with exit status 2.
#   peers_test.sh SANDTABLE SOURCE_DIR
set -u
sandtable=$1
root=$2
python=/usr/bin/python3
peer=$root/bench/peers/iwo_peers.py
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$python" "$peer" check 3001 64) || fail "iwo_peers.py check: $out"
[[ $out == "check: loop, numpy and chunked agree on 3001 points" ]] || fail "check printed: $out"
for mode in loop numpy chunked; do
  out=$("$python" "$peer" "$mode" 500) || fail "$mode: $out"
  [[ $out =~ ^$mode:\ 500\ runs\ in\ [0-9.]+\ s\ =\ [0-9,]+\ runs/s$ ]] || fail "$mode printed: $out"
done
if "$python" "$peer" nope 5 2>/dev/null; then fail "an unknown mode was accepted"; fi

out=$(sh "$root/bench/iwo_pairs.sh" "$peer" "$sandtable" 2000 1 chunked 2>&1) || fail "iwo_pairs.sh: $out"
grep -q '^pair 1: chunked [0-9]* runs/s, sandtable [0-9]* runs/s, ratio [0-9.]*$' <<<"$out" ||
  fail "iwo_pairs.sh printed: $out"
grep -q '^median ratio sandtable/peer over 1 pairs: [0-9.]*$' <<<"$out" || fail "no median: $out"

expect_refusal() {
  local what=$1 pattern=$2
  shift 2
  local err status
  err=$("$@" 2>&1 >/dev/null)
  status=$?
  [[ $status -eq 2 ]] || fail "$what: exit status $status, expected 2 ($err)"
  grep -q "$pattern" <<<"$err" || fail "$what: message was: $err"
}
expect_refusal "missing peer" "peer script '/nonexistent/peer.py' not found" \
  sh "$root/bench/iwo_pairs.sh" /nonexistent/peer.py "$sandtable" 10 1
expect_refusal "missing program" "no sandtable program at '/nonexistent/sandtable'" \
  sh "$root/bench/iwo_compare.sh" "$peer" /nonexistent/sandtable 10 2
expect_refusal "missing interpreter" "no Python interpreter 'no-such-python'" \
  env PYTHON=no-such-python sh "$root/bench/iwo_pairs.sh" "$peer" "$sandtable" 10 1
echo "peers_test: ok"
