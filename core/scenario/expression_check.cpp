#include "scenario/expression_check.h"

#include "scenario/expr/builtins.h"
#include "scenario/expr/error.h"
#include "scenario/expr/parser.h"
#include "scenario/expr/static_check.h"

#include <algorithm>

namespace loopscope {

namespace {

using expr::Node;
using expr::NodeKind;

struct NameUse
{
    QString name;
    int column;
};

void collectTargets(const Node &target, QStringList &out)
{
    if (target.kind == NodeKind::Name)
        out << target.name;
    for (const auto &child : target.children)
        if (child)
            collectTargets(*child, out);
}

// The names the expression reads, less those a comprehension's `for` binds.
void collectNames(const Node &node, const QStringList &bound, std::vector<NameUse> &out)
{
    if (node.kind == NodeKind::Name) {
        if (!bound.contains(node.name))
            out.push_back({node.name, node.column});
        return;
    }
    QStringList inner = bound;
    if (node.kind == NodeKind::ListComp || node.kind == NodeKind::GeneratorExp)
        for (const auto &child : node.children)
            if (child && child->kind == NodeKind::ForClause && !child->children.empty())
                collectTargets(*child->children[0], inner);
    for (std::size_t i = 0; i < node.children.size(); ++i) {
        const auto &child = node.children[i];
        if (!child)
            continue;
        if (node.kind == NodeKind::ForClause && i == 0)
            continue; // the target binds
        if (node.kind == NodeKind::Attribute || node.kind == NodeKind::Keyword) {
            collectNames(*child, inner, out); // the attribute or keyword name is no variable
            continue;
        }
        collectNames(*child, inner, out);
    }
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(std::size_t(b.size()) + 1);
    for (std::size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[std::size_t(j)];
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[std::size_t(j)]
                = std::min({above + 1, row[std::size_t(j - 1)] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row.back();
}

// As CPython suggests: the closest name within about a third of the name's length.
QString suggestion(const QString &name, const QStringList &candidates)
{
    QString best;
    int bestDistance = std::max(1, int(name.size() + 2) / 3) + 1;
    for (const QString &candidate : candidates) {
        const int d = editDistance(name, candidate);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
        }
    }
    return best;
}

} // namespace

std::optional<QString> expressionProblem(const QString &text, bool fstring,
                                         const QStringList &known)
{
    expr::NodePtr root;
    try {
        root = fstring ? expr::parseFStringBody(text) : expr::parseExpression(text);
    } catch (const expr::Error &e) {
        return QStringLiteral("column %1: %2").arg(std::max(1, e.column)).arg(e.text());
    }
    std::vector<NameUse> names;
    collectNames(*root, {}, names);
    static const QStringList builtins = expr::builtinNames();
    for (const NameUse &use : names) {
        if (known.contains(use.name) || builtins.contains(use.name))
            continue;
        QString message = QStringLiteral("column %1: name '%2' is not defined")
                              .arg(std::max(1, use.column))
                              .arg(use.name);
        const QString near = suggestion(use.name, known + builtins);
        if (!near.isEmpty())
            message += QStringLiteral("; did you mean '%1'?").arg(near);
        return message;
    }
    return std::nullopt;
}

std::optional<QString> targetProblem(const QString &text)
{
    expr::NodePtr root;
    try {
        root = expr::parseExpression(text);
    } catch (const expr::Error &e) {
        return QStringLiteral("column %1: %2").arg(std::max(1, e.column)).arg(e.text());
    }
    const auto isTarget = [](const Node &n, auto &self) -> bool {
        if (n.kind == NodeKind::Name)
            return true;
        if (n.kind != NodeKind::Tuple && n.kind != NodeKind::List)
            return false;
        return std::all_of(n.children.begin(), n.children.end(),
                           [&](const expr::NodePtr &c) { return c && self(*c, self); });
    };
    if (!isTarget(*root, isTarget))
        return QStringLiteral("cannot assign to %1").arg(text);
    return std::nullopt;
}

QStringList targetNames(const QString &text)
{
    QStringList names;
    try {
        collectTargets(*expr::parseExpression(text), names);
    } catch (const expr::Error &) {
    }
    return names;
}

bool isNonNumericLiteral(const QString &text)
{
    try {
        const expr::NodePtr root = expr::parseExpression(text);
        return root->kind == NodeKind::Constant && !root->constant.isNumber();
    } catch (const expr::Error &) {
        return false;
    }
}

namespace {

QString kindText(expr::Value::Kind kind)
{
    using K = expr::Value::Kind;
    switch (kind) {
    case K::None:
        return QStringLiteral("None");
    case K::Int:
        return QStringLiteral("an int");
    case K::Float:
        return QStringLiteral("a float");
    case K::Bool:
        return QStringLiteral("a bool");
    case K::Str:
        return QStringLiteral("a str");
    case K::Dict:
        return QStringLiteral("a dict");
    case K::List:
        return QStringLiteral("a list");
    case K::Tuple:
        return QStringLiteral("a tuple");
    case K::Range:
        return QStringLiteral("a range");
    case K::Object:
        break;
    }
    return QStringLiteral("an object");
}

bool isRangeCall(const Node &node)
{
    return node.kind == NodeKind::Call && !node.children.empty() && node.children[0]
           && node.children[0]->kind == NodeKind::Name && node.children[0]->name == u"range";
}

// What an item of the starred value is when its text says it is no awaitable ("an int"), or
// empty when it may be a task or a coroutine object. rangeInts: comprehension variables that
// iterate a range().
QString notAwaitable(const Node &item, const QStringList &rangeInts)
{
    if (item.kind == NodeKind::Name && rangeInts.contains(item.name))
        return QStringLiteral("an int");
    if (isRangeCall(item))
        return QStringLiteral("a range");
    if (const auto kind = expr::literalKind(item))
        return kindText(*kind);
    return {};
}

} // namespace

std::optional<QString> starProblem(const QString &text)
{
    expr::NodePtr root;
    try {
        root = expr::parseExpression(text);
    } catch (const expr::Error &) {
        return std::nullopt; // expressionProblem says what
    }
    const Node &value = *root;
    if (isRangeCall(value))
        return QStringLiteral("a range, whose items are ints");
    if (value.kind == NodeKind::List || value.kind == NodeKind::Tuple) {
        for (std::size_t i = 0; i < value.children.size(); ++i) {
            const QString what = notAwaitable(*value.children[i], {});
            if (!what.isEmpty() && value.children[i]->kind != NodeKind::Starred)
                return QStringLiteral("a %1 whose item %2 is %3")
                    .arg(value.kind == NodeKind::List ? u"list" : u"tuple")
                    .arg(i)
                    .arg(what);
        }
        return std::nullopt;
    }
    if (value.kind == NodeKind::ListComp || value.kind == NodeKind::GeneratorExp) {
        QStringList rangeInts;
        for (std::size_t i = 1; i < value.children.size(); ++i) {
            const Node &clause = *value.children[i];
            if (clause.children.size() >= 2 && clause.children[0]->kind == NodeKind::Name
                && isRangeCall(*clause.children[1]))
                rangeInts << clause.children[0]->name;
        }
        const QString what = notAwaitable(*value.children[0], rangeInts);
        if (!what.isEmpty())
            return QStringLiteral("a %1 whose items are each %2")
                .arg(value.kind == NodeKind::ListComp ? u"list comprehension" : u"generator")
                .arg(what);
        return std::nullopt;
    }
    const auto kind = expr::literalKind(value); // a list or tuple made otherwise may hold tasks
    if (kind && kind != expr::Value::Kind::List && kind != expr::Value::Kind::Tuple)
        return kindText(*kind);
    return std::nullopt;
}

} // namespace loopscope
