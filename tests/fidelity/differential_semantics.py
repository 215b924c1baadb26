"""Semantic corners real programs reach and the other streams cannot say, a stream of its own.

`differential.py --stream semantics` gives each seed a scenario of its own (not mixed into the
main stream's, so every seed of the other streams keeps its program): main runs two to five
forms one after another, each inside `try ... except Exception as e` that prints `{e!r}`, so a
form that fails shows its error's repr and the next one still runs. The forms:
- `finished`: a task awaited, gathered (twice in one gather) and waited for after it finished,
  failed or was cancelled (before it started, or while it slept);
- `gather_mixed`: gather(return_exceptions=True) of duplicates, a finished task, a failed one,
  a cancelled one and a coroutine, the list printed (exceptions as their repr);
- `blocked_cancel`: a task blocked on a lock, a (bounded) semaphore, a queue get or put, a
  condition, an event or a future, cancelled (sometimes at the instant the holder releases),
  while another waits behind it; who gets the resource, and when, is printed;
- `outer_cancel`: a task in `wait_for` or a `timeout` block cancelled from outside (the
  inner coroutine prints in `except CancelledError` and `finally`);
- `groups`: nested task groups whose children fail, swallow or re-raise their cancellation,
  the ExceptionGroup printed with `{e}`, `{e!r}` and its `exceptions`;
- `wait_forms`: `wait` with FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED and a timeout,
  the pending ones cancelled in a `for` and gathered with `*pending`; `as_completed` over
  finished and failing tasks; `shield` of a task cancelled outside, the task awaited after;
- `queue_join`: `join` with `task_done` from workers, one `task_done` too many;
- `errors`: releasing an unheld lock, a BoundedSemaphore released too often, a plain
  Semaphore released beyond its value, a future's result set twice, notify and wait on a
  condition not held, an event set and cleared in one step while a task waits;
- `exceptions`: exceptions caught, printed with `{e}` and `{e!r}`, raised again from a handler
  and from a `finally`;
- a `ticker` task beside most forms prints at each loop iteration (`sleep(0)` in a loop), so
  that an await which suspends on one side and not on the other, or for one more iteration,
  shows in the order of the prints;
- `texts` (from a stream of its own, after the forms): str operations on text with emoji,
  accents and U+FFFF, where a code point is not a UTF-16 unit;
- `numbers`: random arithmetic over ints and floats (decimal and binary literals) printed plain
  and through format specs: the float repr (0.1 + 0.2), rounding, floor division and modulo of
  negatives and floats, big ints, ZeroDivisionError and OverflowError caught.
"""
import random

from differential_semantics_values import ERRORS, SemanticsValues

STEP = 0.125


