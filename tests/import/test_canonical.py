"""canonical.compared, the form round_trip_seeds.py compares scenarios in: the spellings one
Python program has come out equal, and scenarios that are different programs stay different
(a rule that merged those would hide a real round-trip bug)."""

import unittest

from canonical import compared


def doc(*steps, functions=None):
    out = {"format": "loopscope-scenario", "version": 1,
           "coroutines": [{"name": "main", "steps": list(steps)}]}
    if functions:
        out["functions"] = functions
    return out


# (row name, one step, the other): the export writes both as the same Python.
SAME = [
    ("literal_value_with_and_without_dollar",
     {"op": "set", "name": "acc", "value": "$[]"}, {"op": "set", "name": "acc", "value": []}),
    ("literal_argument_with_and_without_dollar",
     {"op": "call", "coro": "f", "args": {"i": "$4", "d": "${'a': -1.5}"}},
     {"op": "call", "coro": "f", "args": {"i": 4, "d": {"a": -1.5}}}),
    ("while_true_is_repeat_forever",
     {"op": "while", "cond": "True", "steps": [{"op": "sleep", "seconds": 1}]},
     {"op": "repeat", "count": None, "steps": [{"op": "sleep", "seconds": 1}]}),
    ("generator_argument_with_and_without_parentheses",
     {"op": "print", "text": "{sorted(str(v) for v in xs)[:2]!r:>9}"},
     {"op": "print", "text": "{sorted((str(v) for v in xs))[:2]!r:>9}"}),
    ("redundant_parentheses_in_a_value",
     {"op": "return", "value": "$(({'k': x}).get('k', 0) + 1)"},
     {"op": "return", "value": "${'k': x}.get('k', 0) + 1"}),
    ("condition_spacing",
     {"op": "if", "cond": "x%3==0", "steps": [], "elif": [{"cond": "(x>1)", "steps": []}]},
     {"op": "if", "cond": "x % 3 == 0", "steps": [], "elif": [{"cond": "x > 1", "steps": []}]}),
    ("empty_args_are_no_args",
     {"op": "call", "coro": "f", "args": {}}, {"op": "call", "coro": "f"}),
    ("where_an_estimate_came_from",
     {"op": "cpu", "seconds": 0.25, "x-estimated": {"lines": [11, 15], "how": "timeit"}},
     {"op": "cpu", "seconds": 0.25}),
    ("gather_star_item",
     {"op": "gather", "items": [{"star": "(f(i) for i in range(2))"}]},
     {"op": "gather", "items": [{"star": "(f(i)  for i in range( 2 ))"}]}),
]

# (row name, one step, the other): different programs, which must not compare equal.
DIFFERENT = [
    ("tuple_is_no_list", {"op": "set", "name": "a", "value": "$(1, 2)"},
     {"op": "set", "name": "a", "value": [1, 2]}),
    ("expression_is_no_literal", {"op": "set", "name": "a", "value": "$[x]"},
     {"op": "set", "name": "a", "value": ["x"]}),
    ("string_with_braces_substitutes", {"op": "set", "name": "a", "value": "$'{x}'"},
     {"op": "set", "name": "a", "value": "{x}"}),
    ("while_with_a_condition_is_no_repeat",
     {"op": "while", "cond": "x", "steps": []}, {"op": "repeat", "count": None, "steps": []}),
    ("timeout_is_no_wait_for",
     {"op": "timeout", "seconds": 1, "steps": [{"op": "call", "coro": "f", "as": "r"}]},
     {"op": "wait_for", "coro": "f", "timeout": 1, "as": "r"}),
    ("other_format_spec", {"op": "print", "text": "{x:>4}"}, {"op": "print", "text": "{x:<4}"}),
    ("other_operand", {"op": "if", "cond": "x % 3 == 0", "steps": []},
     {"op": "if", "cond": "x % 3 == 1", "steps": []}),
    ("generator_is_no_list_comprehension",
     {"op": "print", "text": "{(v for v in xs)}"}, {"op": "print", "text": "{[v for v in xs]}"}),
]


class Canonical(unittest.TestCase):
    def test_one_program_written_two_ways_compares_equal(self):
        for name, one, other in SAME:
            with self.subTest(row=name):
                self.assertEqual(compared(doc(one)), compared(doc(other)))

    def test_different_programs_stay_different(self):
        for name, one, other in DIFFERENT:
            with self.subTest(row=name):
                self.assertNotEqual(compared(doc(one)), compared(doc(other)))

    def test_definitions_in_any_order(self):
        one, other = doc({"op": "call", "coro": "f"}), doc({"op": "call", "coro": "f"})
        one["coroutines"].append({"name": "f", "steps": []})
        other["coroutines"].insert(0, {"name": "f", "steps": []})
        one["resources"] = [{"id": "q", "kind": "queue"}, {"id": "e", "kind": "event"}]
        other["resources"] = list(reversed(one["resources"]))
        self.assertEqual(compared(one), compared(other))
        other["coroutines"][0]["steps"] = [{"op": "sleep", "seconds": 0}]
        self.assertNotEqual(compared(one), compared(other))

    def test_functions_resources_and_defaults_too(self):
        one = doc(functions=[{"name": "h", "params": ["n"], "defaults": {"n": "$[1]"},
                              "steps": [{"op": "while", "cond": "True", "steps": []}]}])
        other = doc(functions=[{"name": "h", "params": ["n"], "defaults": {"n": [1]},
                                "steps": [{"op": "repeat", "count": None, "steps": []}]}])
        one["resources"] = [{"id": "q", "kind": "queue", "items": ["$0.5", "$'a'"]}]
        other["resources"] = [{"id": "q", "kind": "queue", "items": [0.5, "a"]}]
        self.assertEqual(compared(one), compared(other))


if __name__ == "__main__":
    unittest.main()
