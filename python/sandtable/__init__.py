"""Sandtable from Python: load scenarios, run them, compare, sweep (docs/python.md).

    import sandtable
    feb = sandtable.load("scenarios/mosul-2015/february.yaml")
    spring = sandtable.load("scenarios/mosul-2015/spring.yaml")
    r = sandtable.run(spring)
    r.outcomes["success"], r.daily.tail(), r.elements
    sandtable.compare(feb, spring)["outcomes"]

The functions call the compiled extension ``sandtable._core``, which calls the
same library functions as the ``sandtable`` program; results are what the
program prints with ``--format json`` (or CSV), as dicts and pandas
DataFrames. The plotting and report modules (``sandtable.plot``,
``sandtable.report``) call the program instead and work without the
extension.
"""

import io
import json
import os
import tempfile

from .errors import ScenarioError, ScenarioFileError

__all__ = ["Scenario", "Results", "ScenarioError", "ScenarioFileError", "load", "run", "compare", "timing", "threshold",
           "sweep", "ensemble", "decide", "export", "analyze", "discover", "validate", "fit"]


def _ext():
    """The compiled extension, imported on first use."""
    try:
        from . import _core as core
    except ImportError as e:
        raise ImportError(
            "sandtable._core, the compiled extension, is not built or not on the path: build the "
            "project with pybind11-dev and python3-dev installed and put build/python on PYTHONPATH "
            f"(docs/python.md) ({e})") from e
    return core


def _pandas():
    import pandas as pd
    return pd


# Units of the daily series (the columns of daily.csv, sandtable/results.hpp).
_DAILY_UNITS = {
    "day": "day", "personnel": "persons", "casualties": "persons", "readiness": "fraction",
    "cohesion": "fraction", "equipment": "fraction", "inflicted": "persons", "in_contact": "persons",
    "recent_losses": "fraction", "fade": "fraction", "engaged": "0/1", "broken": "0/1",
    "cleared": "fraction", "force_ratio": "ratio", "is_fighters": "persons", "is_morale": "fraction",
    "fortification": "fraction", "us_personnel": "persons", "sorties": "sorties/day",
    "aircraft_lost": "aircraft", "aid_delivered_usd": "USD", "aid_diverted_usd": "USD",
    "displaced": "persons", "attackers_in_contact": "persons",
}
# Per element, once for the run (the elements of summary.json).
_ELEMENT_UNITS = {
    "arrived": "persons", "casualties": "persons", "strength_end": "persons",
    "readiness_d_day": "fraction", "readiness_end": "fraction", "cohesion_end": "fraction",
    "equipment_end": "fraction", "adversary_losses_inflicted": "persons", "broke": "0/1",
}
# Columns of daily.csv that hold one value per day for the whole campaign.
_CAMPAIGN_COLUMNS = ["date", "day", "cleared", "force_ratio", "is_fighters", "is_morale",
                     "fortification", "us_personnel", "sorties", "aircraft_lost", "aid_delivered_usd",
                     "aid_diverted_usd", "displaced", "attackers_in_contact", "phase"]


def _overrides(values):
    """{"forces.isf.personnel": 25000} or ["forces.isf.personnel=25000"] -> list of "k=v"."""
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    if isinstance(values, dict):
        return [f"{k}={_flow(v)}" for k, v in values.items()]
    return [str(v) for v in values]


