"""A program that runs the event loop itself, as the docs' low-level examples do:
`loop = asyncio.new_event_loop()`, `loop.call_soon(cb, loop)` before the loop runs,
`loop.run_forever()`, `loop.stop()` in a callback, `loop.close()` (scenario-format.md: the
ops `run_forever`, `stop` and `close`, and the `loop` field of `call_soon` / `call_later`)."""

import ast

from .refusals import refuse

LOOP_MAKERS = ("asyncio.new_event_loop", "asyncio.get_event_loop")
_RUNNING_LOOP = ("asyncio.get_running_loop", "asyncio.get_event_loop", "asyncio.new_event_loop")
_CALLBACKS = ("call_soon", "call_later")
_PROGRAM_ONLY = ("run_forever", "close")


class OwnLoop:
    """The Importer's part: which names hold the program's loop."""

    def collect_module_loops(self, tree):
        """`loop = asyncio.new_event_loop()` (or get_event_loop()) at module level, or in its
        `if __name__ == "__main__":`."""
        for node in _module_statements(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Call) \
                    and self.dotted(node.value.func) in LOOP_MAKERS:
                self.module_loops.add(node.targets[0].id)

    def collect_loop_params(self, tree):
        """A function that call_soon / call_later pass a loop to (`call_soon(hello, loop)`) has
        that parameter as the loop. Two passes follow a loop passed on once more."""
        plain = [n for n in _module_statements(tree)
                 if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for _ in range(2):
            scopes = [(self.module_loops, plain)]
            for node in list(self.functions.values()) + list(self.coroutines.values()):
                own = self.loop_params.get(node.name, set()) | self._assigned_loops(node)
                scopes.append((self.module_loops | own, [node]))
            for loops, nodes in scopes:
                for node in nodes:
                    for call in ast.walk(node):
                        self._bind_loop_args(call, loops)

    def _assigned_loops(self, function):
        return {t.id for n in ast.walk(function) if isinstance(n, ast.Assign)
                and isinstance(n.value, ast.Call) and self.dotted(n.value.func) in _RUNNING_LOOP
                for t in n.targets if isinstance(t, ast.Name)}

    def _bind_loop_args(self, call, loops):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                and call.func.attr == "run_until_complete" and len(call.args) == 1:
            self._bind_coroutine_loop_args(call.args[0], loops)
            return
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr in _CALLBACKS):
            return
        args = call.args[1:] if call.func.attr == "call_later" else call.args
        if not args or not isinstance(args[0], ast.Name) or args[0].id not in self.functions:
            return
        params = self.function_params[args[0].id]
        for param, arg in zip(params, args[1:]):
            if isinstance(arg, ast.Name) and arg.id in loops:
                self.loop_params.setdefault(args[0].id, set()).add(param)

    def _bind_coroutine_loop_args(self, coro, loops):
        """`loop.run_until_complete(main(loop))`: main's parameter is the loop (PyMOTW's)."""
        if not (isinstance(coro, ast.Call) and isinstance(coro.func, ast.Name)
                and coro.func.id in self.coroutines):
            return
        params = self.coroutine_params[coro.func.id]
        passed = list(zip(params, coro.args)) + [(k.arg, k.value) for k in coro.keywords]
        for param, arg in passed:
            if isinstance(arg, ast.Name) and arg.id in loops and param in params:
                self.loop_params.setdefault(coro.func.id, set()).add(param)


def _module_statements(tree):
    for node in tree.body:
        if isinstance(node, ast.If) and not node.orelse and ast.unparse(node.test) in (
                "__name__ == '__main__'", "'__main__' == __name__"):
            yield from node.body
        else:
            yield node


class LoopCalls:
    """The Body's part: the loop's methods as steps."""

    def own_loop_field(self, owner):
        """{"loop": name} when the call is made on a variable holding the program's loop (or
        a parameter it was passed as); {} on the running loop (asyncio.get_running_loop())."""
        if isinstance(owner, ast.Name) and owner.id in self.own_loops:
            return {"loop": owner.id}
        return {}

    def loop_method(self, node):
        """`loop.run_forever()`, `loop.stop()`, `loop.close()`: the step, or None."""
        func = node.func
        owner = func.value
        if func.attr == "run_until_complete" and (self.is_loop(owner) or isinstance(
                owner, ast.Call) and self.imp.dotted(owner.func) in _RUNNING_LOOP):
            return self.run_until_complete(node, None)
        if func.attr not in _PROGRAM_ONLY + ("stop",) or not self.is_loop(func.value):
            return None
        if node.args or node.keywords:
            refuse(node, f"loop.{func.attr}() with arguments", f"write loop.{func.attr}()")
        if func.attr in _PROGRAM_ONLY and self.kind != "program":
            refuse(node, f"loop.{func.attr}() inside a function",
                   "run and close the loop in the module's code")
        field = self.own_loop_field(func.value)
        if func.attr in _PROGRAM_ONLY and not field:
            refuse(node, f"loop.{func.attr}() of a loop not made here",
                   "make it with loop = asyncio.new_event_loop()")
        return {"op": func.attr, **field}

    def run_until_complete(self, node, target):
        """`[x =] loop.run_until_complete(coro(...))` in the module's code: the step (the
        coroutine a task on the program's loop, the loop run until it is done)."""
        owner = node.func.value
        field = self.own_loop_field(owner)
        if not field and isinstance(owner, ast.Call) and not owner.args \
                and not owner.keywords and self.imp.dotted(owner.func) in LOOP_MAKERS:
            field = {"loop": ast.unparse(owner)}  # asyncio.get_event_loop().run_...
        if self.kind != "program":
            refuse(node, "loop.run_until_complete() inside a function",
                   "run the loop in the module's code")
        if not field:
            refuse(node, "loop.run_until_complete() of a loop not made here",
                   "make it with loop = asyncio.new_event_loop()")
        if len(node.args) != 1 or node.keywords:
            refuse(node, "loop.run_until_complete() with other than one coroutine",
                   "write loop.run_until_complete(main())")
        coro = self.coro_call(node.args[0])
        if coro is None:
            refuse(node.args[0], "running " + ast.unparse(node.args[0]),
                   "run a coroutine defined in this module: loop.run_until_complete(main())")
        step = {"op": "run_until_complete", **field, **coro}
        if target is not None:
            step["as"] = target
        return step

    def loop_made(self, node, target):
        """`loop = asyncio.new_event_loop()` in the module's code: the loop as a value (the
        scenario has the one loop), or None for any other assignment."""
        if self.kind != "program" or (self.imp.dotted(node.func) or "") not in LOOP_MAKERS:
            return None
        if node.args or node.keywords or not isinstance(target, ast.Name):
            refuse(node, "a loop made with arguments or kept elsewhere than in a name",
                   "write loop = asyncio.new_event_loop()")
        self.loop_names.add(target.id)
        return [{"op": "set", "name": target.id,
                 "value": "$" + (self.imp.dotted(node.func) or "") + "()"}]
