"""One self-contained HTML briefing comparing scenarios:
`python3 -m sandtable.report A.yaml B.yaml [...] [--sweep DB] -o report.html`.

Everything comes from the sandtable program's JSON output; figures are inline
SVG, there is no script, stylesheet, font or image fetched from anywhere, and
the page prints (print CSS keeps figures and tables whole on a page).
"""

import argparse
import datetime as _dt
import html
import io
import os
import re
import sys

from . import _cli
from . import plot

CSS = """
body{font-family:serif;max-width:60em;margin:1.5em auto;padding:0 1em;color:#000;background:#fff;line-height:1.35}
h1{font-size:1.5em;margin-bottom:.2em} h2{font-size:1.2em;border-bottom:1px solid #888;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em} th,td{border:1px solid #999;padding:.2em .5em;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums} th{background:#eee}
figure{margin:1em 0;page-break-inside:avoid;break-inside:avoid} figure svg{max-width:100%;height:auto}
figcaption{font-size:.85em;font-style:italic} code{font-size:.9em} .note{font-size:.85em;color:#333}
@media print{body{max-width:none;margin:0} h2{page-break-after:avoid;break-after:avoid}
 table,figure{page-break-inside:avoid;break-inside:avoid} a{color:#000;text-decoration:none}}
"""

# Outcomes that only mean something when the scenario has what they count.
OPTIONAL_ZERO = re.compile(r"^(aid_|pilot|aircraft_lost|sorties|civilians_|is_gain_from_failure|us_casualties|peak_us)")


def _e(x):
    return html.escape(str(x), quote=True)


def _num(v):
    if v is None:
        return ""
    if isinstance(v, float):
        if v == int(v) and abs(v) < 1e15:
            return f"{int(v):,}"
        return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.0f}"
    return _e(v)


