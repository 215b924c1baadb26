"""Forms real programs write that are steps the scenario already has (found running programs
by others, tests/corpus/README.md): lists of tasks, tasks of asyncio.to_thread / sleep, a
printed task (noted), `with contextlib.suppress(...)`."""

import ast

from .refusals import refuse


class ProgramForms:
    def task_list(self, target, value):
        """`tasks = [asyncio.create_task(f(i)) for i in ...]` (or a list display of tasks):
        the loop of appends it is, `tasks = []` then `tasks.append(...)` in a for loop. None
        for any other list."""
        elements = value.elts if isinstance(value, ast.List) else [getattr(value, "elt", None)]
        if not (isinstance(target, ast.Name) and any(self.is_create_task(e) for e in elements)):
            return None
        steps = [{"op": "set", "name": target.id, "value": []}]
        if isinstance(value, ast.List):
            for element in elements:
                steps += self.append(target.id, element)
            return steps
        if not isinstance(value, ast.ListComp) or len(value.generators) != 1 \
                or value.generators[0].is_async:
            return None
        loop = value.generators[0]
        if any(isinstance(n, ast.Name) and n.id in self.params for n in ast.walk(loop.target)):
            refuse(loop.target, "a comprehension variable named as a parameter",
                   "name it otherwise (the comprehension becomes a for loop)")
        body = [ast.Expr(ast.Call(ast.Attribute(ast.Name(target.id, ast.Load()), "append",
                                                ast.Load()), [value.elt], []))]
        for test in reversed(loop.ifs):
            body = [ast.If(test, body, [])]
        stmt = ast.For(loop.target, loop.iter, body, [])
        ast.fix_missing_locations(ast.copy_location(stmt, value))
        return steps + self.stmt_For(stmt, [])

    def wrapped_call(self, node):
        """`tg.create_task(asyncio.to_thread(f, 2))`, `create_task(asyncio.sleep(1))` (the
        asyncio tutorial): the task runs a coroutine made for it, `_to_thread_1`, whose body
        is `return await asyncio.to_thread(f, 2)`. Only for arguments the module knows (its
        functions, constants and imports): the wrapper cannot see the caller's locals.
        {coro} or None."""
        op = (self.imp.dotted(node.func) or "") if isinstance(node, ast.Call) else ""
        if op not in ("asyncio.to_thread", "asyncio.sleep"):
            return None
        known = set(self.imp.functions) | set(self.imp.constants)
        if any(isinstance(n, ast.Name) and n.id not in known
               and not self.imp.aliases.imported(n.id) for n in ast.walk(node)):
            return None
        text = ast.unparse(node)
        for name, wrapper in self.imp.wrappers.items():
            if wrapper.get("x-awaits") == text:
                return {"coro": name}
        step = self.awaited_step(node, op == "asyncio.to_thread")
        steps = [step]
        if op == "asyncio.to_thread":
            step["as"] = "_result"
            steps.append({"op": "return", "value": "$_result"})
        number = 1 + sum(n.startswith(f"_{op[8:]}_") for n in self.imp.wrappers)
        name = f"_{op[8:]}_{number}"
        if name in self.imp.coroutines:
            refuse(node, f"a task of {text} beside a coroutine named {name}", f"rename {name}")
        self.imp.wrappers[name] = {"name": name, "steps": steps, "x-awaits": text}
        self.imp.note(node, f"a task of {text} runs coroutine {name}(), whose body is "
                      f"`return await {text}`")
        return {"coro": name}

    def note_printed_task(self, node):
        """`print(f'spinner object: {spinner}')` (Fluent Python): CPython prints the task's
        repr, `<Task pending name='Task-2' coro=<spin() running at FILE:LINE>>`, which the
        scenario does not know; it prints the task's lane name."""
        scope = self.imp.coroutines.get(self.name) if self.kind == "coroutine" else None
        awaited = {a.value.id for a in ast.walk(scope) if isinstance(a, ast.Await)
                   and isinstance(a.value, ast.Name)} if scope is not None else set()
        tasks = (self.task_vars | awaited) - set(getattr(self, "coro_vars", {}))
        for call in ast.walk(node):
            # '{!r}'.format(task) (PyMOTW's): once str.format was known, the repr's file and
            # line cannot be printed as CPython does; refused rather than printed otherwise
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                    and call.func.attr == "format" and any(
                        isinstance(a, ast.Name) and a.id in tasks for a in call.args):
                refuse(call, "a task formatted with str.format (CPython prints its repr, "
                       "<Task pending name='Task-2' coro=<f() running at FILE:LINE>>)",
                       "print the task's name, task.get_name()")
        for arg in node.args:
            shown = [arg] + [v.value for v in ast.walk(arg) if isinstance(v, ast.FormattedValue)]
            for value in shown:
                if isinstance(value, ast.Name) and value.id in self.task_vars:
                    self.imp.note(node, f"printing task {value.id}: CPython prints its "
                                  "repr (<Task pending name='Task-2' coro=<f() running at "
                                  "FILE:LINE>>), the scenario the task's name")
                    return

    def suppress_block(self, stmt):
        """`with contextlib.suppress(E1, E2): body` is `try: body` / `except (E1, E2): pass`
        (contextlib's __exit__ returns True for a subclass of one of them): the try statement,
        or None for any other with."""
        item = stmt.items[0] if len(stmt.items) == 1 else None
        call = item.context_expr if item is not None else None
        if not (isinstance(call, ast.Call) and self.imp.dotted(call.func) == "contextlib.suppress"
                and item.optional_vars is None and not call.keywords and call.args
                and not any(isinstance(a, ast.Starred) for a in call.args)):
            return None
        caught = call.args[0] if len(call.args) == 1 else ast.Tuple(call.args, ast.Load())
        node = ast.Try(stmt.body, [ast.ExceptHandler(caught, None, [ast.Pass()])], [], [])
        return ast.fix_missing_locations(ast.copy_location(node, stmt))
