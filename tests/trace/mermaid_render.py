#!/usr/bin/env python3
"""Render Loopscope's Mermaid gantt exports with real Mermaid and count the bars.

    mermaid_render.py DIR            every DIR/*.mmd; expected bars per section from the text
    mermaid_render.py LOOPSCOPE      runs `LOOPSCOPE run EXAMPLE --trace T --export M.mmd` for
                                     every examples/*.loop.json; expected bars per section
                                     from the text, after checking that each lane's bars cover
                                     exactly the milliseconds of its spans in the trace

The mmdc executable comes from --mmdc or the LOOPSCOPE_MMDC environment variable (the wrapper
that .ci/mermaid-setup prints passes the puppeteer configuration itself). Checks, per chart:
Mermaid rendered it, every section shows exactly the expected number of bars
(<rect class="task ...">), no bar has a negative width, and each lane's bars share one row
(a lane's spans never overlap). Exit status 0 when every chart passes, 1 otherwise.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

TASK_LINE = re.compile(r"^\s+[^:%]+:.*\bt\d+, (\d+), (\d+)$")
SECTION_LINE = re.compile(r"^\s+section (.+)$")
RECT = re.compile(r"<rect\b[^>]*>")
ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def sections_of_mmd(text):
    """[(section name, bar count, milliseconds covered)] in the order of the text."""
    sections = []
    for line in text.splitlines():
        m = SECTION_LINE.match(line)
        task = TASK_LINE.match(line)
        if m:
            sections.append([m.group(1), 0, 0])
        elif task and sections:
            sections[-1][1] += 1
            sections[-1][2] += int(task.group(2)) - int(task.group(1))
    return [tuple(s) for s in sections]


def expected_from_mmd(text):
    """[(section name, bar count)]."""
    return [(name, count) for name, count, _ in sections_of_mmd(text)]


def coverage_from_trace(trace):
    """Milliseconds each lane's spans cover, rounded as mermaid.cpp rounds them; lanes with
    nothing to draw get no section. (Short spans may be merged into one bar, so bars are
    checked against the time they cover, not against the number of spans.)"""
    def millis(t):
        return int(min(max(t, 0.0), 1e12) * 1000.0 + 0.5)

    covered = []
    for lane in trace["lanes"]:
        ms = sum(max(0, millis(s["end"]) - millis(s["start"])) for s in lane["spans"])
        if ms:
            covered.append((lane["name"], ms))
    return covered


def rendered_rows(svg):
    """Section rows as drawn: [(section index, [bar rects])]; consecutive background rows of
    one class belong to one section (neighbouring sections always differ in class)."""
    bands, bars = [], []
    for tag in RECT.findall(svg):
        attrs = dict(ATTR.findall(tag))
        cls = attrs.get("class", "")
        if cls.startswith("section section"):
            bands.append((float(attrs["y"]), float(attrs["height"]), cls))
        elif cls.startswith("task "):
            bars.append((float(attrs["y"]), float(attrs["width"]), attrs.get("id", "?")))
    bands.sort()
    sections = []  # [[rows, bars]]
    previous = None
    for y, height, cls in bands:
        if cls != previous:
            sections.append([0, []])
        previous = cls
        sections[-1][0] += 1
        sections[-1][1].extend(b for b in bars if y <= b[0] < y + height)
    placed = sum(len(s[1]) for s in sections)
    return sections, placed, bars


def check_chart(mmdc, mmd_path, expected, workdir):
    svg_path = Path(workdir) / (mmd_path.stem + ".svg")
    run = subprocess.run([mmdc, "-q", "-i", str(mmd_path), "-o", str(svg_path)],
                         capture_output=True, text=True, timeout=120)
    if run.returncode != 0 or not svg_path.exists():
        message = " / ".join(run.stderr.strip().splitlines()[:3])
        return [f"mmdc failed ({run.returncode}): {message[:400]}"]
    sections, placed, bars = rendered_rows(svg_path.read_text())
    problems = []
    if placed != len(bars):
        problems.append(f"{len(bars) - placed} bars outside every section row")
    if len(sections) != len(expected):
        problems.append(f"{len(sections)} sections drawn, {len(expected)} expected")
    for (rows, drawn), (name, count) in zip(sections, expected):
        if len(drawn) != count:
            problems.append(f"section '{name}': {len(drawn)} bars drawn, {count} expected")
        if rows != 1:
            problems.append(f"section '{name}': bars spread over {rows} rows (overlap)")
        # A 2 ms span in a 90 s chart is legitimately under a pixel wide: only a negative or
        # NaN width is a broken bar.
        problems += [f"bar {b[2]} has width {b[1]}" for b in drawn if not b[1] >= 0]
    return problems


def charts_from_directory(directory):
    for path in sorted(Path(directory).glob("*.mmd")):
        yield path, expected_from_mmd(path.read_text())


def charts_from_loopscope(binary, examples, workdir):
    for scenario in sorted(Path(examples).glob("*.loop.json")):
        stem = scenario.name[: -len(".loop.json")]
        trace_path = Path(workdir) / (stem + ".trace.json")
        mmd_path = Path(workdir) / (stem + ".mmd")
        run = subprocess.run([binary, "run", str(scenario), "--trace", str(trace_path),
                              "--export", str(mmd_path)], capture_output=True, text=True,
                             timeout=300)
        if run.returncode not in (0, 1, 3, 4) or not mmd_path.exists():
            yield mmd_path, f"loopscope run failed ({run.returncode}): {run.stderr[-400:]}"
            continue
        covered = coverage_from_trace(json.loads(trace_path.read_text()))
        sections = sections_of_mmd(mmd_path.read_text())
        if [ms for _, ms in covered] != [ms for _, _, ms in sections]:
            yield mmd_path, (f"bars cover {[(n, ms) for n, _, ms in sections]} ms, the trace's "
                             f"spans {covered}")
            continue
        expected = [(name, count) for name, count, _ in sections]
        yield mmd_path, expected


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="a directory of .mmd files, or the loopscope binary")
    parser.add_argument("--examples", default=str(Path(__file__).resolve().parents[2] / "examples"))
    parser.add_argument("--mmdc", default=os.environ.get("LOOPSCOPE_MMDC"))
    parser.add_argument("--keep", help="write the SVGs (and traces) here instead of a temp dir")
    args = parser.parse_args()
    if not args.mmdc:
        sys.exit("mermaid_render.py: no mmdc: pass --mmdc or set LOOPSCOPE_MMDC "
                 "(.ci/mermaid-setup prints one)")

    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.keep or tmp
        os.makedirs(workdir, exist_ok=True)
        if os.path.isdir(args.source):
            charts = charts_from_directory(args.source)
        else:
            charts = charts_from_loopscope(args.source, args.examples, workdir)
        failures = total = 0
        for path, expected in charts:
            total += 1
            problems = [expected] if isinstance(expected, str) else \
                check_chart(args.mmdc, path, expected, workdir)
            bars = 0 if isinstance(expected, str) else sum(c for _, c in expected)
            if problems:
                failures += 1
                print(f"FAIL {path.name}: " + "; ".join(problems))
            else:
                print(f"ok   {path.name}: {len(expected)} sections, {bars} bars")
    if total == 0:
        sys.exit("mermaid_render.py: no chart found")
    print(f"{total - failures}/{total} charts render as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
