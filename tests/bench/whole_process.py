#!/usr/bin/env python3
"""Loopscope at scale, in one run, each figure a ratio against its baseline measured in that run.

1. Whole-process speed, as a user runs it: `loopscope run --quiet FILE` against CPython (3.12 by
   default) running the same asyncio program, each a fresh process (a cold start every time),
   timed from start to exit. Workloads: TASKS tasks each awaiting asyncio.sleep(0) SLEEPS times
   (task switches through the ready queue), and the same with asyncio.sleep(0.001) (the timer
   heap). Loopscope runs on its virtual clock recording every state change; CPython runs its own
   loop on the wall clock. --before LOOPSCOPE adds another build, for before/after in one run.
2. The timeline at scale (--timeline BENCH_TIMELINE_PAINT, found next to LOOPSCOPE's build when
   not given): opening a 10 M-span binary trace to its first frame (budget 2 s) and the worst
   median frame over the zoom levels, folded or not (budget 16 ms).
3. --big: a run of BIG_TASKS x BIG_SLEEPS sleep(0) (2 state changes a sleep: 100 M by default),
   its time, exit status and peak memory per state change (budget 16 bytes), quiet and then
   writing its binary trace.

Times are wall clock and CPU time (user + system, from the child's own rusage): on a machine
shared with others the wall clock also counts the time they hold the cores, so the CPU ratio
is the steadier one. Each figure is the best of --repeat runs, the runs of the compared
programs interleaved so that both see the same load.

Usage: whole_process.py LOOPSCOPE [--python PY]... [--before LOOPSCOPE] [--tasks N] [--sleeps N]
       [--repeat N] [--timeline BENCH] [--no-timeline] [--big [--big-tasks N --big-sleeps N]]
"""
import argparse
import glob
import json
import os
import shutil
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

STATE_CHANGES_PER_SLEEP = 2  # running -> ready (or waiting) -> running
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def scenario(tasks, sleeps, seconds):
    return {
        "format": "loopscope-scenario", "version": 1, "title": "bench",
        "coroutines": [
            {"name": "worker", "steps": [
                {"op": "repeat", "count": sleeps, "steps": [{"op": "sleep", "seconds": seconds}]}]},
            {"name": "main", "steps": [
                {"op": "task_group", "steps": [
                    {"op": "repeat", "count": tasks, "steps": [{"op": "create_task", "coro": "worker"}]}]}]}]}


class Timing:
    """Wall and CPU seconds of a child process, its peak RSS and exit status."""

    def __init__(self, command):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
        _, status, usage = os.wait4(child.pid, 0)
        self.wall = time.perf_counter() - start
        self.cpu = usage.ru_utime + usage.ru_stime
        self.max_rss = usage.ru_maxrss * 1024  # bytes (Linux reports KiB)
        self.status = os.waitstatus_to_exitcode(status)
        self.stderr = child.stderr.read().decode(errors="replace")
        child.stderr.close()


def best_of(commands, repeat):
    """Best wall and best CPU seconds of each command, the runs interleaved, in turn forwards
    and backwards."""
    best = [[float("inf"), float("inf")] for _ in commands]
    for round_ in range(repeat):
        order = list(enumerate(commands))
        for i, command in order if round_ % 2 == 0 else reversed(order):  # none always first
            timing = Timing(command)
            if timing.status != 0:
                sys.exit(f"{' '.join(command)} exited with {timing.status}:\n{timing.stderr}")
            best[i] = [min(best[i][0], timing.wall), min(best[i][1], timing.cpu)]
    return best


def find_python(name):
    """A python3.12 that runs (a pyenv shim may exist without that version selected)."""
    for candidate in [shutil.which(name)] + sorted(glob.glob(f"/root/.pyenv/versions/*/bin/{name}")):
        if candidate and subprocess.run([candidate, "-c", "pass"], capture_output=True).returncode == 0:
            return candidate
    sys.exit(f"no working {name} found")


def whole_process(args, folder):
    pythons = [find_python(p) for p in (args.python or ["python3.12"])]
    builds = [("loopscope", args.loopscope)] + ([("before", args.before)] if args.before else [])
    for seconds in (0, 0.001):
        stem = os.path.join(folder, f"sleep-{seconds}")
        with open(stem + ".loop.json", "w") as f:
            json.dump(scenario(args.tasks, args.sleeps, seconds), f)
        with open(stem + ".py", "w") as f:
            f.write(PROGRAM.format(tasks=args.tasks, sleeps=args.sleeps, seconds=seconds))
        commands = [[binary, "run", stem + ".loop.json", "--quiet"] for _, binary in builds]
        commands += [[python, stem + ".py"] for python in pythons]
        best = best_of(commands, args.repeat)
        print(f"{args.tasks} tasks x {args.sleeps} sleep({seconds}), best of {args.repeat}:")
        for (name, _), (wall, cpu) in zip(builds, best):
            print(f"  {name:10} {wall:7.3f} s wall {cpu:7.3f} s CPU")
        for python, (wall, cpu) in zip(pythons, best[len(builds):]):
            print(f"  {os.path.basename(python):10} {wall:7.3f} s wall {cpu:7.3f} s CPU")
            for (name, _), (ours_wall, ours_cpu) in zip(builds, best):
                print(f"    {name} is {wall / ours_wall:5.1f}x faster (wall), "
                      f"{cpu / ours_cpu:5.1f}x (CPU); the goal is 50x")
        sys.stdout.flush()


