#pragma once

// The model view: every head of every layer at once, as a grid of small heatmaps (rows = layers "L1" …,
// columns = heads "H1" …) in the weight colour map without numbers, the selected (layer, head) outlined (the
// whole layer when an aggregate of heads is selected). Clicking a small heatmap emits layerHeadSelected.
//
// Plain QPainter for the screen and for export. Each small map is a QImage of (T, S) pixels built once per
// trace and colour map and drawn scaled with nearest-neighbour, so 12 × 12 heads of a 256-token trace repaint
// quickly.

#include "widgets/views/trace_view.h"

#include <QImage>

#include <utility>
#include <vector>

namespace attnlab::widgets {

class ModelView : public TraceView {
    Q_OBJECT
public:
    explicit ModelView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("model"); }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    bool drawsHiddenAnswers() const override { return true; }
    QSize preferredFigureSize() const override;
    QSize sizeHint() const override;

    // Where the small heatmap of (layer, head) is drawn in a figure of that size; null when out of range.
    QRectF mapRect(int layer, int head, const QSizeF& figure) const;
    // (layer, head) of the small heatmap at pos, or (−1, −1).
    std::pair<int, int> mapAt(const QPointF& pos, const QSizeF& figure) const;

    std::pair<int, int> headForMenu(const QPoint& pos, bool keyboard) const override;

protected:
    void refresh() override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Layout;
    Layout computeLayout(const QSizeF& figure) const;
    void paintTitleLine(QPainter& painter, const Layout& l) const; // title, model and size, untrained note
    const QImage& headImage(int layer, int head) const;
    int layerCount() const;
    int headCount() const; // the widest layer

    // Cache of the small maps, index layer · headCount() + head; valid for m_cacheTrace and m_cacheStyle.
    mutable std::vector<QImage> m_images;
    const model::Trace* m_cacheTrace = nullptr;
    ColorMapKind m_cacheMap = ColorMapKind::Viridis;
    ColorScale m_cacheScale = ColorScale::Fixed;
    Theme m_cacheTheme = Theme::Light;
};

} // namespace attnlab::widgets
