"""The corpus of real programs by others (tests/corpus/*.py, each starting with its
`# Source:`): which import as they are, and, for the rest, exactly what is refused. A
program that starts importing, or a refusal that changes, shows here: update the table."""

import glob
import os
import unittest

from support import SOURCE_DIR, ImportRefused, import_program

# program -> its refusals (file:line:col: ...), for the programs that do not import yet.
REFUSED = {}  # every program of the corpus imports (the last two since the loop ops of issue 16)


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
