"""The Python API (sandtable._core and the sandtable package) gives what the
sandtable program gives for the same inputs: every check compares with the
program's own output, never with numbers written here."""

import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

import sandtable

SRC = os.environ.get("SANDTABLE_SOURCE_DIR", os.getcwd())
EXE = os.environ.get("SANDTABLE_EXE")
FEB = os.path.join(SRC, "scenarios/mosul-2015/february.yaml")
SPRING = os.path.join(SRC, "scenarios/mosul-2015/spring.yaml")
BASE = os.path.join(SRC, "scenarios/mosul-2015/base.yaml")

pytestmark = pytest.mark.skipif(not EXE, reason="SANDTABLE_EXE is not set (CTest sets it)")


def cli(*args, check=True):
    p = subprocess.run([EXE, "--log-level", "error", *args], capture_output=True, text=True)
    if check:
        assert p.returncode == 0, p.stderr
    return p


def cli_json(*args):
    return json.loads(cli(*args, "--format", "json").stdout)


def read_csv(text):
    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])


@pytest.mark.parametrize("path", [FEB, SPRING])
def test_load_gives_the_programs_hash_and_show_text(path):
    s = sandtable.load(path)
    shown = cli("show", path).stdout
    assert s.show() == shown
    assert f"# scenario sha256: {s.hash}\n" in shown
    assert s.path == path
    assert s.name == s.to_dict()["name"]
    assert cli("check", path).stdout == f"{path}: ok ({s.hash[:12]})\n"


@pytest.mark.parametrize("path", [FEB, SPRING])
def test_run_outcomes_and_summary_match_the_program(path):
    r = sandtable.run(sandtable.load(path))
    expected = cli_json("run", path)
    assert r.outcomes == expected["outcomes"]
    assert list(r.outcomes) == list(expected["outcomes"])
    assert r.summary == expected
    assert r.to_dict()["resolved_scenario"] == r.scenario.to_dict()
    units = r.units
    assert set(units) == set(r.outcomes)
    assert units["success"] == "0/1" and units["civilians_displaced"] == "persons"


def test_daily_series_are_the_programs_daily_csv(tmp_path):
    r = sandtable.run(FEB)
    cli("run", FEB, "--out", str(tmp_path))
    with open(tmp_path / "daily.csv", encoding="utf-8") as f:
        written = f.read()
    assert r.daily_csv() == written
    expected = pd.read_csv(io.StringIO(written), parse_dates=["date"])
    de = r.daily_elements
    assert len(de) == len(expected)
    assert (de["personnel"].to_numpy() == expected["personnel"].to_numpy()).all()
    assert (de["element"] == expected["element"]).all()


def test_daily_has_one_row_per_simulated_day_with_dates():
    s = sandtable.load(FEB)
    cal = s.to_dict()["calendar"]
    daily = sandtable.run(s).daily
    assert len(daily) == cal["horizon_days"]
    assert pd.api.types.is_datetime64_any_dtype(daily["date"])
    assert daily["date"].iloc[0] == pd.Timestamp(cal["start"])
    assert (daily["date"].diff().dropna() == pd.Timedelta(days=1)).all()
    assert list(daily["day"]) == list(range(1, len(daily) + 1))
    for column in ("cleared", "is_fighters", "us_personnel", "displaced"):
        assert pd.api.types.is_float_dtype(daily[column]), column
    assert daily.attrs["units"]["is_fighters"] == "persons"


def test_elements_are_the_summarys_elements():
    r = sandtable.run(SPRING)
    expected = cli_json("run", SPRING)["elements"]
    el = r.elements
    assert list(el["name"]) == [e["name"] for e in expected]
    assert list(el["casualties"]) == [e["casualties"] for e in expected]
    for e in expected:
        assert r.outcomes[e["name"] + "_casualties"] == e["casualties"]
    assert el.attrs["units"]["casualties"] == "persons"


def test_set_changes_the_hash_and_the_result_as_on_the_command_line():
    plain = sandtable.load(SPRING)
    changed = sandtable.load(SPRING, set={"forces.isf.personnel": 25000})
    assert changed.hash != plain.hash
    assert changed.overrides == ["forces.isf.personnel=25000"]
    shown = cli("show", SPRING, "--set", "forces.isf.personnel=25000").stdout
    assert changed.show() == shown
    assert changed.to_dict()["forces"]["isf"]["personnel"] == 25000
    expected = cli_json("run", SPRING, "--set", "forces.isf.personnel=25000")["outcomes"]
    got = sandtable.run(changed).outcomes
    assert got == expected
    assert got != sandtable.run(plain).outcomes
    assert sandtable.load(SPRING, set=["forces.isf.personnel=25000"]).hash == changed.hash


