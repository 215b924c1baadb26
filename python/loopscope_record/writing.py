"""The trace as JSON text (docs/trace-format.md), written fast: a million task switches make
four million spans, more than json.dumps of a dict per span can write in the time the program
took. Spans are built from a lane's compact changes (recording.py) with the rules of
Loopscope's own recorder (core/runtime/recorder.cpp): each change opens a span the next one
closes; a span of no length is dropped unless it is `running` (it marks where a task ran);
neighbours with the same state and `on` merge; an instant of running followed by running
swallows it; an unfinished task keeps its last state even at no length. A lane where none of
these rules applies (every span has a length, no two neighbours alike, no gap: the usual case
on the real clock) takes a fast path: its text is joined from pre-formatted pieces by C-level
iterators. The text is byte for byte what json.dumps(..., separators=(",", ":"),
ensure_ascii=False) made of the same trace.
"""
import json
from collections import Counter
from itertools import chain, compress, count, islice, repeat
from operator import eq, ge, gt, itemgetter, lt

from .recording import BLOCKING, MARKS, RUNNING, Lane, mark

_KIND_ORDER = {"task": 0, "thread": 1, "process": 2}
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_BUSY = (RUNNING, BLOCKING)


def _t(t):
    """Times as the clock gave them, never below 0: whole nanoseconds on the real clock, and on
    the virtual one the exact sums Loopscope's own clock makes (rounded, 7.999999999999915
    became 8.0 and a recording no longer matched its scenario's trace exactly)."""
    return max(t, 0.0)


def trace_text(rec, end, status, error):
    return "".join(trace_parts(rec, end, status, error))


def trace_parts(rec, end, status, error, logged=True):
    """The trace's text in pieces, to be written one after the other (no copy of the whole)."""
    log = step_log(rec) if logged else None  # before the lanes: their steps are in them
    lanes = sorted(rec.lanes, key=lambda lane: _KIND_ORDER[lane.kind])
    rounded = False  # neither clock needs rounding (_t)
    # The spans holding the loop (_loop_lane_text), or with the steps' log only how many a
    # lane has (_logged_loop_text).
    busy = [] if log is None else {}
    parts = ['{"format":"loopscope-trace","version":1,"scenario":', _dumps(rec.title),
             ',"clock":', _dumps(rec.clock), ',"duration":', repr(_t(end)), ',"lanes":[']
    for lane in lanes:
        parts += _lane_text(lane, end, rounded, busy)
        parts.append(",")
    loop = _loop_lane_text(busy, end) if log is None else _logged_loop_text(log, busy, end)
    if loop is None:  # the log is not the lanes' (a snapshot taken while they changed)
        return trace_parts(rec, end, status, error, logged=False)
    parts += [loop,
              '],"events":', _dumps([_event_json(*e) for e in rec.event_list()]),
              ',"diagnostics":', _dumps([
                  {"t": _t(t), "lane": lane.id if lane else None, "severity": severity,
                   "code": code, "message": message}
                  for t, lane, severity, code, message in list(rec.diagnostics)]),
              ',"outcome":', _dumps({"status": status, "error": error})]
    if rec.unseen:
        parts += [',"notes":', _dumps(list(rec.unseen))]
    parts.append("}")
    return parts


def step_log(rec):
    """(steps, their times, blocking ones) of the steps' log (Recording.steps), when it can be
    the loop's busy spans: the steps of one loop, logged whole (two times a step, the last
    one ended), each after the last. Whether it is theirs is known once the lanes are read:
    as many busy spans in each lane as it had steps (_logged_loop_text, writing_binary)."""
    steps = list(rec.steps)
    times = rec.step_times[:]  # after the steps: two a step, unless one was under way
    blocking = list(rec.blocking_steps)  # after those: every blocking one logged whole
    # Each after the last is checked as they are logged (Hooks.step_hook: steps_in_order), a
    # comparison a step there instead of two million floats made and compared here.
    if not (rec.steps_in_order and steps and len(times) == 2 * len(steps)):
        return None
    return steps, times, blocking


def _changes(lane):
    """(times, marks, how many) of a lane's changes, taken at one moment."""
    marks = lane.marks[:]
    n = len(marks)
    times = lane.times[:n]
    return times, marks, n


