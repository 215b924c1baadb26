#!/usr/bin/env python3
"""The round trip on differential seeds: for each seed, tests/fidelity/differential_scenarios.py's
scenario is exported to Python (`loopscope run FILE --export X.py`), the program imported back
(python/loopscope_import), and the two scenarios compared in canonical.py's form: as
test_round_trip.py compares the lessons (up to ids, layout, notes, clock and variants, defaults
filled in on both sides), and up to what the program cannot tell apart.

    python3 tests/import/round_trip_seeds.py --seeds 2000          # seeds 0..1999
    python3 tests/import/round_trip_seeds.py --start 17 --seeds 1 -v  # one seed, its diff
    python3 tests/import/round_trip_seeds.py --without prims      # the generator's layers

Exit status 0 when every seed comes back equal, 1 otherwise (the failing seeds are listed with
the first difference, or the refusal). ctest runs a few seeds (import_round_trip_seeds)."""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "fidelity"))

from support import ImportRefused, import_program, loopscope_binary  # noqa: E402
from canonical import compared  # noqa: E402

from differential_scenarios import scenario_json  # noqa: E402

LAYERS = ("params", "task_states", "values", "flow", "prims", "mixed")


def first_difference(want, got, path="$"):
    """The path and the two values where `got` first differs from `want`."""
    if isinstance(want, dict) and isinstance(got, dict):
        for key in list(want) + [k for k in got if k not in want]:
            if want.get(key, "<absent>") != got.get(key, "<absent>"):
                return first_difference(want.get(key, "<absent>"), got.get(key, "<absent>"),
                                        f"{path}.{key}")
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for i, (w, g) in enumerate(zip(want, got)):
            if w != g:
                return first_difference(w, g, f"{path}[{i}]")
    return f"{path}: exported {json.dumps(want)[:300]}, imported {json.dumps(got)[:300]}"


def exported_and_imported(binary, scenario, program):
    """The scenario file exported to `program` by Loopscope and imported back (a dict), or
    what went wrong (a str)."""
    run = subprocess.run([binary, "run", scenario, "--quiet", "--export", program],
                         capture_output=True, text=True, timeout=120)
    if not os.path.exists(program):
        return f"no export: {run.stderr.strip()}"
    with open(program, encoding="utf-8") as f:
        source = f.read()
    try:
        return import_program(source, program, None)
    except ImportRefused as refused:
        return "refused: " + "; ".join(str(r) for r in refused.refusals)


def round_trip(binary, tmp, seed, layers):
    """None when the seed comes back equal, else what went wrong."""
    scenario = os.path.join(tmp, f"seed{seed}.loop.json")
    program = os.path.join(tmp, f"seed{seed}.py")
    text = scenario_json(seed, **layers)
    with open(scenario, "w", encoding="utf-8") as f:
        f.write(text)
    doc = exported_and_imported(binary, scenario, program)
    if isinstance(doc, str):
        return doc
    want, got = compared(json.loads(text)), compared(doc)
    if want == got:
        return None
    return first_difference(want, got)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--seeds", type=int, default=2000)
    parser.add_argument("-v", "--verbose", action="store_true", help="every failure in full")
    parser.add_argument("--without", nargs="+", default=[], choices=LAYERS,
                        help="leave out layers of the generator (its own options)")
    parser.add_argument("--keep", help="a folder to keep every seed's files in")
    args = parser.parse_args()
    layers = {layer: False for layer in args.without}
    binary = loopscope_binary()
    failures = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or tmp
        os.makedirs(folder, exist_ok=True)
        for seed in range(args.start, args.start + args.seeds):
            problem = round_trip(binary, folder, seed, layers)
            if problem:
                failures[seed] = problem
    shown = failures if args.verbose else dict(list(failures.items())[:20])
    for seed, problem in shown.items():
        print(f"seed {seed}: {problem}")
    without = f" without {', '.join(args.without)}" if args.without else ""
    print(f"round trip{without}: {args.seeds - len(failures)} of {args.seeds} seeds "
          f"({args.start}..{args.start + args.seeds - 1}) come back equal")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
