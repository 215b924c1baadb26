"""Forms of the corpus programs (tests/corpus) that the importer maps to exact scenario steps:
one named row each, the program and the steps it imports as (ids left out)."""

import unittest

from support import imported

HEAD = "import asyncio\n\n"
MAIN = "\n\nasyncio.run(main())\n"


def without_ids(steps):
    out = []
    for step in steps:
        step = {k: v for k, v in step.items() if k != "id"}
        for key in ("steps", "finally", "else"):
            if key in step:
                step[key] = without_ids(step[key])
        if "except" in step:
            step["except"] = {k: {**v, "steps": without_ids(v["steps"])} if isinstance(v, dict)
                              else without_ids(v) for k, v in step["except"].items()}
        out.append(step)
    return out


def coroutine(doc, name):
    return without_ids(next(c for c in doc["coroutines"] if c["name"] == name)["steps"])


# (row name, program, coroutine, its steps, the program steps or None when it is only `run`)
ROWS = [
    # SuperFastPython's `from random import random` ... `random()` ran as the module random
    # ("TypeError: 'module' object is not callable"), `from datetime import datetime` ...
    # `datetime.now()` as "'module' object has no attribute 'now'", where CPython runs both.
    ("from_random_import_random",
     "from random import random\nimport asyncio\n\n\nasync def main():\n"
     "    value = random()\n    print(value < 1)\n" + MAIN, "main",
     [{"op": "set", "name": "value", "value": "$random.random()"},
      {"op": "print", "text": "{value < 1}"}], None),
    ("from_datetime_and_time_import_their_namesakes",
     "import asyncio\nfrom datetime import datetime\nfrom time import time as now\n\n\n"
     "async def main():\n    print(datetime.now().year, now() > 0)\n" + MAIN, "main",
     [{"op": "print", "text": "{datetime.datetime.now().year} {time.time() > 0}"}], None),
    ("from_import_rebound_elsewhere_is_left_as_written",
     "import asyncio\nfrom time import perf_counter\n\n\nasync def main(perf_counter=1):\n"
     "    print(perf_counter)\n" + MAIN, "main",
     [{"op": "print", "text": "{perf_counter}"}], None),
    # `results.append(i)` on a module list, or on a list passed in (SuperFastPython's
    # condition example appends to its parameter work_list, main prints it), was
    # `results = results + [i]`: a new local, so UnboundLocalError at run time, or the
    # caller's list never changed ("Got data: []" where CPython prints "Got data: [33]").
    ("append_to_a_module_list_appends_in_place",
     HEAD + "results = []\n\n\nasync def main():\n    results.append(1)\n" + MAIN, "main",
     [{"op": "set", "name": "_", "value": "$results.append(1)"}],
     [{"op": "set", "name": "results", "value": []}, {"op": "run", "coro": "main"}]),
    ("append_to_a_parameter_appends_in_place",
     HEAD + "async def work(out):\n    out.append(33)\n\n\nasync def main():\n"
     "    xs = []\n    await work(xs)\n    print(xs)\n" + MAIN, "work",
     [{"op": "set", "name": "_", "value": "$out.append(33)"}], None),
    # SuperFastPython's `was_cancelled = task.cancel()` imported as an expression the
    # engine has not: "AttributeError: 'Task' object has no attribute 'cancel'". Task.cancel
    # returns False on a task that is done, else True (tasks.py), and cancels.
    ("value_of_cancel_is_whether_the_task_was_not_done",
     HEAD + "async def w():\n    await asyncio.sleep(1)\n\n\nasync def main():\n"
     "    t = asyncio.create_task(w())\n    was = t.cancel()\n    print(was)\n" + MAIN, "main",
     [{"op": "create_task", "coro": "w", "as": "t"},
      {"op": "set", "name": "was", "value": "$not t.done()"},
      {"op": "cancel", "task": "t"}, {"op": "print", "text": "{was}"}], None),
    ("list_comprehension",
     HEAD + "async def main():\n    xs = [i * 2 for i in range(3) if i]\n    print(xs)\n"
     + MAIN, "main",
     [{"op": "set", "name": "xs", "value": "$[i * 2 for i in range(3) if i]"},
      {"op": "print", "text": "{xs}"}], None),
    ("list_comprehension_in_fstring",
     HEAD + "async def main():\n    print(f'{[n + 1 for n in [1, 2]]}')\n" + MAIN, "main",
     [{"op": "print", "text": "{[n + 1 for n in [1, 2]]}"}], None),
    ("wait_for_of_sleep_is_a_timeout",
     HEAD + "async def main():\n    await asyncio.wait_for(asyncio.sleep(2), timeout=1)\n"
     + MAIN, "main",
     [{"op": "timeout", "seconds": 1, "steps": [{"op": "sleep", "seconds": 2}]}], None),
    ("wait_for_of_event_wait_without_deadline",
     HEAD + "e = asyncio.Event()\n\n\nasync def main():\n"
     "    await asyncio.wait_for(e.wait(), None)\n" + MAIN, "main",
     [{"op": "timeout", "seconds": None, "steps": [{"op": "event_wait", "event": "e"}]}],
     None),
    ("wait_for_of_coroutine_stays_wait_for",
     HEAD + "async def f():\n    pass\n\n\nasync def main():\n"
     "    await asyncio.wait_for(f(), 1)\n" + MAIN, "main",
     [{"op": "wait_for", "coro": "f", "timeout": 1}], None),
    ("except_as_binds_the_exception",
     HEAD + "async def main():\n    try:\n        raise ValueError('boom')\n"
     "    except (KeyError, ValueError) as e:\n        print(e, repr(e))\n" + MAIN, "main",
     [{"op": "try", "steps": [{"op": "raise", "error": "ValueError", "message": "boom"}],
       "except": {"KeyError": {"as": "e", "steps": [{"op": "print", "text": "{e} {repr(e)}"}]},
                  "ValueError": {"as": "e",
                                 "steps": [{"op": "print", "text": "{e} {repr(e)}"}]}}}],
     None),
    ("bare_raise_reraises",
     HEAD + "async def main():\n    try:\n        await asyncio.sleep(1)\n"
     "    except asyncio.CancelledError:\n        print('cancelled')\n        raise\n"
     + MAIN, "main",
     [{"op": "try", "steps": [{"op": "sleep", "seconds": 1}],
       "except": {"CancelledError": [{"op": "print", "text": "cancelled"}, {"op": "raise"}]}}],
     None),
    ("task_of_a_barrier_wait_runs_a_wrapper",
     HEAD + "async def example():\n    b = asyncio.Barrier(2)\n"
     "    t = asyncio.create_task(b.wait())\n    await b.wait()\n    print(await t)\n"
     "\n\nasyncio.run(example())\n", "_b_wait",
     [{"op": "barrier_wait", "barrier": "b", "as": "_result"},
      {"op": "return", "value": "$_result"}],
     [{"op": "run", "coro": "example"}]),
    ("task_of_an_event_wait_returns_true",
     HEAD + "e = asyncio.Event()\n\n\nasync def main():\n"
     "    t = asyncio.create_task(e.wait())\n    e.set()\n    print(await t)\n" + MAIN,
     "_e_wait", [{"op": "event_wait", "event": "e"}, {"op": "return", "value": True}], None),
    ("gather_of_a_generator_of_calls_is_a_star_without_the_resource",
     HEAD + "sem = asyncio.Semaphore(2)\n\n\nasync def f(s, n):\n    async with s:\n"
     "        await asyncio.sleep(n)\n\n\nasync def main():\n"
     "    r = await asyncio.gather(*(f(sem, i) for i in range(3)))\n" + MAIN, "main",
     [{"op": "gather", "items": [{"star": "(f(n=i) for i in range(3))"}], "as": "r"}], None),
    ("gather_of_a_generator_whose_name_is_used_elsewhere_stays_a_star",
     HEAD + "async def f(n):\n    pass\n\n\nasync def main():\n    i = 9\n"
     "    await asyncio.gather(*(f(i) for i in range(3)))\n" + MAIN, "main",
     [{"op": "set", "name": "i", "value": 9},
      {"op": "gather", "items": [{"star": "(f(i) for i in range(3))"}]}], None),
    ("gather_of_a_generator_of_computed_arguments_stays_a_star",
     HEAD + "async def f(n):\n    pass\n\n\nasync def main():\n"
     "    await asyncio.gather(*(f(10 // i) for i in range(3)))\n" + MAIN, "main",
     [{"op": "gather", "items": [{"star": "(f(10 // i) for i in range(3))"}]}], None),
    ("runner_block_is_run",
     HEAD + "async def main():\n    print('hello')\n\n\nwith asyncio.Runner() as runner:\n"
     "    runner.run(main())\n", "main", [{"op": "print", "text": "hello"}], None),
    ("runner_block_with_result",
     HEAD + "async def main(n):\n    return n\n\n\nwith asyncio.Runner() as runner:\n"
     "    r = runner.run(main(2))\nprint(r)\n", "main", [{"op": "return", "value": "$n"}],
     [{"op": "run", "coro": "main", "args": {"n": 2}, "as": "r"},
      {"op": "print", "text": "{r}"}]),
    ("await_of_create_task_makes_the_task_then_awaits_it",  # the asyncio conceptual overview
     HEAD + "async def a():\n    return 1\n\n\nasync def main():\n"
     "    await asyncio.create_task(a())\n    r = await asyncio.create_task(a())\n" + MAIN,
     "main",
     [{"op": "create_task", "coro": "a", "as": "_task"}, {"op": "await", "task": "_task"},
      {"op": "create_task", "coro": "a", "as": "_task"},
      {"op": "await", "task": "_task", "as": "r"}], None),
    ("import_in_the_main_guard_is_the_modules",  # Real Python's countasync.py
     HEAD + "async def main():\n    pass\n\n\nif __name__ == '__main__':\n"
     "    import time\n    start = time.perf_counter()\n    asyncio.run(main())\n",
     "main", [],
     [{"op": "set", "name": "start", "value": "$time.perf_counter()"},
      {"op": "run", "coro": "main"}]),
    ("list_comprehension_of_tasks_is_a_loop_of_appends",  # Real Python's asyncq.py
     HEAD + "async def f(i):\n    pass\n\n\nasync def main():\n"
     "    ts = [asyncio.create_task(f(i)) for i in 'ab' if i]\n" + MAIN, "main",
     [{"op": "set", "name": "ts", "value": []},
      {"op": "for", "var": "i", "in": "'ab'", "steps": [
          {"op": "if", "cond": "i", "steps": [
              {"op": "create_task", "coro": "f", "args": {"i": "$i"}, "as": "_task"},
              {"op": "set", "name": "ts", "value": "$ts + [_task]"}]}]}], None),
    ("list_display_of_tasks_is_appends",  # the asyncio conceptual overview's work_tasks
     HEAD + "async def f():\n    pass\n\n\nasync def main():\n"
     "    ts = [asyncio.create_task(f()), 2]\n" + MAIN, "main",
     [{"op": "set", "name": "ts", "value": []},
      {"op": "create_task", "coro": "f", "as": "_task"},
      {"op": "set", "name": "ts", "value": "$ts + [_task]"},
      {"op": "set", "name": "ts", "value": "$ts + [2]"}], None),
    ("task_of_to_thread_runs_a_wrapper",  # the asyncio tutorial's to_thread section
     HEAD + "def work(n):\n    return n\n\n\nasync def main():\n"
     "    t = asyncio.create_task(asyncio.to_thread(work, 2))\n"
     "    u = asyncio.create_task(asyncio.to_thread(work, 2))\n"
     "    s = asyncio.create_task(asyncio.sleep(1))\n    print(await t)\n" + MAIN, "_to_thread_1",
     [{"op": "to_thread", "function": "work", "args": {"n": 2}, "as": "_result"},
      {"op": "return", "value": "$_result"}], None),
    ("task_of_sleep_runs_a_wrapper",
     HEAD + "async def main():\n    s = asyncio.create_task(asyncio.sleep(1))\n    await s\n"
     + MAIN, "_sleep_1", [{"op": "sleep", "seconds": 1}], None),
    ("plain_main_running_the_loop_is_the_modules_code",  # Fluent Python's spinner examples
     HEAD + "async def work(n):\n    return n\n\n\ndef main() -> None:\n    \"\"\"Doc.\"\"\"\n"
     "    r = asyncio.run(work(2))\n    print(f'Answer: {r}')\n\n\n"
     "if __name__ == '__main__':\n    main()\n", "work", [{"op": "return", "value": "$n"}],
     [{"op": "run", "coro": "work", "args": {"n": 2}, "as": "r"},
      {"op": "print", "text": "Answer: {r}"}]),
    ("list_of_coroutines_gathered_is_a_star",  # a common tutorial form: cs = [f(...) ...]
     HEAD + "async def f(t):\n    print(t)\n\n\nasync def main():\n"
     "    cs = [f(f'task{i+1}') for i in range(3)]\n    await asyncio.gather(*cs)\n" + MAIN,
     "main", [{"op": "gather", "items": [{"star": "[f(f'task{i + 1}') for i in range(3)]"}]}],
     None),
    ("random_seed_in_a_coroutine_seeds_again_when_it_runs",  # Real Python's rand.py
     HEAD + "import random\n\n\nasync def main(seed=444):\n    random.seed(seed)\n"
     "    print(random.randint(0, 10))\n\n\nrandom.seed(444)\nasyncio.run(main())\n", "main",
     [{"op": "set", "name": "_", "value": "$random.seed(seed)"},
      {"op": "print", "text": "{random.randint(0, 10)}"}], None),
    ("second_module_random_seed_is_a_step",
     HEAD + "import random\n\nrandom.seed(1)\n\n\nasync def main():\n    pass\n\n"
     "asyncio.run(main())\nrandom.seed(2)\nasyncio.run(main())\n", "main", [],
     [{"op": "run", "coro": "main"}, {"op": "set", "name": "_", "value": "$random.seed(2)"},
      {"op": "run", "coro": "main"}]),
    ("annotated_resource_in_main",  # `event: asyncio.Event = asyncio.Event()`
     HEAD + "async def main():\n    event: asyncio.Event = asyncio.Event()\n"
     "    event.set()\n    await event.wait()\n" + MAIN, "main",
     [{"op": "event_set", "event": "event"}, {"op": "event_wait", "event": "event"}], None),
    ("annotated_resource_at_module_level",
     HEAD + "lock: asyncio.Lock = asyncio.Lock()\n\n\nasync def main():\n"
     "    async with lock:\n        pass\n" + MAIN, "main",
     [{"op": "with", "resource": "lock", "steps": []}], None),
    ("contextlib_suppress_is_try_except_pass",  # a tutorial's printer_task clean-up
     HEAD + "import contextlib\n\n\nasync def main():\n"
     "    with contextlib.suppress(asyncio.CancelledError, KeyError):\n"
     "        await asyncio.sleep(1)\n" + MAIN, "main",
     [{"op": "try", "steps": [{"op": "sleep", "seconds": 1}],
       "except": {"CancelledError": [], "KeyError": []}}], None),
]


