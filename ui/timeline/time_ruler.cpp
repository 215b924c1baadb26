#include "timeline/time_ruler.h"

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {

struct TimeUnit
{
    double seconds;
    const char *suffix;
};

// The largest unit not larger than `magnitude` (seconds for anything from 1 s up).
TimeUnit unitFor(double magnitude)
{
    if (magnitude >= 1.0 || magnitude == 0.0)
        return {1.0, "s"};
    if (magnitude >= 1e-3)
        return {1e-3, "ms"};
    if (magnitude >= 1e-6)
        return {1e-6, "\u00b5s"};
    return {1e-9, "ns"};
}

QString trimmedNumber(double value, int decimals)
{
    QString text = QString::number(value, 'f', decimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    if (text == QLatin1String("-0"))
        text = QStringLiteral("0");
    return text;
}

} // namespace

double rulerTickStep(double secondsPerPixel, double minPixels)
{
    const double minStep = secondsPerPixel * minPixels;
    if (!(minStep > 0.0))
        return 1.0;
    double decade = std::pow(10.0, std::floor(std::log10(minStep)));
    for (;;) {
        for (double mantissa : {1.0, 2.0, 5.0}) {
            // A relative tolerance absorbs the rounding of pow() and log10().
            if (mantissa * decade >= minStep * (1.0 - 1e-9))
                return mantissa * decade;
        }
        decade *= 10.0;
    }
}

std::vector<double> rulerTicks(double start, double end, double step)
{
    std::vector<double> ticks;
    if (!(step > 0.0) || end < start)
        return ticks;
    const auto first = static_cast<long long>(std::ceil(start / step - 1e-9));
    const auto last = static_cast<long long>(std::floor(end / step + 1e-9));
    for (long long k = first; k <= last && ticks.size() < 10000; ++k)
        ticks.push_back(static_cast<double>(k) * step);
    return ticks;
}

QString formatTickLabel(double t, double step)
{
    // A tenth of a unit still reads well in that unit ("0.5 s" rather than "500 ms"), and an
    // instant far from zero keeps its own unit ("1.000002 s", not "1000002 µs").
    const TimeUnit unit = unitFor(std::max(std::abs(t), step * 10.0));
    const double stepInUnit = step / unit.seconds;
    // 1, 2, 5 steps below one unit need as many decimals as their own first digit.
    const int decimals
        = stepInUnit >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(stepInUnit) - 1e-9));
    return trimmedNumber(t / unit.seconds, decimals) + QLatin1Char(' ')
           + QString::fromUtf8(unit.suffix);
}

QString formatSeconds(double seconds)
{
    const TimeUnit unit = unitFor(std::abs(seconds));
    return trimmedNumber(seconds / unit.seconds, 3) + QLatin1Char(' ')
           + QString::fromUtf8(unit.suffix);
}

} // namespace loopscope
