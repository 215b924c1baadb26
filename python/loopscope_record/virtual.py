"""`--virtual`: the program runs on CPython's own event loop with a virtual clock.

As tests/fidelity/differential_harness.py does: the loop runs CPython's own _run_once, Task,
locks, queues, TaskGroup and timeouts unchanged, but waiting for the next timer moves the
clock to it instead of sleeping, and `time.sleep` on the loop's thread moves it too (a
`blocking` step of that length). A run is instant and exactly reproducible. Where CPython
leaves an order to chance, the order is Loopscope's (scenario-format.md), one CPython may take:
- two timers due at one instant run in the order they were scheduled (the heap alone does
  not order ties; on a real clock it depends on how late the loop was at each call_later);
- a failing TaskGroup, and asyncio.run at shutdown, cancel what is left in creation order
  (CPython iterates a set there, in the order of the tasks' addresses).
An iteration with nothing ready and no timer is a hang: the run is a deadlock, reported there.
"""
import asyncio
import functools
import heapq
import itertools
import selectors
import threading
import time
from asyncio import base_events, futures

from .recording import WAITING

# The pools' model (pools_virtual, cputime, and concurrent.futures' executors, which bring
# multiprocessing) is imported by install(): a recording on the real clock, which imports this
# module for its Clock, starts without them.

_INF = float("inf")


class Hang(Exception):
    """Nothing ready, no timer: CPython would wait forever."""


class Clock:
    def __init__(self, virtual):
        self.virtual = virtual
        self.t = 0.0
        self.world = None  # pools_virtual.World under --virtual
        self.on_hang = lambda: None
        self.jobs = 0  # pool jobs submitted and not done: the loop waits for them for real
        # The real clock: whole nanoseconds since the start, so a time is written as it is.
        self.counter, self.base_ns = time.perf_counter_ns, time.perf_counter_ns()
        if not virtual:
            counter, base = self.counter, self.base_ns
            self.now = lambda: (counter() - base) / 1e9

    def now(self):
        return self.t


class _Selector(selectors.SelectSelector):
    def __init__(self, clock):
        super().__init__()
        self._clock = clock
        self.loop = None

    def select(self, timeout=None):
        """One turn of the loop: the loop thread lets go of the GIL, the clock moves on to the
        first timer or the pools' next event (pools_virtual), and the loop takes the GIL
        back if it has callbacks to run (waiting for it while a pool thread computes)."""
        clock, world, loop = self._clock, self._clock.world, self.loop
        if _executor_shutting_down():
            # asyncio.run's shutdown_default_executor joins the pool on a thread of its own,
            # which ends in real microseconds: wait for it, as CPython does, without moving
            # the clock on to a call_later still pending (it would fire, and it never does).
            return super().select(5.0)
        if world is not None:
            world.release_gil_for_loop()
        io = len(self.get_map()) > 1  # more than the loop's own self-pipe
        events = []
        if timeout is None or timeout > 0:
            due = world.next_event_time() if world is not None else _INF
            if timeout is not None:  # _run_once dropped cancelled timers: the first one is live
                due = min(due, loop._scheduled[0]._when)
            waits_for_child = _child_watched()
            if due == _INF and not (io or clock.jobs or waits_for_child):  # nothing can wake it
                clock.on_hang()  # ends the process: asyncio.run would cancel and go on
                raise Hang()
            if due == _INF:
                events = super().select(None)  # a file descriptor or a job: wait for it
            elif world is not None:
                world.advance_to(max(clock.t, due))
            else:
                clock.t = max(clock.t, due)
        if io and not events:
            events = super().select(0)
        if world is not None and _callbacks_due(loop, clock.t):
            world.acquire_gil_for_loop()
        return events


# asyncio logs the selector's class at DEBUG ("Using selector: EpollSelector"): the program's
# log names the one CPython would use, not this class.
_Selector.__name__ = _Selector.__qualname__ = selectors.DefaultSelector.__name__


def _child_watched():
    """A child process watched by a thread of asyncio's (ThreadedChildWatcher: "waitpid-N" in
    3.11, "asyncio-waitpid-N" in 3.12 where no pidfd; a pidfd is a file descriptor the selector
    sees): its exit wakes the loop through call_soon_threadsafe, maybe after its pipes closed."""
    return any("waitpid-" in t.name for t in threading.enumerate())


