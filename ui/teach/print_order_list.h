// The lines of a print_order question, put in order by dragging one onto the place it should
// take (press on a line, release over another: it moves there), or with Alt+Up and Alt+Down on
// the current line. No QDrag: the move is the list's own, so it behaves the same everywhere.
#pragma once

#include <QListWidget>

#include <vector>

namespace loopscope {

class PrintOrderList : public QListWidget
{
    Q_OBJECT
public:
    explicit PrintOrderList(const std::vector<QString> &lines, QWidget *parent = nullptr);

    std::vector<QString> order() const;
    void setOrder(const std::vector<QString> &lines); // lines not offered are left out
    void moveLine(int from, int to);
    QSize sizeHint() const override;

Q_SIGNALS:
    void orderChanged();

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    int m_dragged = -1; // the row pressed, while the button is down
};

} // namespace loopscope
