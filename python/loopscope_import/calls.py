"""Awaits and calls inside a body: `await asyncio.sleep(x)` is `sleep`, `q.task_done()` is
`task_done`, and so on (the mapping table in docs/python-import.md)."""

import ast
import copy

from .names import NETWORK_PLACEHOLDER, is_network
from .refusals import refuse
from .values import check_expression, expression_text, numeric_field, value_field

_CREATE_TASK = ("asyncio.create_task", "asyncio.ensure_future")
# Resource methods: (kind, method, awaited) -> op
_METHODS = {
    ("lock", "acquire", True): "acquire", ("semaphore", "acquire", True): "acquire",
    ("condition", "acquire", True): "acquire",
    ("lock", "release", False): "release", ("semaphore", "release", False): "release",
    ("condition", "release", False): "release",
    ("event", "wait", True): "event_wait", ("event", "set", False): "event_set",
    ("event", "clear", False): "event_clear",
    ("queue", "join", True): "join", ("queue", "task_done", False): "task_done",
    ("condition", "wait", True): "condition_wait", ("condition", "notify_all", False):
    "notify_all", ("barrier", "wait", True): "barrier_wait",
}
_FIELD = {"lock": "resource", "semaphore": "resource", "event": "event", "queue": "queue",
          "condition": "condition", "barrier": "barrier", "future": "future"}