def _svg(fig):
    buf = io.StringIO()
    meta = {"Date": None}
    fig.savefig(buf, format="svg", metadata=meta, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buf.getvalue()
    # Drop the XML prolog and DOCTYPE: the <svg> element goes inline.
    return text[text.index("<svg"):]


def relevant_outcomes(compare, runs):
    """The outcomes the compared scenarios have: shares of affiliations they
    field, and optional counts only where some case has them."""
    affs = {e["affiliation"] for r in runs for e in r["elements"]}
    keep = []
    for o in compare["outcomes"]:
        n = o["name"]
        m = re.match(r"^(.*)_share$", n)
        if m and m.group(1) not in affs:
            continue
        if OPTIONAL_ZERO.match(n) and all((v or 0) == 0 for v in o["values"]):
            continue
        keep.append(o)
    return keep


def _figure(svg, caption):
    return f"<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>\n"


def build(exe, files, sweep=None, timing=None, outcome="days_from_d_day", overrides=()):
    plt = plot._mpl()
    sets = [a for o in overrides for a in ("--set", o)]
    runs = [_cli.call_json(exe, "run", f, *sets) for f in files]
    compare = _cli.call_json(exe, "compare", *files, *sets) if len(files) > 1 else None
    version = runs[0]["sandtable_version"]
    names = [r["scenario"]["name"] for r in runs]
    parts = []
    title = " against ".join(names)
    parts.append(f"<h1>{_e(title)}</h1>\n")
    parts.append(f"<p class=note>Sandtable {_e(version)}.</p>\n")

    parts.append("<h2>The question</h2>\n")
    if compare:
        parts.append(f"<p>How do the outcomes of {', '.join(_e(n) for n in names)} differ, and which of the "
                     "assumptions that differ between them account for the difference?</p>\n")
    else:
        parts.append(f"<p>What does {_e(names[0])} lead to?</p>\n")
    desc = runs[0]["resolved_scenario"].get("description", "").strip()
    if desc:
        parts.append(f"<p>{_e(desc)}</p>\n")

    parts.append("<h2>The cases</h2>\n<table><tr><th>case</th><th>scenario</th><th>file</th><th>D-day</th>"
                 "<th>result</th><th>why it ended</th><th>end</th></tr>\n")
    labels = [c["label"] for c in compare["cases"]] if compare else [os.path.splitext(os.path.basename(files[0]))[0]]
    for lab, f, r in zip(labels, files, runs):
        o = r["outcome"]
        parts.append(f"<tr><td>{_e(lab)}</td><td>{_e(r['scenario']['name'])}</td><td><code>{_e(f)}</code></td>"
                     f"<td>{_e(o.get('d_day') or '')}</td><td>{_e(o['result'])}</td><td>{_e(o['reason'])}</td>"
                     f"<td>{_e(o.get('end_date') or '')}</td></tr>\n")
    parts.append("</table>\n")

    if compare:
        parts.append("<h2>The assumptions that differ</h2>\n")
        if compare["assumptions"]:
            parts.append("<table><tr><th>assumption</th>" + "".join(f"<th>{_e(l)}</th>" for l in labels)
                         + "</tr>\n")
            for a in compare["assumptions"]:
                cells = "".join(f"<td>{_e(v)}<br><code class=note>{_e(s or 'default')}</code></td>"
                                for v, s in zip(a["values"], a["sources"]))
                parts.append(f"<tr><td><code>{_e(a['path'])}</code></td>{cells}</tr>\n")
            parts.append("</table>\n<p class=note>Under each value, the file:line:column that set it.</p>\n")
        else:
            parts.append("<p>The cases make the same assumptions.</p>\n")

        parts.append("<h2>Outcomes side by side</h2>\n<table><tr><th>outcome</th>"
                     + "".join(f"<th>{_e(l)}</th>" for l in labels)
                     + "".join(f"<th>{_e(l)} &minus; {_e(labels[0])}</th>" for l in labels[1:]) + "</tr>\n")
        for o in relevant_outcomes(compare, runs):
            vals = "".join(f"<td class=num>{_num(v)}</td>" for v in o["values"])
            diffs = "".join(f"<td class=num>{_num(d)}</td>" for d in o["differences"][1:])
            parts.append(f"<tr><td>{_e(o['name'])}{_e(plot._unit(o['name']))}</td>{vals}{diffs}</tr>\n")
        parts.append("</table>\n")

        parts.append("<h2>The attribution</h2>\n")
        att = [a for a in compare["attributions"] if a.get("available")]
        if att:
            parts.append(f"<p>{_e(att[0]['method'])}.</p>\n")
            try:
                parts.append(_figure(_svg(plot.waterfall(plt, compare, outcome)),
                                     f"What moves {outcome} from {labels[0]} to {labels[-1]}."))
            except _cli.CliError as e:
                parts.append(f"<p>{_e(e)}</p>\n")
        else:
            parts.append("<p>No attribution is available for these cases.</p>\n")

    parts.append("<h2>The runs</h2>\n")
    parts.append(_figure(_svg(plot.figure_runs(exe, files, overrides)),
                         "Cleared fraction, strength and cohesion per element, adversary strength; "
                         "dashed: D-day, dotted: the end, X: an element broke."))

    d_day = runs[0]["outcome"].get("d_day")
    if timing is None and d_day:
        d = _dt.date.fromisoformat(d_day)
        cal = runs[0]["resolved_scenario"]["calendar"]
        start = _dt.date.fromisoformat(cal["start"])
        last = start + _dt.timedelta(days=cal["horizon_days"] - 1)
        lo = max(start, d - _dt.timedelta(days=28))
        hi = min(last, d + _dt.timedelta(days=84))
        timing = (lo.isoformat(), hi.isoformat(), "14d") if lo < hi else None
    if timing:
        parts.append("<h2>The timing curve</h2>\n")
        tdata = _cli.call_json(exe, "timing", files[0], "--from", timing[0], "--to", timing[1], "--step",
                               timing[2], *sets)
        shown = [k for k in (tdata["rows"][0] if tdata["rows"] else {}) if k not in ("d_day", "meets", "end_date")]
        toc = next((k for k in shown if k.endswith("casualties")), shown[0] if shown else None)
        if toc:
            parts.append(f"<p>{_e(names[0])}, D-day moved from {_e(timing[0])} to {_e(timing[1])}; "
                         f"earliest D-day meeting the criteria: {_e(tdata.get('earliest') or 'none in the window')}.</p>\n")
            parts.append(_figure(_svg(plot.timing_figure(plt, tdata, toc)),
                                 f"{toc} and duration against D-day; hatched: criteria met ({tdata['criteria']})."))

    if sweep:
        parts.append("<h2>The sweep</h2>\n")
        ana = _cli.call_json(exe, "analyze", sweep)
        parts.append(f"<p><code>{_e(sweep)}</code>: {_e(ana['method'])} design, {ana['runs']} runs "
                     f"({ana['failed']} failed) over {', '.join(_e(p) for p in ana['parameters'])}.</p>\n")
        measures = {"morris": (plot.figure_morris, "Morris screening"), "oat": (plot.figure_tornado, "Tornado"),
                    "saltelli": (plot.figure_sobol, "Sobol indices")}
        if ana["method"] in measures:
            draw, what = measures[ana["method"]]
            try:
                parts.append(_figure(_svg(draw(exe, sweep, outcome)), f"{what} of {outcome}."))
            except _cli.CliError as e:  # e.g. the outcome is the same in every run
                parts.append(f"<p>{_e(e)}</p>\n")
        outs = [o for o in (outcome, "isf_casualties", "cleared_fraction")]
        try:
            parts.append(_figure(_svg(plot.figure_pairs(sweep, outs)), "Outcomes against the swept inputs."))
        except _cli.CliError as e:
            parts.append(f"<p>{_e(e)}</p>\n")

    parts.append("<h2>Provenance</h2>\n<table><tr><th>case</th><th>file</th><th>scenario SHA-256</th></tr>\n")
    for lab, f, r in zip(labels, files, runs):
        parts.append(f"<tr><td>{_e(lab)}</td><td><code>{_e(f)}</code></td><td><code>{_e(r['scenario']['sha256'])}</code>"
                     "</td></tr>\n")
    parts.append("</table>\n")
    if overrides:
        parts.append("<p>With " + ", ".join(f"<code>--set {_e(o)}</code>" for o in overrides) + ".</p>\n")
    parts.append(f"<p class=note>Produced by sandtable {_e(version)} "
                 f"(<code>sandtable report {' '.join(_e(f) for f in files)}</code>).</p>\n")
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            f"<meta name=viewport content='width=device-width, initial-scale=1'><title>{_e(title)}</title>"
            f"<style>{CSS}</style></head><body>\n" + "".join(parts) + "</body></html>\n")


