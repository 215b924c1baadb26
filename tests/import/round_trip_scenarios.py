#!/usr/bin/env python3
"""The round trip on every lesson (examples/) and every test scenario (tests/**/*.loop.json):
each is exported to Python (`loopscope run FILE --export X.py`), the program imported back,
and the two compared in canonical.py's form, as round_trip_seeds.py compares the seeds.
A scenario without a title comes back with the .py's name as its title: that one key is
not compared then.

    python3 tests/import/round_trip_scenarios.py        # all of them
    python3 tests/import/round_trip_scenarios.py -v     # and each one's outcome

KNOWN lists the scenarios that do not come back equal, with why; one of them that comes back
equal fails the run too (take it off the list). Exit status 0 when the rest come back equal."""

import argparse
import glob
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from canonical import compared  # noqa: E402
from round_trip_seeds import exported_and_imported, first_difference  # noqa: E402
from support import SOURCE_DIR, loopscope_binary  # noqa: E402

KNOWN = {
    "tests/import/golden/values.loop.json":
        "its program variable SCALE is exported as SCALE_ (the export's own SCALE = 1.0 "
        "scales every duration) and comes back under that name",
}


def scenarios():
    paths = glob.glob(os.path.join(SOURCE_DIR, "examples", "*.loop.json"))
    paths += glob.glob(os.path.join(SOURCE_DIR, "tests", "**", "*.loop.json"), recursive=True)
    return sorted(os.path.relpath(p, SOURCE_DIR) for p in paths)


def round_trip(binary, tmp, name):
    """None when the scenario comes back equal, else what went wrong."""
    path = os.path.join(SOURCE_DIR, name)
    program = os.path.join(tmp, name.replace(os.sep, "_") + ".py")
    doc = exported_and_imported(binary, path, program)
    if isinstance(doc, str):
        return doc
    with open(path, encoding="utf-8") as f:
        scenario = json.load(f)
    if "title" not in scenario:
        doc.pop("title", None)
    want, got = compared(scenario), compared(doc)
    return None if want == got else first_difference(want, got)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    binary = loopscope_binary()
    names = scenarios()
    failures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            problem = round_trip(binary, tmp, name)
            if args.verbose:
                print(f"{name}: {problem or 'equal'}")
            if (problem is None) == (name in KNOWN):
                failures[name] = problem or f"comes back equal, but KNOWN says: {KNOWN[name]}"
    for name, problem in failures.items():
        print(f"{name}: {problem}")
    print(f"round trip: {len(names) - len(failures) - len(KNOWN)} of {len(names)} scenarios come "
          f"back equal, {len(KNOWN)} known not to, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
