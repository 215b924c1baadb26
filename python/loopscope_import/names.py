"""Which module a name comes from: `import asyncio as aio`, `from asyncio import sleep`."""

import ast
import os


class Aliases:
    def __init__(self):
        self._names = {}  # local name -> dotted origin ("asyncio", "asyncio.sleep")

    def add_import(self, node):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self._names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    self._names[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                self._names[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def imported(self, name):
        return name in self._names

    def dotted(self, node):
        """`aio.sleep` -> "asyncio.sleep"; a local object's attribute keeps its own name
        (`q.put` -> "q.put"); None for anything else."""
        if isinstance(node, ast.Name):
            return self._names.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return None if base is None else f"{base}.{node.attr}"
        return None


def call_name(aliases, node):
    """The dotted name of what a call calls, or None."""
    if isinstance(node, ast.Call):
        return aliases.dotted(node.func)
    return None


# Network calls: their time is the network's; the import gives them a placeholder duration.
NETWORK_PREFIXES = ("requests.", "httpx.", "aiohttp.", "urllib.request.", "asyncio.open_connection",
                    "asyncio.start_server", "socket.")
NETWORK_PLACEHOLDER = 1.0


def is_network(dotted):
    return bool(dotted) and dotted.startswith(NETWORK_PREFIXES)


def undo_export_renames(node, callables):
    """In Loopscope's own export, a local that has the name of a coroutine or function of the
    module is written with `_` (`w0_ = await calc()` where `w0` is a coroutine too): Python has
    one namespace where a scenario has two. The scenario's name comes back when the function
    uses the coroutine only by calling it (`w0()`, which the import reads as a `coro` field),
    never as a value an expression would read."""
    names = [n for n in ast.walk(node) if isinstance(n, ast.Name)]
    params = {a.arg for a in ast.walk(node) if isinstance(a, ast.arg)}  # signatures stay
    called = {id(c.func) for c in ast.walk(node) if isinstance(c, ast.Call)}
    as_value = {n.id for n in names if id(n) not in called}
    renamed = {n.id for n in names
               if n.id.endswith("_") and n.id[:-1] in callables and n.id[:-1] not in as_value
               and n.id not in params and n.id[:-1] not in params}
    for n in names:
        if n.id in renamed:
            n.id = n.id[:-1]


class _FileName(ast.NodeTransformer):
    def __init__(self, path):
        self.path, self.lines = path, []

    def visit_FormattedValue(self, node):  # f"{__file__}" is the path's own text
        if isinstance(node.value, ast.Name) and node.value.id == "__file__" \
                and node.conversion == -1 and node.format_spec is None:
            self.lines.append(node.lineno)
            return ast.copy_location(ast.Constant(self.path), node)
        return self.generic_visit(node)

    def visit_Name(self, node):
        if node.id != "__file__" or not isinstance(node.ctx, ast.Load):
            return node
        self.lines.append(node.lineno)
        return ast.copy_location(ast.Constant(self.path), node)


def resolve_file_name(tree, filename):
    """`__file__` read by the program becomes its value: the script's absolute path, as
    CPython (3.9+) makes it. The lines where it was read; none for a program with no file
    (standard input, a paste), whose `__file__` stays a name and is refused as unknown."""
    if not filename or filename.startswith("<"):
        return []
    resolver = _FileName(os.path.abspath(filename))
    resolver.visit(tree)
    return sorted(set(resolver.lines))


# Modules whose functions a scenario's expressions call as `module.name` (scenario-format.md).
_EXPRESSION_MODULES = ("time", "random", "datetime")


class _Qualify(ast.NodeTransformer):
    def __init__(self, origins):
        self.origins = origins  # local name -> (module, name)

    def visit_Name(self, node):
        if not isinstance(node.ctx, ast.Load) or node.id not in self.origins:
            return node
        module, name = self.origins[node.id]
        qualified = ast.Attribute(value=ast.Name(id=module, ctx=ast.Load()), attr=name,
                                  ctx=ast.Load())
        return ast.copy_location(qualified, node)

    def visit_ImportFrom(self, node):
        if node.module in _EXPRESSION_MODULES and not node.level \
                and all((a.asname or a.name) in self.origins for a in node.names):
            return ast.copy_location(ast.Import(names=[ast.alias(name=node.module)]), node)
        return node


def qualify_from_imports(tree):
    """`from random import random` ... `random()` reads as `random.random()`, and
    `from datetime import datetime` ... `datetime.now()` as `datetime.datetime.now()`: the
    scenario's expressions know these modules by their names, where a bare `random` is the
    module. A name the program binds anywhere else (a parameter, an assignment) is left."""
    bound = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
             and not isinstance(n.ctx, ast.Load)}
    for n in ast.walk(tree):
        if isinstance(n, ast.arg):
            bound.add(n.arg)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(n.name)
    origins = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module in _EXPRESSION_MODULES \
                and not node.level:
            for alias in node.names:
                local = alias.asname or alias.name
                if local not in bound and alias.name != "*":
                    origins[local] = (node.module, alias.name)
    _Qualify(origins).visit(tree)
    ast.fix_missing_locations(tree)
