"""exported_harness.py plus what differential.py compares: task ends, and a virtual clock.

Imported first by a program that differential.py wrapped. It imports exported_harness (prints
with their scenario time and lane, tasks named as lanes, OUTCOME) and adds:
- a TaskGroup that, when a task fails, cancels the others in the order they were created, and
  an asyncio.run that cancels what is left at shutdown in that order too: CPython keeps both
  in a set and cancels them in the order of their addresses' hashes, which changes with any
  allocation anywhere in the program; Loopscope's order is creation order, one of those CPython
  may take (it matters where two cancelled tasks race for one resource: seed 704);
- `MAIN_END <time>` when main returns or raises, before asyncio.run cancels what is left;
- one `TASK <lane> <done|failed|cancelled|pending>` line per task after asyncio.run returns;
- with LOOPSCOPE_DIFF_CLOCK=virtual, the recorder's virtual loop (python/loopscope_record/
  virtual.py, imported, not copied), a CPython event loop whose clock is virtual: the loop runs
  CPython's own _run_once, Task, Lock, Queue, TaskGroup and timeout code unchanged, but waiting
  for the next timer advances the clock instead of sleeping, so a run is instant and exactly
  reproducible. Two timers with the same deadline become due in one iteration, in the order
  they were scheduled (CPython's heap alone does not order ties). That is Loopscope's rule
  for ties (scenario-format.md); CPython on a real clock has none, its order depends on how
  late the loop was at each call_later. An iteration with nothing ready and no timer is a
  program CPython would hang in: the task ends and `OUTCOME deadlock <last print>` are
  printed and the process exits there.
"""
import asyncio
import concurrent.futures
import os
import sys
import time

import exported_harness as harness

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from loopscope_record import virtual  # noqa: E402 - after its folder is on the path

_clock = virtual.Clock(True)  # moved on to the first timer when the loop would wait for it
_clock.on_hang = lambda: _report_hang()

VIRTUAL = os.environ.get("LOOPSCOPE_DIFF_CLOCK") == "virtual"

_tasks = []
_loop = None


class _VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    """The recorder's virtual loop (python/loopscope_record/virtual.py), the one shipped."""

    def new_event_loop(self):
        global _loop
        _loop = virtual.VirtualLoop(_clock)
        return _loop


_CreationOrder = virtual._CreationOrder


_task_group_init = asyncio.TaskGroup.__init__


class _ShutdownInCreationOrder:
    """asyncio.runners' view of asyncio.tasks: all_tasks() is a list in creation order."""

    def __getattr__(self, name):
        return getattr(asyncio.tasks, name)

    @staticmethod
    def all_tasks(loop=None):
        left = asyncio.tasks.all_tasks(loop)
        made = {task: i for i, task in enumerate(_tasks)}
        return sorted(left, key=lambda task: made.get(task, len(made)))


def _ordered_task_group_init(self, *args, **kwargs):
    _task_group_init(self, *args, **kwargs)
    self._tasks = _CreationOrder()


def _virtual_now():
    return _clock.t / harness.SCALE


_lane_factory = harness._factory


def _recording_factory(loop, coro, **kwargs):
    task = _lane_factory(loop, coro, **kwargs)
    owner = getattr(coro, "__qualname__", "")
    if not owner.startswith("BaseEventLoop.") and owner != "_watchdog":  # not the program's
        _tasks.append(task)
    return task


def _task_end(task):
    if not task.done():
        return "pending"
    if task.cancelled():
        return "cancelled"
    return "failed" if task.exception() is not None else "done"


def _print_task_ends():
    for task in _tasks:
        lane = "main" if task is _tasks[0] else harness.lane_of(task)
        harness._print(f"TASK {lane} {_task_end(task)}", flush=True)


def _report_hang():
    """CPython would wait forever: say so, and stop before asyncio.run cancels anything."""
    _print_task_ends()
    harness._print(f"OUTCOME deadlock {harness._last:.3f}", flush=True)
    os._exit(0)


async def _root_recorded(coro):
    _tasks.insert(0, asyncio.current_task())  # the root: main
    try:
        return await coro
    finally:
        harness._print(f"MAIN_END {harness._now():.3f}", flush=True)


_harness_run = asyncio.run


def _run(coro, **kwargs):
    harness.after_failure = _print_task_ends
    result = _harness_run(_root_recorded(coro), **kwargs)
    _print_task_ends()
    return result


_asyncio_run = harness._run


def _describing_run(coro, **kwargs):
    """asyncio.run, and `ERROR_TEXT <type>: <str>` for what escapes it, as Python's last
    traceback line says it (differential.py compares it with the outcome's error)."""
    try:
        return _asyncio_run(coro, **kwargs)
    except BaseException as exc:
        text = str(exc)
        harness._print(f"ERROR_TEXT {type(exc).__name__}" + (f": {text}" if text else ""),
                       flush=True)
        raise


harness._run = _describing_run
harness._factory = _recording_factory
asyncio.TaskGroup.__init__ = _ordered_task_group_init
asyncio.runners.tasks = _ShutdownInCreationOrder()
# time.time() is the scenario's wall clock (scenario-format.md): 2024-01-01 17:13:52 UTC plus
# scenario time, and time.strftime formats it in UTC.
_EPOCH = 1704129232.0
_real_strftime = time.strftime


def _virtual_wall():
    return _EPOCH + (_virtual_now() if _loop is not None else 0.0)


def _virtual_strftime(fmt, t=None):
    return _real_strftime(fmt, time.gmtime(_virtual_wall()) if t is None else t)


_pool_submit = concurrent.futures.ThreadPoolExecutor.submit


def _synchronous_submit(self, fn, /, *args, **kwargs):
    """A pool job runs to its end before submit returns, and its thread is idle again: the
    virtual clock cannot wait for a thread, so only jobs that take no scenario time (a
    function's prints, values, a return or a raise) are compared, and for those this is
    Loopscope's order (the job runs when submitted; its completion is a call_soon_threadsafe)."""
    future = _pool_submit(self, fn, *args, **kwargs)
    concurrent.futures.wait([future])
    while self._idle_semaphore._value < len(self._threads):  # the worker goes back to idle
        time.sleep(0.0001)
    return future


if VIRTUAL:
    harness._now = _virtual_now
    asyncio.set_event_loop_policy(_VirtualPolicy())
    concurrent.futures.ThreadPoolExecutor.submit = _synchronous_submit
    virtual._install_executor_shutdown(_clock)  # asyncio.run's shutdown thread: waited for
    time.time = _virtual_wall
    time.strftime = _virtual_strftime
asyncio.run = _run
