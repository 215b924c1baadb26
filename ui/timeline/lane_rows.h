// Which lanes the timeline shows, in which order and at which depth: task lanes nest under the
// lane that created them (`parent`), subtrees collapse, a filter keeps matching lanes (and
// their ancestors, for context). The tasks of one coroutine and the threads of one pool form a
// group that can fold into one row (a fold, drawn as counts per state; fold_timeline.h). A fold
// sits where its first member would; its members' children follow it. Rebuilt when the trace's
// lanes or the user's choices change, never per frame.
#pragma once

#include "trace/trace.h"

#include <QHash>
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

// Lanes that fold together: the tasks of one coroutine, the threads of one pool (two or more).
struct LaneGroup
{
    QString key;  // "coro:fetch", "pool:ThreadPoolExecutor-0": stable across live updates
    QString name; // "fetch", "ThreadPoolExecutor-0"
    std::vector<int> lanes;
};
std::vector<LaneGroup> laneGroups(const Trace &trace);

// Plain: the group's lanes sit in the tree as any lane. Folded: one row stands for them.
// Open: that row stays as a header (to fold them again) with the lanes under it.
enum class FoldState : std::uint8_t { Plain, Folded, Open };
using FoldChoices = QHash<QString, FoldState>; // by group key; absent means Plain

class LaneRows
{
public:
    void rebuild(const Trace &trace);

    int rowCount() const { return int(m_rows.size()); }
    // The lane a row shows, -1 for a fold's row (see foldAt).
    int laneAt(int row) const { return row >= 0 && row < rowCount() ? m_rows[row] : -1; }
    // The group whose fold (or header) a row shows, -1 for a lane's row.
    int foldAt(int row) const
    {
        return row >= 0 && row < rowCount() && m_rows[row] < 0 ? -m_rows[row] - 1 : -1;
    }
    int rowOfLane(int lane) const; // the fold's row for a folded lane; -1 when hidden
    int rowOfFold(int group) const;
    int depth(int lane) const { return m_depth[lane]; }
    int foldDepth(int group) const { return m_foldDepth[std::size_t(group)]; }
    bool hasChildren(int lane) const { return !m_children[lane].empty(); }

    bool isCollapsed(const QString &laneId) const { return m_collapsed.contains(laneId); }
    void setCollapsed(const QString &laneId, bool collapsed) // call rebuild() afterwards
    {
        collapsed ? void(m_collapsed.insert(laneId)) : void(m_collapsed.remove(laneId));
    }
    void expandAll() { m_collapsed.clear(); }

    const LaneFilter &filter() const { return m_filter; }
    void setFilter(const LaneFilter &filter) { m_filter = filter; } // then rebuild()

    const std::vector<LaneGroup> &groups() const { return m_groups; }
    int groupOf(int lane) const { return m_groupOf[std::size_t(lane)]; } // -1: in no group
    // A folded group that the filter matched inside stays folded: its row tells how many of its
    // lanes match (opening it shows just those).
    int filterMatches(int group) const { return m_matches[std::size_t(group)]; }
    FoldState foldState(int group) const;
    const FoldChoices &foldChoices() const { return m_folds; }
    void setFoldChoices(const FoldChoices &folds) { m_folds = folds; } // then rebuild()
    void setFoldState(const QString &groupKey, FoldState state);       // then rebuild()
    // Folds the biggest plain groups until the rows fit in `screenRows` (or none is left); the
    // user's choices (folded or open) are kept. True when it folded any.
    bool autoFold(const Trace &trace, int screenRows);

private:
    bool matches(const Lane &lane) const;
    struct Visit
    {
        int lane;
        int depth;
        bool asMember; // of an open group, under its row
    };
    void addSubtree(const Trace &trace, int lane, const std::vector<char> &shown);
    void placeGroup(int group, int depth, const std::vector<char> &shown,
                    std::vector<Visit> &stack);
    void countMatches(const Trace &trace);

    std::vector<int> m_rows;  // lane index per row; -(group + 1) for a fold's row
    std::vector<int> m_rowOf; // row per lane, -1 hidden
    std::vector<int> m_depth;
    std::vector<std::vector<int>> m_children;
    QSet<QString> m_collapsed; // by lane id, so that it survives live updates
    LaneFilter m_filter;
    std::vector<LaneGroup> m_groups;
    std::vector<int> m_groupOf;
    std::vector<int> m_foldRow;   // row per group, -1 when it has none
    std::vector<int> m_foldDepth; // per group
    std::vector<int> m_matches;   // per group: lanes matching a non-empty filter
    FoldChoices m_folds;
};

} // namespace loopscope
