#include "app/export_format.h"

#include <QFileInfo>

namespace loopscope {

namespace {

// A title as a file name: letters and digits kept, everything else one dash.
QString slug(const QString &title)
{
    QString name;
    for (const QChar c : title.toLower()) {
        if (c.isLetterOrNumber())
            name += c;
        else if (!name.isEmpty() && !name.endsWith(QLatin1Char('-')))
            name += QLatin1Char('-');
    }
    while (name.endsWith(QLatin1Char('-')))
        name.chop(1);
    return name;
}

} // namespace

QString exportBaseName(const QString &scenarioPath, const QString &title)
{
    if (!scenarioPath.isEmpty()) {
        QString name = QFileInfo(scenarioPath).fileName();
        for (const QLatin1String suffix : {QLatin1String(".loop.json"), QLatin1String(".json")}) {
            if (name.endsWith(suffix, Qt::CaseInsensitive)) {
                name.chop(suffix.size());
                break;
            }
        }
        if (!name.isEmpty())
            return name;
    }
    const QString fromTitle = slug(title);
    return fromTitle.isEmpty() ? QStringLiteral("timeline") : fromTitle;
}

} // namespace loopscope
