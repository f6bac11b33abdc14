"""Every plot kind and the HTML report, drawn from the sandtable program's
output; the report loaded in headless Chromium."""

import os
import re
import shutil
import struct
import subprocess
import sys

import pytest

from sandtable import plot, report

SRC = os.environ.get("SANDTABLE_SOURCE_DIR", os.getcwd())
EXE = os.environ.get("SANDTABLE_EXE")
FEB = os.path.join(SRC, "scenarios/mosul-2015/february.yaml")
SPRING = os.path.join(SRC, "scenarios/mosul-2015/spring.yaml")
BASE = os.path.join(SRC, "scenarios/mosul-2015/base.yaml")
IWO = os.path.join(SRC, "scenarios/validation/iwo-jima.yaml")

pytestmark = pytest.mark.skipif(not EXE, reason="SANDTABLE_EXE is not set (CTest sets it)")


def _png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def _svg_text(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert "<svg" in text and text.rstrip().endswith("</svg>"), f"{path} is not an SVG"
    return text


def _plot(tmp_path, name, *args):
    out = str(tmp_path / name)
    assert plot.main(["--sandtable", EXE, *args, "-o", out]) == 0
    assert os.path.getsize(out) > 1000
    return out


# Text in the SVGs stays text (svg.fonttype=path would turn it to outlines),
# so the titles can be checked: the tests draw with fonttype none.
@pytest.fixture(autouse=True)
def text_in_svg(monkeypatch):
    orig = plot._mpl

    def mpl():
        plt = orig()
        plt.rcParams["svg.fonttype"] = "none"
        return plt

    monkeypatch.setattr(plot, "_mpl", mpl)


@pytest.fixture(scope="module")
def sweep_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("sweep") / "morris.db")
    subprocess.run([EXE, "--log-level", "error", "sweep", BASE, "--method", "morris", "--samples", "6",
                    "--vary", "forces.isf.readiness=0.3..0.6", "--vary", "forces.shia_militias.personnel=4000..9000",
                    "-o", db], check=True)
    return db


def test_run_two_scenarios_svg(tmp_path):
    text = _svg_text(_plot(tmp_path, "run.svg", "run", FEB, SPRING))
    for want in ("Mosul 2015: February offensive against Mosul 2015: spring offensive", "Cleared fraction",
                 "cleared area (%)", "Cohesion per element", "Adversary strength", "fighters (people)", "D-day",
                 "element broke", "isf"):
        assert want in text, want


def test_run_png_and_byte_stable_svg(tmp_path):
    w, h = _png_size(_plot(tmp_path, "run.png", "run", IWO))
    assert w > 400 and h > 300
    a = open(_plot(tmp_path, "a.svg", "run", IWO), "rb").read()
    b = open(_plot(tmp_path, "b.svg", "run", IWO), "rb").read()
    assert a == b
    assert b"Iwo" in a and b"<dc:date>" not in a


def test_compare_waterfall(tmp_path):
    text = _svg_text(_plot(tmp_path, "cmp.svg", "compare", FEB, SPRING, "--outcome", "days_from_d_day"))
    assert "Why days_from_d_day differs" in text and "calendar.d_day" in text and "(days)" in text
    assert "hatch" in text or "pattern" in text  # greyscale: hatches mark up and down


def test_compare_unknown_outcome_is_a_usage_error(tmp_path, capsys):
    rc = plot.main(["--sandtable", EXE, "compare", FEB, SPRING, "--outcome", "nonsense", "-o",
                    str(tmp_path / "x.svg")])
    assert rc == 2
    assert "no attribution for outcome 'nonsense'" in capsys.readouterr().err
    assert not (tmp_path / "x.svg").exists()


def test_timing(tmp_path):
    text = _svg_text(_plot(tmp_path, "t.svg", "timing", BASE, "--from", "2015-02-01", "--to", "2015-05-01",
                           "--step", "21d"))
    assert "Mosul 2015: base case: outcome against D-day" in text
    assert "criteria met" in text and "isf_casualties (people)" in text and "D-day (date)" in text


def test_frontier(tmp_path):
    text = _svg_text(_plot(tmp_path, "f.png".replace("png", "svg"), "frontier", BASE, "--vary",
                           "forces.isf.readiness=0.05..0.9", "--by", "calendar.d_day=2015-02-01:2015-05-01:42d",
                           "--grid", "5", "--criteria", "success and isf_casualties < 700"))
    assert "frontier of forces.isf.readiness" in text and "calendar.d_day (date)" in text
    assert "criteria hold above" in text