def timeline(args):
    bench = args.timeline
    if not bench:
        build = os.path.dirname(os.path.dirname(os.path.abspath(args.loopscope)))
        bench = os.path.join(build, "tests", "bench", "bench_timeline_paint")
    if not os.path.exists(bench):
        print(f"timeline: {bench} not built (cmake --build BUILD --target bench_timeline_paint)")
        return
    figures = {}
    worst = None
    for part in ("open", "folds"):
        out = subprocess.run([bench, part], capture_output=True, text=True, env=ENV, check=True).stdout
        for line in out.splitlines():
            if line.startswith("figure "):
                _, name, wall, cpu = line.split()
                figures[name] = (float(wall), float(cpu))
            if line.startswith("worst median frame"):
                worst = line
    print("10 M spans over 100,000 lanes (bench_timeline_paint):")
    if "open_10M" in figures:
        wall, cpu = figures["open_10M"]
        print(f"  open to the first frame {wall:7.0f} ms wall {cpu:7.0f} ms CPU: "
              f"{wall / 2000:.2f} (wall) and {cpu / 2000:.2f} (CPU) of the 2 s budget")
    for zoom in ("fit", "second", "10ms", "100us"):
        for kind in ("unfolded", "folded"):
            name = f"paint_{kind}_{zoom}"
            if name in figures:
                wall, cpu = figures[name]
                print(f"  {name:24} median {wall:6.2f} ms wall {cpu:6.2f} ms CPU: "
                      f"{wall / 16:.2f} (wall) and {cpu / 16:.2f} (CPU) of the 16 ms budget")
    if worst:
        print("  " + worst)
    sys.stdout.flush()


def big_run(args, folder):
    changes = args.big_tasks * args.big_sleeps * STATE_CHANGES_PER_SLEEP
    path = os.path.join(folder, "big.loop.json")
    with open(path, "w") as f:
        json.dump(scenario(args.big_tasks, args.big_sleeps, 0), f)
    tiny = os.path.join(folder, "tiny.loop.json")
    with open(tiny, "w") as f:
        json.dump(scenario(1, 1, 0), f)
    base = Timing([args.loopscope, "run", tiny, "--quiet"])  # the fixed base: a run of nothing
    timing = Timing([args.loopscope, "run", path, "--quiet"])
    print(f"{args.big_tasks} tasks x {args.big_sleeps} sleep(0): {changes / 1e6:.0f} M state changes")
    print(f"  {timing.wall:.1f} s wall {timing.cpu:.1f} s CPU, peak RSS {timing.max_rss / 2**20:.0f} MiB "
          f"(a run of one task: {base.max_rss / 2**20:.0f} MiB)")
    if timing.status != 0:
        print(f"  DID NOT COMPLETE: exit status {timing.status}"
              f"{' (stopped, at a limit)' if timing.status == 4 else ''}; no per-change figures")
        return
    per_change = (timing.max_rss - base.max_rss) / changes
    print(f"  {timing.cpu / changes * 1e9:.0f} ns CPU a state change; {per_change:.1f} bytes a state "
          f"change above the base ({per_change / 16:.2f} of the 16-byte budget)")
    # The same run writing its binary trace: the loop's insides are built too (packed) and the
    # file is written as it is made; the budget holds for this one as well.
    traced = Timing([args.loopscope, "run", path, "--quiet", "--trace", os.path.join(folder, "big.lstrace")])
    if traced.status != 0:
        print(f"  traced: DID NOT COMPLETE: exit status {traced.status}")
        return
    per_change = (traced.max_rss - base.max_rss) / changes
    print(f"  traced (--trace big.lstrace): {traced.wall:.1f} s wall {traced.cpu:.1f} s CPU, peak RSS "
          f"{traced.max_rss / 2**20:.0f} MiB, {per_change:.1f} bytes a state change above the base "
          f"({per_change / 16:.2f} of the 16-byte budget)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("loopscope")
    parser.add_argument("--python", action="append", default=None)
    parser.add_argument("--before", help="another loopscope build, timed beside LOOPSCOPE")
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--sleeps", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeline", help="bench_timeline_paint (default: next to LOOPSCOPE)")
    parser.add_argument("--no-timeline", action="store_true")
    parser.add_argument("--big", action="store_true", help="the 100 M state-change run")
    parser.add_argument("--big-tasks", type=int, default=10_000)
    parser.add_argument("--big-sleeps", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        whole_process(args, folder)
        if not args.no_timeline:
            timeline(args)
        if args.big:
            big_run(args, folder)


if __name__ == "__main__":
    sys.exit(main())
