"""Import an asyncio program as a Loopscope scenario (docs/scenario-format.md).

The program is parsed with CPython's own `ast` module, never run (except the short timeit
measurement of pure-Python CPU loops, see cpu.py). `import_program(text, filename)` returns
the scenario as a dict, or raises `ImportRefused` listing every construct a scenario cannot
express, each as `file:line:col: <what> is not supported; <instead>`.
"""

from .refusals import ImportRefused, Refusal
from .program import import_program

__all__ = ["ImportRefused", "Refusal", "import_program"]
