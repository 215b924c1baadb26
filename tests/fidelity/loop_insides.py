"""CPython's own event loop, looked into at every iteration: the oracle for Loopscope's loop view.

    python3.12 loop_insides.py PROGRAM.py > EXPECTED.txt

Runs a fidelity program (LOOPSCOPE_SCALE=1, so its durations are scenario seconds) on a
SelectorEventLoop whose clock is virtual (select() moves the time to the next timer instead of
sleeping) with the pure-Python Task and Future (so a ready handle names the task it steps), and
writes, for every iteration of BaseEventLoop._run_once, at the instant it has moved the due
timers to the ready queue and counted them (ntodo), one block:

    iteration <k> t=<time>
      ready <lane> <what>          one per handle in _ready, FIFO order
      timer <when> <lane> <what>   one per live (not cancelled) handle in _scheduled, by deadline

<lane> is the task the handle is for (its __step or __wakeup; for asyncio.sleep's
futures._set_result_unless_cancelled, the task its future wakes; for Timeout._on_timeout, the
task it cancels; for the timer of asyncio.wait's or as_completed's timeout, the task that set
it), named as trace-format.md names lanes, or "-". <what> is step, wakeup,
set_result, timeout or callback. tests/runtime/tst_loop_insides compares Loopscope's
trace.loop with these files, iteration by iteration.

    python3.12 loop_insides.py --pools PROGRAM.py > EXPECTED.txt

runs a program with thread or process pools on the recorder's virtual loop instead
(python/loopscope_record/virtual.py and pools_virtual.py: pool jobs on the virtual clock, as
`loopscope record --virtual` runs them), and adds what the selector waits for:

      wait <lane> thread|process   one per run_in_executor future not done, in submit order
"""
import collections
import os
import runpy
import selectors
import sys
import time
from concurrent.futures import ProcessPoolExecutor

sys.modules["_asyncio"] = None  # the pure-Python Task and Future: handles show bound methods
os.environ["LOOPSCOPE_SCALE"] = "1"

import builtins  # noqa: E402
import asyncio  # noqa: E402
from asyncio import futures, tasks, timeouts  # noqa: E402

_root = []


def _lane(task):
    if not _root:
        return "?"
    return "main" if task is _root[0] else task.get_name()


def _task_woken_by(fut):
    for callback, _ in getattr(fut, "_callbacks", None) or []:
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, asyncio.Task):
            return owner
    return None


_named = {}  # handle -> (lane, what), as first seen: a cancelled future forgets its waiter


def describe(handle):
    if handle not in _named:
        _named[handle] = _describe(handle)
    return _named[handle]


def _describe(handle):
    callback = handle._callback
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, asyncio.Task):
        kind = "wakeup" if callback.__func__.__name__.endswith("__wakeup") else "step"
        return _lane(owner), kind
    if callback is futures._set_result_unless_cancelled:
        task = _task_woken_by(handle._args[0])
        return (_lane(task) if task else "-"), "set_result"
    if isinstance(owner, timeouts.Timeout):
        return _lane(owner._task), "timeout"
    return "-", "callback"


class OrderedTimerHandle(asyncio.TimerHandle):
    """Timers of one deadline in the order they were made, as on CPython's real clock, where no
    two call_later calls read the same time (on a virtual clock heapq would break the tie)."""

    made = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        OrderedTimerHandle.made += 1
        self._made = OrderedTimerHandle.made
        self._maker = asyncio.current_task()

    def __lt__(self, other):
        return (self._when, self._made) < (other._when, other._made)

    def __le__(self, other):
        return (self._when, self._made) <= (other._when, other._made)

    def __gt__(self, other):
        return (self._when, self._made) > (other._when, other._made)

    def __ge__(self, other):
        return (self._when, self._made) >= (other._when, other._made)


asyncio.events.TimerHandle = OrderedTimerHandle
asyncio.base_events.events.TimerHandle = OrderedTimerHandle


class LookingDeque(collections.deque):
    """_ready: the first popleft of an iteration is the moment after ntodo was counted."""

    def __init__(self, loop):
        super().__init__()
        self.loop = loop

    def popleft(self):
        if self.loop.fresh:
            self.loop.fresh = False
            self.loop.report()
        return super().popleft()


