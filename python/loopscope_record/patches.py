"""Installs the hooks (hooks.py) into asyncio, the primitives, the pools, stdout and warnings."""
import asyncio
import functools
import sys
import threading
import time
import warnings
import weakref
from asyncio import base_events, events
from contextvars import copy_context

from . import hooks as hooks_module
from .recording import BLOCKING, RUNNING, WAITING


def install(hooks):
    _install_loop(hooks)
    _install_primitives(hooks)
    _install_pools(hooks)
    _install_diagnostics(hooks)
    sys.stdout = PrintTap(sys.stdout, hooks)


_HANDLE_SLOTS = ("_callback", "_args", "_cancelled", "_loop", "_source_traceback", "_repr",
                 "__weakref__", "_context")  # asyncio.events.Handle's in 3.11-3.13


def _install_loop(hooks):
    """call_soon makes a task's step a step handle and a callback scheduled by a task (or by
    such a callback) a waker handle, whose _run are the hooks (Hooks.step_hook and
    run_callback); every other handle (a transport's I/O callbacks, most of an I/O-bound
    program's) keeps Handle._run and costs nothing. A timer, rare, keeps the whole hook
    (TimerHandle._run): it may be late, and its callback may be a task's."""
    run = events.Handle._run
    base = base_events.BaseEventLoop
    call_soon, _call_soon, get_debug = base.call_soon, base._call_soon, base.get_debug
    scheduled, lane_of, handle_type = hooks.scheduled, hooks.lanes.get, events.Handle
    task_types = hooks_module.TASK_TYPES
    new_handle = handle_type.__new__
    inline = handle_type.__slots__ == _HANDLE_SLOTS  # else Handle() builds each handle
    plain_loops = set()  # loop types whose _call_soon and get_debug are BaseEventLoop's
    recorded_run = hooks.step_hook(run)

    def run_waker(handle):
        return hooks.run_callback(handle, run)

    # Named as asyncio's, so that a handle's repr (debug-mode messages) stays the same.
    step_type = type("Handle", (handle_type,), {"__slots__": (), "_run": recorded_run,
                                                "__module__": handle_type.__module__})
    waker_type = type("Handle", (handle_type,), {"__slots__": (), "_run": run_waker,
                                                 "__module__": handle_type.__module__})

    def recorded_call_soon(loop, callback, *args, context=None):
        task = getattr(callback, "__self__", None)
        lane = lane_of(id(task))  # lanes holds only tasks
        running = hooks.running
        if lane is not None or type(task) in task_types:
            kind = step_type
        elif running is not None or hooks.context_waker is not None:
            kind = waker_type
        else:  # nobody to pass on: a plain Handle, nothing to record
            kind = handle_type
        if loop._debug or loop._closed or type(loop) not in plain_loops:
            handle = call_soon(loop, callback, *args, context=context)
            if kind is not handle_type:
                handle.__class__ = kind  # the same layout: no slots of its own
            if type(loop)._call_soon is recorded__call_soon and type(loop).get_debug is get_debug:
                plain_loops.add(type(loop))
        elif inline:
            # BaseEventLoop.call_soon and Handle.__init__ without debug (the same in 3.11 to
            # 3.13) in this frame: three frames less per call_soon than the program has.
            handle = new_handle(kind)
            handle._context = copy_context() if context is None else context
            handle._loop = loop
            handle._callback = callback
            handle._args = args
            handle._cancelled = False
            handle._repr = None
            handle._source_traceback = None  # extracted only in debug mode
            loop._ready.append(handle)
        else:
            handle = kind(callback, args, loop, context)
            loop._ready.append(handle)
        # A task scheduling its own next step (a bare yield: sleep(0)) changes nothing that
        # scheduled() would record: said here, without the call.
        if kind is not handle_type and (running is None or lane is not running):
            scheduled(handle, task, lane, args)
        return handle

    def recorded__call_soon(loop, callback, args, context):
        """What call_soon_threadsafe (and call_soon in debug mode) schedule: a task's step is
        a step handle there too."""
        handle = _call_soon(loop, callback, args, context)
        task = getattr(callback, "__self__", None)
        if lane_of(id(task)) is not None or type(task) in task_types:
            handle.__class__ = step_type
        return handle

    events.TimerHandle._run = recorded_run
    base.call_soon, base._call_soon = recorded_call_soon, recorded__call_soon


def _install_primitives(hooks):
    rec, names = hooks.rec, hooks.names

    def holding(lock, lane, held):
        holders = hooks.holders.setdefault(names.of(lock), [])
        if held:
            holders.append(lane)
        elif lane in holders:
            holders.remove(lane)
        elif holders:
            holders.pop(0)  # released by another task than the one that acquired it

    for cls in (asyncio.Lock, asyncio.Semaphore):
        acquire, release = cls.acquire, cls.release

        async def recorded_acquire(self, _acquire=acquire):
            result = await _acquire(self)
            lane = hooks.running
            holding(self, lane, True)
            rec.event(hooks.clock.now(), lane, "acquire", resource=names.of(self))
            return result

        def recorded_release(self, _release=release):
            lane = hooks.running
            rec.event(hooks.clock.now(), lane, "release", resource=names.of(self))
            _release(self)  # after the event: the release comes before the wake it causes
            holding(self, lane, False)

        functools.update_wrapper(recorded_acquire, acquire)
        functools.update_wrapper(recorded_release, release)
        cls.acquire, cls.release = recorded_acquire, recorded_release

    event_set = asyncio.Event.set

    def recorded_set(self):
        event_set(self)
        rec.event(hooks.clock.now(), hooks.running, "set", resource=names.of(self))

    asyncio.Event.set = recorded_set


