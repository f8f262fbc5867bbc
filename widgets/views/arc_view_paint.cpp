// ArcView painting: header with the head legend, the arcs with their weight labels, the token lines. The
// geometry comes from computeLayout() and arcs() in arc_view.cpp.

#include "widgets/views/arc_view.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/drawing/visible_token.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

void ArcView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    if (!paintBackgroundOrEmpty(painter, size)) {
        painter.restore();
        return;
    }
    const Layout l = computeLayout(size, painter.device());
    paintHeader(painter, l);
    paintArcs(painter, l);
    paintTokens(painter, l);
    painter.restore();
}

QString ArcView::headerTitle() const
{
    const model::TraceSelection& s = selection();
    const QString layerAndHead = s.head >= 0 ? tr("Layer %1 · head %2").arg(s.layer + 1).arg(s.head + 1)
                                             : tr("Layer %1").arg(s.layer + 1);
    const int query = effectiveQuery();
    if (!trace() || query < 0 || query >= trace()->tokens.size()) return layerAndHead;
    // U+2068 … U+2069 isolate the token: a Persian or Arabic token keeps its own direction inside the title.
    return tr("%1 · from “%2”").arg(layerAndHead,
                                    QChar(0x2068) + visibleToken(trace()->tokens[query]).trimmed() + QChar(0x2069));
}

void ArcView::paintHeader(QPainter& painter, const Layout& l) const
{
    const ViewStyle& st = viewStyle();
    if (figureParts().title) {
        painter.setPen(st.foreground());
        painter.setFont(l.titleFont);
        painter.drawText(l.titleRect, Qt::AlignLeft | Qt::AlignVCenter, headerTitle());
        painter.setPen(st.muted());
        painter.setFont(l.modelFont);
        painter.drawText(l.modelRect, Qt::AlignLeft | Qt::AlignVCenter, trace()->modelName);
    }
    painter.setPen(st.muted());
    if (!l.noteRect.isNull()) {
        painter.setFont(l.noteFont);
        painter.drawText(l.noteRect, Qt::AlignLeft | Qt::AlignVCenter, tr("untrained weights"));
    }
    painter.setFont(l.legendFont);
    for (const auto& [rect, head] : l.legend) {
        const double y = rect.center().y();
        painter.setPen(QPen(headColor(head), 3 * st.lineScale(), Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(QPointF(rect.left() + 2, y), QPointF(rect.left() + 16 * l.scale, y));
        painter.setPen(st.foreground());
        painter.drawText(rect.adjusted(20 * l.scale, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                         tr("head %1").arg(head + 1));
    }
    if (l.cross) {
        painter.setPen(st.muted());
        painter.setFont(l.labelFont);
        painter.drawText(l.queryLabel, Qt::AlignLeft | Qt::AlignVCenter, tr("query"));
        painter.drawText(l.memoryLabel, Qt::AlignLeft | Qt::AlignVCenter, tr("key (memory)"));
    }
    if (!l.windowText.isEmpty()) { // only a window of the tokens fits: which ones
        painter.setPen(st.muted());
        painter.setFont(l.labelFont);
        painter.drawText(l.windowRect, (l.cross ? Qt::AlignRight : Qt::AlignHCenter) | Qt::AlignVCenter,
                         l.windowText);
    }
}

void ArcView::paintArcs(QPainter& painter, const Layout& l) const
{
    const ViewStyle& st = viewStyle();
    if (shownHeads().empty()) {
        painter.setPen(st.muted());
        painter.setFont(l.labelFont);
        const double bottom = l.cross ? l.memoryRow[size_t(l.memoryFirst)].top() : l.queryRow[size_t(l.first)].top();
        painter.drawText(QRectF(0, l.arcTop, l.figure.width(), bottom - l.arcTop), Qt::AlignCenter,
                         tr("Every head is hidden"));
        return;
    }
    if (!figureParts().answers) {
        // The answer hidden: one thin neutral arc to every key the query may attend, no weights.
        const QColor neutral = st.hiddenAnswer();
        for (const Arc& arc : arcs(l, true)) {
            painter.setPen(QPen(neutral, 2.0 * st.lineScale(), Qt::SolidLine, Qt::RoundCap));
            painter.setBrush(Qt::NoBrush);
            painter.drawPath(arc.path);
            painter.setPen(Qt::NoPen);
            painter.setBrush(neutral);
            const double r = 2.0 * st.lineScale();
            painter.drawEllipse(arc.path.currentPosition(), r, r);
        }
        painter.setBrush(Qt::NoBrush);
        return;
    }
    const std::vector<Arc> all = arcs(l);
    // Opacity grows as w^0.55, not w: the order is kept, but a 5 % arc is still seen on a projector; the dark
    // theme and presentation mode lift it further, as alpha-blended colours sink into a dark background.
    const bool dark = st.theme == Theme::Dark;
    const double exponent = 0.55 - (st.presentation ? 0.1 : 0.0) - (dark ? 0.15 : 0.0);
    for (const Arc& arc : all) {
        const QColor base = dark ? headColor(arc.head).lighter(125) : headColor(arc.head);
        const QColor color = withAlpha(base, std::pow(arc.weight, exponent));
        const double width = st.lineScale() * (1.0 + 6.0 * arc.weight);
        painter.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(arc.path);
        // A dot where the arc lands tells the key end from the query end.
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        const double r = std::max(1.5 * st.lineScale(), width * 0.8);
        painter.drawEllipse(arc.path.currentPosition(), r, r);
    }
    painter.setBrush(Qt::NoBrush);
    // The strongest arcs carry their weight, where the layout found room for it.
    painter.setFont(l.weightFont);
    for (const WeightLabel& label : placeLabels(l, all, painter.device())) {
        painter.setPen(QPen(headColor(label.head), 1.2 * st.lineScale()));
        painter.setBrush(withAlpha(st.background(), 0.9));
        painter.drawRoundedRect(label.rect, 4, 4);
        painter.setPen(st.foreground());
        painter.drawText(label.rect, Qt::AlignCenter, leftToRight(label.text));
    }
    painter.setBrush(Qt::NoBrush);
}

void ArcView::paintTokens(QPainter& painter, const Layout& l) const
{
    const ViewStyle& st = viewStyle();
    const model::Trace& t = *trace();
    const int q = effectiveQuery();
    for (int line = 0; line < 2; ++line) {
        const bool memory = line == 1;
        const std::vector<QRectF>& row = memory ? l.memoryRow : l.queryRow;
        const QStringList& tokens = memory ? t.memoryTokens : t.tokens;
        for (size_t i = 0; i < row.size(); ++i) {
            if (row[i].isNull()) continue; // outside the window of tokens shown
            const bool isQuery = !memory && int(i) == q;
            QFont font = l.tokenFont;
            font.setBold(isQuery);
            if (isQuery) {
                painter.setPen(QPen(withAlpha(st.foreground(), 0.55), 1.2 * st.lineScale()));
                painter.setBrush(withAlpha(st.foreground(), 0.12));
                painter.drawRoundedRect(row[i].adjusted(1, 2, -1, -2), 5, 5);
                painter.setBrush(Qt::NoBrush);
            }
            painter.setFont(font);
            painter.setPen(st.foreground());
            // Its own string: Arabic-script letters join within the token, and the order stays positional.
            // A token wider than the figure is elided.
            const QString text = QFontMetricsF(font, painter.device())
                                     .elidedText(visibleToken(tokens[qsizetype(i)]), Qt::ElideRight, row[i].width());
            painter.drawText(row[i], Qt::AlignCenter, text);
        }
    }
}

} // namespace attnlab::widgets
