// HeadView painting: header with swatches, the lines per head, the token columns. The geometry comes from
// computeLayout() in head_view.cpp, so that what is drawn and what is clicked agree.

#include "widgets/views/head_view.h"
#include "widgets/drawing/visible_token.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

namespace {

constexpr double kMinDrawnWeight = 0.003; // invisible anyway at this opacity; skipping keeps SVGs small
// A long text has T × T lines per head: 512 tokens drew a million antialiased lines, two minutes of the GUI
// thread. Rows are then a pixel or two tall and only the strongest lines can be told apart, so at most this
// many are drawn, strongest first to be kept.
constexpr size_t kMaxDrawnLines = 6000;
// Below this weight a line (0.9 + 3.6·w ≈ 1.1 units wide at most) is drawn as a one-pixel hairline.
constexpr double kHairlineWeight = 0.06;

// Black or white, whichever reads better on `fill`.
QColor textOn(const QColor& fill)
{
    const double luminance = 0.299 * fill.redF() + 0.587 * fill.greenF() + 0.114 * fill.blueF();
    return luminance > 0.55 ? QColor(0x10, 0x10, 0x10) : QColor(Qt::white);
}


} // namespace

void HeadView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    if (!paintBackgroundOrEmpty(painter, size)) {
        painter.restore();
        return;
    }
    const Layout l = computeLayout(size, painter.device());
    paintHeader(painter, l);
    paintLines(painter, l);
    paintTokens(painter, l);
    painter.restore();
}

void HeadView::paintHeader(QPainter& painter, const Layout& l) const
{
    const ViewStyle& st = viewStyle();
    const model::Trace& t = *trace();
    if (figureParts().title) {
        painter.setPen(st.foreground());
        painter.setFont(l.titleFont);
        painter.drawText(l.titleRect, Qt::AlignLeft | Qt::AlignVCenter, tr("Layer %1").arg(selection().layer + 1));
        painter.setPen(st.muted());
        painter.setFont(l.modelFont);
        painter.drawText(l.modelRect, Qt::AlignLeft | Qt::AlignVCenter, t.modelName);
    }
    if (!l.noteRect.isNull()) {
        painter.setFont(l.noteFont);
        painter.drawText(l.noteRect, Qt::AlignLeft | Qt::AlignVCenter, tr("untrained weights"));
    }

    // Swatches: filled when the head's lines are drawn, faded when not (the colour still tells which is
    // which).
    const std::vector<int> shown = shownHeads();
    painter.setFont(l.swatchFont);
    for (size_t h = 0; h < l.swatches.size(); ++h) {
        const bool on = std::find(shown.begin(), shown.end(), int(h)) != shown.end();
        const QColor color = headColor(int(h));
        painter.setPen(Qt::NoPen);
        painter.setBrush(on ? color : withAlpha(color, 0.22));
        painter.drawRoundedRect(l.swatches[h], 3, 3);
        painter.setPen(on ? textOn(color) : st.muted());
        painter.drawText(l.swatches[h], Qt::AlignCenter, QString::number(h + 1));
    }
    painter.setBrush(Qt::NoBrush);

    painter.setPen(st.muted());
    if (!l.scaleText.isEmpty()) {
        painter.setFont(l.noteFont);
        painter.drawText(l.scaleRect, Qt::AlignLeft | Qt::AlignVCenter, l.scaleText);
    }
    painter.setFont(l.labelFont);
    // The columns are placed left to right in every language (queries left, keys right): their text hugs the
    // lines whatever the widget's direction (AlignAbsolute: a right-to-left painter would mirror it).
    painter.drawText(l.queryLabel, Qt::AlignAbsolute | Qt::AlignRight | Qt::AlignVCenter, tr("query"));
    painter.drawText(l.keyLabel, Qt::AlignAbsolute | Qt::AlignLeft | Qt::AlignVCenter, keyLabelText());
    if (!l.windowText.isEmpty()) {
        painter.setFont(l.noteFont);
        painter.drawText(l.noteBelow, Qt::AlignHCenter | Qt::AlignVCenter, l.windowText);
    }
}