def test_calibration_overlays_apply_as_their_values_would():
    import yaml

    overlay = os.path.join(SRC, "calibration/urban.yaml")
    with open(overlay, encoding="utf-8") as f:
        doc = yaml.safe_load(f)

    def leaves(prefix, node):
        for k, v in node.items():
            if isinstance(v, dict):
                yield from leaves(f"{prefix}{k}.", v)
            else:
                yield f"{prefix}{k}", v

    values = dict(leaves("", doc))
    assert "model.urban.defender_kill_rate" in values and "adversary.morale.breakpoint" in values
    calibrated = sandtable.load(FEB, calibration=[overlay])
    assert calibrated.calibrations == [overlay]
    assert calibrated.hash != sandtable.load(FEB).hash
    assert calibrated.hash == sandtable.load(FEB, set=values).hash


def test_a_run_without_daily_series_has_empty_frames():
    r = sandtable.run(FEB, daily=False)
    assert len(r.daily) == 0 and len(r.daily_elements) == 0
    assert r.outcomes == sandtable.run(FEB).outcomes


def test_the_examples_of_docs_python_md_run(monkeypatch, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    with open(os.path.join(SRC, "docs/python.md"), encoding="utf-8") as f:
        text = f.read()
    blocks = [b.split("```", 1)[0] for b in text.split("```python\n")[1:]]
    assert len(blocks) >= 2
    # In a scratch directory holding the scenarios, so that files an example
    # writes stay out of the source tree.
    os.symlink(os.path.join(SRC, "scenarios"), tmp_path / "scenarios")
    monkeypatch.chdir(tmp_path)
    for i, code in enumerate(blocks):
        exec(compile(code, f"docs/python.md (example {i + 1})", "exec"), {})


def test_a_misspelt_key_raises_scenario_error_with_the_programs_diagnostics(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"extends: {BASE}\nforces:\n  isf:\n    readines: 0.5\n", encoding="utf-8")
    with pytest.raises(sandtable.ScenarioError) as info:
        sandtable.load(str(bad))
    e = info.value
    assert isinstance(e, ValueError)
    assert f"{bad}:4:5: error: forces.isf.readines: unknown key" in str(e)
    p = cli("run", str(bad), check=False)
    assert p.returncode == e.exit_code == 1
    assert str(e) == p.stderr.strip()
    assert [d["text"] for d in e.diagnostics] == p.stderr.strip().splitlines()
    d = e.diagnostics[0]
    assert (d["file"], d["line"], d["column"], d["path"]) == (str(bad), 4, 5, "forces.isf.readines")
    assert "readiness" in d["hint"]


def test_a_bad_override_and_a_missing_file_raise():
    with pytest.raises(sandtable.ScenarioError) as info:
        sandtable.load(FEB, set={"forces.isf.personnel": -5})
    p = cli("run", FEB, "--set", "forces.isf.personnel=-5", check=False)
    assert p.returncode == 1 and str(info.value) == p.stderr.strip()
    with pytest.raises(sandtable.ScenarioFileError) as missing:
        sandtable.load(os.path.join(SRC, "no-such-file.yaml"))
    assert isinstance(missing.value, OSError) and missing.value.exit_code == 3


def test_compare_matches_the_programs_json_and_csv():
    got = sandtable.compare(sandtable.load(FEB), sandtable.load(SPRING))
    assert got == cli_json("compare", FEB, SPRING)
    csv = sandtable.compare(FEB, SPRING, format="csv", attribution="assumptions")
    expected = cli("compare", FEB, SPRING, "--format", "csv", "--attribution", "assumptions").stdout
    pd.testing.assert_frame_equal(csv, pd.read_csv(io.StringIO(expected)))
    with pytest.raises(sandtable.ScenarioError, match="no_such_outcome"):
        sandtable.compare(FEB, SPRING, outcomes="no_such_outcome")


SWEEP_VARY = ["forces.isf.readiness=0.3,0.45,0.6", "calendar.d_day=2015-02-02:2015-04-27:4w"]


def test_sweep_in_memory_matches_the_programs_export(tmp_path):
    db = str(tmp_path / "cli.db")
    args = [a for v in SWEEP_VARY for a in ("--vary", v)]
    cli("sweep", BASE, *args, "-o", db, "-q")
    expected = read_csv(cli("export", db).stdout)
    got = sandtable.sweep(BASE, vary=SWEEP_VARY, threads=2)
    assert len(got) == 3 * 4
    pd.testing.assert_frame_equal(got, expected)
    # From a loaded scenario with set=, and into a database of its own.
    base = sandtable.load(BASE, set={"adversary.fighters": 3000})
    out = str(tmp_path / "py.db")
    assert sandtable.sweep(base, vary=SWEEP_VARY, out=out, threads=1) == out
    cli("sweep", BASE, *args, "--set", "adversary.fighters=3000", "-o", db, "-q", "--overwrite")
    pd.testing.assert_frame_equal(sandtable.export(out), read_csv(cli("export", db).stdout))
    assert sandtable.analyze(out) == cli_json("analyze", db)


def test_sweep_errors_are_scenario_errors(tmp_path):
    with pytest.raises(sandtable.ScenarioError) as info:
        sandtable.sweep(BASE, vary=["forces.isf.readines=0.3,0.4"])
    p = cli("sweep", BASE, "--vary", "forces.isf.readines=0.3,0.4", "-o", str(tmp_path / "x.db"),
            check=False)
    assert p.returncode == 1 and str(info.value) == p.stderr.strip()


INTERRUPT = """
import os, signal, sys, threading
import sandtable
db, base = sys.argv[1], sys.argv[2]
vary = ["forces.isf.readiness=linspace(0.3, 0.6, 20000)"]
threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
try:
    sandtable.sweep(base, vary=vary, out=db, threads=1)
    print("finished")
except KeyboardInterrupt as e:
    print("interrupted:", e)
try:
    signal.raise_signal(signal.SIGINT)   # Python's own handler is back
except KeyboardInterrupt:
    print("handler restored")
sandtable.sweep(base, vary=vary, out=db, resume=True)
"""


def test_ctrl_c_stops_a_sweep_that_resume_finishes(tmp_path):
    db = str(tmp_path / "py.db")
    p = subprocess.run([sys.executable, "-c", INTERRUPT, db, BASE], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].startswith("interrupted: sweep interrupted with "), p.stdout
    assert "of 20000 points stored in " + db in lines[0]
    assert lines[1] == "handler restored"
    cli_db = str(tmp_path / "cli.db")
    cli("sweep", BASE, "--vary", "forces.isf.readiness=linspace(0.3, 0.6, 20000)", "-o", cli_db, "-q")
    assert cli("export", db).stdout == cli("export", cli_db).stdout


def test_timing_and_threshold_match_the_program():
    got = sandtable.timing(FEB, start="2015-02-01", end="2015-05-01", step="14d")
    assert got == cli_json("timing", FEB, "--from", "2015-02-01", "--to", "2015-05-01", "--step", "14d")
    got = sandtable.threshold(FEB, vary="adversary.fighters=1000..8000", criteria="success")
    assert got == cli_json("threshold", FEB, "--vary", "adversary.fighters=1000..8000", "--criteria",
                           "success")
    with pytest.raises(sandtable.ScenarioError):
        sandtable.timing(FEB, start="2015-02-30", end="2015-05-01")


def test_ensemble_matches_the_program_at_any_thread_count():
    expected = cli_json("ensemble", FEB, SPRING, "--worlds", "64")
    assert sandtable.ensemble(FEB, SPRING, n=64) == expected
    assert sandtable.ensemble([FEB, SPRING], n=64, threads=1) == expected


URBAN = [os.path.join(SRC, "scenarios/validation/urban", f) for f in
         ("tal-afar-2017.yaml", "raqqa-2017.yaml", "hawija-2017.yaml", "kobani-2014.yaml")]
FREE = ["model.advance.max_km_per_day=0.02..1", "model.ground_stress=0..2"]


def test_decide_matches_the_program():
    expected = cli_json("decide", FEB, SPRING, "--worlds", "40", "--minimize", "isf_casualties")
    got = sandtable.decide(FEB, SPRING, n=40, minimize="isf_casualties", threads=1)
    assert got == expected
    assert [o["label"] for o in got["options"]] == ["february", "spring"]
    named = sandtable.decide([FEB, SPRING], labels=["now", "later"], n=40)
    assert [o["label"] for o in named["options"]] == ["now", "later"]
    with pytest.raises(ValueError, match="not both"):
        sandtable.decide(FEB, SPRING, minimize="isf_casualties", maximize="success")
    with pytest.raises(ValueError, match="1 labels for 2 options"):
        sandtable.decide(FEB, SPRING, labels=["one"])


def test_validate_matches_the_program():
    frame = sandtable.validate(*URBAN)
    expected = read_csv(cli("validate", *URBAN, "--format", "csv").stdout)
    assert list(frame.columns) == list(expected.columns)
    assert frame["predicted"].tolist() == expected["predicted"].tolist()
    assert frame["outcome_right"].dtype == bool
    # Kobani: the town held, the model lets it fall; the frame says so.
    kobani = frame[frame["case"].str.startswith("Kobani")]
    assert not kobani["outcome_right"].any()
    assert sandtable.validate(URBAN, format="json") == cli_json("validate", *URBAN)
    with pytest.raises(sandtable.ScenarioError, match="observed"):
        sandtable.validate(FEB)


def test_fit_matches_the_program_and_writes_its_overlay(tmp_path):
    args = ["--starts", "2", "--evaluations", "30"]
    expected = cli_json("fit", *URBAN, *sum((["--free", f] for f in FREE), []), *args)
    out = tmp_path / "fitted.yaml"
    got = sandtable.fit(*URBAN, free={"model.advance.max_km_per_day": (0.02, 1), "model.ground_stress": (0, 2)},
                        starts=2, evaluations=30, threads=1, out=out)
    overlay = got.pop("overlay")
    assert got == expected
    assert out.read_text() == overlay
    cli("fit", *URBAN, *sum((["--free", f] for f in FREE), []), *args, "-o", str(tmp_path / "cli.yaml"))
    assert (tmp_path / "cli.yaml").read_text() == overlay
    # The overlay applies as a calibration: validating with it gives the fitted residuals.
    # (the overlay rounds to six digits, hence the tolerance).
    fitted = sandtable.validate(*URBAN, calibration=[out], format="json")["summary"]
    for key, value in got["fitted"].items():
        assert fitted[key] == pytest.approx(value, rel=1e-3, abs=1e-3), key
    with pytest.raises(ValueError, match="free twice"):
        sandtable.fit(*URBAN, free=[FREE[0], FREE[0]])
    with pytest.raises(ValueError, match="free"):
        sandtable.fit(*URBAN, free=["model.ground_stress=2..1"])


def test_discover_matches_the_program(tmp_path):
    db = tmp_path / "d.db"
    sandtable.sweep(BASE, vary=["adversary.fighters=1000..3000", "forces.isf.readiness=0.2..0.8"], method="lhs",
                    samples=200, out=db)
    criteria = "success and isf_casualties < 800"
    expected = cli_json("discover", str(db), "--criteria", criteria, "--fail")
    assert sandtable.discover(db, criteria, fail=True) == expected
    assert sandtable.discover(db, criteria, fail=True, scenario=BASE) == expected
    with pytest.raises(sandtable.ScenarioError, match="isf_casualtes"):
        sandtable.discover(db, "isf_casualtes < 3")
    with pytest.raises(ValueError, match="empty"):
        sandtable.discover(db, " ")


def test_runs_in_python_threads_give_the_same_results_as_one_by_one():
    cases = [sandtable.load(FEB), sandtable.load(SPRING)] * 2
    alone = [sandtable.run(s).summary for s in cases]
    got = [None] * len(cases)

    def work(i):
        got[i] = sandtable.run(cases[i]).summary

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(cases))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == alone


