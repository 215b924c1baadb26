"""Pure-Python CPU work: a loop without await that only does arithmetic is `cpu`, estimated.

The estimate is a short real measurement (timeit, in a separate python3 with a time and
memory limit) when every name the loop reads is known, else a placeholder; either way the
step says so (`label`, `x-estimated`) and the notes list it.
"""

import ast
import subprocess
import sys

PLACEHOLDER_SECONDS = 0.1
# Calls a measured loop may make: pure, builtin, no I/O.
PURE_CALLS = {"range", "len", "abs", "min", "max", "sum", "pow", "divmod", "int", "float",
              "round", "bool", "sorted", "reversed", "enumerate", "zip", "list", "tuple"}
_ALLOWED = (ast.For, ast.While, ast.If, ast.Break, ast.Continue, ast.Pass, ast.Assign,
            ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Return, ast.expr, ast.expr_context,
            ast.operator, ast.unaryop, ast.cmpop, ast.boolop, ast.comprehension, ast.keyword,
            ast.arguments, ast.arg)
_NOT_PURE = (ast.Await, ast.Lambda, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.Attribute,
             ast.JoinedStr, ast.Starred)


def _pure(node):
    for sub in ast.walk(node):
        if isinstance(sub, _NOT_PURE) or not isinstance(sub, _ALLOWED):
            return False
        if isinstance(sub, ast.Call) and not (isinstance(sub.func, ast.Name)
                                              and sub.func.id in PURE_CALLS):
            return False
        if isinstance(sub, ast.Expr) and not isinstance(sub.value, ast.Constant):
            return False  # a statement that is a call does something
    return True


def _arithmetic(node):
    return any(isinstance(sub, (ast.BinOp, ast.AugAssign)) for sub in ast.walk(node))


def is_cpu_loop(node):
    """A for/while loop without await that computes and does nothing else."""
    return isinstance(node, (ast.For, ast.While)) and _pure(node) and _arithmetic(node)


def is_cpu_function(node):
    """A plain def whose body is pure arithmetic with at least one loop."""
    if not isinstance(node, ast.FunctionDef) or node.decorator_list:
        return False
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    has_loop = any(isinstance(s, (ast.For, ast.While)) for s in body)
    return has_loop and all(_pure(s) for s in body) and any(_arithmetic(s) for s in body)


def names_read(node):
    """Names the code reads before it writes them (`total += i` reads total; the loop
    variable of a for is written first)."""
    reads = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.AugAssign) and isinstance(sub.target, ast.Name):
            reads.append((sub.lineno, sub.col_offset, 0, sub.target.id, True))
        elif isinstance(sub, ast.For):
            for name in ast.walk(sub.target):
                if isinstance(name, ast.Name):  # bound before the body reads it
                    reads.append((sub.lineno, sub.col_offset, -1, name.id, False))
        elif isinstance(sub, ast.Assign):
            for target in sub.targets:  # the value is read first, then the names bound
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        end = (sub.end_lineno, sub.end_col_offset)
                        reads.append((*end, 1, name.id, False))
        elif isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
            reads.append((sub.lineno, sub.col_offset, 0, sub.id, True))
    first = {}
    for *_, name, is_read in sorted(reads):
        first.setdefault(name, is_read)
    return {name for name, is_read in first.items() if is_read} - PURE_CALLS


def names_written(node):
    return {sub.id for sub in ast.walk(node)
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store)}


# The measuring child ends itself when the importer is gone (a cancelled import kills only the
# importer): an orphan would go on using a core for seconds.
_CHILD = r'''
import os, resource, sys, threading, time, timeit
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
importer = os.getppid()
def end_when_orphaned():
    while os.getppid() == importer:
        time.sleep(0.1)
    os._exit(1)
threading.Thread(target=end_when_orphaned, daemon=True).start()
setup, stmt = sys.stdin.read().split("\0")
safe = {n: __builtins__.__dict__[n] if hasattr(__builtins__, "__dict__") else __builtins__[n]
        for n in %r}
timer = timeit.Timer(stmt, setup, globals={"__builtins__": safe})
print(min(timer.repeat(repeat=3, number=1)))
'''


def measure(setup, stmt, timeout=10.0):
    """Seconds one run of `stmt` takes after `setup`, or None if it cannot be measured."""
    child = _CHILD % (sorted(PURE_CALLS),)
    try:
        done = subprocess.run([sys.executable, "-I", "-c", child], input=setup + "\0" + stmt,
                              capture_output=True, text=True, timeout=timeout)
    except (subprocess.TimeoutExpired, OSError):
        return None
    if done.returncode != 0:
        return None
    try:
        return float(done.stdout.strip())
    except ValueError:
        return None


def rounded(seconds):
    """Three significant digits, at least a millisecond: a measurement is not exact."""
    return max(0.001, float(f"{seconds:.3g}"))
