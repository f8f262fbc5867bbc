#include "widgets/views/step_figure.h"

#include "widgets/drawing/chart_painting.h"
#include "widgets/views/step_arithmetic.h"
#include "widgets/drawing/visible_token.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QTextDocument>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

namespace {

// The texts drawn here are translated in StepView's context, though these functions belong to no QObject.
struct StepFigureTr {
    Q_DECLARE_TR_FUNCTIONS(attnlab::widgets::StepView)
};

constexpr double kArithmeticPoints = 12.5; // the row's arithmetic is what the class reads: larger than cells

// The matrix shown at each step, before masking: scores, scaled, scaled (masked), weights, output.
// `derived` holds the scores or scaled scores of a trace that does not store them (a checkpoint's).
const model::TraceMatrix& stepMatrix(const model::Trace& trace, const model::HeadTrace& head, int step,
                                     model::TraceMatrix& derived)
{
    switch (step) {
    case 0:
        if (head.scores.size() > 0) return head.scores;
        derived = model::headScores(head);
        return derived;
    case 1:
    case 2:
        if (head.scaled.size() > 0) return head.scaled;
        derived = model::scaledScores(head, trace.scale);
        return derived;
    case 3: return head.weights;
    default: return head.output;
    }
}

// The largest finite magnitude, the half-range of the diverging map (1 when all are zero).
double maxAbsFinite(const model::TraceMatrix& m)
{
    double result = 0.0;
    m.visit([&result](const auto& stored) {
        for (Eigen::Index i = 0; i < stored.size(); ++i)
            if (std::isfinite(stored.data()[i]))
                result = std::max(result, std::abs(double(stored.data()[i])));
    });
    return result > 0.0 ? result : 1.0;
}

} // namespace

StepFigure::StepFigure(const model::Trace& trace, const model::HeadTrace& head, int query, int step,
                       const ViewStyle& style, QString context, const QSizeF& size)
    : m_trace(trace), m_head(head), m_query(query), m_step(std::clamp(step, 0, kAttentionStepCount - 1)),
      m_style(style), m_context(std::move(context)), m_size(size)
{
    fit();
}

void StepFigure::fit()
{
    // Five matrices of 12 × 12 cells do not fit a laptop screen at a readable size: drop columns (or rows)
    // into the "…" until the block needs no more than a modest shrink, keeping at least kMinCells.
    constexpr double kReadableScale = 0.8;
    const int columnCount = int(std::max(m_head.weights.cols(), m_head.output.cols()));
    const int rowCount = int(m_head.weights.rows());
    for (;;) {
        buildPanels();
        const Layout l = layout();
        bool reduced = false;
        if (l.widthScale < kReadableScale && m_maxColumns > kMinCells && columnCount > kMinCells) {
            m_maxColumns = std::min(m_maxColumns, columnCount) - 1;
            reduced = true;
        }
        if (l.heightScale < kReadableScale && m_maxRows > kMinCells && rowCount > kMinCells) {
            m_maxRows = std::min(m_maxRows, rowCount) - 1;
            reduced = true;
        }
        if (!reduced)
            return;
    }
}

QList<int> StepFigure::visibleIndices(int count, int selected, int maxCells)
{
    QList<int> indices;
    if (count <= maxCells) {
        for (int i = 0; i < count; ++i)
            indices << i;
        return indices;
    }
    const int sel = std::clamp(selected, 0, count - 1);
    const auto range = [&](int from, int to) {
        for (int i = from; i <= to; ++i)
            indices << i;
    };
    if (sel < maxCells - 2) { // first rows, …, last
        range(0, maxCells - 3);
        indices << -1 << count - 1;
    } else if (sel > count - (maxCells - 1)) { // first, …, last rows
        indices << 0 << -1;
        range(count - (maxCells - 2), count - 1);
    } else { // first, …, a window around the selection, …, last
        const int window = maxCells - 4;
        const int start = sel - (window - 1) / 2;
        indices << 0 << -1;
        range(start, start + window - 1);
        indices << -1 << count - 1;
    }
    return indices;
}

