"""What every fidelity program shares: scenario time, lane names, CPU work and the OUTCOME line.

A fidelity program is the Python that one example scenario stands for, with every duration
multiplied by SCALE so that CPython runs it in a fraction of the scenario time. Each print is
written as `<scenario time> <lane> <text>`, the lane named as trace-format.md names task lanes,
and the program ends with `OUTCOME <status> <scenario seconds>`. A Python warning (a coroutine
never awaited) comes out as `WARNING <scenario time> <lane> <Category>: <message>`.

With LOOPSCOPE_CLOCK=virtual a program that only waits on asyncio timers runs on the recorder's
virtual loop (python/loopscope_record/virtual.py, as differential_harness.py does): CPython's
own loop code, but waiting for the next timer moves the clock instead of sleeping, so the run is
instant and its times exact. Ties and shutdown cancel in creation order, Loopscope's rule.
"""
import asyncio
import os
import sys
import threading
import time
import warnings
from concurrent.futures import ProcessPoolExecutor

SCALE = float(os.environ.get("LOOPSCOPE_SCALE", "0.05"))
VIRTUAL = os.environ.get("LOOPSCOPE_CLOCK") == "virtual"

_t0 = None
_root = None
_tasks_per_coro = {}
_last_activity = 0.0
_deadlocked = False


class _CreationIndex:
    """The program's tasks in creation order, by id (the virtual clock cancels in that order)."""

    order = {}


def scaled(seconds):
    return seconds * SCALE


def now():
    """Scenario seconds since main started."""
    if VIRTUAL:
        return _clock.t / SCALE
    return (time.perf_counter() - _t0) / SCALE


def _name_like_a_lane(loop, coro, **kwargs):
    # Loopscope names an unnamed task <coro>-<k>, k counting the tasks of that coroutine
    # (named ones too); create_task(name=...) renames the task after this factory returns.
    coro_name = getattr(coro, "__name__", "task")
    k = _tasks_per_coro.get(coro_name, 0) + 1
    _tasks_per_coro[coro_name] = k
    task = asyncio.Task(coro, loop=loop, **kwargs)
    task.set_name(f"{coro_name}-{k}")
    _CreationIndex.order[id(task)] = len(_CreationIndex.order)
    return task


def _begin():
    global _t0, _root
    _root = asyncio.current_task()
    asyncio.get_running_loop().set_task_factory(_name_like_a_lane)
    warnings.showwarning = _show_warning
    # The GIL switch interval stays CPython's 5 ms, unscaled: scaled down to a fraction of a
    # millisecond, the hand-off costs themselves would count as CPU time of both threads.
    _t0 = time.perf_counter()


def lane():
    """The task's lane; a pool thread's (CPython's thread name: asyncio_0,
    ThreadPoolExecutor-0_1); the event loop's in a callback (call_soon, call_later)."""
    if threading.current_thread() is not threading.main_thread():
        return threading.current_thread().name
    task = asyncio.current_task()
    if task is None and _root is not None:
        return "event loop"
    return "main" if task is None or task is _root else task.get_name()


def say(text):
    global _last_activity
    _last_activity = now()
    print(f"{_last_activity:.3f} {lane()} {text}", flush=True)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    # CPython writes it to stderr with the file and line; what the trace records is the instant,
    # the lane and "<Category>: <message>".
    print(f"WARNING {now():.3f} {lane()} {category.__name__}: {message}", flush=True)


async def sleep(seconds):
    await asyncio.sleep(scaled(seconds))


def block(seconds):
    """A blocking call inside a coroutine: time.sleep holds the loop thread, not the GIL."""
    time.sleep(scaled(seconds))


_gil_noted = 0.0


def cpu(seconds):
    """Pure-Python CPU work: spins, holding the GIL, until this thread has held the GIL for
    `seconds` (scaled) of wall time.

    Wall time rather than thread CPU time, so that a loaded machine (the OS pausing this process
    now and then) does not stretch the work; but only the time this thread held the GIL counts.
    Every spin notes the instant in a global shared by all spinning threads and credits itself
    the time since the last note, whoever made it: a thread that lost the GIL finds, when it
    gets it back, a note newer than its own, so the other thread's turn is not credited twice.
    Between reading the note and writing it there is no call, hence no GIL switch.
    """
    global _gil_noted
    held = 0.0
    budget = scaled(seconds)
    _gil_noted = time.perf_counter()
    while held < budget:
        t = time.perf_counter()
        noted = _gil_noted
        if t > noted:
            held += t - noted
            _gil_noted = t
    return held


def cpu_job(seconds):
    """cpu() as a job for a pool (a plain module-level function, so processes can run it)."""
    return cpu(seconds)


def _sleep_until(deadline):
    time.sleep(max(0.0, deadline - time.perf_counter()))


def process_pool(workers, startup):
    """A ProcessPoolExecutor whose workers are ready `startup` scenario seconds from now.

    Create it at the instant of its first submit (CPython forks every worker then). The
    initializer sleeps until an absolute deadline (perf_counter is system-wide on Linux), so
    the real cost of forking a worker is absorbed into the modelled start-up, not added to it."""
    deadline = time.perf_counter() + scaled(startup)
    return ProcessPoolExecutor(workers, initializer=_sleep_until, initargs=(deadline,))


async def _watch_for_deadlock(root):
    global _deadlocked
    while True:
        await asyncio.sleep(scaled(0.1))
        if now() - _last_activity > 1.0:
            _deadlocked = True
            root.cancel()
            return


async def _root_task(main, watch_deadlock):
    _begin()
    if watch_deadlock:
        asyncio.get_running_loop().create_task(_watch_for_deadlock(asyncio.current_task()))
    await main()


def run(main, watch_deadlock=False):
    """asyncio.run(main()) with the OUTCOME line; the duration is taken when asyncio.run returns.
    With watch_deadlock, a run where nothing printed for 1 scenario second is stopped and
    reported as a deadlock at the instant of its last print."""
    status, error = "completed", None
    try:
        asyncio.run(_root_task(main, watch_deadlock))
    except BaseException as exc:  # noqa: BLE001 - the outcome is the point
        status = "deadlock" if _deadlocked else "failed"
        error = type(exc).__name__
    duration = _last_activity if status == "deadlock" else now()
    if error and status == "failed":
        print(f"ERROR {error}", flush=True)
    print(f"OUTCOME {status} {duration:.3f}", flush=True)


def _install_virtual_clock():
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                    "python"))
    from loopscope_record import virtual  # noqa: E402 - after its folder is on the path

    clock = virtual.Clock(True)

    def hang():
        # Nothing ready and no timer (no deadlock watch asked for): CPython would wait forever.
        print(f"OUTCOME deadlock {_last_activity:.3f}", flush=True)
        os._exit(0)

    clock.on_hang = hang

    class Policy(asyncio.DefaultEventLoopPolicy):
        def new_event_loop(self):
            return virtual.VirtualLoop(clock)

    asyncio.set_event_loop_policy(Policy())
    virtual._install_creation_order(_CreationIndex)  # TaskGroup and shutdown cancel in it
    return clock


if VIRTUAL:
    _clock = _install_virtual_clock()
