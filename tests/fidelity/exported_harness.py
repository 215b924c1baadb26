"""Turns a program exported by `loopscope run FILE --export OUT.py` into a fidelity program.

Imported first by the wrapped program (see run_exported.py). It leaves the exported text as
it is and only watches it: every print is prefixed with its scenario time and task lane, tasks
are named as trace-format.md names lanes, a Python warning (a coroutine never awaited) comes out
as `WARNING <time> <lane> <Category>: <message>`, and asyncio.run reports `OUTCOME <status> <time>`
(and, with LOOPSCOPE_WATCH_DEADLOCK=1, a watchdog calls a run with no print for 1 scenario
second a deadlock, since a deadlocked asyncio program never returns).
"""
import asyncio
import builtins
import multiprocessing
import os
import threading
import time
import warnings
import weakref

SCALE = float(os.environ.get("LOOPSCOPE_SCALE", "0.05"))

_print = builtins.print
_run = asyncio.run
_t0 = None
_root = None
_last = 0.0
_deadlocked = False
_per_coro = {}
# Each task's lane, and the name CPython gave it: the program's own get_name() sees CPython's
# Task-<n>; a task named by the program (create_task's name=, set_name) is its lane's name.
_lanes = weakref.WeakKeyDictionary()
_loop_thread = threading.main_thread()


def _now():
    return (time.perf_counter() - _t0) / SCALE


def _factory(loop, coro, **kwargs):
    name = getattr(coro, "__name__", "task")
    _per_coro[name] = _per_coro.get(name, 0) + 1
    task = asyncio.Task(coro, loop=loop, **kwargs)
    _lanes[task] = (task.get_name(), f"{name}-{_per_coro[name]}")
    return task


def lane_of(task):
    """The trace's lane of a task made by the factory (trace-format.md)."""
    cpython_name, lane = _lanes.get(task, (None, None))
    name = task.get_name()
    return lane if name == cpython_name else name


def _lane():
    """The lane trace-format.md names: the task's, a pool thread's (CPython's thread name), a
    pool process's (Process-<k>), or the event loop's for a callback (call_soon, call_later)."""
    if _t0 is not None and multiprocessing.parent_process() is not None:
        return f"Process-{multiprocessing.current_process()._identity[0]}"
    if _t0 is not None and threading.current_thread() is not _loop_thread:
        return threading.current_thread().name
    try:
        task = asyncio.current_task() if _t0 is not None else None
    except RuntimeError:  # the module's code after asyncio.run: main's lane (trace-format.md)
        return "main"
    if task is None and _t0 is not None:
        return "event loop"
    return "main" if task is None or task is _root else lane_of(task)


def _say(*args, **kwargs):
    global _last
    if kwargs.get("file") is not None:
        return _print(*args, **kwargs)
    if _t0 is None:  # the module's code before asyncio.run: main's lane at 0 (trace-format.md)
        text = kwargs.get("sep", " ").join(str(a) for a in args)
        return _print(f"{0:.3f} main {text}", flush=True)
    _last = _now()
    text = kwargs.get("sep", " ").join(str(a) for a in args)
    _print(f"{_last:.3f} {_lane()} {text}", flush=True)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    if _t0 is None:
        return _original_showwarning(message, category, filename, lineno, file, line)
    _print(f"WARNING {_now():.3f} {_lane()} {category.__name__}: {message}", flush=True)


async def _watchdog(root):
    global _deadlocked
    while True:
        await asyncio.sleep(0.1 * SCALE)
        if _now() - _last > 1.0:
            _deadlocked = True
            root.cancel()
            return


async def _root_task(coro):
    global _t0, _root, _per_coro
    _root = asyncio.current_task()
    _per_coro = {"main": 1}
    asyncio.get_running_loop().set_task_factory(_factory)
    _t0 = time.perf_counter()
    if os.environ.get("LOOPSCOPE_WATCH_DEADLOCK") == "1":
        asyncio.get_running_loop().create_task(_watchdog(_root))
    return await coro


def _asyncio_run(coro, **kwargs):
    """asyncio.run with the OUTCOME line; returns what main returned, for the module's code
    after it. After a failure the module's code stops there, as the exception would stop it
    (after_failure runs first: differential_harness prints the task ends)."""
    status, error, result = "completed", None, None
    try:
        result = _run(_root_task(coro), **kwargs)
    except BaseException as exc:  # noqa: BLE001 - the outcome is the point
        status = "deadlock" if _deadlocked else "failed"
        error = type(exc).__name__
    duration = _last if status == "deadlock" else _now()
    if error and status == "failed":
        _print(f"ERROR {error}", flush=True)
    _print(f"OUTCOME {status} {duration:.3f}", flush=True)
    if error:
        after_failure()
        raise SystemExit(0)
    return result


def after_failure():
    pass


builtins.print = _say
asyncio.run = _asyncio_run
_original_showwarning = warnings.showwarning
warnings.showwarning = _show_warning
