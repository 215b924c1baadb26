"""A program that runs the event loop itself (python/loopscope_import/own_loop.py):
`loop = asyncio.new_event_loop()`, call_soon / call_later before it runs, run_forever, stop
from a callback, close. The exact steps each form imports as, a named row for each construct
of it that is refused (message and position), and the round trip of the corpus programs that
use it through the real executable's Python export."""

import json
import os
import subprocess
import tempfile
import unittest

from support import SOURCE_DIR, imported, loopscope_binary, refusals

HEAD = "import asyncio\n\n\n"
HELLO = HEAD + ("def hello(lp):\n    print('hi')\n    lp.stop()\n\n\n"
                "loop = asyncio.new_event_loop()\n")


def without_ids(value):
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


# (row, program, the functions and the program steps it imports as)
ROWS = [
    ("parameter_passed_the_loop_is_the_loop",
     HELLO + "loop.call_soon(hello, loop)\nloop.run_forever()\nloop.close()\n",
     [{"name": "hello", "params": ["lp"], "steps": [
         {"op": "print", "text": "hi"}, {"op": "stop", "loop": "lp"}]}],
     [{"op": "set", "name": "loop", "value": "$asyncio.new_event_loop()"},
      {"op": "call_soon", "function": "hello", "args": {"lp": "$loop"}, "loop": "loop"},
      {"op": "run_forever", "loop": "loop"}, {"op": "close", "loop": "loop"}]),
    ("call_later_and_stop_before_the_loop_runs",
     HELLO + "loop.call_later(2.5, hello, loop)\nloop.stop()\ntry:\n    loop.run_forever()\n"
     "finally:\n    loop.close()\n",
     [{"name": "hello", "params": ["lp"], "steps": [
         {"op": "print", "text": "hi"}, {"op": "stop", "loop": "lp"}]}],
     [{"op": "set", "name": "loop", "value": "$asyncio.new_event_loop()"},
      {"op": "call_later", "delay": 2.5, "function": "hello", "args": {"lp": "$loop"},
       "loop": "loop"},
      {"op": "stop", "loop": "loop"},
      {"op": "try", "steps": [{"op": "run_forever", "loop": "loop"}],
       "finally": [{"op": "close", "loop": "loop"}]}]),
    ("get_event_loop_in_the_main_guard",
     HEAD + "def cb():\n    asyncio.get_running_loop().stop()\n\n\n"
     "if __name__ == '__main__':\n    ev = asyncio.get_event_loop()\n    ev.call_soon(cb)\n"
     "    ev.run_forever()\n",
     [{"name": "cb", "steps": [{"op": "stop"}]}],
     [{"op": "set", "name": "ev", "value": "$asyncio.get_event_loop()"},
      {"op": "call_soon", "function": "cb", "loop": "ev"}, {"op": "run_forever", "loop": "ev"}]),
]

WORK = HEAD + "async def work(n):\n    await asyncio.sleep(n)\n    return n\n\n\n"
WORK_DEF = {"name": "work", "params": ["n"], "steps": [
    {"op": "sleep", "seconds": "$n"}, {"op": "return", "value": "$n"}]}

# loop.run_until_complete (PyMOTW-3's form): (row, program, coroutines, functions, program steps)
UNTIL_COMPLETE = [
    ("assigned_and_bare_in_try_finally",
     WORK + "loop = asyncio.get_event_loop()\ntry:\n    r = loop.run_until_complete(work(1))\n"
     "    print(r)\n    loop.run_until_complete(work(2))\nfinally:\n    loop.close()\n",
     [WORK_DEF], None,
     [{"op": "set", "name": "loop", "value": "$asyncio.get_event_loop()"},
      {"op": "try", "steps": [
          {"op": "run_until_complete", "loop": "loop", "coro": "work", "args": {"n": 1},
           "as": "r"},
          {"op": "print", "text": "{r}"},
          {"op": "run_until_complete", "loop": "loop", "coro": "work", "args": {"n": 2}}],
       "finally": [{"op": "close", "loop": "loop"}]}]),
    ("coroutine_passed_the_loop_uses_it",
     HEAD + "def cb():\n    print('cb')\n\n\nasync def main(lp):\n    lp.call_soon(cb)\n"
     "    await asyncio.sleep(0.1)\n\n\nloop = asyncio.new_event_loop()\n"
     "loop.run_until_complete(main(loop))\nloop.close()\n",
     [{"name": "main", "params": ["lp"], "steps": [
         {"op": "call_soon", "function": "cb", "loop": "lp"}, {"op": "sleep", "seconds": 0.1}]}],
     [{"name": "cb", "steps": [{"op": "print", "text": "cb"}]}],
     [{"op": "set", "name": "loop", "value": "$asyncio.new_event_loop()"},
      {"op": "run_until_complete", "loop": "loop", "coro": "main", "args": {"lp": "$loop"}},
      {"op": "close", "loop": "loop"}]),
    ("coroutine_object_kept_on_get_event_loop",
     WORK + "c = work(3)\nx = asyncio.get_event_loop().run_until_complete(c)\nprint(x)\n",
     [WORK_DEF], None,
     [{"op": "run_until_complete", "loop": "asyncio.get_event_loop()", "coro": "work",
       "args": {"n": 3}, "as": "x"},
      {"op": "print", "text": "{x}"}]),
]

