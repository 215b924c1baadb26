"""Expressions as scenario text (issue15-design.md, "The format contract").

- numeric fields (`seconds`, `timeout`, `count`): a JSON number, `"$name"` for a bare name
  (the legacy parameter form), else the expression's Python text;
- value fields (`args`, `item`, `value`, `set`/`return` values): a JSON literal, or `"$"` and
  the expression's text; a string literal that starts with `$` is written `"$$..."`, one
  holding braces (which value strings substitute) as an expression;
- text fields (`print.text`, task names, `raise` messages): an f-string body.
"""

import ast

from .refusals import refuse

# Expressions a scenario cannot hold, with what to write instead. A list comprehension is an
# expression the engine evaluates as CPython does (its own scope, clauses left to right).
_NOT_EXPRESSIONS = {
    ast.Lambda: ("a lambda", "use a condition expression or a def function"),
    ast.SetComp: ("a set comprehension", "use a for loop"),
    ast.DictComp: ("a dict comprehension", "use a for loop"),
    ast.GeneratorExp: ("a generator expression outside a call's arguments",
                       "pass it to a call (`sum(x for x in xs)`) or use a list comprehension"),
    ast.NamedExpr: ("an assignment expression (:=)", "assign in a statement of its own"),
    ast.Await: ("an await inside an expression", "await in a statement of its own "
                "(`x = await ...`) and use x"),
    ast.Yield: ("yield", "use return or a queue"),
    ast.YieldFrom: ("yield from", "use await"),
    ast.Set: ("a set display", "use a list"),
}


# The asyncio functions an expression may call: the engine's asyncio module has no others
# (scenario-format.md, "Values, expressions and control flow"); the ones that are steps
# (sleep, gather, create_task, wait_for, ...) are read as steps before an expression is made.
_ASYNCIO_IN_EXPRESSIONS = frozenset({"get_running_loop", "get_event_loop", "new_event_loop"})
# Those that make an awaitable, which is a step where it is awaited.
_ASYNCIO_AWAITABLES = frozenset({"sleep", "wait_for", "to_thread", "shield", "gather", "wait",
                                 "ensure_future"})


def _unknown_asyncio_call(sub):
    func = sub.func if isinstance(sub, ast.Call) else None
    return (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id == "asyncio" and func.attr not in _ASYNCIO_IN_EXPRESSIONS)


def _refuse_cancel(call):
    """A task's cancel is a step (and `x = t.cancel()` one with its value): the engine has no
    cancel inside an expression, nor a cancel message."""
    owner = ast.unparse(call.func.value)
    if call.args or call.keywords:
        refuse(call, f"{owner}.cancel() with a message",
               f"call {owner}.cancel() without one (a scenario's cancel carries no message)")
    refuse(call, f"{owner}.cancel() inside an expression",
           f"cancel in a statement of its own (`{owner}.cancel()`, or `was = {owner}.cancel()`)")


def _call_arguments(node):
    """The generator expressions passed straight to a call (`sorted(str(v) for v in xs)`,
    `sum((x for x in xs), 0)`): the engine consumes them as CPython's builtins do."""
    return {id(arg) for sub in ast.walk(node) if isinstance(sub, ast.Call)
            for arg in sub.args if isinstance(arg, ast.GeneratorExp)}


def check_expression(node, allow_comprehension=False):
    """Refuses what an expression field cannot hold (the first such node, in source order)."""
    passed = _call_arguments(node)
    for sub in ast.walk(node):
        kind = type(sub)
        if allow_comprehension and kind in (ast.GeneratorExp, ast.ListComp):
            continue
        if id(sub) in passed:
            continue
        if kind in _NOT_EXPRESSIONS:
            what, instead = _NOT_EXPRESSIONS[kind]
            refuse(sub, what, instead)
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) \
                and sub.func.attr == "cancel":
            _refuse_cancel(sub)
        if _unknown_asyncio_call(sub):
            name = sub.func.attr
            if name in _ASYNCIO_AWAITABLES:  # `coro = asyncio.sleep(1)`, awaited later
                refuse(sub, f"asyncio.{name}() kept as a value",
                       f"await asyncio.{name}(...) where it is made, or make a task of it there")
            refuse(sub, f"asyncio.{name}() in an expression",
                   "an expression may call asyncio.get_running_loop(), get_event_loop() or "
                   "new_event_loop()")


def expression_text(node, allow_comprehension=False):
    check_expression(node, allow_comprehension)
    return ast.unparse(node)


def literal(node):
    """The JSON value of a literal expression (numbers, strings, bools, None, lists and dicts
    of them), or raises ValueError."""
    if isinstance(node, ast.Constant) and (node.value is None
                                           or isinstance(node.value, (bool, int, float, str))):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = literal(node.operand)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return -value
    if isinstance(node, ast.List):
        return [literal(e) for e in node.elts]
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant)
                                          and isinstance(k.value, str) for k in node.keys):
        return {k.value: literal(v) for k, v in zip(node.keys, node.values)}
    raise ValueError("not a literal")


