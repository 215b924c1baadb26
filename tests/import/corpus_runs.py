"""Every corpus program that imports (tests/corpus/*.py; test_corpus.py holds the refusals of
the rest) runs as Loopscope runs it and matches CPython: `loopscope import`, then `loopscope
run` on the virtual clock, against tests/corpus/expected/ (CPython 3.12 running the program
itself, committed, so no pyenv is needed here). It matches when stdout is the same to the
character, each printed line comes within ±0.05 s of CPython's, the outcome (status and error
text) is the same, and the run ends within ±0.05 s of CPython's. A program that starts
importing is checked from then on. Run by ctest as import_corpus_matches_cpython; by hand:

    PYTHONPATH=python python3 tests/import/corpus_runs.py -v
"""

import difflib
import json
import os
import re
import subprocess
import tempfile
import unittest

from support import SOURCE_DIR, ImportRefused, import_program, loopscope_binary

from loopscope_import.scenario import dumps

CORPUS = os.path.join(SOURCE_DIR, "tests", "corpus")
EXPECTED = os.path.join(CORPUS, "expected")
TOLERANCE = 0.05
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")


def programs():
    """(name, source) of every corpus program (a file starting with its `# Source:`)."""
    for name in sorted(os.listdir(CORPUS)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
            source = f.read()
        if source.startswith("# Source:"):
            yield name, source


def printed_lines(trace):
    """(time, line) of what the run wrote to stdout, as the recorder notes a print: a line
    at the time its first chunk was written (print's `end` may leave a line open)."""
    lines, open_line = [], None
    for event in trace["events"]:
        if event["kind"] != "print":
            continue
        written = event["text"] + event.get("end", "\n")
        if open_line is None:
            open_line = (event["t"], "")
        t, pending = open_line
        parts = (pending + written).split("\n")
        for part in parts[:-1]:
            lines.append((t, part))
            t = event["t"]
        open_line = (t, parts[-1]) if parts[-1] else None
    stdout = "".join(text + "\n" for _, text in lines) + (open_line[1] if open_line else "")
    return lines, stdout


def normalise(text):
    return ADDRESS.sub("0x?", text.replace(CORPUS, "<corpus>"))


class CorpusAgainstCPython(unittest.TestCase):
    def test_every_importing_program(self):
        binary = loopscope_binary()
        checked = []
        with tempfile.TemporaryDirectory() as tmp:
            for name, source in programs():
                try:
                    doc = import_program(source, os.path.join(CORPUS, name), None)
                except ImportRefused:
                    continue  # test_corpus.py holds its exact refusals
                checked.append(name)
                with self.subTest(program=name):
                    self.check(binary, tmp, name[:-3], doc)
        print(f"\ncorpus: {len(checked)} programs import and were run: {', '.join(checked)}")
        self.assertGreaterEqual(len(checked), 25)

    def check(self, binary, tmp, name, doc):
        scenario = os.path.join(tmp, name + ".loop.json")
        trace_path = os.path.join(tmp, name + ".trace.json")
        with open(scenario, "w", encoding="utf-8") as f:
            f.write(dumps(doc))
        run = subprocess.run([binary, "run", scenario, "--quiet", "--trace", trace_path],
                             capture_output=True, text=True, timeout=60)
        self.assertTrue(os.path.exists(trace_path), f"{name}: no trace: {run.stderr}")
        with open(trace_path, encoding="utf-8") as f:
            trace = json.load(f)
        with open(os.path.join(EXPECTED, name + ".txt"), encoding="utf-8") as f:
            want_stdout = f.read()
        with open(os.path.join(EXPECTED, name + ".json"), encoding="utf-8") as f:
            want = json.load(f)
        lines, stdout = printed_lines(trace)
        stdout = normalise(stdout)
        if stdout != want_stdout:
            diff = "".join(difflib.unified_diff(want_stdout.splitlines(True),
                                                stdout.splitlines(True), "CPython", "Loopscope"))
            self.fail(f"{name}: stdout differs\n{diff}")
        late = [f"  line {i + 1} {text!r}: CPython at {w['t']:.3f} s, Loopscope at {t:.3f} s"
                for i, ((t, text), w) in enumerate(zip(lines, want["prints"]))
                if abs(t - w["t"]) > TOLERANCE]
        self.assertEqual(late, [], f"{name}: prints more than {TOLERANCE} s off")
        outcome = {"status": trace["outcome"]["status"],
                   "error": normalise(trace["outcome"].get("error") or "") or None}
        self.assertEqual(outcome, want["outcome"], f"{name}: outcome")
        self.assertLessEqual(abs(trace["duration"] - want["end"]), TOLERANCE,
                             f"{name}: the run ends at {trace['duration']} s, CPython's at "
                             f"{want['end']} s")


if __name__ == "__main__":
    unittest.main()
