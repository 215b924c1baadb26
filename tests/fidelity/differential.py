#!/usr/bin/env python3
"""Differential testing: Loopscope's runtime against CPython's asyncio on random scenarios.

    differential.py LOOPSCOPE [--seeds 0-199] [--python PY] [--clock virtual|wall]
                    [--scale 0.03] [--jobs 2] [--keep DIR]

For each seed, differential_scenarios.py writes a scenario; `LOOPSCOPE run` runs it on the
virtual clock and exports its Python program; that program runs under CPython through
differential_harness.py; then prints (time, lane, text, in order), the outcome (status, error
type, duration) and every task's end (done / failed / cancelled / pending) are compared.
CPython is the reference.

--clock virtual (the default) runs CPython's asyncio unchanged on a virtual clock (see
differential_harness.py): exact times, exactly reproducible, so prints are compared in order and
their times to 1e-3 s. --clock wall runs it on the real clock at --scale; timers of different
tasks due at one instant may then fire in either order, so prints are compared in order only
across times more than --tolerance apart, and as a set within one instant.
Exit status 0 when every seed agreed. Mismatching scenarios stay in --keep (default /tmp).
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from differential_scenarios import scenario_json, value_texts
from differential_semantics import Semantics
from fidelity_output import split_print

HERE = os.path.dirname(os.path.abspath(__file__))


def newest_python():
    """CPython 3.12+ is the reference (3.11 differs for wait_for). 3.12 first: 3.13.0's
    create_task names a task "None" after a task factory made it (fixed in 3.13.1)."""
    for version in ("3.12", "3.13"):
        found = shutil.which(f"python{version}")
        if found and subprocess.run([found, "-c", ""], capture_output=True).returncode == 0:
            return found
        pyenv = os.path.expanduser(f"~/.pyenv/versions")
        if os.path.isdir(pyenv):
            for name in sorted(os.listdir(pyenv), reverse=True):
                if name.startswith(version + "."):
                    return os.path.join(pyenv, name, "bin", "python3")
    return sys.executable


def loopscope_side(trace_path):
    """Prints, outcome and task ends as the Loopscope trace has them."""
    with open(trace_path, encoding="utf-8") as f:
        trace = json.load(f)
    lanes = {lane["id"]: lane for lane in trace["lanes"]}
    prints = [(event["t"], lanes[event["lane"]]["name"], event["text"])
              for event in trace["events"] if event["kind"] == "print"]
    tasks = sorted((lane["name"], lane.get("result", "?")) for lane in trace["lanes"]
                   if lane["kind"] == "task")
    error = trace["outcome"].get("error") or ""
    main = next(lane for lane in trace["lanes"] if lane["name"] == "main")
    main_end = max((span["end"] for span in main["spans"]), default=trace["duration"])
    ended = main.get("result", "pending") != "pending"  # a deadlock may come after, at shutdown
    return {"outcome": trace["outcome"]["status"], "error": error_type(error),
            "error_text": error,
            "duration": trace["duration"], "prints": prints, "tasks": tasks,
            "shutdown": sum(1 for p in prints if p[0] >= main_end - 1e-9) if ended else 0}


def error_type(text):
    match = re.match(r"\s*([A-Za-z_][A-Za-z0-9_.]*)", text or "")
    return match.group(1).split(".")[-1] if match else ""


def cpython_side(stdout):
    side = {"outcome": "", "error": "", "error_text": "", "duration": -1.0, "prints": [],
            "tasks": [],
            "shutdown": 0}
    main_end = float("inf")
    for line in stdout.splitlines():
        key, _, rest = line.partition(" ")
        if key == "OUTCOME":
            side["outcome"], duration = rest.split(" ")
            side["duration"] = float(duration)
        elif key == "ERROR":
            side["error"] = rest
        elif key == "ERROR_TEXT":
            side["error_text"] = rest
        elif key == "MAIN_END":
            main_end = float(rest)
        elif key == "TASK":
            side["tasks"].append(tuple(rest.split(" ")))
        elif key == "WARNING" or not line.strip():
            continue
        else:
            side["prints"].append(split_print(line))
    side["tasks"].sort()
    side["shutdown"] = sum(1 for p in side["prints"] if p[0] >= main_end - 1e-9)
    return side


def wrap(exported, clock):
    text, count = re.subn(r"^SCALE = 1\.0$",
                          'SCALE = float(__import__("os").environ["LOOPSCOPE_SCALE"])',
                          exported, count=1, flags=re.M)
    if count != 1:
        raise RuntimeError("the exported program has no `SCALE = 1.0` line")
    return (f"import sys\nsys.path.insert(0, {HERE!r})\nimport differential_harness  # noqa\n"
            + text)


def run_cpython(program, args):
    scale = 1.0 if args.clock == "virtual" else args.scale
    env = dict(os.environ, LOOPSCOPE_SCALE=str(scale), LOOPSCOPE_DIFF_CLOCK=args.clock,
               PYTHONUNBUFFERED="1", LOOPSCOPE_WATCH_DEADLOCK="0")
    done = subprocess.run([args.python, program], env=env, capture_output=True, text=True,
                          timeout=120)
    return done.stdout, done.stderr


def line_of(p):
    return f"{p[0]:.3f} {p[1]} {p[2]}"


def unordered_shutdown(side):
    """The prints, those from the instant main ended on sorted: asyncio.run cancels the tasks
    left in the order of a set of weak references, which depends on addresses. (The trace
    does not say which prints of that instant came before main's end, so all are sorted.)"""
    cut = len(side["prints"]) - side["shutdown"]
    return side["prints"][:cut] + sorted(side["prints"][cut:])


def compare_prints(ours, theirs, tolerance, strict_order):
    """The first difference between the two print lists, or None."""
    if not strict_order:  # wall clock: one instant's prints as a set, ordered by time
        ours = sorted(ours, key=lambda p: (round(p[0] / (2 * tolerance)), p[1], p[2]))
        theirs = sorted(theirs, key=lambda p: (round(p[0] / (2 * tolerance)), p[1], p[2]))
    for i, (a, b) in enumerate(zip(ours, theirs)):
        if a[1:] != b[1:] or abs(a[0] - b[0]) > tolerance:
            return f"print #{i}: loopscope `{line_of(a)}`, cpython `{line_of(b)}`"
    if len(ours) != len(theirs):
        i = min(len(ours), len(theirs))
        extra = ours[i] if len(ours) > i else theirs[i]
        who = "loopscope" if len(ours) > i else "cpython"
        return f"print #{i}: only {who} printed `{line_of(extra)}`"
    return None


def compare(ours, theirs, tolerance, strict_order):
    """Differences, most telling first; empty when the runs agree."""
    problems = []
    if ours["outcome"] != theirs["outcome"] or (ours["outcome"] == "failed"
                                                and ours["error"] != theirs["error"]):
        problems.append(f"outcome: loopscope {ours['outcome']} {ours['error']}, "
                        f"cpython {theirs['outcome']} {theirs['error']}")
    elif ours["outcome"] == "failed" and ours["error_text"] != theirs["error_text"]:
        problems.append(f"error text: loopscope `{ours['error_text']}`, "
                        f"cpython `{theirs['error_text']}`")
    first = compare_prints(unordered_shutdown(ours), unordered_shutdown(theirs), tolerance,
                           strict_order)
    if first:
        problems.append(first)
    if ours["tasks"] != theirs["tasks"]:
        diff = sorted(set(ours["tasks"]) ^ set(theirs["tasks"]))
        problems.append(f"task ends differ: loopscope {sorted(set(ours['tasks']) - set(theirs['tasks']))}"
                        f", cpython {sorted(set(theirs['tasks']) - set(ours['tasks']))}"
                        if diff else "task ends: same set, different counts")
    if ours["outcome"] != "deadlock" and abs(ours["duration"] - theirs["duration"]) > tolerance:
        problems.append(f"duration: loopscope {ours['duration']:.3f}, "
                        f"cpython {theirs['duration']:.3f}")
    return problems


def wrong_values(ours, theirs, expected):
    """Value prints ("v3=0.27") that differ from Python's str() of the value the file holds:
    both sides agree when the export writes a value wrongly, this does not."""
    problems = []
    for who, side in (("loopscope", ours), ("cpython", theirs)):
        for _, _, text in side["prints"]:
            label = text.partition("=")[0]
            if label in expected and text != expected[label]:
                problems.append(f"value: {who} printed `{text}`, Python's str() gives "
                                f"`{expected[label]}`")
    return problems


def check_seed(seed, args):
    """Runs one seed; returns (seed, problems, kept scenario path or None, CPython's outcome)."""
    if isinstance(seed, str):  # --files: a scenario file of its own
        with open(seed, encoding="utf-8") as f:
            return check_scenario(seed, os.path.basename(seed), f.read(), args)
    if args.stream == "semantics":
        return check_scenario(seed, f"seed-{seed}.loop.json",
                              json.dumps(Semantics(seed).scenario(), indent=1), args)
    return check_scenario(seed, f"seed-{seed}.loop.json",
                          scenario_json(seed, not args.no_zero_timeouts, not args.no_params,
                                        not args.no_task_states, not args.no_values,
                                        not args.no_flow, not args.no_prims, not args.no_mixed),
                          args)


def check_scenario(seed, name, text, args):
    with tempfile.TemporaryDirectory(prefix="diff-") as tmp:
        scenario = os.path.join(tmp, name)
        with open(scenario, "w", encoding="utf-8") as f:
            f.write(text)
        trace, exported = os.path.join(tmp, "trace.json"), os.path.join(tmp, "exported.py")
        done = subprocess.run([args.loopscope, "run", scenario, "--virtual", "--quiet",
                               "--trace", trace, "--export", exported],
                              capture_output=True, text=True, timeout=120)
        if not os.path.exists(trace) or not os.path.exists(exported):
            return seed, [f"loopscope run failed: {(done.stdout + done.stderr).strip()[:300]}"], \
                keep(scenario, seed, args), "?"
        ours = loopscope_side(trace)
        if ours["outcome"] == "deadlock" and args.clock == "wall":
            return seed, [], None, "skipped (deadlock: CPython would hang)"
        program = os.path.join(tmp, "program.py")
        with open(exported, encoding="utf-8") as f, open(program, "w", encoding="utf-8") as out:
            out.write(wrap(f.read(), args.clock))
        try:
            stdout, stderr = run_cpython(program, args)
        except subprocess.TimeoutExpired:
            return seed, ["cpython did not finish in 120 s"], keep(scenario, seed, args), "?"
        if "OUTCOME" not in stdout:
            return seed, [f"cpython run broke: {stderr.strip()[-300:]}"], keep(scenario, seed, args), "?"
        theirs = cpython_side(stdout)
        problems = compare(ours, theirs, args.tolerance, args.clock == "virtual")
        if not isinstance(seed, str) and args.stream == "main":  # a generated seed knows what its value prints read
            problems += wrong_values(ours, theirs, value_texts(
                seed, not args.no_zero_timeouts, not args.no_params, not args.no_task_states,
                not args.no_values, not args.no_flow, not args.no_prims, not args.no_mixed))
        return seed, problems, keep(scenario, seed, args) if problems else None, theirs["outcome"]


def keep(scenario, seed, args):
    os.makedirs(args.keep, exist_ok=True)
    path = os.path.join(args.keep, os.path.basename(seed) if isinstance(seed, str)
                        else f"diff-seed-{seed}.loop.json")
    shutil.copyfile(scenario, path)
    return path


def seed_range(text):
    seeds = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        seeds += range(int(first), int(last or first) + 1)
    return seeds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("loopscope")
    parser.add_argument("--seeds", type=seed_range, default=seed_range("0-99"))
    parser.add_argument("--python", default=None)
    parser.add_argument("--clock", choices=["virtual", "wall"], default="virtual")
    parser.add_argument("--scale", type=float, default=0.03)
    parser.add_argument("--tolerance", type=float, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-zero-timeouts", action="store_true",
                        help="no wait_for with a timeout of 0")
    parser.add_argument("--no-params", action="store_true",
                        help="no coroutine with parameters: the scenarios of seeds as they were "
                             "before it (the seeds README.md names)")
    parser.add_argument("--no-task-states", action="store_true",
                        help="no tasks awaited in every state, no shutting-down task group, "
                             "no exceptions beyond ValueError/TimeoutError/CancelledError: the "
                             "scenarios of seeds as they were before issue 14")
    parser.add_argument("--files", nargs="+", default=None,
                        help="compare these scenario files instead of generated seeds")
    parser.add_argument("--no-values", action="store_true",
                        help="no values through text and tasks through queues: the scenarios "
                             "of seeds as they were before them")
    parser.add_argument("--no-flow", action="store_true",
                        help="no values through awaits, expressions, control flow, globals or "
                             "program (differential_flow.py): the scenarios of seeds as they "
                             "were before issue 15")
    parser.add_argument("--no-prims", action="store_true",
                        help="no wait, as_completed, shield, condition, barrier, timeout block, "
                             "loop callbacks or nowait queue ops (differential_prims.py): the "
                             "scenarios of seeds as they were before them")
    parser.add_argument("--no-mixed", action="store_true",
                        help="no real programs' shapes mixed into main and the workers "
                             "(differential_mixed.py): the scenarios of seeds as they were "
                             "before them")
    parser.add_argument("--stream", choices=["main", "semantics"], default="main",
                        help="main: the scenarios the --no-* options shape; semantics: "
                             "differential_semantics.py's programs of semantic corners (finished "
                             "tasks, cancelled waiters, task groups, errors, numbers), a stream "
                             "of their own")
    parser.add_argument("--keep", default=os.path.join(tempfile.gettempdir(), "differential"))
    args = parser.parse_args()
    args.python = args.python or newest_python()
    if args.tolerance is None:
        args.tolerance = 0.001 if args.clock == "virtual" else 0.05
    if args.files:
        args.seeds = args.files
    mismatches = 0
    outcomes = collections.Counter()
    with concurrent.futures.ThreadPoolExecutor(max(1, min(args.jobs, 2))) as pool:
        for seed, problems, kept, outcome in pool.map(lambda s: check_seed(s, args), args.seeds):
            outcomes[outcome] += 1
            if problems:
                mismatches += 1
                print(f"seed {seed}: MISMATCH ({kept})\n    " + "\n    ".join(problems))
    print(f"differential ({args.clock} clock, {args.python}): {len(args.seeds)} seeds, "
          f"{len(args.seeds) - mismatches} agree, {mismatches} mismatch; CPython's outcomes: "
          + ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items())))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