class VirtualSelector(selectors.DefaultSelector):
    def __init__(self, loop):
        super().__init__()
        self.loop = loop

    def select(self, timeout=None):
        events = super().select(0)
        if not events and timeout:
            self.loop.virtual_now += timeout
        return events


POOLS = sys.argv[1] == "--pools"
if POOLS:
    del sys.argv[1]
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../python"))
    from loopscope_record import hooks, patches, unseen, virtual  # noqa: E402
    from loopscope_record.recording import Recording  # noqa: E402

    CLOCK = virtual.Clock(True)
    _recording = Recording(os.path.basename(sys.argv[1]), "cpython-virtual")
    _hooks = hooks.Hooks(_recording, CLOCK)
    patches.install(_hooks)
    unseen.install(_hooks, _recording)
    virtual.install(CLOCK, _hooks)
    BaseLoop = virtual.VirtualLoop
else:
    BaseLoop = asyncio.SelectorEventLoop

_waits = []  # (future, lane, "thread" or "process"), in submit order


def _watch_pool_futures():
    run_in_executor = asyncio.BaseEventLoop.run_in_executor

    def watched(loop, executor, func, *args):
        fut = run_in_executor(loop, executor, func, *args)
        process = isinstance(executor, ProcessPoolExecutor)
        _waits.append((fut, _lane(asyncio.current_task()), "process" if process else "thread"))
        return fut

    asyncio.BaseEventLoop.run_in_executor = watched


class LookingLoop(BaseLoop):
    def __init__(self):
        self.fresh = False
        self.iteration = 0
        if POOLS:
            super().__init__(CLOCK)
        else:
            self.virtual_now = 0.0
            super().__init__(selector=None)
            self._selector = VirtualSelector(self)
        self._ready = LookingDeque(self)
        self._clock_resolution = 1e-9

    @property
    def now(self):
        return CLOCK.t if POOLS else self.virtual_now

    def time(self):
        return self.now

    def _run_once(self):
        self.fresh = True
        super()._run_once()
        if self.fresh:  # an iteration that ran nothing
            self.fresh = False
            self.report()

    def report(self):
        OUT.write(f"iteration {self.iteration} t={self.now:g}\n")
        self.iteration += 1
        for handle in self._ready:
            OUT.write("  ready {} {}\n".format(*describe(handle)))
        live = sorted(h for h in self._scheduled if not h._cancelled)
        for handle in live:
            OUT.write("  timer {:g} {} {}\n".format(handle._when, *describe_timer(handle)))
        for fut, lane, on in _waits:
            if not fut.done():
                OUT.write(f"  wait {lane} {on}\n")


def describe_timer(handle):
    """A timer of asyncio.wait's or as_completed's timeout (_release_waiter, _on_timeout) is
    named by the task that set it, as Loopscope names it; once due, it is a plain callback."""
    lane, what = describe(handle)
    callback = handle._callback
    if callback is tasks._release_waiter or callback.__qualname__.startswith("as_completed."):
        lane = _lane(handle._maker) if handle._maker else "-"
    return lane, what


class LookingPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return LookingLoop()


_create_task = asyncio.BaseEventLoop.create_task


def _create_task_keeping_root(loop, coro, **kwargs):
    task = _create_task(loop, coro, **kwargs)
    if not _root:
        _root.append(task)
    return task


asyncio.BaseEventLoop.create_task = _create_task_keeping_root
_watch_pool_futures()
asyncio.set_event_loop_policy(LookingPolicy())
sys.path.insert(0, os.path.dirname(os.path.abspath(sys.argv[1])))
if POOLS:  # fidelity_support.cpu is burn's twin: the recorder's clock hands it to its world
    import fidelity_support  # noqa: E402

    fidelity_support.cpu.__code__ = fidelity_support.cpu.__code__.replace(co_name="burn")

    def _process_pool(workers, startup):
        """fidelity_support.process_pool with the start-up the world plays (cputime.startup_of
        knows an initializer time.sleep(s)): its own sleeps until a deadline the world cannot
        read, which left the workers ready at once."""
        return ProcessPoolExecutor(workers, initializer=time.sleep, initargs=(startup,))

    fidelity_support.process_pool = _process_pool
OUT = sys.stdout
builtins.print = lambda *args, **kwargs: None  # the program's own prints: not the oracle's
runpy.run_path(sys.argv[1], run_name="__main__")
