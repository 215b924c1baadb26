"""The handles the recorder hooks (run by ctest: recorder_handles; PYTHONPATH holds python/,
LOOPSCOPE_TEST_PYTHON the interpreter): a transport's or reader's I/O callback runs in
asyncio's own Handle._run, at no cost, and a task's step in the step hook, recorded as
before (docs/recording.md, "Cost")."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = os.environ.get("LOOPSCOPE_TEST_PYTHON", sys.executable)


class Handles(unittest.TestCase):
    def test_io_callback_is_not_hooked_and_the_task_it_wakes_is_recorded(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "trace.json")
            done = subprocess.run([PYTHON, "-m", "loopscope_record", "--virtual", "--out", out,
                                   "handle_kinds.py"], cwd=os.path.join(HERE, "programs"),
                                  capture_output=True, text=True, timeout=60)
            with open(out, encoding="utf-8") as f:
                trace = json.load(f)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines(), ["step handle: hooked",
                                                    "reader handle: asyncio's", "read b'ping'"])
        spans = {lane["name"]: [(s["state"], s["start"], s["end"], s.get("on"))
                                for s in lane["spans"]] for lane in trace["lanes"]}
        self.assertEqual(spans["reader"], [("running", 0.0, 0.0, None),
                                           ("waiting", 0.0, 1.0, "Future-1"),
                                           ("running", 1.0, 1.0, None)])
        self.assertEqual([(e["t"], e["lane"], e["kind"], e.get("by"), e.get("via"))
                          for e in trace["events"] if e["kind"] != "print"],
                         [(0.0, "task-2", "create", "task-1", None),
                          (1.0, "task-1", "wake", "task-2", "task-2")])


if __name__ == "__main__":
    unittest.main()