void HeadView::paintLines(QPainter& painter, const Layout& l) const
{
    const ViewStyle& st = viewStyle();
    const model::Trace& t = *trace();
    const model::LayerTrace& layer = t.layers[size_t(selection().layer)];
    const std::vector<int> heads = shownHeads();
    if (heads.empty()) {
        painter.setPen(st.muted());
        painter.setFont(l.labelFont);
        painter.drawText(l.linesArea, Qt::AlignCenter | Qt::TextWordWrap,
                         figureParts().hints ? tr("Every head is hidden: click a swatch to show it")
                                             : tr("Every head is hidden"));
        return;
    }
    const bool hoverLeft = m_hoverIndex >= 0 && m_hoverLeft && m_hoverIndex < int(l.left.size());
    const bool hoverRight = m_hoverIndex >= 0 && !m_hoverLeft && m_hoverIndex < int(l.right.size());
    std::vector<int> queries;
    if (hoverLeft)
        queries = {m_hoverIndex}; // preview the hovered query's lines
    else if (selection().query >= 0)
        queries = {selection().query};
    else
        for (int q = 0; q < int(l.left.size()); ++q)
            if (!l.left[size_t(q)].isNull()) queries.push_back(q);

    struct Segment {
        QLineF line;
        QColor color;
        double width;
        double weight;
        bool dashed; // to keys outside the window
    };
    std::vector<Segment> segments;
    // Opacity grows with the weight as w^0.6 rather than w: the order is kept, but a head that spreads its
    // attention evenly (0.08 on each of 12 keys) stays visible; projectors wash out faint lines even more.
    // Alpha-blended colours sink into a dark background, so the dark theme lifts them the same way.
    const bool dark = st.theme == Theme::Dark;
    const double exponent = 0.6 - (st.presentation ? 0.1 : 0.0) - (dark ? 0.2 : 0.0);
    if (!figureParts().answers) {
        // The answer hidden: one thin neutral line from each query drawn to every key it may attend, whatever
        // the weight, per head shown (the heads keep their places, so a head can still be pointed at).
        painter.setPen(QPen(st.hiddenAnswer(), 1.2 * st.lineScale(), Qt::SolidLine, Qt::RoundCap));
        for (size_t i = 0; i < heads.size(); ++i) {
            const model::HeadTrace& head = layer.heads[size_t(heads[i])];
            const bool hasMask = head.allowed.rows() == head.weights.rows() && head.allowed.cols() == head.weights.cols();
            for (int q : queries) {
                if (l.left[size_t(q)].isNull()) continue;
                for (int k = 0; k < int(l.right.size()) && k < head.weights.cols(); ++k)
                    if (!l.right[size_t(k)].isNull() && (!hasMask || (q < head.allowed.rows() && head.allowed(q, k))))
                        painter.drawLine(lineIn(l, i, heads.size(), q, k));
            }
        }
        return;
    }
    for (size_t i = 0; i < heads.size(); ++i) {
        const model::TraceMatrix& w = layer.heads[size_t(heads[i])].weights; // (T, S)
        // The opacity follows the chosen weight scale (each head to its own maximum with Max).
        const WeightScale scale = weightScale(st.weightScale, w.toDouble(), layer.heads[size_t(heads[i])].allowed.matrix());
        const QColor color = dark ? headColor(heads[i]).lighter(125) : headColor(heads[i]);
        for (int q : queries) {
            if (l.left[size_t(q)].isNull()) continue; // outside the window
            double above = 0, below = 0; // weight on keys outside the window
            for (int k = 0; k < int(l.right.size()) && k < w.cols(); ++k) {
                const double weight = q < w.rows() ? w(q, k) : 0.0;
                if (l.right[size_t(k)].isNull()) {
                    (k < l.first ? above : below) += weight;
                    continue;
                }
                if (!(weight >= kMinDrawnWeight)) continue;
                const bool faded = hoverRight && k != m_hoverIndex;
                const double alpha = std::pow(scale.position(weight), exponent) * (faded ? 0.15 : 1.0);
                segments.push_back({lineIn(l, i, heads.size(), q, k), withAlpha(color, alpha),
                                    st.lineScale() * (0.9 + 3.6 * weight), faded ? 0.0 : weight, false});
            }
            // The keys above and below the window: one dashed line each, to the end of the key column, with
            // their summed weight, so that the attention they take is not lost from the picture.
            const QLineF toFirst = lineIn(l, i, heads.size(), q, l.first);
            for (const auto& [sum, y] : {std::pair(above, l.linesArea.top() - 2), std::pair(below, l.linesArea.bottom() + 2)}) {
                if (!(sum >= kMinDrawnWeight)) continue;
                const double alpha = std::pow(scale.position(std::min(sum, 1.0)), exponent) * (hoverRight ? 0.15 : 1.0);
                segments.push_back({QLineF(toFirst.p1(), QPointF(l.linesArea.right() - 2, y)), withAlpha(color, alpha),
                                    st.lineScale() * (0.9 + 3.6 * sum), hoverRight ? 0.0 : sum, true});
            }
        }
    }
    if (segments.size() > kMaxDrawnLines) {
        std::nth_element(segments.begin(), segments.begin() + std::ptrdiff_t(kMaxDrawnLines), segments.end(),
                         [](const Segment& a, const Segment& b) { return a.weight > b.weight; });
        segments.resize(kMaxDrawnLines);
    }
    // Strongest last, so that it is drawn on top.
    std::stable_sort(segments.begin(), segments.end(),
                     [](const Segment& a, const Segment& b) { return a.weight < b.weight; });
    // Stroking a wide antialiased line costs many times a one-pixel one, and a long text draws thousands: a line
    // too weak to be told from a hairline is drawn one pixel wide, which the raster engine draws on its fast
    // path, and no line has round caps (not to be seen at these widths, and they double the stroking time).
    for (const Segment& seg : segments) {
        const double width = seg.weight < kHairlineWeight && !seg.dashed ? 1.0 : seg.width;
        painter.setPen(QPen(seg.color, width, seg.dashed ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
        painter.drawLine(seg.line);
    }
}

void HeadView::paintTokens(QPainter& painter, const Layout& l) const
{
    const ViewStyle& st = viewStyle();
    const model::Trace& t = *trace();
    const QStringList& keys = t.keyTokens();
    const QFontMetricsF fm(l.tokenFont, painter.device());
    const int query = selection().query;
    for (int side = 0; side < 2; ++side) {
        const bool left = side == 0;
        const std::vector<QRectF>& column = left ? l.left : l.right;
        for (size_t i = 0; i < column.size(); ++i) {
            if (column[i].isNull()) continue; // outside the window of rows shown
            const QString text = visibleToken(left ? t.tokens[qsizetype(i)] : keys[qsizetype(i)]);
            const QRectF textRect = column[i].adjusted(l.padding, 0, -l.padding, 0);
            const bool selected = left && int(i) == query;
            const bool hovered = int(i) == m_hoverIndex && left == m_hoverLeft;
            QFont font = l.tokenFont;
            font.setBold(selected);
            if (selected || hovered) {
                const double w =
                    QFontMetricsF(font, painter.device()).horizontalAdvance(text) + 1.4 * l.padding;
                const double h = std::min(fm.height() + 4, column[i].height() - 1);
                const double x =
                    left ? column[i].right() - l.padding * 0.3 - w : column[i].left() + l.padding * 0.3;
                const QRectF box(x, column[i].center().y() - h / 2, w, h);
                painter.setPen(Qt::NoPen);
                painter.setBrush(withAlpha(st.foreground(), selected ? 0.16 : 0.08));
                painter.drawRoundedRect(box, 4, 4);
                painter.setBrush(Qt::NoBrush);
            }
            painter.setFont(font);
            painter.setPen(st.foreground());
            // Each token is its own string: Arabic-script tokens shape correctly, CJK falls back to Noto CJK.
            painter.drawText(textRect, Qt::AlignAbsolute | (left ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, text);
        }
    }
}

} // namespace attnlab::widgets
