#include "app/export_preview.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace loopscope {

namespace {
constexpr int kMaxLines = 80;
constexpr int kMaxChars = 8000; // a compact JSON export is one long line
constexpr int kMargin = 12;     // around the picture, so its edge shows on any backdrop
} // namespace

// The picture scaled to fit (never enlarged), centred on a backdrop a shade darker than the
// window, with a hairline frame so that a white picture does not melt into a light window.
class ExportPicture : public QWidget
{
public:
    using QWidget::QWidget;

    void setImage(const QImage &image)
    {
        m_image = image;
        update();
    }
    const QImage &image() const { return m_image; }

    QRect imageRect() const
    {
        if (m_image.isNull())
            return {};
        const QSizeF logical = m_image.deviceIndependentSize();
        const QRect room = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
        const double fit
            = std::min({1.0, room.width() / logical.width(), room.height() / logical.height()});
        const QSize shown = (logical * fit).toSize().expandedTo(QSize(1, 1));
        return QRect(room.center() - QPoint(shown.width() / 2, shown.height() / 2), shown);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.fillRect(rect(), palette().color(QPalette::Window).darker(112));
        if (m_image.isNull())
            return;
        const QRect target = imageRect();
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(target, m_image);
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(target.adjusted(-1, -1, 0, 0));
    }

private:
    QImage m_image;
};

ExportPreview::ExportPreview(QWidget *parent)
    : QWidget(parent)
    , m_pages(new QStackedWidget(this))
    , m_picture(new ExportPicture(m_pages))
    , m_text(new QPlainTextEdit(m_pages))
    , m_caption(new QLabel(this))
{
    m_picture->setMinimumSize(320, 200);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_text->setObjectName(QStringLiteral("previewText"));
    m_pages->addWidget(m_picture);
    m_pages->addWidget(m_text);
    m_caption->setObjectName(QStringLiteral("previewCaption"));
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_caption);
}

void ExportPreview::showImage(const QImage &image, const QString &caption)
{
    m_picture->setImage(image);
    m_pages->setCurrentWidget(m_picture);
    m_caption->setText(caption);
}

void ExportPreview::showText(const QByteArray &bytes)
{
    const QString all = QString::fromUtf8(bytes);
    const qsizetype lines
        = all.count(QLatin1Char('\n')) + (all.endsWith(QLatin1Char('\n')) ? 0 : 1);
    const QString count = lines == 1 ? tr("1 line") : tr("%1 lines").arg(lines);
    const QString size = QLocale().formattedDataSize(bytes.size());
    const bool cutLines = lines > kMaxLines;
    QString shown = cutLines ? all.section(QLatin1Char('\n'), 0, kMaxLines - 1) : all;
    const bool cutChars = shown.size() > kMaxChars;
    shown.truncate(kMaxChars);
    if (cutChars)
        m_caption->setText(
            tr("The first %1 characters of %2 · %3").arg(kMaxChars).arg(count, size));
    else if (cutLines)
        m_caption->setText(tr("The first %1 of %2 · %3").arg(kMaxLines).arg(count, size));
    else
        m_caption->setText(tr("All %1 · %2").arg(count, size));
    m_text->setPlainText(shown);
    m_picture->setImage({});
    m_pages->setCurrentWidget(m_text);
}

void ExportPreview::showBinary(const QByteArray &bytes, const QString &description)
{
    m_caption->setText(tr("Binary file · %1").arg(QLocale().formattedDataSize(bytes.size())));
    m_text->setPlainText(description);
    m_picture->setImage({});
    m_pages->setCurrentWidget(m_text);
}

bool ExportPreview::showsImage() const
{
    return m_pages->currentWidget() == m_picture;
}

const QImage &ExportPreview::image() const
{
    return m_picture->image();
}

QString ExportPreview::text() const
{
    return m_text->toPlainText();
}

QString ExportPreview::caption() const
{
    return m_caption->text();
}

QRect ExportPreview::imageRect() const
{
    const QRect inPicture = m_picture->imageRect();
    return inPicture.isEmpty() ? QRect() : inPicture.translated(m_picture->mapTo(this, QPoint()));
}

} // namespace loopscope
