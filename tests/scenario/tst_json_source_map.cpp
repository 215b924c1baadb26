// The locator behind line:column in problems: offsets of values by JSON path, keys in the
// order written, and positions counted in characters.
#include "scenario/json_source_map.h"

#include <QTest>

using namespace loopscope;

class TestJsonSourceMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void position_data();
    void position();
    void keysInOrder();
    void malformedTextEnds_data();
    void malformedTextEnds();
};

namespace {
// Line 2 holds a string with escapes and a non-ASCII character before the value we look for.
const QByteArray kText = "{\"a\": [1, {\"b\": \"x\"}],\n"
                         " \"s\": \"\\\"q\\u00e9\\\" é\", \"c\": {\"*\": [true, null]},\n"
                         " \"d\\\"k\": 5}";
} // namespace

void TestJsonSourceMap::position_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("root") << "" << 1 << 1;
    QTest::newRow("array") << "a" << 1 << 7;
    QTest::newRow("element") << "a[0]" << 1 << 8;
    QTest::newRow("nested_key") << "a[1].b" << 1 << 17;
    QTest::newRow("after_escapes") << "c" << 2 << 29;
    QTest::newRow("quoted_key") << "c[\"*\"][1]" << 2 << 42;
    QTest::newRow("escaped_key") << "[\"d\\\"k\"]" << 3 << 10;
    QTest::newRow("missing_key_points_at_object") << "a[1].zzz" << 1 << 11;
    QTest::newRow("index_past_end_points_at_array") << "a[7]" << 1 << 7;
}

void TestJsonSourceMap::position()
{
    QFETCH(QString, path);
    QFETCH(int, line);
    QFETCH(int, column);
    const JsonSourceMap map(kText);
    const std::optional<qsizetype> offset = map.offsetOf(path);
    QVERIFY(offset.has_value());
    const TextPosition at = map.positionOf(*offset);
    QCOMPARE(at.line, line);
    QCOMPARE(at.column, column);
}

void TestJsonSourceMap::keysInOrder()
{
    const JsonSourceMap map(QByteArray(R"({"z": 1, "a": {"y": 1, "b": 2, "y": 3}, "m": 0})"));
    QCOMPARE(map.keysInOrder({}), QStringList({"z", "a", "m"}));
    QCOMPARE(map.keysInOrder(QStringLiteral("a")), QStringList({"y", "b"}));
    QCOMPARE(map.keysInOrder(QStringLiteral("m")), QStringList());
    QCOMPARE(map.offsetOf(QStringLiteral("a.y")), std::optional<qsizetype>(36)); // the last "y"
}

// The map is built before QJsonDocument has judged the text (positions of syntax errors come
// from it), so broken text must end the scan, not loop.
void TestJsonSourceMap::malformedTextEnds_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("brace_in_array") << QByteArray("[}");
    QTest::newRow("empty_elements") << QByteArray(R"({"a": [1,,}], "b")");
    QTest::newRow("colon_in_array") << QByteArray("[{5}:]");
    QTest::newRow("unterminated_string") << QByteArray(R"({"a": "x)");
    QTest::newRow("unterminated_escape") << QByteArray(R"({"a\)");
}

void TestJsonSourceMap::malformedTextEnds()
{
    QFETCH(QByteArray, text);
    const JsonSourceMap map(text);
    QCOMPARE(map.offsetOf({}), std::optional<qsizetype>(0));
    QCOMPARE(map.positionOf(text.size()).line, 1);
}

QTEST_GUILESS_MAIN(TestJsonSourceMap)
#include "tst_json_source_map.moc"
