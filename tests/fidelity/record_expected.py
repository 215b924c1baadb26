#!/usr/bin/env python3
"""Writes an expected file from a CPython run of a fidelity program.

    record_expected.py PROGRAM.py EXPECTED.txt [--scale 0.05] [--grid 0.5]

Measured times carry the noise of a scaled run; each is rounded to the nearest multiple of
`grid` scenario seconds, the intended value (every example's instants lie on a 0.5 s grid).
The print order is kept as CPython gave it. Review the result before committing it.
"""
import argparse

from fidelity_output import format_expected, run_program


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program")
    parser.add_argument("expected")
    parser.add_argument("--scale", type=float, default=0.05)
    parser.add_argument("--grid", type=float, default=0.5)
    args = parser.parse_args()

    run, output = run_program(args.program, args.scale)
    snap = lambda t: round(t / args.grid) * args.grid
    run.duration = snap(run.duration)
    run.prints = [(snap(t), lane, text) for t, lane, text in run.prints]
    run.warnings = [(snap(t), lane, text) for t, lane, text in run.warnings]
    with open(args.expected, "w", encoding="utf-8") as f:
        f.write(format_expected(run))
    print(output, end="")


if __name__ == "__main__":
    main()
