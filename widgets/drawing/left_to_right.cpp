#include "widgets/drawing/left_to_right.h"

namespace attnlab::widgets {

QString leftToRight(const QString& text)
{
    if (text.isEmpty()) return text;
    return QChar(kLeftToRightIsolate) + text + QChar(kPopDirectionalIsolate);
}

QRectF visualRect(Qt::LayoutDirection direction, const QRectF& bounds, const QRectF& rect)
{
    if (direction != Qt::RightToLeft) return rect;
    return QRectF(bounds.left() + bounds.right() - rect.right(), rect.top(), rect.width(), rect.height());
}

QString withoutIsolates(QString text)
{
    text.remove(QChar(kLeftToRightIsolate));
    text.remove(QChar(kPopDirectionalIsolate));
    return text;
}

} // namespace attnlab::widgets
