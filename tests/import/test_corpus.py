"""The corpus of real programs by others (tests/corpus/*.py, each starting with its
`# Source:`): which import as they are, and, for the rest, exactly what is refused. A
program that starts importing, or a refusal that changes, shows here: update the table."""

import glob
import os
import unittest

from support import SOURCE_DIR, ImportRefused, import_program

# program -> its refusals (file:line:col: ...), for the programs that do not import yet.
# The programs before PyMOTW's all import (the last two since the loop ops of issue 16).
REFUSED = {
    # PyMOTW-3's examples (2014-2016): run_until_complete imports since issue 16's own-loop
    # ops; these are refused for what else they use (tests/corpus/README.md).
    'pymotw_call_at.py': [
        '30:5: calling loop.call_at() is not supported; call print, time.sleep, a coroutine '
        'of this module, or the asyncio operations scenario-format.md lists',
        '31:5: calling loop.call_at() is not supported; call print, time.sleep, a coroutine '
        'of this module, or the asyncio operations scenario-format.md lists',
    ],
    'pymotw_call_soon.py': [
        '28:20: call_soon of wrapped is not supported; pass a function defined in this module '
        '(a def, not a lambda)',
    ],
    'pymotw_cancel_task.py': [
        '31:11: a task formatted with str.format (CPython prints its repr, <Task pending '
        "name='Task-2' coro=<f() running at FILE:LINE>>) is not supported; print the task's "
        'name, task.get_name()',
        '37:9: try ... else is not supported; put those statements at the end of the try',
    ],
    'pymotw_create_task.py': [
        '27:11: a task formatted with str.format (CPython prints its repr, <Task pending '
        "name='Task-2' coro=<f() running at FILE:LINE>>) is not supported; print the task's "
        'name, task.get_name()',
        '29:11: a task formatted with str.format (CPython prints its repr, <Task pending '
        "name='Task-2' coro=<f() running at FILE:LINE>>) is not supported; print the task's "
        'name, task.get_name()',
    ],
    'pymotw_debug.py': [
        '24:1: calling parser.add_argument() is not supported; call print, time.sleep, a '
        'coroutine of this module, or the asyncio operations scenario-format.md lists',
        '32:1: calling logging.basicConfig() is not supported; call print, time.sleep, a '
        'coroutine of this module, or the asyncio operations scenario-format.md lists',
        '41:5: calling LOG.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '45:5: calling LOG.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '49:5: calling LOG.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '50:33: a task of loop.create_task(inner()) is not supported; create tasks of '
        "coroutines defined in this module, of a barrier's, queue's or event's wait(), get() "
        'or join(), or of asyncio.to_thread or asyncio.sleep with arguments the module '
        'defines (no locals)',
        '51:5: calling LOG.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '56:5: calling LOG.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '59:5: calling event_loop.set_debug() is not supported; call print, time.sleep, a '
        'coroutine of this module, or the asyncio operations scenario-format.md lists',
        '63:5: assigning to event_loop.slow_callback_duration is not supported; assign to a '
        'name or a tuple of names',
        '66:5: calling warnings.simplefilter() is not supported; call print, time.sleep, a '
        'coroutine of this module, or the asyncio operations scenario-format.md lists',
        '68:1: calling LOG.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
    ],
    'pymotw_ensure_future.py': [
        '26:11: a task formatted with str.format (CPython prints its repr, <Task pending '
        "name='Task-2' coro=<f() running at FILE:LINE>>) is not supported; print the task's "
        'name, task.get_name()',
    ],
    'pymotw_executor_process.py': [
        '25:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '27:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '33:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '35:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '41:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '44:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '46:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '54:5: calling logging.basicConfig() is not supported; call print, time.sleep, a '
        'coroutine of this module, or the asyncio operations scenario-format.md lists',
        '61:16: making a synchronisation object or pool here is not supported; make it at '
        'module level or at the top of main()',
    ],
    'pymotw_executor_thread.py': [
        '25:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '27:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '33:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '35:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '41:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '44:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '46:5: calling log.info() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '52:5: calling logging.basicConfig() is not supported; call print, time.sleep, a '
        'coroutine of this module, or the asyncio operations scenario-format.md lists',
        '59:16: making a synchronisation object or pool here is not supported; make it at '
        'module level or at the top of main()',
    ],
    'pymotw_future_await.py': [
        '21:5: calling future.set_result() is not supported; call print, time.sleep, a '
        'coroutine of this module, or the asyncio operations scenario-format.md lists',
    ],
    'pymotw_future_callback.py': [
        '26:5: calling all_done.add_done_callback() is not supported; call print, time.sleep, '
        'a coroutine of this module, or the asyncio operations scenario-format.md lists',
        '27:5: calling all_done.add_done_callback() is not supported; call print, time.sleep, '
        'a coroutine of this module, or the asyncio operations scenario-format.md lists',
        '33:5: calling all_done.set_result() is not supported; call print, time.sleep, a '
        'coroutine of this module, or the asyncio operations scenario-format.md lists',
        '38:16: making a synchronisation object or pool here is not supported; make it at '
        'module level or at the top of main()',
    ],
    'pymotw_future_event_loop.py': [
        '21:5: calling future.set_result() is not supported; call print, time.sleep, a '
        'coroutine of this module, or the asyncio operations scenario-format.md lists',
        '26:16: making a synchronisation object or pool here is not supported; make it at '
        'module level or at the top of main()',
        '32:44: running all_done is not supported; run a coroutine defined in this module: '
        'loop.run_until_complete(main())',
    ],
    'pymotw_queue.py': [
        '23:22: awaiting q.get() is not supported; await a coroutine of this module, a task, '
        'or an asyncio function scenario-format.md lists',
        '27:13: calling q.task_done() is not supported; call print, time.sleep, a coroutine '
        'of this module, or the asyncio operations scenario-format.md lists',
        '31:13: calling q.task_done() is not supported; call print, time.sleep, a coroutine '
        'of this module, or the asyncio operations scenario-format.md lists',
        '39:15: awaiting q.put() is not supported; await a coroutine of this module, a task, '
        'or an asyncio function scenario-format.md lists',
        '45:15: awaiting q.put() is not supported; await a coroutine of this module, a task, '
        'or an asyncio function scenario-format.md lists',
        '47:11: awaiting q.join() is not supported; await a coroutine of this module, a task, '
        'or an asyncio function scenario-format.md lists',
        '54:31: a computed size of a synchronisation object or pool is not supported; write '
        'the number itself',
    ],
    'pymotw_stop.py': [
        '20:1: calling logging.basicConfig() is not supported; call print, time.sleep, a '
        'coroutine of this module, or the asyncio operations scenario-format.md lists',
        '29:5: calling LOG.debug() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '30:5: calling loop.stop() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '38:5: calling LOG.debug() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
        '41:5: calling LOG.debug() is not supported; call print, time.sleep, a coroutine of '
        'this module, or the asyncio operations scenario-format.md lists',
    ],
}


def corpus():
    for path in sorted(glob.glob(os.path.join(SOURCE_DIR, "tests", "corpus", "*.py"))):
        with open(path, encoding="utf-8") as f:
            source = f.read()
        if source.startswith("# Source:"):
            yield os.path.basename(path), source


class Corpus(unittest.TestCase):
    def test_every_program(self):
        programs = list(corpus())
        self.assertGreaterEqual(len(programs), 25)
        for name, source in programs:
            with self.subTest(program=name):
                try:
                    import_program(source, name, None)
                    refused = None
                except ImportRefused as error:
                    refused = [str(r)[len(name) + 1:] for r in error.refusals]
                self.assertEqual(refused, REFUSED.get(name))


if __name__ == "__main__":
    unittest.main()
