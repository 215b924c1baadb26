"""Random, well-formed scenarios for differential.py, one per seed.

Three layers of coroutines keep `call` free of recursion: helpers `h<i>` (leaf work: sleeps,
prints, a lock or semaphore, setting the event, sometimes a raise), workers `w<i>` (which also
call, start, await, cancel and time out helpers), and `main` (which starts workers and helpers
as tasks, gathers them, runs a task group, cancels, catches). A bounded queue is used by one
`producer` and one `consumer` coroutine that main always starts together, and the event is
waited for only under `wait_for`, so that most programs end; those that do hang are compared
as deadlocks (CPython's virtual loop sees the hang exactly).

Durations are multiples of 0.125 s: binary fractions add up exactly in both runtimes, so two
timers meant for the same instant are due at exactly the same instant in Loopscope and within
the virtual loop's clock resolution in CPython, never 1e-16 s apart by rounding.
Every print text is unique in the scenario (`<coro>.<n>`); the lane tells which task printed.

With `params` (the default), a coroutine `paced(pause, limit)` sleeps for its parameter and
waits for the event under `wait_for` with its parameter as the timeout (0 and -0.125 too, which
only the running program knows to be <= 0), and workers sometimes call it or start it as a task
with arguments. Those choices come from a second random stream, so that without `params` every
seed gives exactly the scenario it gave before they existed (the seeds tests/fidelity/README.md
names).

With `values` (the default), a third random stream adds values flowing through text and tasks
flowing through queues (value_steps): floats such as 0.1, 0.27, 1.0, 2.5, 1e-05, 1e+20, -0.0,
ints, strings, lists and dicts passed as arguments, put in a queue and printed with `{x}` as
`v<n>=<x>` (value_texts gives what Python's str() prints for each label, so that a value the
export writes wrongly cannot agree with itself); and tasks put in a queue as "$t", taken out by
another task and awaited, gathered, cancelled or waited for, one task that takes itself out and
awaits itself, and main awaiting that task afterwards. `--no-values` leaves them out.
"""
import json
import random

from differential_flow import Flow
from differential_mixed import Mixed
from differential_prims import Prims

STEP = 0.125


