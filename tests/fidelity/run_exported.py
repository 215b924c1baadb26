#!/usr/bin/env python3
"""The export fidelity check: an example's exported Python program agrees with CPython.

    run_exported.py LOOPSCOPE EXAMPLE.loop.json EXPECTED.txt [--scale S] [--attempts N]
    run_exported.py LOOPSCOPE EXAMPLE.loop.json EXPECTED.txt --virtual

Exports the example's program with `LOOPSCOPE run EXAMPLE --export`, runs it under python3 at
SCALE S (its `SCALE = 1.0` line rewritten) through exported_harness.py, and compares prints,
their scenario times (±0.05 s plus 2 % drift), the outcome and the duration with EXPECTED, the outcome
CPython gave for the hand-written program. Retries at doubled scales like run_fidelity.py.
With --virtual (a program that only waits on asyncio timers) it runs once through
differential_harness.py on the virtual clock, at scale 1, and the times must match exactly.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

from fidelity_output import read_expected, run_program
from run_fidelity import compare

HERE = os.path.dirname(os.path.abspath(__file__))


def wrap(exported, harness):
    text, count = re.subn(r"^SCALE = 1\.0$", 'SCALE = float(__import__("os").environ["LOOPSCOPE_SCALE"])',
                          exported, count=1, flags=re.M)
    if count != 1:
        raise SystemExit("the exported program has no `SCALE = 1.0` line")
    return f"import sys\nsys.path.insert(0, {HERE!r})\nimport {harness}  # noqa: F401\n" + text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("loopscope")
    parser.add_argument("example")
    parser.add_argument("expected")
    parser.add_argument("--scale", type=float, default=0.2)
    parser.add_argument("--tolerance", type=float, default=0.05)
    parser.add_argument("--drift", type=float, default=0.02)  # as run_fidelity.py's
    parser.add_argument("--attempts", type=int, default=4)
    parser.add_argument("--virtual", action="store_true")
    args = parser.parse_args()
    harness = "exported_harness"
    if args.virtual:
        os.environ["LOOPSCOPE_DIFF_CLOCK"] = "virtual"
        harness = "differential_harness"
        args.scale, args.tolerance, args.drift, args.attempts = 1.0, 0.0005, 0.0, 1
    with tempfile.TemporaryDirectory() as tmp:
        exported = os.path.join(tmp, "exported.py")
        done = subprocess.run([args.loopscope, "run", args.example, "--quiet", "--export", exported],
                              capture_output=True, text=True)
        if not os.path.exists(exported):
            print(done.stdout + done.stderr)
            return 1
        program = os.path.join(tmp, "program.py")
        with open(exported, encoding="utf-8") as f, open(program, "w", encoding="utf-8") as out:
            out.write(wrap(f.read(), harness))
        expected = read_expected(args.expected)
        # On the virtual clock a deadlock is seen at once (nothing ready, no timer).
        watch = expected.outcome == "deadlock" and not args.virtual
        os.environ["LOOPSCOPE_WATCH_DEADLOCK"] = "1" if watch else "0"
        scale = args.scale
        for attempt in range(1, args.attempts + 1):
            actual, output = run_program(program, scale)
            problems = compare(expected, actual, args.tolerance, args.drift)
            if not problems:
                print(f"{args.example}: exported program matches (scale {scale}, attempt {attempt})")
                return 0
            print(f"attempt {attempt} at scale {scale} differs:\n" + "\n".join(problems))
            print("--- output ---\n" + output)
            scale *= 2
    return 1


if __name__ == "__main__":
    sys.exit(main())
