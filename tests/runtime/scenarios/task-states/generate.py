#!/usr/bin/env python3
"""Writes the task-state matrix: every way main can await a task (`await`, `gather`, `gather`
with return_exceptions, `gather` of it twice beside a coroutine, `wait_for` with a timeout that
is long, short or 0, `cancel` then `await`, and two other tasks awaiting it too) against every
state the task can be in at that moment. tst_runtime_task_states checks Loopscope's exact trace
of each against <name>.expected.txt; differential.py --files checks each against CPython 3.12.

A `ticker` task started just before the operation prints at three loop iterations in a row, so
that how many iterations an operation takes on a finished task shows in the print order.

    python3 generate.py    # rewrites the .loop.json files here (not the expected files)
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# state: (what job does after its 1 s sleep, main's steps between create_task and the op)
STATES = {
    "fresh": ("ok", []),  # created, not started yet
    "pending": ("ok", [{"op": "sleep", "seconds": 0.5}]),  # ends done at 1 s, during the op
    "fails-later": ("fail", [{"op": "sleep", "seconds": 0.5}]),
    "cancelled-later": ("ok", [{"op": "create_task", "coro": "killer", "args": {"victim": "$t"}},
                               {"op": "sleep", "seconds": 0.5}]),  # killer cancels it at 0.75 s
    "cancelling": ("ok", [{"op": "sleep", "seconds": 0.5}, {"op": "cancel", "task": "t"}]),
    "swallows": ("swallow", [{"op": "sleep", "seconds": 0.5}, {"op": "cancel", "task": "t"}]),
    "done": ("ok", [{"op": "sleep", "seconds": 2}]),
    "failed": ("fail", [{"op": "sleep", "seconds": 2}]),
    "cancelled": ("ok", [{"op": "sleep", "seconds": 0.5}, {"op": "cancel", "task": "t"},
                         {"op": "sleep", "seconds": 1.5}]),
}

OPS = {
    "await": [{"op": "await", "task": "t"}],
    "gather": [{"op": "gather", "items": [{"task": "t"}]}],
    "gather-rx": [{"op": "gather", "items": [{"task": "t"}], "return_exceptions": True}],
    "gather-twice": [{"op": "gather", "items": [{"task": "t"}, {"coro": "quick"}, {"task": "t"}]}],
    "wait_for": [{"op": "wait_for", "task": "t", "timeout": 3}],
    "wait_for-short": [{"op": "wait_for", "task": "t", "timeout": 0.25}],
    "wait_for-zero": [{"op": "wait_for", "task": "t", "timeout": 0}],
    "cancel-await": [{"op": "cancel", "task": "t"}, {"op": "await", "task": "t"}],
    "awaiters": [{"op": "create_task", "coro": "watcher", "args": {"target": "$t", "who": "a"}},
                 {"op": "create_task", "coro": "watcher", "args": {"target": "$t", "who": "b"}},
                 {"op": "await", "task": "t"}],
}


def caught(steps, who):
    """try: steps, then a print; a print per handler, so the outcome shows."""
    return {"op": "try", "steps": steps + [{"op": "print", "text": f"{who} got it"}],
            "except": {"TimeoutError": [{"op": "print", "text": f"{who} caught TimeoutError"}],
                       "ValueError": [{"op": "print", "text": f"{who} caught ValueError"}],
                       "CancelledError": [{"op": "print", "text": f"{who} caught CancelledError"}],
                       "*": [{"op": "print", "text": f"{who} caught another error"}]}}


def job(ending):
    steps = [{"op": "print", "text": "job start"}, {"op": "sleep", "seconds": 1}]
    if ending == "swallow":
        steps = [{"op": "print", "text": "job start"},
                 {"op": "try", "steps": [{"op": "sleep", "seconds": 1}],
                  "except": {"CancelledError": [{"op": "print", "text": "job swallowed it"},
                                                {"op": "sleep", "seconds": 0.25}]}}]
    if ending == "fail":
        steps.append({"op": "raise", "error": "ValueError", "message": "job failed"})
    steps.append({"op": "print", "text": "job end"})
    return {"name": "job", "steps": steps}


def scenario(state, op):
    ending, before = STATES[state]
    main = [{"op": "create_task", "coro": "job", "as": "t"}] + before + [
        {"op": "create_task", "coro": "ticker"}, {"op": "print", "text": "main op"},
        caught(OPS[op], "main"), {"op": "print", "text": "main after"},
        {"op": "sleep", "seconds": 0}, {"op": "print", "text": "main end"}]
    coroutines = [
        job(ending),
        {"name": "ticker", "steps": [
            {"op": "print", "text": "tick 1"}, {"op": "sleep", "seconds": 0},
            {"op": "print", "text": "tick 2"}, {"op": "sleep", "seconds": 0},
            {"op": "print", "text": "tick 3"}]},
        {"name": "quick", "steps": [{"op": "sleep", "seconds": 0.25},
                                    {"op": "print", "text": "quick end"}]},
        {"name": "killer", "params": ["victim"], "steps": [
            {"op": "sleep", "seconds": 0.75}, {"op": "cancel", "task": "victim"}]},
        {"name": "watcher", "params": ["target", "who"], "steps": [
            caught([{"op": "await", "task": "target"}], "watcher {who}")]},
        {"name": "main", "steps": main},
    ]
    return {"format": "loopscope-scenario", "version": 1, "title": f"{op} of a {state} task",
            "coroutines": coroutines}


def main():
    for state in STATES:
        for op in OPS:
            path = os.path.join(HERE, f"{op}-{state}.loop.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(scenario(state, op), f, indent=1)
                f.write("\n")


if __name__ == "__main__":
    main()