class Calls:
    # -- names --------------------------------------------------------------------------
    def resource_name(self, node):
        """The resource id a name stands for here, or None."""
        if not isinstance(node, ast.Name):
            return None
        if node.id in self.resource_params:
            return self.resource_params[node.id]
        if node.id in self.imp.resources and node.id not in self.params:
            return node.id
        return None

    def resource_of_node(self, node, *kinds):
        rid = self.resource_name(node)
        if rid is None or (kinds and self.imp.resources[rid]["kind"] not in kinds):
            return None
        return rid

    def is_loop(self, node):
        """A name bound to the running loop, or `asyncio.get_running_loop()` itself (the
        Python export's form in plain functions: `asyncio.get_running_loop().call_later`)."""
        if isinstance(node, ast.Call) and not node.args and not node.keywords:
            return self.imp.dotted(node.func) == "asyncio.get_running_loop"
        return isinstance(node, ast.Name) and node.id in self.loop_names

    # -- arguments ----------------------------------------------------------------------
    def coro_args(self, call, callee_params, resource_params, what):
        """Positional and keyword arguments by parameter name, as `args` values."""
        args = {}
        for position, arg in enumerate(call.args):
            if isinstance(arg, ast.Starred):
                refuse(arg, f"*arguments to {what}", "pass each argument by name")
            if position >= len(callee_params):
                refuse(arg, f"more arguments than {what} takes", "pass what it declares")
            args[callee_params[position]] = arg
        for keyword in call.keywords:
            if keyword.arg is None:
                refuse(keyword.value, f"**arguments to {what}", "pass each argument by name")
            if keyword.arg not in callee_params:
                refuse(keyword.value, f"argument {keyword.arg}= that {what} does not declare",
                       "pass what it declares")
            args[keyword.arg] = keyword.value
        return {name: value_field(node) for name, node in args.items()
                if name not in resource_params}

    def coro_call(self, call):
        """{coro, args} for a call of a coroutine of the module (or a variable holding one
        not awaited yet), or None."""
        if isinstance(call, ast.Name) and call.id in getattr(self, "coro_vars", {}):
            call = self.coro_vars.pop(call.id)
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and call.func.id in self.imp.coroutines):
            return None
        name = call.func.id
        params = self.imp.coroutine_params[name]
        step = {"coro": name}
        args = self.coro_args(call, params, self.imp.resource_params.get(name, {}), name + "()")
        if args:
            step["args"] = args
        return step

    def function_call(self, fn_node, arg_nodes, what, keywords=()):
        """{function, args} for a plain function of the module and its arguments."""
        if not (isinstance(fn_node, ast.Name) and fn_node.id in self.imp.functions):
            return None
        name = fn_node.id
        call = ast.Call(func=fn_node, args=list(arg_nodes), keywords=list(keywords))
        step = {"function": name}
        args = self.coro_args(call, self.imp.function_params[name], {}, what)
        if args:
            step["args"] = args
        return step

    def task_text(self, node):
        if not isinstance(node, ast.Name):
            refuse(node, "a task that is not in a variable", "assign the task to a name first")
        return node.id

    # -- awaits -------------------------------------------------------------------------
    def awaited(self, node, target):
        if self.is_create_task(node):  # `await asyncio.create_task(c())`: make it, await it
            step = {"op": "await", "task": "_task"}
            if target is not None:
                step["as"] = target
            return [self.create_task(node, "_task"), step]
        step = self.awaited_step(node, target is not None)
        if target is not None and step.get("x-placeholder") == "network":
            self.imp.note(node, f"the value of the awaited network call is not modelled: "
                          f"{target} is None")
            names = target.split(", ")
            value = None if len(names) == 1 else "$(" + ", ".join("None" for _ in names) + ")"
            return [step, {"op": "set", "name": target, "value": value}]
        if target is not None and step["op"] == "timeout":
            refuse(node, f"the result of {ast.unparse(node)}", "await it as a statement of "
                   "its own")
        if target is not None and step["op"] == "wait" and not self.imp.comments.is_export():
            self.imp.note(node, f"{target}: CPython's asyncio.wait gives sets of tasks, which "
                          "it iterates in an order that changes from run to run (a task hashes "
                          "by its address); the scenario iterates them in one fixed order")
        if target is not None:
            step["as"] = target
        return [step]

    def awaited_step(self, node, has_target):
        if isinstance(node, ast.Name) and node.id in self.coro_vars:
            return {"op": "call", **self.coro_call(self.coro_vars.pop(node.id))}
        if isinstance(node, ast.Name):
            future = self.resource_of_node(node, "future")
            if future:
                return {"op": "future_await", "future": future}
            return {"op": "await", "task": node.id}
        if isinstance(node, ast.Subscript):
            return {"op": "await", "task": expression_text(node)}
        if not isinstance(node, ast.Call):
            refuse(node, "awaiting " + ast.unparse(node), "await a coroutine call, a task or "
                   "an asyncio function")
        name = self.imp.dotted(node.func) or ""
        coro = self.coro_call(node)
        if coro is not None:
            return {"op": "call", **coro}
        if name == "asyncio.sleep":
            if has_target or len(node.args) != 1 or node.keywords:
                refuse(node, "asyncio.sleep with a result", "sleep, then set the value")
            return {"op": "sleep", "seconds": self.imp.seconds(node.args[0])}
        if name == "asyncio.gather":
            return self.gather(node)
        if name == "asyncio.wait_for":
            return self.wait_for(node)
        if name == "asyncio.wait":
            return self.wait(node)
        if name == "asyncio.shield":
            return {"op": "shield", **self.awaitable(self.argument(node, 0, "aw"))}
        if name == "asyncio.to_thread":
            return self.offloaded(node, "to_thread", node.args, node.keywords)
        if isinstance(node.func, ast.Attribute) and self.is_loop(node.func.value) \
                and node.func.attr == "run_in_executor":
            return self.offloaded(node, "run_in_executor", node.args[1:], node.keywords)
        if is_network(name):
            return self.imp.network(node, name, "sleep")
        method = self.resource_method(node, awaited=True)
        if method is not None:
            return method
        refuse(node, f"awaiting {name or ast.unparse(node.func)}()", "await a coroutine of "
               "this module, a task, or an asyncio function scenario-format.md lists")

    def argument(self, call, position, keyword):
        for k in call.keywords:
            if k.arg == keyword:
                return k.value
        if len(call.args) > position:
            return call.args[position]
        return None

    def awaitable(self, node):
        """{coro, args} or {task} for what wait_for and shield take."""
        coro = self.coro_call(node)
        if coro is not None:
            return coro
        if isinstance(node, ast.Name):
            return {"task": node.id}
        if isinstance(node, ast.Subscript):  # a task field is an expression (`tasks[0]`)
            return {"task": expression_text(node)}
        refuse(node, "awaiting " + ast.unparse(node) + " here", "pass a coroutine call of this "
               "module or a task")

    def gather(self, node):
        step = {"op": "gather", "items": [self.item(a) for a in node.args]}
        for keyword in node.keywords:
            if keyword.arg != "return_exceptions":
                refuse(keyword.value, f"gather({keyword.arg}=...)", "use return_exceptions only")
            if not isinstance(keyword.value, ast.Constant):
                refuse(keyword.value, "a computed return_exceptions", "write True or False")
            if keyword.value.value:
                step["return_exceptions"] = True
        return step

    def star_text(self, node):
        """`*(worker(q, i) for i in ...)`: a call of the module's coroutines inside that passes
        a resource leaves it out (the coroutine names the resource itself, as for a call
        written out) and passes the rest by name."""
        check_expression(node, allow_comprehension=True)
        node = copy.deepcopy(node)
        for call in ast.walk(node):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                    and call.func.id in self.imp.coroutines):
                continue
            name = call.func.id
            resources = self.imp.resource_params.get(name, {})
            named = self.coro_args(call, self.imp.coroutine_params[name], {}, name + "()")
            if not set(named) & set(resources):
                continue
            arguments = dict(zip(self.imp.coroutine_params[name], call.args))
            arguments.update((k.arg, k.value) for k in call.keywords)
            call.args = []
            call.keywords = [ast.keyword(arg=param, value=value)
                             for param, value in arguments.items() if param not in resources]
        return ast.unparse(node)

    def item(self, node):
        """One awaitable of gather, wait or as_completed."""
        if isinstance(node, ast.Starred) and isinstance(node.value, ast.Name) \
                and node.value.id in self.coro_lists:
            return {"star": self.star_text(self.coro_lists.pop(node.value.id))}
        if isinstance(node, ast.Starred):
            return {"star": self.star_text(node.value)}
        coro = self.coro_call(node)
        if coro is not None:
            return coro
        if isinstance(node, ast.Name):
            return {"task": node.id}
        if isinstance(node, ast.Subscript):
            return {"task": expression_text(node)}
        if isinstance(node, ast.Call):
            name = self.imp.dotted(node.func) or ""
            if name in _CREATE_TASK and len(node.args) == 1 and not node.keywords \
                    and self.awaitable_op(node.args[0]):
                # wait([asyncio.create_task(asyncio.sleep(1))]): the export's form of a sleep
                # item (3.12's wait takes no bare coroutine); the item op makes the task
                return self.awaited_step(node.args[0], False)
            if name in _CREATE_TASK:
                created = self.create_task(node, None)
                created.pop("op")
                return created
            if self.awaitable_op(node):
                return self.awaited_step(node, False)
        refuse(node, "gathering " + ast.unparse(node), "gather coroutine calls, tasks, "
               "*a list of tasks, or asyncio.sleep / to_thread / run_in_executor / shield")

    def awaitable_op(self, node):
        """asyncio.sleep / to_thread / shield or loop.run_in_executor: an item written as
        the op itself."""
        if not isinstance(node, ast.Call):
            return False
        name = self.imp.dotted(node.func) or ""
        return name in ("asyncio.sleep", "asyncio.to_thread", "asyncio.shield") or (
            isinstance(node.func, ast.Attribute) and node.func.attr == "run_in_executor"
            and self.is_loop(node.func.value))

    def wait_for(self, node):
        inner = self.argument(node, 0, "fut")
        timeout = self.argument(node, 1, "timeout")
        if timeout is None:
            refuse(node, "wait_for without a timeout", "give a timeout (None waits forever)")
        seconds = None if (isinstance(timeout, ast.Constant)
                           and timeout.value is None) else self.imp.seconds(timeout)
        if self.awaits_an_operation(inner):
            return self.wait_for_operation(inner, timeout, seconds)
        return {"op": "wait_for", **self.awaitable(inner), "timeout": seconds}

    def awaits_an_operation(self, node):
        """An awaitable that is an asyncio operation (asyncio.sleep(2), q.get()), not a
        coroutine of this module nor a task."""
        return isinstance(node, ast.Call) and self.coro_call(node) is None \
            and (self.imp.dotted(node.func) or "") not in _CREATE_TASK

    def wait_for_operation(self, inner, timeout, seconds):
        """3.12's wait_for(aw, t) with t None or > 0 is `async with timeout(t): return await
        aw` (tasks.py), so wait_for(asyncio.sleep(2), 1) is exactly a `timeout` step around
        the operation; t <= 0 would wrap aw in a task first."""
        if seconds is not None and not (isinstance(seconds, (int, float)) and seconds > 0):
            refuse(timeout, f"wait_for of {ast.unparse(inner)} with a timeout that may be 0 "
                   "or less", "give a number above 0 or None")
        return {"op": "timeout", "seconds": seconds, "steps": [self.awaited_step(inner, False)]}

    def wait(self, node):
        items = self.argument(node, 0, "fs")
        if isinstance(items, (ast.List, ast.Tuple, ast.Set)):
            listed = [self.item(e) for e in items.elts]
        else:
            listed = [{"star": self.star_text(items)}]
        step = {"op": "wait", "items": listed}
        when = self.argument(node, 2, "return_when")
        if when is not None:
            name = (self.imp.dotted(when) or "").rsplit(".", 1)[-1]
            if name not in ("FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"):
                refuse(when, "return_when=" + ast.unparse(when), "use asyncio.FIRST_COMPLETED, "
                       "FIRST_EXCEPTION or ALL_COMPLETED")
            step["return_when"] = name
        timeout = self.argument(node, 1, "timeout")
        if timeout is not None and not (isinstance(timeout, ast.Constant)
                                        and timeout.value is None):
            step["timeout"] = self.imp.seconds(timeout)
        return step

    def offloaded(self, node, op, fn_and_args, keywords):
        """to_thread(fn, *args) / loop.run_in_executor(pool, fn, *args)."""
        step = {"op": op}
        if op == "run_in_executor":
            pool = node.args[0] if node.args else None
            if pool is None:
                refuse(node, "run_in_executor without a pool", "pass None or a pool")
            if isinstance(pool, ast.Constant) and pool.value is None:
                step["pool"] = None
            else:
                rid = self.resource_of_node(pool, "thread_pool", "process_pool")
                if rid is None:
                    refuse(pool, "an executor that is not a named pool", "make the pool a "
                           "module variable or create it in main()")
                step["pool"] = rid
            fn_and_args = node.args[1:]
        if keywords and op == "run_in_executor":
            refuse(keywords[0].value, "keyword arguments to run_in_executor",
                   "pass them in order (or use functools.partial's order)")
        if not fn_and_args:
            refuse(node, f"{op} without a function", "pass the function to run")
        fn, args = fn_and_args[0], fn_and_args[1:]
        name = self.imp.dotted(fn) or ""
        if name == "time.sleep" and len(args) == 1 and not keywords:
            return {**step, "work": "io", "seconds": self.imp.seconds(args[0])}
        if self.imp.is_burn(fn) and len(args) == 1:
            return {**step, "work": "cpu", "seconds": self.imp.seconds(args[0])}
        called = self.function_call(fn, args, name + "()", keywords)
        if called is not None:
            return {**step, **called}
        if is_network(name):
            placeholder = self.imp.network(node, name, op)
            return {**step, "work": "io", "seconds": NETWORK_PLACEHOLDER,
                    "label": placeholder["label"], "x-placeholder": "network"}
        refuse(fn, f"running {name or ast.unparse(fn)} in a thread", "run time.sleep or a "
               "function defined in this module")

    def resource_method(self, node, awaited):
        if not isinstance(node.func, ast.Attribute):
            return None
        method = node.func.attr
        rid = self.resource_name(node.func.value)
        if rid is None:
            return None
        kind = self.imp.resources[rid]["kind"]
        field = _FIELD.get(kind, "resource")
        op = _METHODS.get((kind, method, awaited))
        if op is not None and not node.args and not node.keywords:
            return {"op": op, field: rid}
        if kind == "queue" and method in ("put", "put_nowait") and len(node.args) == 1:
            if awaited != (method == "put"):
                return None
            return {"op": method, "queue": rid, "item": value_field(node.args[0])}
        if kind == "queue" and method in ("get", "get_nowait") and not node.args:
            return {"op": method, "queue": rid} if awaited == (method == "get") else None
        if kind == "future" and method == "set_result" and not awaited and len(node.args) == 1:
            return {"op": "future_set", "future": rid, "value": value_field(node.args[0])}
        if kind == "condition" and method == "notify" and not awaited:
            step = {"op": "notify", "condition": rid}
            if node.args:
                step["n"] = numeric_field(node.args[0])
            return step
        if kind == "condition" and method == "wait_for" and awaited and len(node.args) == 1:
            predicate = node.args[0]
            if not (isinstance(predicate, ast.Lambda) and not predicate.args.args):
                refuse(predicate, f"{rid}.wait_for with a predicate other than a lambda",
                       "write `lambda: <condition>`")
            return {"op": "condition_wait_for", "condition": rid,
                    "predicate": expression_text(predicate.body)}
        refuse(node, f"{rid}.{method}(){' awaited' if awaited else ''} on a {kind}",
               "use the methods scenario-format.md lists for it")
