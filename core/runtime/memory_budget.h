// The memory a run's recording may take: a budget the user sees and sets (`loopscope run
// --memory-budget 8G`, Run > Memory Budget in the GUI), not a silent cap. A run that reaches
// it stops (outcome `stopped`) with a message that says which budget and how to raise it.
#pragma once

#include <QString>

#include <cstddef>
#include <optional>

namespace loopscope {

// 4 GiB: about 400 million state changes of sleep(0) switches (byte_log.h packs one into 4-6
// bytes, the callback the loop ran for it into 4 more).
constexpr std::size_t kDefaultMemoryBudget = std::size_t(4) << 30;

// "8G", "512M", "1.5G", "64K" or a number of bytes ("1000000"); K, M, G and T are powers of
// 1024 and may be followed by "iB" or "B". Nullopt for anything else, or for less than 1 MiB.
std::optional<std::size_t> parseMemoryBudget(const QString &text);
// "8 GiB", "512 MiB", "1.5 GiB": how the messages and the GUI show a budget.
QString memoryBudgetText(std::size_t bytes);
// The outcome's message when the recording reached `budget`.
QString memoryBudgetReached(std::size_t budget, std::size_t stateChanges, std::size_t events);

} // namespace loopscope
