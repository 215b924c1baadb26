#include "scenario/json_source_map.h"

#include <algorithm>
#include <cstring>

namespace loopscope {

namespace {

constexpr int kMaxDepth = 1100; // above QJsonDocument's own nesting limit

// One step of a path: a key or an array index.
struct PathSegment
{
    QString key;
    qsizetype index = -1;
};

// Parses what json::childPath/indexPath produce: a.b[2]["*"].c
std::optional<std::vector<PathSegment>> parsePath(const QString &path)
{
    std::vector<PathSegment> segments;
    qsizetype i = 0;
    while (i < path.size()) {
        const QChar c = path[i];
        if (c == QLatin1Char('.')) {
            ++i;
        } else if (c == QLatin1Char('[') && i + 1 < path.size() && path[i + 1] == u'"') {
            QString key;
            for (i += 2; i < path.size() && path[i] != u'"'; ++i) {
                if (path[i] == u'\\' && i + 1 < path.size())
                    ++i;
                key += path[i];
            }
            if (i + 1 >= path.size() || path[i + 1] != u']')
                return std::nullopt;
            i += 2;
            segments.push_back({key, -1});
        } else if (c == QLatin1Char('[')) {
            const qsizetype close = path.indexOf(QLatin1Char(']'), i);
            bool ok = false;
            const qsizetype index = close < 0 ? -1 : path.mid(i + 1, close - i - 1).toLongLong(&ok);
            if (!ok || index < 0)
                return std::nullopt;
            segments.push_back({{}, index});
            i = close + 1;
        } else {
            qsizetype end = i;
            while (end < path.size() && path[end] != u'.' && path[end] != u'[')
                ++end;
            segments.push_back({path.mid(i, end - i), -1});
            i = end;
        }
    }
    return segments;
}

} // namespace

JsonSourceMap::JsonSourceMap(QByteArray text)
    : m_text(std::move(text))
{
    qsizetype i = 0;
    skipSpace(i);
    scanValue(i, 0);
}

void JsonSourceMap::skipSpace(qsizetype &i) const
{
    while (i < m_text.size()
           && (m_text[i] == ' ' || m_text[i] == '\n' || m_text[i] == '\r' || m_text[i] == '\t'))
        ++i;
}

int JsonSourceMap::scanValue(qsizetype &i, int depth)
{
    if (i >= m_text.size() || depth > kMaxDepth)
        return -1;
    if (m_text[i] == '{')
        return scanObject(i, depth);
    if (m_text[i] == '[')
        return scanArray(i, depth);
    const int index = int(m_nodes.size());
    m_nodes.push_back({i, {}, {}, false});
    if (m_text[i] == '"')
        return scanString(i) ? index : -1;
    // A number or a literal: it ends at the next delimiter. Nothing before it means the text
    // is not JSON; stopping there keeps every loop moving forward.
    const qsizetype start = i;
    while (i < m_text.size() && !QByteArrayView(",]} \n\r\t").contains(m_text[i]))
        ++i;
    return i > start ? index : -1;
}

int JsonSourceMap::scanObject(qsizetype &i, int depth)
{
    const int index = int(m_nodes.size());
    m_nodes.push_back({i, {}, {}, true});
    ++i; // {
    for (skipSpace(i); i < m_text.size() && m_text[i] != '}'; skipSpace(i)) {
        if (m_text[i] == ',') {
            ++i;
            continue;
        }
        const std::optional<QString> key = scanString(i);
        skipSpace(i);
        if (!key || i >= m_text.size() || m_text[i] != ':')
            return index;
        ++i;
        skipSpace(i);
        const int child = scanValue(i, depth + 1);
        if (child < 0)
            return index;
        m_nodes[std::size_t(index)].members.emplace_back(*key, child);
    }
    ++i; // }
    return index;
}

int JsonSourceMap::scanArray(qsizetype &i, int depth)
{
    const int index = int(m_nodes.size());
    m_nodes.push_back({i, {}, {}, false});
    ++i; // [
    for (skipSpace(i); i < m_text.size() && m_text[i] != ']'; skipSpace(i)) {
        if (m_text[i] == ',') {
            ++i;
            continue;
        }
        const int child = scanValue(i, depth + 1);
        if (child < 0)
            return index;
        m_nodes[std::size_t(index)].elements.push_back(child);
    }
    ++i; // ]
    return index;
}

std::optional<QString> JsonSourceMap::scanString(qsizetype &i) const
{
    if (i >= m_text.size() || m_text[i] != '"')
        return std::nullopt;
    QString decoded;
    qsizetype runStart = ++i; // raw UTF-8 runs between escapes are decoded in one go
    for (; i < m_text.size() && m_text[i] != '"'; ++i) {
        if (m_text[i] != '\\')
            continue;
        decoded += QString::fromUtf8(m_text.constData() + runStart, i - runStart);
        if (++i >= m_text.size())
            return std::nullopt;
        const char e = m_text[i];
        if (e == 'u') {
            // UTF-16 code units map to QChars one to one, surrogate pairs included.
            decoded += QChar(char16_t(m_text.mid(i + 1, 4).toUShort(nullptr, 16)));
            i += 4;
        } else {
            const char *from = "bfnrt", *to = "\b\f\n\r\t";
            const char *hit = std::strchr(from, e);
            decoded += QLatin1Char(hit && e ? to[hit - from] : e);
        }
        runStart = i + 1;
    }
    decoded += QString::fromUtf8(m_text.constData() + runStart, i - runStart);
    if (i >= m_text.size())
        return std::nullopt;
    ++i; // closing quote
    return decoded;
}

JsonSourceMap::Lookup JsonSourceMap::find(const QString &path) const
{
    const auto segments = parsePath(path);
    if (!segments || m_nodes.empty())
        return {};
    int node = 0;
    for (const PathSegment &segment : *segments) {
        const Node &n = m_nodes[std::size_t(node)];
        int next = -1;
        if (segment.index >= 0 && std::size_t(segment.index) < n.elements.size())
            next = n.elements[std::size_t(segment.index)];
        // The last of duplicate keys, as QJsonDocument keeps the last one.
        for (const auto &[key, child] : n.members)
            if (segment.index < 0 && key == segment.key)
                next = child;
        if (next < 0)
            return {node, false};
        node = next;
    }
    return {node, true};
}

std::optional<qsizetype> JsonSourceMap::offsetOf(const QString &path) const
{
    const Lookup lookup = find(path);
    if (lookup.node < 0)
        return std::nullopt;
    return m_nodes[std::size_t(lookup.node)].offset;
}

QStringList JsonSourceMap::keysInOrder(const QString &path) const
{
    const Lookup lookup = find(path);
    QStringList keys;
    if (!lookup.complete)
        return keys;
    for (const auto &member : m_nodes[std::size_t(lookup.node)].members)
        if (!keys.contains(member.first))
            keys << member.first;
    return keys;
}

QByteArray JsonSourceMap::scalarText(const QString &path) const
{
    const Lookup lookup = find(path);
    if (!lookup.complete)
        return {};
    const qsizetype start = m_nodes[std::size_t(lookup.node)].offset;
    if (start >= m_text.size() || QByteArrayView("\"{[").contains(m_text[start]))
        return {};
    qsizetype end = start;
    while (end < m_text.size() && !QByteArrayView(",]} \n\r\t").contains(m_text[end]))
        ++end;
    return m_text.mid(start, end - start);
}

TextPosition JsonSourceMap::positionOf(qsizetype offset) const
{
    offset = std::clamp<qsizetype>(offset, 0, m_text.size());
    TextPosition position{1, 1};
    for (qsizetype i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(m_text[i]);
        if (byte == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((byte & 0xC0) != 0x80) { // not a UTF-8 continuation byte
            ++position.column;
        }
    }
    return position;
}

} // namespace loopscope