class Semantics(SemanticsValues):
    def __init__(self, seed):
        self.rng = random.Random(seed * 86028121 + 29)
        self.seed = seed
        self.resources = []
        self.coroutines = []
        self.n = 0

    def delay(self, most=4, least=0):
        return STEP * self.rng.randint(least, most)

    def say(self, text):
        self.n += 1
        return {"op": "print", "text": f"{self.n}: {text}"}

    def catching(self, steps, cancelled=False):
        handlers = {"*": {"as": "e", "steps": [self.say("caught {e!r}")]}}
        if cancelled:
            handlers = {"CancelledError": {"as": "e", "steps": [self.say("cancelled {e!r}")]},
                        **handlers}
        return {"op": "try", "steps": steps, "except": handlers}

    # -- shared coroutines -------------------------------------------------------------------
    def base_coroutines(self):
        bad = []
        for error in ERRORS:
            bad.append({"name": f"bad_{error}", "params": ["d", "m"], "steps": [
                {"op": "sleep", "seconds": "d"},
                {"op": "raise", "error": error, "message": "{m}"}]})
        return bad + [
            {"name": "ticker", "params": ["n", "count"], "steps": [
                {"op": "repeat", "count": "count", "var": "k", "steps": [
                    {"op": "print", "text": "tick {n}.{k}"},
                    {"op": "sleep", "seconds": 0}]}]},
            {"name": "job", "params": ["d", "v"], "steps": [
                {"op": "sleep", "seconds": "d"},
                {"op": "print", "text": "job {v!r} after {d}"},
                {"op": "return", "value": "$v"}]},
            {"name": "guard", "params": ["d", "v", "swallow"], "steps": [
                {"op": "try", "steps": [
                    {"op": "sleep", "seconds": "d"},
                    {"op": "print", "text": "guard {v} done"}],
                 "except": {"CancelledError": {"as": "c", "steps": [
                     {"op": "print", "text": "guard {v} cancelled {c!r}"},
                     {"op": "if", "cond": "not swallow", "steps": [{"op": "raise"}]}]}},
                 "finally": [{"op": "print", "text": "guard {v} finally"}]},
                {"op": "return", "value": "$v"}]},
        ]

    def value(self):
        return self.rng.choice(["$0.1 + 0.2", "$1.0", "$(1, 'a')", "$[0.27]", "${'k': 1e16}",
                                "$None", "$'s'", "$2**40", "$-0.0", "$1e-07", "$True", 3, 0.27, "$1e16 + 1"])

    def task(self, var, outcome, d=None):
        d = self.delay() if d is None else d
        if outcome == "fail":
            error = self.rng.choice(ERRORS)
            return {"op": "create_task", "coro": f"bad_{error}",
                    "args": {"d": d, "m": f"{var} {error}"}, "as": var}
        if outcome == "guard":
            return {"op": "create_task", "coro": "guard",
                    "args": {"d": d, "v": var, "swallow": self.rng.random() < 0.3}, "as": var}
        return {"op": "create_task", "coro": "job", "args": {"d": d, "v": self.value()},
                "as": var}

    # -- forms -------------------------------------------------------------------------------
    def finished(self, i):
        t = f"f{i}"
        outcome = self.rng.choice(["ok", "fail", "cancel_early", "cancel_late", "guard"])
        steps = [self.task(t, "fail" if outcome == "fail" else
                           "guard" if outcome in ("cancel_late", "guard") else "ok", self.delay(2))]
        if outcome == "cancel_early":
            steps.append({"op": "cancel", "task": t})
        steps.append({"op": "sleep", "seconds": self.delay(3)})
        if outcome in ("cancel_late", "guard"):
            steps.append({"op": "cancel", "task": t})
            if self.rng.random() < 0.5:
                steps.append({"op": "sleep", "seconds": 0})
        steps.append(self.say(f"{{{t}.done()}} {{{t}.cancelled()}}"))
        for _ in range(self.rng.randint(1, 3)):
            kind = self.rng.choice(["await", "gather", "gather2", "wait_for", "result",
                                    "exception"])
            if kind == "await":
                body = [{"op": "await", "task": t, "as": "r"}]
            elif kind == "gather":
                body = [{"op": "gather", "items": [{"task": t}], "as": "r",
                         "return_exceptions": self.rng.random() < 0.5}]
            elif kind == "gather2":
                body = [{"op": "gather", "items": [{"task": t}, {"task": t}], "as": "r",
                         "return_exceptions": self.rng.random() < 0.5}]
            elif kind == "wait_for":
                body = [{"op": "wait_for", "task": t, "timeout": self.delay(2), "as": "r"}]
            elif kind == "result":
                body = [{"op": "set", "name": "r", "value": f"${t}.result()"}]
            else:
                body = [{"op": "set", "name": "r", "value": f"${t}.exception()"}]
            steps.append(self.catching(body + [self.say(f"{kind} gave {{r!r}}")], True))
        return steps

    def gather_mixed(self, i):
        names, steps, items = [], [], []
        for k in range(self.rng.randint(2, 4)):
            t = f"g{i}_{k}"
            kind = self.rng.choice(["ok", "fail", "guard", "ok"])
            steps.append(self.task(t, kind))
            names.append((t, kind))
        steps.append({"op": "sleep", "seconds": self.delay(2)})
        for t, kind in names:
            if self.rng.random() < 0.3:
                steps.append({"op": "cancel", "task": t})
        for _ in range(self.rng.randint(2, 5)):
            pick = self.rng.random()
            if pick < 0.7:
                items.append({"task": self.rng.choice(names)[0]})
            elif pick < 0.85:
                items.append({"coro": "job", "args": {"d": self.delay(), "v": self.value()}})
            else:
                error = self.rng.choice(ERRORS)
                items.append({"coro": f"bad_{error}", "args": {"d": self.delay(), "m": "c"}})
        rx = self.rng.random() < 0.7
        steps.append(self.catching([
            {"op": "gather", "items": items, "return_exceptions": rx, "as": "r"},
            self.say("gather gave {r!r}")], True))
        ends = " ".join(f"{{{t}.done()}}/{{{t}.cancelled()}}" for t, _ in names)
        return steps + [self.say(ends)]

    def blocked_cancel(self, i):
        kind = self.rng.choice(["lock", "semaphore", "bounded", "get", "put", "condition",
                                "event", "future"])
        rid = f"res{i}"  # not r<i>: a local of main named as a resource hides it
        hold, cut = self.delay(3, 1), self.delay(3, 1)
        acquire, release = self.blocking_ops(kind, rid)
        waiter = f"bw{i}"
        self.coroutines.append({"name": waiter, "params": ["n", "swallow"], "steps": [
            {"op": "try", "steps": [
                {"op": "print", "text": f"{waiter} {{n}} waits"}, acquire,
                {"op": "print", "text": f"{waiter} {{n}} got it"},
                {"op": "sleep", "seconds": self.delay(2)}] + release,
             "except": {"CancelledError": {"as": "c", "steps": [
                 {"op": "print", "text": f"{waiter} {{n}} cancelled {{c!r}}"},
                 {"op": "if", "cond": "not swallow", "steps": [{"op": "raise"}]}]}},
             "finally": [{"op": "print", "text": f"{waiter} {{n}} leaves"}]}]})
        steps = self.blocking_setup(kind, rid, hold)
        tasks = []
        for k in range(self.rng.randint(2, 3)):
            tasks.append(f"bt{i}_{k}")
            steps.append({"op": "create_task", "coro": waiter,
                          "args": {"n": k, "swallow": self.rng.random() < 0.25},
                          "as": tasks[-1]})
        steps.append({"op": "sleep", "seconds": hold if self.rng.random() < 0.4 else cut})
        victim = self.rng.choice(tasks)
        steps.append({"op": "cancel", "task": victim})
        if self.rng.random() < 0.3:
            steps.append({"op": "cancel", "task": self.rng.choice(tasks)})
        steps += self.blocking_unblock(kind, rid)
        steps.append(self.catching([
            {"op": "wait_for", "coro": "bwall" + str(i), "timeout": 3, "as": "r"}], True))
        self.coroutines.append({"name": "bwall" + str(i), "steps": [
            {"op": "gather", "items": [{"task": t} for t in tasks], "return_exceptions": True,
             "as": "r"}, {"op": "print", "text": "blocked gather {r!r}"}],
            "params": tasks})
        steps[-1]["steps"][0]["args"] = {t: f"${t}" for t in tasks}
        return steps + [self.say(f"after {kind}" + self.state_text(kind, rid))]

    def blocking_ops(self, kind, rid):
        if kind in ("lock", "semaphore", "bounded"):
            return {"op": "acquire", "resource": rid}, [{"op": "release", "resource": rid}]
        if kind == "get":
            return {"op": "get", "queue": rid, "as": "x"}, [
                {"op": "print", "text": "took {x!r}"}]
        if kind == "put":
            return {"op": "put", "queue": rid, "item": "$n"}, []
        if kind == "condition":
            return {"op": "with", "resource": rid, "steps": [
                {"op": "condition_wait", "condition": rid}]}, []
        if kind == "event":
            return {"op": "event_wait", "event": rid}, []
        return {"op": "future_await", "future": rid, "as": "x"}, [
            {"op": "print", "text": "future gave {x!r}"}]

    def blocking_setup(self, kind, rid, hold):
        holder = f"{rid}_holder"
        if kind in ("lock", "semaphore", "bounded"):
            resource = {"id": rid, "kind": "lock"} if kind == "lock" else \
                {"id": rid, "kind": "semaphore", "value": 1, "bounded": kind == "bounded"}
            self.resources.append(resource)
            self.coroutines.append({"name": holder, "steps": [
                {"op": "with", "resource": rid, "steps": [
                    {"op": "sleep", "seconds": hold}, {"op": "print", "text": "holder done"}]}]})
            return [{"op": "create_task", "coro": holder, "as": holder},
                    {"op": "sleep", "seconds": 0}]
        if kind in ("get", "put"):
            self.resources.append({"id": rid, "kind": "queue", "maxsize": 1,
                                   "items": [] if kind == "get" else ["first"]})
            return []
        self.resources.append({"id": rid, "kind": kind})
        return []

    def blocking_unblock(self, kind, rid):
        d = {"op": "sleep", "seconds": self.delay(1)}
        if kind in ("lock", "semaphore", "bounded"):
            return [d]
        if kind == "get":
            return [d, {"op": "put_nowait", "queue": rid, "item": "a"},
                    {"op": "put", "queue": rid, "item": "b"}]
        if kind == "put":
            return [d, {"op": "get", "queue": rid, "as": f"{rid}x"},
                    {"op": "print", "text": f"main took {{{rid}x!r}}"}]
        if kind == "condition":
            notify = {"op": "notify_all", "condition": rid} if self.rng.random() < 0.5 else \
                {"op": "notify", "condition": rid, "n": self.rng.randint(1, 2)}
            return [d, {"op": "with", "resource": rid, "steps": [notify]}]
        if kind == "event":
            steps = [d, {"op": "event_set", "event": rid}]
            if self.rng.random() < 0.5:
                steps.append({"op": "event_clear", "event": rid})
            return steps
        return [d, {"op": "future_set", "future": rid, "value": self.value()}]

    def state_text(self, kind, rid):
        if kind in ("lock", "semaphore", "bounded"):
            return f" locked={{{rid}.locked()}}"
        if kind in ("get", "put"):
            return f" qsize={{{rid}.qsize()}}"
        if kind == "event":
            return f" set={{{rid}.is_set()}}"
        return ""

    def outer_cancel(self, i):
        name = f"oc{i}"
        inner = {"op": "call", "coro": "guard",
                 "args": {"d": self.delay(4, 1), "v": name, "swallow": self.rng.random() < 0.3},
                 "as": "r"}
        body = {"op": "wait_for", "coro": "guard", "args": inner["args"],
                "timeout": self.delay(4), "as": "r"} if self.rng.random() < 0.5 else \
            {"op": "timeout", "seconds": self.delay(4), "steps": [inner]}
        self.coroutines.append({"name": name, "steps": [
            {"op": "try", "steps": [body, {"op": "print", "text": f"{name} got {{r!r}}"}],
             "except": {"TimeoutError": {"as": "e", "steps": [
                 {"op": "print", "text": f"{name} timed out {{e!r}}"}]}},
             "finally": [{"op": "print", "text": f"{name} finally"}]},
            {"op": "return", "value": "done"}]})
        t = f"ot{i}"
        return [{"op": "create_task", "coro": name, "as": t},
                {"op": "sleep", "seconds": self.delay(3)},
                {"op": "cancel", "task": t},
                self.catching([{"op": "await", "task": t, "as": "r"},
                               self.say("outer gave {r!r}")], True),
                self.say(f"{{{t}.cancelled()}}")]

    def group_child(self, i, k):
        kind = self.rng.choice(["ok", "fail", "guard", "guard"])
        if kind == "fail":
            error = self.rng.choice(ERRORS)
            return {"op": "create_task", "coro": f"bad_{error}",
                    "args": {"d": self.delay(3), "m": f"child {i}.{k}"}}
        if kind == "guard":
            return {"op": "create_task", "coro": "guard",
                    "args": {"d": self.delay(4), "v": f"c{i}.{k}",
                             "swallow": self.rng.random() < 0.3}}
        return {"op": "create_task", "coro": "job", "args": {"d": self.delay(3), "v": k}}

    def groups(self, i):
        inner_name = f"grp{i}"
        inner = [self.group_child(i, k) for k in range(self.rng.randint(1, 3))]
        if self.rng.random() < 0.3:
            inner.append({"op": "sleep", "seconds": self.delay(2)})
            inner.append({"op": "raise", "error": "ValueError", "message": "body"})
        self.coroutines.append({"name": inner_name, "steps": [
            {"op": "try", "steps": [{"op": "task_group", "steps": inner}],
             "finally": [{"op": "print", "text": f"{inner_name} left"}]}]})
        outer = [self.group_child(i, 10 + k) for k in range(self.rng.randint(0, 2))]
        outer.insert(self.rng.randint(0, len(outer)),
                     {"op": "create_task", "coro": inner_name})
        if self.rng.random() < 0.5:
            outer.append({"op": "call", "coro": inner_name})
        return [{"op": "try", "steps": [{"op": "task_group", "steps": outer},
                                        self.say("groups ended")],
                 "except": {"ExceptionGroup": {"as": "e", "steps": [
                     self.say("group {e}"), self.say("group {e!r}"),
                     self.say("parts {e.exceptions!r}")]}}}]

    def wait_forms(self, i):
        kind = self.rng.choice(["wait", "as_completed", "shield"])
        tasks = [f"w{i}_{k}" for k in range(self.rng.randint(1, 3))]
        steps = [self.task(t, self.rng.choice(["ok", "fail", "guard"])) for t in tasks]
        # Not before as_completed: CPython orders the tasks done at the call by their
        # addresses (it iterates a set), Loopscope by the items' order.
        if self.rng.random() < 0.5 and kind != "as_completed":
            steps.append({"op": "sleep", "seconds": self.delay(2)})
        if kind == "wait":
            step = {"op": "wait", "items": self.with_duplicate(tasks), "as": "dn, pn",
                    "return_when": self.rng.choice(["FIRST_COMPLETED", "FIRST_EXCEPTION",
                                                     "ALL_COMPLETED"])}
            if self.rng.random() < 0.6:
                step["timeout"] = self.delay(3)
            return steps + [self.catching([
                step, self.say("wait {len(dn)} {len(pn)}"),
                # in the items' order: CPython iterates the set by address
                {"op": "set", "name": "pl", "value": f"$[t for t in ({', '.join(tasks)},) if t in pn]"},
                {"op": "for", "var": "p", "in": "pl", "steps": [{"op": "cancel", "task": "p"}]},
                {"op": "gather", "items": [{"star": "pl"}], "return_exceptions": True,
                 "as": "r"},
                self.say("pending gave {r!r}")], True)]
        if kind == "as_completed":
            step = {"op": "as_completed", "items": self.with_duplicate(tasks), "as": "x",
                    "steps": [self.say("as_completed {x!r}")]}
            if self.rng.random() < 0.5:
                step["timeout"] = self.delay(3)
            return steps + [self.catching([step], True)]
        t = tasks[0]
        self.coroutines.append({"name": f"sh{i}", "params": ["t"], "steps": [
            {"op": "shield", "task": "t", "as": "r"},
            {"op": "print", "text": "shield gave {r!r}"}]})
        return steps + [
            {"op": "create_task", "coro": f"sh{i}", "args": {"t": f"${t}"}, "as": f"s{i}"},
            {"op": "sleep", "seconds": self.delay(2)},
            {"op": "cancel", "task": f"s{i}"},
            self.catching([{"op": "await", "task": f"s{i}"}], True),
            self.catching([{"op": "await", "task": t, "as": "r"},
                           self.say("inner gave {r!r}")], True)]

    def with_duplicate(self, tasks):
        """The tasks as items, one of them twice now and then (wait and as_completed make a
        set of them)."""
        items = [{"task": t} for t in tasks]
        if self.rng.random() < 0.3:
            items.insert(self.rng.randint(0, len(items)), {"task": self.rng.choice(tasks)})
        return items

    def gather_cancel(self, i):
        """A task in a gather cancelled from outside, or a gather whose child fails without
        return_exceptions: what becomes of the other children."""
        name, t = f"gc{i}", f"gt{i}"
        kids = []
        for k in range(self.rng.randint(1, 3)):
            kind = self.rng.choice(["ok", "fail", "guard", "guard"])
            if kind == "fail":
                error = self.rng.choice(ERRORS)
                kids.append({"coro": f"bad_{error}", "args": {"d": self.delay(3), "m": f"k{k}"}})
            elif kind == "guard":
                kids.append({"coro": "guard", "args": {"d": self.delay(4), "v": f"{name}.{k}",
                                                       "swallow": self.rng.random() < 0.3}})
            else:
                kids.append({"coro": "job", "args": {"d": self.delay(3), "v": k}})
        self.coroutines.append({"name": name, "steps": [
            {"op": "try", "steps": [
                {"op": "gather", "items": kids, "as": "r",
                 "return_exceptions": self.rng.random() < 0.3},
                {"op": "print", "text": f"{name} gathered {{r!r}}"}],
             "except": {"CancelledError": {"as": "c", "steps": [
                 {"op": "print", "text": f"{name} cancelled {{c!r}}"}, {"op": "raise"}]}},
             "finally": [{"op": "print", "text": f"{name} finally"}]}]})
        steps = [{"op": "create_task", "coro": name, "as": t},
                 {"op": "sleep", "seconds": self.delay(3)}]
        if self.rng.random() < 0.6:
            steps.append({"op": "cancel", "task": t})
        return steps + [
            self.catching([{"op": "await", "task": t}], True),
            {"op": "sleep", "seconds": self.delay(4)},
            self.say(f"{{{t}.cancelled()}}")]

    def group_cancel(self, i):
        """A task group child cancelled by the body (not an error of the group), and the body
        cancelled from outside while the group waits."""
        name, t = f"gb{i}", f"gbt{i}"
        body = [{"op": "create_task", "coro": "guard",
                 "args": {"d": self.delay(4, 1), "v": f"{name}.a", "swallow": False},
                 "as": "a"},
                {"op": "create_task", "coro": "job", "args": {"d": self.delay(4), "v": 1},
                 "as": "b"},
                {"op": "sleep", "seconds": self.delay(2)},
                {"op": "cancel", "task": "a"}]
        self.coroutines.append({"name": name, "steps": [
            {"op": "try", "steps": [
                {"op": "task_group", "steps": body},
                {"op": "print", "text": f"{name} group ended {{a.cancelled()}} {{b.result()}}"}],
             "except": {"CancelledError": {"as": "c", "steps": [
                 {"op": "print", "text": f"{name} cancelled {{c!r}} {{a.cancelled()}} "
                                         f"{{b.cancelled()}}"}, {"op": "raise"}]}}}]})
        steps = [{"op": "create_task", "coro": name, "as": t},
                 {"op": "sleep", "seconds": self.delay(4)}]
        if self.rng.random() < 0.5:
            steps.append({"op": "cancel", "task": t})
        return steps + [self.catching([{"op": "await", "task": t}], True),
                        self.say(f"{{{t}.cancelled()}}")]

    def queue_join(self, i):
        q = f"jq{i}"
        items = [self.rng.randint(0, 9) for _ in range(self.rng.randint(0, 3))]
        self.resources.append({"id": q, "kind": "queue", "maxsize": 0, "items": items})
        name = f"jw{i}"
        self.coroutines.append({"name": name, "params": ["n"], "steps": [
            {"op": "repeat", "count": None, "steps": [
                {"op": "get", "queue": q, "as": "x"},
                {"op": "sleep", "seconds": self.delay(2)},
                {"op": "print", "text": f"{name} {{n}} did {{x}}"},
                {"op": "task_done", "queue": q}]}]})
        workers = [f"jt{i}_{k}" for k in range(self.rng.randint(1, 2))]
        steps = [{"op": "create_task", "coro": name, "args": {"n": k}, "as": w}
                 for k, w in enumerate(workers)]
        steps.append({"op": "put_nowait", "queue": q, "item": 42})
        steps.append({"op": "join", "queue": q})
        steps.append(self.say(f"joined {{{q}.qsize()}}"))
        if self.rng.random() < 0.6:
            steps.append(self.catching([{"op": "task_done", "queue": q}]))
        for w in workers:
            steps.append({"op": "cancel", "task": w})
        steps.append({"op": "gather", "items": [{"task": w} for w in workers],
                      "return_exceptions": True, "as": "r"})
        return steps + [self.say("workers {r!r}")]

    def errors(self, i):
        kind = self.rng.choice(["lock", "bounded", "semaphore", "future", "notify", "wait",
                                "event"])
        rid = f"e{i}"
        if kind == "lock":
            self.resources.append({"id": rid, "kind": "lock"})
            return [self.catching([{"op": "release", "resource": rid}]),
                    {"op": "acquire", "resource": rid}, {"op": "release", "resource": rid},
                    self.catching([{"op": "release", "resource": rid}])]
        if kind in ("bounded", "semaphore"):
            self.resources.append({"id": rid, "kind": "semaphore", "value": 1,
                                   "bounded": kind == "bounded"})
            return [{"op": "acquire", "resource": rid}, {"op": "release", "resource": rid},
                    self.catching([{"op": "release", "resource": rid}]),
                    {"op": "acquire", "resource": rid},
                    self.say(f"locked {{{rid}.locked()}}"),
                    self.catching([{"op": "wait_for", "coro": f"acq{i}", "timeout": STEP}]),
                    self.say(f"locked {{{rid}.locked()}}")] + self.acquirer(i, rid)
        if kind == "future":
            self.resources.append({"id": rid, "kind": "future"})
            return [{"op": "future_set", "future": rid, "value": self.value()},
                    self.catching([{"op": "future_set", "future": rid, "value": 1}]),
                    {"op": "future_await", "future": rid, "as": "r"},
                    {"op": "future_await", "future": rid, "as": "r2"},
                    self.say(f"future {{r!r}} {{r2!r}} {{{rid}.result()!r}}")]
        if kind in ("notify", "wait"):
            self.resources.append({"id": rid, "kind": "condition"})
            op = {"op": "notify", "condition": rid} if kind == "notify" else \
                {"op": "condition_wait", "condition": rid}
            return [self.catching([op]), self.catching([{"op": "notify_all", "condition": rid}])]
        self.resources.append({"id": rid, "kind": "event"})
        name = f"ev{i}"
        self.coroutines.append({"name": name, "params": ["n"], "steps": [
            {"op": "event_wait", "event": rid},
            {"op": "print", "text": f"{name} {{n}} woke {{{rid}.is_set()}}"}]})
        steps = [{"op": "create_task", "coro": name, "args": {"n": 0}, "as": f"et{i}"},
                 {"op": "sleep", "seconds": 0},
                 {"op": "event_set", "event": rid}, {"op": "event_clear", "event": rid},
                 {"op": "create_task", "coro": name, "args": {"n": 1}, "as": f"eu{i}"},
                 {"op": "sleep", "seconds": STEP}]
        if self.rng.random() < 0.5:
            steps.append({"op": "event_set", "event": rid})
        return steps + [{"op": "sleep", "seconds": 0},
                        self.say(f"{{et{i}.done()}} {{eu{i}.done()}}"),
                        {"op": "cancel", "task": f"eu{i}"}]

    def acquirer(self, i, rid):
        self.coroutines.append({"name": f"acq{i}", "steps": [
            {"op": "acquire", "resource": rid}, {"op": "print", "text": f"acq{i} got it"}]})
        return [{"op": "release", "resource": rid}, self.say(f"locked {{{rid}.locked()}}")]

    def scenario(self):
        forms = ["finished", "gather_mixed", "blocked_cancel", "outer_cancel", "groups",
                 "wait_forms", "queue_join", "errors", "exceptions", "numbers",
                 "gather_cancel", "group_cancel"]
        main = [{"op": "print", "text": "start"}]
        for i in range(self.rng.randint(2, 5)):
            form = self.rng.choice(forms)
            main.append(self.say(f"form {form}"))
            steps = getattr(self, form)(i)
            if self.rng.random() < 0.6:  # how many loop iterations each await takes
                steps.insert(0, {"op": "create_task", "coro": "ticker",
                                 "args": {"n": i, "count": self.rng.randint(1, 8)}})
            main.append(self.catching(steps, True))
        main += self.texts(random.Random(self.seed * 49979687 + 41))
        main.append({"op": "print", "text": "end"})
        return {"format": "loopscope-scenario", "version": 1,
                "title": f"differential semantics {self.seed}",
                "resources": self.resources,
                "coroutines": self.base_coroutines() + self.coroutines +
                [{"name": "main", "steps": main}]}
