// What the palette hands to the canvas: a step of some op, a resource of some kind, or a new
// coroutine card.
#pragma once

#include "scenario/scenario.h"

namespace loopscope {

struct PaletteEntry
{
    enum class Type { Step, Resource, Coroutine };
    Type type = Type::Step;
    StepKind step = StepKind::Sleep;
    ResourceKind resource = ResourceKind::Lock;

    static PaletteEntry forStep(StepKind kind) { return {Type::Step, kind, {}}; }
    static PaletteEntry forResource(ResourceKind kind) { return {Type::Resource, {}, kind}; }
    static PaletteEntry forCoroutine() { return {Type::Coroutine, {}, {}}; }
};

} // namespace loopscope