def _lane_text(lane, end, rounded, busy):
    """The lane's JSON object, in pieces."""
    times, marks, n = _changes(lane)
    keep_last = lane.kind == "task"
    if lane.result is not None and n and MARKS[marks[-1]][0] is None:  # ended: its last change
        end, n, keep_last = times[-1], n - 1, False
        times, marks = times[:n], marks[:n]
    times_r, end_r = ([_t(t) for t in times], _t(end)) if rounded else (times, end)
    if lane.kind != "task":
        busy = [] if type(busy) is list else {}  # only tasks hold the loop
    texts = []
    for a, b, fast in segments(times, marks, n, end):
        stop, stop_r = (times[b], times_r[b]) if b < n else (end, end_r)
        if fast:
            texts.append(_fast_spans(times_r, marks, a, b, stop_r, lane.id, rounded, busy))
        else:
            texts.append(_slow_spans(times[a:b], marks[a:b], stop, keep_last and b == n,
                                     rounded, lane.id, busy))
    head = ['{"id":', _dumps(lane.id), ',"kind":', _dumps(lane.kind), ',"name":',
            _dumps(lane.name)]
    if lane.kind == "task":
        head += [',"parent":', _dumps(lane.parent.id if lane.parent else None), ',"coro":',
                 _dumps(lane.coro)]
    head.append(',"spans":[')
    for text in filter(None, texts):
        head += [text, ","]
    if head[-1] == ",":
        head.pop()
    head.append("]")
    if lane.kind == "task":
        head += [',"result":', _dumps(lane.result or "pending")]
    head.append("}")
    return head


def segments(times, marks, n, end):
    """[a, b) ranges of the changes, with whether the fast path may take them: a change is
    irregular when its span has no length, its neighbour has the same state and `on`, or it
    is a gap; the rules reach one change either side of it, so those go the slow way too."""
    times = times if len(times) == n else times[:n]  # slices: cheaper to walk than islice
    marks = marks if len(marks) == n else marks[:n]
    irregular = set(compress(count(), map(ge, times, times[1:])))
    if n and times[n - 1] >= end:
        irregular.add(n - 1)
    irregular.update(_same_as_next(marks))
    for gap in _gap_marks():  # found by list.index, at C speed: a gap is rare (a task's end)
        i = _index(marks, gap, 0)
        while i >= 0:
            irregular.add(i)
            i = _index(marks, gap, i + 1)
    at, slow_from = 0, None  # changes before `at` are given; a slow range open from slow_from
    for i in sorted(irregular):
        lo, hi = max(i - 1, 0), min(i + 2, n)
        if lo > at:
            if slow_from is not None:
                yield slow_from, at, False
            yield at, lo, True
            slow_from = lo
        elif slow_from is None:
            slow_from = at
        at = max(at, hi)
    if slow_from is not None:
        yield slow_from, at, False
    if at < n:
        yield at, n, True


def _index(items, item, start):
    """items.index(item, start), or -1."""
    try:
        return items.index(item, start)
    except ValueError:
        return -1


def _same_as_next(marks):
    """Where a mark is its next one's. Marks as bytes (fewer than 256 made, the usual case),
    XORed with themselves one further as two big integers: a zero byte is such a place, found
    by bytes.find at C speed, instead of a comparison per change."""
    if len(marks) < 2:
        return ()
    try:
        line = bytes(marks)
    except ValueError:  # a mark of 256 or more
        return compress(count(), map(eq, marks, islice(marks, 1, None)))
    n = len(line) - 1
    diff = (int.from_bytes(line[:n], "little") ^ int.from_bytes(line[1:], "little")).to_bytes(
        n, "little")
    same, i = [], diff.find(0)
    while i >= 0:
        same.append(i)
        i = diff.find(0, i + 1)
    return same


_GAP_MARKS = [0, []]  # how many marks were looked at, and those of them that are gaps


def _gap_marks():
    """The marks made so far that are gaps (state None: a pool thread between two jobs)."""
    _GAP_MARKS[1] += [m for m in range(_GAP_MARKS[0], len(MARKS)) if MARKS[m][0] is None]
    _GAP_MARKS[0] = len(MARKS)
    return _GAP_MARKS[1]


_HEAD = {}  # mark -> '{"state":"…","start":'
_TAIL = {}  # mark -> '}' or ',"on":…}'


def _pieces(m):
    if m not in _HEAD:
        state, on = MARKS[m]
        _HEAD[m] = '{"state":' + _dumps(state) + ',"start":'
        _TAIL[m] = (',"on":' + _dumps(on) + "}") if on else "}"
    return _HEAD[m], _TAIL[m]


