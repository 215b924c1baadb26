"""The recorder's cost, measured against the same program unrecorded, in one run (by hand):

    python3 tests/bench/bench_record.py [--baseline DIR] [SWITCHES]   # default 1,000,000

Runs `switches.py` (two tasks yielding with sleep(0)) plainly and under loopscope_record (real
clock), each in a fresh interpreter, and prints both times, their ratio (issue 17 asks for at
most 2x), the recorder's memory per recorded state change (max RSS over the unrecorded run's,
the trace's writing included) and the trace's bytes per change. --baseline DIR also times the
loopscope_record under DIR (another version of it, e.g. a copy of main's) in the same run, so
that a change to the recorder is measured against the one before under the same load.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDER = os.path.join(HERE, "..", "..", "python")
PROGRAM = """
import asyncio, resource, sys
async def spin(n):
    for _ in range(n):
        await asyncio.sleep(0)
async def main():
    n = int(sys.argv[1]) // 2
    await asyncio.gather(spin(n), spin(n))
asyncio.run(main())
sys.stderr.write(f"maxrss_kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
"""


def timed(args, env=None):
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    rss = int(done.stderr.split("maxrss_kb ")[-1].split()[0])
    return time.perf_counter() - start, rss


def record(recorder, program, switches, tmp):
    env = dict(os.environ, PYTHONPATH=recorder)
    out = os.path.join(tmp, "trace.json")
    seconds, rss = timed([sys.executable, "-m", "loopscope_record", "--out", out, program,
                          str(switches)], env)
    size = os.path.getsize(out)
    os.remove(out)
    return seconds, rss, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", help="another loopscope_record's folder, timed too")
    parser.add_argument("switches", nargs="?", type=int, default=1_000_000)
    args = parser.parse_args()
    switches = args.switches
    changes = 2 * switches  # running and ready per switch
    print(f"{sys.executable} ({sys.version.split()[0]}), {switches} sleep(0) switches")
    with tempfile.TemporaryDirectory() as tmp:
        program = os.path.join(tmp, "switches.py")
        with open(program, "w") as f:
            f.write(PROGRAM)
        plain, plain_rss = timed([sys.executable, program, str(switches)])
        print(f"unrecorded: {plain:.2f} s, max RSS {plain_rss // 1024} MB")
        runs = [("recorded", RECORDER)]
        if args.baseline:
            runs.insert(0, ("baseline", args.baseline))
        for label, recorder in runs:
            seconds, rss, size = record(recorder, program, switches, tmp)
            print(f"{label}: {seconds:.2f} s (with writing the trace), ratio "
                  f"{seconds / plain:.2f}x; memory {(rss - plain_rss) * 1024 / changes:.0f} "
                  f"bytes per state change (max RSS {rss // 1024} MB); trace "
                  f"{size / changes:.0f} bytes per change")


if __name__ == "__main__":
    main()
