// One descriptor per op and per resource kind: what scenario-format.md's tables say about each,
// as data. The reader, writer, validator, palette, properties panel and default steps walk these
// descriptors; what an op *does* (the interpreter, the Python export's text) stays in switches
// without `default:`, so that the compiler lists every place a new op must be written.
#pragma once

#include "scenario/scenario.h"

#include <span>
#include <variant>

namespace loopscope {

// The palette's headings, in the order shown.
enum class PaletteGroup { Waiting, Work, Sync, Tasks, Pools, Control };

// The lane state a step puts its task in while it runs (the trace's LaneState; the scenario
// model does not depend on traces). Instant: no span of its own (instants and containers).
enum class OpLane { Instant, Running, Blocking, Waiting, Blocked };

// The kinds of value a step field holds; each kind is read, written, checked and edited one way.
enum class FieldType {
    Duration,    // a number ≥ 0 or "$param" (seconds, timeout)
    Count,       // a whole number ≥ 0, "$param", or null for forever (repeat)
    Work,        // "io" or "cpu"
    Text,        // free text (print's text, a task name, raise's message)
    ErrorClass,  // the name of an exception class (raise)
    Coroutine,   // the name of a coroutine to call
    Args,        // that call's arguments: an object of JSON values
    Flag,        // true or false
    Variable,    // a Python identifier the step binds (`as`, `var`)
    Task,        // a task variable
    GatherItems, // gather's coroutines and tasks
    Resource,    // the id of a resource of the kinds the field lists
    Value,       // a JSON value (a queue item, a future's result)
    Body,        // an array of steps
    ExceptMap,   // try's handlers: error name -> steps, in the order written
    Finally,     // try's finally body, which may be absent
    Expression,  // Python expression text (if/while `cond`, for `in`, a predicate)
    Target,      // what an assignment binds: a name or names ("done, pending")
    Elifs,       // if's `elif` clauses: [{"cond": ..., "steps": [...]}]
    Else,        // if's `else` body, which may be absent
    // slice D (issue 15)
    Function,   // the name of a plain function of `functions`
    Limit,      // a number ≥ 0, "$param" or null: no limit (wait's timeout, the timeout block)
    ReturnWhen, // wait's FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED
};

enum class FieldNeed { Required, Optional };

// Always, or only when the model's value differs from a default-constructed Step's (an empty
// name, `await` true, no value), so that a file without the key is written back as read.
enum class FieldWrite { Always, UnlessDefault };

// The Step member a field lives in, where its type does not say (Duration: seconds or timeout).
using StepMember = std::variant<std::monostate, Quantity Step::*, QString Step::*, bool Step::*,
                                PyValue Step::*, std::optional<Quantity> Step::*>;

struct FieldSpec
{
    const char *key; // the JSON key
    FieldType type;
    FieldNeed need = FieldNeed::Optional;
    FieldWrite write = FieldWrite::Always;
    StepMember member = {};
    const char *label = nullptr;         // the properties panel's label
    const char *initial = nullptr;       // JSON a new step from the palette gets; nullptr: none
    std::span<const ResourceKind> kinds; // Resource: the kinds it may name
    const char *hint = nullptr;          // the properties panel's tool tip
    bool nullable = false; // Resource: null is a value of its own (run_in_executor's None)
};

struct OpSpec
{
    StepKind kind;
    const char *name;                  // the JSON op name, also the palette's label
    std::span<const FieldSpec> fields; // in the order read, written, checked and shown
    PaletteGroup group;
    OpLane lane;
    const char *python;      // the asyncio it stands for, for tool tips and help
    bool coroOrTask = false; // takes `coro` (with `args`) or `task`: exactly one
    // takes `function` (with `args`) or `work` and `seconds`: exactly one of the two ways
    bool functionOrWork = false;
};

enum class ResourceFieldType { WholeNumber, Number, Flag, Values, LockId };

struct ResourceFieldSpec
{
    const char *key;
    ResourceFieldType type;
    const char *label; // the resources panel's label
};

struct ResourceSpec
{
    ResourceKind kind;
    const char *name;    // the JSON kind name, also the palette's label
    const char *article; // "a" or "an", for messages
    std::span<const ResourceFieldSpec> fields;
    PaletteGroup group;
    const char *python; // the Python constructor it stands for
};

// Every op and resource kind, in the order of scenario-format.md's tables (the enums' order).
std::span<const OpSpec> opSpecs();
const OpSpec &opSpec(StepKind kind);
std::span<const ResourceSpec> resourceSpecs();
const ResourceSpec &resourceSpec(ResourceKind kind);

// The op's field of that type, or nullptr.
const FieldSpec *fieldOfType(StepKind kind, FieldType type);
// False for the side of a `coro` or `task` op the step did not take (`coro` and `args` when it
// names a task, `task` when it does not); true for every other field.
bool fieldTaken(const OpSpec &op, const FieldSpec &field, const Step &step);
// The ops whose resource field may name a resource of this kind.
std::vector<StepKind> opsUsing(ResourceKind kind);

} // namespace loopscope
