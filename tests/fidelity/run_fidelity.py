#!/usr/bin/env python3
"""Runs one fidelity program under CPython and compares it with its expected file.

    run_fidelity.py PROGRAM.py EXPECTED.txt [--scale 0.05] [--tolerance 0.05] [--attempts 1]

Passes (exit 0) when the outcome (and error type) match, the prints and the Python warnings match
in exact order (lane and text), and every print and warning time and the duration are within the
tolerance, in scenario seconds.
Otherwise prints a line-by-line diff and exits 1.

On a busy machine a scaled run picks up wall-clock delays of a few to tens of milliseconds
(the OS running someone else), which at a small scale are tenths of a scenario second. With
--attempts N, a run that differs is repeated at twice the scale, up to N runs in all: noise
shrinks with each doubling, while a real difference (an order, an outcome, a wrong instant)
stays and fails every attempt. Each failed attempt is reported.
"""
import argparse
import sys

from fidelity_output import read_expected, run_program


def compare(expected, actual, tolerance):
    """Returns the list of differences, empty when the run matches."""
    problems = []
    if (expected.outcome, expected.error) != (actual.outcome, actual.error):
        problems.append(f"outcome: expected {expected.outcome} {expected.error}".rstrip()
                        + f", got {actual.outcome} {actual.error}".rstrip())
    if abs(expected.duration - actual.duration) > tolerance:
        problems.append(f"duration: expected {expected.duration:.3f}, got {actual.duration:.3f}")
    for kind in ("print", "warning"):
        wanted, got_all = getattr(expected, kind + "s"), getattr(actual, kind + "s")
        for i in range(max(len(wanted), len(got_all))):
            want = wanted[i] if i < len(wanted) else None
            got = got_all[i] if i < len(got_all) else None
            if want and got and want[1:] == got[1:] and abs(want[0] - got[0]) <= tolerance:
                continue
            show = lambda p: "(nothing)" if p is None else f"{p[0]:.3f} {p[1]} {p[2]}"
            problems.append(f"{kind} #{i + 1}:\n  expected {show(want)}\n  got      {show(got)}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program")
    parser.add_argument("expected")
    parser.add_argument("--scale", type=float, default=0.05)
    parser.add_argument("--tolerance", type=float, default=0.05)
    parser.add_argument("--attempts", type=int, default=1)
    args = parser.parse_args()

    expected = read_expected(args.expected)
    scale = args.scale
    for attempt in range(1, args.attempts + 1):
        actual, output = run_program(args.program, scale)
        problems = compare(expected, actual, args.tolerance)
        if not problems:
            print(f"{args.program}: matches {args.expected} (scale {scale}, attempt {attempt})")
            return 0
        print(f"{args.program} differs from {args.expected} (attempt {attempt}, scale {scale}, "
              f"tolerance {args.tolerance} s):")
        print("\n".join(problems))
        print("--- program output ---")
        print(output, end="")
        scale *= 2
    return 1


if __name__ == "__main__":
    sys.exit(main())
