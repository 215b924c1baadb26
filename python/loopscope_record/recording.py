"""The trace being recorded: lanes with their state changes, events, diagnostics, outcome.

A lane's state changes are kept compact while the program runs, since a busy program makes
millions: the times in an `array('d')` and, per change, the small int naming its (state, on)
pair (`mark()`: one shared table), so a change costs 16 bytes and no objects. Spans are built
only when the trace is written (writing.py), with the rules of Loopscope's own recorder
(core/runtime/recorder.cpp), so that a recorded trace and a scenario's trace compare span by span.
"""
import os
from array import array

RUNNING, READY, BLOCKING, WAITING, BLOCKED = "running", "ready", "blocking", "waiting", "blocked"

MARKS = []  # mark -> (state, on); state None is a gap (a pool thread between two jobs) or an end
_MARK_OF = {}


def mark(state, on):
    """The small int standing for (state, on) in a lane's changes."""
    key = (state, on)
    m = _MARK_OF.get(key)
    if m is None:
        m = _MARK_OF[key] = len(MARKS)
        MARKS.append(key)
    return m


M_RUNNING, M_READY, M_BLOCKING, M_GAP = (mark(RUNNING, None), mark(READY, None),
                                         mark(BLOCKING, None), mark(None, None))


class Lane:
    __slots__ = ("id", "kind", "name", "parent", "coro", "times", "marks", "result", "on",
                 "cancels", "given_name", "gone")

    def __init__(self, lane_id, kind, name, parent=None, coro=None):
        self.id = lane_id
        self.kind = kind
        self.name = name
        self.parent = parent
        self.coro = coro
        # The changes: times[i] and marks[i]. The time goes in first, so a reader in another
        # thread (--stream) that takes len(marks) changes finds their times there.
        self.times = array("d")
        self.marks = []
        self.result = None
        self.on = None  # what the lane waits for now (the `via` of the wake that ends it)
        self.cancels = 0
        self.given_name = None
        self.gone = None  # a task's: the weak reference that forgets it (Hooks._new_lane)

    def add(self, t, state, on=None):
        self.times.append(t)
        self.marks.append(mark(state, on))

    def replace(self, i, state, on=None):
        self.marks[i] = mark(state, on)

    def last(self):
        """(t, state, on) of the last change, or None."""
        marks = self.marks
        if not marks:
            return None
        i = len(marks) - 1
        return (self.times[i],) + MARKS[marks[i]]


class Recording:
    def __init__(self, title, clock):
        self.title = title
        self.clock = clock  # "cpython" or "cpython-virtual"
        self.lanes = []
        # (t, lane, kind, fields), and a wake, the commonest, its woken lane alone, its time,
        # waker and `via` in wake_times, wake_by and wake_via (event_list() gives it as
        # (t, lane, "wake", by, via)): a server makes one per request and reply, and a tuple
        # each, holding lanes, was an object the collector walked again at every collection
        # (on an echo server it made a third of the program's collections, and full ones).
        self.events = []
        self.wake_times = array("d")
        self.wake_by = []
        self.wake_via = []
        self.diagnostics = []
        self.duration = 0.0
        self.status = "completed"
        self.error = None
        self.unseen = []  # what the recording could not see, said in the trace's notes
        self.writer_pid = os.getpid()  # the process that writes the trace (not a forked child)
        self._count = {"task": 0, "thread": 0, "process": 0}
        # The lane of every task step on the real clock, in the order they ran, its start and
        # end in step_times, and which of them were blocking: while steps_in_order holds (the
        # steps of one loop), each is one busy span of its lane, and together, in this order,
        # the loop's busy spans, which the writers then need neither gather nor sort.
        self.steps = []
        self.step_times = array("d")
        self.blocking_steps = []
        self.steps_in_order = True

    def add_lane(self, kind, name, parent=None, coro=None):
        self._count[kind] += 1
        lane = Lane(f"{kind}-{self._count[kind]}", kind, name, parent, coro)
        self.lanes.append(lane)
        return lane

    def event(self, t, lane, kind, **fields):
        self.events.append((t, lane, kind, fields))

    def wake(self, t, lane, by, via):
        self.wake_times.append(t)
        self.wake_by.append(by)
        self.wake_via.append(via)
        self.events.append(lane)  # last: a reader (--stream) that sees it finds the rest

    def event_list(self):
        """The events so far, in order: (t, lane, kind, fields), a wake (t, lane, "wake", by,
        via)."""
        out = list(self.events)
        wakes = zip(self.wake_times, self.wake_by, self.wake_via)
        for i, e in enumerate(out):
            if type(e) is not tuple:
                t, by, via = next(wakes)
                out[i] = (t, e, "wake", by, via)
        return out

    def diagnostic(self, t, lane, code, message, severity="warning"):
        self.diagnostics.append((t, lane, severity, code, message))

    def note(self, text):
        """Something the recording could not see, said once in the trace's notes."""
        if text not in self.unseen:
            self.unseen.append(text)

    def write(self, path, end=None, status=None, error=None):
        """Writes the trace, as Loopscope's binary trace when `path` ends in `.lstrace`, else
        as JSON; `end`, `status` and `error` given make a snapshot of a recording under way
        (--stream). Renamed into place: a reader polling the file never reads half."""
        end = self.duration if end is None else end
        status = self.status if status is None else status
        error = self.error if error is None else error
        partial = path + ".partial"
        if path.lower().endswith(".lstrace"):
            from .writing_binary import write_binary

            with open(partial, "wb") as f:
                write_binary(self, f, end, status, error)
        else:
            from .writing import trace_parts  # it needs this module's names

            parts = trace_parts(self, end, status, error)
            with open(partial, "w", encoding="utf-8") as f:
                f.writelines(parts)
                f.write("\n")
        os.replace(partial, path)
