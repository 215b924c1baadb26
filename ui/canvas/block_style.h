// How a step looks on the canvas and in the palette: the lane state it causes (so a block has
// the colour its span will have on the timeline), its palette group, its asyncio equivalent;
// all but the text and the icon are read from the op table.
#pragma once

#include "scenario/op_table.h"
#include "scenario/scenario.h"
#include "trace/trace.h"

#include <QColor>
#include <QIcon>
#include <QString>

#include <optional>

namespace loopscope {

QString paletteGroupName(PaletteGroup group);
// From the op table (op_table.h).
PaletteGroup paletteGroup(StepKind kind);
PaletteGroup paletteGroup(ResourceKind kind);

// The state the step puts its task in while it runs; nullopt for instants and containers.
std::optional<LaneState> causedState(StepKind kind);
QColor blockColor(StepKind kind);
QString asyncioEquivalent(StepKind kind);
QString asyncioEquivalent(ResourceKind kind);
// A one-line summary shown in the block: "sleep 1 s", "with sem", "gather ×5",
// "t = create_task fetch(id=1, delay=2)"; with the scenario, arguments come in the order of the
// callee's parameters (else in key order).
QString blockText(const Step &step, const Scenario *scenario = nullptr);
// What the user wrote, for tool tips and messages: the block's text, then its label when it
// has one ("sleep 1 s · read account a"); never the internal id.
QString stepSummary(const Step &step, const Scenario *scenario = nullptr);
// A small painted icon: a rounded square in the block colour with the op's initials.
QIcon stepIcon(StepKind kind);
QIcon resourceIcon(ResourceKind kind);

} // namespace loopscope
