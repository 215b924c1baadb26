"""Every lesson: export its Python with `loopscope run FILE --export X.py`, import it back,
and compare with the lesson up to what the Python program cannot carry: step ids, layout,
notes, the clock, variants (the export writes the base program only) and the lesson's questions. Defaults are
filled in on both sides (a lesson may write `"maxsize": 0`, the import leaves it out).
The imported file must also pass `loopscope check` as it is."""

import copy
import glob
import os
import subprocess
import tempfile
import unittest

from support import SOURCE_DIR, imported, load, loopscope_binary

_NOT_IN_PYTHON = ("notes", "layout", "clock", "variants", "questions")
_PYTHON_DEFAULTS = {"gil": True, "switch_interval": 0.005, "cpu_count": 4}
_RESOURCE_DEFAULTS = {"queue": {"maxsize": 0, "items": []}, "semaphore": {"bounded": False},
                      "process_pool": {"startup": 0}}
_STEP_DEFAULTS = {"call": {"await": True}, "gather": {"return_exceptions": False},
                  "notify": {"n": 1}}


def _steps(steps):
    out = []
    for step in steps:
        step = {k: v for k, v in step.items() if k != "id"}
        step = {**_STEP_DEFAULTS.get(step["op"], {}), **step}
        for key in ("steps", "finally", "else"):
            if key in step:
                step[key] = _steps(step[key])
        if "except" in step:
            step["except"] = {k: {**v, "steps": _steps(v["steps"])} if isinstance(v, dict)
                              else _steps(v) for k, v in step["except"].items()}
        if "elif" in step:
            step["elif"] = [{**clause, "steps": _steps(clause["steps"])}
                            for clause in step["elif"]]
        out.append(step)
    return out


def normalised(doc):
    doc = copy.deepcopy(doc)
    for key in _NOT_IN_PYTHON:
        doc.pop(key, None)
    doc["python"] = {**_PYTHON_DEFAULTS, **doc.get("python", {})}
    doc["resources"] = [{**_RESOURCE_DEFAULTS.get(r["kind"], {}), **r}
                        for r in doc.get("resources", [])]
    for coroutine in doc["coroutines"] + doc.get("functions", []):
        coroutine.setdefault("params", [])
        coroutine["steps"] = _steps(coroutine["steps"])
    if "program" in doc:
        doc["program"] = _steps(doc["program"])
    return doc


class RoundTrip(unittest.TestCase):
    def test_every_lesson(self):
        lessons = sorted(glob.glob(os.path.join(SOURCE_DIR, "examples", "[0-9]*.loop.json")))
        self.assertEqual(len(lessons), 25)
        binary = loopscope_binary()
        with tempfile.TemporaryDirectory() as tmp:
            for lesson in lessons:
                name = os.path.basename(lesson)[: -len(".loop.json")]
                with self.subTest(lesson=name):
                    program = os.path.join(tmp, name + ".py")
                    run = subprocess.run([binary, "run", lesson, "--quiet", "--export", program],
                                         capture_output=True, text=True, timeout=120)
                    self.assertTrue(os.path.exists(program), run.stderr)
                    with open(program, encoding="utf-8") as f:
                        doc = imported(f.read(), program)
                    self.assertEqual(normalised(doc), normalised(load(lesson)))
                    self.check(binary, doc, os.path.join(tmp, name + ".loop.json"))

    def check(self, binary, doc, path):
        from loopscope_import.scenario import dumps
        with open(path, "w", encoding="utf-8") as f:
            f.write(dumps(doc))
        checked = subprocess.run([binary, "check", path], capture_output=True, text=True,
                                 timeout=60)
        self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)


if __name__ == "__main__":
    unittest.main()
