// The Python of values and control flow: expressions (written as the scenario has them, with
// `$` dropped and names mapped to the program's), `as` targets, return, if, for, while, break,
// continue, set, and the module-level program around asyncio.run.
#include "python_text.h"
#include "python_writer.h"
#include "scenario/expr/error.h"
#include "scenario/expr/parser.h"
#include "scenario/json_text.h"

#include <algorithm>

namespace loopscope::python {

namespace {

void collectNames(const expr::Node &node, std::vector<const expr::Node *> &out)
{
    if (node.kind == expr::NodeKind::Name)
        out.push_back(&node);
    for (const auto &child : node.children)
        if (child)
            collectNames(*child, out);
}

// Outside `{...}` of an f-string body: quotes, backslashes and control characters escaped.
QString escapedFStringBody(const QString &body)
{
    QString out;
    int depth = 0;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const QChar c = body[i];
        if (depth == 0 && (c == u'{' || c == u'}') && i + 1 < body.size() && body[i + 1] == c) {
            out += c;
            out += c;
            ++i;
            continue;
        }
        if (c == u'{')
            ++depth;
        else if (c == u'}' && depth > 0)
            --depth;
        if (depth == 0 && (c == u'\\' || c == u'"'))
            out += u'\\';
        if (depth == 0 && c == u'\n')
            out += QStringLiteral("\\n");
        else
            out += c;
    }
    return out;
}

} // namespace

QString ProgramWriter::pyName(const QString &name) const
{
    const QString local = variable(name);
    if (!local.isEmpty())
        return local;
    if (const auto global = m_globals.constFind(name); global != m_globals.cend())
        return *global;
    return m_moduleVariables.contains(name) ? localName(name) : name;
}

// The text with each name the program writes differently replaced (and a legacy `$` dropped),
// found by parsing it; text that does not parse is written as it is (check refuses it).
QString ProgramWriter::renamed(const QString &text, bool fstring) const
{
    std::vector<const expr::Node *> names;
    expr::NodePtr root; // holds the tree the names point into while they are used
    try {
        root = fstring ? expr::parseFStringBody(text) : expr::parseExpression(text);
        collectNames(*root, names);
    } catch (const expr::Error &) {
        return text;
    }
    std::sort(names.begin(), names.end(),
              [](const expr::Node *a, const expr::Node *b) { return a->column > b->column; });
    QString out = text;
    for (const expr::Node *n : names) {
        qsizetype at = n->column - 1;
        if (at < 0 || at >= out.size())
            continue;
        qsizetype length = n->name.size();
        if (out[at] == u'$')
            ++length;
        else if (at > 0 && out[at - 1] == u'$')
            --at, ++length;
        if (out.mid(at + length - n->name.size(), n->name.size()) != n->name)
            continue;
        out.replace(at, length, pyName(n->name));
    }
    return out;
}

QString ProgramWriter::expression(const QString &text) const
{
    return renamed(text.trimmed(), false);
}

QString ProgramWriter::printText(const QString &body) const
{
    if (!body.contains(u'{') && !body.contains(u'}'))
        return text(body, [](const QString &) { return QString(); });
    return QStringLiteral("f\"") + escapedFStringBody(renamed(body, true)) + u'"';
}

// A value field: "$expr" is the expression, "$$..." the string "$...", other JSON a literal.
QString ProgramWriter::value(const PyValue &v) const
{
    const auto lookup = [this](const QString &n) { return variable(n); };
    if (v.isString()) {
        const QString s = v.toString();
        if (s.startsWith(QLatin1String("$$")))
            return literal(PyValue(s.mid(1)), [](const QString &) { return QString(); });
        if (s.startsWith(u'$') && json::isIdentifier(s.mid(1)))
            return pyName(s.mid(1)); // a variable, a global, a resource
        if (s.startsWith(u'$'))
            return QLatin1Char('(') + expression(s.mid(1)) + QLatin1Char(')');
    }
    return literal(v, lookup);
}

QString ProgramWriter::target(const QString &text)
{
    QStringList parts;
    for (QString name : text.split(u',')) {
        name = name.trimmed().remove(u'(').remove(u')');
        if (!name.isEmpty())
            parts << bind(name);
    }
    return parts.join(QStringLiteral(", "));
}

QString ProgramWriter::assigned(const Step &step, const QString &rhs)
{
    return step.as.isEmpty() ? rhs : target(step.as) + QStringLiteral(" = ") + rhs;
}

void ProgramWriter::body(const Steps &steps)
{
    ++m_indent;
    writeSteps(steps);
    --m_indent;
}

void ProgramWriter::writeFlow(const Step &step)
{
    switch (step.kind) {
    case StepKind::Return:
        return line(step.value.isAbsent() || step.value.isNone()
                        ? QStringLiteral("return")
                        : QStringLiteral("return ") + value(step.value),
                    step.label);
    case StepKind::If:
        line(QStringLiteral("if %1:").arg(expression(step.cond)), step.label);
        body(step.steps);
        for (const ElifClause &clause : step.elifs) {
            line(QStringLiteral("elif %1:").arg(expression(clause.cond)));
            body(clause.steps);
        }
        if (step.elseSteps) {
            line(QStringLiteral("else:"));
            body(*step.elseSteps);
        }
        return;
    case StepKind::For: {
        const QString in = expression(step.iterable); // before the target binds its names
        line(QStringLiteral("for %1 in %2:").arg(target(step.var), in), step.label);
        return body(step.steps);
    }
    case StepKind::While:
        line(QStringLiteral("while %1:").arg(expression(step.cond)), step.label);
        return body(step.steps);
    case StepKind::Break:
        return line(QStringLiteral("break"), step.label);
    case StepKind::Continue:
        return line(QStringLiteral("continue"), step.label);
    case StepKind::Set: {
        const QString rhs = value(step.value);
        return line(target(step.name) + QStringLiteral(" = ") + rhs, step.label);
    }
    case StepKind::Run:
        return line(
            assigned(step, QStringLiteral("asyncio.run(%1)").arg(coroCall(step.coro, step.args))),
            step.label);
    default:
        return;
    }
}

// The module's own code, after the definitions: the program's steps around asyncio.run, or
// asyncio.run(main()) alone.
void ProgramWriter::writeProgram()
{
    line(QStringLiteral("if __name__ == \"__main__\":"));
    ++m_indent;
    if (m_scenario.seed)
        line(QStringLiteral("random.seed(%1)").arg(*m_scenario.seed));
    m_locals.clear();
    if (m_scenario.program)
        writeSteps(*m_scenario.program);
    else
        line(QStringLiteral("asyncio.run(main())"));
    --m_indent;
}

} // namespace loopscope::python
