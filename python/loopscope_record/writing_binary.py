"""The trace as Loopscope's binary trace, `.lstrace` (docs/trace-format.md, "Binary traces";
core/trace/trace_binary_format.h): what the JSON holds (writing.py) in about 10 bytes a span
instead of 65 to 130, written lane by lane to the file as it is made. Held at once: a chunk of
spans' bytes, and the tasks' changes (a copy, as the JSON writer takes, with a byte a span
saying which hold the loop) until the loop lane, made of their busy spans, is written.

Spans come from the same rules as the JSON's (writing.segments, writing.slow_span_list), so the
two forms of one recording read back the same. A run of spans that all start where the one
before ended and whose `on` takes the same number of bytes (most of a busy program: running,
ready, running, ...) is encoded without a Python object per span: its records have one size,
and each byte column (the first byte, the end's eight, the `on`'s) is copied into place by a
strided bytearray assignment.
"""
from array import array
from itertools import chain, islice
from operator import and_, lt

from .binary_format import (_CHUNK, _CLOCKS, _CONTIGUOUS, _EVENT_KINDS, _HAS_ON, _KINDS, _MAGIC,
                            _RESULTS, _SEVERITIES, _STATES, _STATUSES, _VERSION, _double,
                            _lane_ref, _text, records, varint)
from .recording import MARKS, mark
from .writing import _KIND_ORDER, _changes, _t, busy_flags, busy_marks, segments, slow_span_list
from .writing import step_log
from .writing_binary_loop import logged_loop_order, loop_order, write_loop_lane


class _Marks:
    """Per mark, its span's first byte (starting where the last ended, or not), its `on` as a
    string-table index (bytes) and the byte columns of that."""

    def __init__(self, strings):
        self.head, self.flagged, self.flagged_bytes, self.tail = [], [], [], []
        self.columns = [[] for _ in range(5)]  # a string index takes at most 5 bytes
        self._strings = strings
        self._tables = None

    def extend(self, limit):
        self._tables = None
        for m in range(len(self.head), limit):
            state, on = MARKS[m]
            code = _STATES.get(state, 0) | (_HAS_ON if on else 0)
            self.head.append(code)
            self.flagged.append(code | _CONTIGUOUS)
            self.flagged_bytes.append(bytes((code | _CONTIGUOUS,)))
            tail = varint(self._strings[on]) if on else b""
            self.tail.append(tail)
            for j, column in enumerate(self.columns):
                column.append(tail[j] if j < len(tail) else 0)

    def tables(self):
        """For bytes.translate of marks below 256 (bytes): their first byte, their `on`'s size
        and each byte column of it; made once, after extend."""
        if self._tables is None:
            pad = [0] * max(256 - len(self.head), 0)
            self._tables = (bytes((self.flagged + pad)[:256]),
                            bytes(([len(t) for t in self.tail] + pad)[:256]),
                            [bytes((column + pad)[:256]) for column in self.columns])
        return self._tables

    def encode(self, f, ms, ends):
        """Spans of marks `ms` ending at `ends`, each starting where the one before ended."""
        for at in range(0, len(ms), _CHUNK):
            chunk, chunk_ends = ms[at:at + _CHUNK], ends[at:at + _CHUNK]
            try:
                line = bytes(chunk)
            except ValueError:  # a mark of 256 or more
                line = None
            if line is not None:  # the marks as bytes: each column by one translate
                flagged, tail_sizes, columns = self.tables()
                sizes = line.translate(tail_sizes)
                size = sizes[0]
                if sizes.count(size) == len(sizes):
                    f.write(records(line.translate(flagged), chunk_ends,
                                    [line.translate(columns[j]) for j in range(size)], size))
                    continue
            sizes = {len(self.tail[m]) for m in set(chunk)}
            if len(sizes) == 1:
                size = sizes.pop()
                f.write(records(bytes(map(self.flagged.__getitem__, chunk)), chunk_ends,
                                [bytes(map(self.columns[j].__getitem__, chunk))
                                 for j in range(size)], size))
            else:
                f.write(b"".join(chain.from_iterable(zip(
                    map(self.flagged_bytes.__getitem__, chunk), map(_double, chunk_ends),
                    map(self.tail.__getitem__, chunk)))))

    def one(self, m, start, end, last_end):
        if last_end is not None and start == last_end:
            return bytes((self.flagged[m],)) + _double(end) + self.tail[m]
        return bytes((self.head[m],)) + _double(start) + _double(end) + self.tail[m]


