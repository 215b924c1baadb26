"""python3 -m loopscope_import PROGRAM.py [-o OUT.loop.json]

Writes the scenario (default: PROGRAM.loop.json beside the program; `-o -` writes to
standard output). Exit status 0 on success; 2 with one `file:line:col: ...` line per
unsupported construct on standard error when the program cannot be imported (nothing is
written), or on a usage error.
"""

import argparse
import os
import sys

from . import cpu
from .program import import_program
from .refusals import ImportRefused
from .scenario import dumps


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m loopscope_import",
                                     description="Import an asyncio program as a Loopscope "
                                     "scenario.")
    parser.add_argument("program", help="the asyncio program (.py); - reads standard input")
    parser.add_argument("-o", "--output", help="the scenario to write (default "
                        "PROGRAM.loop.json; - for standard output)")
    parser.add_argument("--name", help="the program's name in messages when it is read from "
                        "standard input (default <stdin>)")
    parser.add_argument("--lines", action="store_true", help="also write each step's place "
                        "in the program to standard error, as `loopscope-import-lines: s1=4:5 "
                        "...` (Loopscope places the reader's problems with it)")
    parser.add_argument("--no-measure", action="store_true", help="do not time pure-Python "
                        "CPU loops: give them a placeholder duration")
    args = parser.parse_args(argv)
    try:
        if args.program == "-":
            source, name = sys.stdin.read(), args.name or "<stdin>"
        else:
            with open(args.program, encoding="utf-8") as f:
                source, name = f.read(), args.program
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.program}: cannot read: {error}", file=sys.stderr)
        return 2
    try:
        lines = {}
        doc = import_program(source, name, None if args.no_measure else cpu.measure, lines)
    except ImportRefused as refused:
        for refusal in refused.refusals:
            print(refusal, file=sys.stderr)
        return 2
    text = dumps(doc)
    if args.lines:
        print("loopscope-import-lines: " + " ".join(
            f"{sid}={line}:{col}" for sid, (line, col) in lines.items()), file=sys.stderr)
    output = args.output
    if output is None:
        if args.program == "-":
            output = "-"
        else:
            stem = args.program[:-3] if args.program.endswith(".py") else args.program
            output = stem + ".loop.json"
    if output == "-":
        sys.stdout.write(text)
        return 0
    try:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as error:
        print(f"{output}: cannot write: {error}", file=sys.stderr)
        return 2
    return 0
