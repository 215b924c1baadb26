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
import struct
import sys
from array import array
from collections import Counter
from itertools import chain, compress, islice, repeat
from operator import and_, le, lt

from .recording import MARKS, RUNNING, WAITING, mark
from .writing import _KIND_ORDER, _changes, _t, busy_flags, segments, slow_span_list

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
    events, diagnostics = list(rec.events), list(rec.diagnostics)  # before the lanes: theirs
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
    step_times = rec.step_times[:]  # after the steps: two a step, unless one was under way
    blocking_steps = list(rec.blocking_steps)  # after those: every blocking one logged whole
    steps_in_order = rec.steps_in_order
    busy = {}  # a task lane -> its stretches that hold the loop (_add_busy)
    for i, lane in enumerate(lanes):
        task = lane.kind == "task"
        f.write(_text(lane.id) + bytes([_KINDS[lane.kind]]) + _text(lane.name)
                + _lane_ref(lane.parent if task else None, index)
                + _text(lane.coro if task else "")
                + bytes([_RESULTS[(lane.result or "pending") if task else None]]))
        _write_spans(f, lane, end, limit, marks, busy.setdefault(lane, []) if task
                     else None, i)
    _write_loop_lane(f, _logged_loop_order(busy, steps, step_times, blocking_steps,
                                           steps_in_order)
                     or _loop_order(busy, steps), end, strings, lanes)
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
    are made only if the loop lane must gather them (_loop_order)."""
    if fast:
        held = sum(map(ms.count, _busy_marks()))
        if held:
            busy.append([starts, ends, None, ms, lane_index, held])
        return
    chosen = bytes(map(and_, map(busy_flags().__getitem__, ms), map(lt, starts, ends)))
    if 1 in chosen:
        busy.append([starts, ends, chosen, ms, lane_index, chosen.count(1)])


_BUSY_MARKS = [0, []]  # how many marks were looked at, and those of them that hold the loop


def _busy_marks():
    """The marks made so far whose state holds the loop (a few: running, blocking)."""
    flags = busy_flags()
    _BUSY_MARKS[1] += [m for m in range(_BUSY_MARKS[0], len(flags)) if flags[m]]
    _BUSY_MARKS[0] = len(flags)
    return _BUSY_MARKS[1]


def _chosen(part):
    if part[2] is None:
        part[2] = bytes(map(busy_flags().__getitem__, part[3]))
    return part[2]


_BLOCKING = []  # mark -> 1 when its state is blocking


def _blocking_flags():
    for m in range(len(_BLOCKING), len(MARKS)):
        _BLOCKING.append(int(MARKS[m][0] == "blocking"))
    return _BLOCKING


def _busy_column(parts, k):
    """A lane's busy spans' starts (k 0), ends (1) or codes (2: lane index * 2 + blocking)."""
    if k < 2:
        return chain.from_iterable(compress(part[k], _chosen(part)) for part in parts)
    blocking = _blocking_flags()
    return chain.from_iterable(
        map((2 * part[4]).__add__, map(blocking.__getitem__, compress(part[3], _chosen(part))))
        for part in parts)


def _logged_loop_order(busy, steps, step_times, blocking_steps, in_order):
    """The tasks' busy spans by start, as _loop_order gives them, read from the steps' log
    (Recording.steps, .step_times) without gathering them from the lanes, or None when the
    log is not theirs. It is when every step was one loop's (in_order), the log is whole (two
    times a step), each step started after the last ended, and every lane has as many busy
    spans as it had steps: each step's span, running or (blocking_steps) blocking, is then
    one of its lane's busy spans, the lanes have no other, and the steps are in the loop's
    order. (The fourth item, True: each busy span after the first starts after the one
    before ended.)"""
    if not (in_order and steps and len(step_times) == 2 * len(steps)):
        return None
    counts = {lane: sum(part[5] for part in parts) for lane, parts in busy.items()
              if parts}
    if Counter(steps) != counts or not all(map(lt, step_times, islice(step_times, 1, None))):
        return None
    code = {lane: 2 * parts[0][4] for lane, parts in busy.items() if parts}
    if max(code.values()) < 255:  # fewer than 128 lanes: bytes, for bytes.translate
        codes = bytearray(map(code.__getitem__, steps))
    else:
        codes = array("L", map(code.__getitem__, steps))
    for i in blocking_steps:
        if i < len(codes):
            codes[i] |= 1
    return step_times[0::2], step_times[1::2], codes, True


def _loop_order(busy, steps):
    """The tasks' busy spans by start: (starts, ends, codes, False). On the real clock each step the
    loop ran is one busy span of its task's lane, so the lanes' spans taken in the order of
    `steps` (Recording.steps) are in order, at no more cost than reading them; that is
    checked (as many, each starting after the last ended: the only order they can have), and
    where it fails (the virtual clock, a step of no length, a snapshot) they are sorted,
    through an index list: the moment the writing holds most."""
    busy = {lane: parts for lane, parts in busy.items() if parts}
    total = sum(part[5] for parts in busy.values() for part in parts)
    if steps and len(steps) >= total:
        try:
            merged = tuple(array(kind, map(next, map({lane: _busy_column(parts, k) for lane, parts
                                                      in busy.items()}.__getitem__, steps)))
                           for k, kind in enumerate("ddL"))
        except KeyError:  # a step of a lane without busy spans (an ignored one, a snapshot's)
            merged = None
        if merged and len(merged[0]) == total and all(
                map(le, islice(merged[1], 0, max(total - 1, 0)), islice(merged[0], 1, None))):
            return merged + (False,)
    starts, ends, codes = (array(kind, chain.from_iterable(
        _busy_column(parts, k) for parts in busy.values())) for k, kind in enumerate("ddL"))
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return (array("d", map(starts.__getitem__, order)), array("d", map(ends.__getitem__, order)),
            array("L", map(codes.__getitem__, order)), False)


def _write_loop_lane(f, busy, end, strings, lanes):
    """The loop lane, as writing._loop_lane_text makes it: running (or blocking) for the task
    holding it, else waiting on select: the tasks' busy spans by start, the waits between
    (`gapped`: known to be one before each busy span after the first)."""
    starts, ends, codes, gapped = busy
    f.write(_text("loop") + bytes([_KINDS["loop"]]) + _text("event loop") + b"\0" + _text("")
            + b"\0")
    select = strings["select"]
    on_of = {c: strings[lanes[c >> 1].id] for c in set(codes)}
    spans = []  # (state, start, end, on): the first ones, the last, and all when they overlap
    if not gapped and any(map(lt, islice(starts, 1, None), ends)):  # loops in the program's threads
        t = 0.0
        for start, stop, c in zip(starts, ends, codes):
            if start > t:
                spans.append((_STATES[WAITING], t, start, select))
            spans.append((_STATES["blocking"] if c & 1 else 0, start, stop, on_of[c]))
            t = max(t, stop)
        starts = ends = codes = ()
    elif starts:
        if starts[0] > 0.0:
            spans.append((_STATES[WAITING], 0.0, starts[0], select))
        spans.append((_STATES["blocking"] if codes[0] & 1 else 0, starts[0], ends[0],
                      on_of[codes[0]]))
        t = ends[-1]
    else:
        t = 0.0
    gaps = None if gapped else list(map(lt, islice(ends, 0, max(len(ends) - 1, 0)),
                                        islice(starts, 1, None)))
    last = [(_STATES[WAITING], t, _t(end), select)] if end > t else []
    waits = max(len(starts) - 1, 0) if gapped else sum(gaps)
    f.write(varint(len(spans) + max(len(starts) - 1, 0) + waits + len(last)))
    last_end = None
    for state, start, stop, on in spans:
        f.write(_span(state, start, stop, on, last_end))
        last_end = stop
    if len(starts) > 1:
        _write_busy_and_waits(f, starts, ends, codes, gaps, on_of, select)
    for state, start, stop, on in last:
        f.write(_span(state, start, stop, on, last_end))


def _span(state, start, end, on, last_end):
    if last_end is not None and start == last_end:
        return bytes((state | _HAS_ON | _CONTIGUOUS,)) + _double(end) + varint(on)
    return bytes((state | _HAS_ON,)) + _double(start) + _double(end) + varint(on)


def _table(byte_of):
    """A bytes.translate table from a dict of byte values (0 elsewhere)."""
    return bytes(byte_of.get(b, 0) for b in range(256))


def _write_busy_and_waits(f, starts, ends, codes, gaps, on_of, select):
    """The loop's spans after its first busy one: per busy span, the wait on select before it
    when there is a gap (`gaps` None: before each), then the busy span, each starting where
    the last ended."""
    wait = _STATES[WAITING] | _HAS_ON | _CONTIGUOUS
    heads = {c: (_STATES["blocking"] if c & 1 else 0) | _HAS_ON | _CONTIGUOUS for c in on_of}
    tails = {c: varint(on) for c, on in on_of.items()}  # each task's `on`, as written
    select_bytes = varint(select)
    for at in range(1, len(starts), _CHUNK):
        cut = slice(at, at + _CHUNK)
        chunk_codes = codes[cut]
        chunk_gaps = (repeat(True, len(chunk_codes)) if gaps is None
                      else gaps[at - 1:at - 1 + _CHUNK])
        sizes = {len(tails[c]) for c in set(chunk_codes)}
        if (gaps is None or all(chunk_gaps)) and len(sizes) == 1:
            # A wait before every busy span (the real clock's usual case), and every task's
            # `on` of one size: pairs of records of one size (20 bytes when the string indices
            # take a byte): wait, its end (the busy span's start), select; busy, end, task.
            f.write(_busy_pairs(chunk_codes, starts[cut], ends[cut], heads, tails, wait,
                                select_bytes, sizes.pop()))
            continue
        # Interleaved (wait, busy) pairs; compress drops the waits where there is no gap.
        keep = list(chain.from_iterable(zip(chunk_gaps, repeat(True))))
        times = array("d", compress(chain.from_iterable(zip(starts[cut], ends[cut])), keep))
        heads_ = bytes(compress(chain.from_iterable(zip(
            repeat(wait), map(heads.__getitem__, chunk_codes))), keep))
        ons = list(compress(chain.from_iterable(zip(
            repeat(select), map(on_of.__getitem__, chunk_codes))), keep))
        if max(ons) < 0x80:  # every `on` one byte: records of one size
            f.write(records(heads_, times, [bytes(ons)], 1))
        else:  # a server's thousands of lanes: each record from its pieces, made once each
            on_bytes = {on: varint(on) for on in set(ons)}
            f.write(b"".join(chain.from_iterable(zip(
                map(_BYTE.__getitem__, heads_), map(_double, times),
                map(on_bytes.__getitem__, ons)))))


def _busy_pairs(chunk_codes, starts, ends, heads, tails, wait, select_bytes, size):
    """(wait, busy) record pairs, each column copied into place (`columns`)."""
    k, at = len(chunk_codes), 10 + len(select_bytes)  # where the busy record begins
    if isinstance(chunk_codes, bytearray):  # codes below 256: one translate a column
        head_column = chunk_codes.translate(_table(heads))
        on_columns = [chunk_codes.translate(_table({c: t[j] for c, t in tails.items()}))
                      for j in range(size)]
    else:
        head_column = bytes(map(heads.__getitem__, chunk_codes))
        on_columns = [bytes(map({c: t[j] for c, t in tails.items()}.__getitem__, chunk_codes))
                      for j in range(size)]
    fields = [(0, bytes((wait,)) * k), (1, starts)]
    fields += [(9 + j, bytes((b,)) * k) for j, b in enumerate(select_bytes)]
    fields += [(at - 1, head_column), (at, ends)]
    fields += [(at + 8 + j, column) for j, column in enumerate(on_columns)]
    return columns(at + 8 + size, k, fields)


_BYTE = [bytes((b,)) for b in range(256)]