def _plain_value(value):
    """A literal that means the same as a value field: no `$` start, no braces in strings."""
    if isinstance(value, str):
        return not value.startswith("$") and "{" not in value and "}" not in value
    if isinstance(value, list):
        return all(_plain_value(v) for v in value)
    if isinstance(value, dict):
        return all(_plain_value(v) for v in value.values())
    return True


def value_field(node):
    try:
        value = literal(node)
        if _plain_value(value):
            return value
        if isinstance(value, str) and value.startswith("$") and "{" not in value \
                and "}" not in value:
            return "$" + value
    except ValueError:
        pass
    if isinstance(node, ast.JoinedStr) and _simple_fstring(node):
        return fstring_body(node)  # a value string substitutes {name} itself
    return "$" + expression_text(node)


def _simple_fstring(node):
    """An f-string of bare names, which a value string's {name} substitution writes alike."""
    for value in node.values:
        if isinstance(value, ast.Constant):
            if "{" in value.value or "}" in value.value:
                return False
        elif not (isinstance(value.value, ast.Name) and value.conversion == -1
                  and value.format_spec is None):
            return False
    return not fstring_body(node).startswith("$")


def numeric_field(node, ones=frozenset()):
    """A duration or count: a number, "$name", or expression text. `x * ONE` where ONE is a
    module constant equal to 1 (the exporter's SCALE = 1.0) is just `x`."""
    while (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult)
           and isinstance(node.right, ast.Name) and node.right.id in ones):
        node = node.left
    try:
        value = literal(node)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    except ValueError:
        pass
    if isinstance(node, ast.Name):
        return "$" + node.id
    return expression_text(node)


def _escape_braces(text):
    return text.replace("{", "{{").replace("}", "}}")


def _placeholder(node):
    check_expression(node.value)
    inner = ast.unparse(node.value)
    if inner.startswith("{"):
        inner = " " + inner  # `{ {...}` is a dict display, `{{` would be a literal brace
    if node.conversion != -1:
        inner += "!" + chr(node.conversion)
    if node.format_spec is not None:
        inner += ":" + fstring_body(node.format_spec)
    return "{" + inner + "}"


def fstring_body(node):
    """The text between the quotes of an f-string (what `print.text` holds)."""
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(_escape_braces(value.value))
        else:
            parts.append(_placeholder(value))
    return "".join(parts)


def text_of(node):
    """An f-string body that prints as str(node) does."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _escape_braces(node.value)
    if isinstance(node, ast.JoinedStr):
        return fstring_body(node)
    return _placeholder(ast.FormattedValue(value=node, conversion=-1, format_spec=None))


def substitution_text(node):
    """A task name or a raise message: the runtime replaces each `{name}` of a bound variable
    in it by the variable's str() and keeps every other character as written
    (scenario-format.md), so a string is itself (the export writes "w-{y}" so when no y is
    bound), an f-string's bare name `{name}` and a literal placeholder its text. What the
    runtime cannot compute so is refused."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts = [node]
    elif isinstance(node, ast.JoinedStr):
        parts = node.values
    else:
        parts = [ast.FormattedValue(value=node, conversion=-1, format_spec=None)]
    out = []
    for part in parts:
        plain = part.conversion == -1 and part.format_spec is None \
            if isinstance(part, ast.FormattedValue) else True
        if isinstance(part, ast.FormattedValue) and plain and isinstance(part.value, ast.Name):
            out.append("{" + part.value.id + "}")
            continue
        value = part if isinstance(part, ast.Constant) else part.value
        if not (plain and isinstance(value, ast.Constant)):
            refuse(value, "an expression in a task name or an exception message",
                   "compute it into a variable first and write f\"...{variable}...\"")
        out.append(str(value.value))
    return "".join(out)


def print_step(call):
    """print(a, b, sep=..., end=...) as a `print` step's fields: text joins the arguments with
    sep; an `end` other than a newline is kept in `end` (a format proposal)."""
    sep, end = " ", "\n"
    fields = {}
    for keyword in call.keywords:
        if keyword.arg == "flush":
            continue
        if keyword.arg not in ("sep", "end"):
            refuse(keyword.value, f"print({keyword.arg}=...)", "print to standard output "
                   "with sep= and end= only")
        value = keyword.value
        if not (isinstance(value, ast.Constant) and isinstance(value.value, (str, type(None)))):
            refuse(value, f"a computed print {keyword.arg}=", "use a string literal")
        if keyword.arg == "sep":
            sep = " " if value.value is None else value.value
        else:
            end = "\n" if value.value is None else value.value
    for arg in call.args:
        if isinstance(arg, ast.Starred):
            refuse(arg, "print(*...)", "print the items with a for loop or join them")
    fields["text"] = _escape_braces(sep).join(text_of(a) for a in call.args)
    if end != "\n":
        fields["end"] = end
    return fields
