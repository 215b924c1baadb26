#include "canvas/block_palette.h"

#include "canvas/block_style.h"
#include "canvas/scenario_canvas.h"

#include <QApplication>
#include <QMouseEvent>
#include <QScrollBar>

#include <algorithm>

namespace loopscope {

namespace {

constexpr int kEntryRole = Qt::UserRole + 1;

QVariant packEntry(const PaletteEntry &entry)
{
    return QVariantList{int(entry.type), int(entry.step), int(entry.resource)};
}

std::optional<PaletteEntry> unpackEntry(const QTreeWidgetItem *item)
{
    if (!item || !item->data(0, kEntryRole).isValid())
        return std::nullopt;
    const QVariantList fields = item->data(0, kEntryRole).toList();
    return PaletteEntry{PaletteEntry::Type(fields[0].toInt()), StepKind(fields[1].toInt()),
                        ResourceKind(fields[2].toInt())};
}

} // namespace

BlockPalette::BlockPalette(ScenarioCanvas *canvas, QWidget *parent)
    : QTreeWidget(parent)
    , m_canvas(canvas)
{
    setObjectName(QStringLiteral("blockPalette"));
    setHeaderHidden(true);
    setIconSize(QSize(20, 20));
    setRootIsDecorated(false);
    setIndentation(8);
    setDragEnabled(false);
    populate();
    expandAll();
}

int BlockPalette::wholeNamesWidth() const
{
    int widest = 0;
    for (int g = 0; g < topLevelItemCount(); ++g) {
        const QTreeWidgetItem *heading = topLevelItem(g);
        widest = std::max(widest, sizeHintForIndex(indexFromItem(heading)).width());
        for (int i = 0; i < heading->childCount(); ++i)
            widest = std::max(
                widest, indentation() + sizeHintForIndex(indexFromItem(heading->child(i))).width());
    }
    return widest + 2 * frameWidth() + verticalScrollBar()->sizeHint().width();
}

QTreeWidgetItem *BlockPalette::group(PaletteGroup which)
{
    const QString name = paletteGroupName(which);
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->text(0) == name)
            return topLevelItem(i);
    auto *item = new QTreeWidgetItem(this, {name});
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setFlags(Qt::ItemIsEnabled);
    return item;
}

void BlockPalette::populate()
{
    // Groups in their fixed order first, so that entries land under the right heading.
    for (PaletteGroup g : {PaletteGroup::Waiting, PaletteGroup::Work, PaletteGroup::Sync,
                           PaletteGroup::Tasks, PaletteGroup::Pools, PaletteGroup::Control})
        group(g);
    addEntry(group(PaletteGroup::Tasks), PaletteEntry::forCoroutine(),
             QStringLiteral("coroutine (card)"), stepIcon(StepKind::Call),
             QStringLiteral("async def name(...): a new coroutine card"));
    for (const OpSpec &op : opSpecs())
        if (op.kind != StepKind::Run && op.kind != StepKind::RunForever
            && op.kind != StepKind::Close
            && op.kind != StepKind::RunUntilComplete) // the program's own, which no card shows
            addEntry(group(op.group), PaletteEntry::forStep(op.kind), QLatin1String(op.name),
                     stepIcon(op.kind), QString::fromUtf8(op.python));
    for (const ResourceSpec &kind : resourceSpecs())
        addEntry(group(kind.group), PaletteEntry::forResource(kind.kind),
                 QLatin1String(kind.name) + QStringLiteral(" (resource)"), resourceIcon(kind.kind),
                 QString::fromUtf8(kind.python));
}

QTreeWidgetItem *BlockPalette::addEntry(QTreeWidgetItem *parent, const PaletteEntry &entry,
                                        const QString &text, const QIcon &icon, const QString &tip)
{
    auto *item = new QTreeWidgetItem(parent, {text});
    item->setIcon(0, icon);
    item->setToolTip(0, tip);
    item->setData(0, kEntryRole, packEntry(entry));
    return item;
}

QTreeWidgetItem *BlockPalette::itemFor(StepKind kind) const
{
    for (QTreeWidgetItemIterator it(const_cast<BlockPalette *>(this)); *it; ++it)
        if (const auto entry = unpackEntry(*it))
            if (entry->type == PaletteEntry::Type::Step && entry->step == kind)
                return *it;
    return nullptr;
}

QTreeWidgetItem *BlockPalette::itemFor(ResourceKind kind) const
{
    for (QTreeWidgetItemIterator it(const_cast<BlockPalette *>(this)); *it; ++it)
        if (const auto entry = unpackEntry(*it))
            if (entry->type == PaletteEntry::Type::Resource && entry->resource == kind)
                return *it;
    return nullptr;
}

QTreeWidgetItem *BlockPalette::coroutineItem() const
{
    for (QTreeWidgetItemIterator it(const_cast<BlockPalette *>(this)); *it; ++it)
        if (const auto entry = unpackEntry(*it))
            if (entry->type == PaletteEntry::Type::Coroutine)
                return *it;
    return nullptr;
}

QPoint BlockPalette::pointOf(const QTreeWidgetItem *item) const
{
    return visualItemRect(item).center();
}

QPoint BlockPalette::canvasPoint(QPointF viewportPos) const
{
    return m_canvas->viewport()->mapFromGlobal(viewport()->mapToGlobal(viewportPos.toPoint()));
}

bool BlockPalette::overCanvas(QPointF viewportPos) const
{
    return m_canvas->viewport()->rect().contains(canvasPoint(viewportPos));
}

void BlockPalette::mousePressEvent(QMouseEvent *event)
{
    QTreeWidget::mousePressEvent(event);
    m_pressed = event->button() == Qt::LeftButton ? unpackEntry(itemAt(event->position().toPoint()))
                                                  : std::nullopt;
    m_pressPos = event->position().toPoint();
    m_dragging = false;
}

void BlockPalette::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed)
        return QTreeWidget::mouseMoveEvent(event);
    const QPointF pos = event->position();
    if (!m_dragging
        && (pos.toPoint() - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        m_dragging = true;
        setCursor(Qt::DragCopyCursor);
    }
    if (!m_dragging)
        return;
    if (overCanvas(pos))
        m_canvas->paletteDragMove(*m_pressed, canvasPoint(pos));
    else
        m_canvas->paletteDragLeave();
}

void BlockPalette::mouseReleaseEvent(QMouseEvent *event)
{
    QTreeWidget::mouseReleaseEvent(event);
    if (m_dragging) {
        unsetCursor();
        if (overCanvas(event->position()))
            m_canvas->paletteDrop(*m_pressed, canvasPoint(event->position()));
        else
            m_canvas->paletteDragLeave();
    }
    m_pressed.reset();
    m_dragging = false;
}

} // namespace loopscope
