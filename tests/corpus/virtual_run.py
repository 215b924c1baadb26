"""Runs a corpus program under `loopscope_record --virtual` (check_expected.py uses it):

    python3 virtual_run.py --out TRACE.json PROGRAM.py [ARGS...]   (PYTHONPATH=<repo>/python)

The recorder's virtual mode now does all this runner once added itself (README.md, "What the
recorder's virtual mode does with time"): time.perf_counter(), time.monotonic(), time.time(),
time.strftime() and datetime.datetime.now() read the virtual clock (python/loopscope_record/
cputime.py; TZ=UTC is set by the caller); time.sleep() on the main thread outside any task moves
the clock; a pool thread's time.sleep() blocks that thread on the virtual clock
(pools_virtual.py); asyncio.run's shutdown of the default executor is waited for (virtual.py).
"""
import sys

from loopscope_record import cli


def main():
    sys.exit(cli.main(["--virtual"] + sys.argv[1:]))


if __name__ == "__main__":
    main()