def test_morris_and_pairs(tmp_path, sweep_db):
    text = _svg_text(_plot(tmp_path, "m.svg", "morris", sweep_db, "--outcome", "days_from_d_day"))
    assert "Morris screening of days_from_d_day" in text and "forces.isf.readiness" in text
    w, h = _png_size(_plot(tmp_path, "p.png", "pairs", sweep_db, "--outcomes", "days_from_d_day,isf_casualties"))
    assert w > 300 and h > 300



def _sweep(tmp_path_factory, name, *args):
    db = str(tmp_path_factory.mktemp("sweep") / name)
    subprocess.run([EXE, "--log-level", "error", "sweep", BASE, *args, "-q", "--yes", "-o", db], check=True)
    return db


VARY2 = ("--vary", "forces.isf.readiness=0.3..0.6", "--vary", "adversary.fighters=1500..3500")


def test_tornado(tmp_path, tmp_path_factory):
    db = _sweep(tmp_path_factory, "oat.db", "--method", "oat", *VARY2)
    text = _svg_text(_plot(tmp_path, "t.svg", "tornado", db, "--outcome", "isf_casualties"))
    assert "Tornado of isf_casualties" in text and "(people)" in text and "base case" in text
    assert "adversary.fighters" in text and "forces.isf.readiness" in text
    assert "parameter at its highest" in text and "1500 .. 3500" in text
    # A design without a tornado says which design has one.
    rc = plot.main(["--sandtable", EXE, "tornado", _sweep(tmp_path_factory, "lhs.db", "--method", "lhs",
                                                          "--samples", "20", *VARY2),
                    "--outcome", "isf_casualties", "-o", str(tmp_path / "x.svg")])
    assert rc == 2 and not (tmp_path / "x.svg").exists()


def test_sobol(tmp_path, tmp_path_factory, capsys):
    db = _sweep(tmp_path_factory, "saltelli.db", "--method", "saltelli", "--samples", "64", *VARY2)
    text = _svg_text(_plot(tmp_path, "s.svg", "sobol", db, "--outcome", "isf_casualties"))
    assert "Sobol indices of isf_casualties" in text and "first order S1" in text and "total ST" in text
    assert "adversary.fighters" in text and "bootstrap intervals" in text
    rc = plot.main(["--sandtable", EXE, "sobol", db, "--outcome", "nonsense", "-o", str(tmp_path / "y.svg")])
    assert rc == 2 and "no outcome 'nonsense'" in capsys.readouterr().err


def test_prim(tmp_path, tmp_path_factory):
    db = _sweep(tmp_path_factory, "prim.db", "--method", "lhs", "--samples", "300", *VARY2)
    text = _svg_text(_plot(tmp_path, "p.svg", "prim", db, "--criteria", "success and isf_casualties < 800",
                           "--fail"))
    assert "Scenario discovery: where the criteria fail" in text and "peeling trajectory" in text
    assert "chosen box" in text and "coverage" in text and "density" in text
    assert "adversary.fighters" in text  # the box bounds the garrison

def test_bad_extension(tmp_path):
    assert plot.main(["--sandtable", EXE, "run", IWO, "-o", str(tmp_path / "x.pdf")]) == 2


