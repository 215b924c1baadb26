// The expression engine (core/scenario/expr): parsing with Python's precedence and syntax
// errors with columns, evaluation with CPython's results and error texts, the format
// mini-language, f-strings, seeded random as CPython's, and the static pass for check.
// tests/fidelity/expressions.py compares thousands more with CPython itself.
#include "scenario/expr/error.h"
#include "scenario/expr/eval.h"
#include "scenario/expr/format.h"
#include "scenario/expr/static_check.h"
#include "scenario/py_value.h"

#include <QTest>

using namespace loopscope;
using namespace loopscope::expr;

namespace {

class TestScope : public Scope
{
public:
    std::optional<Value> lookup(const QString &name) override
    {
        for (const auto &[bound, value] : names)
            if (bound == name)
                return value;
        return std::nullopt;
    }
    double clock() override { return now; }
    Random &random() override { return generator; }

    std::vector<std::pair<QString, Value>> names{
        {QStringLiteral("n"), Value::integer(5)},
        {QStringLiteral("delay"), Value::real(0.25)},
        {QStringLiteral("L"), Value::list({Value::integer(1), Value::integer(2)})}};
    double now = 1.5;
    Random generator;
};

// repr() of the result, or "Type: message".
QString run(const QString &text, TestScope &scope)
{
    try {
        return evaluate(Expr::parse(text), scope).repr();
    } catch (const Error &error) {
        return error.text();
    }
}

QString run(const QString &text)
{
    TestScope scope;
    return run(text, scope);
}

} // namespace

class TestExpr : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluatesAsCPython_data();
    void evaluatesAsCPython();
    void syntaxErrorsGiveColumns_data();
    void syntaxErrorsGiveColumns();
    void formatsAsCPython_data();
    void formatsAsCPython();
    void printTextIsAnFStringBody();
    void randomMatchesCPythonSeeds();
    void clockComesFromTheScope();
    void listsAreSharedAsInPython();
    void staticPassFindsFreeNamesAndLiteralKinds();
    void convertsLiteralsFromPyValue();
    void exprComparesByText();
};

