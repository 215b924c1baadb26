// The three-way merge of lines that carries a canvas edit into the user's Python: the canvas's
// change (generated before → after) lands in the user's text where the user did not change the
// same lines, and anything overlapping is refused rather than guessed.
#include "document/python_merge.h"

#include <QTest>

using namespace loopscope;

Q_DECLARE_METATYPE(std::optional<QString>)

class TestPythonMerge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mergeLines_data();
    void mergeLines();
    void carryLeavesScaleOutForAUserWhoDoesNotScale();
    void carryKeepsScaleForAUserWhoScales();
};

void TestPythonMerge::mergeLines_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("ours");
    QTest::addColumn<QString>("theirs");
    QTest::addColumn<std::optional<QString>>("merged");
    QTest::newRow("a deletion next to a line the user rewrote")
        << "x\nsleep(n * S)\nprint\ny"
        << "# why\nx\nsleep(n)\nprint\ny"
        << "x\nsleep(n * S)\ny" << std::optional<QString>("# why\nx\nsleep(n)\ny");
    QTest::newRow("an insertion where the user added a comment before")
        << "a\nb\nc"
        << "a\n\n# note\nb\nc"
        << "a\nb\nnew\nc" << std::optional<QString>("a\n\n# note\nb\nnew\nc");
    QTest::newRow("the canvas changed nothing") << "a\nb"
                                                << "a\n# mine\nb"
                                                << "a\nb" << std::optional<QString>("a\n# mine\nb");
    QTest::newRow("the user changed nothing") << "a\nb"
                                              << "a\nb"
                                              << "a\nc\nb" << std::optional<QString>("a\nc\nb");
    QTest::newRow("one line changed on both sides") << "a\nb\nc"
                                                    << "a\nB\nc"
                                                    << "a\nbb\nc" << std::optional<QString>();
    QTest::newRow("two insertions at one place") << "a\nc"
                                                 << "a\nmine\nc"
                                                 << "a\ntheirs\nc" << std::optional<QString>();
    QTest::newRow("a deletion of lines the user rewrote") << "a\nb\nc\nd"
                                                          << "a\nB\nc\nd"
                                                          << "a\nd" << std::optional<QString>();
}

void TestPythonMerge::mergeLines()
{
    QFETCH(QString, base);
    QFETCH(QString, ours);
    QFETCH(QString, theirs);
    QFETCH(std::optional<QString>, merged);
    QCOMPARE(loopscope::mergeLines(base, ours, theirs), merged);
}

void TestPythonMerge::carryLeavesScaleOutForAUserWhoDoesNotScale()
{
    const QString before
        = "async def main():\n    await asyncio.sleep(1 * SCALE)\n    print(\"x\")";
    const QString after = "async def main():\n    await asyncio.sleep(2 * SCALE)\n    print(\"x\")";
    const QString mine = "async def main():\n    # wait first\n    await asyncio.sleep(1)\n"
                         "    print(\"x\")";
    QCOMPARE(carryUserText(before, mine, after),
             std::optional<QString>("async def main():\n    # wait first\n"
                                    "    await asyncio.sleep(2)\n    print(\"x\")"));
}

void TestPythonMerge::carryKeepsScaleForAUserWhoScales()
{
    const QString before = "SCALE = 1.0\nawait asyncio.sleep(1 * SCALE)";
    const QString after = "SCALE = 1.0\nawait asyncio.sleep(2 * SCALE)";
    const QString mine = "SCALE = 1.0\n\nawait asyncio.sleep(1 * SCALE)";
    QCOMPARE(carryUserText(before, mine, after),
             std::optional<QString>("SCALE = 1.0\n\nawait asyncio.sleep(2 * SCALE)"));
}

QTEST_MAIN(TestPythonMerge)
#include "tst_python_merge.moc"