def _install_pools(hooks):
    run_in_executor = base_events.BaseEventLoop.run_in_executor
    threads = hooks.thread_lanes  # thread ident -> lane
    processes = []

    def thread_lane():
        ident = threading.get_ident()
        lane = threads.get(ident)
        if lane is None:
            lane = threads[ident] = hooks.rec.add_lane("thread", threading.current_thread().name)
        return lane

    def timed(func, entry):
        @functools.wraps(func)
        def job(*args, **kwargs):
            lane, now = thread_lane(), hooks.clock.now
            t0, cpu0 = now(), time.thread_time()
            at = len(lane.marks)
            lane.add(t0, RUNNING)
            try:
                return func(*args, **kwargs)
            finally:
                t1 = now()
                if t1 - t0 >= 0.002 and time.thread_time() - cpu0 < 0.5 * (t1 - t0):
                    lane.replace(at, BLOCKING)
                lane.add(t1, None)
                entry[1] = lane

        return job

    pools = weakref.WeakKeyDictionary()  # executor -> ([its lanes], [jobs waiting for one])

    def process_lane(executor, entry, fut):
        """A job runs on one of the pool's max_workers processes: beyond them it waits in the
        pool's queue (FIFO) until a job ends, and takes that job's process from then on (the
        worker took it a little earlier: its result reaches the loop through the pool's thread)."""
        lanes, waiting = pools.setdefault(executor, ([], []))
        lane = next((p for p in lanes if p.last()[1] is None), None)
        if lane is None and len(lanes) < executor._max_workers:
            lane = hooks.rec.add_lane("process", f"Process-{len(processes) + 1}")
            processes.append(lane)
            lanes.append(lane)
        if lane is None:
            waiting.append((entry, fut))
            return
        start_job(lane, entry, fut, waiting)

    def start_job(lane, entry, fut, waiting):
        lane.add(hooks.clock.now(), RUNNING)
        entry[1] = lane

        def done(_fut):
            lane.add(hooks.clock.now(), None)
            while waiting:
                entry_next, fut_next = waiting.pop(0)
                if not fut_next.done():  # a job cancelled while it waited never runs
                    start_job(lane, entry_next, fut_next, waiting)
                    return

        fut.add_done_callback(done)

    def job_done(_fut):
        hooks.clock.jobs -= 1

    def recorded_run_in_executor(loop, executor, func, *args):
        # Not imported unless the program did (it brings multiprocessing): else no executor is one.
        process_module = sys.modules.get("concurrent.futures.process")
        is_process = process_module is not None and isinstance(
            executor, process_module.ProcessPoolExecutor)
        entry = [(WAITING, "process" if is_process else "thread"), None]
        fut = run_in_executor(loop, executor, func if is_process else timed(func, entry), *args)
        hooks.completer[fut] = entry
        hooks.clock.jobs += 1
        fut.add_done_callback(job_done)
        if is_process:
            process_lane(executor, entry, fut)
        return fut

    base_events.BaseEventLoop.run_in_executor = recorded_run_in_executor


def _install_diagnostics(hooks):
    call_exception_handler = base_events.BaseEventLoop.call_exception_handler
    showwarning = warnings.showwarning

    def recorded_call_exception_handler(loop, context):
        future = context.get("future")
        if str(context.get("message", "")).startswith("Task exception was never retrieved"):
            lane = hooks.lanes.get(id(future)) if future is not None else None
            exc = context.get("exception")
            hooks.rec.diagnostic(
                hooks.clock.now(), lane, "exception-never-retrieved",
                f"Task exception was never retrieved: <Task {lane.name if lane else '?'}> "
                f"raised {type(exc).__name__}: {exc}", severity="error")
        return call_exception_handler(loop, context)

    def recorded_showwarning(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, RuntimeWarning) and "was never awaited" in str(message):
            hooks.rec.diagnostic(hooks.clock.now(), hooks.running, "never-awaited",
                                 f"{category.__name__}: {message}")
        return showwarning(message, category, filename, lineno, file, line)

    base_events.BaseEventLoop.call_exception_handler = recorded_call_exception_handler
    warnings.showwarning = recorded_showwarning


class PrintTap:
    """sys.stdout, passing every write on, and noting each line as a print of its task."""

    def __init__(self, inner, hooks):
        self._inner = inner
        self._hooks = hooks
        self._partial = {}  # lane -> (time of its first chunk, text so far)

    def write(self, text):
        hooks = self._hooks
        lane = hooks.running
        if threading.current_thread() is not threading.main_thread():
            # A pool thread's print is on its lane; a thread of the program's own has none.
            lane = hooks.thread_lanes.get(threading.get_ident())
        t, pending = self._partial.pop(lane, (None, ""))
        if t is None:
            t = hooks.clock.now()
        lines = (pending + text).split("\n")
        for line in lines[:-1]:
            hooks.rec.event(t, lane, "print", text=line)
            t = hooks.clock.now()
        if lines[-1]:
            self._partial[lane] = (t, lines[-1])
        return self._inner.write(text)

    def flush(self):
        return self._inner.flush()

    def __getattr__(self, name):
        return getattr(self._inner, name)
