#include "canvas/block_clipboard.h"

#include "scenario/scenario_json.h"

#include <QCoreApplication>
#include <QMimeData>

namespace loopscope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BlockClipboard", text);
}

PastedBlock readJson(const QByteArray &json)
{
    ScenarioFragment fragment = readScenarioFragment(json, QStringLiteral("clipboard"));
    if (fragment.ok())
        return {std::move(fragment.value), {}};
    const QString first
        = fragment.problems.empty() ? QString() : fragment.problems.front().toString();
    return {
        {},
        tr("Nothing pasted: the clipboard holds no Loopscope step or coroutine (%1)").arg(first)};
}

} // namespace

QMimeData *blockMimeData(const CopiedBlock &block)
{
    QByteArray json;
    if (const auto *step = std::get_if<Step>(&block))
        json = writeStepJson(*step);
    else if (const auto *coroutine = std::get_if<Coroutine>(&block))
        json = writeCoroutineJson(*coroutine);
    auto *data = new QMimeData;
    if (json.isEmpty())
        return data;
    data->setData(QLatin1String(kBlocksMimeType), json);
    data->setText(QString::fromUtf8(json));
    return data;
}

PastedBlock readBlockMimeData(const QMimeData *data)
{
    if (data && data->hasFormat(QLatin1String(kBlocksMimeType)))
        return readJson(data->data(QLatin1String(kBlocksMimeType)));
    if (data && data->hasText() && !data->text().trimmed().isEmpty())
        return readJson(data->text().toUtf8());
    return {{}, tr("Nothing pasted: the clipboard is empty or holds no text")};
}

bool isProgramText(const QMimeData *data)
{
    if (!data || data->hasFormat(QLatin1String(kBlocksMimeType)) || !data->hasText())
        return false;
    // A program the importer could take runs asyncio; other text keeps the JSON reader's message.
    const QString text = data->text().trimmed();
    return !text.startsWith(QLatin1Char('{')) && !text.startsWith(QLatin1Char('['))
           && text.contains(QLatin1String("asyncio"));
}

} // namespace loopscope
