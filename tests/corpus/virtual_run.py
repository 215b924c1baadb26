"""Runs a corpus program under `loopscope_record --virtual`, with the time the program can read
put on the same virtual clock (check_expected.py uses it; the recorder alone does not do this).

    python3 virtual_run.py --out TRACE.json PROGRAM.py [ARGS...]   (PYTHONPATH=<repo>/python)

What the recorder's virtual mode leaves on the real clock, and this runner moves onto the
virtual one (see README.md, "What the recorder's virtual mode does with time"):
- time.perf_counter(), time.monotonic() read the virtual clock; time.time() reads
  EPOCH + the virtual clock, and time.strftime() without a time tuple and
  datetime.datetime.now() read time.time() (TZ=UTC is set by the caller). EPOCH is
  2024-01-01 17:13:52 UTC, the first instant the Python docs' own expected output shows.
- time.sleep() on the main thread outside any task (module code, a loop callback) moves the
  clock instead of sleeping.
- asyncio.run's shutdown of the default executor is waited for (the recorder can take it
  for a hang: README.md, bug 1).
- time.sleep() in a function run by run_in_executor/to_thread on a pool thread becomes a timer
  on the loop's virtual clock; the clock does not move while such a function is running
  (only while it sleeps), so a pool thread's work takes no virtual time, as a task's does.
"""
import datetime
import sys
import threading
import time
from asyncio import base_events
from concurrent.futures import ProcessPoolExecutor

from loopscope_record import cli, virtual

EPOCH = 1704129232.0  # 2024-01-01 17:13:52 UTC
REAL_SLEEP = time.sleep


class _Gate:
    """Pool-thread jobs in progress on the loop's clock: busy ones hold the clock."""

    def __init__(self):
        self.cond = threading.Condition()
        self.busy = 0  # submitted jobs running (not in a virtual sleep)
        self.arms = 0  # sleeps asked for from a pool thread, not yet armed by the loop
        self.loops = {}  # pool thread ident -> the loop of the job it runs


GATE = _Gate()


def _install_executor_gate():
    run_in_executor = base_events.BaseEventLoop.run_in_executor

    def gated_run_in_executor(loop, executor, func, *args):
        if isinstance(executor, ProcessPoolExecutor):
            return run_in_executor(loop, executor, func, *args)
        with GATE.cond:
            GATE.busy += 1

        def job(*job_args):
            GATE.loops[threading.get_ident()] = loop
            try:
                return func(*job_args)
            finally:
                GATE.loops.pop(threading.get_ident(), None)
                with GATE.cond:
                    GATE.busy -= 1
                    GATE.cond.notify_all()

        return run_in_executor(loop, executor, job, *args)

    base_events.BaseEventLoop.run_in_executor = gated_run_in_executor

    select = virtual._Selector.select

    def gated_select(self, timeout=None):
        if timeout is not None and timeout > 0:  # about to move the clock
            with GATE.cond:
                GATE.cond.wait_for(lambda: GATE.busy == 0 or GATE.arms > 0)
                if GATE.arms:
                    return []  # a pool thread's timer is in the ready queue: arm it first
        return select(self, timeout)

    virtual._Selector.select = gated_select


def _thread_sleep(seconds, real_sleep):
    loop = GATE.loops.get(threading.get_ident())
    if loop is None:
        return real_sleep(seconds)
    woke = threading.Event()

    def wake():
        with GATE.cond:
            GATE.busy += 1
        woke.set()

    def arm():
        loop.call_later(max(float(seconds), 0.0), wake)
        with GATE.cond:
            GATE.arms -= 1
            GATE.busy -= 1
            GATE.cond.notify_all()

    with GATE.cond:
        GATE.arms += 1
        GATE.cond.notify_all()
    loop.call_soon_threadsafe(arm)
    woke.wait()
    return None


def _hold_clock_for_executor_shutdown(clock):
    """asyncio.run's shutdown_default_executor awaits a future that a plain thread (not a pool
    job) resolves: counted as a job, the virtual loop waits for it instead of calling the
    wait a hang. Without this the recorder reports a deadlock at random (README.md, bug 1)."""
    shutdown = base_events.BaseEventLoop.shutdown_default_executor

    async def counted_shutdown(self, *args, **kwargs):
        clock.jobs += 1
        try:
            return await shutdown(self, *args, **kwargs)
        finally:
            clock.jobs -= 1

    base_events.BaseEventLoop.shutdown_default_executor = counted_shutdown


def _install_time(clock, hooks):
    recorder_sleep = time.sleep  # virtual.py's: a task's time.sleep moves the clock
    real_strftime, real_datetime = time.strftime, datetime.datetime
    main = threading.main_thread()

    def sleep(seconds):
        if threading.current_thread() is not main:
            return _thread_sleep(seconds, REAL_SLEEP)
        if hooks.running is None:
            clock.t += max(float(seconds), 0.0)
            return None
        return recorder_sleep(seconds)

    def strftime(fmt, t=None):
        return real_strftime(fmt, time.localtime(time.time()) if t is None else t)

    class VirtualDatetime(real_datetime):
        @classmethod
        def now(cls, tz=None):
            return real_datetime.fromtimestamp(time.time(), tz)

    _hold_clock_for_executor_shutdown(clock)
    time.sleep = sleep
    time.perf_counter = time.monotonic = lambda: clock.t
    time.time = lambda: EPOCH + clock.t
    time.strftime = strftime
    datetime.datetime = VirtualDatetime


def main():
    install = virtual.install

    def install_with_time(clock, hooks):
        install(clock, hooks)
        _install_time(clock, hooks)

    virtual.install = install_with_time
    _install_executor_gate()
    sys.exit(cli.main(["--virtual"] + sys.argv[1:]))


if __name__ == "__main__":
    main()
