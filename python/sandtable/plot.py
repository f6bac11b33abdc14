"""Pictures of Sandtable results: `python3 -m sandtable.plot KIND ... -o FILE.svg|png`.

Every figure is drawn from the sandtable program's JSON (and CSV) output, so
this module works without the compiled extension. Figures are readable in
greyscale (line styles and hatches carry the distinctions) and byte-stable
for the same inputs (fixed SVG hash salt, no dates in the metadata).
"""

import argparse
import datetime as _dt
import os
import sys

from . import _cli

LINESTYLES = ["-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 3)), (0, (8, 2)), (0, (3, 1, 1, 1, 1, 1))]
MARKERS = ["o", "s", "^", "v", "D", "x", "+", "*"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "oo", "++"]
GREYS = ["0.0", "0.35", "0.55", "0.7"]


def _mpl():
    try:
        import matplotlib
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise _cli.CliError(["python3 -m sandtable.plot"], 3,
                            f"matplotlib is not installed ({e}): install python3-matplotlib") from e
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "sandtable"
    matplotlib.rcParams["svg.fonttype"] = "path"
    matplotlib.rcParams["font.size"] = 9
    import matplotlib.pyplot as plt

    return plt


def save(fig, out):
    ext = os.path.splitext(out)[1].lower()
    if ext not in (".svg", ".png"):
        raise _cli.CliError(["plot"], 2, f"{out}: the output's extension must be .svg or .png")
    meta = {"Date": None} if ext == ".svg" else {"Software": "sandtable"}
    fig.savefig(out, format=ext[1:], metadata=meta, bbox_inches="tight", dpi=110)
    import matplotlib.pyplot as plt

    plt.close(fig)


def _date(s):
    return _dt.date.fromisoformat(s)


def _style(i):
    return dict(linestyle=LINESTYLES[i % len(LINESTYLES)], color=GREYS[i % len(GREYS)])


# --- one run or several ------------------------------------------------------


def figure_runs(exe, files, overrides=()):
    plt = _mpl()
    runs = [_cli.run_with_daily(exe, f, overrides) for f in files]
    fig, axes = plt.subplots(2, 2, figsize=(11, 7.5), sharex=False)
    (ax_clear, ax_str), (ax_coh, ax_adv) = axes
    names = [s["scenario"]["name"] for s, _ in runs]
    for r, (summary, daily) in enumerate(runs):
        by_date = daily.groupby("date")
        st = _style(r)
        ax_clear.plot(by_date["cleared"].max().index, by_date["cleared"].max().values * 100,
                      label=summary["scenario"]["name"], linewidth=1.6, **st)
        ax_adv.plot(by_date["is_fighters"].first().index, by_date["is_fighters"].first().values,
                    label=summary["scenario"]["name"], linewidth=1.6, **st)
        fighting = [e for e in summary["elements"] if e["role"] != "air"]
        for i, e in enumerate(fighting):
            rows = daily[daily["element"] == e["name"]]
            kw = dict(linestyle=LINESTYLES[i % len(LINESTYLES)], color=GREYS[r % len(GREYS)],
                      marker=MARKERS[i % len(MARKERS)], markevery=max(1, len(rows) // 8), markersize=3.5,
                      linewidth=1.1)
            # Line style and marker tell the elements apart, the grey the scenarios.
            label = e["name"] if r == 0 else None
            ax_str.plot(rows["date"], rows["personnel"], label=label, **kw)
            ax_coh.plot(rows["date"], rows["cohesion"], label=label, **kw)
            if e.get("broke_on"):
                d = _date(e["broke_on"])
                for ax in (ax_str, ax_coh):
                    ax.plot([d], [rows[rows["date"] == str(d)]["personnel" if ax is ax_str else "cohesion"].max()],
                            marker="X", color="black", markersize=8, linestyle="none")
        o = summary["outcome"]
        for ax in axes.flat:
            if o.get("d_day"):
                ax.axvline(_date(o["d_day"]), color="0.3", linestyle="--", linewidth=0.9)
            if o.get("end_date"):
                ax.axvline(_date(o["end_date"]), color="0.3", linestyle=":", linewidth=1.2)
    # Legend entries for the markers, once.
    from matplotlib.lines import Line2D

    marks = [Line2D([], [], color="0.3", linestyle="--", label="D-day"),
             Line2D([], [], color="0.3", linestyle=":", label="end of the run"),
             Line2D([], [], color="black", marker="X", linestyle="none", label="element broke")]
    ax_clear.set(title="Cleared fraction", ylabel="cleared area (%)", ylim=(0, 100))
    ax_str.set(title="Strength per element", ylabel="personnel (people)")
    ax_coh.set(title="Cohesion per element", ylabel="cohesion (0 to 1)", ylim=(0, 1.05))
    ax_adv.set(title="Adversary strength", ylabel="fighters (people)")
    ax_clear.legend(handles=ax_clear.get_legend_handles_labels()[0] + marks, fontsize=7, loc="upper left")
    ax_adv.legend(fontsize=7)
    ax_coh.legend(fontsize=6, ncol=2, loc="lower right", title="element", title_fontsize=6)
    for ax in axes.flat:
        ax.set_xlabel("date")
        ax.grid(True, color="0.88", linewidth=0.6)
        for lab in ax.get_xticklabels():
            lab.set_rotation(30)
    fig.suptitle(" against ".join(names))
    fig.tight_layout()
    return fig


# --- compare: attribution waterfall -------------------------------------------


def figure_compare(exe, files, outcome="days_from_d_day", overrides=()):
    plt = _mpl()
    sets = [a for o in overrides for a in ("--set", o)]
    data = _cli.call_json(exe, "compare", *files, *sets)
    return waterfall(plt, data, outcome)


def waterfall(plt, data, outcome):
    att = next((a for a in data["attributions"] if a.get("available")), None)
    if att is None:
        raise _cli.CliError(["compare"], 1, "the comparison has no attribution to draw")
    oc = next((o for o in att["outcomes"] if o["name"] == outcome), None)
    if oc is None:
        names = ", ".join(o["name"] for o in att["outcomes"])
        raise _cli.CliError(["compare"], 2, f"no attribution for outcome '{outcome}'; the attributed outcomes are {names}")
    contribs = oc["contributions"]
    labels = [att["from"]] + [c["player"] for c in contribs] + [att["to"]]
    fig, ax = plt.subplots(figsize=(max(6, 1.3 * len(labels)), 4.2))
    ax.bar(0, oc["from"], color="0.8", edgecolor="black", label=f"{outcome} of the case")
    level = oc["from"]
    for i, c in enumerate(contribs, start=1):
        v = c["value"]
        ax.bar(i, v, bottom=level, color="white", edgecolor="black",
               hatch="//" if v >= 0 else "..", label=None)
        ax.text(i, level + v, f"{v:+.3g}", ha="center", va="bottom" if v >= 0 else "top", fontsize=8)
        level += v
    ax.bar(len(labels) - 1, oc["to"], color="0.8", edgecolor="black")
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(facecolor="0.8", edgecolor="black", label="case value"),
                       Patch(facecolor="white", edgecolor="black", hatch="//", label="raises it"),
                       Patch(facecolor="white", edgecolor="black", hatch="..", label="lowers it")], fontsize=7)
    ax.set_xticks(range(len(labels)), labels, rotation=20, ha="right")
    ax.set_ylabel(f"{outcome}" + _unit(outcome))
    names = [c["name"] for c in data["cases"]]
    ax.set_title(f"Why {outcome} differs: {names[0]} to {names[-1]}\n({att['method']})", fontsize=9)
    ax.grid(True, axis="y", color="0.88")
    fig.tight_layout()
    return fig


