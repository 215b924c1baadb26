// Run > Memory Budget, with real clicks and keys: the budget typed there bounds the next run,
// which stops at it saying which budget and how to raise it, and it is kept for the next start.
#include "menu_clicks.h"

#include "app/main_window.h"
#include "runtime/memory_budget.h"
#include "timeline/timeline_view.h"

#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace loopscope;
using loopscope::testing::chooseFromMenu;

namespace {

// 100 tasks of 100,000 sleep(0): 20 million state changes, far past a budget of 2 MiB.
const char *kLongRun = R"({"format": "loopscope-scenario", "version": 1,
  "coroutines": [
    {"name": "worker", "steps": [
      {"op": "repeat", "count": 100000, "steps": [{"op": "sleep", "seconds": 0}]}]},
    {"name": "main", "steps": [
      {"op": "task_group", "steps": [
        {"op": "repeat", "count": 100, "steps": [{"op": "create_task", "coro": "worker"}]}]}]}]})";

// Types `text` into the open Memory Budget dialog and presses Enter.
bool answerBudgetDialog(MainWindow &window, const QString &text)
{
    QInputDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] {
            dialog = window.findChild<QInputDialog *>(QStringLiteral("memoryBudgetDialog"));
            return dialog && dialog->isVisible();
        }))
        return false;
    auto *edit = dialog->findChild<QLineEdit *>();
    if (!edit)
        return false;
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
    return QTest::qWaitFor(
        [&] { return !window.findChild<QInputDialog *>(QStringLiteral("memoryBudgetDialog")); });
}

} // namespace

class TestMemoryBudgetMenu : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
        QSettings().clear();
        QSettings().setValue(QStringLiteral("lesson/askOnOpen"), false);
    }

    void budgetBoundsTheNextRun()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("long.loop.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kLongRun);
        file.close();

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(chooseFromMenu(window, {QStringLiteral("Run"), QStringLiteral("Memory Budget")}));
        QInputDialog *dialog = nullptr;
        QTRY_VERIFY(
            (dialog = window.findChild<QInputDialog *>(QStringLiteral("memoryBudgetDialog"))));
        QCOMPARE(dialog->textValue(), QStringLiteral("4 GiB")); // the default, shown
        QVERIFY(answerBudgetDialog(window, QStringLiteral("2M")));
        QCOMPARE(QSettings().value(QStringLiteral("run/memoryBudget")).toString(),
                 QStringLiteral("2 MiB"));

        QVERIFY(window.openScenario(path)); // runs it on the virtual clock
        QTRY_VERIFY_WITH_TIMEOUT(window.timeline()->trace().lanes.size() == 102, 30000);
        const Trace &trace = window.timeline()->trace();
        QCOMPARE(trace.outcome.status, OutcomeStatus::Stopped);
        QVERIFY2(trace.outcome.error.startsWith(
                     QStringLiteral("stopped at the memory budget of 2 MiB for recording (after ")),
                 qPrintable(trace.outcome.error));
        QVERIFY(trace.outcome.error.endsWith(
            QStringLiteral("raise it with --memory-budget (e.g. --memory-budget 1G) or Run > "
                           "Memory Budget")));
    }

    // A new window starts with the budget chosen before; nonsense leaves it as it was.
    void budgetIsKeptAndNonsenseRefused()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(chooseFromMenu(window, {QStringLiteral("Run"), QStringLiteral("Memory Budget")}));
        QInputDialog *dialog = nullptr;
        QTRY_VERIFY(
            (dialog = window.findChild<QInputDialog *>(QStringLiteral("memoryBudgetDialog"))));
        QCOMPARE(dialog->textValue(), QStringLiteral("2 MiB"));
        QVERIFY(answerBudgetDialog(window, QStringLiteral("lots")));
        QCOMPARE(QSettings().value(QStringLiteral("run/memoryBudget")).toString(),
                 QStringLiteral("2 MiB"));
    }
};

QTEST_MAIN(TestMemoryBudgetMenu)
#include "tst_memory_budget_menu.moc"
