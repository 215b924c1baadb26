"""The hooks that watch asyncio (recorder-notes.md tried them on CPython 3.11-3.13).

- `Handle._run` of a task's step (patches.py makes it a handle of its own): one step: its
  `running` span, `blocking` when the thread's CPU time stayed far below the wall time and
  the thread switched out of its own accord (slept, waited for I/O; not preempted); after it,
  the task's `_fut_waiter` says what it waits for (waits.py).
- `BaseEventLoop.call_soon`: a task's step scheduled makes it `ready`; the task running at that
  moment is its waker (a plain callback in between, as gather's, passes its scheduler on).
  The first call_soon of a task comes from its constructor: the task is created there, by the
  task running then.
- `Lock`/`Semaphore` acquire and release, `Event.set`: events and lock holders.
- `run_in_executor` (and so `to_thread`): pool-thread and worker-process lanes.
- `call_exception_handler`, `warnings.showwarning`: debug-mode diagnostics.
"""
import asyncio
import re
import sys
from time import thread_time
import weakref
from asyncio import format_helpers

try:
    import resource
except ImportError:  # Windows
    resource = None

from . import waits
from .recording import BLOCKING, M_GAP, M_READY, M_RUNNING, RUNNING, Lane

TASK_TYPES = frozenset(t for t in (asyncio.Task, getattr(asyncio.tasks, "_PyTask", None)) if t)
_DEFAULT_NAME = re.compile(r"Task-\d+")
_SLOW_STEP = 0.1  # asyncio's slow_callback_duration
_INTERNAL = ("BaseEventLoop.shutdown_asyncgens", "BaseEventLoop.shutdown_default_executor")
_IGNORED = Lane("ignored", "task", "ignored")  # the lane of asyncio's own shutdown tasks
_IGNORED.given_name = ""


class _Gone(weakref.ref):
    """A weak reference to a task, with the key of its lane in Hooks.lanes."""

    __slots__ = ("key",)


def run_failed(handle, exc):
    """What Handle._run does with an exception from its callback (3.11-3.13)."""
    loop = handle._loop
    if sys.version_info >= (3, 13):
        cb = format_helpers._format_callback_source(handle._callback, handle._args,
                                                    debug=loop.get_debug())
    else:
        cb = format_helpers._format_callback_source(handle._callback, handle._args)
    context = {"message": f"Exception in callback {cb}", "exception": exc, "handle": handle}
    if handle._source_traceback:
        context["source_traceback"] = handle._source_traceback
    loop.call_exception_handler(context)


def voluntary_switches():
    """The loop thread's voluntary context switches (it slept, or waited for I/O): a step whose
    wall time ran far past its CPU time without one was preempted, not blocking. Where the
    system counts none per thread (not Linux), a step counts as having switched: -1 each time."""
    return resource.getrusage(_RUSAGE_THREAD).ru_nvcsw if _RUSAGE_THREAD is not None else -1


_RUSAGE_THREAD = getattr(resource, "RUSAGE_THREAD", None) if resource is not None else None