void TestExpr::evaluatesAsCPython_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const std::vector<std::pair<const char *, const char *>> rows{
        {"1 + 2 * 3", "7"},
        {"-2**2", "-4"},
        {"2**-1", "0.5"},
        {"2**3**2", "512"},
        {"7 // -2", "-4"},
        {"-7 % 3", "2"},
        {"7.5 % -2", "-0.5"},
        {"(-7) // 2.0", "-4.0"},
        {"1 / 3", "0.3333333333333333"},
        {"9007199254740993 / 1", "9007199254740992.0"},
        {"0x1f + 0o17 + 0b101 + 1_000", "1051"},
        {"1. + .5 + 1e3", "1001.5"},
        {"1 < 2 < 3", "True"},
        {"1 < 3 < 2", "False"},
        {"2**53 + 1 == float(2**53)", "False"},
        {"1 == 1.0 == True", "True"},
        {"0 or '' or [] or 'x'", "'x'"},
        {"1 and 0 and 2", "0"},
        {"not 1 == 2", "True"},
        {"'yes' if n > 3 else 'no'", "'yes'"},
        {"$n * 2", "10"},
        {"[i * i for i in range(5) if i % 2]", "[1, 9]"},
        {"[(i, j) for i in range(2) for j in 'ab']", "[(0, 'a'), (0, 'b'), (1, 'a'), (1, 'b')]"},
        {"sum(x for x in range(1, n + 1))", "15"},
        {"sum([0.1] * 10)", "1.0"},
        {"sum([1e16, 1.0, -1e16])", "1.0"},
        {"{1: 'a', 1.0: 'b', True: 'c'}", "{1: 'c'}"},
        {"{'k': [1, (2,)], None: -0.0}", "{'k': [1, (2,)], None: -0.0}"},
        {"'abc'[::-1] + 'xyz'[1:]", "'cbayz'"},
        {"range(3)", "range(0, 3)"},
        {"range(10)[1:8:3]", "range(1, 8, 3)"},
        {"list(range(10, 0, -3))", "[10, 7, 4, 1]"},
        {"round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(1250, -2)",
         "(2, 4, 0, 2.67, 1200)"},
        {"round(1234.5, -2)", "1200.0"},
        {"sorted([3, 1, 2], reverse=True)", "[3, 2, 1]"},
        {"min(3, 1, 2), max('ab', 'b'), abs(-2.5), len({'a': 1})", "(1, 'b', 2.5, 1)"},
        {"int('-1_000'), int(' 7 '), float('1e-5'), str(1e16), bool([])",
         "(-1000, 7, 1e-05, '1e+16', False)"},
        {"list(enumerate('ab', 1)), list(zip([1, 2], 'xyz'))",
         "([(1, 'a'), (2, 'b')], [(1, 'x'), (2, 'y')])"},
        {"'a,b'.split(',') + ' x '.strip().upper().split()", "['a', 'b', 'X']"},
        {"'-'.join(str(i) for i in L)", "'1-2'"},
        // str.format, positional fields (PyMOTW's '{!r}'.format(x)); CPython 3.12's texts
        {"'{!r} and {}'.format('a', [1, 2])", "\"'a' and [1, 2]\""},
        {"'{1}{0}{{x}}{0:>4}'.format(1, 'b')", "'b1{x}   1'"},
        {"'{} {}'.format(1)", "IndexError: Replacement index 1 out of range for positional args "
                              "tuple"},
        {"'{0} {}'.format(1, 2)", "ValueError: cannot switch from manual field specification to "
                                  "automatic field numbering"},
        {"'{'.format(1)", "ValueError: Single '{' encountered in format string"},
        {"'{!x}'.format(1)", "ValueError: Unknown conversion specifier x"},
        // any() and all() stop at the element that decides (the rest would raise)
        {"any(1 / v > 0 for v in [1, 0])", "True"},
        {"all(v > 1 and 1 / v for v in [2, 0, 1])", "False"},
        {"any(x for r in [[0, 1], None] for x in r)", "True"},
        {"any(x for x in [0, 1 / 0])", "ZeroDivisionError: division by zero"},
        {"all([v for v in [1, 0]]), any(v for v in [])", "(False, False)"},
        {"{'a': 1}.get('b', 0), list({'a': 1}.items())", "(0, [('a', 1)])"},
        {"1 + 'a'", "TypeError: unsupported operand type(s) for +: 'int' and 'str'"},
        {"'a' + 1", "TypeError: can only concatenate str (not \"int\") to str"},
        {"'a' < 1", "TypeError: '<' not supported between instances of 'str' and 'int'"},
        {"1 / 0", "ZeroDivisionError: division by zero"},
        {"1 // 0", "ZeroDivisionError: integer division or modulo by zero"},
        {"1.0 / 0", "ZeroDivisionError: float division by zero"},
        {"0 ** -1", "ZeroDivisionError: 0.0 cannot be raised to a negative power"},
        {"[1][5]", "IndexError: list index out of range"},
        {"{'a': 1}['b']", "KeyError: 'b'"},
        {"x + 1", "NameError: name 'x' is not defined"},
        {"[1] in {}", "TypeError: unhashable type: 'list'"},
        {"sorted([1, 'a', 2.0])",
         "TypeError: '<' not supported between instances of 'str' and 'int'"},
        {"min([])", "ValueError: min() iterable argument is empty"},
        {"int('3.5')", "ValueError: invalid literal for int() with base 10: '3.5'"},
        {"a, b = 1", "SyntaxError: invalid syntax"},
        {"[k for k, v in [(1, 2, 3)]]", "ValueError: too many values to unpack (expected 2)"},
        {"2 ** 64", "OverflowError: ints beyond 64 bits are not supported"},
        {"-(-9223372036854775807 - 1)", "OverflowError: ints beyond 64 bits are not supported"},
        {"10.0 ** 400", "OverflowError: (34, 'Numerical result out of range')"},
        {"(1).foo", "AttributeError: 'int' object has no attribute 'foo'"},
        // Each found by tests/fidelity/expressions.py, and fixed:
        {"1.5 * 'ab'", "TypeError: can't multiply sequence by non-int of type 'float'"},
        {"{'a': 1}[0:1]", "KeyError: slice(0, 1, None)"},
        {"list(reversed({'a': 1, 'b': 2}))", "['b', 'a']"},
        {"False / 2**62, 0 / -2**62", "(0.0, -0.0)"},
        {"{'a': 1, 'b': 2} | {'a': 3}", "{'a': 3, 'b': 2}"},
        {"'42' * 2**62", "OverflowError: repeated string is too long"},
        {"len(format(chr(839313), '9')), format(839313, '3c')", "(9, '  \\U000cce91')"},
    };
    for (const auto &[text, expected] : rows)
        QTest::newRow(text) << QString::fromUtf8(text) << QString::fromUtf8(expected);
}

void TestExpr::evaluatesAsCPython()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(run(text), expected);
}

