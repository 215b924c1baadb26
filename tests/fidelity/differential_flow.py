"""Values, expressions and control flow for differential_scenarios.py, from a stream of its own.

With `flow` (the default), each seed's scenario also gets (issue 15):
- `calc(n, k)`, which loops over `range(n)` with `continue`, `break`, sleeps of `i * 0.125`,
  a `while` that halves its total, an `if`/`elif`/`else`, and returns an int, a list, a tuple
  or a dict;
- main steps (first in main) that bind results with `as` (call, await of a task, gather with and without
  return_exceptions over a failing coroutine, wait_for of a coroutine and of a task) and print
  them through f-strings with conversions and format specs (`{r!r}`, `{x:>6}`, `{x / 3:.2f}`),
  `t.done()`, `t.result()`, `len(...)`, `sum(...)` and a seeded `random.randint`;
- a module global `count` changed by `bump` tasks across an await (check-then-act, with and
  without the lock), declared with "globals";
- a program: code before `run`, `as` on it, and code after it that prints what main returned.
`--no-flow` leaves all of it out: each seed then gives the scenario it gave before.
"""

STEP = 0.125


class Flow:
    def __init__(self, generator, rng):
        self.g = generator
        self.rng = rng
        self.n = 0

    def say(self, text):
        self.n += 1
        return {"op": "print", "text": f"f{self.n}: {text}"}

    def calc(self):
        limit = self.rng.randint(3, 30)
        shape = self.rng.choice(["$acc", "$[acc, n]", "$(acc, k)", "${'acc': acc, 'n': n}",
                                 "$acc / 4"])
        return {"name": "calc", "params": ["n", "k"], "steps": [
            {"op": "set", "name": "acc", "value": 0},
            {"op": "for", "var": "i", "in": "range(n)", "steps": [
                {"op": "if", "cond": "i % k == 0", "steps": [{"op": "continue"}]},
                {"op": "set", "name": "acc", "value": "$acc + i * k"},
                {"op": "if", "cond": f"acc > {limit}", "steps": [{"op": "break"}],
                 "elif": [{"cond": "i == 1", "steps": [{"op": "sleep", "seconds": "i * 0.125"}]}],
                 "else": [{"op": "sleep", "seconds": 0}]}]},
            {"op": "while", "cond": "acc > 40", "steps": [
                {"op": "set", "name": "acc", "value": "$acc // 2"}]},
            {"op": "return", "value": shape}]}

    def failing(self):
        return {"name": "calc_fails", "params": ["n"], "steps": [
            {"op": "sleep", "seconds": "n * 0.125"},
            {"op": "raise", "error": self.rng.choice(["ValueError", "KeyError", "RuntimeError"]),
             "message": "bad {n}"}]}

    def bump(self):
        """Reads the global, awaits, writes it back: the race (with the lock, none)."""
        body = [{"op": "set", "name": "seen", "value": "$count"},
                {"op": "sleep", "seconds": "d"},
                {"op": "set", "name": "count", "value": "$seen + 1"}]
        return {"name": "bump", "params": ["d", "locked"], "globals": ["count"], "steps": [
            {"op": "if", "cond": "locked", "steps": [
                {"op": "with", "resource": "lock", "steps": body}],
             "else": body}]}

    def coroutines(self):
        return [self.calc(), self.failing(), self.bump()]

    def args(self):
        return {"n": self.rng.randint(0, 7), "k": self.rng.randint(1, 3)}

    def step(self, index):
        kind = self.rng.choice(["call", "await", "gather", "wait_for", "race", "loop"])
        if kind == "call":
            r = f"r{index}"
            return [{"op": "call", "coro": "calc", "args": self.args(), "as": r},
                    self.say(f"{{{r}!r}} {{str({r}):>12}}")]
        if kind == "await":
            t, v = f"t{index}", f"v{index}"
            return [{"op": "create_task", "coro": "calc", "args": self.args(), "as": t},
                    {"op": "sleep", "seconds": STEP * self.rng.randint(0, 3)},
                    self.say(f"{{{t}.done()}}"),
                    {"op": "await", "task": t, "as": v},
                    self.say(f"{{{v}}} {{{t}.result() == {v}}}")]
        if kind == "gather":
            g = f"g{index}"
            items = [{"coro": "calc", "args": self.args()} for _ in range(self.rng.randint(1, 3))]
            rx = self.rng.random() < 0.6
            if rx:
                items.insert(self.rng.randint(0, len(items)),
                             {"coro": "calc_fails", "args": {"n": self.rng.randint(0, 4)}})
            return [{"op": "gather", "items": items, "return_exceptions": rx, "as": g},
                    self.say(f"{{{g}}} {{len({g})}}")]
        if kind == "wait_for":
            w = f"w{index}"
            return [{"op": "try", "steps": [
                {"op": "wait_for", "coro": "calc", "args": self.args(),
                 "timeout": STEP * self.rng.randint(0, 8), "as": w},
                self.say(f"{{{w}}}")],
                "except": {"TimeoutError": [self.say("timed out")]}}]
        if kind == "race":
            locked = self.rng.random() < 0.5
            items = [{"coro": "bump", "args": {"d": STEP * self.rng.randint(0, 2),
                                                "locked": locked}}
                     for _ in range(self.rng.randint(2, 4))]
            return [{"op": "gather", "items": items},
                    self.say("count={count} " + ("locked" if locked else "racing"))]
        total = f"s{index}"
        limit = self.rng.randint(0, 5)
        return [{"op": "set", "name": total, "value": 0},
                {"op": "for", "var": "j, x", "in": f"enumerate([3, 1.5, -2, {limit}])", "steps": [
                    {"op": "set", "name": total, "value": f"${total} + x * j"},
                    {"op": "sleep", "seconds": f"j * {STEP}"}]},
                {"op": "set", "name": "m", "value": 0},
                {"op": "while", "cond": f"m < {limit}", "steps": [
                    {"op": "set", "name": "m", "value": "$m + 2"}]},
                self.say(f"{{{total}:.2f}} {{m:03d}} {{{total} / 3:.3f}} {{abs(-{limit}) ** 2}}")]

    def main_steps(self):
        steps = [self.say("{random.randint(1, 1000)} {count}")]
        for i in range(self.rng.randint(2, 5)):
            steps += self.step(i)
        return steps

    def program(self):
        start = self.rng.randint(0, 9)
        return [{"op": "set", "name": "count", "value": start},
                {"op": "print", "text": f"before run: count={{count}} {{[count] * 2}}"},
                {"op": "run", "coro": "main", "as": "result"},
                {"op": "print", "text": "after run: main returned {result}, count={count}"}]