class CorpusForms(unittest.TestCase):
    def test_rows(self):
        for name, source, coro, steps, program in ROWS:
            with self.subTest(row=name):
                doc = imported(source)
                self.assertEqual(coroutine(doc, coro), steps)
                self.assertEqual(without_ids(doc["program"]) if "program" in doc else None,
                                 program)

    def test_tasks_of_the_same_call_share_a_wrapper(self):
        doc = imported(next(r[1] for r in ROWS if r[0] == "task_of_to_thread_runs_a_wrapper"))
        self.assertEqual(coroutine(doc, "main")[:3], [
            {"op": "create_task", "coro": "_to_thread_1", "as": "t"},
            {"op": "create_task", "coro": "_to_thread_1", "as": "u"},
            {"op": "create_task", "coro": "_sleep_1", "as": "s"}])
        self.assertEqual([c["name"] for c in doc["coroutines"]],
                         ["main", "_to_thread_1", "_sleep_1"])

    def test_a_function_nothing_calls_is_left_out(self):
        # a tutorial's synchronous main_1() kept beside the async one: its body (a plain
        # function calling another) would be refused, though it never runs
        source = HEAD + "import time\n\n\ndef count(i):\n    time.sleep(1)\n\n\n" \
            "def main_1():\n    for i in range(3):\n        count(i)\n\n\n" \
            "async def main():\n    pass\n" + MAIN
        doc = imported(source)
        self.assertEqual([f["name"] for f in doc["functions"]], ["count"])
        self.assertIn("line 10: main_1() is never called: it is left out", doc["notes"])

    def test_a_printed_task_is_noted(self):
        # Fluent Python's spinner_async_experiment.py prints the spinner task
        source = HEAD + "async def spin():\n    pass\n\n\nasync def main():\n" \
            "    spinner = asyncio.create_task(spin())\n    print(f'spinner object: {spinner}')\n" \
            "    print(spinner.done())\n    await spinner\n" + MAIN
        notes = imported(source)["notes"].splitlines()[1:]
        self.assertEqual(notes, ["- line 9: printing task spinner: CPython prints its repr "
                                 "(<Task pending name='Task-2' coro=<f() running at "
                                 "FILE:LINE>>), the scenario the task's name"])

    def test_file_name_is_the_programs_absolute_path(self):
        # CPython (3.9+) makes a script's __file__ absolute; Real Python's countasync.py
        # prints it
        source = HEAD + "async def main():\n    print(__file__, f'{__file__}!')\n" + MAIN
        doc = imported(source, "/work/progs/count.py")
        self.assertEqual(coroutine(doc, "main"), [
            {"op": "print", "text": "/work/progs/count.py /work/progs/count.py!"}])
        self.assertIn("line 4: __file__ is written as this file's path", doc["notes"])


if __name__ == "__main__":
    unittest.main()