def _flow(value):
    """A Python value as YAML flow text, as --set takes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, float):
        return repr(value)
    if hasattr(value, "isoformat"):  # date
        return value.isoformat()
    return str(value)


def _names(values):
    """"a,b" or ["a", "b"] -> ["a", "b"]."""
    if values is None:
        return []
    if isinstance(values, str):
        return [v for v in values.split(",") if v]
    return list(values)


class Scenario:
    """A loaded, resolved and validated scenario (sandtable.load)."""

    def __init__(self, handle):
        self._h = handle

    @property
    def name(self):
        return self._h.name

    @property
    def hash(self):
        """SHA-256 content hash, as `sandtable show` and `check` print it."""
        return self._h.hash

    @property
    def path(self):
        return self._h.path

    @property
    def overrides(self):
        """The set= overrides it was loaded with, as "key.path=value"."""
        return list(self._h.overrides)

    @property
    def calibrations(self):
        return list(self._h.calibrations)

    def to_dict(self):
        """The resolved scenario, every default filled in (the resolved_scenario of summary.json)."""
        return json.loads(self._h.json())

    def to_yaml(self):
        return self._h.yaml()

    def show(self):
        """The text `sandtable show FILE` prints: a header with the hash, then the YAML."""
        return self._h.show()

    def flatten(self, descriptive=False):
        """{dotted path: value text} in schema order."""
        return dict(self._h.flatten(descriptive))

    def provenance(self):
        """{dotted path: "file:line:col"} for every value not left at its default."""
        return self._h.provenance()

    def outcome_units(self):
        """{outcome name: unit} for every outcome a run of this scenario reports."""
        return dict(self._h.outcome_units())

    def __repr__(self):
        return f"<sandtable.Scenario {self.name!r} {self.hash[:12]} from {self.path!r}>"


class Results:
    """One run (sandtable.run): outcomes, the summary, daily series and elements."""

    def __init__(self, scenario, handle):
        self.scenario = scenario
        self._h = handle
        self._summary = None
        self._daily_elements = None

    @property
    def summary(self):
        """The whole summary.json (`sandtable run --format json`) as a dict."""
        if self._summary is None:
            self._summary = json.loads(self._h.summary_json())
        return self._summary

    def to_dict(self):
        """The summary as a dict (a copy of ``summary``)."""
        return json.loads(self._h.summary_json())

    def daily_csv(self):
        """The text of daily.csv, as `sandtable run --out DIR` writes it."""
        return self._h.daily_csv()

    @property
    def outcomes(self):
        """{outcome name: value} in the fixed outcome order (booleans are 0 or 1)."""
        return dict(self.summary["outcomes"])

    @property
    def outcome(self):
        """{"result": "success" | ..., "reason": ..., "end_date": ..., ...}."""
        return dict(self.summary["outcome"])

    @property
    def units(self):
        """{outcome name: unit}."""
        return self.scenario.outcome_units()

    @property
    def timeline(self):
        return list(self.summary["timeline"])

    @property
    def warnings(self):
        return list(self.summary["warnings"])

    def table(self):
        """The readable summary `sandtable run` prints."""
        return self._h.table()

    @property
    def daily_elements(self):
        """daily.csv as `run --out` writes it: one row per day and element."""
        if self._daily_elements is None:
            text = self.daily_csv()
            pd = _pandas()
            df = pd.read_csv(io.StringIO(text))
            df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
            for column in df.columns:
                if column in ("engaged", "broken"):
                    df[column] = df[column].astype(bool)
                elif column in _DAILY_UNITS and column != "day":
                    df[column] = df[column].astype("float64")
            df.attrs["units"] = {k: v for k, v in _DAILY_UNITS.items() if k in df.columns}
            self._daily_elements = df
        return self._daily_elements

    @property
    def daily(self):
        """The campaign series: one row per simulated day (date, cleared, is_fighters, ...)."""
        de = self.daily_elements
        df = de[_CAMPAIGN_COLUMNS].drop_duplicates("day").reset_index(drop=True)
        df.attrs["units"] = {k: v for k, v in _DAILY_UNITS.items() if k in df.columns}
        return df

    @property
    def elements(self):
        """One row per force element: its per-element results (summary.json's elements)."""
        pd = _pandas()
        df = pd.DataFrame(self.summary["elements"])
        if "broke_on" in df:
            df["broke"] = df["broke_on"].notna()
            df["broke_on"] = pd.to_datetime(df["broke_on"])
        df.attrs["units"] = {k: v for k, v in _ELEMENT_UNITS.items() if k in df.columns}
        return df

    def __repr__(self):
        o = self.outcome
        return f"<sandtable.Results {self.scenario.name!r}: {o['result']} ({o['reason']}) on {o['end_date']}>"


def _scenario(s, set=None, calibration=None):
    """A Scenario from a Scenario or a path; set= and calibration= apply to a path only."""
    if isinstance(s, Scenario):
        if set or calibration:
            raise ValueError("set= and calibration= apply when loading: pass a path, or load again")
        return s
    return load(s, set=set, calibration=calibration)


def load(path, set=None, calibration=None):
    """Loads, resolves (extends, calibration overlays, set= overrides) and validates a scenario.

    ``set`` is a dict {"forces.isf.personnel": 25000} or a list of "key.path=value";
    ``calibration`` a list of overlay files as `sandtable fit -o` writes them.
    Raises ScenarioError with the program's diagnostics when the input is bad.
    """
    return Scenario(_ext().load(os.fspath(path), _overrides(set), [os.fspath(c) for c in _names(calibration)]))


def run(scenario, set=None, calibration=None, daily=True, timeline=True):
    """Runs one scenario (a Scenario or a path) and returns its Results.

    ``daily=False`` keeps no daily series (faster); the GIL is released while it runs.
    """
    s = _scenario(scenario, set, calibration)
    return Results(s, _ext().run(s._h, daily, timeline))


def compare(*scenarios, set=None, outcomes=None, attribution="both", detail="kind", together=None,
            exact_max=12, sample=False, permutations=1000, seed=2015, format="json"):
    """`sandtable compare A B [C...]`: the comparison as a dict (its --format json).

    Scenarios are Scenario objects or paths (``set`` applies to paths, as --set to
    every file). ``format="csv"`` returns a DataFrame of the CSV form, ``"table"``
    or ``"markdown"`` the text.
    """
    if len(scenarios) == 1 and isinstance(scenarios[0], (list, tuple)):
        scenarios = tuple(scenarios[0])
    cases = [_scenario(s, set) for s in scenarios]
    _check_choice("format", format, ("json", "csv", "table", "markdown"))
    _check_choice("attribution", attribution, ("both", "assumptions", "mechanisms", "none"))
    _check_choice("detail", detail, ("kind", "element"))
    groups = [_names(g) for g in (together or [])]
    text = _ext().compare([c._h for c in cases], _names(outcomes), attribution, detail, groups,
                           exact_max, sample, permutations, seed, format)
    return _parse(text, format)


def timing(scenario, start, end, step="7d", criteria="", outcomes=None, set=None, format="json"):
    """`sandtable timing FILE --from START --to END --step STEP` as a dict (or a DataFrame
    with ``format="csv"``). Dates are "YYYY-MM-DD" strings or dates."""
    _check_choice("format", format, ("json", "csv"))
    s = _scenario(scenario, set)
    text = _ext().timing(s._h, _date(start), _date(end), str(step), criteria or "", _names(outcomes),
                          format)
    return _parse(text, format)


def threshold(scenario, vary, criteria="", by="", grid=33, set=None):
    """`sandtable threshold FILE --vary PATH=LO..HI [--by PATH=VALUES]` as a dict."""
    s = _scenario(scenario, set)
    return json.loads(_ext().threshold(s._h, vary, by or "", criteria or "", grid))


def sweep(study, vary=None, set=None, method="", seed=None, samples=None, levels=None, points="",
          out=None, threads=0, resume=False, overwrite=False):
    """`sandtable sweep FILE --vary ...`: runs the design on ``threads`` threads (0: every core).

    ``study`` is a study file, a scenario file or a Scenario (loaded without
    calibration; its set= overrides carry over). Without ``out`` the runs go to
    a temporary database and come back as a DataFrame, one row per design point
    (the CSV of `sandtable export`); with ``out`` they stay in that database and
    its path is returned. Ctrl-C (SIGINT) or SIGTERM on the main thread stops
    the sweep after the runs in flight and raises KeyboardInterrupt; with
    ``out`` the runs stored so far stay, and ``resume=True`` finishes them.
    """
    overrides = _overrides(set)
    if isinstance(study, Scenario):
        if study.calibrations:
            raise ValueError("sweep: a scenario loaded with calibration= cannot be swept; sweep its file "
                             "with the calibrated values given as set=")
        overrides = study.overrides + overrides
        study = study.path
    args = dict(vary=_vary(vary), overrides=overrides, method=method or "", seed=seed, samples=samples,
                levels=levels, points=os.fspath(points) if points else "", threads=threads,
                resume=resume, overwrite=overwrite)
    core = _ext()
    if out is not None:
        core.sweep(os.fspath(study), out=os.fspath(out), **args)
        return os.fspath(out)
    with tempfile.TemporaryDirectory(prefix="sandtable-sweep-") as d:
        db = os.path.join(d, "sweep.db")
        try:
            core.sweep(os.fspath(study), out=db, **args)
        except KeyboardInterrupt:
            raise KeyboardInterrupt("sweep interrupted (give out= to keep the runs and resume)") from None
        return export(db)


def _vary(vary):
    if vary is None:
        return []
    if isinstance(vary, str):
        return [vary]
    if isinstance(vary, dict):
        return [f"{k}={v}" for k, v in vary.items()]
    return list(vary)


def export(database, partial=False):
    """A sweep database's runs as a DataFrame (`sandtable export --csv`)."""
    pd = _pandas()
    text = _ext().export(os.fspath(database), "csv", partial)
    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])


