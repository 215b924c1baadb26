#!/usr/bin/env python3
"""Differential test of Loopscope's expression engine against CPython 3.12.

Generates random Python expressions (literals, arithmetic, comparisons, and/or, subscripts,
comprehensions, builtins, methods, f-strings with random format specs, seeded random) from a
seed, evaluates each in CPython (eval, or an f-string for a print text) and in Loopscope
(the expr_eval tool), and compares the printed results character for character.

    expressions.py EXPR_EVAL [--seed 1] [--count 5000] [--show 10]

Exit status 0 when every expression agrees. Ints beyond 64 bits are refused by Loopscope
with an OverflowError of its own; those expressions are counted apart, not compared.
"""
import argparse
import random
import subprocess
import sys

NAMESPACE_SOURCE = "a = 7; b = -3; f = 2.5; s = 'hello'; L = [1, 2, 3]; T = (1, 'x'); D = {'k': 1, 2: 'two'}"
# Loopscope's refusals of what it does not support, counted apart from differences.
UNSUPPORTED = ("Error: OverflowError: ints beyond 64 bits are not supported",
               "Error: TypeError: printf-style formatting (str % ...) is not supported; use an f-string",
               "Error: ValueError: complex results are not supported")

FLOATS = ["0.1", "0.2", "0.3", "1e16", "1e-05", "1.5", "2.5", "-0.0", "0.0", "1e22", "123456.789",
          "3.14159", "0.3333333333333333", "2.675", "1e300", "5e-324", "0.5", "1.0", "100.0",
          "9.995", "1234567.891", "float('nan')", "float('inf')", "-float('inf')", "7.",
          ".25", "1_000.5", "2e-3", "1.7976931348623157e308", "0.1 + 0.2"]
STRINGS = ["'abc'", "''", "'a b  c '", '"it\'s"', "'x\\ty'", "'line\\n'", "'é'", "'Zz'",
           "'42'", "' 7 '", "'1_0'", "'-3.5'", "'a,b,,c'", "'\\x41'", "'{}'", "'\"q\"'"]
NAMES = ["a", "b", "f", "s", "L", "T", "D"]
BINARY = ["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"]
COMPARE = ["<", "<=", ">", ">=", "==", "!=", "in", "not in"]


