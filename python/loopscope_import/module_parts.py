"""Module-level parts of the import: resources, resources passed as arguments, the module's
own code (`program`), and settings a program states in code (seed, switch interval, pools)."""

import ast

from .refusals import refuse
from .resources import resource_of
from .statements import Body, target_text
from .values import literal

_DEFAULT_POOL_NOTE = "asyncio's default pool"


class ModuleParts:
    # -- resources ------------------------------------------------------------------------
    def collect_resources(self, tree):
        for node in tree.body:
            made = self.resource_assignment(node, ())
            if made:
                self.resources[made[0]] = made[1]
                self.made_resources.add(id(node.value))
        entry = _entry_coroutine(tree, self)
        main = self.coroutines.get(entry)
        if main is None:
            return
        loop_names = set()
        for node in main.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and \
                    self.dotted(node.value.func) in ("asyncio.get_running_loop",
                                                     "asyncio.get_event_loop"):
                loop_names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
            made = self.refusals.guard(self.resource_assignment, node, loop_names)
            if made:
                rid, resource = made
                if rid in self.resources:
                    refuse(node, f"making {rid} twice", "make each resource once")
                self.resources[rid] = resource
                self.made_resources.add(id(node.value))
                self.made_in_main.add(rid)
                if not self.comments.is_export():
                    self.note(node, f"{rid} is made in {entry}(); as a scenario resource it "
                              "exists from the start")

    def resource_assignment(self, node, loop_names):
        if isinstance(node, ast.AnnAssign):  # `event: asyncio.Event = asyncio.Event()`
            targets = [node.target]
        else:
            targets = node.targets if isinstance(node, ast.Assign) else []
        if not (len(targets) == 1 and isinstance(targets[0], ast.Name)
                and isinstance(node.value, ast.Call)):
            return None
        resource = resource_of(node.value, self, loop_names)
        if resource is None:
            return None
        return targets[0].id, {"id": targets[0].id, **resource}

    def collect_resource_params(self):
        """A resource passed to a coroutine (`worker(queue)`) is that resource inside it: the
        parameter goes, the coroutine names the resource. Two passes follow a resource
        passed on once more."""
        for _ in range(2):
            for caller in self.coroutines.values():
                own = self.resource_params.get(caller.name, {})
                for call in ast.walk(caller):
                    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) \
                            and call.func.id in self.coroutines:
                        self.bind_resource_args(call, own)

    def bind_resource_args(self, call, caller_params):
        callee = call.func.id
        params = self.coroutine_params[callee]
        pairs = list(zip(params, call.args)) + [(k.arg, k.value) for k in call.keywords]
        for param, arg in pairs:
            if not isinstance(arg, ast.Name):
                continue
            rid = caller_params.get(arg.id, arg.id if arg.id in self.resources else None)
            if rid is None:
                continue
            bound = self.resource_params.setdefault(callee, {})
            if bound.get(param, rid) != rid:
                refuse(arg, f"passing different resources to {callee}({param})",
                       "give each its own coroutine, or use one resource")
            if param not in bound:
                bound[param] = rid
                if param != rid:
                    self.note(arg, f"{callee}() uses {rid} where it names its parameter "
                              f"{param}")

    # -- the module's own code -----------------------------------------------------------
    def program(self, tree):
        body = Body(self, "program")
        statements = []
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.AsyncFunctionDef,
                                 ast.FunctionDef)):
                continue
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                continue  # the docstring
            if id(getattr(node, "value", None)) in self.made_resources:
                continue
            if self.exporter_leftover(node):
                continue
            if self.refusals.guard(self.queue_items, node, default=False):
                continue
            if is_main_guard(node):
                statements.extend(s for s in node.body
                                  if not isinstance(s, (ast.Import, ast.ImportFrom)))
                continue
            if isinstance(node, ast.ClassDef):
                self.refusals.guard(self.refuse_class, node)
                continue
            statements.append(node)
        steps = body.steps(self.inline_entry_calls(statements))
        runs = [s for s in _walk_steps(steps) if s["op"] in ("run", "run_forever", "run_until_complete")]
        if not runs and not self.refusals._found:
            self.refusals.add(_unsupported(tree, "a program without asyncio.run(...)",
                                           "start the program with asyncio.run(main())"))
        return steps

    def collect_entry_functions(self, tree):
        """`def main(): result = asyncio.run(supervisor()); print(result)`, called as `main()`
        by the module (Fluent Python's examples): a plain function without parameters that
        runs the loop is the module's own code, its body inlined where it is called."""
        calls = {node.value.func.id for node in _module_statements(tree)
                 if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                 and isinstance(node.value.func, ast.Name) and not node.value.args
                 and not node.value.keywords}
        for name in sorted(calls & set(self.functions)):
            node = self.functions[name]
            params = node.args
            if params.args or params.posonlyargs or params.kwonlyargs or params.vararg \
                    or params.kwarg or node.decorator_list:
                continue
            if any(isinstance(c, ast.Call) and self.dotted(c.func) == "asyncio.run"
                   for c in ast.walk(node)):
                self.entry_functions[name] = node
                del self.functions[name]
                self.cpu_functions.discard(name)
                self.note(node, f"{name}() runs the loop: its body is the module's code where "
                          f"the module calls {name}()")

    def drop_unused_functions(self, tree):
        """A plain function nothing names (`def main_1()` kept beside the async version, a
        common teaching form) never runs: left out, with a note, rather than refused for what
        its body does."""
        if self.comments.is_export():
            return  # a scenario may hold a function nothing calls: the round trip keeps it
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        for name in [f for f in self.functions if f not in used]:
            self.note(self.functions.pop(name), f"{name}() is never called: it is left out")
            self.cpu_functions.discard(name)

    def inline_entry_calls(self, statements):
        out = []
        for node in statements:
            call = getattr(node, "value", None)
            if isinstance(node, ast.Expr) and isinstance(call, ast.Call) \
                    and isinstance(call.func, ast.Name) and call.func.id in self.entry_functions:
                body = self.entry_functions[call.func.id].body
                out.extend(s for s in body if not (isinstance(s, ast.Expr) and isinstance(
                    s.value, ast.Constant) and isinstance(s.value.value, str)))
            else:
                out.append(node)
        return out

    def exporter_leftover(self, node):
        """Module lines that stand for nothing: `pool = None` for a resource main makes,
        the exporter's SCALE = 1.0 and the burn helper's note."""
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)):
            return False
        name = node.targets[0].id
        if name in self.made_in_main and isinstance(node.value, ast.Constant) \
                and node.value.value is None:
            return True
        return name in self.ones or (self.burn_helpers and name == "_gil_noted")

    def queue_items(self, node):
        """`q.put_nowait(x)` at module level (or a for loop of them over a list): the
        queue's initial items."""
        if isinstance(node, ast.For) and isinstance(node.iter, ast.List) \
                and isinstance(node.target, ast.Name) and len(node.body) == 1:
            put = _module_put(node.body[0])
            if put and isinstance(put[1], ast.Name) and put[1].id == node.target.id \
                    and put[0] in self.resources:
                for element in node.iter.elts:
                    self.add_item(put[0], element)
                return True
        put = _module_put(node)
        if put and put[0] in self.resources:
            self.add_item(put[0], put[1])
            return True
        return False

    def add_item(self, rid, node):
        try:
            value = literal(node)
        except ValueError:
            refuse(node, "a computed initial queue item", "write the item as a literal")
        self.resources[rid].setdefault("items", []).append(value)

    def refuse_class(self, node):
        if any(isinstance(s, ast.AsyncFunctionDef) for s in node.body):
            refuse(node, "a class with async methods", "write the methods as coroutines at "
                   "module level and keep the state in module variables")
        if any(isinstance(b, ast.Name) and b.id.endswith(("Exception", "Error"))
               for b in node.bases):  # the docs' TerminateTaskGroup(Exception)
            refuse(node, "an exception class of the program's own", "raise a built-in "
                   "exception with a message, e.g. RuntimeError('terminate')")
        refuse(node, "a class definition", "keep the state in module variables")

    # -- settings stated in code ---------------------------------------------------------
    def default_executor(self, node, body):
        if len(node.args) != 1:
            refuse(node, "set_default_executor without one pool", "pass one pool")
        arg = node.args[0]
        if isinstance(arg, ast.Name) and body.resource_name(arg) == "default":
            return
        if isinstance(arg, ast.Call):
            pool = resource_of(arg, self, body.loop_names)
            if pool and pool["kind"] == "thread_pool":
                cpus = self.python.get("cpu_count", 4)
                if pool.get("workers", min(32, cpus + 4)) != min(32, cpus + 4):
                    self.resources["default"] = {"id": "default", **pool}
                return
        refuse(arg, "a default executor other than a ThreadPoolExecutor", "name the thread "
               "pool `default`, or pass ThreadPoolExecutor(n)")

    def switch_interval(self, node):
        try:
            self.python["switch_interval"] = float(literal(node))
        except (ValueError, TypeError):
            refuse(node, "a computed switch interval", "write the number")

    def random_seed(self, node):
        """The module's first random.seed(N), N a whole number, is the scenario's seed (True);
        any other is a step that seeds again when it runs (False)."""
        if self.seed is not None or len(node.args) != 1 or node.keywords:
            return False
        try:
            value = literal(node.args[0])
        except ValueError:
            return False
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        self.seed = value
        return True

    def run_step(self, node, target, body):
        if body.kind != "program":
            refuse(node, "asyncio.run inside a function", "call asyncio.run at module level")
        if len(node.args) != 1 or node.keywords:
            refuse(node, "asyncio.run with options", "write asyncio.run(main())")
        coro = body.coro_call(node.args[0])
        if coro is None:
            refuse(node.args[0], "running " + ast.unparse(node.args[0]),
                   "run a coroutine defined in this module: asyncio.run(main())")
        step = {"op": "run", **coro}
        if target is not None:
            step["as"] = target
        return step

    def runner_block(self, node, body):
        """`with asyncio.Runner() as r: [x =] r.run(main())` is the `run` step: asyncio.run
        is exactly that block (runners.py: `with Runner(debug=debug) as runner: return
        runner.run(main)`). None when the with statement is anything else."""
        if len(node.items) != 1:
            return None
        context, runner = node.items[0].context_expr, node.items[0].optional_vars
        if not (isinstance(context, ast.Call) and self.dotted(context.func) == "asyncio.Runner"
                and isinstance(runner, ast.Name)):
            return None
        if context.args or context.keywords:
            refuse(context, "asyncio.Runner with options", "write asyncio.Runner()")
        stmt = node.body[-1]
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
            else None
        call = stmt.value if isinstance(stmt, ast.Expr) or target is not None else None
        runs = isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
            and call.func.attr == "run" and ast.unparse(call.func.value) == runner.id
        if len(node.body) != 1 or not runs:
            refuse(stmt, "a Runner block other than one `runner.run(main())`",
                   "write `runner.run(main())` alone in it, or asyncio.run(main())")
        return self.run_step(call, None if target is None else target_text(target), body)


