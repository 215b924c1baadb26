"""Reading what a fidelity program printed and what an expected file promises.

Both become a Run: outcome, optional error type, duration and the prints in order, each print
a (time, lane, text) triple. Expected files (tests/examples/expected/*.txt) hold one fact a line:
    outcome completed
    duration 3.000
    error ExceptionGroup          (only for a failed outcome)
    print 0.000 access_resource-1 Accessing resource 0
    warning 0.000 main RuntimeWarning: coroutine 'fetch' was never awaited
"""
import dataclasses
import os
import subprocess
import sys


@dataclasses.dataclass
class Run:
    outcome: str = ""
    duration: float = -1.0
    error: str = ""
    prints: list = dataclasses.field(default_factory=list)
    warnings: list = dataclasses.field(default_factory=list)  # (time, lane, text), as prints


def split_print(rest):
    """"0.500 main text" -> (0.5, "main", "text"); the event loop's lane is two words."""
    time, rest = rest.split(" ", 1)
    if rest.startswith("event loop "):
        return float(time), "event loop", rest[len("event loop "):]
    lane, text = rest.split(" ", 1) if " " in rest else (rest, "")
    return float(time), lane, text


def run_program(program, scale):
    """Runs a fidelity program at `scale`; returns its Run and its raw output."""
    env = dict(os.environ, LOOPSCOPE_SCALE=str(scale), PYTHONUNBUFFERED="1")
    done = subprocess.run([sys.executable, program], env=env, capture_output=True, text=True,
                          cwd=os.path.dirname(os.path.abspath(program)), timeout=600)
    run = Run()
    for line in done.stdout.splitlines():
        if line.startswith("OUTCOME "):
            _, run.outcome, duration = line.split(" ", 2)
            run.duration = float(duration)
        elif line.startswith("ERROR "):
            run.error = line.split(" ", 1)[1]
        elif line.startswith("WARNING "):
            _, time, lane, text = line.split(" ", 3)
            run.warnings.append((float(time), lane, text))
        elif line.startswith(("MAIN_END ", "TASK ", "ERROR_TEXT ")):
            continue  # differential_harness.py's, for differential.py (run_exported --virtual)
        elif line.strip():
            run.prints.append(split_print(line))
    return run, done.stdout + done.stderr


def read_expected(path):
    run = Run()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            key, _, rest = line.partition(" ")
            if key == "outcome":
                run.outcome = rest
            elif key == "duration":
                run.duration = float(rest)
            elif key == "error":
                run.error = rest
            elif key in ("print", "warning"):
                (run.prints if key == "print" else run.warnings).append(split_print(rest))
    return run


def format_expected(run):
    lines = [f"outcome {run.outcome}", f"duration {run.duration:.3f}"]
    if run.error:
        lines.append(f"error {run.error}")
    lines += [f"print {t:.3f} {lane} {text}" for t, lane, text in run.prints]
    lines += [f"warning {t:.3f} {lane} {text}" for t, lane, text in run.warnings]
    return "\n".join(lines) + "\n"
