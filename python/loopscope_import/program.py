"""The module: imports, definitions, resources, module code and `asyncio.run(main())`."""

import ast
import os
import sys

from . import cpu
from .comments import Comments
from .module_parts import ModuleParts, is_main_guard
from .names import (NETWORK_PLACEHOLDER, Aliases, qualify_from_imports, resolve_file_name,
                    undo_export_renames)
from .own_loop import OwnLoop
from .refusals import Refusals, Unsupported, refuse
from .resources import resource_of
from .scenario import assemble
from .statements import Body
from .values import literal, numeric_field, value_field

BURN_DOC = "Pure-Python CPU work: spin"


class Importer(ModuleParts, OwnLoop):
    def __init__(self, source, filename, measure=cpu.measure):
        self.source = source
        self.filename = filename
        self.measure = measure
        self.refusals = Refusals(filename)
        self.comments = Comments(source)
        self.aliases = Aliases()
        self.coroutines, self.coroutine_params, self.defaults = {}, {}, {}
        self.functions, self.function_params = {}, {}
        self.cpu_functions = set()
        self.burn_helpers = set()
        self.resources = {}
        self.made_resources = set()  # id() of the constructor calls that made resources
        self.made_in_main = set()
        self.wrappers = {}  # coroutines made for tasks of an operation (`_b_wait`)
        self.step_lines = {}  # id() of a step dict -> (line, col) of its statement
        self.source_lines = {}  # step id ("s4") -> (line, col), once numbered
        self.entry_functions = {}  # def main(): asyncio.run(...), inlined (module_parts)
        self.resource_params = {}  # coroutine -> {param: resource id}
        self.loop_names = set()
        self.module_loops = set()  # `loop = asyncio.new_event_loop()` at module level
        self.loop_params = {}  # function -> its parameters a call_soon passes the loop to
        self.ones = set()
        self.notes = []
        self.python = {}
        self.seed = None
        self.constants = {}  # module names bound once to a literal: what a measurement may read

    # -- helpers the bodies call ----------------------------------------------------------
    def dotted(self, node):
        return self.aliases.dotted(node)

    def seconds(self, node):
        return numeric_field(node, self.ones)

    def is_burn(self, node):
        return isinstance(node, ast.Name) and node.id in self.burn_helpers

    def resource_call(self, node, loop_names):
        return resource_of(node, self, loop_names) is not None

    def note(self, node, text):
        line = getattr(node, "lineno", 0)
        self.notes.append((line, f"line {line}: {text}"))

    # -- the import -----------------------------------------------------------------------
    def run(self):
        try:
            tree = ast.parse(self.source, filename=self.filename)
        except SyntaxError as error:
            node = ast.Pass(lineno=error.lineno or 1, col_offset=max(0, (error.offset or 1) - 1))
            self.refusals.add(Unsupported(node, f"SyntaxError: {error.msg}"
                                          + _newer_syntax_hint(error), ""))
            self.refusals.raise_if_any()
        for line in resolve_file_name(tree, self.filename):
            self.notes.append((line, f"line {line}: __file__ is written as this file's path"))
        qualify_from_imports(tree)
        self.collect_definitions(tree)
        self.collect_entry_functions(tree)
        self.drop_unused_functions(tree)
        self.collect_module_loops(tree)
        self.collect_loop_params(tree)
        self.refusals.guard(self.collect_resources, tree)
        if self.comments.is_export():
            for node in list(self.coroutines.values()) + list(self.functions.values()):
                undo_export_renames(node, set(self.coroutines) | set(self.functions))
        self.refusals.guard(self.collect_resource_params)
        coroutines = [self.refusals.guard(self.coroutine, node) for node in self.coroutines.values()]
        functions = [self.refusals.guard(self.function, node) for node in self.functions.values()]
        program = self.program(tree)
        coroutines += [{k: v for k, v in w.items() if k != "x-awaits"}  # blocks.wrapped_call
                       for w in self.wrappers.values()]
        self.refusals.raise_if_any()
        title = self.comments.title(tree) or os.path.splitext(os.path.basename(self.filename))[0]
        return assemble(self, title, functions, coroutines, program)

    def collect_definitions(self, tree):
        is_export = self.comments.is_export()
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.aliases.add_import(node)
            elif is_main_guard(node):  # `if __name__ == "__main__": import time` is the module's
                for sub in node.body:
                    if isinstance(sub, (ast.Import, ast.ImportFrom)):
                        self.aliases.add_import(sub)
            elif isinstance(node, ast.AsyncFunctionDef):
                self.coroutines[node.name] = node
                self.coroutine_params[node.name] = _param_names(node)
            elif isinstance(node, ast.FunctionDef):
                doc = ast.get_docstring(node) or ""
                if doc.startswith(BURN_DOC):
                    self.burn_helpers.add(node.name)
                    continue
                self.functions[node.name] = node
                self.function_params[node.name] = _param_names(node)
                if cpu.is_cpu_function(node):
                    self.cpu_functions.add(node.name)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name):
                try:
                    self.constants[node.targets[0].id] = literal(node.value)
                except ValueError:
                    pass
        if is_export:  # the exporter's SCALE = 1.0: `x * SCALE` is x
            self.ones = {name for name, value in self.constants.items()
                         if value == 1 and not isinstance(value, bool)}
        self.python.update(self.comments.python_settings())

    # -- coroutines and functions ---------------------------------------------------------
    def signature(self, node, what):
        if node.decorator_list:
            refuse(node.decorator_list[0], f"a decorated {what}", "remove the decorator")
        args = node.args
        if args.vararg or args.kwarg:
            bad = args.vararg or args.kwarg
            refuse(bad, f"*args or **kwargs in a {what}", "declare each parameter")
        params = _param_names(node)
        defaults = {}
        positional = args.posonlyargs + args.args
        for arg, default in zip(positional[len(positional) - len(args.defaults):],
                                args.defaults):
            defaults[arg.arg] = value_field(default)
        for arg, default in zip(args.kwonlyargs, args.kw_defaults):
            if default is not None:
                defaults[arg.arg] = value_field(default)
        return params, defaults

    def coroutine(self, node):
        for sub in _own_nodes(node):
            if isinstance(sub, (ast.Yield, ast.YieldFrom)):
                refuse(node, "an async generator (async def with yield)",
                       "put the values in an asyncio.Queue, or return a list")
        params, defaults = self.signature(node, "coroutine")
        aliased = self.resource_params.get(node.name, {})
        params = [p for p in params if p not in aliased]
        defaults = {k: v for k, v in defaults.items() if k not in aliased}
        body = Body(self, "coroutine", node.name, aliased, params)
        steps = body.steps(node.body)
        for call in list(body.coro_vars.values()) + list(body.coro_lists.values()):
            refuse(call, "a coroutine object that is never awaited here",
                   "await it, or call it as a statement of its own")
        entry = {"name": node.name}
        if params:
            entry["params"] = params
        if defaults:
            entry["defaults"] = defaults
        if body.globals:
            entry["globals"] = body.globals
        entry["steps"] = steps
        return entry

    def function(self, node):
        params, defaults = self.signature(node, "function")
        body = Body(self, "function", node.name, {}, params)
        if node.name in self.cpu_functions:
            steps = [self.cpu_step(node, self.function_source(node), None)]
            if any(isinstance(s, ast.Return) and s.value is not None for s in ast.walk(node)):
                body.detect_cpu = False  # the loops are what was measured: only their values
                steps += body.steps(node.body)
        else:
            steps = body.steps(node.body)
        entry = {"name": node.name}
        if params:
            entry["params"] = params
        if defaults:
            entry["defaults"] = defaults
        entry["steps"] = steps
        return entry

    # -- pure-Python CPU work ------------------------------------------------------------
    def function_source(self, node):
        """(setup, statement) measuring one call, or None when the arguments are unknown."""
        params, defaults = _param_names(node), {}
        for arg, default in zip(node.args.args[len(node.args.args) - len(node.args.defaults):],
                                node.args.defaults):
            defaults[arg.arg] = default
        if any(p not in defaults for p in params):
            return None
        free = cpu.names_read(node) - set(params) - {node.name}
        setup = self.constants_setup(free)
        if setup is None:
            return None
        return setup + ast.unparse(node), f"{node.name}()"

    def constants_setup(self, names, known=None):
        """Assignments of the names' literal values (module constants, or the locals
        `known` holds), or None when one is not known."""
        values = {**self.constants, **(known or {})}
        lines = []
        for name in sorted(names):
            if name not in values:
                return None
            lines.append(f"{name} = {values[name]!r}")
        return "".join(line + "\n" for line in lines)

    def cpu_step(self, node, measurable, label):
        seconds = None
        if measurable is not None and self.measure is not None:
            seconds = self.measure(*measurable)
        end = getattr(node, "end_lineno", node.lineno)
        where = f"lines {node.lineno}-{end}" if end != node.lineno else f"line {node.lineno}"
        if seconds is None:
            self.note(node, f"pure-Python CPU work ({where}) got a placeholder of "
                      f"{cpu.PLACEHOLDER_SECONDS} s: set its seconds")
            estimate = {"lines": [node.lineno, end], "how": "placeholder"}
            seconds = cpu.PLACEHOLDER_SECONDS
        else:
            seconds = cpu.rounded(seconds)
            self.note(node, f"pure-Python CPU work ({where}) is an estimated {seconds} s, "
                      "measured with timeit on this machine")
            estimate = {"lines": [node.lineno, end], "how": "timeit"}
        return {"op": "cpu", "seconds": seconds, "label": label or "estimated CPU work",
                "x-estimated": estimate}

    def cpu_loop(self, body, stmt, rest):
        """A loop that only computes: its time as `cpu`, and the loop itself when what it
        computes is read afterwards."""
        free = cpu.names_read(stmt)
        setup = self.constants_setup(free, body.known)
        measurable = None if setup is None else (setup, ast.unparse(stmt))
        steps = [self.cpu_step(stmt, measurable, None)]
        later = set()
        for other in rest:
            later |= {n.id for n in ast.walk(other) if isinstance(n, ast.Name)}
        if cpu.names_written(stmt) & (later | set(body.globals)):
            body.detect_cpu = False
            try:
                steps += body.statement(stmt, [])
            finally:
                body.detect_cpu = True
        return steps

    def cpu_call(self, body, node):
        """A statement calling a pure-CPU function of the module."""
        fn = self.functions[node.func.id]
        measurable = None
        try:
            args = [repr(literal(a)) for a in node.args] + [
                f"{k.arg}={literal(k.value)!r}" for k in node.keywords]
            free = cpu.names_read(fn) - set(_param_names(fn)) - {fn.name}
            setup = self.constants_setup(free)
            if setup is not None:
                measurable = (setup + ast.unparse(fn), f"{fn.name}({', '.join(args)})")
        except ValueError:
            pass
        return self.cpu_step(node, measurable, f"{fn.name}(): estimated CPU work")

    def network(self, node, name, op):
        self.note(node, f"{name}() is network I/O: a placeholder of {NETWORK_PLACEHOLDER} s; "
                  "set the step's seconds")
        return {"op": op, "seconds": NETWORK_PLACEHOLDER,
                "label": f"{name}() (placeholder duration)", "x-placeholder": "network"}


def _param_names(node):
    args = node.args
    return [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]


def _own_nodes(node):
    """The nodes of a function's body, without those of functions defined inside it."""
    stack = list(node.body)
    while stack:
        sub = stack.pop()
        yield sub
        if not isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(sub))


def _newer_syntax_hint(error):
    """The importer parses with the python3 it runs on: an f-string that Python 3.12 reads
    (PEP 701: the same quotes nested, backslashes, comments) is a SyntaxError on 3.11."""
    if sys.version_info >= (3, 12) or "f-string" not in (error.msg or ""):
        return ""
    version = ".".join(map(str, sys.version_info[:3]))
    return (f" (Python {version} parsed it; Python 3.12 allows more in f-strings: set "
            "LOOPSCOPE_PYTHON=python3.12 to import with it)")


def import_program(source, filename="program.py", measure=cpu.measure, lines=None):
    """The scenario (a dict) of an asyncio program's source; raises ImportRefused. `lines`,
    a dict, gets each step's (line, col) in the source by step id."""
    importer = Importer(source, filename, measure)
    doc = importer.run()
    if lines is not None:
        lines.update(importer.source_lines)
    return doc
