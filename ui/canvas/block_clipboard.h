// The canvas's clipboard format, shared with other Loopscope processes through the system
// clipboard: one step or one coroutine as the scenario file writes it, under a private MIME type
// and as text/plain, so that a text editor or a note receives readable JSON and a step copied
// from the docs pastes back.
#pragma once

#include "scenario/scenario.h"

#include <QString>

#include <variant>

class QMimeData;

namespace loopscope {

inline constexpr char kBlocksMimeType[] = "application/x-loopscope-steps+json";

using CopiedBlock = std::variant<std::monostate, Step, Coroutine>;

// Both formats, the same JSON text. The caller owns the result (QClipboard::setMimeData takes it).
QMimeData *blockMimeData(const CopiedBlock &block);

// What the clipboard holds: a step or a coroutine, or nothing and why (the reader's first
// problem: where in the pasted text and what was expected there).
struct PastedBlock
{
    CopiedBlock block;
    QString error;
};
// The private type first, else text/plain that reads as a step or coroutine object.
PastedBlock readBlockMimeData(const QMimeData *data);
// Text that is not Loopscope's but a Python program: no private type, not JSON (it does not
// start with "{" or "["), and it names asyncio. Pasted on the canvas, it is imported.
bool isProgramText(const QMimeData *data);

} // namespace loopscope
