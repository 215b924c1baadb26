#include "timeline/lane_rows.h"

#include <algorithm>

namespace loopscope {

int LaneRows::rowOfLane(int lane) const
{
    return lane >= 0 && lane < int(m_rowOf.size()) ? m_rowOf[lane] : -1;
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

void LaneRows::rebuild(const Trace &trace)
{
    const int count = int(trace.lanes.size());
    m_rows.clear();
    m_rowOf.assign(count, -1);
    m_depth.assign(count, 0);
    m_children.assign(count, {});
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

// Iterative depth-first walk: a chain of 10,000 nested tasks must not overflow the stack.
void LaneRows::addSubtree(const Trace &trace, int root, const std::vector<char> &shown)
{
    std::vector<std::pair<int, int>> stack{{root, 0}};
    while (!stack.empty()) {
        const auto [lane, depth] = stack.back();
        stack.pop_back();
        if (!shown[lane])
            continue;
        m_depth[lane] = depth;
        m_rowOf[lane] = int(m_rows.size());
        m_rows.push_back(lane);
        if (isCollapsed(trace.lanes[lane].id))
            continue;
        const auto &children = m_children[lane];
        for (auto it = children.rbegin(); it != children.rend(); ++it)
            stack.emplace_back(*it, depth + 1);
    }
}

} // namespace loopscope
