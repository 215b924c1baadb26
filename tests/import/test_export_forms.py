"""Forms the Python export writes, and real programs use, that must import back as the scenario
they came from (found by round_trip_seeds.py and the corpus): a resource passed inside a
`*(...)` gather, the exception classes that take more than a message, print's end and sep,
parameter defaults. The last test runs both sides: the scenario in Loopscope, its export
under this python3, and compares stdout."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

from support import imported, loopscope_binary

from loopscope_import.scenario import dumps

HEAD = "import asyncio\n\n"


def main_steps(body, before=""):
    source = HEAD + before + "async def main():\n" + "".join(
        "    " + line + "\n" for line in body.splitlines()) + "\n\nasyncio.run(main())\n"
    doc = imported(source)
    return {c["name"]: c for c in doc["coroutines"]}["main"]["steps"], doc


class StarGather(unittest.TestCase):
    SEMAPHORE = ("async def access(semaphore, resource_id):\n"
                 "    async with semaphore:\n        await asyncio.sleep(1)\n\n\n")

    def test_a_resource_argument_is_left_out_and_the_rest_named(self):
        steps, doc = main_steps("semaphore = asyncio.Semaphore(2)\n"
                                "await asyncio.gather(*(access(semaphore, i) for i in range(5)))",
                                self.SEMAPHORE)
        self.assertEqual(steps[0]["items"],
                         [{"star": "(access(resource_id=i) for i in range(5))"}])
        self.assertEqual(doc["coroutines"][0]["params"], ["resource_id"])

    def test_without_a_resource_the_text_stays(self):
        steps, _ = main_steps("await asyncio.gather(*(work(i) for i in range(3)))",
                              "async def work(n):\n    await asyncio.sleep(n)\n\n\n")
        self.assertEqual(steps[0]["items"], [{"star": "(work(i) for i in range(3))"}])

    def test_too_many_arguments_are_refused_at_their_place(self):
        with self.assertRaises(Exception) as caught:
            main_steps("await asyncio.gather(*(work(i, 2) for i in range(3)))",
                       "async def work(n):\n    await asyncio.sleep(n)\n\n\n")
        self.assertEqual([str(r) for r in caught.exception.refusals],
                         ["prog.py:8:36: more arguments than work() takes is not supported; "
                          "pass what it declares"])


class RaisedClasses(unittest.TestCase):
    def raised(self, statement):
        steps, _ = main_steps(statement)
        return steps[0]

    def test_groups_of_one_exception(self):
        self.assertEqual(self.raised('raise ExceptionGroup("odd", [Exception("odd")])'),
                         {"id": "s1", "op": "raise", "error": "ExceptionGroup", "message": "odd"})
        self.assertEqual(self.raised('raise BaseExceptionGroup("", [BaseException("")])'),
                         {"id": "s1", "op": "raise", "error": "BaseExceptionGroup"})

    def test_unicode_errors_with_their_reason(self):
        self.assertEqual(
            self.raised('raise UnicodeDecodeError("utf-8", b"\\xff", 0, 1, "bad")'),
            {"id": "s1", "op": "raise", "error": "UnicodeDecodeError", "message": "bad"})
        self.assertEqual(
            self.raised('raise UnicodeEncodeError("ascii", "\\xe9", 0, 1, '
                        '"ordinal not in range(128)")'),
            {"id": "s1", "op": "raise", "error": "UnicodeEncodeError"})

    def test_other_arguments_are_still_refused(self):
        with self.assertRaises(Exception) as caught:
            main_steps('raise ExceptionGroup("a", [ValueError("b")])')
        self.assertEqual([str(r) for r in caught.exception.refusals],
                         ["prog.py:4:11: raising an error with several arguments is not "
                          "supported; give it one message"])


SCENARIO = {
    "format": "loopscope-scenario", "version": 1,
    "coroutines": [
        {"name": "fetch", "params": ["name", "delay", "tries"],
         "defaults": {"delay": 0.5, "tries": 2}, "steps": [
             {"op": "print", "text": "{name}", "end": " waits "},
             {"op": "print", "text": "{delay} x{tries}", "end": ";\n"},
             {"op": "sleep", "seconds": "delay"}]},
        {"name": "main", "steps": [
            {"op": "call", "coro": "fetch", "args": {"name": "a"}},
            {"op": "call", "coro": "fetch", "args": {"name": "b", "tries": 3}},
            {"op": "print", "text": "no new line", "end": ""},
            {"op": "print", "text": "", "end": "\t|\n"},
            {"op": "gather", "items": [{"star": "(fetch(n, 0.25) for n in 'cd')"}]}]}]}
STDOUT = "a waits 0.5 x2;\nb waits 0.5 x3;\nno new line\t|\nc waits 0.25 x2;\nd waits 0.25 x2;\n"


class PrintEndAndDefaults(unittest.TestCase):
    def test_loopscope_and_cpython_print_the_same(self):
        binary = loopscope_binary()
        with tempfile.TemporaryDirectory() as tmp:
            path, trace_path = os.path.join(tmp, "s.loop.json"), os.path.join(tmp, "t.json")
            program = os.path.join(tmp, "s.py")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(SCENARIO, f)
            run = subprocess.run([binary, "run", path, "--quiet", "--trace", trace_path,
                                  "--export", program], capture_output=True, text=True,
                                 timeout=60)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            with open(trace_path, encoding="utf-8") as f:
                prints = [e for e in json.load(f)["events"] if e["kind"] == "print"]
            self.assertEqual("".join(e["text"] + e.get("end", "\n") for e in prints), STDOUT)
            self.assertEqual([(e["t"], e.get("end")) for e in prints[:4]],
                             [(0.0, " waits "), (0.0, ";\n"), (0.5, " waits "), (0.5, ";\n")])
            cpython = subprocess.run([sys.executable, program], capture_output=True, text=True,
                                     timeout=60)
            self.assertEqual((cpython.returncode, cpython.stdout), (0, STDOUT), cpython.stderr)
            with open(program, encoding="utf-8") as f:
                source = f.read()
            self.assertIn("async def fetch(name, delay=0.5, tries=2):", source)
            self.assertIn('print("no new line", end=\'\')', source)
            doc = imported(source, program)
            fetch = doc["coroutines"][0]
            self.assertEqual((fetch["params"], fetch["defaults"]),
                             (["name", "delay", "tries"], {"delay": 0.5, "tries": 2}))
            self.assertEqual([s.get("end") for s in fetch["steps"][:2]], [" waits ", ";\n"])
            # and the import of the export is a scenario `check` takes as it is
            again = os.path.join(tmp, "again.loop.json")
            with open(again, "w", encoding="utf-8") as f:
                f.write(dumps(doc))
            checked = subprocess.run([binary, "check", again], capture_output=True, text=True,
                                     timeout=60)
            self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)


# A program variable whose name the export keeps for itself (SCALE, loop, time, ...): the
# export binds it as SCALE_, and a coroutine must read that one, not the export's SCALE = 1.0.
MODULE_NAMES = {
    "format": "loopscope-scenario", "version": 1,
    "coroutines": [
        {"name": "main", "globals": ["loop"], "steps": [
            {"op": "print", "text": "{SCALE} {loop}"},
            {"op": "set", "name": "loop", "value": "$loop + 1"},
            {"op": "sleep", "seconds": "SCALE"}]}],
    "program": [{"op": "set", "name": "SCALE", "value": 0.25},
                {"op": "set", "name": "loop", "value": 1},
                {"op": "run", "coro": "main"},
                {"op": "print", "text": "{loop}"}]}


class ModuleVariables(unittest.TestCase):
    def test_a_coroutine_reads_the_program_variable(self):
        binary = loopscope_binary()
        with tempfile.TemporaryDirectory() as tmp:
            path, trace_path = os.path.join(tmp, "m.loop.json"), os.path.join(tmp, "t.json")
            program = os.path.join(tmp, "m.py")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(MODULE_NAMES, f)
            run = subprocess.run([binary, "run", path, "--quiet", "--trace", trace_path,
                                  "--export", program], capture_output=True, text=True,
                                 timeout=60)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            with open(trace_path, encoding="utf-8") as f:
                events = json.load(f)["events"]
            self.assertEqual([(e["t"], e["text"]) for e in events if e["kind"] == "print"],
                             [(0.0, "0.25 1"), (0.25, "2")])
            cpython = subprocess.run([sys.executable, program], capture_output=True, text=True,
                                     timeout=60)
            self.assertEqual((cpython.returncode, cpython.stdout), (0, "0.25 1\n2\n"),
                             cpython.stderr)
            with open(program, encoding="utf-8") as f:
                source = f.read()
            self.assertIn("    global loop_\n", source)
            self.assertIn("    await asyncio.sleep(SCALE_ * SCALE)\n", source)


if __name__ == "__main__":
    unittest.main()


def coroutine(name, steps, params=None):
    return {"name": name, **({"params": params} if params else {}), "steps": steps}


# Scenarios whose export imported back as something else (round_trip_seeds.py found each):
# name -> (resources, functions, coroutines). Each must come back equal.
ROUND_TRIPS = {
    "local_named_item": ([{"id": "q", "kind": "queue", "items": [1]}], [], [
        coroutine("main", [{"op": "get", "queue": "q", "as": "item"},
                           {"op": "print", "text": "{item}"}])]),
    "wait_for_with_a_computed_timeout": ([], [], [
        coroutine("job", [{"op": "sleep", "seconds": 1}]),
        coroutine("paced", [{"op": "wait_for", "coro": "job", "timeout": "$limit",
                             "as": "r"}], ["limit"]),
        coroutine("main", [{"op": "call", "coro": "paced", "args": {"limit": 0.5}}])]),
    "loop_of_arithmetic_is_flow_not_cpu": ([], [], [
        coroutine("main", [{"op": "set", "name": "acc", "value": 90},
                           {"op": "while", "cond": "acc > 40", "steps": [
                               {"op": "set", "name": "acc", "value": "$acc // 2"}]}])]),
    "except_queue_full_and_loop_callbacks": ([{"id": "q", "kind": "queue", "maxsize": 1}], [
        {"name": "tick", "params": ["n"], "steps": [
            {"op": "try", "steps": [{"op": "put_nowait", "queue": "q", "item": "$n"}],
             "except": {"QueueFull": [{"op": "print", "text": "full {n}"}]}},
            {"op": "if", "cond": "n < 2", "steps": [
                {"op": "call_later", "delay": 0.25, "function": "tick",
                 "args": {"n": "$n + 1"}}]}]}], [
        coroutine("main", [{"op": "call_soon", "function": "tick", "args": {"n": 0}},
                           {"op": "sleep", "seconds": 1}])]),
    "wait_with_a_sleep_item": ([], [], [
        coroutine("job", [{"op": "sleep", "seconds": 1}]),
        coroutine("main", [{"op": "wait", "items": [{"coro": "job"},
                                                    {"op": "sleep", "seconds": 0.5}],
                            "return_when": "FIRST_COMPLETED", "as": "done, pending"}])]),
    "local_named_as_a_coroutine": ([], [], [
        coroutine("w0", [{"op": "sleep", "seconds": 1}, {"op": "return", "value": 3}]),
        coroutine("main", [{"op": "create_task", "coro": "w0", "as": "t"},
                           {"op": "call", "coro": "w0", "as": "w0"},
                           {"op": "print", "text": "{w0}"}, {"op": "await", "task": "t"}])]),
    "raised_groups_and_unicode_errors": ([], [], [
        coroutine("main", [{"op": "try", "steps": [
            {"op": "raise", "error": "ExceptionGroup", "message": "odd"}],
            "except": {"*": [{"op": "raise", "error": "UnicodeDecodeError",
                              "message": "bad byte"}]}}])]),
    # the import read every `async with asyncio.timeout(T):` around one await as wait_for;
    # only the export's own wait_for (its annotation says so) is one now
    "a_timeout_around_one_call_stays_a_timeout": ([], [], [
        coroutine("job", [{"op": "sleep", "seconds": 1}, {"op": "return", "value": 2}]),
        coroutine("main", [{"op": "timeout", "seconds": 2, "steps": [
                               {"op": "call", "coro": "job", "as": "r"}]},
                           {"op": "wait_for", "coro": "job", "timeout": 1.5, "as": "s"},
                           {"op": "print", "text": "{r} {s}"}])]),
    # a task name and a raise message put {name} in, and keep other braces as written: the
    # import read them as f-string bodies (w-{1} came back w-{{1}})
    "braces_in_task_names_and_messages": ([], [], [
        coroutine("w", [{"op": "sleep", "seconds": 0}]),
        coroutine("main", [
            {"op": "set", "name": "x", "value": 3},
            {"op": "create_task", "coro": "w", "name": "w-{1}", "as": "t"},
            {"op": "create_task", "coro": "w", "name": "w-{x} {", "as": "u"},
            {"op": "create_task", "coro": "w", "name": "w-{y}", "as": "v"},
            {"op": "raise", "error": "ValueError", "message": "m-{1} {x} }"}])]),
    # a task field is an expression: tasks[-1].cancel(), gather(tasks[0]), await tasks[1]
    # were refused (tests/runtime/scenarios/values/task-list.loop.json did not come back)
    "tasks_picked_from_a_list": ([], [], [
        coroutine("job", [{"op": "sleep", "seconds": "$n"}, {"op": "return", "value": "$n * 10"}],
                  ["n"]),
        coroutine("main", [
            {"op": "set", "name": "tasks", "value": []},
            {"op": "for", "var": "n", "in": "[1, 2, 3]", "steps": [
                {"op": "create_task", "coro": "job", "args": {"n": "$n"}, "as": "t"},
                {"op": "set", "name": "tasks", "value": "$tasks + [t]"}]},
            {"op": "cancel", "task": "tasks[-1]"},
            {"op": "gather", "items": [{"task": "tasks[0]"}, {"task": "tasks[2]"}],
             "return_exceptions": True, "as": "L"},
            {"op": "await", "task": "tasks[1]", "as": "again"},
            {"op": "wait_for", "task": "tasks[1]", "timeout": 1, "as": "more"},
            {"op": "print", "text": "{L} {again} {more}"}])]),
    # refused anywhere but in gather(*...) (the differential's mixed stream prints these)
    "generator_expressions_passed_to_calls": ([], [], [
        coroutine("main", [
            {"op": "set", "name": "xs", "value": [3, 1, 2]},
            {"op": "print", "text": "{sorted((str(v) for v in xs))[:2]} "
                                    "{', '.join((str(v) for v in range(3)))!r:>12}"},
            {"op": "print", "text": "{sum((v * 2 for v in xs))} {list((v for v in xs if v % 2))}"},
            {"op": "set", "name": "top", "value": "$max((v for v in xs), default=0)"},
            {"op": "while", "cond": "any((v > top for v in xs)) or not all((v for v in xs))",
             "steps": [{"op": "break"}]},
            {"op": "return", "value": "$sum((v for v in xs), top)"}])]),
}


class RoundTripForms(unittest.TestCase):
    maxDiff = None

    def test_each_comes_back_equal(self):
        from test_round_trip import normalised
        binary = loopscope_binary()
        with tempfile.TemporaryDirectory() as tmp:
            for name, (resources, functions, coroutines) in ROUND_TRIPS.items():
                with self.subTest(form=name):
                    scenario = {"format": "loopscope-scenario", "version": 1, "title": name,
                                "resources": resources, "coroutines": coroutines}
                    if functions:
                        scenario["functions"] = functions
                    path, program = (os.path.join(tmp, name + ext) for ext in (".json", ".py"))
                    with open(path, "w", encoding="utf-8") as f:
                        json.dump(scenario, f)
                    run = subprocess.run([binary, "run", path, "--quiet", "--export", program],
                                         capture_output=True, text=True, timeout=60)
                    self.assertTrue(os.path.exists(program), run.stderr)
                    with open(program, encoding="utf-8") as f:
                        doc = imported(f.read(), program)
                    self.assertEqual(normalised(doc), normalised(scenario))


# wait_for(aw, None) waits without a deadline (3.12: `async with asyncio.timeout(None)`). The
# scenario's wait_for took no null timeout, and the export's 3.12 form of it imported back as
# a `timeout` step.
WAIT_FOR_NONE = os.path.join(os.path.dirname(__file__), "..", "runtime", "scenarios",
                             "semantics", "wait-for-none.loop.json")
WAIT_FOR_NONE_STEPS = [
    {"op": "wait_for", "coro": "job", "args": {"n": 2}, "timeout": None, "as": "x"},
    {"op": "create_task", "coro": "job", "args": {"n": 3}, "as": "t"},
    {"op": "wait_for", "task": "t", "timeout": None, "as": "y"}]


def without_ids(steps):
    return [{k: v for k, v in step.items() if k != "id"} for step in steps]


class WaitForNone(unittest.TestCase):
    def test_a_program_imports_as_wait_for_with_a_null_timeout(self):
        steps, _ = main_steps("x = await asyncio.wait_for(job(2), None)\n"
                              "t = asyncio.create_task(job(3))\n"
                              "y = await asyncio.wait_for(t, timeout=None)",
                              "async def job(n):\n    await asyncio.sleep(n)\n\n\n")
        self.assertEqual(without_ids(steps), WAIT_FOR_NONE_STEPS)

    def test_the_export_runs_as_in_loopscope_and_imports_back(self):
        binary = loopscope_binary()
        with tempfile.TemporaryDirectory() as tmp:
            program = os.path.join(tmp, "w.py")
            run = subprocess.run([binary, "run", WAIT_FOR_NONE, "--export", program],
                                 capture_output=True, text=True, timeout=60)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            self.assertIn("5.000  main: 20 30 True\n", run.stdout)
            cpython = subprocess.run([sys.executable, program], capture_output=True, text=True,
                                     timeout=60)
            self.assertEqual((cpython.returncode, cpython.stdout), (0, "20 30 True\n"),
                             cpython.stderr)
            with open(program, encoding="utf-8") as f:
                source = f.read()
            self.assertIn("async with asyncio.timeout(None):", source)
            self.assertIn("y = await asyncio.wait_for(t, None)", source)
            doc = imported(source, program)
            main = {c["name"]: c for c in doc["coroutines"]}["main"]
            self.assertEqual(without_ids(main["steps"][:3]), WAIT_FOR_NONE_STEPS)
            again = os.path.join(tmp, "again.loop.json")
            with open(again, "w", encoding="utf-8") as f:
                f.write(dumps(doc))
            checked = subprocess.run([binary, "check", again], capture_output=True, text=True,
                                     timeout=60)
            self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
