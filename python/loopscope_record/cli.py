"""python -m loopscope_record [--virtual] [--stream] [--out TRACE.json]... PROGRAM.py [ARGS...]

Runs PROGRAM.py as `python PROGRAM.py ARGS...` would, recording it, and writes the trace to each
--out: Loopscope's binary trace when its name ends in .lstrace, else JSON (recording.write);
--stream rewrites it every 0.2 s while the program runs (stream.py). Exit status: 0 completed,
1 failed (the program raised or exited non-zero), 2 usage, 3 deadlock (--virtual only: nothing
left to run and no timer), 4 stopped (SIGTERM).
"""
import gc
import os
import runpy
import sys
import traceback

from . import hooks as hooks_module
from . import patches, stream, unseen, virtual
from .recording import Recording

USAGE = ("usage: python -m loopscope_record [--virtual] [--stream] [--out TRACE.json]... "
         "PROGRAM.py [ARGS...]\n")


def _parse(argv):
    options = {"virtual": False, "stream": False, "out": []}
    while argv and argv[0].startswith("-"):
        flag = argv.pop(0)
        if flag == "--virtual":
            options["virtual"] = True
        elif flag == "--stream":
            options["stream"] = True
        elif flag == "--out" and argv:
            options["out"].append(argv.pop(0))
        elif flag == "--":
            break
        else:
            raise ValueError(f"unknown option {flag}" if flag != "--out" else "--out needs a value")
    if not argv:
        raise ValueError("expected a PROGRAM.py")
    program = argv[0]
    options["out"] = options["out"] or [os.path.splitext(os.path.basename(program))[0]
                                        + ".trace.json"]
    return options, argv


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        options, program_argv = _parse(argv)
    except ValueError as exc:
        sys.stderr.write(f"loopscope record: {exc}\n{USAGE}")
        return 2
    program = program_argv[0]
    clock = virtual.Clock(options["virtual"])
    recording = Recording(os.path.basename(program),
                          "cpython-virtual" if clock.virtual else "cpython")
    if not os.path.isfile(program):
        # As python would say it; the trace says the program never started (exit 2: usage).
        sys.stderr.write(f"loopscope record: {program}: no such file\n")
        _not_started(recording, f"can't open file {program!r}: [Errno 2] No such file or "
                     "directory")
        _write(recording, options["out"])
        return 2
    hooks = hooks_module.Hooks(recording, clock)
    patches.install(hooks)
    unseen.install(hooks, recording)
    if clock.virtual:
        virtual.install(clock, hooks)
    sys.argv = program_argv
    sys.path[0] = os.path.dirname(os.path.abspath(program))
    snapshots = stream.Snapshots(recording, clock, options["out"]) if options["stream"] else None
    clock.on_hang = lambda: _hang(recording, hooks, clock, options["out"], snapshots)
    stream.stop_on_sigterm()
    if snapshots:
        snapshots.start()
    _run(program, recording, hooks)
    return _finish(recording, hooks, clock, options["out"], snapshots)


def _hang(recording, hooks, clock, out, snapshots):
    recording.status = "deadlock"
    recording.error = _deadlock_text(hooks)
    _finish(recording, hooks, clock, out, snapshots)


def _not_started(recording, error):
    recording.status, recording.error = "failed", error
    recording.diagnostic(0.0, None, "not-started",
                         "the program did not start: nothing of it was recorded", "error")


def _run(program, recording, hooks):
    try:  # compiled once first: a program that cannot compile never started
        with open(program, "rb") as f:
            compile(f.read(), program, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, OSError) as exc:
        _not_started(recording, _error_text(exc))
        traceback.print_exc(limit=0)
        return
    try:
        # As `python3 PROGRAM.py` does (3.9+): the script's __file__ is absolute.
        runpy.run_path(os.path.abspath(program), run_name="__main__")
    except stream.Stopped:
        recording.status = "stopped"
        recording.error = "stopped: the program was ended (SIGTERM) before it finished"
    except virtual.Hang:
        recording.status = "deadlock"
        recording.error = _deadlock_text(hooks)
    except SystemExit as exc:
        if exc.code not in (None, 0):
            recording.status = "failed"
            recording.error = f"SystemExit: {exc.code}"
    except BaseException as exc:  # noqa: BLE001 - the program's outcome is what is recorded
        recording.status = "failed"
        recording.error = _error_text(exc)
        _raised_outside_loop(recording, hooks)
        traceback.print_exc()


def _error_text(exc):
    text = str(exc)
    return type(exc).__name__ + (f": {text}" if text else "")


def _raised_outside_loop(recording, hooks):
    """An exception raised at the top level before any task ran, or after main ended well,
    belongs to no lane: the trace says where it came from."""
    root = hooks.root
    if root is None:
        if not any(d[3] == "steps-not-visible" for d in recording.diagnostics):
            recording.diagnostic(hooks.clock.now(), None, "raised-outside-loop",
                                 f"{recording.error} was raised before any asyncio task ran: "
                                 "no lane saw it", "error")
    elif root.result == "done":
        recording.diagnostic(hooks.clock.now(), None, "raised-outside-loop",
                             f"{recording.error} was raised after the event loop ended "
                             "(main returned): no lane saw it", "error")


def _finish(recording, hooks, clock, out, snapshots=None):
    if snapshots:
        snapshots.stop()
    recording.duration = clock.now()
    if recording.status != "deadlock":
        gc.collect()  # a task's exception never retrieved is reported when it is collected
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    if recording.writer_pid != os.getpid():  # a forked child: the trace is its parent's
        return {"completed": 0, "failed": 1, "deadlock": 3, "stopped": 4}[recording.status]
    _write(recording, out)
    status = {"completed": 0, "failed": 1, "deadlock": 3, "stopped": 4}[recording.status]
    if recording.status == "deadlock":
        os._exit(status)  # asyncio.run would now cancel the stuck tasks and run them on
    return status


def _write(recording, outs):
    for path in outs:
        recording.write(path)


def _deadlock_text(hooks):
    """`deadlock: A waits for r held by B, ...` for the tasks blocked on held resources."""
    waits = []
    for lane in hooks.rec.lanes:
        last = lane.last()
        if lane.kind != "task" or lane.result is not None or last is None:
            continue
        _t, state, on = last
        holders = [h for h in hooks.holders.get(on, []) if h is not lane]
        if state == "blocked" and holders:
            waits.append(f"{lane.name} waits for {on} held by {holders[0].name}")
    return "deadlock: " + ", ".join(waits) if waits else "deadlock: every task waits, no timer"