def _unit(outcome):
    if outcome.endswith("_days") or outcome.endswith("_day") or outcome == "days_from_d_day":
        return " (days)"
    if outcome.endswith("casualties") or outcome.startswith("is_strength") or outcome.endswith("losses"):
        return " (people)"
    if outcome.endswith("fraction") or outcome.endswith("share"):
        return " (fraction, 0 to 1)"
    if outcome in ("success", "failure", "stalemate", "unresolved"):
        return " (1 = yes)"
    return ""


# --- timing -------------------------------------------------------------------


def figure_timing(exe, file, d_from, d_to, step="7d", outcome="isf_casualties", criteria=None, overrides=()):
    plt = _mpl()
    args = ["timing", file, "--from", d_from, "--to", d_to, "--step", step]
    if criteria:
        args += ["--criteria", criteria]
    args += [a for o in overrides for a in ("--set", o)]
    data = _cli.call_json(exe, *args)
    return timing_figure(plt, data, outcome)


def timing_figure(plt, data, outcome):
    rows = data["rows"]
    if rows and outcome not in rows[0]:
        raise _cli.CliError(["timing"], 2, f"timing shows no outcome '{outcome}'; it shows "
                            + ", ".join(k for k in rows[0] if k not in ("d_day", "meets", "end_date")))
    days = [_date(r["d_day"]) for r in rows]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
    ax1.plot(days, [r[outcome] for r in rows], color="black", marker="o", markersize=3.5, linestyle="-",
             label=outcome)
    ax2.plot(days, [r["days_from_d_day"] for r in rows], color="0.3", marker="s", markersize=3.5,
             linestyle="--", label="duration")
    half = _dt.timedelta(days=data["step_days"] / 2)
    first = True
    for d, r in zip(days, rows):
        if r["meets"]:
            for ax in (ax1, ax2):
                ax.axvspan(d - half, d + half, facecolor="0.9", edgecolor="0.6", hatch="//", linewidth=0,
                           label="criteria met" if first and ax is ax1 else None)
            first = False
    if data.get("earliest"):
        for ax in (ax1, ax2):
            ax.axvline(_date(data["earliest"]), color="black", linestyle=":", linewidth=1.2,
                       label="earliest D-day meeting the criteria" if ax is ax1 else None)
    ax1.set_ylabel(outcome + _unit(outcome))
    ax2.set_ylabel("days from D-day to the end (days)")
    ax2.set_xlabel("D-day (date)")
    ax1.legend(fontsize=7)
    for ax in (ax1, ax2):
        ax.grid(True, color="0.88")
    for lab in ax2.get_xticklabels():
        lab.set_rotation(30)
    ax1.set_title(f"{data['scenario']}: outcome against D-day\ncriteria: {data['criteria']}", fontsize=9)
    fig.tight_layout()
    return fig


