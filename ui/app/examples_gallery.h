// Help ▸ Examples: the bundled lessons, each with its title, the first sentence of its notes and
// a small picture of its timeline on the virtual clock. Choosing one emits its path.
#pragma once

#include <QDialog>
#include <QString>

class QListWidget;
class QListWidgetItem;

namespace loopscope {

// The examples folder: $LOOPSCOPE_EXAMPLES_DIR, ../share/loopscope/examples next to the
// binary, the source tree seen from build/<preset>/app, then the folder compiled in. Empty
// when none holds a lesson (dataFolder in data_folders.h).
QString examplesDirectory();

// True for a file inside examplesDirectory() (symbolic links resolved): a bundled lesson, which
// the app opens as a template and never writes.
bool isBundledLesson(const QString &path);

// The first sentence of `notes` on one line, without Markdown emphasis or code marks.
QString exampleSummary(const QString &notes);

class ExamplesGallery : public QDialog
{
    Q_OBJECT
public:
    explicit ExamplesGallery(QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void exampleChosen(const QString &path);

private:
    void addExample(const QString &path);
    void choose(QListWidgetItem *item);

    QListWidget *m_list = nullptr;
    bool m_chosen = false;
};

} // namespace loopscope
