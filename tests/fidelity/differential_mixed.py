"""The shapes real programs have, mixed into main and the workers, from a stream of their own.

With `mixed` (the default), differential_scenarios.py puts two to five of these into main,
zero to two into each worker `w<i>` and sometimes one into a helper `h<i>` (which main and the
workers may cancel, time out or have a task group cancel), at random places among the older
ops (tests/corpus/ has the programs they come from):
- gather of results: tasks made in a `for` loop into a list, gathered with `*tasks`
  (`return_exceptions` or not), the list of results printed with `!r` and `len`;
- gather of coroutines and bare awaitables (`sleep`, `to_thread` and `run_in_executor` of a
  plain function);
- a queue of workers (the Python docs' example): items put with `put_nowait` in a loop,
  workers made in a loop, `join`, each worker cancelled in a loop, `gather(*workers,
  return_exceptions=True)`; the workers count what they did in a module global;
- a task awaited after it finished (twice), `t.done()` and `t.result()` printed;
- a timeout with cleanup: `asyncio.timeout` or `wait_for` around a coroutine that prints in
  `except CancelledError` and `finally`, the TimeoutError caught and printed;
- cancel then await, `t.cancelled()` printed;
- the gather-factorial example: a `for` over `range(2, number + 1)` with arithmetic;
- `wait` and `as_completed` over tasks (and a `to_thread` or `run_in_executor` item) whose
  results are printed;
- a plain function on the default pool (`to_thread`, `run_in_executor(None, ...)`) that prints
  on its thread, loops, returns a value or raises; only steps that take no scenario time,
  as the virtual clock cannot wait for a thread (differential_harness.py);
- a `call_later` callback that prints and sets an event the coroutine waits for;
- a `while` over data with `continue`, `break`, a caught failure and seeded random steps;
- values and expressions: ints and floats through `+ - * / // % **`, comparisons,
  conditional expressions, f-string format specs (`.2f`, `>6`, `03d`, `,`, `+`, `.1%`, `!r`),
  str, list and dict methods, comprehensions, `sorted`/`min`/`max`/`round`, a seeded
  `random.uniform`/`randint` (one generator for the whole run: the draws must come in the
  same order on both sides), `loop.time()`;
- in the program: a loop before `run` and prints of the globals after it.
`--no-mixed` leaves all of it out: each seed then gives the scenario it gave before.
"""

STEP = 0.125

FLOAT_SPECS = [".2f", ".3f", ">8.1f", "<7.2f", "^9.3f", "+.1f", ".1%", ",.2f", ".3e", ".4g",
               "", "010.3f", "g"]
INT_SPECS = ["", ">4", "<4", "^5", "03d", "+d", ",", "x", "#x", "b", "5d", ".1f", "e"]


