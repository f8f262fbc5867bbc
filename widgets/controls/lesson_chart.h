#pragma once

// A small chart for the lessons' interactive parts: a line (a quantity against a slider's range) or bars (a
// histogram), with titled axes, an optional vertical marker at the slider's value and an optional dashed
// horizontal reference line. It draws what it is given and computes nothing; it paints through QPainter, so
// the same code serves the screen and images.

#include "widgets/drawing/view_style.h"

#include <QPointF>
#include <QWidget>

#include <optional>
#include <vector>

namespace attnlab::widgets {

class LessonChart : public QWidget {
    Q_OBJECT
public:
    explicit LessonChart(QWidget* parent = nullptr);

    // points in data coordinates, x ascending.
    void setLine(std::vector<QPointF> points, const QString& xTitle, const QString& yTitle);
    // counts of equal bins from lo, each binWidth wide.
    void setBars(double lo, double binWidth, const std::vector<int>& counts, const QString& xTitle, const QString& yTitle);
    // A vertical line at x with a label beside it ("c = 3"); nullopt removes it.
    void setMarker(std::optional<double> x, const QString& label = {});
    // A dashed horizontal line at y (e.g. an expected value); nullopt removes it.
    void setReference(std::optional<double> y, const QString& label = {});
    void setStyle(const ViewStyle& style);

    const std::vector<QPointF>& points() const { return m_points; } // the line, or the bars' centres and counts
    bool isBars() const { return m_bars; }
    void paintChart(QPainter& painter, const QSizeF& size) const;
    QSize sizeHint() const override { return {380, 230}; }
    QSize minimumSizeHint() const override { return {240, 160}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    // Follows the application: a dark palette draws on the dark theme, and the large font of presentation
    // mode (16 pt) switches to the presentation style.
    void changeEvent(QEvent* event) override;

private:
    std::vector<QPointF> m_points;
    bool m_bars = false;
    double m_binWidth = 0.0;
    QString m_xTitle, m_yTitle;
    std::optional<double> m_marker, m_reference;
    QString m_markerLabel, m_referenceLabel;
    ViewStyle m_style;
};

} // namespace attnlab::widgets
