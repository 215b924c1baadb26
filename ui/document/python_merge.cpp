#include "document/python_merge.h"

#include <QStringList>

#include <algorithm>
#include <vector>

namespace loopscope {

namespace {

constexpr qsizetype kMaxLines = 3000;

// A run of base lines [begin, end) that one side replaced by `lines` (an insertion when empty).
struct Hunk
{
    qsizetype begin = 0;
    qsizetype end = 0;
    QStringList lines;
};

// The hunks that turn `base` into `other`, from a longest common subsequence of lines.
std::vector<Hunk> hunks(const QStringList &base, const QStringList &other)
{
    const qsizetype n = base.size();
    const qsizetype m = other.size();
    std::vector<int> lcs(std::size_t((n + 1) * (m + 1)), 0);
    auto at = [&](qsizetype i, qsizetype j) -> int & { return lcs[std::size_t(i * (m + 1) + j)]; };
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            at(i, j)
                = base[i] == other[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    std::vector<Hunk> found;
    Hunk open{0, 0, {}};
    bool changing = false;
    auto close = [&](qsizetype i) {
        if (changing) {
            open.end = i;
            found.push_back(open);
        }
        changing = false;
    };
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && base[i] == other[j]) {
            close(i);
            ++i;
            ++j;
            continue;
        }
        if (!changing)
            open = Hunk{i, i, {}};
        changing = true;
        if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j)))
            open.lines << other[j++];
        else
            ++i;
    }
    close(i);
    return found;
}

bool overlap(const Hunk &a, const Hunk &b)
{
    if (a.begin == a.end && b.begin == b.end)
        return a.begin == b.begin; // two insertions at one place: which goes first?
    if (a.begin == a.end)
        return b.begin < a.begin && a.begin < b.end;
    if (b.begin == b.end)
        return a.begin < b.begin && b.begin < a.end;
    return std::max(a.begin, b.begin) < std::min(a.end, b.end);
}

} // namespace

std::optional<QString> mergeLines(const QString &base, const QString &ours, const QString &theirs)
{
    const QStringList b = base.split(QLatin1Char('\n'));
    const QStringList o = ours.split(QLatin1Char('\n'));
    const QStringList t = theirs.split(QLatin1Char('\n'));
    if (b.size() > kMaxLines || o.size() > kMaxLines || t.size() > kMaxLines)
        return std::nullopt;
    std::vector<Hunk> all = hunks(b, o);
    const std::vector<Hunk> edit = hunks(b, t);
    for (const Hunk &mine : all)
        for (const Hunk &canvas : edit)
            if (overlap(mine, canvas))
                return std::nullopt;
    all.insert(all.end(), edit.begin(), edit.end());
    // In base order; at one place an insertion goes before a replacement that starts there.
    std::stable_sort(all.begin(), all.end(), [](const Hunk &x, const Hunk &y) {
        return x.begin != y.begin ? x.begin < y.begin : (x.end == x.begin && y.end != y.begin);
    });
    QStringList merged;
    qsizetype position = 0;
    for (const Hunk &hunk : all) {
        merged << b.mid(position, hunk.begin - position) << hunk.lines;
        position = hunk.end;
    }
    merged << b.mid(position);
    return merged.join(QLatin1Char('\n'));
}

std::optional<QString> carryUserText(QString generatedBefore, const QString &userText,
                                     QString generatedAfter)
{
    if (!userText.contains(QLatin1String("SCALE"))) {
        generatedBefore.remove(QStringLiteral(" * SCALE"));
        generatedAfter.remove(QStringLiteral(" * SCALE"));
    }
    return mergeLines(generatedBefore, userText, generatedAfter);
}

} // namespace loopscope
