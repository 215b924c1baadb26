"""The pieces of Loopscope's binary trace, `.lstrace` (docs/trace-format.md, "Binary traces";
core/trace/trace_binary_format.h) that its writers share (writing_binary, writing_binary_loop):
its codes, varints and texts, and records of one size made a byte column at a time.
"""
import struct
import sys
from array import array

from .recording import RUNNING, WAITING

_MAGIC = b"LSTRACE\0"
_VERSION = 1
_CLOCKS = {"cpython": 2, "cpython-virtual": 3}
_KINDS = {"task": 0, "thread": 1, "process": 2, "loop": 3}
_RESULTS = {None: 0, "done": 1, "failed": 2, "cancelled": 3, "pending": 4}
_STATES = {RUNNING: 0, "ready": 1, "blocking": 2, WAITING: 3, "blocked": 4}
_EVENT_KINDS = {k: i for i, k in enumerate(("print", "create", "acquire", "release", "set", "put",
                                            "get", "wake", "cancel", "raise", "timeout"))}
_SEVERITIES = {"info": 0, "warning": 1, "error": 2}
_STATUSES = {"completed": 0, "failed": 1, "deadlock": 2, "stopped": 3}
_CONTIGUOUS, _HAS_ON = 0x10, 0x20
_CHUNK = 1 << 16  # spans encoded at once
_double = struct.Struct("<d").pack


def varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def _text(s):
    if not s:
        return b"\0"
    data = s.encode("utf-8", "replace")
    return varint(len(data)) + data


def _lane_ref(lane, index):
    return varint(0 if lane is None else index[id(lane)] + 1)


def _doubles(times):
    """The times' bytes, little-endian, as the format has them."""
    times = array("d", times)
    if sys.byteorder != "little":
        times.byteswap()
    return times.tobytes()


def records(heads, times, tails, tail_size):
    """Records of one size, `head` byte, a time, `tail_size` bytes of `on`: `heads` bytes, one
    a record, `tails` one bytes per column of the `on`s."""
    return columns(9 + tail_size, len(heads),
                   [(0, heads), (1, times)] + [(9 + j, tails[j]) for j in range(tail_size)])


def columns(size, count, fields):
    """`count` records of `size` bytes from their columns, each copied into place by a strided
    assignment: (offset, bytes with one byte a record) or (offset, times: eight bytes each)."""
    out = bytearray(size * count)
    for offset, column in fields:
        if isinstance(column, array):
            raw = _doubles(column)
            for j in range(8):
                out[offset + j::size] = raw[j::8]
        else:
            out[offset::size] = column
    return out