void StepFigure::buildPanels()
{
    const QFontMetricsF cellFm(m_style.font(10)), headerFm(m_style.font(8)), titleFm(m_style.font(11, true)),
        labelFm(m_style.font(10, true)), arrowFm(m_style.font(10, true));
    m_cellHeight = cellFm.height() * 1.7;
    m_titleHeight = titleFm.height() * 1.5;
    m_headerRowHeight = headerFm.height() * 1.5;
    const bool exact = m_style.exact;

    m_rows = visibleIndices(int(m_head.weights.rows()), m_query, m_maxRows);
    m_rowLabels.clear();
    m_labelWidth = 0.0;
    for (const int r : m_rows) {
        QString label = r < 0 ? QStringLiteral("⋮") : visibleToken(m_trace.tokens.value(r));
        if (r >= 0 && label.isEmpty())
            label = QStringLiteral("q") + subscriptNumber(r + 1);
        label = labelFm.elidedText(label, Qt::ElideRight, labelFm.averageCharWidth() * 10);
        m_rowLabels << label;
        m_labelWidth = std::max(m_labelWidth, labelFm.horizontalAdvance(label));
    }
    m_labelWidth += cellFm.height();

    m_panels.clear();
    model::TraceMatrix derived;
    for (int i = 0; i < kAttentionStepCount; ++i) {
        Panel panel;
        panel.title = stepMatrixTitle(m_trace, i);
        panel.operation = stepOperation(m_trace, m_head, i);
        const model::TraceMatrix& m = stepMatrix(m_trace, m_head, i, derived);
        const bool attentionShaped = i < 4; // (T, S); the output is (T, d_v)
        const double range = maxAbsFinite(m);
        // The weights (i == 3) on the chosen weight scale, as in the heatmap.
        const WeightScale weights =
            i == 3 ? weightScale(m_style.weightScale, m.toDouble(), m_head.allowed.matrix()) : WeightScale();
        panel.columns = visibleIndices(int(m.cols()), -1, m_maxColumns);
        for (const int c : panel.columns)
            panel.headers << (c < 0                 ? QString()
                              : attentionShaped ? visibleToken(m_trace.keyTokens().value(c))
                                                : QString::number(c + 1));
        QList<double> widths(panel.columns.size(), 0.0);
        for (const int r : m_rows) {
            QStringList texts;
            QList<QColor> fills;
            for (int k = 0; k < panel.columns.size(); ++k) {
                const int c = panel.columns[k];
                if (r < 0 || c < 0) {
                    texts << (r < 0 && c >= 0 ? QStringLiteral("⋮") : QStringLiteral("…"));
                    fills << QColor(Qt::transparent);
                    continue;
                }
                const double v = m(r, c);
                // Masked cells show −∞ once the mask is applied and weight 0 after the softmax, on the
                // masked colour, never as an ordinary zero.
                const bool masked = (i == 2 || i == 3) && !m_head.allowed(r, c);
                texts << (masked && i == 2 ? QStringLiteral("\u2212\u221E") : stepCellText(v, exact));
                fills << (masked ? m_style.masked()
                          : i == 3 ? m_style.weightColorAt(weights.position(v))
                                   : colorAt(m_style.signedMap, 0.5 + 0.5 * v / range));
                widths[k] = std::max(widths[k], cellFm.horizontalAdvance(texts.last()));
            }
            panel.texts.push_back(texts);
            panel.fills.push_back(fills);
        }
        for (int k = 0; k < widths.size(); ++k) {
            widths[k] = panel.columns[k] < 0 ? m_cellHeight * 0.7
                                             : std::max(m_cellHeight * 1.3, widths[k] + cellFm.height() * 0.7);
            panel.width += widths[k];
        }
        panel.columnWidths = widths;
        m_panels.push_back(std::move(panel));
    }
    m_arrowWidths = {0.0};
    for (int i = 1; i < kAttentionStepCount; ++i)
        m_arrowWidths << std::max(arrowFm.horizontalAdvance(m_panels[size_t(i)].operation) + arrowFm.height() * 1.2,
                                  arrowFm.height() * 3.2);
}

double StepFigure::rowHeight(int visibleRow) const
{
    return m_rows.value(visibleRow) < 0 ? m_cellHeight * 0.8 : m_cellHeight;
}

double StepFigure::rowTop(int visibleRow) const
{
    double y = m_titleHeight + m_headerRowHeight;
    for (int v = 0; v < visibleRow; ++v)
        y += rowHeight(v);
    return y;
}

void StepFigure::setUpArithmetic(QTextDocument& doc, double width) const
{
    doc.setDefaultFont(m_style.font(kArithmeticPoints));
    doc.setHtml(stepArithmeticHtml(m_trace, m_head, m_query, m_step, m_style));
    doc.setTextWidth(width);
}

