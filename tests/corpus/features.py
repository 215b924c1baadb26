#!/usr/bin/env python3
"""Lists the language features each corpus program needs (issue 15's list and the primitives),
found in its syntax tree, as the Markdown table and counts README.md holds:

    python3 features.py > /tmp/features.md

The features are read off the code, not run: `computed print` is a print of anything but
constant text and the enclosing function's parameters (which scenarios print already), `return value used` an await whose value is assigned, printed, returned or passed on,
`code after asyncio.run` a module statement after the one that runs the loop, `module globals`
a coroutine or callback reading a name the module assigns (not a function or import).
"""
import ast
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NOT_PROGRAMS = {"check_expected.py", "virtual_run.py", "features.py"}

ATTRS = {  # asyncio/executor names -> feature
    "wait": "asyncio.wait", "shield": "shield", "Condition": "Condition",
    "call_later": "call_later/call_soon callback", "call_soon": "call_later/call_soon callback",
    "to_thread": "to_thread", "run_in_executor": "run_in_executor",
    "ThreadPoolExecutor": "ThreadPoolExecutor", "ProcessPoolExecutor": "ProcessPoolExecutor",
    "Barrier": "Barrier", "timeout": "asyncio.timeout()", "as_completed": "as_completed",
    "TaskGroup": "TaskGroup", "Event": "Event", "Lock": "Lock", "Semaphore": "Semaphore",
    "Queue": "Queue", "put_nowait": "put_nowait/get_nowait", "get_nowait": "put_nowait/get_nowait",
    "create_future": "Future", "Future": "Future", "set_result": "Future",
    "wait_for": "wait_for", "cancel": "cancel", "gather": "gather", "create_task": "create_task",
    "Runner": "Runner", "new_event_loop": "low-level loop (new_event_loop, run_forever, stop)",
    "run_forever": "low-level loop (new_event_loop, run_forever, stop)",
    "get_running_loop": "get_running_loop", "call_at": "call_later/call_soon callback",
    "run_until_complete": "loop.run_until_complete",
}
CLOCK_READS = {("time", "perf_counter"), ("time", "monotonic"), ("time", "time"),
               ("time", "strftime"), ("datetime", "now")}


def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return list(reversed(parts))


