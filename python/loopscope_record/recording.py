"""The trace being recorded: lanes with their state changes, events, diagnostics, outcome.

State changes are appended as (time, state, on) per lane; spans are built when the trace is
written, with the rules of Loopscope's own recorder (core/runtime/recorder.cpp), so that a
recorded trace and a scenario's trace can be compared span by span: each change opens a span
the next one closes; a span of no length is dropped unless it is `running` (it marks where a
task ran); neighbours with the same state and `on` merge; an instant of running followed by
running swallows it; an unfinished task keeps its last state even at no length.
"""
import json
import os

RUNNING, READY, BLOCKING, WAITING, BLOCKED = "running", "ready", "blocking", "waiting", "blocked"
_KIND_ORDER = {"task": 0, "thread": 1, "process": 2}


class Lane:
    __slots__ = ("id", "kind", "name", "parent", "coro", "changes", "result", "on", "cancels",
                 "given_name")

    def __init__(self, lane_id, kind, name, parent=None, coro=None):
        self.id = lane_id
        self.kind = kind
        self.name = name
        self.parent = parent
        self.coro = coro
        self.changes = []  # (t, state, on)
        self.result = None
        self.on = None  # what the lane waits for now (the `via` of the wake that ends it)
        self.cancels = 0
        self.given_name = None


class Recording:
    def __init__(self, title, clock):
        self.title = title
        self.clock = clock  # "cpython" or "cpython-virtual"
        self.lanes = []
        self.events = []
        self.diagnostics = []
        self.duration = 0.0
        self.status = "completed"
        self.error = None
        self.unseen = []  # what the recording could not see, said in the trace's notes
        self._count = {"task": 0, "thread": 0, "process": 0}

    def add_lane(self, kind, name, parent=None, coro=None):
        self._count[kind] += 1
        lane = Lane(f"{kind}-{self._count[kind]}", kind, name, parent, coro)
        self.lanes.append(lane)
        return lane

    def event(self, t, lane, kind, **fields):
        self.events.append((t, lane, kind, fields))

    def diagnostic(self, t, lane, code, message, severity="warning"):
        self.diagnostics.append((t, lane, severity, code, message))

    # Writing ------------------------------------------------------------------------------

    def to_json(self, end=None, status=None, error=None):
        """The trace; `end`, `status` and `error` given make a snapshot of a recording under way."""
        end = self.duration if end is None else end
        status = self.status if status is None else status
        error = self.error if error is None else error
        lanes = sorted(self.lanes, key=lambda lane: _KIND_ORDER[lane.kind])
        out = {
            "format": "loopscope-trace",
            "version": 1,
            "scenario": self.title,
            "clock": self.clock,
            "duration": _t(end),
            "lanes": [_lane_json(lane, end, status) for lane in lanes],
            "events": [_event_json(*e) for e in self.events],
            "diagnostics": [
                {"t": _t(t), "lane": lane.id if lane else None, "severity": severity,
                 "code": code, "message": message}
                for t, lane, severity, code, message in self.diagnostics
            ],
            "outcome": {"status": status, "error": error},
        }
        out["lanes"].append(_loop_lane(out["lanes"], end))
        if self.unseen:
            out["notes"] = self.unseen
        return out

    def write(self, path, **snapshot):
        # No indent: only the compact form has the C encoder (an indented million spans took
        # 17 s in the pure-Python one, 15x the recording itself). Renamed into place, so that
        # a reader polling the file (--stream) never reads half a trace.
        text = json.dumps(self.to_json(**snapshot), ensure_ascii=False, separators=(",", ":"))
        partial = path + ".partial"
        with open(partial, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        os.replace(partial, path)


def _t(t):
    """Times rounded to the nanosecond: real clocks give more digits than mean anything."""
    return round(max(t, 0.0), 9)


def build_spans(changes, end, keep_last):
    spans = []
    for i, (start, state, on) in enumerate(changes):
        if state is None:  # a gap: a pool thread between two jobs
            continue
        stop = changes[i + 1][0] if i + 1 < len(changes) else end
        stop = max(stop, start)
        if i + 1 == len(changes) and keep_last and stop <= start and state != RUNNING:
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


def _lane_json(lane, end, status):
    changes = lane.changes
    if lane.result is not None and changes and changes[-1][1] is None:  # ended: its last change
        spans = build_spans(changes[:-1], changes[-1][0], False)
    else:
        spans = build_spans(changes, end, lane.kind == "task")
    out = {"id": lane.id, "kind": lane.kind, "name": lane.name}
    if lane.kind == "task":
        out["parent"] = lane.parent.id if lane.parent else None
        out["coro"] = lane.coro
    out["spans"] = [_span_json(s) for s in spans]
    if lane.kind == "task":
        out["result"] = lane.result or "pending"
    return out


def _span_json(s):
    state, start, end, on = s
    span = {"state": state, "start": _t(start), "end": _t(end)}
    if on:
        span["on"] = on
    return span


def _event_json(t, lane, kind, fields):
    out = {"t": _t(t), "lane": lane.id if lane else None, "kind": kind}
    for key, value in fields.items():
        out[key] = value.id if isinstance(value, Lane) else value
    return out


def _loop_lane(lanes, end):
    """The loop: running (or blocking) for whichever task holds it, else waiting on select."""
    busy = []
    for lane in lanes:
        if lane["kind"] != "task":
            continue
        for s in lane["spans"]:
            if s["end"] > s["start"] and s["state"] in (RUNNING, BLOCKING):
                busy.append({"state": s["state"], "start": s["start"], "end": s["end"],
                             "on": lane["id"]})
    busy.sort(key=lambda s: s["start"])
    spans, t = [], 0.0
    for s in busy:
        if s["start"] > t:
            spans.append({"state": WAITING, "start": t, "end": s["start"], "on": "select"})
        spans.append(s)
        t = max(t, s["end"])
    if end > t:
        spans.append({"state": WAITING, "start": t, "end": _t(end), "on": "select"})
    return {"id": "loop", "kind": "loop", "name": "event loop", "spans": spans}
