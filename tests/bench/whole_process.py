#!/usr/bin/env python3
"""Whole-process speed, as a user runs it: `loopscope run --quiet FILE` against CPython running
the same asyncio program (`pythonX FILE.py`), each timed from process start to exit, best of
--repeat runs, in this one run of the script so that both see the same machine.

Workloads: TASKS tasks each doing SLEEPS awaits of asyncio.sleep(0) (task switches through the
ready queue) and of asyncio.sleep(0.001) (the timer heap). Loopscope runs on its virtual clock
with every state change recorded; CPython runs its own loop on the wall clock, so its timer
workload also waits for real time when the loop runs ahead of its timers (rarely, at this size).

Usage: whole_process.py LOOPSCOPE [--python python3.12 ...] [--tasks N] [--sleeps N] [--repeat N]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

PROGRAM = """import asyncio
async def worker():
    for _ in range({sleeps}):
        await asyncio.sleep({seconds})
async def main():
    async with asyncio.TaskGroup() as tg:
        for _ in range({tasks}):
            tg.create_task(worker())
asyncio.run(main())
"""


def scenario(tasks, sleeps, seconds):
    return {
        "format": "loopscope-scenario", "version": 1, "title": "bench",
        "coroutines": [
            {"name": "worker", "steps": [
                {"op": "repeat", "count": sleeps, "steps": [{"op": "sleep", "seconds": seconds}]}]},
            {"name": "main", "steps": [
                {"op": "task_group", "steps": [
                    {"op": "repeat", "count": tasks, "steps": [{"op": "create_task", "coro": "worker"}]}]}]}]}


def best_of(command, repeat):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("loopscope")
    parser.add_argument("--python", action="append", default=None)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--sleeps", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pythons = args.python or ["python3"]
    with tempfile.TemporaryDirectory() as folder:
        for seconds in (0, 0.001):
            stem = os.path.join(folder, f"sleep-{seconds}")
            with open(stem + ".loop.json", "w") as f:
                json.dump(scenario(args.tasks, args.sleeps, seconds), f)
            with open(stem + ".py", "w") as f:
                f.write(PROGRAM.format(tasks=args.tasks, sleeps=args.sleeps, seconds=seconds))
            ours = best_of([args.loopscope, "run", stem + ".loop.json", "--quiet"], args.repeat)
            print(f"{args.tasks} tasks x {args.sleeps} sleep({seconds}): "
                  f"loopscope run {ours:.3f} s", flush=True)
            for python in pythons:
                theirs = best_of([python, stem + ".py"], args.repeat)
                print(f"    {python}: {theirs:.3f} s, loopscope is {theirs / ours:.1f}x faster",
                      flush=True)


if __name__ == "__main__":
    sys.exit(main())
