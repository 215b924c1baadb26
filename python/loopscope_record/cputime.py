"""The time a program reads and spends, on the virtual clock (--virtual).

What it reads:
- time.perf_counter(), time.monotonic(): the virtual clock; time.time(): EPOCH plus it, and
  time.strftime() without a time tuple and datetime.datetime.now() read time.time(). EPOCH is
  2024-01-01 17:13:52 UTC, a scenario's wall clock (scenario-format.md).
What it spends (pools_virtual.World plays it):
- time.sleep(s) in a task's step blocks the loop thread for s; on a pool thread it blocks that
  thread; in a pool's worker process it is reported to the world, which plays it there; on the
  main thread outside any step (module code, a plain callback) it moves the clock; on a
  thread of the program's own it sleeps for real.
- CPU work as Loopscope's exported programs write it: `burn(seconds)` spins on
  time.perf_counter() until its thread has held the GIL for `seconds` (its global
  `_gil_noted` keeps the turns apart). A clock that moves only when told would let it spin
  forever, so burn's first read hands the work to the world, which computes `seconds` on that
  thread under its model of the GIL, and returns once it is done; the reads after it are
  burn's own bookkeeping, each far enough past the last that the loop ends. Other code that
  computes takes no virtual time, as a task's code does not.
"""
import datetime
import sys
import threading
import time

EPOCH = 1704129232.0  # 2024-01-01 17:13:52 UTC
REAL_SLEEP = time.sleep
REAL_PERF_COUNTER, REAL_MONOTONIC = time.perf_counter, time.monotonic
LOCAL = threading.local()  # .worker: a pool thread of ours; .sink: a worker process's job
_STATE = {"clock": None, "hooks": None, "world": None}
_spin = [0.0]


def install(clock, hooks, world):
    _STATE.update(clock=clock, hooks=hooks, world=world)
    real_strftime, real_datetime = time.strftime, datetime.datetime

    def strftime(fmt, t=None):
        return real_strftime(fmt, time.localtime(time.time()) if t is None else t)

    class VirtualDatetime(real_datetime):
        @classmethod
        def now(cls, tz=None):
            return real_datetime.fromtimestamp(time.time(), tz)

    time.sleep = sleep
    time.perf_counter = perf_counter
    time.monotonic = monotonic
    time.time = lambda: EPOCH + clock.t
    time.strftime = strftime
    datetime.datetime = VirtualDatetime


def sleep(seconds):
    seconds = max(float(seconds), 0.0)
    sink = getattr(LOCAL, "sink", None)
    if sink is not None:
        return sink.append(("io", seconds))
    worker = getattr(LOCAL, "worker", None)
    if worker is not None:
        return worker.ask("io", seconds)
    if threading.current_thread() is not threading.main_thread():
        return REAL_SLEEP(seconds)
    lane = _STATE["hooks"].running
    if lane is None:
        _STATE["world"].advance_to(_STATE["clock"].t + seconds)
        return None
    _STATE["world"].block_on_loop(lane, seconds)
    return None


def perf_counter():
    frame = sys._getframe(1)
    if frame.f_code.co_name == "burn" and "_gil_noted" in frame.f_globals:
        return _burn_read(frame)
    return _virtual_now(REAL_PERF_COUNTER)


def monotonic():
    return _virtual_now(REAL_MONOTONIC)


def _virtual_now(real):
    """The virtual clock for the program's code (the main thread, a pool job); the real one
    for every other thread: the standard library's own threads (a process pool's manager,
    multiprocessing's feeders) time their waits with it, and would wait forever on a clock
    that stands still."""
    sink = getattr(LOCAL, "sink", None)
    if sink is not None:
        return sum(s for _k, s in sink)
    if threading.current_thread() is threading.main_thread() or hasattr(LOCAL, "worker"):
        return _STATE["clock"].t
    return real()


def _burn_read(frame):
    seconds = max(float(frame.f_locals.get("seconds", 0.0)), 0.0)
    if getattr(LOCAL, "burning", None) is not frame:
        LOCAL.burning = frame
        _compute(seconds)
    _spin[0] += seconds + 1.0  # past every note burn can hold: `held` reaches `seconds`
    return _spin[0]


def _compute(seconds):
    sink = getattr(LOCAL, "sink", None)
    if sink is not None:
        return sink.append(("cpu", seconds))
    worker = getattr(LOCAL, "worker", None)
    if worker is not None:
        return worker.ask("cpu", seconds)
    if threading.current_thread() is not threading.main_thread():
        # A thread of the program's own: it computes on the real clock, unseen.
        end = REAL_PERF_COUNTER() + seconds
        while REAL_PERF_COUNTER() < end:
            pass
        return None
    return _STATE["world"].cpu_on_loop(_STATE["hooks"].running, seconds)


# A pool's worker process --------------------------------------------------------------------


class Raised:
    """What a job raised in the worker process, passed back as its result."""

    def __init__(self, error):
        self.error = error


def run_in_worker(func, args):
    """Runs a job in a worker process: its waits and CPU work are not taken but noted, and
    returned with its result, for the world to play on the worker's lane."""
    if time.sleep is not sleep:  # a worker started afresh (spawn), not forked from the recorder
        time.sleep, time.perf_counter = sleep, perf_counter
    LOCAL.sink = segments = []
    try:
        result = func(*args)
    except BaseException as exc:  # noqa: BLE001 - the job's outcome, for its future
        result = Raised(exc)
    finally:
        LOCAL.sink = None
    return result, segments


def startup_of(executor):
    """A process pool's start-up: its initializer `time.sleep(s)` (as Loopscope's exported
    programs write it) takes s in each worker, played by the world; the real workers then
    skip it. Any other initializer runs in the workers as it is, in no virtual time."""
    init, args = executor._initializer, executor._initargs
    if init in (sleep, REAL_SLEEP) and len(args) == 1:
        executor._initializer, executor._initargs = None, ()
        return max(float(args[0]), 0.0)
    return 0.0
