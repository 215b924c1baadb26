"""Every refused construct: one named row each, with the exact message and position
(file:line:col, the column 1-based), and nothing imported."""

import sys
import unittest

from support import refusals

HEAD = "import asyncio\n\n"
MAIN = "\n\nasyncio.run(main())\n"

# (row name, program, expected messages)
ROWS = [
    ("class_with_async_methods",
     HEAD + "class Client:\n    async def get(self):\n        pass\n\n\nasync def main():\n"
     "    pass\n" + MAIN,
     ["prog.py:3:1: a class with async methods is not supported; write the methods as "
      "coroutines at module level and keep the state in module variables"]),
    ("class_definition",
     HEAD + "class Point:\n    x = 0\n\n\nasync def main():\n    pass\n" + MAIN,
     ["prog.py:3:1: a class definition is not supported; keep the state in module variables"]),
    ("async_generator",
     HEAD + "async def ticks():\n    yield 1\n\n\nasync def main():\n    pass\n" + MAIN,
     ["prog.py:3:1: an async generator (async def with yield) is not supported; put the "
      "values in an asyncio.Queue, or return a list"]),
    ("async_for",
     HEAD + "async def main():\n    async for x in source():\n        pass\n" + MAIN,
     ["prog.py:4:5: async for is not supported; use a for loop over a list, or a queue with "
      "get()"]),
    ("lambda_in_condition",
     HEAD + "async def main():\n    if (lambda: 1)():\n        pass\n" + MAIN,
     ["prog.py:4:9: a lambda is not supported; use a condition expression or a def "
      "function"]),
    ("condition_wait_for_function",
     HEAD + "cond = asyncio.Condition()\n\n\ndef ready():\n    return True\n\n\n"
     "async def main():\n    async with cond:\n        await cond.wait_for(ready)\n" + MAIN,
     ["prog.py:12:29: cond.wait_for with a predicate other than a lambda is not supported; "
      "write `lambda: <condition>`"]),
    ("two_awaits_inside_an_expression",
     HEAD + "async def f():\n    return 1\n\n\nasync def main():\n"
     "    print(await f(), await f())\n"
     + MAIN,
     ["prog.py:8:11: an await inside an expression is not supported; await in a statement "
      "of its own (`x = await ...`) and use x"]),
    # SuperFastPython's current_task()/all_tasks()/shield() examples imported, then failed
    # at run time with "AttributeError: module 'asyncio' has no attribute 'current_task'".
    ("asyncio_current_task_in_an_expression",
     HEAD + "async def main():\n    task = asyncio.current_task()\n    print(task)\n" + MAIN,
     ["prog.py:4:12: asyncio.current_task() in an expression is not supported; an expression "
      "may call asyncio.get_running_loop(), get_event_loop() or new_event_loop()"]),
    ("asyncio_sleep_kept_as_a_value",  # SuperFastPython's `awaitable = asyncio.sleep(0.1)`
     HEAD + "async def main():\n    awaitable = asyncio.sleep(0.1)\n    await awaitable\n" + MAIN,
     ["prog.py:4:17: asyncio.sleep() kept as a value is not supported; await "
      "asyncio.sleep(...) where it is made, or make a task of it there"]),
    ("asyncio_all_tasks_in_a_print",
     HEAD + "async def main():\n    print(len(asyncio.all_tasks()))\n" + MAIN,
     ["prog.py:4:15: asyncio.all_tasks() in an expression is not supported; an expression "
      "may call asyncio.get_running_loop(), get_event_loop() or new_event_loop()"]),
    # SuperFastPython's `was_cancelled = task.cancel('Stop Right Now')` imported, then the run
    # failed with "TypeError: cancel() takes no arguments (1 given)", which CPython never says.
    ("cancel_with_a_message",
     HEAD + "async def w():\n    await asyncio.sleep(1)\n\n\nasync def main():\n"
     "    t = asyncio.create_task(w())\n    was = t.cancel('stop')\n" + MAIN,
     ["prog.py:9:11: t.cancel() with a message is not supported; call t.cancel() without "
      "one (a scenario's cancel carries no message)"]),
    ("cancel_inside_an_expression",
     HEAD + "async def w():\n    await asyncio.sleep(1)\n\n\nasync def main():\n"
     "    t = asyncio.create_task(w())\n    print(t.cancel())\n" + MAIN,
     ["prog.py:9:11: t.cancel() inside an expression is not supported; cancel in a statement "
      "of its own (`t.cancel()`, or `was = t.cancel()`)"]),
    ("set_comprehension",
     HEAD + "async def main():\n    xs = {i * 2 for i in range(3)}\n" + MAIN,
     ["prog.py:4:10: a set comprehension is not supported; use a for loop"]),
    ("expression_in_a_task_name",
     HEAD + "async def w(i):\n    pass\n\n\nasync def main():\n"
     "    t = asyncio.create_task(w(1), name=f\"w-{1 + 1}\")\n" + MAIN,
     ["prog.py:8:45: an expression in a task name or an exception message is not supported; "
      "compute it into a variable first and write f\"...{variable}...\""]),
    ("converted_name_in_an_exception_message",
     HEAD + "async def main():\n    x = 1\n    raise ValueError(f\"bad {x!r}\")\n" + MAIN,
     ["prog.py:5:29: an expression in a task name or an exception message is not supported; "
      "compute it into a variable first and write f\"...{variable}...\""]),
    ("generator_expression_kept_in_a_variable",
     HEAD + "async def main():\n    g = (i * 2 for i in range(3))\n    print(sum(g))\n" + MAIN,
     ["prog.py:4:9: a generator expression outside a call's arguments is not supported; "
      "pass it to a call (`sum(x for x in xs)`) or use a list comprehension"]),
    ("bare_except",
     HEAD + "async def main():\n    try:\n        pass\n    except:\n        pass\n" + MAIN,
     ["prog.py:6:5: a bare except is not supported; use except Exception (it lets "
      "CancelledError through, as the scenario's `*` does)"]),
    ("sync_with",
     HEAD + "async def main():\n    with open('f') as f:\n        pass\n" + MAIN,
     ["prog.py:4:5: a with statement is not supported; use async with on an asyncio lock, "
      "semaphore, condition or TaskGroup"]),
    ("nested_def",
     HEAD + "async def main():\n    def helper():\n        pass\n" + MAIN,
     ["prog.py:4:5: a nested function definition is not supported; define functions at "
      "module level"]),
    ("create_task_in_group_body",
     HEAD + "async def f():\n    pass\n\n\nasync def main():\n"
     "    async with asyncio.TaskGroup() as tg:\n        asyncio.create_task(f())\n" + MAIN,
     ["prog.py:9:9: asyncio.create_task inside a TaskGroup body is not supported; use "
      "tg.create_task (a scenario's create_task there belongs to the group)"]),
    ("coroutine_in_variable_never_awaited",
     HEAD + "async def f():\n    pass\n\n\nasync def main():\n    c = f()\n" + MAIN,
     ["prog.py:8:9: a coroutine object that is never awaited here is not supported; await "
      "it, or call it as a statement of its own"]),
    ("unknown_await",
     HEAD + "import aiofiles\n\n\nasync def main():\n    await aiofiles.open('x')\n" + MAIN,
     ["prog.py:7:11: awaiting aiofiles.open() is not supported; await a coroutine of this "
      "module, a task, or an asyncio function scenario-format.md lists"]),
    ("aiohttp_session",
     HEAD + "import aiohttp\n\n\nasync def main():\n"
     "    async with aiohttp.ClientSession() as s:\n        pass\n" + MAIN,
     ["prog.py:7:16: an aiohttp session is not supported; write each request as `await "
      "asyncio.sleep(seconds)  # the request`"]),
    ("priority_queue",
     HEAD + "q = asyncio.PriorityQueue()\n\n\nasync def main():\n    pass\n" + MAIN,
     ["prog.py:3:5: asyncio.PriorityQueue is not supported; use asyncio.Queue (first in, "
      "first out)"]),
    ("resource_in_a_loop",
     HEAD + "async def main():\n    for i in range(2):\n        lock = asyncio.Lock()\n"
     + MAIN,
     ["prog.py:5:16: making a synchronisation object or pool here is not supported; make it "
      "at module level or at the top of main()"]),
    ("star_args",
     HEAD + "async def f(*args):\n    pass\n\n\nasync def main():\n    await f()\n" + MAIN,
     ["prog.py:3:14: *args or **kwargs in a coroutine is not supported; declare each "
      "parameter"]),
    ("decorator",
     HEAD + "def deco(f):\n    return f\n\n\n@deco\nasync def main():\n    pass\n" + MAIN,
     ["prog.py:7:2: a decorated coroutine is not supported; remove the decorator"]),
    ("no_asyncio_run",
     HEAD + "async def main():\n    pass\n",
     ["prog.py:1:1: a program without asyncio.run(...) is not supported; start the program "
      "with asyncio.run(main())"]),
    ("syntax_error",
     "async def main(:\n    pass\n",
     ["prog.py:1:16: SyntaxError: invalid syntax"]),
    ("print_to_file",
     HEAD + "import sys\n\n\nasync def main():\n    print('x', file=sys.stderr)\n" + MAIN,
     ["prog.py:7:21: print(file=...) is not supported; print to standard output with sep= "
      "and end= only"]),
    ("try_else",
     HEAD + "async def main():\n    try:\n        pass\n    except ValueError:\n"
     "        pass\n    else:\n        pass\n" + MAIN,
     ["prog.py:9:9: try ... else is not supported; put those statements at the end of the "
      "try"]),
    ("unknown_call",
     HEAD + "import os\n\n\nasync def main():\n    os.remove('x')\n" + MAIN,
     ["prog.py:7:5: calling os.remove() is not supported; call print, time.sleep, a "
      "coroutine of this module, or the asyncio operations scenario-format.md lists"]),
    ("asyncio_run_in_coroutine",
     HEAD + "async def f():\n    pass\n\n\nasync def main():\n    asyncio.run(f())\n" + MAIN,
     ["prog.py:8:5: asyncio.run inside a function is not supported; call asyncio.run at "
      "module level"]),
    ("await_outside_coroutine_op",
     HEAD + "lock = asyncio.Lock()\n\n\ndef f():\n    lock.release()\n    print('x')\n\n\n"
     "async def main():\n    await asyncio.to_thread(f)\n" + MAIN,
     []),  # a sync op in a plain function is fine: this row checks that nothing is refused
    ("awaitable_op_in_function",
     HEAD + "q = asyncio.Queue()\n\n\ndef f():\n    q.join()\n\n\n"
     "async def main():\n    await asyncio.to_thread(f)\n" + MAIN,
     ["prog.py:7:5: q.join() on a queue is not supported; use the methods "
      "scenario-format.md lists for it"]),
    ("wait_for_operation_with_timeout_zero",
     HEAD + "async def main():\n    await asyncio.wait_for(asyncio.sleep(2), 0)\n" + MAIN,
     ["prog.py:4:46: wait_for of asyncio.sleep(2) with a timeout that may be 0 or less is "
      "not supported; give a number above 0 or None"]),
    ("wait_for_operation_result",
     HEAD + "async def main():\n    x = await asyncio.wait_for(asyncio.sleep(2), 1)\n" + MAIN,
     ["prog.py:4:15: the result of asyncio.wait_for(asyncio.sleep(2), 1) is not supported; "
      "await it as a statement of its own"]),
    ("runner_with_options",
     HEAD + "async def main():\n    pass\n\n\nwith asyncio.Runner(debug=True) as runner:\n"
     "    runner.run(main())\n",
     ["prog.py:7:6: asyncio.Runner with options is not supported; write asyncio.Runner()"]),
    ("runner_block_of_two_runs",
     HEAD + "async def main():\n    pass\n\n\nwith asyncio.Runner() as runner:\n"
     "    runner.run(main())\n    runner.run(main())\n",
     ["prog.py:9:5: a Runner block other than one `runner.run(main())` is not supported; "
      "write `runner.run(main())` alone in it, or asyncio.run(main())"]),
    ("runner_block_other_statement",
     HEAD + "async def main():\n    pass\n\n\nwith asyncio.Runner() as runner:\n"
     "    print(runner)\n",
     ["prog.py:8:5: a Runner block other than one `runner.run(main())` is not supported; "
      "write `runner.run(main())` alone in it, or asyncio.run(main())"]),
    ("task_comprehension_variable_named_as_a_parameter",
     HEAD + "async def f(n):\n    pass\n\n\nasync def main(n=2):\n"
     "    ts = [asyncio.create_task(f(n)) for n in range(n)]\n" + MAIN,
     ["prog.py:8:41: a comprehension variable named as a parameter is not supported; name "
      "it otherwise (the comprehension becomes a for loop)"]),
    ("task_of_to_thread_of_a_local",  # the wrapper coroutine cannot see main's locals
     HEAD + "def work(n):\n    return n\n\n\nasync def main():\n    k = 2\n"
     "    t = asyncio.create_task(asyncio.to_thread(work, k))\n" + MAIN,
     ["prog.py:9:29: a task of asyncio.to_thread(work, k) is not supported; create tasks of "
      "coroutines defined in this module, of a barrier's, queue's or event's wait(), get() "
      "or join(), or of asyncio.to_thread or asyncio.sleep with arguments the module defines "
      "(no locals)"]),
    ("list_of_coroutines_never_gathered",
     HEAD + "async def f():\n    pass\n\n\nasync def main():\n"
     "    cs = [f() for _ in range(2)]\n" + MAIN,
     ["prog.py:8:10: a coroutine object that is never awaited here is not supported; await "
      "it, or call it as a statement of its own"]),
    ("exception_class",  # the docs' "Terminating a Task Group" (3.13)
     HEAD + "class TerminateTaskGroup(Exception):\n    \"\"\"Raised to terminate.\"\"\"\n\n\n"
     "async def main():\n    pass\n" + MAIN,
     ["prog.py:3:1: an exception class of the program's own is not supported; raise a "
      "built-in exception with a message, e.g. RuntimeError('terminate')"]),
    ("call_soon_on_a_loop_passed_in",  # PyMOTW-3's asyncio_call_soon.py
     HEAD + "def cb(n):\n    print(n)\n\n\nasync def main(loop):\n    loop.call_soon(cb, 1)\n"
     "\n\nasyncio.run(main(None))\n",
     ["prog.py:8:5: loop.call_soon() on loop, not known as the running loop is not supported; "
      "get the loop in the coroutine with loop = asyncio.get_running_loop()"]),
    ("every_refusal_listed",
     HEAD + "async def main():\n    x = lambda: 1\n    async for y in z:\n        pass\n"
     "    raise ValueError from None\n" + MAIN,
     ["prog.py:4:9: a lambda is not supported; use a condition expression or a def function",
      "prog.py:5:5: async for is not supported; use a for loop over a list, or a queue with "
      "get()",
      "prog.py:7:27: raise ... from ... is not supported; raise the error without a cause"]),
]


class Refusals(unittest.TestCase):
    def test_rows(self):
        for name, source, expected in ROWS:
            with self.subTest(row=name):
                if not expected:
                    from support import imported
                    imported(source)  # raises if anything is refused
                    continue
                self.assertEqual(refusals(source), expected)

    def test_newer_f_string_says_which_python_parsed_it(self):
        # the asyncio conceptual overview nests the same quotes in an f-string (3.12, PEP 701)
        source = HEAD + "async def main():\n    print(f\"{\"a\"}\")\n" + MAIN
        if sys.version_info >= (3, 12):
            from support import imported
            imported(source)
            return
        version = ".".join(map(str, sys.version_info[:3]))
        self.assertEqual(refusals(source), [
            f"prog.py:4:15: SyntaxError: f-string: expecting '}}' (Python {version} parsed it; "
            "Python 3.12 allows more in f-strings: set LOOPSCOPE_PYTHON=python3.12 to import "
            "with it)"])


if __name__ == "__main__":
    unittest.main()
