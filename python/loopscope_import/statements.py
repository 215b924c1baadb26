"""Statements of a coroutine, a plain function or the module as scenario steps."""

import ast

from . import cpu
from .blocks import Blocks
from .calls import Calls
from .own_loop import LoopCalls
from .program_forms import ProgramForms
from .refusals import refuse
from .values import check_expression, expression_text, literal, value_field

# What each scope may hold (issue15-design.md: program steps are sync ops only).
SYNC_OPS = {"set", "print", "if", "for", "while", "repeat", "cpu", "block", "raise", "try",
            "run", "break", "continue", "return", "event_set", "future_set", "put_nowait",
            "get_nowait", "call_soon", "call_later", "create_task", "event_clear", "release",
            "task_done", "cancel", "notify", "notify_all", "run_forever", "stop", "close",
            "run_until_complete"}


def target_text(node):
    """An assignment target: a name or a tuple of names ("done, pending")."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, (ast.Tuple, ast.List)) and all(isinstance(e, ast.Name)
                                                       for e in node.elts):
        return ", ".join(e.id for e in node.elts)
    refuse(node, "assigning to " + ast.unparse(node), "assign to a name or a tuple of names")


def _is_task_cancel(call):
    func = call.func
    return isinstance(func, ast.Attribute) and func.attr == "cancel" and not call.args \
        and not call.keywords


class Body(Calls, Blocks, LoopCalls, ProgramForms):
    """Maps the statements of one scope: `kind` is "coroutine", "function" or "program"."""

    def __init__(self, importer, kind, name="", resource_params=None, params=()):
        self.imp = importer
        self.kind = kind
        self.name = name
        self.resource_params = dict(resource_params or {})
        self.params = list(params)
        self.task_groups = []
        # The program's own loop (own_loop.py), under its module name or as a parameter.
        self.own_loops = importer.module_loops | importer.loop_params.get(name, set())
        self.loop_names = set(importer.loop_names) | self.own_loops
        self.globals = []
        # A measured loop's own statements are not again; in Loopscope's own export CPU work
        # is burn(seconds), so every loop there is the scenario's control flow.
        self.detect_cpu = kind != "program" and not importer.comments.is_export()
        self.known = {}  # locals bound to a literal by the statements so far (for timeit)
        self.coro_vars = {}  # `c = f(x)`: a coroutine object not awaited yet -> its call node
        self.task_vars = set()  # names create_task bound here (a printed task is noted)
        self.coro_lists = {}  # `cs = [f(i) for i in ...]`, gathered later (`*cs`) -> the list

    # -- statements ---------------------------------------------------------------------
    def steps(self, statements):
        out = []
        for index, stmt in enumerate(statements):
            mapped = self.imp.refusals.guard(self.statement, stmt, statements[index + 1:],
                                             default=[])
            for step in mapped:  # where the step came from (cli --lines)
                self.imp.step_lines.setdefault(id(step), (stmt.lineno, stmt.col_offset + 1))
            label = self.imp.comments.label(stmt)
            if mapped and label and "label" not in mapped[0]:
                mapped[0]["label"] = label
            out.extend(mapped)
            self.note_known(stmt)
        return out

    def note_known(self, stmt):
        """Tracks `x = <literal>` in straight-line code, so a loop after it can be timed."""
        for name in cpu.names_written(stmt):
            self.known.pop(name, None)
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
                and isinstance(stmt.targets[0], ast.Name):
            try:
                self.known[stmt.targets[0].id] = literal(stmt.value)
            except ValueError:
                pass

    def body(self, statements):
        return self.steps(statements)

    def statement(self, stmt, rest):
        hoisted = self.hoist_await(stmt)
        if hoisted is not None:
            return hoisted
        method = getattr(self, "stmt_" + type(stmt).__name__, None)
        if method is None:
            refuse(stmt, _describe(stmt), _instead(stmt))
        steps = method(stmt, rest) or []
        if self.kind != "coroutine":
            for step in steps:
                if step["op"] not in SYNC_OPS:
                    refuse(stmt, f"`{step['op']}` outside a coroutine",
                           "move it into an async def")
        return steps

    def hoist_await(self, stmt):
        """`print(await fut)` is `_awaited = await fut` then `print(_awaited)`: one await
        inside the expression of a statement, evaluated first."""
        if not isinstance(stmt, (ast.Expr, ast.Assign, ast.Return)) or stmt.value is None \
                or self.kind != "coroutine" or (isinstance(stmt.value, ast.Await)
                                                and not isinstance(stmt, ast.Return)):
            return None
        awaits = [n for n in ast.walk(stmt.value) if isinstance(n, ast.Await)]
        if len(awaits) != 1:
            return None
        inner = awaits[0]
        steps = self.awaited(inner.value, "_awaited")

        class Replace(ast.NodeTransformer):
            def visit_Await(self, node):
                return ast.copy_location(ast.Name(id="_awaited", ctx=ast.Load()), node)

        rewritten = Replace().visit(ast.parse(ast.unparse(stmt)).body[0])
        ast.copy_location(rewritten, stmt)
        for node in ast.walk(rewritten):
            node.lineno, node.col_offset = stmt.lineno, stmt.col_offset
        method = getattr(self, "stmt_" + type(rewritten).__name__)
        return steps + (method(rewritten, []) or [])

    def stmt_Pass(self, stmt, rest):
        return []

    def stmt_Break(self, stmt, rest):
        return [{"op": "break"}]

    def stmt_Continue(self, stmt, rest):
        return [{"op": "continue"}]

    def stmt_Global(self, stmt, rest):
        if self.kind == "program":
            return []
        for name in stmt.names:
            if name not in self.imp.resources and name not in self.globals:
                self.globals.append(name)
        return []

    def stmt_Expr(self, stmt, rest):
        value = stmt.value
        if isinstance(value, ast.Constant):
            return []  # a docstring or `...`
        if isinstance(value, ast.Await):
            return self.awaited(value.value, None)
        if isinstance(value, ast.Call):
            return self.call_statement(value)
        refuse(stmt, "an expression statement that does nothing", "remove it")

    def stmt_Assign(self, stmt, rest):
        if len(stmt.targets) != 1:
            refuse(stmt, "chained assignment", "assign each name in a statement of its own")
        return self.assign(stmt.targets[0], stmt.value)

    def stmt_AnnAssign(self, stmt, rest):
        if stmt.value is None:
            return []
        return self.assign(stmt.target, stmt.value)

    def stmt_AugAssign(self, stmt, rest):
        name = target_text(stmt.target)
        if "," in name:
            refuse(stmt.target, "augmented assignment to a tuple", "assign each name")
        op = ast.unparse(ast.BinOp(left=stmt.target, op=stmt.op, right=stmt.value))
        check_expression(stmt.value)
        return [{"op": "set", "name": name, "value": "$" + op}]

    def assign(self, target, value):
        if id(value) in self.imp.made_resources:
            return []  # a resource made in main: scenario resources exist from the start
        if isinstance(value, ast.Await):
            return self.awaited(value.value, target_text(target))
        if isinstance(value, ast.Call) and isinstance(target, ast.Name):
            cancel = self.call_statement(value) if _is_task_cancel(value) else None
            if cancel:  # Task.cancel() returns False on a task that is done, else True
                owner = ast.unparse(value.func.value)
                return [{"op": "set", "name": target.id, "value": f"$not {owner}.done()"}] + cancel
        if isinstance(value, ast.Call):
            made = self.assigned_call(value, target)
            if made is not None:
                return made
        if isinstance(value, ast.ListComp) and isinstance(target, ast.Name) \
                and isinstance(value.elt, ast.Call) and isinstance(value.elt.func, ast.Name) \
                and value.elt.func.id in self.imp.coroutines:
            # coroutine objects run nothing until gathered: the list is made where `*cs` is
            self.coro_lists[target.id] = value
            return []
        if isinstance(value, (ast.List, ast.ListComp)):
            made = self.task_list(target, value)
            if made is not None:
                return made
        name = target_text(target)
        self.plain_expression(value)
        return [{"op": "set", "name": name, "value": value_field(value)}]

    def stmt_Return(self, stmt, rest):
        if self.kind == "program":
            refuse(stmt, "return outside a function", "remove it")
        if stmt.value is None:
            return [{"op": "return"}]
        self.plain_expression(stmt.value)
        return [{"op": "return", "value": value_field(stmt.value)}]

    def stmt_If(self, stmt, rest):
        guarded = self.guarded_wait_for(stmt)
        if guarded is not None:
            return [guarded]
        step = {"op": "if", "cond": expression_text(stmt.test), "steps": self.body(stmt.body)}
        orelse = stmt.orelse
        elifs = []
        while len(orelse) == 1 and isinstance(orelse[0], ast.If):
            branch = orelse[0]
            elifs.append({"cond": expression_text(branch.test), "steps": self.body(branch.body)})
            orelse = branch.orelse
        if elifs:
            step["elif"] = elifs
        if orelse:
            step["else"] = self.body(orelse)
        return [step]

    def guarded_wait_for(self, stmt):
        """The Python export's wait_for with a computed timeout: `if T > 0:` the 3.12 form
        (`async with asyncio.timeout(T): await f()`), `else: await asyncio.wait_for(f(), T)`
        (a timeout <= 0 cancels before the coroutine starts). Both branches are the one
        wait_for step; None for any other if."""
        test = stmt.test
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1
                and isinstance(test.ops[0], ast.Gt)
                and isinstance(test.comparators[0], ast.Constant)
                and test.comparators[0].value == 0 and len(stmt.body) == 1
                and isinstance(stmt.body[0], ast.AsyncWith) and len(stmt.orelse) == 1):
            return None
        awaited = getattr(stmt.orelse[0], "value", None)
        call = awaited.value if isinstance(awaited, ast.Await) else None
        timeout = stmt.body[0].items[0].context_expr
        if not (isinstance(call, ast.Call) and self.imp.dotted(call.func) == "asyncio.wait_for"
                and len(call.args) == 2 and isinstance(timeout, ast.Call)
                and self.imp.dotted(timeout.func) == "asyncio.timeout"
                and len(timeout.args) == 1
                and ast.dump(call.args[1]) == ast.dump(test.left) == ast.dump(timeout.args[0])
                and ast.dump(call.args[0]) == ast.dump(_awaited_call(stmt.body[0].body))):
            return None
        step = self.async_with(stmt.body[0].items, stmt.body[0].body)
        return step if step.get("op") == "wait_for" else None

    def stmt_For(self, stmt, rest):
        if stmt.orelse:
            refuse(stmt.orelse[0], "for ... else", "test a flag after the loop")
        if self.detect_cpu and cpu.is_cpu_loop(stmt):
            return self.imp.cpu_loop(self, stmt, rest)
        completed = self.as_completed(stmt)
        if completed is not None:
            return [completed]
        var = target_text(stmt.target)
        count = self.range_count(stmt.iter)
        if count is not None and self.kind == "coroutine" and "," not in var:
            step = {"op": "repeat", "count": count}
            if var != "_":
                step["var"] = var
        else:
            step = {"op": "for", "var": var, "in": expression_text(stmt.iter)}
        step["steps"] = self.body(stmt.body)
        return [step]

    def range_count(self, node):
        """N of `range(N)` when `repeat` can hold it: a whole number or a parameter."""
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "range" and len(node.args) == 1 and not node.keywords):
            return None
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and type(arg.value) is int and arg.value >= 0:
            return arg.value
        if isinstance(arg, ast.Name) and arg.id in self.params:
            return "$" + arg.id
        return None

    def stmt_While(self, stmt, rest):
        if stmt.orelse:
            refuse(stmt.orelse[0], "while ... else", "test a flag after the loop")
        if self.detect_cpu and cpu.is_cpu_loop(stmt):
            return self.imp.cpu_loop(self, stmt, rest)
        test = stmt.test
        if isinstance(test, ast.Constant) and test.value is True and self.kind == "coroutine":
            return [{"op": "repeat", "count": None, "steps": self.body(stmt.body)}]
        drain = self.drain(stmt)
        if drain is not None:
            return [drain]
        return [{"op": "while", "cond": expression_text(test), "steps": self.body(stmt.body)}]

    def drain(self, stmt):
        """`while not q.empty(): x = await q.get(); ...` is `drain`."""
        test = stmt.test
        if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
                and isinstance(test.operand, ast.Call) and not test.operand.args
                and isinstance(test.operand.func, ast.Attribute)
                and test.operand.func.attr == "empty"):
            return None
        queue = self.resource_of_node(test.operand.func.value, "queue")
        first = stmt.body[0]
        value = first.value if isinstance(first, (ast.Assign, ast.Expr)) else None
        if not (isinstance(value, ast.Await) and isinstance(value.value, ast.Call)
                and isinstance(value.value.func, ast.Attribute)
                and value.value.func.attr == "get" and not value.value.args
                and self.resource_of_node(value.value.func.value, "queue") == queue):
            return None
        step = {"op": "drain", "queue": queue}
        if isinstance(first, ast.Assign):
            if len(first.targets) != 1:
                return None
            step["as"] = target_text(first.targets[0])
        step["steps"] = self.body(stmt.body[1:])
        return step

    def stmt_Raise(self, stmt, rest):
        if stmt.exc is None:
            return [{"op": "raise"}]  # re-raises the exception being handled
        if stmt.cause is not None:
            refuse(stmt.cause, "raise ... from ...", "raise the error without a cause")
        return [self.raise_step(stmt.exc)]

    def stmt_Try(self, stmt, rest):
        if stmt.orelse:
            refuse(stmt.orelse[0], "try ... else", "put those statements at the end of the try")
        step = {"op": "try", "steps": self.body(stmt.body)}
        handlers = {}
        for handler in stmt.handlers:
            for error in self.handled(handler):
                if error in handlers:
                    refuse(handler, f"a second handler of {error}", "merge the two handlers")
                body = self.body(handler.body)
                handlers[error] = {"as": handler.name, "steps": body} if handler.name else body
        if handlers:
            step["except"] = handlers
        if stmt.finalbody:
            step["finally"] = self.body(stmt.finalbody)
        return [step]

    def handled(self, handler):
        if handler.type is None:
            refuse(handler, "a bare except", "use except Exception (it lets CancelledError "
                   "through, as the scenario's `*` does)")
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        errors = []
        for node in types:
            name = self.imp.dotted(node) or ""
            short = name.rsplit(".", 1)[-1]
            if name in ("Exception", "builtins.Exception"):
                errors.append("*")
            elif name in ("asyncio.CancelledError", "asyncio.exceptions.CancelledError",
                          "concurrent.futures.CancelledError"):
                errors.append("CancelledError")
            elif name in ("asyncio.TimeoutError", "TimeoutError",
                          "asyncio.exceptions.TimeoutError"):
                errors.append("TimeoutError")
            elif isinstance(node, ast.Name) and short[:1].isupper():
                errors.append(short)
            elif name in _ASYNCIO_ERRORS:  # the ones scenario-format.md's try names
                errors.append(short)
            else:
                refuse(node, f"catching {ast.unparse(node)}", "catch a built-in exception "
                       "class, asyncio.CancelledError or Exception")
        return errors

    def stmt_AsyncWith(self, stmt, rest):
        return [self.async_with(stmt.items, stmt.body)]

    def stmt_With(self, stmt, rest):
        suppressed = self.suppress_block(stmt)
        if suppressed is not None:
            return self.stmt_Try(suppressed, rest)
        run = self.imp.runner_block(stmt, self) if self.kind == "program" else None
        if run is None:
            refuse(stmt, _describe(stmt), _instead(stmt))
        return [run]


_ASYNCIO_ERRORS = ("asyncio.QueueFull", "asyncio.QueueEmpty", "asyncio.BrokenBarrierError",
                   "asyncio.InvalidStateError")


def _describe(stmt):
    names = {
        "ClassDef": "a class definition", "FunctionDef": "a nested function definition",
        "AsyncFunctionDef": "a nested coroutine definition", "AsyncFor": "async for",
        "With": "a with statement", "Delete": "del", "Assert": "assert",
        "Import": "an import inside a function", "ImportFrom": "an import inside a function",
        "Nonlocal": "nonlocal", "Match": "match", "TryStar": "try ... except*",
    }
    return names.get(type(stmt).__name__, type(stmt).__name__)


def _instead(stmt):
    hints = {
        "ClassDef": "use coroutines at module level and module variables for state",
        "FunctionDef": "define functions at module level",
        "AsyncFunctionDef": "define coroutines at module level",
        "AsyncFor": "use a for loop over a list, or a queue with get()",
        "With": "use async with on an asyncio lock, semaphore, condition or TaskGroup",
        "Delete": "assign None instead", "Assert": "use if ... raise",
        "Import": "import at module level", "ImportFrom": "import at module level",
        "Nonlocal": "use a module variable with global", "Match": "use if/elif/else",
        "TryStar": "use try/except ExceptionGroup",
    }
    return hints.get(type(stmt).__name__, "write it with the statements scenario-format.md lists")


def _awaited_call(body):
    """The call of `await f()` or `x = await f()`, the one statement of body, or None."""
    if len(body) != 1:
        return None
    awaited = getattr(body[0], "value", None)
    return awaited.value if isinstance(awaited, ast.Await) else None
