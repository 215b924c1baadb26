#include "document/recovery_files.h"

#include "scenario/recovery.h"
#include "scenario/scenario_json.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace loopscope {

namespace {

const QLatin1String kSidecarSuffix(".recovery.json");

std::optional<RecoveryFile> readSidecar(const QString &sidecarPath)
{
    QFile file(sidecarPath);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject sidecar = QJsonDocument::fromJson(file.readAll()).object();
    QString key = QFileInfo(sidecarPath).fileName();
    key.chop(kSidecarSuffix.size());
    RecoveryFile recovery = RecoveryFile::forKey(key);
    recovery.originalPath = sidecar.value(QLatin1String("original")).toString();
    recovery.importedFrom = sidecar.value(QLatin1String("imported")).toString();
    recovery.pythonText = sidecar.value(QLatin1String("python")).toString();
    recovery.savedAt
        = QDateTime::fromString(sidecar.value(QLatin1String("time")).toString(), Qt::ISODateWithMs);
    if (!recovery.savedAt.isValid() || !QFileInfo::exists(recovery.scenarioFile))
        return std::nullopt;
    return recovery;
}

} // namespace

RecoveryFile RecoveryFile::forKey(const QString &key)
{
    const QDir dir(recoveryDirectory());
    return {key,
            dir.filePath(key + QLatin1String(".loop.json")),
            dir.filePath(key + kSidecarSuffix),
            {},
            {},
            {},
            {}};
}

bool writeRecovery(const RecoveryFile &file, const Scenario &scenario, QString *error)
{
    if (!saveScenarioFile(scenario, file.scenarioFile, error))
        return false;
    QJsonObject sidecar{{QStringLiteral("original"), file.originalPath},
                        {QStringLiteral("time"), file.savedAt.toUTC().toString(Qt::ISODateWithMs)}};
    if (!file.importedFrom.isEmpty())
        sidecar.insert(QStringLiteral("imported"), file.importedFrom);
    if (!file.pythonText.isEmpty())
        sidecar.insert(QStringLiteral("python"), file.pythonText);
    QSaveFile out(file.sidecarFile);
    if (out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(sidecar).toJson()) >= 0
        && out.commit())
        return true;
    if (error)
        *error = QStringLiteral("%1: %2").arg(file.sidecarFile, out.errorString());
    return false;
}

void discardRecovery(const RecoveryFile &file)
{
    QFile::remove(file.scenarioFile);
    QFile::remove(file.sidecarFile);
}

ScenarioDraft readRecovery(const RecoveryFile &file)
{
    return readScenarioDraftFile(file.scenarioFile);
}

bool saveRecoveryCopyAs(const RecoveryFile &file, const QString &path, QString *error)
{
    QFile copy(file.scenarioFile);
    QSaveFile out(path);
    if (!copy.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(file.scenarioFile, copy.errorString());
        return false;
    }
    const QByteArray bytes = copy.readAll();
    if (out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size() && out.commit())
        return true;
    if (error)
        *error = QStringLiteral("cannot save \"%1\": %2").arg(path, out.errorString());
    return false;
}

std::vector<RecoveryFile> pendingRecoveries()
{
    const QDir dir(recoveryDirectory());
    std::vector<RecoveryFile> found;
    for (const QString &name : dir.entryList({QLatin1String("*") + kSidecarSuffix}, QDir::Files)) {
        const auto recovery = readSidecar(dir.filePath(name));
        if (!recovery)
            continue;
        const QFileInfo original(recovery->originalPath);
        if (recovery->originalPath.isEmpty() || !original.exists()
            || original.lastModified() < recovery->savedAt)
            found.push_back(*recovery);
    }
    std::sort(found.begin(), found.end(),
              [](const RecoveryFile &a, const RecoveryFile &b) { return a.savedAt < b.savedAt; });
    return found;
}

} // namespace loopscope