def main(argv=None):
    p = argparse.ArgumentParser(prog="sandtable report", description="A self-contained HTML report of scenarios.")
    p.add_argument("files", nargs="+", help="scenario files; the first is the reference case")
    p.add_argument("--sweep", help="a sweep's results database to summarise")
    p.add_argument("--timing", nargs=3, metavar=("FROM", "TO", "STEP"),
                   help="the D-day window of the timing curve (default: D-day -4 to +12 weeks, every 2 weeks)")
    p.add_argument("--outcome", default="days_from_d_day", help="the outcome the waterfall explains")
    p.add_argument("-s", "--set", action="append", default=[], help="key.path=value override")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument("--sandtable", help="the sandtable program (default: $SANDTABLE_EXE, then PATH)")
    a = p.parse_args(argv)
    try:
        text = build(_cli.executable(a.sandtable), a.files, a.sweep, a.timing, a.outcome, a.set)
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)
    except _cli.CliError as e:
        print(f"sandtable report: {e}", file=sys.stderr)
        return e.code if e.code in (1, 2, 3) else 1
    except ImportError as e:
        print(f"sandtable report: {e.name or e} is not installed: install python3-matplotlib and python3-pandas",
              file=sys.stderr)
        return 3
    except OSError as e:
        print(f"sandtable report: {a.output}: {e.strerror}", file=sys.stderr)
        return 3
    print(f"wrote {a.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