class Mixed:
    def __init__(self, rng):
        self.rng = rng
        self.k = 0  # shape instances: their names, queues and events are their own
        self.queues = []
        self.events = []
        self.own_coroutines = []  # one per queue or event: a resource is not an argument
        self.own_functions = []

    def tag(self):
        self.k += 1
        return self.k

    def say(self, who, text):
        return {"op": "print", "text": f"{who}: {text}"}

    def delay(self, most=4):
        return STEP * self.rng.randint(0, most)

    # -- coroutines, functions and resources ----------------------------------------------
    def coroutines(self):
        shape = self.rng.choice(["$i * 10", "$[i, d]", "${'i': i, 'd': d}",
                                 "$str(i).zfill(3)", "$d * i + 0.5", "$(i, str(d))"])
        fail = self.rng.choice(["i % 4 == 3", "i == 2", "i > 3", "False"])
        return [
            {"name": "xfetch", "params": ["i", "d"], "steps": [
                {"op": "sleep", "seconds": "d"},
                {"op": "if", "cond": fail, "steps": [
                    {"op": "raise", "error": "ValueError", "message": "fetch {i} failed"}]},
                {"op": "print", "text": "xfetch {i} after {d:.3f}"},
                {"op": "return", "value": shape}]},
            {"name": "xfact", "params": ["name", "number"], "steps": [
                {"op": "set", "name": "f", "value": 1},
                {"op": "for", "var": "i", "in": "range(2, number + 1)", "steps": [
                    {"op": "print", "text": "Task {name}: Compute factorial({number}), "
                                            "currently i={i}..."},
                    {"op": "sleep", "seconds": STEP},
                    {"op": "set", "name": "f", "value": "$f * i"}]},
                {"op": "print", "text": "Task {name}: factorial({number}) = {f}"},
                {"op": "return", "value": "$f"}]},
            {"name": "xcleanup", "params": ["d"], "steps": [
                {"op": "try", "steps": [
                    {"op": "print", "text": "xcleanup {d} starts"},
                    {"op": "sleep", "seconds": "d"},
                    {"op": "print", "text": "xcleanup {d} finished"}],
                 "except": {"CancelledError": [
                     {"op": "print", "text": "xcleanup {d} cancelled"},
                     {"op": "raise", "error": "CancelledError", "message": ""}]},
                 "finally": [{"op": "print", "text": "xcleanup {d} cleans up"}]},
                {"op": "return", "value": "$d * 2"}]},
        ] + self.own_coroutines

    def worker(self, k, q):
        return {"name": f"xworker{k}", "params": ["name"], "globals": ["xdone"], "steps": [
            {"op": "while", "cond": "True", "steps": [
                {"op": "get", "queue": q, "as": "item"},
                {"op": "sleep", "seconds": "item"},
                {"op": "task_done", "queue": q},
                {"op": "set", "name": "xdone", "value": "$xdone + 1"},
                {"op": "print", "text": "{name} has slept for {item:.2f} seconds"}]}]}

    def notifier(self, k, ev):
        return {"name": f"xnotify{k}", "params": ["msg"], "steps": [
            {"op": "print", "text": "callback says {msg!r}"},
            {"op": "event_set", "event": ev}]}

    def functions(self):
        bad = self.rng.choice(["n == 5", "n % 3 == 0", "False"])
        return [
            {"name": "xcompute", "params": ["n"], "steps": [
                {"op": "print", "text": "xcompute {n} on a pool thread"},
                {"op": "set", "name": "acc", "value": "$[]"},
                {"op": "for", "var": "j", "in": "range(n)", "steps": [
                    {"op": "if", "cond": "j % 2", "steps": [{"op": "continue"}]},
                    {"op": "set", "name": "acc", "value": "$acc + [j * j]"}]},
                {"op": "if", "cond": bad, "steps": [
                    {"op": "raise", "error": "ValueError", "message": "xcompute {n}"}]},
                {"op": "return", "value": self.rng.choice(["$sum(acc)", "$acc", "$len(acc) / 4",
                                                           "${'n': n, 'acc': acc}"])}]},
        ] + self.own_functions

    def resources(self):
        return ([{"id": q, "kind": "queue"} for q in self.queues]
                + [{"id": e, "kind": "event"} for e in self.events])

    def program_before(self):
        return [{"op": "set", "name": "xdone", "value": 0},
                {"op": "set", "name": "xnames", "value": "$[]"},
                {"op": "for", "var": "n", "in": f"range({self.rng.randint(0, 3)})", "steps": [
                    {"op": "set", "name": "xnames", "value": "$xnames + ['n' + str(n)]"}]},
                {"op": "print", "text": "module: {xnames} {'-'.join(xnames).upper()!r}"}]

    def program_after(self):
        return [{"op": "if", "cond": "xdone > 0", "steps": [
                    {"op": "print", "text": "module: workers did {xdone} items"}],
                 "else": [{"op": "print", "text": "module: no worker item done"}]}]

    # -- shapes ----------------------------------------------------------------------------
    def steps(self, who, count):
        """`count` shapes for the coroutine `who`, each a list of steps."""
        kinds = ["gather_results", "gather_mixed", "queue_workers", "await_finished",
                 "timeout_cleanup", "cancel_await", "factorial", "wait_results",
                 "as_completed_results", "pool", "callback", "values", "values", "data_loop"]
        return [getattr(self, kind)(who, self.tag()) for kind in
                (self.rng.choice(kinds) for _ in range(count))]

    def fetch_args(self, index_expr):
        d = self.rng.choice([f"{index_expr} * {STEP}", f"{self.delay()}",
                             f"({index_expr} % 3) * {STEP * 2}"])
        return {"i": f"${index_expr}", "d": f"${d}"}

    def gather_results(self, who, k):
        xs, out = f"xs{k}", f"xL{k}"
        rx = self.rng.random() < 0.5
        gather = {"op": "gather", "items": [{"star": xs}], "return_exceptions": rx, "as": out}
        return [{"op": "set", "name": xs, "value": "$[]"},
                {"op": "for", "var": "xi", "in": f"range({self.rng.randint(0, 4)})", "steps": [
                    {"op": "create_task", "coro": "xfetch", "args": self.fetch_args("xi"),
                     "as": "xt"},
                    {"op": "set", "name": xs, "value": f"${xs} + [xt]"}]},
                {"op": "try", "steps": [
                    gather, self.say(who, f"gathered {{{out}!r}} {{len({out})}}")],
                 "except": {"ValueError": [self.say(
                     who, f"gather failed {{[t.done() for t in {xs}]}}")]}}]

    def gather_mixed(self, who, k):
        out = f"xL{k}"
        items = [{"coro": "xfetch", "args": self.fetch_args(str(self.rng.randint(0, 5)))}
                 for _ in range(self.rng.randint(0, 2))]
        for _ in range(self.rng.randint(1, 2)):
            pick = self.rng.random()
            if pick < 0.4:
                items.append({"op": "sleep", "seconds": self.delay()})
            elif pick < 0.65:
                items.append({"op": "to_thread", "function": "xcompute",
                              "args": {"n": self.rng.randint(0, 6)}})
            elif pick < 0.8:
                items.append({"op": "run_in_executor", "pool": None, "function": "xcompute",
                              "args": {"n": self.rng.randint(0, 6)}})
            else:
                items.append({"coro": "xfact", "args": {"name": f"F{k}",
                                                        "number": self.rng.randint(1, 3)}})
        self.rng.shuffle(items)
        rx = self.rng.random() < 0.6
        return [{"op": "try", "steps": [
            {"op": "gather", "items": items, "return_exceptions": rx, "as": out},
            self.say(who, f"mixed gather {{{out}!r}}")],
            "except": {"ValueError": [self.say(who, "mixed gather raised")]}}]

    def queue_workers(self, who, k):
        q, ws, out = f"xq{k}", f"xws{k}", f"xR{k}"
        self.queues.append(q)
        self.own_coroutines.append(self.worker(k, q))
        item = self.rng.choice([f"(xi % 3 + 1) * {STEP}", f"{STEP}",
                                "random.randint(1, 4) * 0.125"])
        return [
            {"op": "for", "var": "xi", "in": f"range({self.rng.randint(0, 5)})", "steps": [
                {"op": "put_nowait", "queue": q, "item": f"${item}"}]},
            {"op": "set", "name": ws, "value": "$[]"},
            {"op": "for", "var": "xi", "in": f"range({self.rng.randint(1, 3)})", "steps": [
                {"op": "create_task", "coro": f"xworker{k}",
                 "args": {"name": "$'worker-' + str(xi)"}, "as": "xw"},
                {"op": "set", "name": ws, "value": f"${ws} + [xw]"}]},
            {"op": "join", "queue": q},
            {"op": "for", "var": "xw", "in": ws, "steps": [{"op": "cancel", "task": "xw"}]},
            {"op": "gather", "items": [{"star": ws}], "return_exceptions": True, "as": out},
            self.say(who, f"{{len({out})}} workers stopped, {{xdone}} items so far, "
                          f"{{{q}.qsize()}} left {{{q}.empty()}}")]

    def await_finished(self, who, k):
        t, v = f"xt{k}", f"xv{k}"
        return [{"op": "create_task", "coro": "xfetch", "args": self.fetch_args(
                    str(self.rng.randint(0, 5))), "as": t},
                {"op": "sleep", "seconds": self.delay(6)},
                self.say(who, f"done before await: {{{t}.done()}}"),
                {"op": "try", "steps": [
                    {"op": "await", "task": t, "as": v},
                    {"op": "await", "task": t, "as": f"{v}b"},
                    self.say(who, f"{{{v}!r}} {{{t}.result() == {v}b}} {{{t}.done()}}")],
                 "except": {"ValueError": [self.say(who, f"task failed {{{t}.done()}}")]}}]

    def timeout_cleanup(self, who, k):
        d, limit = self.delay(5), self.delay(4)
        if self.rng.random() < 0.5:
            body = [{"op": "timeout", "seconds": limit, "steps": [
                {"op": "call", "coro": "xcleanup", "args": {"d": d}, "as": f"xc{k}"}]}]
        else:
            body = [{"op": "wait_for", "coro": "xcleanup", "args": {"d": d}, "timeout": limit,
                     "as": f"xc{k}"}]
        return [{"op": "try", "steps": body + [self.say(who, f"in time: {{xc{k}}}")],
                 "except": {"TimeoutError": [self.say(who, f"timed out after {limit}")]},
                 "finally": [self.say(who, f"cleanup {k} done")]}]

    def cancel_await(self, who, k):
        t = f"xt{k}"
        return [{"op": "create_task", "coro": "xcleanup", "args": {"d": self.delay(4)}, "as": t},
                {"op": "sleep", "seconds": self.delay(3)},
                {"op": "cancel", "task": t},
                {"op": "try", "steps": [
                    {"op": "await", "task": t, "as": f"xv{k}"},
                    self.say(who, f"not cancelled: {{xv{k}}}")],
                 "except": {"CancelledError": [
                     self.say(who, f"cancelled {{{t}.cancelled()}} {{{t}.done()}}")]}}]

    def factorial(self, who, k):
        out = f"xL{k}"
        items = [{"coro": "xfact", "args": {"name": chr(65 + n), "number": self.rng.randint(1, 4)}}
                 for n in range(self.rng.randint(1, 3))]
        return [{"op": "gather", "items": items, "as": out},
                self.say(who, f"factorials {{{out}}} total {{sum({out}):,}} "
                              f"max {{max({out}):>4}}")]

    def wait_results(self, who, k):
        ts = [f"xt{k}_{n}" for n in range(self.rng.randint(1, 3))]
        steps = [{"op": "create_task", "coro": "xfetch",
                  "args": self.fetch_args(str(self.rng.randint(0, 5))), "as": t} for t in ts]
        step = {"op": "wait", "items": [{"task": t} for t in ts], "as": f"xd{k}, xp{k}",
                "return_when": self.rng.choice(["FIRST_COMPLETED", "FIRST_EXCEPTION",
                                                 "ALL_COMPLETED"])}
        if self.rng.random() < 0.4:
            step["timeout"] = self.delay(3)
        if self.rng.random() < 0.3:  # a bare awaitable: wait() makes it a task
            step["items"].append({"op": "to_thread", "function": "xcompute",
                                  "args": {"n": self.rng.randint(0, 6)}})
        flags = ", ".join(f"{t} in xd{k}" for t in ts)
        return steps + [step, self.say(who, f"wait: {{len(xd{k})}}/{{len(xp{k})}} [{flags}]"),
                        {"op": "for", "var": "xt", "in": f"[{', '.join(ts)}]", "steps": [
                            {"op": "cancel", "task": "xt"}]}]

    def as_completed_results(self, who, k):
        items = [{"coro": "xfetch", "args": self.fetch_args(str(self.rng.randint(0, 5)))}
                 for _ in range(self.rng.randint(1, 3))]
        if self.rng.random() < 0.3:
            op = self.rng.choice(["to_thread", "run_in_executor"])
            item = {"op": op, "function": "xcompute", "args": {"n": self.rng.randint(0, 6)}}
            if op == "run_in_executor":
                item["pool"] = None
            items.insert(self.rng.randint(0, len(items)), item)
        got = f"xg{k}"
        step = {"op": "as_completed", "items": items, "as": f"xr{k}", "steps": [
            {"op": "set", "name": got, "value": f"${got} + [xr{k}]"},
            self.say(who, f"as_completed {{xr{k}!r}} ({{len({got})}})")]}
        if self.rng.random() < 0.3:
            step["timeout"] = self.delay(3)
        return [{"op": "set", "name": got, "value": "$[]"},
                {"op": "try", "steps": [step],
                 "except": {"ValueError": [self.say(who, f"as_completed failed after {{{got}}}")],
                            "TimeoutError": [self.say(who, f"as_completed timeout {{{got}}}")]}}]

    def pool(self, who, k):
        n = self.rng.randint(0, 7)
        call = ({"op": "to_thread", "function": "xcompute", "args": {"n": n}, "as": f"xp{k}"}
                if self.rng.random() < 0.5 else
                {"op": "run_in_executor", "pool": None, "function": "xcompute",
                 "args": {"n": n}, "as": f"xp{k}"})
        return [{"op": "try", "steps": [call, self.say(who, f"pool gave {{xp{k}!r}}")],
                 "except": {"ValueError": [self.say(who, "pool function raised")]}}]

    def callback(self, who, k):
        ev = f"xev{k}"
        self.events.append(ev)
        self.own_functions.append(self.notifier(k, ev))
        return [{"op": "call_later", "delay": self.delay(3), "function": f"xnotify{k}",
                 "args": {"msg": f"{who} {k}"}},
                {"op": "event_wait", "event": ev},
                self.say(who, f"event {k} set {{{ev}.is_set()}}")]

    def data_loop(self, who, k):
        """`while i <= threshold` over data, with continue, break, a call whose failure is
        caught, and seeded random steps."""
        i, acc = f"xi{k}", f"xacc{k}"
        body = [
            {"op": "if", "cond": f"{i} % 3 == 0", "steps": [
                {"op": "set", "name": i, "value": f"${i} + 1"}, {"op": "continue"}],
             "elif": [{"cond": f"{i} == {self.rng.randint(4, 9)}", "steps": [{"op": "break"}]}]},
            {"op": "try", "steps": [
                {"op": "call", "coro": "xfetch", "args": {"i": f"${i}", "d": f"${i} % 2 * {STEP}"},
                 "as": f"xr{k}"},
                {"op": "set", "name": acc, "value": f"${acc} + [xr{k}]"}],
             "except": {"ValueError": [{"op": "set", "name": acc, "value": f"${acc} + ['err']"}]}},
            {"op": "set", "name": i, "value": f"${i} + random.randint(1, 2)"}]
        return [{"op": "set", "name": i, "value": self.rng.randint(0, 2)},
                {"op": "set", "name": acc, "value": "$[]"},
                {"op": "while", "cond": f"{i} <= {self.rng.randint(0, 8)}", "steps": body},
                self.say(who, f"loop ended at {{{i}}}: {{{acc}!r}} "
                              f"{{sorted(str(v) for v in {acc})[:2]}} {{len({acc}):02d}}")]

    def values(self, who, k):
        r = self.rng
        a, b = r.randint(-20, 99), r.choice([1, 2, 3, 7, -4, 0.5, 2.25, 1e-3])
        x = f"xa{k}"
        num = "f" if isinstance(b, float) else "i"  # what `x op b` gives
        exprs = [(f"{x} + {b}", num), (f"{x} - {b}", num), (f"{x} * {b}", num),
                 (f"{x} / {b}", "f"), (f"{x} // {b}", num), (f"{x} % {b}", num),
                 (f"{x} ** 2", "i"), (f"-{x}", "i"), (f"abs({x} - 50)", "i"),
                 (f"round({x} / 7, 2)", "f"), (f"{x} > {b} and {x} < 50", "i"),
                 (f"{x} if {x} % 2 else -{x}", "i"), (f"min({x}, {b})", num),
                 (f"max([{x}, {b}, 3])", num), (f"{x} == {b} or not {x}", "i"),
                 (f"float({x}) / 8", "f"), (f"int({x} / 3)", "i"), (f"str({x}) * 2", "t"),
                 (f"[{x}, {b}][{x} % 2]", num), (f"sorted([{x}, {b}, -1])", "s"),
                 (f"({{'k': {x}}}).get('k', 0) + 1", "i"), (f"list(range({x} % 5))", "s"),
                 (f"'{who}'.upper().replace('A', '4')", "t"),
                 (f"', '.join(str(v) for v in range(3))", "t"),
                 (f"[v * {b} for v in range({x} % 4)]", "s"),
                 (f"({{'a': {x}, 'b': {b}}})", "s"), (f"'{who}'.split('0')", "s"),
                 (f"{x} // 3 * 3 == {x} - {x} % 3", "i"), (f"len(str({x})) * 0.1", "f"),
                 (f"random.randint(1, 6) + {x}", "i"), ("random.uniform(0, 1)", "f"),
                 ("round(random.uniform(0.05, 1.0), 3)", "f"), ("loop.time()", "f"),
                 (f"sum([{x}, {b}, 0.25])", "f"), (f"{x} / 3 > 2", "i"),
                 (f"(({x} + 1), 'a', None)", "s"), (f"'{who}'.center(12, '*')", "t")]
        parts = []
        for _ in range(r.randint(2, 4)):
            e, kind = r.choice(exprs)
            spec = ""
            if r.random() < 0.5:
                if r.random() < 0.3 or kind in "st":
                    spec = "!r" if r.random() < 0.5 else r.choice(["!r:>20", ":>16", ":<14"])
                    if kind == "s" and spec[0] == ":":
                        spec = "!r"  # lists and dicts take no format spec, strings do
                else:
                    spec = ":" + r.choice(FLOAT_SPECS if kind == "f" else INT_SPECS)
            parts.append(f"{{{e}{spec}}}")
        steps = [{"op": "set", "name": x, "value": a},
                 self.say(who, " | ".join(parts))]
        if r.random() < 0.3:
            steps.append({"op": "set", "name": x, "value": f"${x} * 2 + 1"})
            steps.append(self.say(who, f"{{{x}:>6}} {{{x} / 4:.2f}}"))
        return steps
