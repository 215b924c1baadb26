#include "memory_budget.h"

#include <QRegularExpression>

#include <cmath>

namespace loopscope {

std::optional<std::size_t> parseMemoryBudget(const QString &text)
{
    static const QRegularExpression form(
        QStringLiteral(R"(^\s*(\d+(?:\.\d+)?)\s*(?:([KMGT])(?:i?B)?)?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QString unit = m.captured(2).toUpper();
    const int shift = unit.isEmpty() ? 0 : 10 * (1 + int(QStringLiteral("KMGT").indexOf(unit)));
    const double bytes = std::ldexp(m.captured(1).toDouble(), shift);
    if (!(bytes >= double(1 << 20)) || bytes >= std::ldexp(1.0, 62))
        return std::nullopt;
    return std::size_t(bytes);
}

QString memoryBudgetText(std::size_t bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    // Up to two decimals, none when whole: "8 GiB", "1.5 GiB", "95.37 MiB".
    QString number = QString::number(value, 'f', 2);
    while (number.contains(QLatin1Char('.'))
           && (number.endsWith(QLatin1Char('0')) || number.endsWith(QLatin1Char('.'))))
        number.chop(1);
    return number + QLatin1Char(' ') + QLatin1String(units[unit]);
}

QString memoryBudgetReached(std::size_t budget, std::size_t stateChanges, std::size_t events)
{
    return QStringLiteral("stopped at the memory budget of %1 for recording (after %2 state "
                          "changes and %3 events); raise it with --memory-budget (e.g. "
                          "--memory-budget %4) or Run > Memory Budget")
        .arg(memoryBudgetText(budget))
        .arg(stateChanges)
        .arg(events)
        .arg(QStringLiteral("%1G").arg(std::max<std::size_t>(1, (budget >> 30) * 2)));
}

} // namespace loopscope
