"""Calls the sandtable program and reads its JSON output (no compiled extension needed)."""

import json
import os
import shutil
import subprocess
import tempfile


class CliError(RuntimeError):
    """The sandtable program failed; carries its exit code and diagnostics."""

    def __init__(self, args, code, stderr):
        super().__init__(f"{' '.join(args)} exited {code}:\n{stderr.strip()}")
        self.code = code
        self.stderr = stderr


def executable(explicit=None):
    exe = explicit or os.environ.get("SANDTABLE_EXE") or shutil.which("sandtable")
    if not exe:
        raise CliError(["sandtable"], 3,
                       "the sandtable program was not found: pass --sandtable PATH or set SANDTABLE_EXE")
    return exe


def call(exe, *args):
    argv = [exe, "--log-level", "error", *args]
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        raise CliError(argv, p.returncode, p.stderr)
    return p.stdout


def call_json(exe, *args):
    return json.loads(call(exe, *args, "--format", "json"))


def run_with_daily(exe, path, overrides=()):
    """One run: its JSON summary and its daily series (a pandas DataFrame)."""
    import pandas as pd

    sets = [a for o in overrides for a in ("--set", o)]
    with tempfile.TemporaryDirectory(prefix="sandtable-plot-") as d:
        summary = call_json(exe, "run", path, *sets, "--out", d)
        daily = pd.read_csv(os.path.join(d, "daily.csv"), parse_dates=["date"])
    return summary, daily