def _entry_coroutine(tree, importer):
    """The coroutine the module runs (`asyncio.run(example_barrier())`, `runner.run(...)`), whose
    top-level statements run once, as main()'s do: a resource they make (asyncio's primitives
    bind no loop until first used) is the same as one made at module level. "main" when the
    module names none."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Call) \
                and isinstance(node.args[0].func, ast.Name) \
                and node.args[0].func.id in importer.coroutines \
                and (importer.dotted(node.func) == "asyncio.run"
                     or isinstance(node.func, ast.Attribute) and node.func.attr == "run"):
            return node.args[0].func.id
    return "main"


def is_main_guard(node):
    return (isinstance(node, ast.If) and not node.orelse
            and ast.unparse(node.test) in ("__name__ == '__main__'", "'__main__' == __name__"))


def _module_statements(tree):
    for node in tree.body:
        yield from node.body if is_main_guard(node) else [node]


def _module_put(node):
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        func = node.value.func
        if isinstance(func, ast.Attribute) and func.attr == "put_nowait" \
                and isinstance(func.value, ast.Name) and len(node.value.args) == 1:
            return func.value.id, node.value.args[0]
    return None


def _walk_steps(steps):
    for step in steps:
        yield step
        for key in ("steps", "else", "finally"):
            yield from _walk_steps(step.get(key) or [])
        for branch in step.get("elif", []):
            yield from _walk_steps(branch["steps"])
        for handler in (step.get("except") or {}).values():
            yield from _walk_steps(handler["steps"] if isinstance(handler, dict) else handler)


def _unsupported(node, what, instead):
    from .refusals import Unsupported
    return Unsupported(node, what, instead)
