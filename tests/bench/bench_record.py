"""The recorder's cost, measured against the same program unrecorded, in one run (by hand):

    python3 tests/bench/bench_record.py [SWITCHES]       # default 1,000,000 sleep(0) switches

Runs `switches.py` (two tasks yielding with sleep(0)) plainly and under loopscope_record (real
clock), each in a fresh interpreter, and prints both times, their ratio (issue 17 asks for at
most 2x) and the recorder's memory per recorded state change.
"""
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


def main():
    switches = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        program = os.path.join(tmp, "switches.py")
        with open(program, "w") as f:
            f.write(PROGRAM)
        plain, plain_rss = timed([sys.executable, program, str(switches)])
        env = dict(os.environ, PYTHONPATH=RECORDER)
        out = os.path.join(tmp, "trace.json")
        recorded, rec_rss = timed([sys.executable, "-m", "loopscope_record", "--out", out,
                                   program, str(switches)], env)
    changes = 2 * switches  # running and ready per switch
    print(f"{switches} sleep(0) switches: unrecorded {plain:.2f} s, recorded {recorded:.2f} s "
          f"(with writing the trace), ratio {recorded / plain:.2f}x")
    print(f"memory: {(rec_rss - plain_rss) * 1024 / changes:.0f} bytes per state change "
          f"(max RSS {plain_rss // 1024} MB unrecorded, {rec_rss // 1024} MB recorded)")


if __name__ == "__main__":
    main()
