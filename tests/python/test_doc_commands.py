"""Every command block of README.md and docs/*.md runs as written.

A block is a fenced ```sh (bash, console, shell) block, or an indented block
whose first line is a command. Each is one of:

* a synopsis (its command has an upper-case placeholder such as FILE or
  SCENARIO, or an optional `[--...]`): read, not run;
* marked `<!-- not run by the tests: REASON -->` on the line before it (a
  build, a benchmark, a cluster script, a file the reader supplies): not run,
  and the reason must be given;
* a transcript (lines starting with `$ `): each command is run and every
  line shown after it must appear in its output, in order (a line `...`
  stands for lines left out);
* otherwise a script: run with `bash -e`, it must exit 0.

The blocks of one file run in order in one working directory holding the
project's folders, so a later block may read what an earlier one wrote.
"""

import glob
import os
import re
import subprocess

import pytest

SRC = os.environ.get("SANDTABLE_SOURCE_DIR", os.getcwd())
EXE = os.environ.get("SANDTABLE_EXE")

pytestmark = pytest.mark.skipif(not EXE, reason="SANDTABLE_EXE is not set (CTest sets it)")

COMMAND = re.compile(r"^(\$ |sandtable |build/sandtable |\./build/|build-bench/|bench/|PYTHONPATH=|cmake |ctest |"
                     r"mpirun |srun |time |tools/|#!/bin/bash)")
# An upper-case word that is not a variable being set (X=...), read ($X, ${X})
# or a -D option: FILE, SCENARIO, RESULTS.db, A.yaml.
PLACEHOLDER = re.compile(r"(?<![\w$={/-])[A-Z][A-Z0-9_]*(?:\.[a-z]+)?(?![\w=])|\[--|\[-[a-z] ")
MARK = re.compile(r"^<!-- not run by the tests: (.+\S) -->$")
FENCE = re.compile(r"^```(sh|bash|console|shell)\s*$")


def doc_files():
    return ["README.md"] + sorted(os.path.relpath(p, SRC) for p in glob.glob(os.path.join(SRC, "docs", "*.md")))


def blocks(path):
    """(line number, kind, text, reason) of every command block of a file."""
    lines = open(os.path.join(SRC, path), encoding="utf-8").read().split("\n")
    found = []

    def mark_before(i):
        j = i - 1
        while j >= 0 and lines[j].strip() == "":
            j -= 1
        m = MARK.match(lines[j].strip()) if j >= 0 else None
        return m.group(1) if m else None

    i = 0
    while i < len(lines):
        if FENCE.match(lines[i]):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            found.append((i + 1, lines[i + 1:j], mark_before(i)))
            i = j + 1
            continue
        if lines[i].startswith("    ") and (i == 0 or lines[i - 1].strip() == "") and \
                COMMAND.match(lines[i][4:]):
            j = i
            while j < len(lines) and (lines[j].startswith("    ") or lines[j].strip() == ""):
                j += 1
            body = [x[4:] for x in lines[i:j]]
            while body and body[-1].strip() == "":
                body.pop()
            found.append((i + 1, body, mark_before(i)))
            i = j
            continue
        i += 1
    out = []
    for line, body, reason in found:
        first = next((x for x in body if x.strip() and not x.startswith("#")), "")
        if reason:
            kind = "marked"
        elif any(x.startswith("$ ") for x in body):
            kind = "transcript"
        elif PLACEHOLDER.search(first.removeprefix("$ ")):
            kind = "synopsis"
        else:
            kind = "script"
        out.append((line, kind, body, reason))
    return out


