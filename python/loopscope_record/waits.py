"""What a suspended task waits for: the state (`waiting` or `blocked`) and its `on`.

A task's `_fut_waiter` is the future it waits on; the innermost coroutine of its await chain
says why (asyncio's own `Lock.acquire`, `Queue.put`, `sleep`, ... and its `self`), which costs
nothing until a task suspends and needs no wrapper around the primitives. Objects are named as
the program names them: the global of `__main__` that holds them, else `<Type>-<k>`.
"""
import asyncio
import sys
import types
import weakref

from .recording import BLOCKED, WAITING

_locks, _queues, _tasks = asyncio.locks, asyncio.queues, asyncio.tasks


def _code(fn):
    return getattr(fn, "__code__", None)


# The innermost coroutine's code -> (state, on): a string, or None to name its `self`.
_WAITS = {
    _code(_tasks.sleep): (WAITING, "timer"),
    _code(_locks.Lock.acquire): (BLOCKED, None),
    _code(_locks.Semaphore.acquire): (BLOCKED, None),
    _code(_locks.Condition.wait): (BLOCKED, None),
    _code(_locks.Event.wait): (WAITING, None),
    _code(_queues.Queue.get): (WAITING, None),
    _code(_queues.Queue.put): (BLOCKED, None),
    _code(asyncio.threads.to_thread): (WAITING, "thread"),
    _code(asyncio.StreamReader._wait_for_data): (WAITING, "read"),  # a socket's data
    _code(asyncio.streams.FlowControlMixin._drain_helper): (WAITING, "write"),
}
for _name in ("__aexit__", "_aexit"):
    if hasattr(asyncio.TaskGroup, _name):
        _WAITS[_code(getattr(asyncio.TaskGroup, _name))] = (WAITING, "task_group")
_WAITS.pop(None, None)
# The same by the code's id (the codes stay alive in _WAITS, so no other code takes their id):
# hashing a code object hashes its contents, about 1.5 us on CPython 3.12, once per wait.
_WAIT_OF_CODE_ID = {id(code): wait for code, wait in _WAITS.items()}

_GATHERING = getattr(_tasks, "_GatheringFuture", ())


class _Named(weakref.ref):
    """A weak reference to a named object, with its id and name."""

    __slots__ = ("key", "name")


class Names:
    """Names of the program's objects, as its `__main__` globals call them.

    An object is remembered by its id through a weak reference, whose callback forgets it when
    the object dies: its id may then be another object's, which gets a name of its own, and a
    program that makes and awaits a future per request keeps none of them alive. (An object
    that takes no weak reference is held, so that its id stays its own.)"""

    def __init__(self):
        self._known = {}  # id -> _Named, or (object, name) for one without weak references
        self._count = {}

    def of(self, obj):
        key = id(obj)
        hit = self._known.get(key)
        if hit is not None:
            if type(hit) is _Named:
                if hit() is obj:
                    return hit.name
            elif hit[0] is obj:
                return hit[1]
        name = self._global_name(obj)
        if name is None:
            kind = type(obj).__name__
            self._count[kind] = self._count.get(kind, 0) + 1
            name = f"{kind}-{self._count[kind]}"
        try:
            hit = _Named(obj, self._forget)
            hit.key, hit.name = key, name
        except TypeError:  # no weak references to it
            hit = (obj, name)
        self._known[key] = hit
        return name

    def _forget(self, ref):
        if self._known.get(ref.key) is ref:
            del self._known[ref.key]

    @staticmethod
    def _global_name(obj):
        main = sys.modules.get("__main__")
        for key, value in list(vars(main).items()) if main else ():
            if value is obj and not key.startswith("__"):
                return key
        return None


_CORO, _GEN = types.CoroutineType, types.GeneratorType


def innermost(coro):
    """The innermost coroutine (or generator) frame of an await chain. (Coroutines and
    generators of Python code are told by their type, without looking for attributes: a
    server's every wait walks its chain.)"""
    while True:
        kind = type(coro)
        if kind is _CORO:
            inner = coro.cr_await
        elif kind is _GEN:
            inner = coro.gi_yieldfrom
        else:
            inner = getattr(coro, "cr_await", None)
            if inner is None:
                inner = getattr(coro, "gi_yieldfrom", None)
        if inner is None:
            return coro
        kind = type(inner)
        if kind is not _CORO and kind is not _GEN and not (
                hasattr(inner, "cr_frame") or hasattr(inner, "gi_frame")):
            return coro
        coro = inner


def classify(task, fut, lane_of, names, task_types):
    """(state, on) of `task`, suspended on `fut`."""
    if type(fut) in task_types:
        return WAITING, lane_of(fut).id
    if _GATHERING and isinstance(fut, _GATHERING):
        return WAITING, "gather"
    coro = innermost(task.get_coro())
    kind = type(coro)
    if kind is _CORO or kind is _GEN:
        # By its code, without its frame (a frame object made per wait costs more than the
        # rest): a wait whose `on` is known needs no more, as long as the coroutine is
        # suspended (the innermost of a waiting task's chain is), where it has a frame.
        code, suspended = ((coro.cr_code, coro.cr_suspended) if kind is _CORO
                           else (coro.gi_code, coro.gi_suspended))
        wait = _WAIT_OF_CODE_ID.get(id(code))
        if wait is None and suspended:
            return WAITING, names.of(fut)
        if wait is not None and wait[1] is not None and suspended:
            return wait
    frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
    wait = _WAIT_OF_CODE_ID.get(id(frame.f_code)) if frame is not None else None
    if wait is not None:
        state, on = wait
        if on is None:
            owner = frame.f_locals.get("self")
            on = names.of(owner) if owner is not None else "future"
        return state, on
    return WAITING, names.of(fut)