StepFigure::Layout StepFigure::layout() const
{
    const QSizeF& size = m_size;
    Layout l;
    const double margin = 14.0 * m_style.fontScale();
    const QFontMetricsF headFm(m_style.font(13, true)), contextFm(m_style.font(9.5));
    l.headerHeight = margin + headFm.height() * 1.3 + contextFm.height() * 1.8;

    QTextDocument doc;
    setUpArithmetic(doc, std::max(50.0, size.width() - 2 * margin));
    const double arithmeticHeight = doc.size().height();
    const double gap = headFm.height();

    double blockWidth = m_labelWidth;
    for (int i = 0; i < kAttentionStepCount; ++i)
        blockWidth += m_panels[size_t(i)].width + m_arrowWidths[i];
    l.block = QSizeF(blockWidth, rowTop(int(m_rows.size())));
    const double available = size.height() - margin - l.headerHeight;
    const QSizeF area(size.width() - 2 * margin, available - arithmeticHeight - gap);
    // The block grows to fill a large figure (up to twice its natural size) and shrinks to fit a small one;
    // the arithmetic sits right under it and both are centred vertically as one group.
    l.widthScale = area.width() / l.block.width();
    l.heightScale = area.height() / l.block.height();
    l.scale = std::max(0.05, std::min({2.0, l.widthScale, l.heightScale}));
    const double groupHeight = l.block.height() * l.scale + gap + arithmeticHeight;
    const double top = l.headerHeight + std::max(0.0, (available - groupHeight) / 2);
    l.origin = QPointF(margin + (area.width() - l.block.width() * l.scale) / 2, top);
    l.arithmetic = QRectF(margin, top + l.block.height() * l.scale + gap, size.width() - 2 * margin, arithmeticHeight);
    return l;
}

void StepFigure::paint(QPainter& painter) const
{
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), m_size), m_style.background());
    const Layout l = layout();
    paintHeadline(painter);

    painter.save();
    painter.translate(l.origin);
    painter.scale(l.scale, l.scale);
    paintBlock(painter);
    painter.restore();

    QTextDocument doc;
    setUpArithmetic(doc, l.arithmetic.width());
    painter.translate(l.arithmetic.topLeft());
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, m_style.foreground());
    doc.documentLayout()->draw(&painter, context);
    painter.restore();
}

