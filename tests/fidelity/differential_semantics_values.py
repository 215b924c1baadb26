"""Values for differential_semantics.py: exceptions' str and repr, numbers through format
specs, and str as code points. A mixin of Semantics (its rng, say and catching)."""

FLOATS = ["0.1", "0.2", "0.27", "0.3", "1.1", "2.675", "0.5", "1.5", "2.5", "-0.0", "1e16",
          "1e-07", "1e22", "123456789.0", "3.0", "0.125", "-1.5", "7.0", "1e308", "5e-324",
          "0.7", "9.95", "1.005"]
INTS = ["0", "1", "-7", "7", "2", "3", "-2", "10", "2**31", "-(2**53 + 1)", "255", "100"]
SPECS = ["", ".2f", ".1f", ".0f", ".3g", "g", ".2e", ".1%", ",", "+.3f", ">9.2f", "08.3f",
         "_.2f", ".15g", ".17g", "e", "%", "n"]
ERRORS = ["ValueError", "KeyError", "RuntimeError", "TypeError", "ZeroDivisionError",
          "LookupError", "OSError"]


class SemanticsValues:
    def exceptions(self, i):
        error = self.rng.choice(ERRORS + ["KeyError", "StopIteration", "UnicodeDecodeError"])
        message = self.rng.choice(["", "boom", "it's", "k", "a b"])
        raised = {"op": "raise", "error": error, "message": message} if message else \
            {"op": "raise", "error": error}
        again = self.rng.choice(["bare", "other", "none", "finally"])
        handler = [self.say("e={e} r={e!r} s={str(e)!r}")]
        if again == "bare":
            handler.append({"op": "raise"})
        elif again == "other":
            handler.append({"op": "raise", "error": "RuntimeError", "message": "from handler"})
        body = {"op": "try", "steps": [raised], "except": {error: {"as": "e", "steps": handler}}}
        if again == "finally":
            body["finally"] = [{"op": "raise", "error": "LookupError", "message": "finally"}]
        return [self.catching([body])]

    def number(self):
        pick = self.rng.random()
        if pick < 0.45:
            return self.rng.choice(FLOATS)
        if pick < 0.7:
            return self.rng.choice(INTS)
        if pick < 0.85:
            return repr(self.rng.uniform(-1000, 1000) * 10.0 ** self.rng.randint(-6, 6))
        return f"{self.rng.randint(0, 9999)}e{self.rng.randint(-9, 3)}"

    def arithmetic(self, depth=0):
        if depth > 1 or self.rng.random() < 0.3:
            return self.number()
        op = self.rng.choice(["+", "-", "*", "/", "//", "%", "**", "+", "*"])
        left, right = self.arithmetic(depth + 1), self.arithmetic(depth + 1)
        if op == "**":
            right = self.rng.choice(["2", "0.5", "-1", "3", "0"])
        expr = self.representable(f"({left} {op} {right})")
        fn = self.rng.random()
        if fn < 0.15:
            return f"round({expr}, {self.rng.randint(0, 3)})"
        if fn < 0.2:
            return self.representable(f"round({expr})")
        if fn < 0.25:
            return f"abs({expr})"
        if fn < 0.3:
            return self.representable(f"int({expr})")
        if fn < 0.35:
            return f"float({expr})"
        return expr

    def representable(self, expr):
        """The expression, or a plain number when its value is an int beyond 64 bits or a
        complex number: values Loopscope does not model (OverflowError there)."""
        try:
            value = eval(expr, {"__builtins__": {"round": round, "abs": abs, "int": int,
                                                 "float": float}})
        except Exception:
            return expr  # an error both sides raise: ZeroDivisionError, OverflowError
        if isinstance(value, complex) or (isinstance(value, int) and abs(value) >= 2 ** 62):
            return self.number()
        return expr

    def numbers(self, i):
        steps = []
        for k in range(self.rng.randint(2, 5)):
            expr = self.arithmetic()
            spec = self.rng.choice(SPECS)
            conv = self.rng.choice(["", "", "!r", "!s"]) if not spec else ""
            text = f"n{k} {{{expr}{conv}{':' + spec if spec else ''}}}"
            if self.rng.random() < 0.3:
                text += f" {{str({expr})}} {{[{expr}, {self.number()}]!r}}"
            steps.append(self.catching([self.say(text)]))
        return steps

    TEXTS = ["a\U0001f680b", "\U0001f600", "caf\u00e9", "stra\u00dfe", "\u20ac 5", "x\uffffy",
             "\U0001f680\U0001f600!", "plain", "", "\u00e9\U0001f680\u00e9"]
    TEXT_OPS = ["{t!r}", "{t[0]!r}", "{t[-1]!r}", "{t[1:]!r}", "{t[::-1]!r}", "{t[::2]!r}",
                "{len(t)}", "{list(t)!r}", "{[ord(c) for c in t]}", "{t.find(u)}",
                "{t.count(u)}", "{t.center(w, '*')!r}", "{t.ljust(w)}|", "{t.rjust(w, u[0] if u else '-')}",
                "{t.zfill(w)}", "{t:>{w}}|", "{t:^{w}}|", "{t < u}", "{sorted([t, u])!r}",
                "{max(t) if t else ''}", "{t.upper()}", "{t.replace(u, '+') if u else t}",
                "{t.split(u) if u else t.split()}", "{t + u!r}", "{t * 2}", "{u in t}",
                "{t.startswith(u)}", "{t.strip(u)}", "{dict(enumerate(t))!r}"]

    def texts(self, rng):
        """str as code points (an emoji is one): indexing, slicing, padding, searching, order.
        From a stream of its own, so the forms before it are those of the seed without it."""
        if rng.random() < 0.5:
            return []
        steps = []
        for k in range(rng.randint(1, 4)):
            t, u = rng.choice(self.TEXTS), rng.choice(self.TEXTS + ["b", "\U0001f680", "\u00e9"])
            steps += [{"op": "set", "name": "t", "value": t}, {"op": "set", "name": "u", "value": u},
                      {"op": "set", "name": "w", "value": rng.randint(0, 9)}]
            for op in rng.sample(self.TEXT_OPS, rng.randint(2, 6)):
                steps.append(self.catching([{"op": "print", "text": f"s{k} {op}"}]))
        return steps