class Generator:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def pick(self, items):
        return self.r.choice(items)

    def integer(self):
        k = self.r.random()
        if k < 0.5:
            return str(self.r.randint(-10, 10))
        if k < 0.7:
            return str(self.r.randint(-10**6, 10**6))
        if k < 0.8:
            return self.pick(["0x1f", "0o17", "0b101", "1_000", "True", "False", "2**62", "(-2**62) * 2"])
        return str(self.r.randint(-2**40, 2**40))

    def literal(self, depth):
        k = self.r.random()
        if k < 0.3:
            return self.integer()
        if k < 0.5:
            return self.pick(FLOATS)
        if k < 0.65:
            return self.pick(STRINGS)
        if k < 0.7:
            return self.pick(["None", "True", "False"])
        if depth <= 0 or k < 0.8:
            return self.pick(NAMES)
        items = [self.expr(depth - 1) for _ in range(self.r.randint(0, 3))]
        kind = self.r.random()
        if kind < 0.4:
            return "[" + ", ".join(items) + "]"
        if kind < 0.7:
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        keys = [self.pick([self.integer(), self.pick(STRINGS), self.pick(FLOATS[:8])]) for _ in items]
        return "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, items)) + "}"

    def expr(self, depth):
        if depth <= 0:
            return self.literal(0)
        forms = [self.literal, self.binary, self.binary, self.unary, self.comparison,
                 self.boolean, self.conditional, self.subscript, self.builtin, self.builtin,
                 self.method, self.comprehension, self.fstring, self.seeded_random,
                 self.formatted_number, self.formatted_number]
        return self.pick(forms)(depth)

    def operand(self, depth):
        e = self.expr(depth - 1)
        return f"({e})" if self.r.random() < 0.6 else e

    def binary(self, depth):
        op = self.pick(BINARY)
        if op == "**":
            return f"{self.operand(depth)} ** {self.pick(['2', '3', '-1', '0', '0.5', '-2', '10', '(-1)'])}"
        if op in ("<<", ">>"):
            return f"{self.operand(depth)} {op} {self.r.randint(0, 8)}"
        if op == "*" and self.r.random() < 0.3:
            return f"{self.pick(STRINGS + ['[1, 2]', '(0,)'])} * {self.r.randint(-1, 3)}"
        return f"{self.operand(depth)} {op} {self.operand(depth)}"

    def unary(self, depth):
        return f"{self.pick(['-', '+', 'not ', '~'])}{self.operand(depth)}"

    def comparison(self, depth):
        parts = [self.operand(depth)]
        for _ in range(self.r.randint(1, 3)):
            parts += [self.pick(COMPARE), self.operand(depth)]
        return " ".join(parts)

    def boolean(self, depth):
        return f"{self.operand(depth)} {self.pick(['and', 'or'])} {self.operand(depth)}"

    def conditional(self, depth):
        return f"{self.operand(depth)} if {self.operand(depth)} else {self.operand(depth)}"

    def subscript(self, depth):
        target = self.pick(NAMES + ["'abcdef'", "[10, 20, 30, 40]", "range(2, 20, 3)", "(5, 6, 7)"])
        if self.r.random() < 0.5:
            return f"{target}[{self.pick(['0', '1', '-1', '3', '-5', '9', 'True', '2', repr('k'), '1.0'])}]"
        bound = lambda: self.pick(["", "", "0", "1", "-1", "2", "-3", "10", "None"])
        step = self.pick(["", "", ":2", ":-1", ":-2", ":3"])
        return f"{target}[{bound()}:{bound()}{step}]"

    def builtin(self, depth):
        seq = lambda: self.pick(["L", "T", "s", "D", "[3, 1, 2]", "[0.5, 1, 2.25]", "[1e16, 1.0, -1e16]",
                                 "[0.1] * 10", "[]", "range(5)", "'cab'", "[2, 'a']", "[[2, 1], [1, 3]]",
                                 "(True, 2, 3.5)", "[float('inf'), 1.0]", self.expr(depth - 1)])
        x = lambda: self.expr(depth - 1)
        forms = [
            lambda: f"len({seq()})", lambda: f"sum({seq()})", lambda: f"min({seq()})",
            lambda: f"max({x()}, {x()})", lambda: f"abs({x()})", lambda: f"round({x()})",
            lambda: f"round({self.pick(FLOATS)}, {self.r.randint(-3, 4)})",
            lambda: f"round({self.integer()}, {self.r.randint(-3, 1)})",
            lambda: f"str({x()})", lambda: f"int({self.pick(FLOATS + STRINGS + ['True', '-7'])})",
            lambda: f"float({self.pick(FLOATS + STRINGS + ['3', ' nan ', '-Infinity'])})",
            lambda: f"bool({x()})", lambda: f"repr({x()})", lambda: f"sorted({seq()})",
            lambda: f"sorted({seq()}, reverse=True)",
            lambda: f"range({self.r.randint(-3, 5)}, {self.r.randint(-3, 9)}, {self.pick(['1', '2', '-1', '3'])})",
            lambda: f"list({seq()})", lambda: f"tuple({seq()})", lambda: f"list(enumerate({seq()}))",
            lambda: f"list(zip({seq()}, {seq()}))", lambda: f"divmod({x()}, {x()})",
            lambda: f"any({seq()})", lambda: f"all({seq()})", lambda: f"ascii({x()})",
            lambda: f"dict([(1, 2), ('a', {x()})])", lambda: f"list(reversed({seq()}))",
            lambda: f"hex({self.integer()})", lambda: f"chr({self.r.randint(32, 300)})",
        ]
        return self.pick(forms)()

    def method(self, depth):
        forms = [
            "s.upper()", "'A b'.lower()", "'a,b,,c'.split(',')", "'  a b  '.split()",
            "' x '.strip()", "'-'.join(['a', 'b'])", f"'-'.join({self.pick(['L', 's', '[1]'])})",
            "s.startswith('he')", "s.endswith(('lo', 'x'))", "s.replace('l', 'L')",
            "s.replace('l', '', 1)", "s.find('l')", "s.count('l')", "'a b'.title()",
            "s.center(11, '*')", "'7'.zfill(3)", "'a,b,c'.split(',', 1)", "D.get('k')",
            "D.get('z', 0)", "list(D.keys())", "list(D.values())", "repr(D.items())", "len(D.keys())",
            "L.index(2)", "L.count(1)", "T.index('x')", "L.index(9)", "s.rjust(8)",
            "[1, 2].copy()", "'x'.foo()", "D['missing']", "(1).bar",
        ]
        return self.pick(forms)

    def comprehension(self, depth):
        source = self.pick(["range(5)", "L", "'abc'", "D", "[(1, 'a'), (2, 'b')]", "range(10, 0, -3)"])
        var = "k, v" if "(1, 'a')" in source else "i"
        body = self.pick(["i", "i * 2", "i + 0.5", "str(i)", "(i, i)", "k", "v"]) if var == "i" else self.pick(["k", "v", "(v, k)", "f'{k}{v}'"])
        cond = self.pick(["", " if i", " if i != 2", " if i > 1"]) if var == "i" else self.pick(["", " if k > 1"])
        more = self.pick(["", "", " for j in range(2)"])
        if self.r.random() < 0.5:
            return f"[{body} for {var} in {source}{cond}{more}]"
        return f"{self.pick(['sum', 'list', 'tuple', 'max'])}({body} for {var} in {source}{cond})"

    def spec(self):
        parts = ""
        if self.r.random() < 0.3:
            parts += self.pick(["", "*", "0", "x", "_"]) + self.pick("<>^=")
        if self.r.random() < 0.3:
            parts += self.pick("+- ")
        if self.r.random() < 0.1:
            parts += "z"
        if self.r.random() < 0.2:
            parts += "#"
        if self.r.random() < 0.2:
            parts += "0"
        if self.r.random() < 0.5:
            parts += str(self.r.randint(0, 14))
        if self.r.random() < 0.25:
            parts += self.pick(",_")
        if self.r.random() < 0.5:
            parts += "." + str(self.r.randint(0, 12))
        if self.r.random() < 0.7:
            parts += self.pick("sdbcoxXneEfFgG%")
        return parts

    def number(self):
        """A number where rounding and layout are delicate: halfway cases, tiny, huge."""
        k = self.r.random()
        if k < 0.3:
            return repr(self.r.choice([0.125, 0.375, 2.5, 0.5, 1.5, 0.05, 0.015, 1.005, 2.675,
                                       1e-7, 123.456, 99.995, 0.0005, 5e-5, 1e15, 9.5, 10.5]))
        if k < 0.55:
            return repr(self.r.uniform(-10, 10) * 10 ** self.r.randint(-12, 22))
        if k < 0.7:
            return repr(float(self.r.randint(-10**6, 10**6)))
        if k < 0.9:
            return str(self.r.randint(-10**12, 10**12))
        return self.pick(["0", "-0.0", "True", "float('nan')", "-float('inf')", "-1", "255"])

    def formatted_number(self, depth):
        value, spec = self.number(), self.spec()
        if self.r.random() < 0.5:
            return f"format({value}, {spec!r})"
        return "f'{" + value + ":" + spec + "}'"

    def fstring(self, depth):
        value = self.pick([self.integer(), self.pick(FLOATS), self.pick(STRINGS), "True", "None",
                           "L", self.expr(depth - 1), "-0.0", "1e16", "123456789", "-1234.5678"])
        k = self.r.random()
        if k < 0.15:
            return f"format({value}, {self.spec()!r})"
        conversion = self.pick(["", "", "", "!r", "!s", "!a"])
        spec = self.spec() if self.r.random() < 0.8 else ""
        field = "{" + value + conversion + (":" + spec if spec else "") + "}"
        if k < 0.3:
            field = "{" + value + "=}"
        if k < 0.35:
            field = "{" + value + ":>{a}}"
        text = self.pick(["", "x = ", "{{", "}} "]) + field + self.pick(["", " s", "!"])
        return "f" + repr(text).replace("\\\\", "\\")

    def print_text(self, depth):
        """A print text: an f-string body without quotes (no quote or backslash in it)."""
        while True:
            text = self.fstring(depth)
            if text.startswith("f'") and "\\" not in text and "'" not in text[2:-1] and '"' not in text:
                return "fbody:" + text[2:-1]

    def seeded_random(self, depth):
        seed = self.pick([str(self.r.randint(0, 10**6)), "0", "-5", "2**40", "'abc'", "'seed'", "3.0"])
        calls = ["random.random()", "random.randint(1, 6)", "random.uniform(0.5, 2.0)",
                 "random.randint(-10**9, 10**9)", "random.choice('abcdef')", "random.randrange(7)",
                 "random.randrange(3, 90)", "random.uniform(1, 2)", "random.getrandbits(40)",
                 "random.choice(L)", "random.randint(5, 3)", "random.randrange(2**35)"]
        body = ", ".join(self.pick(calls) for _ in range(self.r.randint(1, 4)))
        return f"[random.seed({seed}), {body}][1:]"


