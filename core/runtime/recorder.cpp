#include "recorder.h"

#include <algorithm>

namespace loopscope::rt {

Recorder::Recorder()
{
    m_buffers.push_back(std::make_unique<RecordBuffer>());
}

RecordBuffer &Recorder::newBuffer()
{
    std::lock_guard lock(m_mutex);
    m_buffers.push_back(std::make_unique<RecordBuffer>());
    return *m_buffers.back();
}

int Recorder::addLane(LaneKind kind, const QString &name, int parent, const QString &coro,
                      StringId *idString)
{
    std::lock_guard lock(m_mutex);
    Lane lane;
    lane.kind = kind;
    lane.name = name;
    lane.parent = parent;
    lane.coro = coro;
    const int count = ++m_lanesOfKind[std::size_t(kind)];
    lane.id = kind == LaneKind::Loop
                  ? QStringLiteral("loop")
                  : laneKindName(kind) + QLatin1Char('-') + QString::number(count);
    *idString = m_strings.intern(lane.id);
    m_lanes.push_back(std::move(lane));
    return int(m_lanes.size()) - 1;
}

QString Recorder::laneId(int lane) const
{
    std::lock_guard lock(m_mutex);
    return m_lanes.at(std::size_t(lane)).id;
}

StringId Recorder::intern(const QString &s)
{
    std::lock_guard lock(m_mutex);
    return m_strings.intern(s);
}

QString Recorder::str(StringId id) const
{
    std::lock_guard lock(m_mutex);
    return id < m_strings.strings.size() ? m_strings.strings[id] : QString();
}

void Recorder::event(const TraceEvent &e)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back(e);
    m_eventBytes += sizeof(TraceEvent) + std::size_t(e.text.size() + e.resource.size()) * 2;
}

void Recorder::diagnostic(const Diagnostic &d)
{
    std::lock_guard lock(m_mutex);
    m_diagnostics.push_back(d);
}

std::size_t Recorder::recordCount() const
{
    std::lock_guard lock(m_mutex);
    std::size_t n = 0;
    for (const auto &b : m_buffers)
        n += b->size();
    return n;
}

std::size_t Recorder::bytes() const
{
    std::lock_guard lock(m_mutex);
    std::size_t n = m_loopLog.bytes() + m_eventBytes;
    for (const auto &b : m_buffers)
        n += b->bytes();
    return n;
}

namespace {

// Turns one lane's records into spans: each record opens a span that the next one closes.
// Zero-length spans are dropped, except `running`, which marks where a task ran; neighbours
// with the same state, `on` and `step` merge.
void appendSpan(std::vector<Span> &spans, const Span &s)
{
    if (s.end <= s.start && s.state != LaneState::Running)
        return;
    if (!spans.empty()) {
        Span &last = spans.back();
        if (last.state == s.state && last.on == s.on && last.step == s.step
            && last.end == s.start) {
            last.end = s.end;
            return;
        }
        if (last.end <= last.start && last.state == LaneState::Running && s.end > s.start
            && s.state == LaneState::Running && last.end == s.start) {
            last = s; // an instant of running swallowed by running that follows
            return;
        }
    }
    spans.push_back(s);
}

// Builds one lane's spans from its records as they stream past: each record opens a span
// that the lane's next record closes.
struct LaneBuilder
{
    std::optional<StateRecord> open;
    bool ended = false;
    std::size_t budget = 0; // records counted for this lane; later ones are not ours to see