# --- threshold --by: the frontier ---------------------------------------------


def figure_threshold(exe, file, vary, by, criteria=None, grid=None, overrides=()):
    plt = _mpl()
    args = ["threshold", file, "--vary", vary, "--by", by]
    if criteria:
        args += ["--criteria", criteria]
    if grid:
        args += ["--grid", str(grid)]
    args += [a for o in overrides for a in ("--set", o)]
    data = _cli.call_json(exe, *args)
    name = _cli.call_json(exe, "run", file, *[a for o in overrides for a in ("--set", o)])["scenario"]["name"]
    return frontier_figure(plt, data, name)


def frontier_figure(plt, data, name):
    if "by" not in data:
        raise _cli.CliError(["threshold"], 2, "a frontier needs threshold --by")
    fig, ax = plt.subplots(figsize=(8, 4.5))
    is_date = any("-" in r["by"]["text"] for r in data["rows"])
    xs_all = []
    for r in data["rows"]:
        x = _date(r["by"]["text"]) if is_date else r["by"]["value"]
        xs_all.append(x)
        for s in r["switches"]:
            y = (s["low"]["value"] + s["high"]["value"]) / 2
            ax.plot([x], [y], marker="^" if s["criteria_hold_above"] else "v", color="black",
                    markersize=7, linestyle="none")
        if not r["switches"]:
            y = data["vary"]["hi"]["value"] if r["holds_at_hi"] else data["vary"]["lo"]["value"]
            ax.plot([x], [y], marker="o" if r["holds_at_lo"] else "x", color="0.4", markersize=6, linestyle="none")
    firsts = [(x, (r["switches"][0]["low"]["value"] + r["switches"][0]["high"]["value"]) / 2)
              for x, r in zip(xs_all, data["rows"]) if r["switches"]]
    if firsts:
        ax.plot([p[0] for p in firsts], [p[1] for p in firsts], color="black", linestyle="--", linewidth=1)
    from matplotlib.lines import Line2D

    ax.legend(handles=[Line2D([], [], marker="^", color="black", linestyle="none", label="criteria hold above"),
                       Line2D([], [], marker="v", color="black", linestyle="none", label="criteria hold below"),
                       Line2D([], [], marker="o", color="0.4", linestyle="none", label="hold over the whole interval"),
                       Line2D([], [], marker="x", color="0.4", linestyle="none", label="fail over the whole interval")],
              fontsize=7)
    ax.set_ylim(data["vary"]["lo"]["value"], data["vary"]["hi"]["value"])
    ax.set_xlabel(data["by"]["path"] + (" (date)" if is_date else ""))
    ax.set_ylabel(data["vary"]["path"] + " at the switch")
    ax.set_title(f"{name}: frontier of {data['vary']['path']}\ncriteria: {data['criteria']}", fontsize=9)
    ax.grid(True, color="0.88")
    fig.tight_layout()
    return fig