def transcript(body):
    """(command, expected lines) of each `$ ` command of a transcript block."""
    steps = []
    i = 0
    while i < len(body):
        if not body[i].startswith("$ "):
            i += 1
            continue
        cmd = [body[i][2:]]
        while cmd[-1].endswith("\\") and i + 1 < len(body):
            i += 1
            cmd.append(body[i])
        i += 1
        expected = []
        while i < len(body) and not body[i].startswith("$ "):
            expected.append(body[i])
            i += 1
        steps.append(("\n".join(cmd), expected))
    return steps


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    bindir = tmp_path_factory.mktemp("bin")
    os.symlink(EXE, bindir / "sandtable")
    e = dict(os.environ)
    e["PATH"] = f"{bindir}:{e.get('PATH', '/usr/bin:/bin')}"
    e.pop("COLUMNS", None)
    return e


def workdir(tmp_path):
    for name in ("scenarios", "calibration", "bench", "tools", "python", "docs", "tests"):
        if os.path.exists(os.path.join(SRC, name)):
            os.symlink(os.path.join(SRC, name), tmp_path / name)
    os.symlink(os.path.dirname(os.path.abspath(EXE)), tmp_path / "build")
    return tmp_path


def run(cmd, cwd, env):
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", cmd], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=300)


def check_lines(expected, actual, where):
    """Every expected line (but `...` and blank ones) appears in `actual`, in order."""
    got = [x.rstrip() for x in actual.split("\n")]
    at = 0
    for want in (x.rstrip() for x in expected):
        if want.strip() in ("", "..."):
            continue
        while at < len(got) and got[at] != want:
            at += 1
        assert at < len(got), f"{where}: the output has no line\n    {want!r}\n(in order) in:\n{actual}"
        at += 1


def test_every_block_is_classified():
    kinds = {}
    for path in doc_files():
        for line, kind, _, _ in blocks(path):
            kinds.setdefault(kind, []).append(f"{path}:{line}")
    # The classifier sees the blocks these docs are known to hold.
    assert len(kinds.get("transcript", [])) >= 6, kinds
    assert len(kinds.get("script", [])) >= 5, kinds
    assert len(kinds.get("synopsis", [])) >= 5, kinds


def test_marks_need_a_reason():
    assert MARK.match("<!-- not run by the tests: -->") is None
    assert MARK.match("<!-- not run by the tests: builds the project -->").group(1) == "builds the project"


def test_placeholders_make_a_synopsis():
    for synopsis in ("sandtable run FILE", "sandtable analyze RESULTS.db", "sandtable compare A.yaml B.yaml",
                     "sandtable export results.db [--csv | --json]"):
        assert PLACEHOLDER.search(synopsis), synopsis
    for command in ("cmake -S . -B build -DSANDTABLE_MPI=ON", "PYTHONPATH=build/python python3 -c 1",
                    "sandtable sweep s.yaml -j \"$SLURM_CPUS_PER_TASK\"", "sandtable run scenarios/x.yaml"):
        assert not PLACEHOLDER.search(command), command


# Blocks that import the compiled extension, which sanitizer and fuzzing
# builds leave out (python/extension.cmake says so to the test).
HAVE_EXTENSION = os.environ.get("SANDTABLE_EXTENSION") == "1"


def needs_extension(body):
    return any("PYTHONPATH=build/python" in x for x in body)


@pytest.mark.parametrize("path", doc_files())
def test_doc_commands_run_as_written(path, tmp_path, env):
    cwd = workdir(tmp_path)
    for line, kind, body, _ in blocks(path):
        where = f"{path}:{line}"
        if kind in ("synopsis", "marked"):
            continue
        if needs_extension(body) and not HAVE_EXTENSION:
            continue
        if kind == "script":
            script = "\n".join(body)
            r = run(script, cwd, env)
            assert r.returncode == 0, f"{where}: exit {r.returncode}\n{script}\n{r.stdout}"
            continue
        for cmd, expected in transcript(body):
            r = run(cmd, cwd, env)
            shows_error = any(" error: " in x or x.startswith("error:") for x in expected)
            assert (r.returncode != 0) == shows_error, f"{where}: `{cmd}` exit {r.returncode}\n{r.stdout}"
            check_lines(expected, r.stdout, f"{where}: `{cmd}`")