class Finder(ast.NodeVisitor):
    def __init__(self, tree):
        self.found = set()
        self.params = set()
        self.module_names = set()
        for stmt in tree.body:
            for target in getattr(stmt, "targets", []) + [getattr(stmt, "target", None)]:
                if isinstance(target, ast.Name):
                    self.module_names.add(target.id)
        self.in_func = 0
        self.funcs = {}
        self.coroutines = {n.name for n in ast.walk(tree) if isinstance(n, ast.AsyncFunctionDef)}
        self.visit(tree)
        self._after_run(tree)

    def visit_FunctionDef(self, node, is_async=False):
        saved = self.params
        self.params = {a.arg for a in node.args.args + node.args.kwonlyargs}
        self.in_func += 1
        self.funcs[node.name] = node
        if is_async and any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node)):
            self.found.add("async generator / async for")
        self.generic_visit(node)
        self.in_func -= 1
        self.params = saved

    def visit_AsyncFunctionDef(self, node):
        self.visit_FunctionDef(node, is_async=True)

    def visit_Call(self, node):
        name = dotted(node.func)
        if name and name[-1] in ATTRS and (len(name) > 1 or name[-1] in ("ThreadPoolExecutor",
                                                                          "ProcessPoolExecutor")):
            if name[-1] != "wait" or name == ["asyncio", "wait"]:  # not event.wait()
                self.found.add(ATTRS[name[-1]])
        if name == ["print"]:
            shown = []  # what the print shows besides constant text
            for a in node.args:
                if isinstance(a, ast.JoinedStr):
                    shown += [v.value for v in a.values if isinstance(v, ast.FormattedValue)]
                elif not isinstance(a, ast.Constant):
                    shown.append(a)
            if any(not (isinstance(e, ast.Name) and e.id in self.params) for e in shown):
                self.found.add("computed print")  # not only a parameter ({name} does that)
        if name[:1] == ["random"]:
            self.found.add("seeded randomness")
        if tuple(name[-2:]) in CLOCK_READS:
            self.found.add("wall-clock read (perf_counter, time, strftime, datetime.now)")
        if name[-2:] == ["loop", "time"]:
            self.found.add("loop.time()")
        if name == ["time", "sleep"]:
            self.found.add("time.sleep (blocking)")
        if name and name[-1] == "gather":
            if any(isinstance(a, ast.Starred) for a in node.args):
                self.found.add("loop over data")
            for a in node.args:
                inner = dotted(a.func) if isinstance(a, ast.Call) else []
                if inner[-1:] in (["sleep"], ["to_thread"]):
                    self.found.add("gather of a bare sleep/to_thread")
            if any(k.arg == "return_exceptions" for k in node.keywords):
                self.found.add("gather return_exceptions")
        if name and name[-1] in ("to_thread", "run_in_executor"):
            for a in node.args:
                f = self.funcs.get(a.id) if isinstance(a, ast.Name) else None
                if f and any(isinstance(n, ast.Call) and dotted(n.func) == ["print"]
                             for n in ast.walk(f)):
                    self.found.add("prints in a thread function")
            if name[-1] == "run_in_executor" and node.args and \
                    isinstance(node.args[0], ast.Constant) and node.args[0].value is None:
                self.found.add("run_in_executor(None)")
        self.generic_visit(node)

    def visit_JoinedStr(self, node):
        if any(isinstance(v, ast.FormattedValue) and v.format_spec for v in node.values):
            self.found.add("format spec")
        self.generic_visit(node)

    def visit_BinOp(self, node):
        if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) and \
                isinstance(node.left.value, str):
            self.found.add("format spec")
        names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        if self.in_func and names & self.params:
            self.found.add("arithmetic on parameters")
        self.generic_visit(node)

    def visit_For(self, node):
        self.found.add("loop over data")
        self.generic_visit(node)

    def visit_comprehension(self, node):
        self.found.add("loop over data")
        self.generic_visit(node)

    def visit_AsyncFor(self, node):
        self.found.add("async generator / async for")
        self.generic_visit(node)

    def visit_While(self, node):
        self.found.add("while")
        self.generic_visit(node)

    def visit_Global(self, node):
        self.found.add("module globals")

    def visit_Name(self, node):
        if self.in_func and isinstance(node.ctx, ast.Load) and node.id in self.module_names \
                and node.id not in self.params:
            self.found.add("module globals")

    def visit_Try(self, node):
        self.found.add("try/except")
        self.generic_visit(node)

    visit_TryStar = visit_Try

    def visit_Raise(self, node):
        self.found.add("raise")
        self.generic_visit(node)

    def visit_Expr(self, node):
        """A statement that drops a coroutine or a task: never awaited, or fire and forget."""
        if isinstance(node.value, ast.Call):
            name = dotted(node.value.func)
            if len(name) == 1 and name[0] in self.coroutines:
                self.found.add("coroutine never awaited")
            elif name[-1:] == ["create_task"] and len(name) > 1 and name[0] != "tg":
                self.found.add("fire-and-forget task")
        self.generic_visit(node)

    def visit_Assign(self, node):
        if any(isinstance(n, ast.Await) for n in ast.walk(node.value)) and self.in_func:
            self.found.add("return value used")
        self.generic_visit(node)

    visit_AnnAssign = visit_AugAssign = visit_Assign

    def visit_Return(self, node):
        if node.value is not None and any(isinstance(n, ast.Await) for n in ast.walk(node.value)):
            self.found.add("return value used")
        self.generic_visit(node)

    def _after_run(self, tree):
        body = tree.body
        for stmt in body:  # `if __name__ == "__main__":` holds the program
            if isinstance(stmt, ast.If) and "__name__" in ast.unparse(stmt.test):
                body = stmt.body
        for i, stmt in enumerate(body):
            text = ast.unparse(stmt)
            if any(k in text for k in ("asyncio.run(", ".run_forever(", "runner.run(")):
                later = [s for s in body[i + 1:] if not isinstance(s, (ast.Import, ast.ImportFrom))]
                if later or isinstance(stmt, (ast.Assign, ast.With, ast.Try,
                                              getattr(ast, "TryStar", ast.Try))) and (
                        isinstance(stmt, ast.Assign) or "print" in text):
                    self.found.add("code after asyncio.run")
                break
        for n in ast.walk(tree):
            if isinstance(n, ast.Call) and dotted(n.func) == ["print"] and any(
                    isinstance(a, ast.Await) for a in ast.walk(n)):
                self.found.add("return value used")


def features(path):
    with open(path, encoding="utf-8") as f:
        return Finder(ast.parse(f.read())).found


SOURCES = {  # file name prefix -> (source, licence), as each file's header says in full
    "pydocs_": ("Python 3.11 docs", "PSF-2.0 / 0BSD"),
    "lessons_": ("Loopscope seed lessons", "not stated (project reference)"),
    "howto_": ("Python docs' asyncio howtos (main)", "PSF-2.0 / 0BSD"),
    "realpython_": ("Real Python materials", "MIT"),
    "pymotw_": ("PyMOTW-3 (Doug Hellmann)", "BSD"),
}


def source_of(name):
    return next(v for k, v in SOURCES.items() if name.startswith(k))


def main():
    names = sorted(f for f in os.listdir(HERE) if f.endswith(".py") and f not in NOT_PROGRAMS)
    counts = {}
    rows = []
    for name in names:
        found = sorted(features(os.path.join(HERE, name)))
        for feature in found:
            counts[feature] = counts.get(feature, 0) + 1
        source, licence = source_of(name)
        rows.append(f"| `{name}` | {source} | {licence} | {', '.join(found)} |")
    print("| program | source | licence | features |\n| --- | --- | --- | --- |")
    print("\n".join(rows))
    print("\n| feature | programs |\n| --- | --- |")
    for feature in ATTRS.values():
        counts.setdefault(feature, 0)  # a primitive no program uses is counted too
    for feature, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {feature} | {n} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
