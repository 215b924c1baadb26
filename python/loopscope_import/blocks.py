"""Calls that are statements (`q.task_done()`, `print(...)`, `time.sleep(x)`), task creation,
`raise`, and the `async with` blocks."""

import ast

from .names import is_network
from .refusals import refuse
from .values import expression_text, print_step, substitution_text, value_field

_CREATE_TASK = ("asyncio.create_task", "asyncio.ensure_future")
# The operations a task may run through a wrapper coroutine, and what the wait returns:
# "_result" the op's own `as` (a barrier's arrival index, a queue's item), else a literal.
_WRAPPED_RESULTS = {"barrier_wait": "_result", "get": "_result", "event_wait": True,
                    "join": None}


class Blocks:
    def create_task(self, node, target):
        name = self.imp.dotted(node.func) or ""
        if name in _CREATE_TASK and self.task_groups:
            refuse(node, "asyncio.create_task inside a TaskGroup body",
                   f"use {self.task_groups[-1]}.create_task (a scenario's create_task there "
                   "belongs to the group)")
        if not node.args:
            refuse(node, "create_task without a coroutine", "pass a coroutine call")
        coro = self.coro_call(node.args[0]) or self.wrapped_operation(node.args[0]) \
            or self.wrapped_call(node.args[0])
        if coro is None:
            refuse(node.args[0], "a task of " + ast.unparse(node.args[0]),
                   "create tasks of coroutines defined in this module, of a barrier's, "
                   "queue's or event's wait(), get() or join(), or of asyncio.to_thread or "
                   "asyncio.sleep with arguments the module defines (no locals)")
        step = {"op": "create_task", **coro}
        for keyword in node.keywords:
            if keyword.arg != "name":
                refuse(keyword.value, f"create_task({keyword.arg}=...)", "pass name= only")
            step["name"] = substitution_text(keyword.value)
        if target is not None:
            step["as"] = target
            self.task_vars.add(target)
        return step

    def wrapped_operation(self, node):
        """`asyncio.create_task(b.wait())`: the task runs a coroutine `_b_wait` made for it,
        whose body is `return await b.wait()`. The same steps in the same iterations (the
        wrapper awaits the method's coroutine inline); only the task's coroutine is named
        otherwise. {coro} or None."""
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            return None
        step = self.resource_method(node, awaited=True)
        if step is None or step["op"] not in _WRAPPED_RESULTS:
            return None
        name = f"_{ast.unparse(node.func.value)}_{node.func.attr}"
        if name in self.imp.coroutines:
            refuse(node, f"a task of {ast.unparse(node)} beside a coroutine named {name}",
                   f"rename {name}")
        result = _WRAPPED_RESULTS[step["op"]]
        steps = [step]
        if result == "_result":
            step["as"] = result
            steps.append({"op": "return", "value": "$_result"})
        elif result is not None:
            steps.append({"op": "return", "value": result})
        if name not in self.imp.wrappers:
            self.imp.wrappers[name] = {"name": name, "steps": steps}
            self.imp.note(node, f"a task of {ast.unparse(node)} runs coroutine {name}(), "
                          f"whose body is `return await {ast.unparse(node)}`")
        return {"coro": name}

    def is_create_task(self, node):
        if not isinstance(node, ast.Call):
            return False
        name = self.imp.dotted(node.func) or ""
        if name in _CREATE_TASK:
            return True
        func = node.func
        return isinstance(func, ast.Attribute) and func.attr == "create_task" and isinstance(
            func.value, ast.Name) and (func.value.id in self.task_groups
                                       or func.value.id in self.loop_names)

    def call_statement(self, node):
        """A call whose value is dropped."""
        name = self.imp.dotted(node.func) or ""
        if name == "print":
            self.note_printed_task(node)
            return [{"op": "print", **print_step(node)}]
        if name == "time.sleep" and len(node.args) == 1:
            return [{"op": "block", "seconds": self.imp.seconds(node.args[0])}]
        if self.imp.is_burn(node.func) and len(node.args) == 1:
            return [{"op": "cpu", "seconds": self.imp.seconds(node.args[0])}]
        coro = self.coro_call(node)
        if coro is not None:
            return [{"op": "call", **coro, "await": False}]
        if self.is_create_task(node):
            return [self.create_task(node, None)]
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = func.value
            if func.attr == "cancel" and not node.args and isinstance(owner, ast.Name) \
                    and self.resource_name(owner) is None:
                return [{"op": "cancel", "task": owner.id}]
            if func.attr == "cancel" and not node.args and isinstance(owner, ast.Subscript):
                return [{"op": "cancel", "task": expression_text(owner)}]
            if func.attr == "append" and isinstance(owner, ast.Name) and len(node.args) == 1:
                return self.append(owner.id, node.args[0])
            if self.is_loop(owner) and func.attr in ("call_soon", "call_later"):
                return [{**self.callback(node, func.attr), **self.own_loop_field(owner)}]
            loop_step = self.loop_method(node)
            if loop_step is not None:
                return [loop_step]
            if self.is_loop(owner) and func.attr == "set_default_executor":
                self.imp.default_executor(node, self)
                return []
            method = self.resource_method(node, awaited=False)
            if method is not None:
                return [method]
        if name == "sys.setswitchinterval" and len(node.args) == 1:
            self.imp.switch_interval(node.args[0])
            return []
        if name == "random.seed":
            if self.kind == "program" and self.imp.random_seed(node):
                return []  # the scenario's seed
            # seeding again mid-run (Real Python's rand.py, in each task): the expression
            # random.seed(...) reseeds the run's one generator; `_ =` drops its None
            self.plain_expression(node)
            return [{"op": "set", "name": "_", "value": "$" + expression_text(node)}]
        if name == "asyncio.run":
            return [self.imp.run_step(node, None, self)]
        if isinstance(func, ast.Name) and func.id in self.imp.cpu_functions:
            return [self.imp.cpu_call(self, node)]
        if is_network(name):
            return [self.imp.network(node, name, "block")]
        if isinstance(func, ast.Attribute) and func.attr in ("call_soon", "call_later"):
            # PyMOTW's `async def main(loop): loop.call_soon(...)`: a loop passed in
            refuse(node, f"{ast.unparse(func)}() on {ast.unparse(func.value)}, not known as the "
                   "running loop", "get the loop in the coroutine with "
                   "loop = asyncio.get_running_loop()")
        refuse(node, f"calling {name or ast.unparse(func)}()", "call print, time.sleep, a "
               "coroutine of this module, or the asyncio operations scenario-format.md lists")

    def append(self, name, item):
        """`L.append(x)` is `L = L + [x]` on a list this scope binds; on a parameter or a
        module list, shared with other scopes, the list itself grows (`_ = L.append(x)`).
        A task made in place gets a name first."""
        steps = []
        if self.is_create_task(item):
            steps.append(self.create_task(item, "_task"))
            text = "_task"
        else:
            text = self.plain_expression(item)
        if self.binds(name):
            steps.append({"op": "set", "name": name, "value": f"${name} + [{text}]"})
        else:
            steps.append({"op": "set", "name": "_", "value": f"${name}.append({text})"})
        return steps

    def binds(self, name):
        """Whether this scope assigns `name` itself (the program's every name is its own)."""
        node = self.imp.coroutines.get(self.name) if self.kind == "coroutine" \
            else self.imp.functions.get(self.name)
        if node is None or self.kind == "program":
            return True
        return any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
                   for n in ast.walk(node))

    def plain_expression(self, node):
        """Expression text, refusing tasks and coroutines made inside it."""
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call) and (self.is_create_task(sub)
                                              or self.coro_call(sub) is not None):
                refuse(sub, "a task or coroutine made inside an expression",
                       "make it in a statement of its own (`t = asyncio.create_task(...)`)")
        return expression_text(node)

    def assigned_call(self, node, target):
        """Steps for `target = <call>`, or None when the call is a plain expression (`set`)."""
        from .statements import target_text
        name = self.imp.dotted(node.func) or ""
        made = self.loop_made(node, target)
        if made is not None:
            return made
        if name in ("asyncio.get_running_loop", "asyncio.get_event_loop"):
            self.loop_names.add(target_text(target))
            return []
        if self.is_create_task(node):
            return [self.create_task(node, target_text(target))]
        if isinstance(node.func, ast.Attribute) and node.func.attr == "run_until_complete":
            return [self.run_until_complete(node, target_text(target))]
        if name == "asyncio.run":
            return [self.imp.run_step(node, target_text(target), self)]
        if isinstance(node.func, ast.Attribute):
            rid = self.resource_name(node.func.value)
            if rid is not None and node.func.attr == "get_nowait":
                step = self.resource_method(node, awaited=False)
                return [{**step, "as": target_text(target)}]
        if self.coro_call(node) is not None:
            if not isinstance(target, ast.Name):
                refuse(node, "a coroutine object kept in a variable", "await it, or make it a "
                       "task with asyncio.create_task")
            self.coro_vars[target.id] = node  # it runs where it is awaited
            return []
        if isinstance(node.func, ast.Name) and node.func.id in self.imp.functions:
            refuse(node, f"using the value of {node.func.id}() called inline",
                   f"await asyncio.to_thread({node.func.id}, ...) and use its value")
        if is_network(name):
            step = self.imp.network(node, name, "block")
            self.imp.note(node, f"the value of {name}() is not modelled: "
                          f"{target_text(target)} is None")
            return [step, {"op": "set", "name": target_text(target), "value": None}]
        if self.imp.resource_call(node, self.loop_names):
            refuse(node, "making a synchronisation object or pool here",
                   "make it at module level or at the top of main()")
        return None

    def callback(self, node, op):
        args = list(node.args)
        step = {"op": op}
        if op == "call_later":
            if not args:
                refuse(node, "call_later without a delay", "pass the delay first")
            step["delay"] = self.imp.seconds(args.pop(0))
        if not args:
            refuse(node, f"{op} without a function", "pass a function defined in this module")
        called = self.function_call(args[0], args[1:], ast.unparse(args[0]) + "()")
        if called is None:
            refuse(args[0], f"{op} of {ast.unparse(args[0])}", "pass a function defined in "
                   "this module (a def, not a lambda)")
        return {**step, **called}

    def raise_step(self, exc):
        if isinstance(exc, ast.Call):
            cls, args = exc.func, exc.args
            special = _one_message(exc)
            if special is not None:
                args = special
            elif exc.keywords or len(args) > 1:
                refuse(exc, "raising an error with several arguments", "give it one message")
        else:
            cls, args = exc, []
        name = self.imp.dotted(cls) or ""
        short = name.rsplit(".", 1)[-1]
        if name in ("asyncio.CancelledError", "asyncio.TimeoutError"):
            error = short
        elif isinstance(cls, ast.Name) and name == cls.id and short[:1].isupper():
            error = short
        else:
            refuse(cls, f"raising {ast.unparse(cls)}", "raise a built-in exception class or "
                   "asyncio.CancelledError")
        step = {"op": "raise", "error": error}
        if args:
            step["message"] = substitution_text(args[0])
        return step

    def async_with(self, items, body):
        item, inner = items[0], items[1:]
        context = item.context_expr
        name = self.imp.dotted(context.func) if isinstance(context, ast.Call) else None
        if name == "asyncio.TaskGroup":
            if item.optional_vars is None or not isinstance(item.optional_vars, ast.Name):
                refuse(context, "a TaskGroup without `as tg`", "write `async with "
                       "asyncio.TaskGroup() as tg:`")
            self.task_groups.append(item.optional_vars.id)
            try:
                steps = self.nested(inner, body)
            finally:
                self.task_groups.pop()
            return {"op": "task_group", "steps": steps}
        if name == "asyncio.timeout":
            if len(context.args) != 1 or item.optional_vars is not None:
                refuse(context, "asyncio.timeout with `as` or without a delay",
                       "write `async with asyncio.timeout(seconds):`")
            delay = context.args[0]
            seconds = None if isinstance(delay, ast.Constant) and delay.value is None \
                else self.imp.seconds(delay)
            # 3.12's wait_for is exactly this; the export marks the wait_for steps it writes
            # so (timeout None too), and a `timeout` step around one call stays one
            single = self.single_await(body) \
                if not inner and self.imp.comments.marks_wait_for(context.lineno) else None
            if single is not None:
                call, target = single
                step = {"op": "wait_for", **self.coro_call(call), "timeout": seconds}
                if target is not None:
                    step["as"] = target
                return step
            return {"op": "timeout", "seconds": seconds, "steps": self.nested(inner, body)}
        if name and name.startswith("aiohttp"):
            refuse(context, "an aiohttp session", "write each request as "
                   "`await asyncio.sleep(seconds)  # the request`")
        if item.optional_vars is not None:
            refuse(item.optional_vars, "async with ... as", "use the object by its own name")
        rid = self.resource_of_node(context, "lock", "semaphore", "condition")
        if rid is None:
            what = name or ast.unparse(context)
            refuse(context, f"async with {what}", "use async with on an asyncio lock, "
                   "semaphore, condition, TaskGroup or asyncio.timeout")
        return {"op": "with", "resource": rid, "steps": self.nested(inner, body)}

    def nested(self, inner, body):
        if inner:
            return [self.async_with(inner, body)]
        return self.body(body)

    def single_await(self, body):
        """(call, target) when the body is one `await coro(...)` or `x = await coro(...)`."""
        if len(body) != 1:
            return None
        stmt = body[0]
        target = None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            from .statements import target_text
            value, target = stmt.value, target_text(stmt.targets[0])
        elif isinstance(stmt, ast.Expr):
            value = stmt.value
        else:
            return None
        if isinstance(value, ast.Await) and self.coro_call(value.value) is not None:
            if self.imp.comments.label(stmt):
                return None  # the await has a label of its own: keep the block
            return value.value, target
        return None

    def as_completed(self, stmt):
        """`for f in asyncio.as_completed(items): x = await f; ...` is `as_completed`."""
        it = stmt.iter
        if not (isinstance(it, ast.Call) and self.imp.dotted(it.func) == "asyncio.as_completed"):
            return None
        from .statements import target_text
        var = target_text(stmt.target)
        first = stmt.body[0]
        value = first.value if isinstance(first, (ast.Assign, ast.Expr)) else None
        if not (isinstance(value, ast.Await) and isinstance(value.value, ast.Name)
                and value.value.id == var):
            refuse(stmt, "as_completed without `x = await f` first",
                   f"start the loop with `result = await {var}`")
        step = {"op": "as_completed"}
        items = self.argument(it, 0, "fs")
        if isinstance(items, (ast.List, ast.Tuple, ast.Set)):
            step["items"] = [self.item(e) for e in items.elts]
        else:
            step["items"] = [{"star": expression_text(items, allow_comprehension=True)}]
        timeout = self.argument(it, 1, "timeout")
        if timeout is not None:
            step["timeout"] = self.imp.seconds(timeout)
        if isinstance(first, ast.Assign):
            step["as"] = target_text(first.targets[0])
        step["steps"] = self.body(stmt.body[1:])
        return step