def test_scenario_error_passes_through(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ncalendar: [\n")
    assert plot.main(["--sandtable", EXE, "run", str(bad), "-o", str(tmp_path / "x.svg")]) == 1
    assert "bad.yaml:" in capsys.readouterr().err


# --- the report --------------------------------------------------------------

MARK = """<script>
window.addEventListener('load', () => {
  const out = [];
  document.querySelectorAll('svg').forEach((s, i) => {
    const r = s.getBoundingClientRect();
    out.push(i + ':' + Math.round(r.width) + 'x' + Math.round(r.height) + ':' + s.querySelectorAll('path,text,use').length);
  });
  const p = document.createElement('pre'); p.id = 'svg-sizes'; p.textContent = out.join(' ');
  document.body.appendChild(p);
});
</script>"""


def _chromium():
    for name in ("chromium", "chromium-browser"):
        exe = shutil.which(name) or (f"/usr/bin/{name}" if os.path.exists(f"/usr/bin/{name}") else None)
        if exe:
            return exe
    return None


def _browse(path, *extra):
    exe = _chromium()
    argv = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr",
            "--v=0", "--virtual-time-budget=5000", "--window-size=1200,2000", *extra, "file://" + path]
    return subprocess.run(argv, capture_output=True, text=True, timeout=90)


def _console_errors(stderr):
    return [l for l in stderr.splitlines() if "CONSOLE" in l or "Uncaught" in l]


@pytest.fixture(scope="module")
def report_html(tmp_path_factory, sweep_db):
    out = str(tmp_path_factory.mktemp("report") / "report.html")
    assert report.main(["--sandtable", EXE, FEB, SPRING, "--sweep", sweep_db, "-o", out]) == 0
    return out


def test_report_content(report_html):
    text = open(report_html, encoding="utf-8").read()
    assert "Mosul 2015: February offensive against Mosul 2015: spring offensive" in text
    assert "calendar.d_day" in text and "february.yaml:9:10" in text and "spring.yaml:10:10" in text
    for h in ("The question", "The assumptions that differ", "Outcomes side by side", "The attribution",
              "The timing curve", "The sweep", "Provenance"):
        assert f"<h2>{h}</h2>" in text, h
    assert re.search(r"<code>[0-9a-f]{64}</code>", text)
    assert "@media print" in text
    # Self-contained: nothing is fetched.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", text)
    assert "<script" not in text and "<link" not in text and "@import" not in text
    assert text.count("<svg") >= 5


def test_report_speaks_only_of_what_the_scenario_has(tmp_path):
    out = str(tmp_path / "iwo.html")
    assert report.main(["--sandtable", EXE, IWO, IWO, "-o", out]) == 0
    text = open(out, encoding="utf-8").read()
    assert "Iwo Jima" in text
    assert "iraqi_government" not in text and "kurdish_share" not in text
    assert "us_coalition_share" in text


@pytest.mark.skipif(_chromium() is None, reason="Chromium is absent (Debian package chromium): the report "
                    "is not loaded in a browser")
def test_report_in_chromium(report_html, tmp_path):
    shot = str(tmp_path / "report.png")
    r = _browse(report_html, f"--screenshot={shot}")
    assert r.returncode == 0, r.stderr
    assert _console_errors(r.stderr) == [], r.stderr
    w, h = _png_size(shot)
    assert (w, h) == (1200, 2000)
    # The screenshot is not blank: a PNG of a white page compresses to a few kB.
    assert os.path.getsize(shot) > 30000

    marked = str(tmp_path / "marked.html")
    text = open(report_html, encoding="utf-8").read()
    with open(marked, "w", encoding="utf-8") as f:
        f.write(text.replace("</body>", MARK + "</body>"))
    dom = _browse(marked, "--dump-dom")
    assert dom.returncode == 0, dom.stderr
    m = re.search(r'<pre id="svg-sizes">([^<]*)</pre>', dom.stdout)
    assert m, dom.stdout[-2000:]
    sizes = m.group(1).split()
    assert len(sizes) == text.count("<svg")
    for s in sizes:
        _, wh, n = s.split(":")
        w, h = map(int, wh.split("x"))
        assert w > 200 and h > 100 and int(n) > 10, s


@pytest.mark.skipif(_chromium() is None, reason="Chromium is absent")
def test_console_errors_are_caught(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><body><script>console.error('broken figure');</script></body></html>")
    r = _browse(str(page), "--dump-dom")
    assert any("broken figure" in l for l in _console_errors(r.stderr)), r.stderr


# --- through the sandtable program -------------------------------------------


def _sandtable(*args, env=None):
    e = dict(os.environ)
    e.pop("PYTHONPATH", None)  # the program finds the staged package itself
    e.update(env or {})
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=e, timeout=120)


def test_sandtable_plot_command(tmp_path):
    out = str(tmp_path / "run.svg")
    r = _sandtable("plot", "run", FEB, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "Mosul 2015: February offensive" in _svg_text(out)
    r = _sandtable("plot", "--help")
    assert r.returncode == 0 and "frontier" in r.stdout


def test_sandtable_report_command(tmp_path):
    out = str(tmp_path / "r.html")
    r = _sandtable("report", IWO, "-o", out, "--timing", "1945-02-19", "1945-03-05", "7d")
    assert r.returncode == 0, r.stderr
    assert "Iwo Jima" in open(out, encoding="utf-8").read()


def test_missing_python_is_an_environment_error(tmp_path):
    r = _sandtable("plot", "run", FEB, "-o", str(tmp_path / "x.svg"),
                   env={"SANDTABLE_PYTHON": str(tmp_path / "no-python")})
    assert r.returncode == 3
    assert "no Python interpreter at" in r.stderr


def test_missing_matplotlib_is_an_environment_error(tmp_path):
    fake = tmp_path / "fake" / "matplotlib"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('matplotlib is absent')\n")
    r = _sandtable("plot", "run", FEB, "-o", str(tmp_path / "x.svg"),
                   env={"SANDTABLE_PYTHONPATH": str(tmp_path / "fake")})
    assert r.returncode == 3, r.stderr
    assert "matplotlib is not installed" in r.stderr and "python3-matplotlib" in r.stderr
    assert not (tmp_path / "x.svg").exists()
