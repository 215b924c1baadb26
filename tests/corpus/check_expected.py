#!/usr/bin/env python3
"""Derives each corpus program's expected output on the virtual clock, and compares or rewrites.

    python3 check_expected.py                       # compare every program (CPython 3.12 if found)
    python3 check_expected.py --python /usr/bin/python3 --only pydocs_barrier
    python3 check_expected.py --update              # rewrite expected/ (then review the diff)

Each program runs under the shipped recorder's virtual mode (python/loopscope_record), through
virtual_run.py, which also puts the time the program reads on the virtual clock (README.md says
why). expected/<name>.txt is the program's stdout; expected/<name>.json holds the exit code, the
trace's outcome and end time, and every print with its virtual time and lane. Two things of a
run are not the program's and are normalised in both: the corpus folder's absolute path (a
program printing __file__) becomes `<corpus>`, and an object address (`0x7f...`) becomes `0x?`.
A header line `# loopscope-argv: ...` gives the program's arguments; `# loopscope-python: 3.12+`
the oldest Python it runs on (others are skipped on older ones). Exit status: 0 all match,
1 a mismatch, 2 usage.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
EXPECTED = os.path.join(HERE, "expected")
NOT_PROGRAMS = {"check_expected.py", "virtual_run.py", "features.py"}
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
DEFAULT_PYTHONS = ("/root/.pyenv/versions/3.12.1/bin/python3", "python3.12", "python3")


def programs(only):
    names = sorted(f[:-3] for f in os.listdir(HERE)
                   if f.endswith(".py") and f not in NOT_PROGRAMS)
    if only:
        unknown = sorted(set(only) - set(names))
        if unknown:
            raise SystemExit(f"check_expected: no such program: {', '.join(unknown)}")
        names = [n for n in names if n in only]
    return names


def header(name):
    """(argv, minimum (major, minor)) from the program's header comments."""
    argv, minimum = [], (3, 11)
    with open(os.path.join(HERE, name + ".py"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            if line.startswith("# loopscope-argv:"):
                argv = shlex.split(line.split(":", 1)[1])
            elif line.startswith("# loopscope-python:"):
                major, minor = line.split(":", 1)[1].strip().rstrip("+").split(".")
                minimum = (int(major), int(minor))
    return argv, minimum


def normalise(text):
    return ADDRESS.sub("0x?", text.replace(HERE, "<corpus>"))


def run(python, name, argv):
    """(stdout, sidecar dict) of one virtual-clock run."""
    env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "python"), TZ="UTC",
               PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        trace_path = os.path.join(tmp, "trace.json")
        proc = subprocess.run(
            [python, os.path.join(HERE, "virtual_run.py"), "--out", trace_path,
             os.path.join(HERE, name + ".py"), *argv],
            cwd=HERE, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
        with open(trace_path, encoding="utf-8") as f:
            trace = json.load(f)
    lanes = {lane["id"]: lane["name"] for lane in trace["lanes"]}
    prints = [{"t": e["t"], "lane": lanes.get(e["lane"]), "text": normalise(e["text"])}
              for e in trace["events"] if e["kind"] == "print"]
    outcome = dict(trace["outcome"])
    if outcome.get("error"):
        outcome["error"] = normalise(outcome["error"])
    sidecar = {"program": name + ".py", "argv": argv, "exit_code": proc.returncode,
               "outcome": outcome, "end": trace["duration"], "prints": prints}
    return normalise(proc.stdout), sidecar


def python_version(python):
    out = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


def find_python(given):
    for candidate in ([given] if given else DEFAULT_PYTHONS):
        try:
            python_version(candidate)
            return candidate
        except (OSError, subprocess.CalledProcessError):
            continue
    raise SystemExit(f"check_expected: no Python found ({given or ', '.join(DEFAULT_PYTHONS)})")


def sidecar_text(sidecar):
    return json.dumps(sidecar, indent=1, ensure_ascii=False) + "\n"


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return None


def check(name, stdout, sidecar):
    """The differences from expected/, as lines of text (none: it matches)."""
    problems = []
    want_txt = read(os.path.join(EXPECTED, name + ".txt"))
    want_json = read(os.path.join(EXPECTED, name + ".json"))
    if want_txt is None or want_json is None:
        return [f"{name}: no expected file (run with --update)"]
    if stdout != want_txt:
        problems.append(f"{name}: stdout differs\n--- expected\n{want_txt}--- got\n{stdout}")
    if sidecar_text(sidecar) != want_json:
        want = json.loads(want_json)
        for key in sidecar:
            if sidecar[key] != want.get(key):
                problems.append(f"{name}: {key}: expected {want.get(key)!r}, got {sidecar[key]!r}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", help="the CPython to run the programs with")
    parser.add_argument("--update", action="store_true", help="rewrite expected/ from this run")
    parser.add_argument("--only", nargs="+", help="program names (without .py)")
    args = parser.parse_args()
    python = find_python(args.python)
    version = python_version(python)
    failed = skipped = passed = 0
    for name in programs(args.only):
        argv, minimum = header(name)
        if version < minimum:
            skipped += 1
            print(f"skip {name}: needs Python {minimum[0]}.{minimum[1]}+")
            continue
        stdout, sidecar = run(python, name, argv)
        if args.update:
            os.makedirs(EXPECTED, exist_ok=True)
            with open(os.path.join(EXPECTED, name + ".txt"), "w", encoding="utf-8") as f:
                f.write(stdout)
            with open(os.path.join(EXPECTED, name + ".json"), "w", encoding="utf-8") as f:
                f.write(sidecar_text(sidecar))
            passed += 1
            continue
        problems = check(name, stdout, sidecar)
        if problems:
            failed += 1
            print("\n".join(problems))
        else:
            passed += 1
    print(f"{'check_expected --update' if args.update else 'check_expected'} (Python {version[0]}.{version[1]}): "
          f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
