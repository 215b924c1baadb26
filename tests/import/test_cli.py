"""`python3 -m loopscope_import` as the C++ side and users call it: files, exit status,
messages; and the real timeit measurement of a CPU loop."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

from support import SOURCE_DIR, imported, loopscope_binary

from loopscope_import import cpu

ENV = {**os.environ, "PYTHONPATH": os.path.join(SOURCE_DIR, "python")}
PROGRAM = "import asyncio\n\n\nasync def main():\n    await asyncio.sleep(1)\n\n\nasyncio.run(main())\n"


def run(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "loopscope_import", *args], input=stdin,
                          capture_output=True, text=True, env=ENV, cwd=cwd, timeout=60)


class Cli(unittest.TestCase):
    def test_writes_beside_the_program_by_default(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "hello.py")
            with open(path, "w") as f:
                f.write(PROGRAM)
            done = run(path)
            self.assertEqual((done.returncode, done.stdout, done.stderr), (0, "", ""))
            with open(os.path.join(tmp, "hello.loop.json")) as f:
                doc = json.load(f)
            self.assertEqual(doc["coroutines"], [{"name": "main", "steps": [
                {"id": "s1", "op": "sleep", "seconds": 1}]}])
            self.assertEqual(doc["title"], "hello")

    def test_refusal_exits_2_and_writes_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.py")
            with open(path, "w") as f:
                f.write(PROGRAM.replace("await asyncio.sleep(1)", "raise E from None"))
            out = os.path.join(tmp, "out.loop.json")
            done = run(path, "-o", out)
            self.assertEqual(done.returncode, 2)
            self.assertEqual(done.stderr, f"{path}:5:18: raise ... from ... is not supported; "
                             "raise the error without a cause\n")
            self.assertFalse(os.path.exists(out))

    def test_standard_input_to_standard_output(self):
        done = run("-", "-o", "-", stdin=PROGRAM)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(json.loads(done.stdout)["title"], "<stdin>")

    def test_missing_file(self):
        done = run("/nonexistent/x.py")
        self.assertEqual(done.returncode, 2)
        self.assertTrue(done.stderr.startswith("/nonexistent/x.py: cannot read: "))

    def test_no_measure_gives_placeholders(self):
        source = PROGRAM.replace("    await asyncio.sleep(1)\n",
                                 "    t = 0\n    for i in range(10):\n        t += i\n")
        done = run("-", "-o", "-", "--no-measure", stdin=source)
        step = json.loads(done.stdout)["coroutines"][0]["steps"][1]
        self.assertEqual(step, {"id": "s2", "op": "cpu", "seconds": 0.1,
                                "label": "estimated CPU work",
                                "x-estimated": {"lines": [6, 7], "how": "placeholder"}})


class Measurement(unittest.TestCase):
    def test_a_loop_is_timed(self):
        seconds = cpu.measure("N = 20000\n", "t = 0\nfor i in range(N):\n    t += i * i\n")
        self.assertIsNotNone(seconds)
        self.assertGreater(seconds, 0)
        self.assertLess(seconds, 5)

    def test_an_endless_loop_is_not(self):
        self.assertIsNone(cpu.measure("", "while True:\n    pass\n", timeout=1))

    def test_what_the_loop_reads_is_set_up(self):
        calls = []
        source = ("import asyncio\nN = 50\n\n\nasync def main():\n    t = 0\n"
                  "    for i in range(N):\n        t += i\n    print(t)\n\n\n"
                  "asyncio.run(main())\n")
        doc = imported(source, measure=lambda setup, stmt: calls.append((setup, stmt)) or 0.5)
        self.assertEqual(calls, [("N = 50\nt = 0\n", "for i in range(N):\n    t += i")])
        steps = doc["coroutines"][0]["steps"]
        self.assertEqual([s["op"] for s in steps], ["set", "cpu", "for", "print"])
        self.assertEqual(steps[1]["seconds"], 0.5)


if __name__ == "__main__":
    unittest.main()


class LoopscopeCommands(unittest.TestCase):
    """`loopscope import`, and `run`/`check` given a .py: the executable runs the importer it
    ships (LOOPSCOPE_PYTHON picks this interpreter)."""

    def loopscope(self, *args, cwd):
        env = {**os.environ, "LOOPSCOPE_PYTHON": sys.executable}
        return subprocess.run([loopscope_binary(), *args], capture_output=True, text=True,
                              env=env, cwd=cwd, timeout=120)

    def write(self, tmp, name, text):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_import_writes_the_scenario_beside_the_program(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.write(tmp, "hello.py", PROGRAM)
            done = self.loopscope("import", "hello.py", cwd=tmp)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(done.stdout, "hello.py: imported as hello.loop.json\n")
            with open(os.path.join(tmp, "hello.loop.json")) as f:
                doc = json.load(f)
            self.assertEqual(doc["coroutines"][0]["steps"],
                             [{"op": "sleep", "id": "s1", "seconds": 1}])

    def test_import_refuses_with_line_and_column_and_writes_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.write(tmp, "bad.py", PROGRAM.replace("await asyncio.sleep(1)",
                                                      "await asyncio.sleep(1)\n    f = lambda: 1"))
            done = self.loopscope("import", "bad.py", cwd=tmp)
            self.assertEqual(done.returncode, 2)
            self.assertEqual(done.stderr, "bad.py:6:9: a lambda is not supported; use a condition "
                                          "expression or a def function\n")
            self.assertEqual(os.listdir(tmp), ["bad.py"])

    def test_what_the_scenario_reader_refuses_is_placed_in_the_program(self):
        # Fluent Python's spinners: `itertools.cycle` imports, then the reader refuses the
        # name; the place was the JSON's line and column, given as the .py's
        with tempfile.TemporaryDirectory() as tmp:
            self.write(tmp, "spin.py", "import asyncio\nimport itertools\n\n\n"
                       "async def main():\n    print('start')\n"
                       "    for c in itertools.cycle('ab'):\n        break\n"
                       "\n\nasyncio.run(main())\n")
            done = self.loopscope("import", "spin.py", cwd=tmp)
            self.assertEqual(done.returncode, 2)
            self.assertEqual(done.stderr, "spin.py:7:5: coroutines[0].steps[1].in: the imported "
                             "scenario is refused: column 1: name 'itertools' is not defined; a "
                             "scenario's expressions know the modules time, random, datetime "
                             "and asyncio and the builtins scenario-format.md lists\n")

    def test_run_and_check_take_a_program(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.write(tmp, "hi.py", PROGRAM.replace("await asyncio.sleep(1)",
                                                     "await asyncio.sleep(1)\n    print('hi')"))
            done = self.loopscope("run", "hi.py", cwd=tmp)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn("   1.000  main: hi\n", done.stdout)
            done = self.loopscope("check", "hi.py", cwd=tmp)
            self.assertEqual((done.returncode, done.stdout), (0, "hi.py: OK\n"))
