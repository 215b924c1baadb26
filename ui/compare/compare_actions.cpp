#include "compare/compare_actions.h"

#include "compare/compare_window.h"
#include "scenario/scenario_validate.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

namespace loopscope {

namespace {

CompareWindow *newWindow(QWidget *window)
{
    auto *compare = new CompareWindow(window);
    compare->setWindowFlag(Qt::Window);
    compare->setAttribute(Qt::WA_DeleteOnClose);
    return compare;
}

QString label(const Scenario &scenario, const QString &path)
{
    if (!path.isEmpty())
        return QFileInfo(path).fileName().remove(QStringLiteral(".loop.json"));
    return scenario.title.isEmpty() ? QObject::tr("this scenario") : scenario.title;
}

// The editor may hold a scenario that does not validate yet: say so instead of running it.
bool runnable(QWidget *window, const Scenario &scenario)
{
    const std::vector<ScenarioProblem> problems = validateScenario(scenario);
    if (problems.empty())
        return true;
    QMessageBox::warning(window, QObject::tr("Compare"),
                         QObject::tr("The scenario has problems to fix first:\n%1")
                             .arg(problems.front().toString()));
    return false;
}

} // namespace

CompareWindow *openVariantComparison(QWidget *window, const Scenario &scenario, const QString &path)
{
    CompareWindow *compare = newWindow(window);
    compare->setScenario(scenario, label(scenario, path));
    compare->runAll();
    compare->show();
    return compare;
}

CompareWindow *openFileComparison(QWidget *window, const Scenario &scenario, const QString &path,
                                  const QString &otherFile)
{
    CompareWindow *compare = newWindow(window);
    compare->addScenario(label(scenario, path), scenario);
    QString error;
    if (!compare->addFile(otherFile, &error)) {
        QMessageBox::warning(window, QObject::tr("Compare with"), error);
        delete compare;
        return nullptr;
    }
    compare->runAll();
    compare->show();
    return compare;
}

CompareWindow *openCpythonComparison(QWidget *window, const Scenario &scenario, const QString &path,
                                     const Trace &cpython)
{
    CompareWindow *compare = newWindow(window);
    compare->addScenario(QObject::tr("Loopscope"), scenario);
    compare->addTrace(QObject::tr("CPython"), cpython);
    compare->setWindowTitle(QObject::tr("Compare with CPython: %1").arg(label(scenario, path)));
    compare->runAll();
    compare->show();
    return compare;
}

QList<QAction *> addCompareActions(QMenu *menu, QWidget *window, CompareSource source)
{
    QAction *variants = menu->addAction(QObject::tr("Compare &Variants"));
    variants->setObjectName(QStringLiteral("compareVariants"));
    variants->setStatusTip(QObject::tr("Run every variant of the scenario and show them on one "
                                       "time axis"));
    QAction *with = menu->addAction(QObject::tr("Compare &With…"));
    with->setObjectName(QStringLiteral("compareWith"));
    QObject::connect(menu, &QMenu::aboutToShow, variants, [variants, source] {
        const std::optional<Scenario> scenario = source.scenario();
        variants->setEnabled(scenario && !scenario->variants.empty());
    });
    QObject::connect(variants, &QAction::triggered, window, [window, source] {
        const std::optional<Scenario> scenario = source.scenario();
        if (scenario && runnable(window, *scenario))
            openVariantComparison(window, *scenario, source.path());
    });
    QObject::connect(with, &QAction::triggered, window, [window, source] {
        const std::optional<Scenario> scenario = source.scenario();
        if (!scenario || !runnable(window, *scenario))
            return;
        const QString other = QFileDialog::getOpenFileName(
            window, QObject::tr("Compare with"), QFileInfo(source.path()).absolutePath(),
            QObject::tr("Scenarios (*.loop.json *.json)"));
        if (!other.isEmpty())
            openFileComparison(window, *scenario, source.path(), other);
    });
    return {variants, with};
}

} // namespace loopscope
