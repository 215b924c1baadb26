"""Shared by the importer's tests: where the package, the examples and the executable are."""

import json
import os
import sys

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SOURCE_DIR, "python"))

from loopscope_import import ImportRefused, import_program  # noqa: E402


def loopscope_binary():
    """LOOPSCOPE_BINARY (ctest sets it), else the dev build's executable."""
    return os.environ.get("LOOPSCOPE_BINARY",
                          os.path.join(SOURCE_DIR, "build", "dev", "app", "loopscope"))


def fixed_measure(seconds):
    """A measurement stand-in: every measurable CPU loop takes `seconds`."""
    calls = []

    def measure(setup, stmt):
        calls.append((setup, stmt))
        return seconds

    measure.calls = calls
    return measure


def imported(source, filename="prog.py", measure=None):
    return import_program(source, filename, measure)


def refusals(source, filename="prog.py"):
    try:
        import_program(source, filename, None)
    except ImportRefused as refused:
        return [str(r) for r in refused.refusals]
    raise AssertionError("the program was imported; expected refusals")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
