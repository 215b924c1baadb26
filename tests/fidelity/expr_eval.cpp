// Evaluates Python expressions with Loopscope's expression engine, one per input line, and
// prints each result's repr, or "Error: Type: message": the Loopscope side of
// tests/fidelity/expressions.py, which compares the lines with CPython's eval.
// A line starting with "fbody:" is a print text: an f-string body, printed as str.
#include "scenario/expr/error.h"
#include "scenario/expr/eval.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace loopscope::expr;

namespace {

// The names the generator's expressions may read, bound as in expressions.py's NAMESPACE.
class FixtureScope : public Scope
{
public:
    FixtureScope()
    {
        m_names = {{QStringLiteral("a"), Value::integer(7)},
                   {QStringLiteral("b"), Value::integer(-3)},
                   {QStringLiteral("f"), Value::real(2.5)},
                   {QStringLiteral("s"), Value::string(QStringLiteral("hello"))},
                   {QStringLiteral("L"),
                    Value::list({Value::integer(1), Value::integer(2), Value::integer(3)})},
                   {QStringLiteral("T"),
                    Value::tuple({Value::integer(1), Value::string(QStringLiteral("x"))})},
                   {QStringLiteral("D"),
                    Value::dict({{Value::string(QStringLiteral("k")), Value::integer(1)},
                                 {Value::integer(2), Value::string(QStringLiteral("two"))}})}};
    }
    std::optional<Value> lookup(const QString &name) override
    {
        for (const auto &[bound, value] : m_names)
            if (bound == name)
                return value;
        return std::nullopt;
    }
    double clock() override { return 12.5; }
    Random &random() override { return m_random; }

private:
    std::vector<std::pair<QString, Value>> m_names;
    Random m_random;
};

QString resultLine(const QString &line, FixtureScope &scope)
{
    try {
        if (line.startsWith(QLatin1String("fbody:")))
            return evaluate(*parseFStringBody(line.mid(6)), scope).str();
        return evaluate(*parseExpression(line), scope).repr();
    } catch (const Error &error) {
        return QLatin1String("Error: ") + error.type + QLatin1String(": ") + error.message;
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream in(stdin);
    QTextStream out(stdout);
    in.setEncoding(QStringConverter::Utf8);
    out.setEncoding(QStringConverter::Utf8);
    FixtureScope scope;
    while (!in.atEnd()) {
        const QString line = in.readLine();
        out << resultLine(line, scope).replace(QLatin1Char('\n'), QLatin1String("\\n")) << '\n';
    }
    return 0;
}
