"""The recorder's --virtual mode on programs whose exact outcome is known (run by ctest:
recorder_virtual; PYTHONPATH holds python/, LOOPSCOPE_TEST_PYTHON the interpreter)."""
import json
import os
import selectors
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = os.environ.get("LOOPSCOPE_TEST_PYTHON", sys.executable)
# 3.11 watches a child with a thread (ThreadedChildWatcher), 3.12 with a pidfd where it can.
PYTHONS = [PYTHON] + [p for p in ("/usr/bin/python3", "/root/.pyenv/versions/3.12.1/bin/python3")
                      if os.path.exists(p) and p != PYTHON]


def record(program, cwd, python=PYTHON):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "trace.json")
        done = subprocess.run([python, "-m", "loopscope_record", "--virtual", "--out", out, program],
                              cwd=cwd, capture_output=True, text=True, timeout=60)
        with open(out, encoding="utf-8") as f:
            return done, json.load(f)


class VirtualMode(unittest.TestCase):
    def test_default_executor_shutdown_is_not_a_deadlock(self):
        # asyncio.run waits for the default executor's shutdown, which a plain thread signals:
        # the virtual selector once took that wait for a hang, in about half the runs.
        for _ in range(10):
            done, trace = record("thread_then_after_run.py", os.path.join(HERE, "programs"))
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(trace["outcome"]["status"], "completed")
            self.assertEqual(done.stdout.splitlines()[:3], ["in a thread", "main done", "after run"])

    def test_file_is_absolute_and_prints_keep_their_thread(self):
        program_dir = os.path.join(HERE, "programs")
        done, trace = record("thread_then_after_run.py", program_dir)
        self.assertEqual(done.stdout.splitlines()[3],
                         os.path.join(program_dir, "thread_then_after_run.py"))
        names = {lane["id"]: lane["name"] for lane in trace["lanes"]}
        prints = [(names.get(e.get("lane")), e["text"]) for e in trace["events"]
                  if e["kind"] == "print"]
        self.assertEqual(prints[:3], [("asyncio_0", "in a thread"), ("main", "main done"),
                                      (None, "after run")])

    def test_pool_thread_sleeps_on_the_virtual_clock(self):
        # A pool thread's time.sleep(1) once slept for real while the clock jumped to the
        # task's timer at 2: "task woke" came first and both prints were at 2.0.
        done, trace = record("thread_sleep_and_timer.py", os.path.join(HERE, "programs"))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines(), ["thread woke", "task woke", "main done at 2.0"])
        names = {lane["id"]: lane["name"] for lane in trace["lanes"]}
        prints = [(e["t"], names.get(e.get("lane")), e["text"]) for e in trace["events"]
                  if e["kind"] == "print"]
        self.assertEqual(prints, [(1.0, "asyncio_0", "thread woke"), (2.0, "task-1", "task woke"),
                                  (2.0, "main", "main done at 2.0")])
        thread = next(lane for lane in trace["lanes"] if lane["kind"] == "thread")
        self.assertEqual([(s["state"], s["start"], s["end"], s.get("on")) for s in thread["spans"]],
                         [("blocking", 0.0, 1.0, None), ("waiting", 1.0, 2.0, "work queue")])
        self.assertEqual(trace["duration"], 2.0)

    def test_child_process_exit_after_its_pipes_close_is_waited_for(self):
        # PyMOTW's asyncio_subprocess_protocol.py: once the child's stdout closed, the loop
        # watched no fd and no timer until the child watcher's thread saw the exit, and the
        # selector took that wait for a hang (exit 3, "every task waits, no timer").
        for python in PYTHONS:
            with self.subTest(python=python):
                done, trace = record("child_closes_stdout_first.py",
                                     os.path.join(HERE, "programs"), python)
                self.assertEqual(done.returncode, 0, done.stderr)
                self.assertEqual(trace["outcome"]["status"], "completed")
                self.assertEqual(done.stdout.splitlines()[:4],
                                 ["read from the child", "pipe closed", "process exited",
                                  "return code 0"])

    def test_debug_log_names_the_selector_cpython_uses(self):
        # The virtual selector's own class name was logged: "Using selector: _Selector".
        done, trace = record("selector_debug_log.py", os.path.join(HERE, "programs"))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stderr.splitlines()[0],
                         f"asyncio: Using selector: {selectors.DefaultSelector.__name__}")
        self.assertEqual(done.stdout.splitlines()[0], "slept")
        self.assertEqual(trace["duration"], 0.5)


@unittest.skipUnless(hasattr(os, "sched_setaffinity"), "pins processes to one CPU (Linux)")
class LiveClock(unittest.TestCase):
    def test_a_preempted_step_is_running_and_a_sleep_blocking(self):
        # A step computing while three busy processes share its CPU has a wall time about
        # four times its CPU time, and was drawn `blocking` as if it had slept: on a loaded
        # machine even a hello world's print step was. Only voluntary switches (a sleep, a
        # wait for I/O) make a step blocking.
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "trace.json")
            done = subprocess.run([PYTHON, "-m", "loopscope_record", "--out", out,
                                   "preempted_step.py"], cwd=os.path.join(HERE, "programs"),
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(done.returncode, 0, done.stderr)
            with open(out, encoding="utf-8") as f:
                lanes = {lane["name"]: lane for lane in json.load(f)["lanes"]}
        computed = [s["state"] for s in lanes["compute-1"]["spans"]]
        self.assertEqual(computed, ["ready", "running"])
        slept = [s for s in lanes["main"]["spans"] if s["state"] == "blocking"]
        self.assertEqual(len(slept), 1)
        self.assertGreaterEqual(slept[0]["end"] - slept[0]["start"], 0.05)

    def test_process_pool_jobs_beyond_its_workers_wait_for_a_process(self):
        # PyMOTW's asyncio_executor_process.py (3 workers, 6 jobs) was drawn with six
        # process lanes, all running from the start, where CPython runs three processes.
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "trace.json")
            done = subprocess.run([PYTHON, "-m", "loopscope_record", "--out", out,
                                   "process_pool_queues_jobs.py"],
                                  cwd=os.path.join(HERE, "programs"),
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(done.stdout, "[0, 1, 2, 3]\n")
            with open(out, encoding="utf-8") as f:
                lanes = [lane for lane in json.load(f)["lanes"] if lane["kind"] == "process"]
        self.assertEqual([lane["name"] for lane in lanes], ["Process-1", "Process-2"])
        for lane in lanes:
            spans = lane["spans"]
            self.assertEqual([s["state"] for s in spans], ["running", "running"])
            self.assertGreaterEqual(spans[1]["start"], spans[0]["end"])
            self.assertGreaterEqual(spans[1]["end"] - spans[0]["start"], 0.6)


if __name__ == "__main__":
    unittest.main()
