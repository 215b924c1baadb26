#include "timeline/lane_rows.h"

#include <QRegularExpression>

#include <algorithm>
#include <numeric>
#include <ranges>

namespace loopscope {

namespace {

// "ThreadPoolExecutor-0_1" and "asyncio_0" are threads 1 and 0 of pools named before the '_'.
QString poolOf(const QString &threadName)
{
    static const QRegularExpression suffix(QStringLiteral("_\\d+$"));
    QString pool = threadName;
    pool.remove(suffix);
    return pool;
}

} // namespace

std::vector<LaneGroup> laneGroups(const Trace &trace)
{
    std::vector<LaneGroup> groups;
    QHash<QString, int> byKey;
    for (int i = 0; i < int(trace.lanes.size()); ++i) {
        const Lane &lane = trace.lanes[std::size_t(i)];
        QString name;
        QString key;
        if (lane.kind == LaneKind::Task && !lane.coro.isEmpty()) {
            name = lane.coro;
            key = QStringLiteral("coro:") + name;
        } else if (lane.kind == LaneKind::Thread) {
            name = poolOf(lane.name);
            key = QStringLiteral("pool:") + name;
        } else {
            continue;
        }
        auto it = byKey.constFind(key);
        if (it == byKey.constEnd()) {
            it = byKey.insert(key, int(groups.size()));
            groups.push_back({key, name, {}});
        }
        groups[std::size_t(*it)].lanes.push_back(i);
    }
    // A lane alone is no group: it stays a lane.
    std::erase_if(groups, [](const LaneGroup &g) { return g.lanes.size() < 2; });
    return groups;
}

int LaneRows::rowOfLane(int lane) const
{
    return lane >= 0 && lane < int(m_rowOf.size()) ? m_rowOf[lane] : -1;
}

int LaneRows::rowOfFold(int group) const
{
    return group >= 0 && group < int(m_foldRow.size()) ? m_foldRow[std::size_t(group)] : -1;
}

FoldState LaneRows::foldState(int group) const
{
    return m_folds.value(m_groups[std::size_t(group)].key, FoldState::Plain);
}

void LaneRows::setFoldState(const QString &groupKey, FoldState state)
{
    if (state == FoldState::Plain)
        m_folds.remove(groupKey);
    else
        m_folds.insert(groupKey, state);
}

bool LaneRows::matches(const Lane &lane) const
{
    if (!m_filter.text.isEmpty() && !lane.name.contains(m_filter.text, Qt::CaseInsensitive))
        return false;
    if (m_filter.states.isEmpty())
        return true;
    // Zero-length spans count too: on the virtual clock a task runs in instants.
    return std::any_of(lane.spans.begin(), lane.spans.end(),
                       [this](const Span &s) { return m_filter.states.contains(s.state); });
}

void LaneRows::countMatches(const Trace &trace)
{
    m_matches.assign(m_groups.size(), 0);
    if (m_filter.isEmpty())
        return;
    for (std::size_t g = 0; g < m_groups.size(); ++g)
        for (int lane : m_groups[g].lanes)
            m_matches[g] += matches(trace.lanes[std::size_t(lane)]) ? 1 : 0;
}

void LaneRows::rebuild(const Trace &trace)
{
    const int count = int(trace.lanes.size());
    m_rows.clear();
    m_rowOf.assign(count, -1);
    m_depth.assign(count, 0);
    m_children.assign(count, {});
    m_groups = laneGroups(trace);
    m_groupOf.assign(count, -1);
    for (std::size_t g = 0; g < m_groups.size(); ++g)
        for (int lane : m_groups[g].lanes)
            m_groupOf[std::size_t(lane)] = int(g);
    m_foldRow.assign(m_groups.size(), -1);
    m_foldDepth.assign(m_groups.size(), 0);
    countMatches(trace);
    std::vector<int> roots;
    for (int i = 0; i < count; ++i) {
        const int parent = trace.lanes[i].parent;
        // A parent must come first (creation order); anything else is treated as a root.
        if (parent >= 0 && parent < i)
            m_children[parent].push_back(i);
        else
            roots.push_back(i);
    }
    // A lane is shown when it or one of its descendants matches the filter.
    std::vector<char> shown(count, 0);
    for (int i = count - 1; i >= 0; --i) {
        if (!shown[i] && matches(trace.lanes[i]))
            shown[i] = 1;
        const int parent = trace.lanes[i].parent;
        if (shown[i] && parent >= 0 && parent < i)
            shown[parent] = 1;
    }
    for (int root : roots)
        addSubtree(trace, root, shown);
}

// Iterative depth-first walk: a chain of 10,000 nested tasks must not overflow the stack. A
// lane of a folded or open group, met at its place in the tree, puts the group's row there (at
// the first member met); an open group's lanes are then visited as members, under that row.
void LaneRows::addSubtree(const Trace &trace, int root, const std::vector<char> &shown)
{
    std::vector<Visit> stack{{root, 0, false}};
    while (!stack.empty()) {
        const Visit visit = stack.back();
        stack.pop_back();
        if (!shown[visit.lane])
            continue;
        const int group = m_groupOf[std::size_t(visit.lane)];
        if (group >= 0 && foldState(group) != FoldState::Plain && !visit.asMember) {
            if (m_foldRow[std::size_t(group)] < 0) // else placed already, at its first member
                placeGroup(group, visit.depth, shown, stack);
            continue;
        }
        m_depth[visit.lane] = visit.depth;
        m_rowOf[visit.lane] = int(m_rows.size());
        m_rows.push_back(visit.lane);
        if (isCollapsed(trace.lanes[visit.lane].id))
            continue;
        for (int child : std::views::reverse(m_children[visit.lane]))
            stack.push_back({child, visit.depth + 1, false});
    }
}

// The group's row; under it its lanes when open, or when folded its lanes' children.
void LaneRows::placeGroup(int group, int depth, const std::vector<char> &shown,
                          std::vector<Visit> &stack)
{
    const int row = int(m_rows.size());
    m_foldRow[std::size_t(group)] = row;
    m_foldDepth[std::size_t(group)] = depth;
    m_rows.push_back(-(group + 1));
    const bool open = foldState(group) == FoldState::Open;
    for (int member : std::views::reverse(m_groups[std::size_t(group)].lanes)) {
        if (open) {
            stack.push_back({member, depth + 1, true});
            continue;
        }
        if (shown[member])
            m_rowOf[member] = row;
        for (int child : std::views::reverse(m_children[member]))
            stack.push_back({child, depth + 1, false});
    }
}

bool LaneRows::autoFold(const Trace &trace, int screenRows)
{
    if (rowCount() <= screenRows)
        return false;
    std::vector<int> order(m_groups.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        return m_groups[std::size_t(a)].lanes.size() > m_groups[std::size_t(b)].lanes.size();
    });
    int rows = rowCount();
    bool folded = false;
    for (int group : order) {
        if (rows <= screenRows)
            break;
        if (foldState(group) != FoldState::Plain)
            continue;
        // Estimated: its lanes become one row (their children stay rows).
        rows -= int(m_groups[std::size_t(group)].lanes.size()) - 1;
        setFoldState(m_groups[std::size_t(group)].key, FoldState::Folded);
        folded = true;
    }
    if (folded)
        rebuild(trace);
    return folded;
}

} // namespace loopscope
