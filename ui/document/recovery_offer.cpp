#include "document/recovery_offer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStringList>

namespace loopscope {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("RecoveryOffer", text, nullptr, n);
}

QString documentName(const RecoveryFile &recovery)
{
    if (!recovery.originalPath.isEmpty())
        return QFileInfo(recovery.originalPath).fileName();
    if (!recovery.importedFrom.isEmpty())
        return tr("%1 (imported)").arg(QFileInfo(recovery.importedFrom).fileName());
    return tr("An unsaved scenario");
}

// What the question says: when the work was autosaved and, for a copy that does not load, why.
QString questionText(const RecoveryFile &recovery, const ScenarioDraft &draft)
{
    QString text = tr("%1 has changes autosaved at %2 that were never saved.")
                       .arg(documentName(recovery), recovery.savedAt.toLocalTime().toString());
    if (draft.problems.empty())
        return text + u' ' + tr("Restore them?");
    const QString first = draft.problems.front().toString();
    if (draft.scenario)
        return text + QLatin1String("\n\n")
               + tr("The copy does not validate: %n problem(s), the first:",
                    int(draft.problems.size()))
               + u'\n' + first + QLatin1String("\n\n")
               + tr("Restore it anyway to fix it in the editor, which lists its problems, or save "
                    "the copy elsewhere.");
    return text + QLatin1String("\n\n") + tr("The copy cannot be opened:") + u'\n' + first
           + QLatin1String("\n\n")
           + tr("It stays in %1 until you save it elsewhere or discard it.")
                 .arg(QDir::toNativeSeparators(recovery.scenarioFile));
}

// Beside the original, "<name>-recovered.loop.json"; in the home folder for a new document.
QString suggestedCopyPath(const RecoveryFile &recovery)
{
    if (recovery.originalPath.isEmpty())
        return QDir::home().filePath(QStringLiteral("recovered.loop.json"));
    const QFileInfo original(recovery.originalPath);
    QString stem = original.fileName();
    for (const QLatin1String suffix : {QLatin1String(".loop.json"), QLatin1String(".json")})
        if (stem.endsWith(suffix)) {
            stem.chop(suffix.size());
            break;
        }
    return original.dir().filePath(stem + QStringLiteral("-recovered.loop.json"));
}

// True once the copy is written where the user chose (and then discarded).
bool saveCopyElsewhere(QWidget *parent, const RecoveryFile &recovery)
{
    const QString path
        = QFileDialog::getSaveFileName(parent, tr("Save the Copy As"), suggestedCopyPath(recovery),
                                       tr("Loopscope scenarios (*.loop.json *.json)"));
    if (path.isEmpty())
        return false;
    QString error;
    if (!saveRecoveryCopyAs(recovery, path, &error)) {
        QMessageBox::warning(parent, tr("Cannot save the copy"), error);
        return false;
    }
    discardRecovery(recovery);
    return true;
}

QStringList problemLines(const ScenarioDraft &draft)
{
    QStringList lines;
    for (const ScenarioProblem &problem : draft.problems)
        lines << problem.toString();
    return lines;
}

} // namespace

RecoveryAnswer askAboutRecovery(QWidget *parent, const RecoveryFile &recovery)
{
    const ScenarioDraft draft = readRecovery(recovery);
    QMessageBox box(draft.problems.empty() ? QMessageBox::Question : QMessageBox::Warning,
                    tr("Restore unsaved work?"), questionText(recovery, draft),
                    QMessageBox::No | QMessageBox::Discard, parent);
    if (draft.scenario) // the LOOPSCOPE_TEST_ACCEPT_RECOVERY hook presses this standard button
        box.addButton(QMessageBox::Yes)->setText(tr("Restore"));
    box.button(QMessageBox::No)->setText(tr("Keep for Later"));
    QPushButton *saveCopy = box.addButton(tr("Save the Copy As\u2026"), QMessageBox::ActionRole);
    box.setDefaultButton(draft.scenario ? QMessageBox::Yes : QMessageBox::No);
    if (!draft.problems.empty())
        box.setDetailedText(problemLines(draft).join(u'\n'));
    // A cancelled or failed Save As asks again: the copy is never dropped on the way.
    for (;;) {
        box.exec();
        if (box.clickedButton() != saveCopy)
            break;
        if (saveCopyElsewhere(parent, recovery))
            return RecoveryAnswer::Settled;
    }
    if (box.clickedButton() == box.button(QMessageBox::Yes))
        return RecoveryAnswer::Restore;
    if (box.clickedButton() == box.button(QMessageBox::Discard)) {
        discardRecovery(recovery);
        return RecoveryAnswer::Settled;
    }
    return RecoveryAnswer::Later; // Keep for Later, or the box closed with Escape
}

} // namespace loopscope