class Hooks:
    def __init__(self, recording, clock):
        self.rec = recording
        self.clock = clock  # .now() in trace seconds; .virtual
        self.names = waits.Names()
        self.lanes = {}  # id(task) -> Lane (dropped when the task is collected)
        self.running = None  # the lane of the step in progress
        self.handle_waker = {}  # a plain callback's handle -> the lane that scheduled it
        self.context_waker = None  # while such a callback runs
        self.deadline = None  # while a timer's callback runs, late: when it was due
        self.completer = {}  # an executor's future -> the lane that did the work
        self.holders = {}  # id(lock) -> [lanes holding it]
        self.thread_lanes = {}  # a pool thread's ident -> its lane
        self.per_coro = {}
        self.order = {}  # id(task) -> creation order
        self.root = None
        self.loop = None  # the loop of the first task
        self._saved = []

    # Lanes --------------------------------------------------------------------------------

    def lane_of(self, task):
        lane = self.lanes.get(id(task))
        return lane if lane is not None else self._new_lane(task)

    def _new_lane(self, task):
        # The steps logged (Recording.steps) are those of one loop, one after the other, while
        # every task is one loop's: a loop in a thread of the program's own, or a second
        # asyncio.run, ends that (checked here, once a task, not at each step).
        loop = task.get_loop()
        if self.loop is None:
            self.loop = loop
        elif loop is not self.loop:
            self.rec.steps_in_order = False
        coro = task.get_coro()
        if getattr(coro, "__qualname__", "") in _INTERNAL:
            self.lanes[id(task)] = _IGNORED
            return _IGNORED
        parent = self.running or self.context_waker
        coro_name = getattr(coro, "__name__", type(coro).__name__)
        self.per_coro[coro_name] = self.per_coro.get(coro_name, 0) + 1
        given = task.get_name()
        name = given
        if self.root is None and parent is None:
            name = "main"
        elif _DEFAULT_NAME.fullmatch(given):
            name = f"{coro_name}-{self.per_coro[coro_name]}"
        lane = self.rec.add_lane("task", name, parent, coro_name)
        # asyncio.create_task and TaskGroup.create_task name a task after its constructor
        # scheduled it: its first step looks again.
        lane.given_name = given if name != given else None
        if self.root is None and parent is None:
            self.root = lane
        key = id(task)
        self.lanes[key] = lane
        self.order[key] = len(self.order)
        # Forgotten when the task dies (a weak reference, lighter than weakref.finalize: a
        # server makes a task per connection).
        lane.gone = _Gone(task, self._forget)
        lane.gone.key = key
        if parent is not None:
            self.rec.event(self.clock.now(), lane, "create", by=parent)
        return lane

    def _forget(self, gone):
        self.lanes.pop(gone.key, None)

    # Steps --------------------------------------------------------------------------------

    def run_callback(self, handle, run):
        """A handle that is no task's step: whoever scheduled it wakes what it wakes. A timer
        that fires late (the loop was held) makes what it wakes `ready` from its deadline, as
        Loopscope shows it (Task::becameReady): the wait was over, the loop was not free."""
        waker = self.handle_waker.pop(handle, None) if self.handle_waker else None
        deadline = getattr(handle, "_when", None)
        if waker is None and deadline is None and self.context_waker is self.deadline is None:
            return run(handle)  # nothing to pass on (an I/O callback): no bookkeeping
        saved, self.context_waker = self.context_waker, waker
        if deadline is not None and not self.clock.virtual:  # loop.time() is another clock
            deadline = self.clock.now() - max(handle._loop.time() - deadline, 0.0)
        saved_deadline, self.deadline = self.deadline, deadline
        try:
            return run(handle)
        finally:
            self.context_waker = saved
            self.deadline = saved_deadline

    def _named_later(self, task, lane):
        name = task.get_name()
        if name != lane.given_name and lane is not self.root:
            lane.name = name
        lane.given_name = None

    def step_hook(self, run):
        """Handle._run, recorded: the hot path of a busy program (a million switches are two
        million steps), one closure with everything it needs in locals. A task's step runs
        the callback as Handle._run does, in this frame (a frame less per step; run_failed
        reports what it raised as Handle._run would). The thread's CPU time (a system call,
        dearer than the rest of a step's bookkeeping) is read again only when the last reading
        is 0.25 ms old or the step took 2 ms or more: a step of 2 ms counted from a reading up
        to 0.25 ms before it starts gains at most that much CPU, which cannot make a step that
        slept look busy."""
        hooks, clock, new_lane, run_callback = self, self.clock, self._new_lane, self.run_callback
        lane_of, task_types, ignored = self.lanes.get, TASK_TYPES, _IGNORED
        virtual, counter, base = clock.virtual, clock.counter, clock.base_ns
        running, ready, step_of = M_RUNNING, M_READY, self.rec.steps.append
        step_time = self.rec.step_times.append
        cpu_at, cpu_seen = -1.0, 0.0  # when (wall) the thread's CPU time was last read, and it
        switches_seen = 0  # the thread's voluntary context switches, read with its CPU time
        last_end = -1.0  # when the last step logged ended
        rec = self.rec

        def recorded_run(handle):
            nonlocal cpu_at, cpu_seen, switches_seen, last_end
            callback = handle._callback
            task = getattr(callback, "__self__", None)
            lane = lane_of(id(task))  # only live tasks are there: no other object has their id
            if lane is None:
                if type(task) not in task_types:  # None is no task either
                    return run_callback(handle, run)
                lane = new_lane(task)
            if lane.given_name is not None:  # the ignored lane has one too: one test, not two
                if lane is ignored:
                    return run_callback(handle, run)
                hooks._named_later(task, lane)
            if virtual:
                t0 = clock.t
            else:
                t0 = (counter() - base) / 1e9
                if t0 - cpu_at > 0.00025:
                    cpu_seen, cpu_at, switches_seen = thread_time(), t0, voluntary_switches()
                cpu0, switches0 = cpu_seen, switches_seen
                step_time(t0)
                step_of(lane)
            lane.times.append(t0)
            lane.marks.append(running)
            outer, hooks.running = hooks.running, lane
            try:
                handle._context.run(callback, *handle._args)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:  # noqa: BLE001 - as Handle._run
                run_failed(handle, exc)
            finally:
                hooks.running = outer
                if virtual:
                    t1 = clock.t
                    if t1 - t0 > _SLOW_STEP:  # a time.sleep or CPU work moved the clock
                        hooks.slow_step(lane, t0, t1 - t0)
                else:
                    t1 = (counter() - base) / 1e9
                    if t1 - t0 >= 0.002:
                        cpu_seen, cpu_at, switches_seen = thread_time(), t1, voluntary_switches()
                        hooks._real_step_kind(lane, t0, t1, cpu_seen - cpu0,
                                              switches_seen != switches0 or switches0 < 0)
                    step_time(t1)  # after: a step logged whole has its kind noted
                    if t0 <= last_end or t1 <= t0:  # not each after the last (writing.step_log)
                        rec.steps_in_order = False
                    last_end = t1
                if task.done():
                    hooks._ended(task, lane, t1)
                elif task._fut_waiter is None:  # it yielded (sleep(0)): its next step is queued
                    lane.times.append(t1)
                    lane.marks.append(ready)
                else:
                    hooks._after_step(task, lane, t1)

        return recorded_run

    def _real_step_kind(self, lane, t0, t1, cpu, switched):
        wall = t1 - t0
        if cpu < 0.5 * wall and switched:  # the thread slept: a blocking call
            self.rec.blocking_steps.append(len(self.rec.steps) - 1)  # this step (in order)
            lane.add(t0, BLOCKING)
            lane.add(t1, RUNNING)
        if wall > _SLOW_STEP:
            self.slow_step(lane, t0, wall)

    def slow_step(self, lane, t, seconds):
        self.rec.diagnostic(t, lane, "slow-step",
                            f"Executing <Task {lane.name}> took {seconds:.3f} seconds")

    def _after_step(self, task, lane, t):
        fut = task._fut_waiter
        if fut in self.completer:
            state, on = self.completer[fut][0]
        else:
            state, on = waits.classify(task, fut, self.lane_of, self.names, TASK_TYPES)
        lane.on = on
        lane.add(t, state, on)

    def _ended(self, task, lane, t):
        if task.cancelled():
            lane.result = "cancelled"
            try:
                task.result()
            except asyncio.CancelledError as exc:
                self.rec.event(t, lane, "raise", text=str(exc), resource="CancelledError")
        elif task.exception() is not None:
            lane.result = "failed"
            exc = task.exception()
            self.rec.event(t, lane, "raise", text=str(exc), resource=type(exc).__name__)
        else:
            lane.result = "done"
        lane.times.append(t)
        lane.marks.append(M_GAP)
        if lane is self.root:
            self._main_ended(t)

    def _main_ended(self, t):
        for lane in list(self.lanes.values()):
            if lane is not _IGNORED and lane.result is None and lane is not self.root:
                self.rec.diagnostic(
                    t, lane, "pending-at-shutdown",
                    f"Task {lane.name} was still pending when main returned; "
                    "asyncio.run() cancelled it")

    def _completed(self, fut):
        try:
            return self.completer.pop(fut, None)
        except TypeError:  # not a future: unhashable
            return None

    # Scheduling ---------------------------------------------------------------------------

    def scheduled(self, handle, task, known, args):
        """call_soon of `handle` (patches.py): `task` its callback's __self__, `known` its lane
        when it is a task known already."""
        if known is None and type(task) not in TASK_TYPES:  # None is no task either
            waker = self.running or self.context_waker
            if waker is not None:
                self.handle_waker[handle] = waker
            return
        lane = known if known is not None else self._new_lane(task)
        if lane is _IGNORED or lane is self.running:
            return
        clock = self.clock
        t = clock.t if clock.virtual else (clock.counter() - clock.base_ns) / 1e9  # now()
        deadline = self.deadline
        if deadline is not None and deadline < t:  # a timer's late callback
            lane.times.append(max(deadline, lane.times[-1]) if lane.times else deadline)
        else:
            lane.times.append(t)
        lane.marks.append(M_READY)
        if known is None:
            return
        waker = self.running or self.context_waker
        if self.completer and args:
            entry = self._completed(args[0])
            waker = entry[1] if entry is not None and entry[1] is not None else waker
        cancelling = task.cancelling()
        if cancelling > lane.cancels:
            lane.cancels = cancelling
            self.rec.event(t, lane, "cancel", by=waker)
        elif waker is not None and waker is not lane:
            self.rec.wake(t, lane, waker, lane.on)  # no tuple, no dict: the commonest