def analyze(database):
    """`sandtable analyze DB --format json` as a dict."""
    return json.loads(_ext().analyze(os.fspath(database)))


def ensemble(*scenarios, n=1000, seed=2015, sampling="lhs", threads=0, criteria="", outcomes=None,
             set=None, format="json"):
    """`sandtable ensemble A [B...] --worlds N`: every case on the same N worlds drawn from the
    uncertainty: blocks, as a dict (its --format json). Runs on ``threads`` threads (0: every core)."""
    if len(scenarios) == 1 and isinstance(scenarios[0], (list, tuple)):
        scenarios = tuple(scenarios[0])
    _check_choice("format", format, ("json", "csv"))
    _check_choice("sampling", sampling, ("lhs", "sobol"))
    cases = [_scenario(s, set) for s in scenarios]
    text = _ext().ensemble([c._h for c in cases], n, seed, sampling, threads, criteria or "",
                            _names(outcomes), format)
    return _parse(text, format)


def decide(*options, labels=None, n=1000, seed=2015, sampling="lhs", threads=0, criteria="", minimize=None,
           maximize=None, set=None, format="json"):
    """`sandtable decide A B [...]`: which option is the robust choice over the same ``n`` worlds,
    as a dict (its --format json): per option the share of worlds where the criteria hold, the
    probability of success, the expected objective and its regret.

    Options are Scenario objects or paths (a lever is an option loaded with set=, e.g.
    ``sandtable.load(path, set={"calendar.d_day": "2015-03-01"})``); ``labels`` names them
    (default: the file stems). The objective is the criteria, or an outcome to ``minimize``
    or ``maximize``.
    """
    if len(options) == 1 and isinstance(options[0], (list, tuple)):
        options = tuple(options[0])
    if minimize and maximize:
        raise ValueError("decide: give minimize= or maximize=, not both")
    _check_choice("format", format, ("json", "csv"))
    _check_choice("sampling", sampling, ("lhs", "sobol"))
    cases = [_scenario(o, set) for o in options]
    names = _names(labels)
    if names and len(names) != len(cases):
        raise ValueError(f"decide: {len(names)} labels for {len(cases)} options")
    text = _ext().decide([c._h for c in cases], names, n, seed, sampling, threads, criteria or "",
                         minimize or maximize or "", not maximize, format)
    return _parse(text, format)