class Generator:
    def __init__(self, seed, zero_timeouts=True, params=True, task_states=True, values=True,
                 flow=True, prims=True, mixed=True):
        self.rng = random.Random(seed)
        self.seed = seed
        self.params = random.Random(seed * 7919 + 17) if params else None
        self.states = random.Random(seed * 104729 + 3) if task_states else None
        self.values = random.Random(seed * 104729 + 31) if values else None
        self.flow = Flow(self, random.Random(seed * 15485863 + 7)) if flow else None
        self.prims = Prims(random.Random(seed * 1299709 + 11)) if prims else None
        # the module globals Mixed uses are set by the program, which Flow makes
        self.mixed = Mixed(random.Random(seed * 32452843 + 13)) if mixed and flow else None
        self.value_texts = {}
        self.prints = {}
        self.zero_timeouts = zero_timeouts

    def timeout(self, most=6):
        """A wait_for timeout; 0 (asyncio cancels at once, before the awaited thing runs) only
        when zero_timeouts."""
        if self.zero_timeouts and self.rng.random() < 0.1:
            return 0.0
        return STEP * self.rng.randint(1, most)

    def duration(self, most=6):
        """Sometimes 0: asyncio.sleep(0) yields once without a timer, a path of its own."""
        return STEP * self.rng.randint(0 if self.rng.random() < 0.15 else 1, most)

    def say(self, coro):
        self.prints[coro] = self.prints.get(coro, 0) + 1
        return {"op": "print", "text": f"{coro}.{self.prints[coro]}"}

    # -- helpers: leaf work --------------------------------------------------------------
    def leaf_step(self, coro, depth=0):
        kind = self.rng.choice(["sleep", "sleep", "print", "with", "set", "catch", "acquire",
                                "finally", "repeat", "raise_timeout"]
                               if depth == 0 else ["sleep", "print"])
        if kind == "sleep":
            return {"op": "sleep", "seconds": self.duration()}
        if kind == "print":
            return self.say(coro)
        if kind == "acquire":  # explicit acquire/release of the one-slot semaphore
            return {"op": "try", "steps": [
                {"op": "acquire", "resource": "gate"}, self.say(coro),
                {"op": "sleep", "seconds": self.duration(3)}],
                "finally": [{"op": "release", "resource": "gate"}]} \
                if self.rng.random() < 0.5 else {"op": "with", "resource": "gate", "steps": [
                    self.say(coro), {"op": "sleep", "seconds": self.duration(3)}]}
        if kind == "finally":
            return {"op": "try", "steps": self.leaf_steps(coro, 2, depth + 1),
                    "finally": [self.say(coro)]}
        if kind == "repeat":
            return {"op": "repeat", "count": self.rng.randint(1, 3), "var": "i", "steps": [
                {"op": "print", "text": f"{self.say(coro)['text']} round {{i}}"},
                {"op": "sleep", "seconds": self.duration(2)}]}
        if kind == "raise_timeout":  # a TimeoutError of its own, not a wait_for's
            return {"op": "try", "steps": [
                {"op": "sleep", "seconds": self.duration(2)},
                {"op": "raise", "error": "TimeoutError", "message": f"{coro} own timeout"}],
                "except": {"ValueError": [self.say(coro)]}} \
                if self.rng.random() < 0.3 else self.say(coro)
        if kind == "set":
            return {"op": "event_set", "event": "ev"}
        if kind == "catch":  # a cancellation seen, then re-raised or swallowed
            handler = [self.say(coro)]
            if self.rng.random() < 0.6:
                handler.append({"op": "raise", "error": "CancelledError"})
            return {"op": "try", "steps": self.leaf_steps(coro, 2, depth + 1),
                    "except": {"CancelledError": handler}}
        resource = self.rng.choice(["lock", "sem"])
        return {"op": "with", "resource": resource,
                "steps": [self.say(coro), {"op": "sleep", "seconds": self.duration(4)},
                          self.say(coro)]}

    def leaf_steps(self, coro, count, depth=0):
        return [self.leaf_step(coro, depth) for _ in range(count)]

    def helper(self, name):
        steps = [self.say(name)] + self.leaf_steps(name, self.rng.randint(1, 3))
        if self.rng.random() < 0.2:
            steps.append({"op": "raise", "error": "ValueError", "message": f"{name} failed"})
        steps.append(self.say(name))
        if self.mixed is not None and self.mixed.rng.random() < 0.3:
            self.mix_in(steps, name, 1)
        return {"name": name, "steps": steps}

    # -- workers ---------------------------------------------------------------------------
    def worker_step(self, coro, helpers, index):
        kind = self.rng.choice(["leaf", "leaf", "call", "task", "wait_for", "wait_event",
                                "cancel", "wait_for_task", "queue_get", "clear", "gather",
                                "queue_put", "wait_event_forever"])
        h = self.rng.choice(helpers)
        var = f"t{index}"
        if kind == "leaf":
            return [self.leaf_step(coro)]
        if kind == "call":
            return [{"op": "call", "coro": h}]
        if kind == "task":
            return [{"op": "create_task", "coro": h, "as": var},
                    {"op": "sleep", "seconds": self.duration(3)},
                    self.guarded([{"op": "await", "task": var}], coro)]
        if kind == "wait_for":
            return [self.guarded([{"op": "wait_for", "coro": h, "timeout": self.timeout()}],
                                 coro)]
        if kind == "wait_for_task":  # on timeout the task is cancelled and awaited
            return [{"op": "create_task", "coro": h, "as": var},
                    self.guarded([{"op": "wait_for", "task": var, "timeout": self.timeout()}],
                                 coro)]
        if kind == "queue_get":  # an item, or a get cancelled by the timeout
            return [self.guarded([{"op": "wait_for", "coro": "queue_taker",
                                   "timeout": self.timeout(8)}], coro)]
        if kind == "gather":  # a gather inside a task that main may cancel
            return [self.guarded([{"op": "gather", "items": [
                {"coro": c} for c in self.rng.sample(helpers, min(2, len(helpers)))]}], coro)]
        if kind == "queue_put":  # a put that may stay blocked until the timeout cancels it
            return [self.guarded([{"op": "wait_for", "coro": "queue_giver",
                                   "timeout": self.timeout(4)}], coro)]
        if kind == "wait_event_forever":  # CPython hangs when nothing sets it: a deadlock
            return [{"op": "event_wait", "event": "ev"}, self.say(coro)]
        if kind == "clear":
            return [{"op": "event_clear", "event": "ev"}]
        if kind == "wait_event":
            return [self.guarded([{"op": "wait_for", "coro": "event_waiter",
                                   "timeout": self.timeout(8)}], coro)]
        return [{"op": "create_task", "coro": h, "as": var},
                {"op": "sleep", "seconds": self.duration(3)},
                {"op": "cancel", "task": var},
                self.guarded([{"op": "await", "task": var}], coro)]

    # -- a coroutine with parameters ----------------------------------------------------------
    def paced(self):
        return {"name": "paced", "params": ["pause", "limit"], "steps": [
            {"op": "print", "text": "paced {pause} {limit}"},
            {"op": "sleep", "seconds": "$pause"},
            {"op": "try", "steps": [
                {"op": "wait_for", "coro": "event_waiter", "timeout": "$limit"},
                {"op": "print", "text": "paced got the event"}],
             "except": {"TimeoutError": [{"op": "print", "text": "paced timed out {limit}"}]}}]}

    def paced_step(self, coro, index):
        """Nothing, mostly; else a call or a task of paced with arguments (own random stream)."""
        if self.params is None or self.params.random() >= 0.15:
            return []
        limit = self.params.choice([-STEP, 0.0, STEP, 2 * STEP, 4 * STEP])
        args = {"pause": STEP * self.params.randint(0, 3), "limit": limit}
        if self.params.random() < 0.5:
            return [{"op": "call", "coro": "paced", "args": args}]
        var = f"p{index}"
        return [{"op": "create_task", "coro": "paced", "args": args, "as": var},
                self.guarded([{"op": "await", "task": var}], coro)]

    # -- tasks in every state, and the exceptions of CPython (own random stream) --------------
    # Issue 14: a gather of a finished task crashed, and nothing here awaited a task that had
    # already finished, failed or been cancelled, nor raised anything but ValueError,
    # TimeoutError and CancelledError. These come from `self.states`, a stream of their own,
    # so that with task_states=False every seed gives the scenario it gave before.
    ODD_ERRORS = ["KeyError", "StopIteration", "StopAsyncIteration", "UserWarning",
                  "BaseException", "GeneratorExit", "NotImplementedError", "UnicodeDecodeError",
                  "IOError", "CancelledError", "ExceptionGroup", "BaseExceptionGroup"]
    LOOP_ENDERS = ["SystemExit", "KeyboardInterrupt"]

    def task_state_coroutines(self):
        """`sj0`..`sj2`: jobs that end done, failed (with any of the errors above), cancelled
        by a CancelledError of their own, or that swallow a cancellation; `st_watch` awaits a
        task it is passed; `st_doomed` fails soon."""
        if self.states is None:
            return []
        r = self.states
        jobs = []
        for k in range(3):
            steps = [{"op": "print", "text": f"sj{k}.start"},
                     {"op": "sleep", "seconds": STEP * r.randint(0, 6)}]
            ending = r.choice(["done", "done", "fail", "odd", "swallow", "own_cancel"])
            if ending == "swallow":
                steps = [{"op": "print", "text": f"sj{k}.start"}, {"op": "try", "steps": steps[1:],
                         "except": {"CancelledError": [{"op": "print", "text": f"sj{k}.swallowed"},
                                                       {"op": "sleep", "seconds": STEP}]}}]
            elif ending == "fail":
                steps.append({"op": "raise", "error": "ValueError", "message": f"sj{k} failed"})
            elif ending == "odd":
                errors = self.ODD_ERRORS + (self.LOOP_ENDERS if r.random() < 0.15 else [])
                steps.append({"op": "raise", "error": r.choice(errors),
                              "message": r.choice(["", f"sj{k} odd", "it's odd"])})
            elif ending == "own_cancel":
                steps.append({"op": "raise", "error": "CancelledError", "message": f"sj{k} stop"})
            steps.append({"op": "print", "text": f"sj{k}.end"})
            jobs.append({"name": f"sj{k}", "steps": steps})
        watch = {"name": "st_watch", "params": ["target", "who"], "steps": [
            self.state_guarded([{"op": "await", "task": "target"}], "st_watch {who}")]}
        doomed = {"name": "st_doomed", "steps": [
            {"op": "sleep", "seconds": STEP * r.randint(0, 3)},
            {"op": "raise", "error": "ValueError", "message": "doomed"}]}
        return jobs + [watch, doomed]

    def task_state_steps(self, coro, index, helpers):
        """Nothing, mostly; else a task brought to some state (pending, done, failed,
        cancelled, cancelling, not started) and then awaited, gathered, wait_for-ed, cancelled
        or awaited by several tasks at once."""
        if self.states is None or self.states.random() >= 0.3:
            return []
        r = self.states
        var = f"s{index}"
        job = r.choice([f"sj{k}" for k in range(3)] + helpers)
        steps = [{"op": "create_task", "coro": job, "as": var}]
        if r.random() < 0.7:
            steps.append({"op": "sleep", "seconds": STEP * r.randint(0, 8)})
        if r.random() < 0.3:
            steps.append({"op": "cancel", "task": var})
            if r.random() < 0.5:
                steps.append({"op": "sleep", "seconds": STEP * r.randint(0, 2)})
        kind = r.choice(["await", "gather", "gather_rx", "gather_twice", "wait_for",
                         "cancel_await", "watchers"])
        if kind == "await":
            op = [{"op": "await", "task": var}]
        elif kind in ("gather", "gather_rx"):
            op = [{"op": "gather", "items": [{"task": var}], "return_exceptions": kind == "gather_rx"}]
        elif kind == "gather_twice":
            op = [{"op": "gather", "items": [{"task": var}, {"coro": r.choice(helpers)},
                                             {"task": var}],
                   "return_exceptions": r.random() < 0.5}]
        elif kind == "wait_for":
            op = [{"op": "wait_for", "task": var, "timeout": STEP * r.choice([0, 1, 2, 4, 8])}]
        elif kind == "cancel_await":
            op = [{"op": "cancel", "task": var}, {"op": "await", "task": var}]
        else:
            steps += [{"op": "create_task", "coro": "st_watch",
                       "args": {"target": f"${var}", "who": f"{coro}.{index}.{w}"}}
                      for w in range(r.randint(1, 2))]
            op = [{"op": "await", "task": var}]
        return steps + [self.state_guarded(op, coro)]

    def state_guarded(self, steps, who):
        """try: steps, then a print; every handler prints (from the own stream's choices)."""
        r = self.states
        handlers = {e: [{"op": "print", "text": f"{who} caught {e}"}]
                    for e in ["TimeoutError", "ValueError", "RuntimeError", "CancelledError",
                              "ExceptionGroup", "*"] if e == "*" or r.random() < 0.7}
        return {"op": "try", "steps": steps + [{"op": "print", "text": f"{who} got it"}],
                "except": handlers}

    def shutting_down_group(self):
        """Sometimes: a task group whose child fails while the body waits; the body catches its
        CancelledError and calls tg.create_task, which asyncio refuses (RuntimeError)."""
        if self.states is None or self.states.random() >= 0.25:
            return []
        r = self.states
        late = [{"op": "print", "text": "group body caught it"},
                {"op": "create_task", "coro": r.choice(["sj0", "sj1", "sj2"])},
                {"op": "print", "text": "group body goes on"}]
        if r.random() < 0.4:
            late[1] = {"op": "try", "steps": [late[1]],
                       "except": {"RuntimeError": [{"op": "print", "text": "create_task refused"}]}}
        body = [{"op": "create_task", "coro": "st_doomed"},
                {"op": "try", "steps": [{"op": "sleep", "seconds": STEP * r.randint(1, 8)}],
                 "except": {"CancelledError": late}}]
        return [self.state_guarded([{"op": "task_group", "steps": body}], "main group")]

    def guarded(self, steps, coro):
        """try: steps, catching what a helper may raise, with a print per handler."""
        handlers = {}
        chosen = self.rng.sample(["TimeoutError", "CancelledError", "*"], self.rng.randint(1, 3))
        for error in sorted(chosen, key=lambda e: e == "*"):  # `*` must come last
            handlers[error] = [self.say(coro)]
        return {"op": "try", "steps": steps + [self.say(coro)], "except": handlers}

    def worker(self, name, helpers):
        steps = [self.say(name)]
        for i in range(self.rng.randint(2, 4)):
            steps += self.worker_step(name, helpers, i)
            steps += self.paced_step(name, i)
            steps += self.task_state_steps(name, i, helpers)
        steps.append(self.say(name))
        if self.mixed is not None:
            self.mix_in(steps, name, self.mixed.rng.randint(0, 2))
        return {"name": name, "steps": steps}

    def mix_in(self, steps, who, count):
        """Real programs' shapes (differential_mixed.py) at random places after the first step."""
        for shape in self.mixed.steps(who, count):
            at = self.mixed.rng.randint(1, len(steps))
            steps[at:at] = shape

    # -- main ------------------------------------------------------------------------------
    def main_step(self, callees, index):
        kind = self.rng.choice(["gather", "task_group", "tasks", "cancel", "sleep", "queue"])
        pick = self.rng.sample(callees, min(len(callees), self.rng.randint(1, 3)))
        if kind == "sleep":
            return [{"op": "sleep", "seconds": self.duration()}]
        if kind == "queue":
            return [{"op": "gather", "items": [{"coro": "producer"}, {"coro": "consumer"}]}]
        if kind == "gather":
            return [self.guarded([{"op": "gather", "items": [{"coro": c} for c in pick],
                                   "return_exceptions": self.rng.random() < 0.3}], "main")]
        if kind == "task_group":
            body = [{"op": "create_task", "coro": c} for c in pick]
            if self.rng.random() < 0.3:
                body.append({"op": "sleep", "seconds": self.duration(3)})
            if self.rng.random() < 0.2:  # the body itself fails: the group cancels its tasks
                body.append({"op": "raise", "error": "RuntimeError", "message": "body failed"})
            elif self.rng.random() < 0.2:
                body.append({"op": "task_group", "steps": [
                    {"op": "create_task", "coro": self.rng.choice(callees)}, self.say("main")]})
            return [{"op": "try", "steps": [{"op": "task_group", "steps": body}, self.say("main")],
                     "except": {"ExceptionGroup": [self.say("main")],
                                "RuntimeError": [self.say("main")],
                                "CancelledError": [self.say("main")]}}]
        tasks = [f"m{index}_{i}" for i in range(len(pick))]
        steps = [{"op": "create_task", "coro": c, "as": t, **self.maybe_name(t)}
                 for c, t in zip(pick, tasks)]
        steps.append({"op": "sleep", "seconds": self.duration(4)})
        if kind == "cancel":
            steps.append({"op": "cancel", "task": tasks[0]})
        steps += [self.guarded([{"op": "await", "task": t}], "main") for t in tasks]
        return steps

    def maybe_name(self, task):
        return {"name": f"job-{task}"} if self.rng.random() < 0.3 else {}

    def queue_coroutines(self):
        count = self.rng.randint(1, 3)
        producer = [self.say("producer")]
        consumer = [self.say("consumer")]
        for i in range(count):
            producer += [{"op": "put", "queue": "q", "item": f"item{i}"},
                         self.say("producer")]
            consumer += [{"op": "get", "queue": "q", "as": "item"},
                         {"op": "print", "text": f"consumer got {{item}} ({i})"},
                         {"op": "sleep", "seconds": self.duration(3)}]
            if self.rng.random() < 0.5:
                producer.append({"op": "sleep", "seconds": self.duration(3)})
        return [{"name": "producer", "steps": producer}, {"name": "consumer", "steps": consumer}]

    def value_steps(self, helpers, coroutines, resources):
        """main's steps of ValueFlow; adds its coroutines and queues."""
        flow = ValueFlow(self, self.values)
        steps = flow.steps(helpers)
        coroutines += flow.coroutines()
        resources += [{"id": "vq", "kind": "queue"}, {"id": "tq", "kind": "queue"},
                      {"id": "sq", "kind": "queue"}]
        return steps

    def scenario(self):
        helpers = [f"h{i}" for i in range(self.rng.randint(1, 3))]
        workers = [f"w{i}" for i in range(self.rng.randint(1, 3))]
        coroutines = [self.helper(h) for h in helpers]
        coroutines += [self.worker(w, helpers) for w in workers]
        coroutines.append({"name": "event_waiter", "steps": [
            {"op": "event_wait", "event": "ev"}, self.say("event_waiter")]})
        coroutines.append({"name": "queue_taker", "steps": [
            {"op": "get", "queue": "q", "as": "got"},
            {"op": "print", "text": "queue_taker got {got}"}]})
        coroutines.append({"name": "queue_giver", "steps": [
            {"op": "put", "queue": "q", "item": "extra"}, self.say("queue_giver")]})
        coroutines += self.queue_coroutines()
        if self.params is not None:
            coroutines.append(self.paced())
        coroutines += self.task_state_coroutines()
        main = [self.say("main")]
        for i in range(self.rng.randint(2, 4)):
            main += self.main_step(workers + helpers, i)
            main += self.task_state_steps("main", i, helpers)
        main += self.shutting_down_group()
        if self.mixed is not None:
            self.mix_in(main, "main", self.mixed.rng.randint(2, 5))
        resources = [{"id": "lock", "kind": "lock"},
                     {"id": "sem", "kind": "semaphore", "value": 2},
                     {"id": "ev", "kind": "event"},
                     {"id": "gate", "kind": "semaphore", "value": 1,
                      "bounded": self.rng.random() < 0.5},
                     {"id": "q", "kind": "queue", "maxsize": self.rng.randint(1, 2)}]
        if self.values is not None:
            main += self.value_steps(helpers, coroutines, resources)
        main.append(self.say("main"))
        scenario = {
            "format": "loopscope-scenario", "version": 1, "title": "differential",
            "resources": resources,
            "coroutines": coroutines,
        }
        if self.prims is not None:  # early too, after the flow's steps
            main[:0] = self.prims.main_steps()
            coroutines += self.prims.coroutines()
            scenario["functions"] = self.prims.functions()
            resources += self.prims.resources()
        if self.flow is not None:  # first, so that a main that fails later still ran them
            main[:0] = self.flow.main_steps()
            main.append({"op": "return", "value": "$count"})
            coroutines += self.flow.coroutines()
            scenario["program"] = self.flow.program()
            scenario["seed"] = self.seed
        if self.mixed is not None:
            coroutines += self.mixed.coroutines()
            scenario["functions"] = scenario.get("functions", []) + self.mixed.functions()
            resources += self.mixed.resources()
            scenario["program"][:0] = self.mixed.program_before()
            scenario["program"] += self.mixed.program_after()
        coroutines.append({"name": "main", "steps": main,
                           **({"globals": ["count"]} if self.flow is not None else {})})
        return scenario


