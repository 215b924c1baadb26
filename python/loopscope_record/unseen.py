"""What the recorder cannot see, said in the trace as diagnostics (docs/recording.md, Limits).

- Threads the program starts itself: asyncio's hooks see only what the loop runs, so such a
  thread has no lane (the pool threads of run_in_executor and to_thread do).
- os.fork: the child runs on unrecorded; it must not write over the parent's trace.
- An event loop that is not asyncio's (uvloop, or any loop whose handles are not
  asyncio.events.Handle): its steps, wakes and waits go past the hooks.
"""
import asyncio
import os
import sys
import threading
from asyncio import base_events, events

_POOL_WORKERS = ("concurrent.futures.thread", "concurrent.futures.process", "multiprocessing")
# asyncio's own threads (shutdown_default_executor's), and the recorder's (--virtual's pool threads)
_OURS = _POOL_WORKERS + ("asyncio.", "loopscope_record.")


def install(hooks, recording):
    _watch_threads(hooks, recording)
    _watch_fork(hooks, recording)
    _watch_loops(hooks, recording)


def _not_the_programs(thread):
    """A pool's thread, asyncio's or ours: its target, or the code starting it, is theirs."""
    target = getattr(thread, "_target", None)
    caller = sys._getframe(2).f_globals.get("__name__", "")  # who called Thread.start
    return (thread.name == "loopscope-stream" or caller.startswith(_OURS)
            or (getattr(target, "__module__", "") or "").startswith(_OURS))


def _watch_threads(hooks, recording):
    start = threading.Thread.start

    def recorded_start(thread):
        if not _not_the_programs(thread):
            recording.diagnostic(
                hooks.clock.now(), hooks.running, "thread-not-recorded",
                f"thread {thread.name} (the program's own) is not recorded: lanes show only "
                "what asyncio's loop runs")
        return start(thread)

    threading.Thread.start = recorded_start


def _in_pool():
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_globals.get("__name__", "").startswith(_POOL_WORKERS):
            return True
        frame = frame.f_back
    return False


def _watch_fork(hooks, recording):
    parent = os.getpid()
    recording.writer_pid = parent

    def before():
        if not _in_pool():  # a worker process of a pool has its lane already
            recording.diagnostic(
                hooks.clock.now(), hooks.running, "fork-not-recorded",
                "the program forked: what the child process runs is not recorded")

    def in_child():
        recording.writer_pid = None  # the child never writes the trace

    os.register_at_fork(before=before, after_in_child=in_child)


def _watch_loops(hooks, recording):
    """A loop that is set or run, and is not asyncio's own, is named once."""
    seen = set()

    def check(loop):
        kind = type(loop)
        if loop is None or isinstance(loop, base_events.BaseEventLoop) or kind in seen:
            return
        seen.add(kind)
        recording.diagnostic(
            hooks.clock.now(), None, "steps-not-visible",
            f"steps not visible: the event loop {kind.__module__}.{kind.__qualname__} is not "
            "asyncio's (its handles are not asyncio.events.Handle): its tasks' steps, wakes "
            "and waits are not recorded")

    set_event_loop = events.set_event_loop

    def recorded_set_event_loop(loop):
        check(loop)
        return set_event_loop(loop)

    events.set_event_loop = asyncio.set_event_loop = recorded_set_event_loop
    runner_run = asyncio.Runner.run

    def recorded_runner_run(runner, coro, *args, **kwargs):
        runner._lazy_init()
        check(runner._loop)
        return runner_run(runner, coro, *args, **kwargs)

    asyncio.Runner.run = recorded_runner_run
