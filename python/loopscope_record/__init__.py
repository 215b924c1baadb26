"""loopscope_record: records a real asyncio program as a Loopscope trace (docs/trace-format.md).

Pure Python, standard library only, CPython 3.11+. `loopscope record` runs it as
`python -m loopscope_record [--virtual] --out TRACE.json PROGRAM.py [ARGS...]` with this folder's
parent on PYTHONPATH; nothing needs to be installed. docs/recording.md says what is recorded
and how; hooks.py has the hooks, recording.py the trace they fill.
"""

__all__ = ["main"]


def main(argv=None):
    from .cli import main as cli_main

    return cli_main(argv)
