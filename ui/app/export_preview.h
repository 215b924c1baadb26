// The right side of File ▸ Export: the picture that will be written, scaled to fit, or the first
// lines of a text export in a read-only monospace box, with a caption saying how much is shown.
#pragma once

#include <QImage>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;

namespace loopscope {

class ExportPicture;

class ExportPreview : public QWidget
{
    Q_OBJECT
public:
    explicit ExportPreview(QWidget *parent = nullptr);

    // `image` carries its device pixel ratio: its logical size is the picture's size.
    void showImage(const QImage &image, const QString &caption);
    // The whole text of the export; only its first lines are shown.
    void showText(const QByteArray &text);
    // A binary export: what it is and its size, in place of its bytes.
    void showBinary(const QByteArray &bytes, const QString &description);

    bool showsImage() const;
    const QImage &image() const;
    QString text() const;
    QString caption() const;
    // Where the picture is drawn, in this widget's coordinates (empty when showing text).
    QRect imageRect() const;

private:
    QStackedWidget *m_pages = nullptr;
    ExportPicture *m_picture = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_caption = nullptr;
};

} // namespace loopscope
