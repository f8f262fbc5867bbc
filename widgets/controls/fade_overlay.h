#pragma once

// A translucent cover over its parent widget in the window's colour, so that the parent looks faded to
// `opacity` (what is under it shows at that strength) and stays usable: clicks and the wheel pass through.
// It looks as QGraphicsOpacityEffect would over the window's colour, without that effect's cost: the effect
// renders the whole parent into a pixmap again at every repaint of anything inside it, a view's plot included.

#include <QWidget>

namespace attnlab::widgets {

class FadeOverlay : public QWidget {
    Q_OBJECT
public:
    // Hidden until shown; follows the parent's size. opacity in [0, 1]: 1 leaves the parent as it is.
    FadeOverlay(QWidget* parent, double opacity);

    double opacity() const { return m_opacity; }
    // Shows the cover over the parent, above its other children, or hides it.
    void setFaded(bool faded);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    double m_opacity;
};

} // namespace attnlab::widgets