def _fast_spans(times, marks, a, b, stop, lane_id, rounded, busy):
    """Spans a..b-1, one per change, each ending where the next begins (the last at stop)."""
    marks = marks[a:b]
    for m in set(marks):
        _pieces(m)
    # Slices, not islice(times, a, b): islice steps over the first `a` times one by one, and a
    # lane of a million changes cut into hundreds of ranges was stepped over hundreds of times.
    times = times[a:b + 1]
    strs = list(map(repr, times[:b - a]))
    strs.append(repr(stop))
    text = "".join(chain.from_iterable(zip(
        map(_HEAD.__getitem__, marks), strs, repeat(',"end":'), islice(strs, 1, None),
        map(_TAIL.__getitem__, marks), repeat(","))))
    if type(busy) is dict:  # counted only: each span of a fast stretch has a length
        held = sum(map(marks.count, busy_marks()))
        if held:
            busy[lane_id] = busy.get(lane_id, 0) + held
        return text[:-1]
    chosen = list(map(busy_flags().__getitem__, marks))
    if any(chosen):
        starts = times[:b - a]
        stops = chain(times[1:b - a], (stop,))
        spans = zip(compress(starts, chosen), compress(stops, chosen), compress(strs, chosen),
                    compress(islice(strs, 1, None), chosen),
                    compress(map(MARKS.__getitem__, marks), chosen), repeat(lane_id))
        busy.extend(filter(_has_length, spans) if rounded else spans)
    return text[:-1]


_BUSY_FLAGS = []  # mark -> whether its state holds the loop


def busy_flags():
    """Per mark, whether its state holds the loop (running, blocking); extended as marks are
    made, not rebuilt per lane (a server's thousands of lanes made that quadratic)."""
    for m in range(len(_BUSY_FLAGS), len(MARKS)):
        _BUSY_FLAGS.append(MARKS[m][0] in _BUSY)
    return _BUSY_FLAGS


_BUSY_MARKS = [0, []]  # how many marks were looked at, and those of them that hold the loop


def busy_marks():
    """The marks made so far whose state holds the loop (a few: running, blocking)."""
    flags = busy_flags()
    _BUSY_MARKS[1] += [m for m in range(_BUSY_MARKS[0], len(flags)) if flags[m]]
    _BUSY_MARKS[0] = len(flags)
    return _BUSY_MARKS[1]


def _has_length(span):
    return span[1] > span[0]


def _slow_spans(times, marks, end, keep_last, rounded, lane_id, busy):
    out = []
    for state, start, stop, on in slow_span_list(times, marks, end, keep_last):
        if rounded:
            start, stop = _t(start), _t(stop)
        head, tail = _pieces(mark(state, on))
        start_s, stop_s = repr(start), repr(stop)
        if stop > start and state in _BUSY:
            if type(busy) is dict:  # counted only
                busy[lane_id] = busy.get(lane_id, 0) + 1
            else:
                busy.append((start, stop, start_s, stop_s, (state, on), lane_id))
        out.append(head + start_s + ',"end":' + stop_s + tail)
    return ",".join(out)


def slow_span_list(times, marks, end, keep_last):
    """[state, start, end, on] of the changes given, by the rules above."""
    spans = []
    n = len(marks)
    for i in range(n):
        state, on = MARKS[marks[i]]
        if state is None:  # a gap: a pool thread between two jobs
            continue
        start = times[i]
        stop = times[i + 1] if i + 1 < n else end
        stop = max(stop, start)
        if i + 1 == n and keep_last and stop <= start and state != RUNNING:
            spans.append([state, start, stop, on])
        else:
            _append_span(spans, [state, start, stop, on])
    return spans


def _append_span(spans, s):
    state, start, end, on = s
    if end <= start and state != RUNNING:
        return
    if spans:
        last = spans[-1]
        if last[0] == state and last[3] == on and last[2] == start:
            last[2] = end
            return
        if (last[2] <= last[1] and last[0] == RUNNING and end > start and state == RUNNING
                and last[2] == start):
            spans[-1] = s
            return
    spans.append(s)