void StepFigure::paintHeadline(QPainter& painter) const
{
    const QSizeF& size = m_size;
    const double margin = 14.0 * m_style.fontScale();
    const QFont headFont = m_style.font(13, true), contextFont = m_style.font(9.5);
    const QFontMetricsF headFm(headFont), contextFm(contextFont);
    const QString headline = StepFigureTr::tr("Step %1 of %2 · %3: %4")
                                 .arg(m_step + 1)
                                 .arg(kAttentionStepCount)
                                 .arg(m_panels[size_t(m_step)].operation, stepDescription(m_trace, m_head, m_step));
    painter.setFont(headFont);
    painter.setPen(m_style.foreground());
    const double width = size.width() - 2 * margin;
    painter.drawText(QRectF(margin, margin, width, headFm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     headFm.elidedText(headline, Qt::ElideRight, width));
    painter.setFont(contextFont);
    painter.setPen(m_style.muted());
    painter.drawText(QRectF(margin, margin + headFm.height() * 1.3, width, contextFm.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, contextFm.elidedText(m_context, Qt::ElideRight, width));
}

void StepFigure::paintBlock(QPainter& painter) const
{
    const QFont labelFont = m_style.font(10, true);
    painter.setFont(labelFont);
    for (int v = 0; v < m_rows.size(); ++v) {
        const bool selected = m_rows[v] == m_query;
        painter.setPen(selected ? accentColor(m_style) : m_style.foreground());
        const QRectF rect(0, rowTop(v), m_labelWidth - m_cellHeight * 0.3, rowHeight(v));
        painter.drawText(rect, Qt::AlignRight | Qt::AlignVCenter, m_rowLabels[v]);
    }
    double x = m_labelWidth;
    for (int i = 0; i < kAttentionStepCount; ++i) {
        if (i > 0) {
            paintArrow(painter, m_panels[size_t(i)].operation, x, m_arrowWidths[i], i <= m_step);
            x += m_arrowWidths[i];
        }
        paintPanel(painter, m_panels[size_t(i)], i, x);
        x += m_panels[size_t(i)].width;
    }
}

void StepFigure::paintPanel(QPainter& painter, const Panel& panel, int index, double x) const
{
    const bool reached = index <= m_step;
    painter.save();
    // Later steps stay as faint empty grids: the class sees where the lesson goes, not the answers.
    painter.setOpacity(reached ? 1.0 : 0.35);
    const QFont titleFont = m_style.font(11, true), cellFont = m_style.font(10), headerFont = m_style.font(8);
    const QFontMetricsF headerFm(headerFont);
    painter.setFont(titleFont);
    painter.setPen(index == m_step ? accentColor(m_style) : m_style.foreground());
    painter.drawText(QRectF(x - 60, 0, panel.width + 120, m_titleHeight), Qt::AlignHCenter | Qt::AlignVCenter,
                     panel.title);

    const double top = rowTop(0);
    const double bottom = rowTop(int(m_rows.size()));
    double cx = x;
    for (int k = 0; k < panel.columns.size(); ++k) {
        const double w = panel.columnWidths[k];
        painter.setFont(headerFont);
        painter.setPen(m_style.muted());
        painter.drawText(QRectF(cx, m_titleHeight, w, m_headerRowHeight), Qt::AlignCenter,
                         headerFm.elidedText(panel.headers.value(k), Qt::ElideRight, w - 2));
        painter.setFont(cellFont);
        for (int v = 0; v < m_rows.size(); ++v) {
            const QRectF cell(cx, rowTop(v), w, rowHeight(v));
            const QColor fill = panel.fills[size_t(v)][k];
            const bool ellipsis = fill.alpha() == 0;
            if (reached && !ellipsis)
                painter.fillRect(cell, fill);
            if (!reached && !ellipsis) {
                painter.setPen(QPen(m_style.muted(), 0.8));
                painter.drawRect(cell);
                continue;
            }
            painter.setPen(ellipsis ? m_style.muted() : contrastingText(fill));
            painter.drawText(cell, Qt::AlignCenter, panel.texts[size_t(v)][k]);
        }
        cx += w;
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(m_style.muted(), 1.0 * m_style.lineScale()));
    painter.drawRect(QRectF(x, top, panel.width, bottom - top));
    const int selectedRow = int(m_rows.indexOf(m_query));
    if (selectedRow >= 0) {
        painter.setPen(QPen(accentColor(m_style), 2.5 * m_style.lineScale()));
        painter.drawRect(QRectF(x, rowTop(selectedRow), panel.width, rowHeight(selectedRow)));
    }
    painter.restore();
}

void StepFigure::paintArrow(QPainter& painter, const QString& label, double x, double width, bool reached) const
{
    painter.save();
    painter.setOpacity(reached ? 1.0 : 0.35);
    const QFont font = m_style.font(10, true);
    const QFontMetricsF fm(font);
    const double y = (rowTop(0) + rowTop(int(m_rows.size()))) / 2;
    const double x0 = x + fm.height() * 0.4, x1 = x + width - fm.height() * 0.4;
    const double head = fm.height() * 0.45;
    const QColor color = reached ? m_style.foreground() : m_style.muted();
    painter.setPen(QPen(color, 1.5 * m_style.lineScale(), Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(x0, y), QPointF(x1 - head * 0.5, y));
    QPainterPath arrowHead;
    arrowHead.moveTo(x1, y);
    arrowHead.lineTo(x1 - head, y - head * 0.6);
    arrowHead.lineTo(x1 - head, y + head * 0.6);
    arrowHead.closeSubpath();
    painter.fillPath(arrowHead, color);
    painter.setFont(font);
    painter.setPen(color);
    painter.drawText(QRectF(x, y - fm.height() * 1.4, width, fm.height() * 1.2), Qt::AlignCenter, label);
    painter.restore();
}

int StepFigure::rowAt(const QPointF& point) const
{
    const Layout l = layout();
    const QPointF p = (point - l.origin) / l.scale;
    if (p.x() < 0 || p.x() > l.block.width())
        return -1;
    for (int v = 0; v < m_rows.size(); ++v)
        if (p.y() >= rowTop(v) && p.y() < rowTop(v) + rowHeight(v))
            return m_rows[v];
    return -1;
}

} // namespace attnlab::widgets
