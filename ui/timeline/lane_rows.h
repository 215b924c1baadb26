// Which lanes the timeline shows, in which order and at which depth: task lanes nest under the
// lane that created them (`parent`), subtrees collapse, a filter keeps matching lanes (and
// their ancestors, for context). Rebuilt when the trace's lanes or the user's choices change,
// never per frame.
#pragma once

#include "trace/trace.h"

#include <QSet>
#include <QString>

#include <vector>

namespace loopscope {

struct LaneFilter
{
    QString text;           // case-insensitive part of the lane name; empty matches all
    QSet<LaneState> states; // lanes with at least one span in one of these; empty matches all

    bool isEmpty() const { return text.isEmpty() && states.isEmpty(); }
};

class LaneRows
{
public:
    void rebuild(const Trace &trace);

    int rowCount() const { return int(m_rows.size()); }
    int laneAt(int row) const { return row >= 0 && row < rowCount() ? m_rows[row] : -1; }
    int rowOfLane(int lane) const; // -1 when hidden
    int depth(int lane) const { return m_depth[lane]; }
    bool hasChildren(int lane) const { return !m_children[lane].empty(); }

    bool isCollapsed(const QString &laneId) const { return m_collapsed.contains(laneId); }
    void setCollapsed(const QString &laneId, bool collapsed) // call rebuild() afterwards
    {
        collapsed ? void(m_collapsed.insert(laneId)) : void(m_collapsed.remove(laneId));
    }
    void expandAll() { m_collapsed.clear(); }

    const LaneFilter &filter() const { return m_filter; }
    void setFilter(const LaneFilter &filter) { m_filter = filter; } // then rebuild()

private:
    bool matches(const Lane &lane) const;
    void addSubtree(const Trace &trace, int lane, const std::vector<char> &shown);

    std::vector<int> m_rows;  // lane index per row
    std::vector<int> m_rowOf; // row per lane, -1 hidden
    std::vector<int> m_depth;
    std::vector<std::vector<int>> m_children;
    QSet<QString> m_collapsed; // by lane id, so that it survives live updates
    LaneFilter m_filter;
};

} // namespace loopscope
