// The trace model: what one run of a scenario produced (trace-format.md, version 1).
// Plain value types; the recorder fills them, the timeline and every exporter read them.
#pragma once

#include "trace/loop_callbacks.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace loopscope {

// Times beyond this are refused by both trace readers: no scenario runs that long (a step lasts
// at most 1e6 s), and the bound keeps every exporter's integer conversion (µs, ms) far from
// overflow.
inline constexpr double kMaxTraceTime = 1e9;

enum class LaneState : std::uint8_t { Running, Ready, Blocking, Waiting, Blocked };
enum class LaneKind : std::uint8_t { Task, Thread, Process, Loop };
enum class LaneResult : std::uint8_t { None, Done, Failed, Cancelled, Pending };
enum class OutcomeStatus : std::uint8_t { Completed, Failed, Deadlock, Stopped };
enum class EventKind : std::uint8_t {
    Print,
    Create,
    Acquire,
    Release,
    Set,
    Put,
    Get,
    Wake,
    Cancel,
    Raise,
    Timeout
};
enum class Severity : std::uint8_t { Info, Warning, Error };

// Index into Trace::strings; 0 is always the empty string.
using StringId = std::uint32_t;

// Half-open [start, end) in scenario seconds. 32 bytes (25 padded): a million spans, 32 MB.
struct Span
{
    double start = 0.0;
    double end = 0.0;
    StringId on = 0; // what a waiting/blocked lane waits for: "timer", a resource id, a lane id...
    StringId step = 0; // id of the scenario step that caused it
    LaneState state = LaneState::Running;
};

struct Lane
{
    QString id; // "task-1", "thread-1", "process-1", "loop"
    LaneKind kind = LaneKind::Task;
    QString name;    // "main", "worker-2", "ThreadPoolExecutor-0_0", "Process-1", "event loop"
    int parent = -1; // index of the lane that created this task, -1 for none
    QString coro;    // tasks: the coroutine it runs
    std::vector<Span> spans;
    LaneResult result = LaneResult::None;
};

struct TraceEvent
{
    double t = 0.0;
    int lane = -1;
    EventKind kind = EventKind::Print;
    QString text;                       // print: the line; raise/cancel/timeout: the message
    QString resource;                   // acquire, release, set, put, get: the resource id
    int by = -1;                        // create, wake: the lane that acted
    QString via;                        // wake: the object through which the lane was woken
    QString end = QStringLiteral("\n"); // print: what was written after the text (`end=`)
};

struct Diagnostic
{
    double t = 0.0;
    int lane = -1;
    Severity severity = Severity::Warning;
    QString code; // "slow-step", "exception-never-retrieved", "pending-at-shutdown", ...
    QString message;
};

struct Outcome
{
    OutcomeStatus status = OutcomeStatus::Completed;
    QString error; // failed: "ValueError: boom"; deadlock: the cycle; stopped: why
};

// The event loop's insides (trace-format.md, "The loop"), as the runtime recorded them while it
// ran: every iteration of _run_once, every callback it ran, every timer and selector wait.
// Positions count callbacks: a thing stamped `at` = n came or went while callback n-1 ran
// (or, for a timer that fired, as iteration n's due timers moved to the ready queue).
struct LoopIteration
{
    double t = 0.0;             // the loop's time once it had selected (after the wait)
    std::uint32_t firstRan = 0; // index of its first callback in LoopTrace::ran
    std::uint32_t ready = 0;    // ntodo: callbacks ready when it began running them
};

struct LoopTimer
{
    double when = 0.0; // deadline
    int lane = -1;     // the task it will wake or time out, -1 when none
    StringId step = 0;
    StringId what = 0;               // "sleep", "timeout", "wait", "call_later greet", ...
    std::uint32_t added = 0;         // position stamps (see above)
    std::uint32_t gone = UINT32_MAX; // fired or cancelled; UINT32_MAX: still there at the end
};

// What the selector waits for: a pool future still running in a thread or a worker process.
struct LoopWait
{
    int lane = -1; // the task that submitted it
    StringId step = 0;
    StringId on = 0; // "thread" or "process"
    std::uint32_t added = 0;
    std::uint32_t gone = UINT32_MAX;
};

struct LoopTrace
{
    std::vector<LoopIteration> iterations;
    LoopCallbackList ran;          // packed (loop_callbacks.h)
    std::vector<LoopTimer> timers; // in the order they were scheduled
    std::vector<LoopWait> waits;
    bool empty() const { return iterations.empty(); }
    std::size_t bytes() const // the memory it holds
    {
        return ran.bytes() + iterations.capacity() * sizeof(LoopIteration)
               + timers.capacity() * sizeof(LoopTimer) + waits.capacity() * sizeof(LoopWait);
    }
};

struct Trace
{
    QString scenario; // the scenario's title
    bool liveClock = false;
    bool recorded = false; // by loopscope record under CPython: clock "cpython"/"cpython-virtual"
    double duration = 0.0;
    std::vector<Lane> lanes;
    std::vector<TraceEvent> events;
    std::vector<Diagnostic> diagnostics;
    Outcome outcome;
    LoopTrace loop; // empty for recorded traces and traces written before it
    std::vector<QString> strings{QString()}; // interned span strings; [0] is ""
    QHash<QString, StringId> stringIndex;    // reverse of strings, kept by intern()

    StringId intern(const QString &s);
    const QString &str(StringId id) const { return strings[id]; }
    int laneIndex(const QString &id) const; // -1 when absent
};

// The trace's "clock": "virtual", "live", "cpython" (recorded, real clock) or "cpython-virtual".
QString clockName(const Trace &trace);

// The state a task that never ended is stuck in, which a time axis alone may not show: its last
// span, not running. In a run that ended in a deadlock, that of every pending task, whatever the
// span's length: on the live clock the run ends a few microseconds after the last task blocked,
// so the `blocked` it is stuck in is not of zero length there, and on the virtual clock it is.
// In any other run, only a span entered at the run's last instant (of no length). Null for any
// other lane. The one definition for the exports and the timeline.
const Span *stuckSpan(const Trace &trace, const Lane &lane);

QString stateName(LaneState s);
std::optional<LaneState> stateFromName(const QString &name);
QString laneKindName(LaneKind k);
QString laneResultName(LaneResult r); // "" for None
QString outcomeName(OutcomeStatus s);
QString eventKindName(EventKind k);
QString severityName(Severity s);

} // namespace loopscope