# --- sweep database -----------------------------------------------------------


def figure_morris(exe, db, outcome):
    plt = _mpl()
    data = _cli.call_json(exe, "analyze", db)
    oc = next((o for o in data["outcomes"] if o["outcome"] == outcome), None)
    if oc is None or "morris" not in oc:
        raise _cli.CliError(["analyze"], 2, f"{db}: no Morris measures for outcome '{outcome}' (a --method morris sweep has them)")
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for i, m in enumerate(oc["morris"]):
        ax.plot([m["mu_star"]], [m["sigma"]], marker=MARKERS[i % len(MARKERS)], color="black",
                linestyle="none", label=m["parameter"])
    ax.set_xlabel(f"mu* (mean |elementary effect|, {outcome}{_unit(outcome)[1:-1] and ' in ' + _unit(outcome)[2:-1]})")
    ax.set_ylabel("sigma (spread of the elementary effects)")
    ax.set_title(f"Morris screening of {outcome} ({os.path.basename(db)}, {data['runs']} runs)", fontsize=9)
    ax.legend(fontsize=7)
    ax.grid(True, color="0.88")
    fig.tight_layout()
    return fig


def _analysis(exe, db, outcome, measure, method):
    data = _cli.call_json(exe, "analyze", db)
    oc = next((o for o in data["outcomes"] if o["outcome"] == outcome), None)
    if oc is None:
        names = ", ".join(o["outcome"] for o in data["outcomes"])
        raise _cli.CliError(["analyze"], 2, f"{db}: no outcome '{outcome}' (the database has {names})")
    if not oc.get(measure):
        raise _cli.CliError(["analyze"], 2,
                            f"{db}: no {measure} measures for outcome '{outcome}' (a --method {method} sweep has them)")
    return data, oc


def _partial_note(data):
    return f", PARTIAL: {data['runs']} of {data['design_size']} runs" if data.get("partial") else ""


def figure_tornado(exe, db, outcome):
    """Tornado of a --method oat sweep: each parameter at its lowest and highest
    value, the others at the base case; largest swing on top."""
    plt = _mpl()
    data, oc = _analysis(exe, db, outcome, "tornado", "oat")
    bars = list(reversed(oc["tornado"]))  # analyze sorts largest first; barh draws bottom up
    base = oc["base"]
    fig, ax = plt.subplots(figsize=(7, 1.2 + 0.45 * len(bars)))
    for i, b in enumerate(bars):
        for value, fill, hatch, label in ((b["low"], "0.55", "", "parameter at its lowest"),
                                          (b["high"], "white", "//", "parameter at its highest")):
            if value is None:
                continue
            ax.barh(i, value - base, left=base, height=0.6, color=fill, edgecolor="black", hatch=hatch,
                    label=label if i == 0 else None)
        ax.text(max(v for v in (b["low"], b["high"], base) if v is not None), i,
                f"  {b['low_value']} .. {b['high_value']}", va="center", fontsize=7)
    ax.axvline(base, color="black", linewidth=0.8)
    ax.set_yticks(range(len(bars)), [b["parameter"] for b in bars])
    ax.set_xlabel(f"{outcome}{_unit(outcome)} (base case {base:g})")
    ax.set_title(f"Tornado of {outcome} ({os.path.basename(db)}, {data['runs']} runs{_partial_note(data)})",
                 fontsize=9)
    ax.legend(fontsize=7, loc="lower right")
    ax.grid(True, axis="x", color="0.88")
    ax.margins(x=0.25)
    fig.tight_layout()
    return fig


