// The File > Open Recent list, kept in QSettings ("recentFiles"), newest first.
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace loopscope {

class RecentFiles : public QObject
{
    Q_OBJECT
public:
    RecentFiles(QMenu *menu, QObject *parent = nullptr);

    void add(const QString &path);
    QStringList files() const;

Q_SIGNALS:
    void fileChosen(const QString &path);

private:
    void rebuildMenu();

    QMenu *m_menu;
    static constexpr int kMaxFiles = 10;
};

} // namespace loopscope