def test_the_gil_is_released_while_a_sweep_runs(tmp_path):
    from sandtable import _core

    stop = threading.Event()
    ticks = [0]

    def count():
        while not stop.is_set():
            ticks[0] += 1

    t = threading.Thread(target=count)
    t.start()
    try:
        # How fast the counter counts while this thread sleeps (holding no GIL).
        before, start = ticks[0], time.perf_counter()
        time.sleep(0.1)
        rate = (ticks[0] - before) / (time.perf_counter() - start)
        # The extension alone: no Python code runs until it returns.
        before, start = ticks[0], time.perf_counter()
        summary = _core.sweep(BASE, vary=["forces.isf.readiness=linspace(0.3, 0.6, 2000)"], overrides=[],
                              method="", seed=None, samples=None, levels=None, points="",
                              out=str(tmp_path / "gil.db"), threads=1, resume=False, overwrite=False)
        share = (ticks[0] - before) / (rate * (time.perf_counter() - start))
    finally:
        stop.set()
        t.join()
    assert summary["ran"] == 2000 and summary["failed"] == 0
    # Holding the GIL for the whole sweep would leave the counter still (a
    # share of a few percent, from the interpreter's 5 ms switch interval).
    assert share > 0.25, share


def test_plot_and_report_work_without_the_extension(tmp_path):
    pkg = tmp_path / "sandtable"
    shutil.copytree(os.path.dirname(sandtable.__file__), pkg,
                    ignore=shutil.ignore_patterns("_core*", "__pycache__"))
    code = ("import sandtable, sandtable.plot, sandtable.report\n"
            "try:\n    sandtable.load('x.yaml')\nexcept ImportError as e:\n    print('ImportError', e)\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("ImportError sandtable._core")
