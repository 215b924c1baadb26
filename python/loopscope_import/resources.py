"""Synchronisation objects and pools: `lock = asyncio.Lock()` is the resource `lock`."""

import ast

from .refusals import refuse
from .values import literal


def _argument(call, position, keyword):
    for k in call.keywords:
        if k.arg == keyword:
            return k.value
    if len(call.args) > position:
        return call.args[position]
    return None


def _int_argument(call, position, keyword, default=None):
    node = _argument(call, position, keyword)
    if node is None:
        return default
    try:
        value = literal(node)
    except ValueError:
        value = None
    if not isinstance(value, int) or isinstance(value, bool):
        refuse(node, "a computed size of a synchronisation object or pool",
               "write the number itself")
    return value


def _startup(call, numeric):
    """ProcessPoolExecutor(n, initializer=time.sleep, initargs=(s,)): workers that take s to
    start (how Loopscope's export writes a pool's startup)."""
    initializer = _argument(call, 99, "initializer")
    if initializer is None:
        return None
    initargs = _argument(call, 99, "initargs")
    if (numeric.dotted(initializer) == "time.sleep" and isinstance(initargs, ast.Tuple)
            and len(initargs.elts) == 1):
        return numeric.seconds(initargs.elts[0])
    refuse(initializer, "a pool initializer other than time.sleep",
           "drop it, or give the pool a startup time with initializer=time.sleep")


def resource_of(call, numeric, loop_names=()):
    """The resource a constructor call makes, without its id, or None if `call` makes none."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "create_future" \
            and isinstance(func.value, ast.Call) and numeric.dotted(func.value.func) in (
                "asyncio.get_running_loop", "asyncio.get_event_loop"):
        return {"kind": "future"}
    name = numeric.dotted(func)
    if name is None:
        return None
    if name.endswith(".create_future") and name.split(".")[0] in loop_names:
        return {"kind": "future"}
    simple = {"asyncio.Lock": "lock", "asyncio.Event": "event", "asyncio.Future": "future"}
    if name in simple:
        return {"kind": simple[name]}
    if name in ("asyncio.Semaphore", "asyncio.BoundedSemaphore"):
        resource = {"kind": "semaphore", "value": _int_argument(call, 0, "value", 1)}
        if name == "asyncio.BoundedSemaphore":
            resource["bounded"] = True
        return resource
    if name == "asyncio.Queue":
        return {"kind": "queue", "maxsize": _int_argument(call, 0, "maxsize", 0)}
    if name in ("asyncio.PriorityQueue", "asyncio.LifoQueue"):
        refuse(call, name, "use asyncio.Queue (first in, first out)")
    if name == "asyncio.Condition":
        lock = _argument(call, 0, "lock")
        resource = {"kind": "condition"}
        if lock is not None:
            if not isinstance(lock, ast.Name):
                refuse(lock, "a Condition's lock made in place", "name the lock first")
            resource["lock"] = lock.id
        return resource
    if name == "asyncio.Barrier":
        return {"kind": "barrier", "parties": _int_argument(call, 0, "parties")}
    if name == "concurrent.futures.ThreadPoolExecutor":
        resource = {"kind": "thread_pool"}
        workers = _int_argument(call, 0, "max_workers")
        if workers is not None:
            resource["workers"] = workers
        return resource
    if name == "concurrent.futures.ProcessPoolExecutor":
        resource = {"kind": "process_pool"}
        workers = _int_argument(call, 0, "max_workers")
        if workers is not None:
            resource["workers"] = workers
        startup = _startup(call, numeric)
        if startup is not None:
            resource["startup"] = startup
        return resource
    return None
