"""Issue 15's primitives for differential_scenarios.py, from a stream of their own.

With `prims` (the default), each seed's scenario also gets, at the end of main, two to four of:
- `wait` over tasks that finish or fail at random multiples of 0.125 s (and a coroutine or a
  `sleep` op as an item), with FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED and sometimes
  a timeout, printing how many are done and pending and which task is done;
- `as_completed` over coroutines (one may fail), sometimes with a timeout;
- `shield` of a coroutine in a task that may be cancelled while the inner one runs on;
- a `condition` (its own lock, or the scenario's `lock`) with `condition_wait_for` consumers of a
  global `stock`, plain `condition_wait` waiters, `notify(n)` and `notify_all`;
- a `barrier` the parties of a gather meet at;
- the `timeout` block (a deadline that may or may not pass, or None) around a call;
- `call_soon`/`call_later` of a plain function that puts into a bounded queue with
  `put_nowait` (QueueFull caught), reschedules itself and sets an event; then `get_nowait`
  until QueueEmpty.
No pool threads: CPython's virtual clock cannot wait for a thread. `--no-prims` leaves all of it
out: each seed then gives the scenario it gave before.
"""

STEP = 0.125


class Prims:
    def __init__(self, rng):
        self.rng = rng
        self.n = 0
        self.parties = 0

    def say(self, text):
        self.n += 1
        return {"op": "print", "text": f"p{self.n}: {text}"}

    def delay(self, most=6):
        return STEP * self.rng.randint(0, most)

    def coroutines(self):
        return [
            {"name": "pjob", "params": ["d", "v"], "steps": [
                {"op": "sleep", "seconds": "d"},
                {"op": "print", "text": "pjob {v} at {d}"},
                {"op": "return", "value": "$v * 2"}]},
            {"name": "pbad", "params": ["d"], "steps": [
                {"op": "sleep", "seconds": "d"},
                {"op": "raise", "error": "ValueError", "message": "pbad {d}"}]},
            {"name": "pinner", "params": ["d"], "steps": [
                {"op": "try", "steps": [
                    {"op": "sleep", "seconds": "d"},
                    {"op": "print", "text": "pinner {d} done"}],
                 "except": {"CancelledError": [
                     {"op": "print", "text": "pinner {d} cancelled"},
                     {"op": "raise", "error": "CancelledError", "message": ""}]}},
                {"op": "return", "value": "$d"}]},
            {"name": "pguard", "params": ["d"], "steps": [
                {"op": "try", "steps": [
                    {"op": "shield", "coro": "pinner", "args": {"d": "$d"}, "as": "r"},
                    {"op": "print", "text": "pguard got {r}"}],
                 "finally": [{"op": "print", "text": "pguard {d} leaves"}]}]},
            {"name": "pstock", "params": ["v"], "globals": ["stock"], "steps": [
                {"op": "set", "name": "stock", "value": "$v"}]},
            {"name": "pcons", "params": ["n"], "globals": ["stock"], "steps": [
                {"op": "with", "resource": "pcond", "steps": [
                    {"op": "condition_wait_for", "condition": "pcond", "predicate": "stock >= n"},
                    {"op": "set", "name": "stock", "value": "$stock - n"},
                    {"op": "print", "text": "pcons {n} took, {stock} left"}]}]},
            {"name": "pwaiter", "params": ["n"], "steps": [
                {"op": "with", "resource": "pcond", "steps": [
                    {"op": "condition_wait", "condition": "pcond"},
                    {"op": "print", "text": "pwaiter {n} woke"}]}]},
            {"name": "pparty", "params": ["d"], "steps": [
                {"op": "sleep", "seconds": "d"},
                {"op": "barrier_wait", "barrier": "pbar", "as": "i"},
                {"op": "print", "text": "pparty {d} passes as {i}"}]},
        ]

    def functions(self):
        limit = self.rng.randint(1, 4)
        return [{"name": "ptick", "params": ["n"], "steps": [
            {"op": "print", "text": "ptick {n}"},
            {"op": "try", "steps": [{"op": "put_nowait", "queue": "pq", "item": "$n"}],
             "except": {"QueueFull": [{"op": "print", "text": "ptick {n}: full"}]}},
            {"op": "if", "cond": f"n < {limit}", "steps": [
                {"op": "call_later", "delay": STEP * self.rng.randint(0, 2), "function": "ptick",
                 "args": {"n": "$n + 1"}}],
             "else": [{"op": "event_set", "event": "pev"}]}]}]

    def resources(self):
        cond = {"id": "pcond", "kind": "condition"}
        if self.rng.random() < 0.4:
            cond["lock"] = "lock"  # the scenario's lock, which workers hold now and then
        return [cond, {"id": "pbar", "kind": "barrier", "parties": self.parties or 1},
                {"id": "pq", "kind": "queue", "maxsize": self.rng.randint(1, 3)},
                {"id": "pev", "kind": "event"}]

    def main_steps(self):
        steps = []
        kinds = ["wait", "as_completed", "shield", "condition", "barrier", "timeout",
                 "callbacks"]
        for i, kind in enumerate(self.rng.sample(kinds, self.rng.randint(2, 4))):
            steps += getattr(self, kind)(i)
        return steps

    def wait(self, i):
        steps, items = [], []
        for k in range(self.rng.randint(1, 3)):
            t = f"pt{i}_{k}"
            fails = self.rng.random() < 0.3
            steps.append({"op": "create_task", "coro": "pbad" if fails else "pjob",
                          "args": {"d": self.delay()} if fails else
                          {"d": self.delay(), "v": k}, "as": t})
            items.append({"task": t})
        extra = self.rng.random()
        if extra < 0.25:
            items.append({"coro": "pjob", "args": {"d": self.delay(), "v": 9}})
        elif extra < 0.5:
            items.append({"op": "sleep", "seconds": self.delay()})
        step = {"op": "wait", "items": items, "as": f"pd{i}, pp{i}",
                "return_when": self.rng.choice(["FIRST_COMPLETED", "FIRST_EXCEPTION",
                                                 "ALL_COMPLETED"])}
        if self.rng.random() < 0.4:
            step["timeout"] = self.delay(4)
        done = " ".join(f"{{pt{i}_{k}.done()}}" for k in range(len(steps)))
        return steps + [step, self.say(f"wait {{len(pd{i})}} done {{len(pp{i})}} pending {done}")]

    def as_completed(self, i):
        items = [{"coro": "pjob", "args": {"d": self.delay(), "v": k}}
                 for k in range(self.rng.randint(1, 3))]
        if self.rng.random() < 0.3:
            items.insert(self.rng.randint(0, len(items)), {"coro": "pbad", "args": {"d": self.delay()}})
        step = {"op": "as_completed", "items": items, "as": f"pr{i}",
                "steps": [self.say(f"as_completed gave {{pr{i}}}")]}
        if self.rng.random() < 0.4:
            step["timeout"] = self.delay(4)
        return [{"op": "try", "steps": [step],
                 "except": {"TimeoutError": [self.say("as_completed timed out")],
                            "ValueError": [self.say("as_completed raised")]}}]

    def shield(self, i):
        g = f"pg{i}"
        steps = [{"op": "create_task", "coro": "pguard", "args": {"d": self.delay()}, "as": g},
                 {"op": "sleep", "seconds": self.delay(4)}]
        if self.rng.random() < 0.7:
            steps.append({"op": "cancel", "task": g})
        steps.append({"op": "try", "steps": [{"op": "await", "task": g}],
                      "except": {"CancelledError": [self.say(f"pguard cancelled {{{g}.cancelled()}}")]}})
        return steps

    def condition(self, i):
        steps = [{"op": "call", "coro": "pstock", "args": {"v": 0}}]
        for k in range(self.rng.randint(1, 3)):
            coro = self.rng.choice(["pcons", "pwaiter"])
            steps.append({"op": "create_task", "coro": coro, "args": {"n": self.rng.randint(1, 2)},
                          "as": f"pc{i}_{k}"})
        for _ in range(self.rng.randint(1, 3)):
            notify = ({"op": "notify_all", "condition": "pcond"} if self.rng.random() < 0.4 else
                      {"op": "notify", "condition": "pcond", "n": self.rng.randint(0, 2)})
            steps += [{"op": "sleep", "seconds": self.delay(3)},
                      {"op": "with", "resource": "pcond", "steps": [
                          {"op": "call", "coro": "pstock", "args": {"v": self.rng.randint(0, 3)}},
                          notify]}]
        return steps + [self.say("notified")]

    def barrier(self, i):
        count = self.rng.randint(1, 3)
        self.parties = self.parties or count  # one barrier: the first group sets its parties
        if count != self.parties:
            count = self.parties
        items = [{"coro": "pparty", "args": {"d": self.delay()}} for _ in range(count)]
        return [{"op": "gather", "items": items}, self.say("barrier passed")]

    def timeout(self, i):
        seconds = None if self.rng.random() < 0.2 else self.delay(5)
        return [{"op": "try", "steps": [
            {"op": "timeout", "seconds": seconds, "steps": [
                {"op": "call", "coro": "pinner", "args": {"d": self.delay()}, "as": f"pi{i}"},
                self.say(f"timeout block ended {{pi{i}}}")]}],
            "except": {"TimeoutError": [self.say("timeout block timed out")]}}]

    def callbacks(self, i):
        first = ({"op": "call_soon", "function": "ptick", "args": {"n": 1}}
                 if self.rng.random() < 0.5 else
                 {"op": "call_later", "delay": self.delay(2), "function": "ptick", "args": {"n": 1}})
        drain = {"op": "try", "steps": [
            {"op": "repeat", "count": 4, "steps": [
                {"op": "get_nowait", "queue": "pq", "as": f"pv{i}"},
                self.say(f"got {{pv{i}}}")]}],
            "except": {"QueueEmpty": [self.say("queue empty")]}}
        return [{"op": "event_clear", "event": "pev"}, first,
                {"op": "event_wait", "event": "pev"}, self.say("ticks done {pq.qsize()}"), drain]