def _loop_lane_text(busy, end):
    """The loop: running (or blocking) for whichever task holds it, else waiting on select.
    `busy` has (start, end, start text, end text, (state, on), lane id) of every span holding
    it; on one thread they never overlap, and the text is joined from pieces. (Its last wait
    is compared with the trace's end unrounded, as Loopscope's recorder did.)"""
    busy.sort(key=itemgetter(0))
    starts = list(map(itemgetter(0), busy))
    stops = list(map(itemgetter(1), busy))
    if any(map(gt, stops, islice(starts, 1, None))):
        return _loop_lane_overlapping(busy, end)
    gaps = [(_SELECT_HEAD + p + ',"end":' + s + _SELECT_TAIL) if g else ""
            for g, p, s in zip(map(lt, chain((0.0,), stops), starts),
                               chain(("0.0",), map(itemgetter(3), busy)),
                               map(itemgetter(2), busy))]
    heads = {m: '{"state":' + _dumps(m[0]) + ',"start":' for m in set(map(itemgetter(4), busy))}
    ons = {lane: ',"on":' + _dumps(lane) + "}," for lane in set(map(itemgetter(5), busy))}
    text = "".join(chain.from_iterable(zip(
        gaps, map(heads.__getitem__, map(itemgetter(4), busy)), map(itemgetter(2), busy),
        repeat(',"end":'), map(itemgetter(3), busy), map(ons.__getitem__, map(itemgetter(5), busy)))))
    t, t_s = (busy[-1][1], busy[-1][3]) if busy else (0.0, "0.0")
    if end > t:
        text += _SELECT_HEAD + t_s + ',"end":' + repr(_t(end)) + _SELECT_TAIL
    return '{"id":"loop","kind":"loop","name":"event loop","spans":[' + text[:-1] + "]}"


_SELECT_HEAD = '{"state":"waiting","start":'
_SELECT_TAIL = ',"on":"select"},'
_RUNNING_HEAD, _BLOCKING_HEAD = '{"state":"running","start":', '{"state":"blocking","start":'


def _logged_loop_text(log, counts, end):
    """The loop lane as _loop_lane_text makes it, from the steps' log (step_log): each step a
    busy span of its lane, running or blocking, with a wait on select before it; None when
    the lanes' busy spans (`counts`, per lane id) are not as many as their steps."""
    steps, times, blocking = log
    held = Counter(steps)
    if {lane.id: n for lane, n in held.items()} != counts:
        return None
    strs = list(map(repr, times))
    starts, stops = strs[0::2], strs[1::2]
    ons = {lane: ',"on":' + _dumps(lane.id) + "}," for lane in held}
    heads = repeat(_RUNNING_HEAD)
    if blocking:
        heads = [_RUNNING_HEAD] * len(steps)
        for i in blocking:
            if i < len(heads):
                heads[i] = _BLOCKING_HEAD
        heads = iter(heads)
    first = (_SELECT_HEAD + "0.0" + ',"end":' + starts[0] + _SELECT_TAIL) if times[0] > 0.0 else ""
    text = "".join(chain((first, next(heads), starts[0], ',"end":', stops[0], ons[steps[0]]),
                         chain.from_iterable(zip(
                             repeat(_SELECT_HEAD), stops, repeat(',"end":'),
                             islice(starts, 1, None), repeat(_SELECT_TAIL), heads,
                             islice(starts, 1, None), repeat(',"end":'),
                             islice(stops, 1, None), map(ons.__getitem__,
                                                         islice(steps, 1, None))))))
    if end > times[-1]:
        text += _SELECT_HEAD + strs[-1] + ',"end":' + repr(_t(end)) + _SELECT_TAIL
    return '{"id":"loop","kind":"loop","name":"event loop","spans":[' + text[:-1] + "]}"


def _loop_lane_overlapping(busy, end):
    spans, t, t_s = [], 0.0, "0.0"
    for start, stop, start_s, stop_s, (state, _on), lane_id in busy:
        if start > t:
            spans.append(_SELECT_HEAD + t_s + ',"end":' + start_s + _SELECT_TAIL[:-1])
        spans.append('{"state":%s,"start":%s,"end":%s,"on":%s}'
                     % (_dumps(state), start_s, stop_s, _dumps(lane_id)))
        if stop > t:
            t, t_s = stop, stop_s
    if end > t:
        spans.append(_SELECT_HEAD + t_s + ',"end":' + repr(_t(end)) + _SELECT_TAIL[:-1])
    return '{"id":"loop","kind":"loop","name":"event loop","spans":[' + ",".join(spans) + "]}"


def _event_json(t, lane, kind, fields, via=None):
    """An event's JSON object; a wake's is (t, lane, "wake", by, via) (Recording.events)."""
    if kind == "wake" and type(fields) is not dict:
        fields = {"by": fields, "via": via}
    out = {"t": _t(t), "lane": lane.id if lane else None, "kind": kind}
    for key, value in fields.items():
        out[key] = value.id if isinstance(value, Lane) else value
    return out
