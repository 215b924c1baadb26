"""The corpus of real programs by others (tests/corpus/*.py, each starting with its
`# Source:`): which import as they are, and, for the rest, exactly what is refused. A
program that starts importing, or a refusal that changes, shows here: update the table."""

import glob
import os
import unittest

from support import SOURCE_DIR, ImportRefused, import_program

# program -> its refusals (file:line:col: ...), for the programs that do not import yet.
REFUSED = {
    "lessons_faulty_task.py": [
        "16:5: using the caught exception (e) is not supported; print or raise a text of your "
        "own"],
    "pydocs_barrier.py": [
        "14:8: making a synchronisation object or pool here is not supported; make it at "
        "module level or at the top of main()",
        "17:24: a task of b.wait() is not supported; create tasks of coroutines defined in "
        "this module",
        "18:24: a task of b.wait() is not supported; create tasks of coroutines defined in "
        "this module",
        "24:10: awaiting b.wait() is not supported; await a coroutine of this module, a task, "
        "or an asyncio function scenario-format.md lists"],
    "pydocs_call_later_date.py": [
        f"{pos}: calling {call}() is not supported; call print, time.sleep, a coroutine of "
        "this module, or the asyncio operations scenario-format.md lists"
        for pos, call in [("15:9", "loop.call_later"), ("17:9", "loop.stop"),
                          ("23:1", "loop.call_soon"), ("27:5", "loop.run_forever"),
                          ("29:5", "loop.close")]],
    "pydocs_call_soon_hello.py": [
        f"{pos}: calling {call}() is not supported; call print, time.sleep, a coroutine of "
        "this module, or the asyncio operations scenario-format.md lists"
        for pos, call in [("14:5", "loop.stop"), ("19:1", "loop.call_soon"),
                          ("23:5", "loop.run_forever"), ("25:5", "loop.close")]],
    "pydocs_task_cancel.py": [
        "19:9: a bare raise is not supported; raise the error again by name: raise "
        "ValueError(...)"],
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