def discover(database, criteria, fail=False, scenario=None, min_density=0.8, min_support=0.05, peel=0.05,
             boxes=3):
    """`sandtable discover DB --criteria EXPR [--fail]` as a dict (its --format json): PRIM boxes
    of the swept assumptions where the criteria hold (or fail), with coverage and density.
    ``scenario`` (a Scenario or a path) prints date-valued assumptions as dates."""
    base = _scenario(scenario) if scenario is not None else None
    text = _ext().discover(os.fspath(database), criteria, fail, base._h if base else None, min_density,
                           min_support, peel, boxes)
    return json.loads(text)


def validate(*cases, set=None, calibration=None, format="frame"):
    """`sandtable validate CASE...`: every recorded battle run and scored against what happened.

    Cases are Scenario objects or paths of files with an ``observed:`` block (``set`` and
    ``calibration`` apply to paths). ``format="frame"`` gives a DataFrame with one row per
    case and observed figure (predicted, observed low and high, grade, log error);
    ``"json"`` the dict with the summary; ``"table"`` and ``"markdown"`` the text.
    """
    if len(cases) == 1 and isinstance(cases[0], (list, tuple)):
        cases = tuple(cases[0])
    _check_choice("format", format, ("frame", "json", "table", "markdown"))
    loaded = [_scenario(c, set, calibration) for c in cases]
    text = _ext().validate([c._h for c in loaded], "csv" if format == "frame" else format)
    if format != "frame":
        return _parse(text, format)
    frame = _parse(text, "csv")
    for column in ("outcome_right", "lower_bound"):
        frame[column] = frame[column].astype(bool)
    return frame


def fit(*cases, free, starts=6, evaluations=400, seed=1, bootstrap=0, loo=False, threads=0, set=None,
        out=None):
    """`sandtable fit CASE... --free PATH=LO..HI ...`: the free coefficients that best match every
    observed figure, as a dict (its --format json: estimates with uncertainty, correlations,
    warnings, residuals, leave-one-out summary with ``loo=True``) plus ``"overlay"``, the YAML
    overlay `fit -o` writes; ``out`` writes it to that file as well.

    ``free`` is a dict {"model.advance.max_km_per_day": (0.02, 1)} or a list of
    "path=lo..hi" strings. The cases run on ``threads`` threads (0: every core); the result
    does not depend on it.
    """
    if len(cases) == 1 and isinstance(cases[0], (list, tuple)):
        cases = tuple(cases[0])
    if isinstance(free, dict):
        free = [f"{k}={lo!r}..{hi!r}" for k, (lo, hi) in free.items()]
    elif isinstance(free, str):
        free = [free]
    loaded = [_scenario(c, set) for c in cases]
    report, overlay = _ext().fit([c._h for c in loaded], list(free), starts, evaluations, seed, bootstrap,
                                 loo, threads)
    result = json.loads(report)
    result["overlay"] = overlay
    if out is not None:
        with open(os.fspath(out), "w", encoding="utf-8") as f:
            f.write(overlay)
    return result


def _date(d):
    return d.isoformat() if hasattr(d, "isoformat") else str(d)


def _check_choice(name, value, choices):
    if value not in choices:
        raise ValueError(f"{name}={value!r}: expected one of {', '.join(map(repr, choices))}")


def _parse(text, format):
    if format == "json":
        return json.loads(text)
    if format == "csv":
        return _pandas().read_csv(io.StringIO(text))
    return text