def python_result(line, namespace):
    try:
        if line.startswith("fbody:"):
            return str(eval("f" + repr(line[6:]), namespace))
        return repr(eval(line, namespace))
    except Exception as e:  # noqa: BLE001 - the exception is the result being compared
        return f"Error: {type(e).__name__}: {e}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tool", help="the expr_eval executable")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--show", type=int, default=10, help="differences to print")
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 12):
        sys.exit(f"expressions.py compares with CPython 3.12, not {sys.version.split()[0]}")

    import resource
    import warnings
    warnings.simplefilter("ignore")
    # 'abc' * 2**40 must fail with MemoryError here, as it does in Loopscope, not fill the machine.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    generator = Generator(args.seed)
    lines = []
    while len(lines) < args.count:
        depth = generator.r.randint(1, 3)
        line = generator.print_text(depth) if generator.r.random() < 0.1 else generator.expr(depth)
        if "\n" not in line and "\r" not in line:
            lines.append(line)
    namespace = {}
    exec("import random, time, asyncio\n" + NAMESPACE_SOURCE, namespace)
    expected = [python_result(line, namespace).replace("\n", "\\n") for line in lines]
    completed = subprocess.run([args.tool], input="\n".join(lines) + "\n", capture_output=True,
                               text=True, encoding="utf-8", check=True)
    actual = completed.stdout.split("\n")[:len(lines)]
    differences = unsupported = errors = syntax = 0
    for line, want, got in zip(lines, expected, actual):
        if got == want:
            errors += want.startswith("Error: ")
            continue
        if got in UNSUPPORTED:
            unsupported += 1
            continue
        if got.startswith("Error: SyntaxError:") and want.startswith("Error: SyntaxError:"):
            syntax += 1
            continue  # both refuse the text; the wording of syntax errors is not compared
        differences += 1
        if differences <= args.show:
            print(f"expression: {line}\n  CPython:   {want}\n  Loopscope: {got}")
    agreed = len(lines) - differences - unsupported
    print(f"seed {args.seed}: {agreed} of {len(lines)} expressions agree with CPython "
          f"({agreed - errors - syntax} values, {errors} exceptions, {syntax} syntax errors); "
          f"{differences} differ; {unsupported} unsupported (ints beyond 64 bits, str %, complex)")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