    void add(Lane &lane, const StateRecord &r)
    {
        if (ended || budget == 0)
            return;
        --budget;
        const double t = open ? std::max(r.t, open->t) : r.t;
        if (open)
            appendSpan(lane.spans, Span{open->t, t, open->on, open->step, open->state});
        if (r.kind == StateRecord::End) {
            lane.result = LaneResult(r.state);
            open.reset();
            ended = true;
            return;
        }
        open = r;
        open->t = t;
    }
    void finish(Lane &lane, double now, bool final)
    {
        if (!open)
            return;
        const Span last{open->t, std::max(now, open->t), open->on, open->step, open->state};
        // An unfinished lane keeps its last state even at zero length: a deadlocked task ends
        // `blocked` on the lock it can never get, and the timeline can say so.
        if (lane.kind == LaneKind::Task && last.end <= last.start
            && last.state != LaneState::Running)
            lane.spans.push_back(last);
        else
            appendSpan(lane.spans, last);
        if (final && lane.kind == LaneKind::Task)
            lane.result = LaneResult::Pending;
    }
};

// The loop lane: running (or blocking) on behalf of whichever task holds it, else waiting.
Lane loopLane(const Trace &trace, double now)
{
    Lane loop;
    loop.id = QStringLiteral("loop");
    loop.kind = LaneKind::Loop;
    loop.name = QStringLiteral("event loop");
    std::vector<Span> busy;
    for (const auto &lane : trace.lanes) {
        if (lane.kind != LaneKind::Task)
            continue;
        const StringId who = const_cast<Trace &>(trace).intern(lane.id);
        for (const auto &s : lane.spans)
            if (s.end > s.start
                && (s.state == LaneState::Running || s.state == LaneState::Blocking))
                busy.push_back(Span{s.start, s.end, who, s.step, s.state});
    }
    std::sort(busy.begin(), busy.end(),
              [](const Span &a, const Span &b) { return a.start < b.start; });
    const StringId idle = const_cast<Trace &>(trace).intern(QStringLiteral("select"));
    double t = 0.0;
    for (const auto &s : busy) {
        if (s.start > t)
            loop.spans.push_back(Span{t, s.start, idle, 0, LaneState::Waiting});
        loop.spans.push_back(s);
        t = std::max(t, s.end);
    }
    if (now > t)
        loop.spans.push_back(Span{t, now, idle, 0, LaneState::Waiting});
    return loop;
}

// `over`'s spans of some length replace what `base` (contiguous, in order) had at their times.
void overlaySpans(std::vector<Span> &base, const std::vector<Span> &over)
{
    for (const Span &top : over) {
        if (top.end <= top.start)
            continue;
        std::vector<Span> out;
        for (const Span &s : base) {
            if (s.end <= top.start || s.start >= top.end) {
                out.push_back(s);
                continue;
            }
            if (s.start < top.start)
                out.push_back(Span{s.start, top.start, s.on, s.step, s.state});
            if (s.end > top.end)
                out.push_back(Span{top.end, s.end, s.on, s.step, s.state});
        }
        out.push_back(top);
        std::sort(out.begin(), out.end(),
                  [](const Span &a, const Span &b) { return a.start < b.start; });
        base = std::move(out);
    }
}

// Tasks first (creation order), then threads, then processes; parents and event lanes follow.
void orderLanes(Trace &trace)
{
    const std::size_t n = trace.lanes.size();
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return trace.lanes[a].kind < trace.lanes[b].kind;
    });
    std::vector<int> newIndex(n);
    std::vector<Lane> lanes;
    lanes.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        newIndex[order[i]] = int(i);
        lanes.push_back(std::move(trace.lanes[order[i]]));
    }
    auto remap = [&](int &lane) {
        if (lane >= 0 && std::size_t(lane) < n)
            lane = newIndex[std::size_t(lane)];
    };
    for (auto &l : lanes)
        remap(l.parent);
    for (auto &e : trace.events) {
        remap(e.lane);
        remap(e.by);
    }
    for (auto &d : trace.diagnostics)
        remap(d.lane);
    trace.lanes = std::move(lanes);
}

} // namespace

Trace Recorder::snapshot(double now, bool final) const
{
    // Reads only: build() changes the recorder when asked to drain it, which this does not.
    return const_cast<Recorder *>(this)->build(now, final, false);
}

Trace Recorder::takeTrace(double now, bool loopInsides)
{
    return build(now, true, true, loopInsides);
}

Trace Recorder::build(double now, bool final, bool drain, bool loopInsides)
{
    Trace trace;
    std::vector<QString> recorded; // lane ids in the order recorded, which the loop log's lanes
                                   // index as recorded, which the loop log's lanes index
    std::vector<RecordBuffer *> buffers;
    {
        std::lock_guard lock(m_mutex);
        trace.strings = m_strings.strings;
        trace.stringIndex = m_strings.stringIndex;
        // A copy of its own, now: sharing it would let the loop thread, once this snapshot has
        // dropped its reference, write in place while a relaxed load of the count is all that
        // orders it after this thread's reads (ThreadSanitizer, tst_runtime_stop).
        trace.stringIndex.detach();
        trace.lanes = m_lanes;
        for (const Lane &lane : m_lanes)
            recorded.push_back(lane.id);
        trace.events = m_events;
        trace.diagnostics = m_diagnostics;
        for (const auto &b : m_buffers)
            buffers.push_back(b.get());
    }
    // Buffers are never freed or moved during a run, so they are read without the lock.
    // Count first, so that each lane's spans are allocated once and records appended after
    // the count (by a run still going) are left for the next snapshot.
    const std::size_t lanes = trace.lanes.size();
    std::vector<LaneBuilder> builders(lanes);
    for (const RecordBuffer *b : buffers)
        b->forEach([&](const StateRecord &r) {
            if (r.lane < lanes)
                ++builders[r.lane].budget;
        });
    for (std::size_t i = 0; i < lanes; ++i)
        trace.lanes[i].spans.reserve(builders[i].budget);
    auto add = [&](const StateRecord &r) {
        if (r.lane < lanes)
            builders[r.lane].add(trace.lanes[r.lane], r);
    };
    for (RecordBuffer *b : buffers) {
        if (drain)
            b->drain(add);
        else
            b->forEach(add);
    }
    for (std::size_t i = 0; i < lanes; ++i)
        builders[i].finish(trace.lanes[i], now, final);
    orderLanes(trace);
    // Loop callbacks (call_soon, call_later) recorded on a lane of the loop's own, which sorts
    // last: the one event loop lane, with what the callbacks did laid over what tasks did.
    std::optional<Lane> callbacks;
    if (!trace.lanes.empty() && trace.lanes.back().kind == LaneKind::Loop) {
        callbacks = std::move(trace.lanes.back());
        trace.lanes.pop_back();
    }
    trace.lanes.push_back(loopLane(trace, now));
    if (callbacks)
        overlaySpans(trace.lanes.back().spans, callbacks->spans);
    QHash<QString, int> indexOfId;
    for (std::size_t i = 0; i < trace.lanes.size(); ++i)
        indexOfId.insert(trace.lanes[i].id, int(i));
    std::vector<int> laneIndex;
    for (const QString &id : recorded)
        laneIndex.push_back(indexOfId.value(id, -1));
    if (loopInsides)
        m_loopLog.fill(trace, laneIndex, drain);
    trace.duration = now;
    return trace;
}

} // namespace loopscope::rt
