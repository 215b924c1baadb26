"""Small programs and the exact scenario each imports as (golden/NAME.py -> NAME.loop.json,
compared as text: the layout is part of the output). Pure-Python CPU loops are "measured"
by a stand-in that says 0.25 s, so that the files do not depend on this machine.
LOOPSCOPE_REGENERATE=1 rewrites the expected files (read them before committing)."""

import glob
import os
import unittest

from support import fixed_measure, imported

from loopscope_import.scenario import dumps

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")


class Golden(unittest.TestCase):
    def test_programs(self):
        programs = sorted(glob.glob(os.path.join(GOLDEN, "*.py")))
        self.assertGreaterEqual(len(programs), 6)
        for program in programs:
            with self.subTest(program=os.path.basename(program)):
                with open(program, encoding="utf-8") as f:
                    doc = imported(f.read(), os.path.basename(program), fixed_measure(0.25))
                text = dumps(doc)
                expected_path = program[:-3] + ".loop.json"
                if os.environ.get("LOOPSCOPE_REGENERATE"):
                    with open(expected_path, "w", encoding="utf-8") as f:
                        f.write(text)
                with open(expected_path, encoding="utf-8") as f:
                    self.assertEqual(text, f.read())


if __name__ == "__main__":
    unittest.main()