void TestExpr::syntaxErrorsGiveColumns_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("unclosed") << "len((1, 2)" << 4 << "'(' was never closed";
    QTest::newRow("unmatched") << "1 + 2)" << 6 << "unmatched ')'";
    QTest::newRow("dangling operator") << "n *" << 4 << "invalid syntax";
    QTest::newRow("leading zero") << "n + 012" << 5
                                  << "leading zeros in decimal integer literals are not "
                                     "permitted; use an 0o prefix for octal integers";
    QTest::newRow("unterminated string")
        << "'abc" << 1 << "unterminated string literal (detected at line 1)";
    QTest::newRow("conversion") << "f'{n!x}'" << 6
                                << "f-string: invalid conversion character 'x': expected 's', "
                                   "'r', or 'a'";
    QTest::newRow("single brace") << "f'a}b'" << 4 << "f-string: single '}' is not allowed";
    QTest::newRow("missing else") << "1 if n" << 7 << "expected 'else' after 'if' expression";
}

void TestExpr::syntaxErrorsGiveColumns()
{
    QFETCH(QString, text);
    QFETCH(int, column);
    QFETCH(QString, message);
    try {
        Expr::parse(text);
        QFAIL("no SyntaxError");
    } catch (const Error &error) {
        QCOMPARE(error.type, QStringLiteral("SyntaxError"));
        QCOMPARE(error.message, message);
        QCOMPARE(error.column, column);
    }
}

void TestExpr::formatsAsCPython_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const std::vector<std::pair<const char *, const char *>> rows{
        {"format(1234567.891, ',.2f')", "'1,234,567.89'"},
        {"format(-0.0, 'z.1f')", "'0.0'"},
        {"format(1234, '010,')", "'00,001,234'"},
        {"format(1234, '08,')", "'0,001,234'"},
        {"format(255, '#06x')", "'0x00ff'"},
        {"format(0.000123456, '.3g')", "'0.000123'"},
        {"format(1e16, '')", "'1e+16'"},
        {"format(1e16, '.3')", "'1e+16'"},
        {"format(100.0, '.3'), format(10.0, '.3')", "('1e+02', '10.0')"},
        {"format(2.5, '%')", "'250.000000%'"},
        {"format(True, '>5'), format(True, '')", "('    1', 'True')"},
        {"format('ab', '^6'), format('ab', '05'), format('abc', '.2')",
         "('  ab  ', 'ab000', 'ab')"},
        {"format(65, 'c'), format(-5, '+08_b')", "('A', '-00_0101')"},
        {"f'{3.14159!r:>10}|{delay:.2f}|{n:>3}|{L!r}'", "'   3.14159|0.25|  5|[1, 2]'"},
        {"f'{\"é\"!a} {n=} {delay=:.1f} {{x}}'", "\"'\\\\xe9' n=5 delay=0.2 {x}\""},
        {"f'{n:>{n}}' f'{\"|\"}'", "'    5|'"},
        {"format('a', '+')", "ValueError: Sign not allowed in string format specifier"},
        {"format(1, '.2')", "ValueError: Precision not allowed in integer format specifier"},
        {"format(1, ',x')", "ValueError: Cannot specify ',' with 'x'."},
        {"format(None, '>5')",
         "TypeError: unsupported format string passed to NoneType.__format__"},
        {"format(1.5, 'd')", "ValueError: Unknown format code 'd' for object of type 'float'"},
        // Each found by tests/fidelity/expressions.py, and fixed:
        {"f'{n:=^5}'", "'==5=='"},
        {"format(float('nan'), '05,.7'), format(-float('inf'), '+_.1%')", "('00nan', '-inf%')"},
        {"format('ab', ',')", "ValueError: Cannot specify ',' with 's'."},
        {"format('ab', ' ')", "ValueError: Space not allowed in string format specifier"},
    };
    for (const auto &[text, expected] : rows)
        QTest::newRow(text) << QString::fromUtf8(text) << QString::fromUtf8(expected);
}

void TestExpr::formatsAsCPython()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(run(text), expected);
}

void TestExpr::printTextIsAnFStringBody()
{
    TestScope scope;
    const Expr text = Expr::parseFString(QStringLiteral("took {delay * 4:.2f}s, it's {L} {{n}}"));
    QCOMPARE(evaluate(text, scope).str(), QStringLiteral("took 1.00s, it's [1, 2] {n}"));
    const NodePtr backslash = parseFStringBody(QStringLiteral("a\\n{n}"));
    QCOMPARE(evaluate(*backslash, scope).str(), QStringLiteral("a\\n5")); // JSON decoded it
}

