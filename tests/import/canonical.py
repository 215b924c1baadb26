"""The one form the round trip compares two scenarios in: test_round_trip.normalised (no ids,
layout, notes, clock or variants; defaults filled in), then what the Python program cannot
tell apart written one way. Both sides go through the same rules, and each rule only merges
scenarios that export to the same Python and run alike:

- an expression is written as the importer writes it, `ast.unparse` of its tree: the export
  writes `sorted(str(v) for v in xs)`, the import reads `sorted((str(v) for v in xs))`;
  `print.text` is an f-string body, compared the same way (a task name and a `raise`
  message are substitution text, compared as written);
- a value field holding a literal expression is the JSON literal (`"$[]"` is `[]`, `"$4"` is
  `4`): both are a fresh value each time the step runs, and both export as `[]`;
- `repeat` with a `var` is `for var in range(count)` (the export writes both so, the import
  reads a `for` over a range as `repeat`); `while True` is `repeat` forever (the export
  writes both as `while True:`, and the runtime runs them alike);
- a `raise` with the message "" is one without (the runtime and the export read "" as no
  message: `KeyError()`, `ExceptionGroup("", [Exception("")])`);
- a numeric field's legacy `"$d"` is the expression `"d"`;
- `"args": {}` is no args;
- the order of the coroutines, functions and resources is the order of their definitions in
  the module, which the export chooses (a callee before its caller, futures and pools made in
  main()) and which does not change what runs: they are compared by name;
- extension keys `x-...` (the importer's `x-estimated`: the lines of the .py a CPU estimate
  came from; an editor's `x-colour`) say where a part came from or how it is drawn, as notes
  and layout do, and are left out; so are a coroutine's keys the format does not define (the
  reader keeps them for the editor: every_op.loop.json's `"colour"`).
"""

import ast

from test_round_trip import normalised

from loopscope_import.values import fstring_body, numeric_field, value_field

_NUMERIC = ("seconds", "timeout", "count", "delay", "n")
_EXPRESSIONS = ("cond", "in", "task", "predicate")
_TEXTS = ("text",)  # a raise message and a task name substitute {name} only: as written
_VALUES = ("value", "item")
_DEFINITION_KEYS = ("name", "params", "defaults", "globals", "steps")


def _parsed(text):
    return ast.parse(text.strip(), mode="eval").body


def _expression(text):
    try:
        return ast.unparse(_parsed(text))
    except SyntaxError:
        return text


def _text(text):
    for quote in ('"""', "'''"):
        if quote in text or text.endswith(quote[0]):
            continue
        try:
            return fstring_body(_parsed(f"rf{quote}{text}{quote}"))
        except Exception:  # noqa: BLE001 - what the importer refuses is compared as written
            pass
    return text


def _value(value):
    if not isinstance(value, str) or not value.startswith("$") or value.startswith("$$"):
        return value
    try:
        return value_field(_parsed(value[1:]))
    except Exception:  # noqa: BLE001 - what the importer refuses is compared as written
        return value


def _numeric(value):
    if not isinstance(value, str):
        return value
    try:
        return numeric_field(_parsed(value[1:] if value.startswith("$") else value))
    except Exception:  # noqa: BLE001
        return value


def _item(item):
    item = {k: v for k, v in item.items() if k != "id"}  # an awaitable item's step id
    if isinstance(item.get("star"), str):
        item["star"] = _expression(item["star"])
    return _fields(item) if "op" in item else _arguments(item)


def _arguments(step):
    if step.get("args") == {}:
        del step["args"]
    if isinstance(step.get("args"), dict):
        step["args"] = {k: _value(v) for k, v in step["args"].items()}
    return step


def _fields(step):
    """The step with each field's expression or text in its one written form."""
    step = _arguments({k: v for k, v in step.items() if not k.startswith("x-")})
    for key in _VALUES:
        if key in step:
            step[key] = _value(step[key])
    for key in _NUMERIC:
        if key in step:
            step[key] = _numeric(step[key])
    for key in _EXPRESSIONS:
        if isinstance(step.get(key), str):
            step[key] = _expression(step[key])
    for key in _TEXTS:
        if isinstance(step.get(key), str):
            step[key] = _text(step[key])
    if isinstance(step.get("items"), list):
        step["items"] = [_item(i) if isinstance(i, dict) else i for i in step["items"]]
    return step


def same_program(steps):
    out = []
    for step in steps:
        step = _fields(step)
        if step["op"] == "repeat" and step.get("var") and step.get("count") is not None:
            count = step.pop("count")
            count = count[1:] if isinstance(count, str) and count.startswith("$") else count
            del step["op"]
            step = {"op": "for", "var": step.pop("var"), "in": f"range({count})", **step}
        if step["op"] == "while" and step.get("cond") == "True":
            del step["cond"]
            step = {**step, "op": "repeat", "count": None}
        if step["op"] == "raise" and step.get("message") == "":
            del step["message"]
        for key in _NUMERIC:
            value = step.get(key)
            if isinstance(value, str) and value.startswith("$") and value[1:].isidentifier():
                step[key] = value[1:]
        for key in ("steps", "finally", "else"):
            if key in step:
                step[key] = same_program(step[key])
        if "except" in step:
            step["except"] = {k: {**v, "steps": same_program(v["steps"])}
                              if isinstance(v, dict) else same_program(v)
                              for k, v in step["except"].items()}
        if "elif" in step:
            step["elif"] = [{**c, "cond": _expression(c["cond"]),
                             "steps": same_program(c["steps"])} for c in step["elif"]]
        out.append(step)
    return out


def compared(doc):
    doc = normalised(doc)
    for coroutine in doc["coroutines"] + doc.get("functions", []):
        coroutine["steps"] = same_program(coroutine["steps"])
        if "defaults" in coroutine:
            coroutine["defaults"] = {k: _value(v) for k, v in coroutine["defaults"].items()}
    if "program" in doc:
        doc["program"] = same_program(doc["program"])
    for resource in doc.get("resources", []):
        if isinstance(resource.get("items"), list):
            resource["items"] = [_value(v) for v in resource["items"]]
    for part in [doc] + doc["coroutines"] + doc.get("functions", []) + doc["resources"]:
        for key in [k for k in part if k.startswith("x-")]:
            del part[key]
    for definition in doc["coroutines"] + doc.get("functions", []):
        for key in [k for k in definition if k not in _DEFINITION_KEYS]:
            del definition[key]
    doc["coroutines"].sort(key=lambda c: c["name"])
    doc.get("functions", []).sort(key=lambda f: f["name"])
    doc["resources"].sort(key=lambda r: r["id"])
    return doc
