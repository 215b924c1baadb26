#!/usr/bin/env python3
"""A change to the recorder's speed must not change what it writes: every lesson's exported
program, recorded with --virtual by another loopscope_record (e.g. the last commit's, from
`git archive HEAD python/loopscope_record | tar -x -C DIR`) and by this one, byte for byte.

    python3 tests/bench/same_traces.py LOOPSCOPE OTHER_PYTHON_DIR [--python PY]
    python3 tests/bench/same_traces.py --writer OTHER_PYTHON_DIR PROGRAM.py [ARGS...]

The second form records PROGRAM once on the real clock (not reproducible from run to run) and
writes its trace with both writers (writing.py), in one process: the same text? It reaches the
fast path, which virtual lessons seldom take (bench_record.py's programs are good ones).
(As the fast writer was checked when it replaced json.dumps; by hand, not a ctest: 25 lessons
recorded twice take a minute.) Exit status 0 when every trace is the same, 1 otherwise.
"""
import argparse
import filecmp
import glob
import importlib.util
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def record(python, recorder, program, out):
    env = dict(os.environ, PYTHONPATH=recorder)
    subprocess.run([python, "-m", "loopscope_record", "--virtual", "--out", out, program],
                   env=env, capture_output=True, timeout=120, check=False)


def same_writer(other, argv):
    sys.path.insert(0, os.path.join(REPO, "python"))
    from loopscope_record import cli, recording, writing

    spec = importlib.util.spec_from_file_location(
        "loopscope_record.other_writing", os.path.join(other, "loopscope_record", "writing.py"))
    theirs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(theirs)
    same = []

    class Theirs:
        """The recording as an older writer reads it: its events a list of tuples, a wake
        (t, lane, "wake", by, via) (before Recording.event_list, wakes were kept so)."""

        def __init__(self, rec):
            self._rec = rec
            self.events = rec.event_list() if hasattr(rec, "event_list") else rec.events

        def __getattr__(self, name):
            return getattr(self._rec, name)

    def write(rec, _path, *_args, **_kwargs):
        texts = [w.trace_text(r, rec.duration, rec.status, rec.error)
                 for w, r in ((writing, rec), (theirs, Theirs(rec)))]
        same.append(texts[0] == texts[1])
        print(f"{'same' if same[-1] else 'DIFFERENT'}: {len(texts[0])} bytes", file=sys.stderr)

    recording.Recording.write = write
    with tempfile.TemporaryDirectory() as tmp:
        cli.main(["--out", os.path.join(tmp, "trace.json")] + argv)
    return 0 if same and all(same) else 1


def main():
    if sys.argv[1:2] == ["--writer"]:
        return same_writer(sys.argv[2], sys.argv[3:])
    parser = argparse.ArgumentParser()
    parser.add_argument("loopscope")
    parser.add_argument("other", help="the folder holding the other loopscope_record")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    differ = []
    lessons = sorted(glob.glob(os.path.join(REPO, "examples", "*.loop.json")))
    with tempfile.TemporaryDirectory() as tmp:
        for scenario in lessons:
            name = os.path.basename(scenario)[: -len(".loop.json")]
            program = os.path.join(tmp, name + ".py")
            subprocess.run([args.loopscope, "run", scenario, "--virtual", "--quiet", "--export",
                            program], capture_output=True, check=False)
            ours, theirs = (os.path.join(tmp, f"{name}.{k}.json") for k in ("ours", "theirs"))
            record(args.python, os.path.join(REPO, "python"), program, ours)
            record(args.python, args.other, program, theirs)
            if not (os.path.exists(ours) and filecmp.cmp(ours, theirs, shallow=False)):
                differ.append(name)
    print(f"{len(lessons) - len(differ)} of {len(lessons)} lessons' traces byte for byte the "
          f"same{': differ ' + ', '.join(differ) if differ else ''}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
