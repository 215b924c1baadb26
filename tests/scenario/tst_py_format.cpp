// Python's text of numbers and strings (core/scenario/py_format), checked character for
// character against CPython: data/py_repr_table.txt holds repr() of thousands of doubles
// (edge cases, decimal literals, random bit patterns) and strings as CPython 3.12 wrote them
// (data/make_py_repr_table.py regenerates it; the test itself needs no Python).
#include "scenario/py_format.h"

#include <QFile>
#include <QTest>

#include <bit>
#include <cstdint>
#include <limits>

using namespace loopscope;

class TestPyFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void floatRepr_data();
    void floatRepr();
    void floatReprCases_data();
    void floatReprCases();
    void intRepr();
    void strRepr_data();
    void strRepr();
};

namespace {

qsizetype firstQuote(const QByteArray &text)
{
    const qsizetype single = text.indexOf('\''), twice = text.indexOf('"');
    return single < 0 ? twice : twice < 0 ? single : std::min(single, twice);
}

// The rows of the table that start with `kind`: the field after it and CPython's repr.
QList<std::pair<QByteArray, QString>> tableRows(const QByteArray &kind)
{
    QFile file(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/scenario/data/py_repr_table.txt"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read py_repr_table.txt");
    QList<std::pair<QByteArray, QString>> rows;
    const QByteArray prefix = kind + ' ';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.startsWith(prefix))
            continue;
        const QByteArray rest = line.mid(prefix.size());
        // str rows: "<code points in hex> <repr>": the first quote starts the repr.
        const qsizetype cut = kind == "float" ? rest.indexOf(' ') : firstQuote(rest) - 1;
        rows.append({rest.left(cut), QString::fromUtf8(rest.mid(cut + 1))});
    }
    return rows;
}

} // namespace

void TestPyFormat::floatRepr_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    const auto rows = tableRows("float");
    QVERIFY(rows.size() > 5000);
    for (const auto &[hexBits, repr] : rows) {
        const auto value = std::bit_cast<double>(std::uint64_t(hexBits.toULongLong(nullptr, 16)));
        QTest::newRow(hexBits.constData()) << value << repr;
    }
}

void TestPyFormat::floatRepr()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(py::floatRepr(value), expected);
}

// The forms the issue names, readable on their own.
void TestPyFormat::floatReprCases_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("0.27") << 0.27 << "0.27";
    QTest::newRow("0.1") << 0.1 << "0.1";
    QTest::newRow("whole") << 1.0 << "1.0";
    QTest::newRow("negative_zero") << -0.0 << "-0.0";
    QTest::newRow("inf") << std::numeric_limits<double>::infinity() << "inf";
    QTest::newRow("minus_inf") << -std::numeric_limits<double>::infinity() << "-inf";
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << "nan";
    QTest::newRow("1e20") << 1e20 << "1e+20";
    QTest::newRow("1e-05") << 1e-05 << "1e-05";
    QTest::newRow("0.0001_positional") << 0.0001 << "0.0001";
    QTest::newRow("1.5e16") << 1.5e16 << "1.5e+16";
    QTest::newRow("1e15_positional") << 1e15 << "1000000000000000.0";
    QTest::newRow("1e100") << 1e100 << "1e+100";
}

void TestPyFormat::floatReprCases()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(py::floatRepr(value), expected);
}

void TestPyFormat::intRepr()
{
    QCOMPARE(py::intRepr(0), QStringLiteral("0"));
    QCOMPARE(py::intRepr(-7), QStringLiteral("-7"));
    QCOMPARE(py::intRepr(9007199254740993LL), QStringLiteral("9007199254740993"));
    QCOMPARE(py::intRepr(std::numeric_limits<qint64>::min()),
             QStringLiteral("-9223372036854775808"));
}

void TestPyFormat::strRepr_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const auto rows = tableRows("str");
    QVERIFY(rows.size() > 500);
    int n = 0;
    for (const auto &[codePoints, repr] : rows) {
        QString text; // code point by code point: fromUcs4 would drop a leading U+FEFF
        for (const QByteArray &hex : codePoints.split(' '))
            if (hex != "-")
                text += QChar::fromUcs4(char32_t(hex.toUInt(nullptr, 16)));
        QTest::addRow("str%d", n++) << text << repr;
    }
}

void TestPyFormat::strRepr()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(py::strRepr(text), expected);
}

QTEST_GUILESS_MAIN(TestPyFormat)
#include "tst_py_format.moc"