class ValueFlow:
    """Values through text and tasks through queues, from the generator's `values` stream."""

    FLOATS = [0.1, 0.27, 1.0, 2.5, 1e-05, 1e-04, 1e20, 1e16, 1e15, 1.5e16, -0.0, 0.0, 100.0,
              1e-07, 0.3, 2.0 / 3.0, 123456.789, -4.35, 5e-324, 1.7976931348623157e308]
    OTHERS = [0, 1, -7, 2 ** 53 + 1, True, False, None, "plain", "it's", 'say "hi"', "",
              [1.0, 2, "a"], {"b": 0.5, "a": [None, 1e-05]}, [], {}]

    def __init__(self, generator, rng):
        self.g = generator
        self.rng = rng

    def value(self):
        pick = self.rng.random()
        if pick < 0.45:
            return self.rng.choice(self.FLOATS)
        if pick < 0.7:  # a float from random bits, whatever its exponent
            x = self.rng.uniform(1, 10) * 10.0 ** self.rng.randint(-12, 25)
            return -x if self.rng.random() < 0.2 else x
        if pick < 0.8:  # a decimal literal, written as the file would
            return float(f"{self.rng.randint(0, 99999)}e{self.rng.randint(-8, 4)}")
        return self.rng.choice(self.OTHERS)

    def label(self, value):
        """A print label "v<n>"; its expected text is str() of the value as json.loads reads
        the file, which is what CPython would print."""
        name = f"v{len(self.g.value_texts)}"
        self.g.value_texts[name] = f"{name}={json.loads(json.dumps(value))}"
        return name

    def steps(self, helpers):
        steps = []
        for _ in range(self.rng.randint(1, 3)):
            kind = self.rng.choice(["call", "task", "queue", "task_queue", "task_queue",
                                    "self_await"])
            steps += getattr(self, kind)(helpers, len(steps))
        return steps

    def call(self, helpers, index):
        v = self.value()
        return [{"op": "call", "coro": "show", "args": {"x": v, "label": self.label(v)}}]

    def task(self, helpers, index):
        v = self.value()
        var = f"vt{len(self.g.value_texts)}"
        return [{"op": "create_task", "coro": "show", "args": {"x": v, "label": self.label(v)},
                 "as": var},
                {"op": "sleep", "seconds": STEP * self.rng.randint(0, 2)},
                {"op": "await", "task": var}]

    def queue(self, helpers, index):
        v = self.value()
        label = self.label(v)
        return [{"op": "put", "queue": "vq", "item": v}, {"op": "get", "queue": "vq", "as": "got"},
                {"op": "print", "text": f"{label}={{got}}"}]

    def task_queue(self, helpers, index):
        """A task of a helper goes through the queue to `relay`, which awaits, gathers, cancels
        or waits for it; main then awaits it too."""
        var = f"tq{len(self.g.value_texts)}_{index}"
        self.g.value_texts[var] = None  # keeps names unique
        return [{"op": "create_task", "coro": self.rng.choice(helpers), "as": var},
                {"op": "put", "queue": "tq", "item": f"${var}"},
                {"op": "sleep", "seconds": STEP * self.rng.randint(0, 3)},
                self.caught([{"op": "call", "coro": self.rng.choice(
                    ["relay_await", "relay_gather", "relay_cancel", "relay_wait_for"])}]),
                self.caught([{"op": "await", "task": var}])]

    def self_await(self, helpers, index):
        """A task that takes itself out of the queue and awaits itself, twice; main awaits it
        while it is still pending."""
        var = f"sa{len(self.g.value_texts)}_{index}"
        self.g.value_texts[var] = None
        return [{"op": "create_task", "coro": "selfish", "as": var},
                {"op": "put", "queue": "sq", "item": f"${var}"},
                {"op": "put", "queue": "sq", "item": f"${var}"},
                {"op": "sleep", "seconds": STEP * self.rng.randint(0, 2)},
                self.caught([{"op": "await", "task": var}])]

    def caught(self, steps, coro="main"):
        return {"op": "try", "steps": steps + [self.g.say(coro)], "except": {
            "TimeoutError": [self.g.say(coro)], "CancelledError": [self.g.say(coro)],
            "*": [self.g.say(coro)]}}

    def coroutines(self):
        def relay(name, use):
            return {"name": name, "steps": [
                {"op": "get", "queue": "tq", "as": "x"}, self.g.say(name),
                self.caught(use, name), self.g.say(name)]}
        timeout = STEP * self.rng.randint(0, 4)
        return [
            {"name": "show", "params": ["x", "label"], "steps": [
                {"op": "print", "text": "{label}={x}"}]},
            relay("relay_await", [{"op": "await", "task": "x"}]),
            relay("relay_gather", [{"op": "gather", "items": [{"task": "x"}],
                                    "return_exceptions": self.rng.random() < 0.5}]),
            relay("relay_cancel", [{"op": "cancel", "task": "x"}, {"op": "await", "task": "x"}]),
            relay("relay_wait_for", [{"op": "wait_for", "task": "x", "timeout": timeout}]),
            {"name": "selfish", "steps": [
                {"op": "get", "queue": "sq", "as": "me"}, self.g.say("selfish"),
                {"op": "try", "steps": [{"op": "await", "task": "me"}],
                 "except": {"RuntimeError": [self.g.say("selfish")]}},
                {"op": "sleep", "seconds": STEP * self.rng.randint(0, 3)},
                {"op": "get", "queue": "sq", "as": "again"}, self.g.say("selfish"),
                {"op": "await", "task": "again"}, self.g.say("selfish")]},
        ]


def scenario_json(seed, zero_timeouts=True, params=True, task_states=True, values=True,
                  flow=True, prims=True, mixed=True):
    return json.dumps(Generator(seed, zero_timeouts, params, task_states, values, flow, prims,
                                mixed).scenario(), indent=1)


def value_texts(seed, zero_timeouts=True, params=True, task_states=True, values=True,
                flow=True, prims=True, mixed=True):
    """{"v3": "v3=0.27", ...}: what each value print of the seed's scenario must read."""
    generator = Generator(seed, zero_timeouts, params, task_states, values, flow, prims,
                          mixed)
    generator.scenario()
    return {k: v for k, v in generator.value_texts.items() if v is not None}
