"""The loop lane of Loopscope's binary trace (writing_binary): running (or blocking) for the
task holding the loop, else waiting on select. Its busy spans come from the steps' log
(writing.step_log) when that is theirs, else are gathered from the task lanes' and sorted; they
and the waits between are written as records of one size, a byte column at a time, whenever
they can be.
"""
from array import array
from collections import Counter
from itertools import chain, compress, islice, repeat
from operator import le, lt

from .binary_format import (_CHUNK, _CONTIGUOUS, _HAS_ON, _KINDS, _STATES, _double, _text,
                            columns, records, varint)
from .recording import MARKS, WAITING
from .writing import _t, busy_flags


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


def logged_loop_order(busy, log):
    """The tasks' busy spans by start, as loop_order gives them, read from the steps' log
    (writing.step_log) without gathering them from the lanes, or None when the log is not
    theirs. It is when each lane has as many busy spans as it had steps: each step's span,
    running or (blocking) blocking, is then one of its lane's busy spans, the lanes have no
    other, and the log has them in the loop's order. (The fourth item, True: each busy span
    after the first starts after the one before ended.)"""
    if log is None:
        return None
    steps, step_times, blocking_steps = log
    counts = {lane: sum(part[5] for part in parts) for lane, parts in busy.items()
              if parts}
    if Counter(steps) != counts:
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


def loop_order(busy, steps):
    """The tasks' busy spans by start: (starts, ends, codes, False). On the real clock each
    step the loop ran is one busy span of its task's lane, so the lanes' spans taken in the
    order of `steps` (Recording.steps) are in order, at no more cost than reading them; that
    is checked (as many, each starting after the last ended: the only order they can have),
    and where it fails (the virtual clock, a step of no length, a snapshot) they are sorted,
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


def write_loop_lane(f, busy, end, strings, lanes):
    """The loop lane, as writing._loop_lane_text makes it: running (or blocking) for the task
    holding it, else waiting on select: the tasks' busy spans by start, the waits between
    (`gapped`: known to be one before each busy span after the first)."""
    starts, ends, codes, gapped = busy
    f.write(_text("loop") + bytes([_KINDS["loop"]]) + _text("event loop") + b"\0" + _text("")
            + b"\0")
    select = strings["select"]
    on_of = {c: strings[lanes[c >> 1].id] for c in set(codes)}
    spans = []  # (state, start, end, on): the first ones, the last, and all when they overlap
    if not gapped and any(map(lt, islice(starts, 1, None), ends)):  # loops in threads
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
