# Sourced by the bench scripts: fails loudly, before anything is timed, when
# a peer or the program cannot run.
#   require_peer PYTHON PEER_SCRIPT SANDTABLE
require_peer() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "error: no Python interpreter '$1' (set PYTHON, or install python3)" >&2
    exit 2
  fi
  if [ ! -r "$2" ]; then
    echo "error: peer script '$2' not found (the shipped one is bench/peers/iwo_peers.py)" >&2
    exit 2
  fi
  if ! "$1" -c 'import numpy' 2>/dev/null; then
    echo "error: '$1' cannot import numpy, which the peer needs (apt-get install python3-numpy)" >&2
    exit 2
  fi
  if [ ! -x "$3" ]; then
    echo "error: no sandtable program at '$3' (build it, or pass its path)" >&2
    exit 2
  fi
}