void TestExpr::randomMatchesCPythonSeeds()
{
    // The numbers CPython 3.12 gives for the same calls (python3.12 -c "import random; ...").
    TestScope scope;
    QCOMPARE(run(QStringLiteral("[random.seed(1), random.randint(1, 6), random.randint(1, 6), "
                                "random.randint(1, 6)][1:]"),
                 scope),
             QStringLiteral("[2, 5, 1]"));
    QCOMPARE(run(QStringLiteral("[random.seed(42), random.random(), random.uniform(0.5, 2.0)][1:]"),
                 scope),
             QStringLiteral("[0.6394267984578837, 0.5375161328340003]"));
    QCOMPARE(run(QStringLiteral("[random.seed('abc'), random.randint(1, 100)][1:]"), scope),
             QStringLiteral("[99]"));
    QCOMPARE(run(QStringLiteral("[random.seed(2**40), random.randrange(1000)][1:]"), scope),
             QStringLiteral("[106]"));
    QCOMPARE(run(QStringLiteral("[random.seed(7), random.choice('abcdef'), "
                                "random.getrandbits(40)][1:]"),
                 scope),
             QStringLiteral("['c', 167279807972]"));
    // any() stops drawing at the first element that decides, as CPython's does
    QCOMPARE(run(QStringLiteral("[random.seed(1), any(random.randint(1, 6) > 1 for _ in "
                                "range(4)), random.randint(1, 100)][1:]"),
                 scope),
             QStringLiteral("[True, 73]"));
    QCOMPARE(run(QStringLiteral("random.randint(5, 3)"), scope),
             QStringLiteral("ValueError: empty range in randrange(5, 4)"));
}

void TestExpr::clockComesFromTheScope()
{
    TestScope scope;
    scope.now = 2.25;
    QCOMPARE(run(QStringLiteral("time.perf_counter() - 1"), scope), QStringLiteral("1.25"));
    QCOMPARE(run(QStringLiteral("asyncio.get_running_loop().time()"), scope),
             QStringLiteral("2.25"));
    QCOMPARE(run(QStringLiteral("time.time() - time.monotonic()"), scope),
             QStringLiteral("1704129232.0"));
    QCOMPARE(run(QStringLiteral("time.strftime('%X')"), scope), QStringLiteral("'17:13:54'"));
    QCOMPARE(run(QStringLiteral("time.strftime('%Y-%m-%d %H:%M')"), scope),
             QStringLiteral("'2024-01-01 17:13'"));
}

void TestExpr::listsAreSharedAsInPython()
{
    TestScope scope;
    QCOMPARE(run(QStringLiteral("L.append(3)"), scope), QStringLiteral("None"));
    QCOMPARE(run(QStringLiteral("L"), scope), QStringLiteral("[1, 2, 3]"));
    QCOMPARE(run(QStringLiteral("L.pop(0), L"), scope), QStringLiteral("(1, [2, 3])"));
}

void TestExpr::staticPassFindsFreeNamesAndLiteralKinds()
{
    const Expr expr = Expr::parse(QStringLiteral("[i * dealy for i in range(n) if i > lo] + $x"));
    QStringList names;
    QList<int> columns;
    for (const NameUse &use : freeNames(*expr.root)) {
        names << use.name;
        columns << use.column;
    }
    QCOMPARE(names, QStringList({"range", "n", "lo", "dealy", "x"}));
    QCOMPARE(columns, QList<int>({21, 27, 37, 6, 43}));
    QCOMPARE(literalKind(*Expr::parse(QStringLiteral("1 / 2")).root), Value::Kind::Float);
    QCOMPARE(literalKind(*Expr::parse(QStringLiteral("f'{n}'")).root), Value::Kind::Str);
    QCOMPARE(literalKind(*Expr::parse(QStringLiteral("-3 // 2")).root), Value::Kind::Int);
    QCOMPARE(literalKind(*Expr::parse(QStringLiteral("n + 1")).root), std::nullopt);
}

void TestExpr::convertsLiteralsFromPyValue()
{
    const PyValue literal = PyValue::dict({{"a", PyValue::list({1, 2.0, "x", nullptr, true})}});
    const Value value = fromPyValue(literal);
    QCOMPARE(value.repr(), QStringLiteral("{'a': [1, 2.0, 'x', None, True]}"));
    QCOMPARE(toPyValue(value), std::optional<PyValue>(literal));
    QCOMPARE(toPyValue(Value::tuple({})), std::nullopt);
}

void TestExpr::exprComparesByText()
{
    QCOMPARE(Expr::parse(QStringLiteral("n+1")), Expr::parse(QStringLiteral("n+1")));
    QVERIFY(!(Expr::parse(QStringLiteral("n+1")) == Expr::parse(QStringLiteral("n + 1"))));
}

QTEST_GUILESS_MAIN(TestExpr)
#include "tst_expr.moc"