def _executor_shutting_down():
    return any("_do_shutdown" in t.name for t in threading.enumerate())


def _callbacks_due(loop, t):
    timers = loop._scheduled
    return bool(loop._ready) or bool(timers and timers[0]._when <= t + loop._clock_resolution)


class _Timer(asyncio.TimerHandle):
    """A timer that, tied with another, comes after the ones scheduled before it."""

    _count = itertools.count()

    def __init__(self, *args):
        super().__init__(*args)
        self._order = next(self._count)

    def __lt__(self, other):
        return (self._when, self._order) < (other._when, other._order)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self, clock):
        self._clock = clock
        selector = _Selector(clock)
        super().__init__(selector)
        selector.loop = self

    def time(self):
        return self._clock.t

    def call_at(self, when, callback, *args, context=None):
        """BaseEventLoop.call_at with a _Timer instead of a TimerHandle."""
        self._check_closed()
        timer = _Timer(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


class _CreationOrder(dict):
    """The set operations TaskGroup uses on its tasks, iterated in the order they were added."""

    def add(self, task):
        self[task] = None

    def discard(self, task):
        self.pop(task, None)


def install(clock, hooks):
    class Policy(asyncio.DefaultEventLoopPolicy):
        def new_event_loop(self):
            return VirtualLoop(clock)

    from . import cputime, pools_virtual

    asyncio.set_event_loop_policy(Policy())
    clock.world = pools_virtual.World(clock, hooks)
    cputime.install(clock, hooks, clock.world)
    _install_pools(clock.world, hooks)
    _install_creation_order(hooks)
    _install_executor_shutdown(clock)


def _install_pools(world, hooks):
    """run_in_executor (and so to_thread) hands its job to the world instead of the pool."""
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    from . import pools_virtual

    real_run_in_executor = base_events.BaseEventLoop.run_in_executor

    def virtual_run_in_executor(loop, executor, func, *args):
        loop._check_closed()
        if loop._debug:
            loop._check_callback(func, "run_in_executor")
        if executor is None:  # as BaseEventLoop.run_in_executor
            executor = loop._default_executor
            loop._check_default_executor()
            if executor is None:
                executor = ThreadPoolExecutor(thread_name_prefix="asyncio")
                loop._default_executor = executor
        process = isinstance(executor, ProcessPoolExecutor)
        if not process and not isinstance(executor, ThreadPoolExecutor):
            return real_run_in_executor(loop, executor, func, *args)
        if not process and executor._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        entry = [(WAITING, "process" if process else "thread"), None]
        job = pools_virtual.Job(func, args, entry)
        fut = futures.wrap_future(job.future, loop=loop)
        hooks.completer[fut] = entry
        world.submit(executor, job)
        return fut

    base_events.BaseEventLoop.run_in_executor = virtual_run_in_executor


def _install_executor_shutdown(clock):
    """asyncio.run's shutdown_default_executor awaits a future that a plain thread, not a pool
    job, resolves: counted as a job while it lasts, so that the selector waits for it instead of
    calling the wait a hang (a deadlock reported at random, after main had ended)."""
    shutdown = asyncio.base_events.BaseEventLoop.shutdown_default_executor

    @functools.wraps(shutdown)  # its qualname stays BaseEventLoop's: not a task of the program
    async def counted_shutdown(self, *args, **kwargs):
        clock.jobs += 1
        try:
            return await shutdown(self, *args, **kwargs)
        finally:
            clock.jobs -= 1

    asyncio.base_events.BaseEventLoop.shutdown_default_executor = counted_shutdown


def _install_creation_order(hooks):
    task_group_init = asyncio.TaskGroup.__init__

    def ordered_task_group_init(self, *args, **kwargs):
        task_group_init(self, *args, **kwargs)
        self._tasks = _CreationOrder()

    class ShutdownInCreationOrder:
        """asyncio.runners' view of asyncio.tasks: all_tasks() in creation order."""

        def __getattr__(self, name):
            return getattr(asyncio.tasks, name)

        @staticmethod
        def all_tasks(loop=None):
            order = hooks.order
            return sorted(asyncio.tasks.all_tasks(loop), key=lambda t: order.get(id(t), 1 << 60))

    asyncio.TaskGroup.__init__ = ordered_task_group_init
    asyncio.runners.tasks = ShutdownInCreationOrder()