def figure_sobol(exe, db, outcome):
    """First-order (S1) and total (ST) Sobol indices of a --method saltelli sweep,
    with their bootstrap confidence intervals."""
    plt = _mpl()
    data, oc = _analysis(exe, db, outcome, "sobol", "saltelli")
    idx = oc["sobol"]
    fig, ax = plt.subplots(figsize=(max(5.0, 1.3 * len(idx) + 2), 4.5))
    width = 0.38
    for k, (key, fill, hatch, label) in enumerate((("first", "0.55", "", "first order S1"),
                                                   ("total", "white", "//", "total ST"))):
        xs = [i + (k - 0.5) * width for i in range(len(idx))]
        ys = [s[key] if s[key] is not None else 0.0 for s in idx]
        lo = [max(0.0, y - s[key + "_low"]) if s[key + "_low"] is not None else 0.0 for y, s in zip(ys, idx)]
        hi = [max(0.0, s[key + "_high"] - y) if s[key + "_high"] is not None else 0.0 for y, s in zip(ys, idx)]
        ax.bar(xs, ys, width=width, color=fill, edgecolor="black", hatch=hatch, label=label,
               yerr=[lo, hi], capsize=3, error_kw={"elinewidth": 0.8})
    ax.set_xticks(range(len(idx)), [s["parameter"] for s in idx], rotation=20, ha="right")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel(f"share of the variance of {outcome}")
    ax.set_title(f"Sobol indices of {outcome} ({os.path.basename(db)}, {data['runs']} runs"
                 f"{_partial_note(data)}); bars: bootstrap intervals", fontsize=9)
    ax.legend(fontsize=7)
    ax.grid(True, axis="y", color="0.88")
    fig.tight_layout()
    return fig


def figure_prim(exe, db, criteria, fail=False, scenario=None):
    """PRIM's peeling trajectory (coverage against density) with the chosen box."""
    plt = _mpl()
    args = ["discover", db, "--criteria", criteria]
    if fail:
        args.append("--fail")
    if scenario:
        args += ["--scenario", scenario]
    data = _cli.call_json(exe, *args)
    traj = data["trajectory"]
    if not traj:
        raise _cli.CliError(["discover"], 1, f"{db}: PRIM found no box {data['describes']}")
    fig, ax = plt.subplots(figsize=(6.5, 4.8))
    ax.plot([t["coverage"] for t in traj], [t["density"] for t in traj], color="0.45", linestyle="-",
            marker="o", markersize=3, label="peeling trajectory (from the whole space, coverage 1)")
    # The trajectory is the first box's; later boxes are found on the runs the
    # boxes before them leave, so they are listed, not placed on it.
    for i, b in enumerate(data["boxes"]):
        where = "chosen box" if i == 0 else f"box {i + 1} (on the runs left)"
        label = f"{where}: {b['description']} (coverage {b['coverage']:.2f}, density {b['density']:.2f})"
        if i == 0:
            ax.plot([b["coverage"]], [b["density"]], marker="*", markersize=12, color="black",
                    linestyle="none", label=label)
        else:
            ax.plot([], [], linestyle="none", label=label)
    ax.set_xlabel("coverage (share of the cases of interest inside the box)")
    ax.set_ylabel("density (share of the box's runs that are cases of interest)")
    ax.set_xlim(0, 1.05)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"Scenario discovery: {data['describes']}: {criteria}\n"
                 f"({os.path.basename(db)}, {data['rows_used']} runs, {data['hits']} cases of interest)", fontsize=9)
    ax.legend(fontsize=7, loc="lower left")
    ax.grid(True, color="0.88")
    fig.tight_layout()
    return fig


def figure_pairs(db, outcomes):
    import sqlite3

    import pandas as pd

    plt = _mpl()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        if "runs" not in tables:
            raise _cli.CliError(["plot pairs"], 1, f"{db}: not a sandtable results database (no runs table)")
        runs = pd.read_sql_query("select * from runs where status = 'ok'", con)
        params = [r[0] for r in con.execute("select path from parameters order by position")] \
            if "parameters" in tables else []
    finally:
        con.close()
    ins = [p for p in params if p in runs.columns]
    outs = [o for o in outcomes if o in runs.columns]
    if not ins or not outs:
        raise _cli.CliError(["plot pairs"], 2, f"{db}: inputs {ins} or outcomes {outcomes} not in the runs table")
    fig, axes = plt.subplots(len(outs), len(ins), figsize=(3 * len(ins), 2.6 * len(outs)), squeeze=False)
    for r, o in enumerate(outs):
        for c, p in enumerate(ins):
            ax = axes[r][c]
            ax.plot(runs[p], runs[o], marker="o", markersize=2.5, linestyle="none", color="black", alpha=0.6)
            if r == len(outs) - 1:
                ax.set_xlabel(p)
            if c == 0:
                ax.set_ylabel(o + _unit(o))
    fig.suptitle(f"Outcomes against inputs ({os.path.basename(db)}, {len(runs)} runs)")
    fig.tight_layout()
    return fig