# The classes that take more than a message, as scenario-format.md builds them (and the Python
# export writes them): a group of one exception with the message, a Unicode error of a fixed
# input with the message as its reason. class -> (arguments before the message, Python's own
# reason: the message when there is none).
_UNICODE_ERRORS = {
    "UnicodeDecodeError": (["utf-8", b"\xff", 0, 1], "invalid start byte"),
    "UnicodeEncodeError": (["ascii", "\xe9", 0, 1], "ordinal not in range(128)"),
    "UnicodeTranslateError": (["\xe9", 0, 1], "character maps to <undefined>"),
}
_GROUPS = {"ExceptionGroup": "Exception", "BaseExceptionGroup": "BaseException"}


def _one_message(call):
    """[message] (or []) for `ExceptionGroup(m, [Exception(m)])` and the Unicode errors
    written as the scenario format builds them; None for any other call."""
    if call.keywords or not isinstance(call.func, ast.Name):
        return None
    name, args = call.func.id, call.args
    if name in _GROUPS and len(args) == 2 and isinstance(args[1], ast.List) \
            and len(args[1].elts) == 1:
        inner = args[1].elts[0]
        if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) \
                and inner.func.id == _GROUPS[name] and not inner.keywords \
                and [ast.dump(a) for a in inner.args] == [ast.dump(args[0])]:
            empty = isinstance(args[0], ast.Constant) and args[0].value == ""
            return [] if empty else [args[0]]
    if name in _UNICODE_ERRORS and args:
        fixed, reason = _UNICODE_ERRORS[name]
        try:
            if [ast.literal_eval(a) for a in args[:-1]] != fixed:
                return None
        except ValueError:
            return None
        default = isinstance(args[-1], ast.Constant) and args[-1].value == reason
        return [] if default else [args[-1]]
    return None
