"""The scenario document: keys in the order of docs/scenario-format.md, step ids s1, s2, ...
in the order the file reads, and JSON laid out as the bundled examples are (a step a line)."""

import json


def _uses_random(importer):
    return any(name == "random" or name.startswith("random.")
               for name in importer.aliases._names.values())


def assemble(importer, title, functions, coroutines, program):
    doc = {"format": "loopscope-scenario", "version": 1, "title": title}
    if importer.seed is None and _uses_random(importer):
        importer.seed = 0
        importer.notes.append((0, "random is seeded with 0 (the program did not seed it)"))
    if importer.notes:
        lines = [text for _, text in sorted(importer.notes, key=lambda n: n[0])]
        doc["notes"] = ("Approximated on import from " + importer.filename.rsplit("/", 1)[-1]
                        + ":\n" + "".join(f"- {line}\n" for line in lines))
    if importer.seed is not None:
        doc["seed"] = importer.seed
    if importer.python:
        doc["python"] = dict(importer.python)
    if importer.resources:
        doc["resources"] = list(importer.resources.values())
    if functions:
        doc["functions"] = functions
    doc["coroutines"] = coroutines
    if program != [{"op": "run", "coro": "main"}]:
        doc["program"] = program
    number_steps(doc, importer.step_lines, importer.source_lines)
    return doc


def _step_lists(step):
    """The bodies of a step in the order the Python reads them."""
    if isinstance(step.get("steps"), list):
        yield step["steps"]
    for branch in step.get("elif", []):
        yield branch["steps"]
    for handler in (step.get("except") or {}).values():
        yield handler["steps"] if isinstance(handler, dict) else handler  # {as, steps}
    for key in ("else", "finally"):
        if isinstance(step.get(key), list):
            yield step[key]


def number_steps(doc, step_lines=None, source_lines=None):
    """ids s1, s2, ... in document order; `id` first in each step. source_lines gets the
    (line, col) step_lines holds for a step dict, by the step's id."""
    counter = [0]

    def visit(steps):
        for i, step in enumerate(steps):
            counter[0] += 1
            if step_lines and id(step) in step_lines and source_lines is not None:
                source_lines[f"s{counter[0]}"] = step_lines[id(step)]
            steps[i] = {"id": f"s{counter[0]}", **step}
            for inner in _step_lists(steps[i]):
                visit(inner)

    for entry in doc.get("functions", []) + doc["coroutines"]:
        visit(entry["steps"])
    visit(doc.get("program", []))


def _compact(value):
    return json.dumps(value, ensure_ascii=False)


def dumps(doc):
    """JSON text: top-level keys a line each, definitions and steps a line each unless
    they hold steps of their own."""
    return _dump(doc, 0) + "\n"


def _expanded(value):
    """Lists of steps, definitions and resources: an element a line."""
    return isinstance(value, list) and any(isinstance(v, dict) and ("op" in v or "name" in v
                                                                    or "id" in v) for v in value)


def _dump(value, depth):
    pad = "  " * (depth + 1)
    if isinstance(value, dict):
        parts = [f"{json.dumps(key)}: {_dump(member, depth + 1)}" for key, member in value.items()]
        if depth == 0:
            return "{\n" + ",\n".join(pad + p for p in parts) + "\n}"
        return "{" + ", ".join(parts) + "}"
    if _expanded(value):
        inner = ",\n".join(pad + _dump(v, depth + 1) for v in value)
        return "[\n" + inner + "\n" + "  " * depth + "]"
    return _compact(value)
