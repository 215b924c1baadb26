#!/usr/bin/env python3
"""Writes py_repr_table.txt, the table tst_py_format checks core/scenario/py_format against.

    python3.12 make_py_repr_table.py > py_repr_table.txt

CPython is the reference: each `float` row is the double's 16 hex digits (IEEE 754 bits) and
repr() of it; each `str` row is the string's code points in hex and repr() of it. The rows are
fixed by the seed, so that running this again with the same CPython gives the same file.
"""
import math
import random
import struct
import sys


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def edge_floats():
    values = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.1, 0.2, 0.3, 0.27, 2.5,
              1e-05, 1e-04, 1e-4 * 0.999, 0.0001, 0.00001234, 1e16, 1e15, 9999999999999998.0,
              1e16 - 2, 1.5e16, 1e20, 1e22, 1e23, 1e100, 1e308, 1.7976931348623157e308,
              5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 2.0 ** 53, 2.0 ** 53 + 2,
              2.0 ** 63, 2.0 ** 64, 123456789012345678.0, 0.1 + 0.2, 1 / 3, 2 / 3, math.pi, math.e,
              100.0, 1234.5, 1e-07, 4.35, 0.5, 0.125, -0.125, 1e300 * 10, 123e-310]
    for exponent in range(-330, 310):
        values.append(float(f"1e{exponent}"))
        values.append(float(f"9.5e{exponent}"))
    return values


def decimal_literals(rng, count):
    out = []
    for _ in range(count):
        digits = rng.randint(1, 17)
        mantissa = rng.randint(0, 10 ** digits - 1)
        scale = rng.randint(-digits - 8, 20)
        out.append(float(f"{'-' if rng.random() < 0.2 else ''}{mantissa}e{scale}"))
    return out


def random_bit_patterns(rng, count):
    return [from_bits(rng.getrandbits(64)) for _ in range(count)]


def float_rows(rng):
    values = edge_floats() + decimal_literals(rng, 2500) + random_bit_patterns(rng, 2500)
    values += [rng.uniform(-1000, 1000) for _ in range(300)]
    values += [float(rng.randint(-10 ** 6, 10 ** 6)) for _ in range(200)]
    return [f"float {bits(v):016x} {v!r}" for v in values]


def random_text(rng):
    pools = [range(0x20, 0x7f), range(0x00, 0x20), [0x7f, 0x85, 0xa0, 0xad, 0x2028, 0x200b,
             0xfeff, 0x3000, 0xd7ff, 0xe000, 0x1f600, 0x10ffff], range(0xa1, 0x250),
             range(0x391, 0x3c9), range(0x4e00, 0x4e40), [ord("'"), ord('"'), ord("\\")]]
    return "".join(chr(rng.choice(rng.choice(pools))) for _ in range(rng.randint(0, 12)))


def str_rows(rng):
    texts = ["", "a", "'", '"', "'\"", "it's", 'say "hi"', "tab\there", "\\", "\x00\x1f\x7f",
             "caf\u00e9", "\u00a0", "\U0001f600"] + [random_text(rng) for _ in range(500)]
    return [f"str {' '.join(f'{ord(c):x}' for c in t) or '-'} {t!r}" for t in texts]


def main():
    rng = random.Random(14)
    print(f"# repr() of CPython {sys.version.split()[0]}; written by make_py_repr_table.py")
    for row in float_rows(rng) + str_rows(rng):
        print(row)


if __name__ == "__main__":
    main()