# --- command line -------------------------------------------------------------


def build_parser():
    p = argparse.ArgumentParser(prog="sandtable plot", description="Draw Sandtable results (SVG or PNG).")
    p.add_argument("--sandtable", help="the sandtable program (default: $SANDTABLE_EXE, then PATH)")
    sub = p.add_subparsers(dest="kind", required=True)

    def common(sp):
        sp.add_argument("-o", "--output", required=True, help="output file, .svg or .png")
        sp.add_argument("-s", "--set", action="append", default=[], help="key.path=value override")

    sp = sub.add_parser("run", help="daily series of one run or several on one figure")
    sp.add_argument("files", nargs="+")
    common(sp)
    sp = sub.add_parser("compare", help="attribution waterfall of a comparison")
    sp.add_argument("files", nargs="+")
    sp.add_argument("--outcome", default="days_from_d_day")
    common(sp)
    sp = sub.add_parser("timing", help="outcome and duration against D-day with the criteria band")
    sp.add_argument("file")
    sp.add_argument("--from", dest="d_from", required=True)
    sp.add_argument("--to", dest="d_to", required=True)
    sp.add_argument("--step", default="7d")
    sp.add_argument("--outcome", default="isf_casualties")
    sp.add_argument("--criteria")
    common(sp)
    sp = sub.add_parser("frontier", help="threshold --by: the frontier")
    sp.add_argument("file")
    sp.add_argument("--vary", required=True)
    sp.add_argument("--by", required=True)
    sp.add_argument("--criteria")
    sp.add_argument("--grid", type=int)
    common(sp)
    sp = sub.add_parser("morris", help="Morris mu*/sigma of a --method morris sweep")
    sp.add_argument("db")
    sp.add_argument("--outcome", required=True)
    common(sp)
    sp = sub.add_parser("tornado", help="tornado of a --method oat sweep")
    sp.add_argument("db")
    sp.add_argument("--outcome", required=True)
    common(sp)
    sp = sub.add_parser("sobol", help="Sobol S1/ST with confidence intervals of a --method saltelli sweep")
    sp.add_argument("db")
    sp.add_argument("--outcome", required=True)
    common(sp)
    sp = sub.add_parser("prim", help="PRIM's coverage/density trade-off with the chosen box")
    sp.add_argument("db")
    sp.add_argument("--criteria", required=True)
    sp.add_argument("--fail", action="store_true", help="describe where the criteria fail")
    sp.add_argument("--scenario", help="scenario whose criteria names are read (as discover --scenario)")
    common(sp)
    sp = sub.add_parser("pairs", help="outcomes against inputs of a sweep database")
    sp.add_argument("db")
    sp.add_argument("--outcomes", required=True, help="comma-separated outcome names")
    common(sp)
    return p


def main(argv=None):
    a = build_parser().parse_args(argv)
    try:
        exe = None if a.kind == "pairs" else _cli.executable(a.sandtable)
        if a.kind == "run":
            fig = figure_runs(exe, a.files, a.set)
        elif a.kind == "compare":
            fig = figure_compare(exe, a.files, a.outcome, a.set)
        elif a.kind == "timing":
            fig = figure_timing(exe, a.file, a.d_from, a.d_to, a.step, a.outcome, a.criteria, a.set)
        elif a.kind == "frontier":
            fig = figure_threshold(exe, a.file, a.vary, a.by, a.criteria, a.grid, a.set)
        elif a.kind == "morris":
            fig = figure_morris(exe, a.db, a.outcome)
        elif a.kind == "tornado":
            fig = figure_tornado(exe, a.db, a.outcome)
        elif a.kind == "sobol":
            fig = figure_sobol(exe, a.db, a.outcome)
        elif a.kind == "prim":
            fig = figure_prim(exe, a.db, a.criteria, a.fail, a.scenario)
        else:
            fig = figure_pairs(a.db, [o for o in a.outcomes.split(",") if o])
        save(fig, a.output)
    except _cli.CliError as e:
        print(f"sandtable plot: {e}", file=sys.stderr)
        return e.code if e.code in (1, 2, 3) else 1
    except ImportError as e:
        print(f"sandtable plot: {e.name or e} is not installed: install python3-matplotlib and python3-pandas",
              file=sys.stderr)
        return 3
    print(f"wrote {a.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
