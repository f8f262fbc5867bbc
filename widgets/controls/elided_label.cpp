#include "widgets/controls/elided_label.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QPainter>
#include <QStyle>
#include <QToolTip>

namespace attnlab::widgets {

ElidedLabel::ElidedLabel(Qt::TextElideMode mode, QWidget* parent) : QLabel(parent), m_mode(mode)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

QSize ElidedLabel::minimumSizeHint() const
{
    // As narrow as "…", as tall as every line.
    const QSize full = QLabel::minimumSizeHint();
    return {fontMetrics().horizontalAdvance(QChar(0x2026)), full.height()};
}

QStringList ElidedLabel::shownLines() const
{
    const int width = contentsRect().width();
    QStringList lines = text().split(QLatin1Char('\n'));
    for (QString& line : lines)
        line = fontMetrics().elidedText(line, m_mode, width);
    return lines;
}

bool ElidedLabel::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && toolTip().isEmpty() &&
        shownLines() != text().split(QLatin1Char('\n'))) {
        QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), text(), this);
        return true;
    }
    return QLabel::event(event);
}

void ElidedLabel::copyToClipboard() const
{
    QApplication::clipboard()->setText(text());
}

void ElidedLabel::contextMenuEvent(QContextMenuEvent* event)
{
    if (text().isEmpty()) return;
    QMenu menu(this);
    menu.addAction(tr("Copy"), this, &ElidedLabel::copyToClipboard);
    menu.exec(event->globalPos());
}

void ElidedLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setPen(palette().color(foregroundRole()));
    const QRect area = contentsRect();
    const QStringList lines = shownLines();
    const int lineHeight = fontMetrics().lineSpacing();
    // Vertical placement as QLabel would: top, centre or bottom of the block of lines.
    int y = area.top();
    const int block = lineHeight * int(lines.size());
    if (alignment() & Qt::AlignVCenter)
        y += (area.height() - block) / 2;
    else if (alignment() & Qt::AlignBottom)
        y += area.height() - block;
    for (const QString& line : lines) {
        style()->drawItemText(&painter, QRect(area.left(), y, area.width(), lineHeight),
                              int(alignment() & Qt::AlignHorizontal_Mask) | Qt::AlignVCenter, palette(),
                              isEnabled(), line, foregroundRole());
        y += lineHeight;
    }
}

} // namespace attnlab::widgets

#include "moc_elided_label.cpp"
