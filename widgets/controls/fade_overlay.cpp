#include "widgets/controls/fade_overlay.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>

namespace attnlab::widgets {

FadeOverlay::FadeOverlay(QWidget* parent, double opacity) : QWidget(parent), m_opacity(std::clamp(opacity, 0.0, 1.0))
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    parent->installEventFilter(this);
    setGeometry(parent->rect());
    hide();
}

void FadeOverlay::setFaded(bool faded)
{
    if (faded) {
        setGeometry(parentWidget()->rect());
        raise(); // above the views created after it
    }
    setVisible(faded);
}

bool FadeOverlay::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize) setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

void FadeOverlay::paintEvent(QPaintEvent*)
{
    // What is under the cover shows at `opacity`; the window's colour makes up the rest.
    QColor cover = palette().color(QPalette::Window);
    cover.setAlphaF(float(1.0 - m_opacity));
    QPainter(this).fillRect(rect(), cover);
}

} // namespace attnlab::widgets

#include "moc_fade_overlay.cpp"