# (row, program, its refusals): every construct of the form that is refused.
REFUSED = [
    ("run_forever_inside_a_function",
     HEAD + "loop = asyncio.new_event_loop()\n\n\ndef go():\n    loop.run_forever()\n\n\n"
     "loop.call_soon(go)\nloop.stop()\nloop.run_forever()\n",
     ["prog.py:8:5: loop.run_forever() inside a function is not supported; run and close the "
      "loop in the module's code"]),
    ("close_of_a_loop_not_made_here",
     HEAD + "loop = asyncio.get_running_loop()\nloop.close()\n",
     ["prog.py:5:1: loop.close() of a loop not made here is not supported; make it with "
      "loop = asyncio.new_event_loop()"]),
    ("loop_method_with_arguments",
     HELLO + "loop.call_soon(hello, loop)\nloop.run_forever(1)\n",
     ["prog.py:11:1: loop.run_forever() with arguments is not supported; write "
      "loop.run_forever()"]),
    ("loop_made_with_arguments",
     HEAD + "def cb():\n    pass\n\n\nloop = asyncio.new_event_loop(1)\nloop.call_soon(cb)\n"
     "loop.run_forever()\n",
     ["prog.py:8:8: a loop made with arguments or kept elsewhere than in a name is not "
      "supported; write loop = asyncio.new_event_loop()"]),
    ("run_until_complete_inside_a_function",
     WORK + "loop = asyncio.new_event_loop()\n\n\ndef go():\n    loop.run_until_complete(work(1))\n"
     "\n\nloop.call_soon(go)\nloop.run_forever()\n",
     ["prog.py:13:5: loop.run_until_complete() inside a function is not supported; run the "
      "loop in the module's code"]),
    ("run_until_complete_of_two_arguments",
     WORK + "loop = asyncio.new_event_loop()\nloop.run_until_complete(work(1), 2)\n",
     ["prog.py:10:1: loop.run_until_complete() with other than one coroutine is not "
      "supported; write loop.run_until_complete(main())"]),
    ("run_until_complete_of_no_coroutine_of_the_module",
     WORK + "loop = asyncio.new_event_loop()\nloop.run_until_complete(asyncio.sleep(1))\n",
     ["prog.py:10:25: running asyncio.sleep(1) is not supported; run a coroutine defined in "
      "this module: loop.run_until_complete(main())"]),
    ("run_until_complete_of_a_loop_not_made_here",
     WORK + "lp = asyncio.get_running_loop()\nlp.run_until_complete(work(1))\n",
     ["prog.py:10:1: loop.run_until_complete() of a loop not made here is not supported; "
      "make it with loop = asyncio.new_event_loop()"]),
]


class OwnLoopForms(unittest.TestCase):
    def test_forms(self):
        for name, program, functions, steps in ROWS:
            with self.subTest(row=name):
                doc = imported(program)
                self.assertEqual(without_ids(doc.get("functions")), functions)
                self.assertEqual(doc["coroutines"], [])
                self.assertEqual(without_ids(doc["program"]), steps)

    def test_run_until_complete(self):
        for name, program, coroutines, functions, steps in UNTIL_COMPLETE:
            with self.subTest(row=name):
                doc = imported(program)
                self.assertEqual(without_ids(doc["coroutines"]), coroutines)
                self.assertEqual(without_ids(doc.get("functions")), functions)
                self.assertEqual(without_ids(doc["program"]), steps)

    def test_refusals(self):
        for name, program, expected in REFUSED:
            with self.subTest(row=name):
                self.assertEqual(refusals(program), expected)


class OwnLoopRoundTrip(unittest.TestCase):
    """The corpus programs of the form: import, export with `loopscope run --export`, import
    the export: the same scenario up to ids, title and notes."""

    def test_corpus_programs(self):
        binary = loopscope_binary()
        if not os.path.exists(binary):
            self.skipTest("no loopscope executable (LOOPSCOPE_BINARY)")
        for name in ("pydocs_call_soon_hello", "pydocs_call_later_date",
                     "pymotw_coroutine_chain", "pymotw_call_later"):
            with self.subTest(program=name), tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(SOURCE_DIR, "tests", "corpus", name + ".py")
                with open(path, encoding="utf-8") as f:
                    first = imported(f.read(), path)
                scenario = os.path.join(tmp, name + ".loop.json")
                with open(scenario, "w", encoding="utf-8") as f:
                    json.dump(first, f)
                exported = os.path.join(tmp, name + ".py")
                subprocess.run([binary, "run", scenario, "--quiet", "--export", exported],
                               check=True, capture_output=True, timeout=60)
                with open(exported, encoding="utf-8") as f:
                    back = imported(f.read(), exported)
                for doc in (first, back):
                    for key in ("title", "notes"):
                        doc.pop(key, None)
                self.assertEqual(without_ids(back), without_ids(first))


if __name__ == "__main__":
    unittest.main()