def write_binary(rec, f, end, status, error):
    """Writes the trace to the binary file `f`; `end`, `status`, `error` as writing.trace_parts."""
    events, diagnostics = rec.event_list(), list(rec.diagnostics)  # before the lanes: theirs
    lanes = sorted(list(rec.lanes), key=lambda lane: _KIND_ORDER[lane.kind])
    index = {id(lane): i for i, lane in enumerate(lanes)}
    limit = len(MARKS)  # a mark made after this (--stream) ends its lane's snapshot there
    strings = {"": 0}
    for text in chain((on for _state, on in MARKS[:limit]), ("select",),
                      (lane.id for lane in lanes if lane.kind == "task")):
        if text and text not in strings:
            strings[text] = len(strings)
    marks = _Marks(strings)
    marks.extend(limit)
    f.write(_MAGIC + varint(_VERSION) + _text(rec.title) + bytes([_CLOCKS[rec.clock]])
            + _double(_t(end)) + varint(len(strings)))
    f.write(b"".join(map(_text, islice(strings, 1, None))))
    f.write(varint(len(lanes) + 1))
    steps = list(rec.steps)  # before the lanes: each of its steps is in its lane's changes
    log = step_log(rec)
    busy = {}  # a task lane -> its stretches that hold the loop (_add_busy)
    for i, lane in enumerate(lanes):
        task = lane.kind == "task"
        f.write(_text(lane.id) + bytes([_KINDS[lane.kind]]) + _text(lane.name)
                + _lane_ref(lane.parent if task else None, index)
                + _text(lane.coro if task else "")
                + bytes([_RESULTS[(lane.result or "pending") if task else None]]))
        _write_spans(f, lane, end, limit, marks, busy.setdefault(lane, []) if task
                     else None, i)
    write_loop_lane(f, logged_loop_order(busy, log) or loop_order(busy, steps), end, strings,
                    lanes)
    refs = {id(lane): varint(i + 1) for i, lane in enumerate(lanes)}  # a lane, as events say it
    refs[id(None)] = b"\0"
    f.write(varint(len(events)))
    f.write(b"".join(_event(e, refs) for e in events))
    f.write(varint(len(diagnostics)))
    f.write(b"".join(_double(_t(t)) + refs[id(lane)] + bytes([_SEVERITIES[severity]])
                     + _text(code) + _text(message)
                     for t, lane, severity, code, message in diagnostics))
    f.write(bytes([_STATUSES[status]]) + _text(error) + b"\0\0\0")  # no loop section


_EVENT_HEADS = {kind: bytes((code,)) for kind, code in _EVENT_KINDS.items()}
_NEW_LINE = b"\1\n"  # every event's `end`, as the JSON reader gives it


def _event(e, refs):
    if len(e) == 5:  # a wake: (t, lane, "wake", by, via) (Recording.events)
        t, lane, kind, by, via = e
        return b"".join((_double(_t(t)), refs[id(lane)], _EVENT_HEADS[kind], b"\0\0",
                         refs[id(by)], _text(via), _NEW_LINE))
    t, lane, kind, fields = e
    get = fields.get
    return b"".join((_double(_t(t)), refs[id(lane)], _EVENT_HEADS[kind], _text(get("text")),
                     _text(get("resource")), refs[id(get("by"))], _text(get("via")), _NEW_LINE))


def _write_spans(f, lane, end, limit, marks, busy, lane_index):
    """The lane's span count and spans; its busy spans added to `busy` (a task's)."""
    times, ms, n = _changes(lane)
    if n and max(ms) >= limit:  # changes made after the snapshot began
        n = next(i for i, m in enumerate(ms) if m >= limit)
        times, ms = times[:n], ms[:n]
    keep_last = lane.kind == "task"
    if lane.result is not None and n and MARKS[ms[-1]][0] is None:  # ended: its last change
        end, n, keep_last = times[-1], n - 1, False
        times, ms = times[:n], ms[:n]
    parts = []  # (starts, ends, marks) of each stretch
    for a, b, fast in segments(times, ms, n, end):
        stop = times[b] if b < n else end
        if fast:
            ends = times[a + 1:b]
            ends.append(stop)
            parts.append((times[a:b], ends, ms[a:b], True))
            continue
        listed = slow_span_list(times[a:b], ms[a:b], stop, keep_last and b == n)
        if listed:
            parts.append((array("d", [s[1] for s in listed]), array("d", [s[2] for s in listed]),
                          [mark(s[0], s[3]) for s in listed], False))
    f.write(varint(sum(len(p[2]) for p in parts)))
    last_end = None
    for starts, ends, part_marks, fast in parts:
        if fast:
            f.write(marks.one(part_marks[0], starts[0], ends[0], last_end))
            marks.encode(f, part_marks[1:], ends[1:])
        else:
            for s, e, m in zip(starts, ends, part_marks):
                f.write(marks.one(m, s, e, last_end))
                last_end = e
        last_end = ends[-1]
        if busy is not None:
            _add_busy(busy, starts, ends, part_marks, lane_index, fast)


def _add_busy(busy, starts, ends, ms, lane_index, fast):
    """Notes the stretch's spans that hold the loop (running, blocking): [starts, ends, one
    byte each saying which (_chosen), marks, lane index, how many]. A fast stretch's spans all
    have a length, so those of a busy mark are counted at C speed (list.count), and the bytes
    are made only if the loop lane must gather them (writing_binary_loop.loop_order)."""
    if fast:
        held = sum(map(ms.count, busy_marks()))
        if held:
            busy.append([starts, ends, None, ms, lane_index, held])
        return
    chosen = bytes(map(and_, map(busy_flags().__getitem__, ms), map(lt, starts, ends)))
    if 1 in chosen:
        busy.append([starts, ends, chosen, ms, lane_index, chosen.count(1)])
