// Where each value of a JSON text starts, so that a problem found on the parsed document (or on
// the model read from it) can point at a line and column. QJsonDocument keeps no positions and
// sorts object keys; this map keeps both the positions and the keys in the order written.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace loopscope {

struct TextPosition
{
    int line = 0;   // 1-based
    int column = 0; // 1-based, in characters (UTF-8 code points)
};

class JsonSourceMap
{
public:
    // Maps `text`, which should be JSON that QJsonDocument accepted; on anything unexpected the
    // map covers what was scanned before it.
    explicit JsonSourceMap(QByteArray text);

    // Byte offset of the value at `path` ("coroutines[2].steps[0].seconds"). When the path
    // leads to a key or element that is not there, the offset of the deepest value that is:
    // a missing field points at the object that lacks it. nullopt for an unparsable path.
    std::optional<qsizetype> offsetOf(const QString &path) const;
    // The keys of the object at `path` as written (duplicates once); empty if not an object.
    QStringList keysInOrder(const QString &path) const;
    // A number, true, false or null at `path` as written ("1.0", "-2e3"): QJsonDocument keeps
    // 1.0 as the integer 1, the text tells the float. Empty for anything else or nothing.
    QByteArray scalarText(const QString &path) const;

    TextPosition positionOf(qsizetype offset) const;

private:
    struct Node
    {
        qsizetype offset = 0;
        std::vector<std::pair<QString, int>> members; // objects: key, node index
        std::vector<int> elements;                    // arrays: node index
        bool isObject = false;
    };
    struct Lookup
    {
        int node = -1;
        bool complete = false;
    };

    int scanValue(qsizetype &i, int depth);
    int scanObject(qsizetype &i, int depth);
    int scanArray(qsizetype &i, int depth);
    std::optional<QString> scanString(qsizetype &i) const;
    void skipSpace(qsizetype &i) const;
    Lookup find(const QString &path) const;

    QByteArray m_text;
    std::vector<Node> m_nodes; // m_nodes[0] is the root when the text was scanned
};

} // namespace loopscope
