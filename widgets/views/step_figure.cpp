#include "widgets/views/step_figure.h"

#include "widgets/drawing/chart_painting.h"
#include "widgets/drawing/left_to_right.h"
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
#include <tuple>

namespace attnlab::widgets {

namespace {

// The texts drawn here are translated in StepView's context, though these functions belong to no QObject.
struct StepFigureTr {
    Q_DECLARE_TR_FUNCTIONS(attnlab::widgets::StepView)
};

constexpr double kArithmeticPoints = 12.5;
constexpr double kMaxScale = 3.0; // the row's arithmetic is what the class reads: larger than cells

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
                       const ViewStyle& style, QString context, const QSizeF& size, bool showTitle, bool answers)
    : m_trace(trace), m_head(head), m_query(query), m_step(std::clamp(step, 0, kAttentionStepCount - 1)),
      m_style(style), m_context(std::move(context)), m_size(size), m_showTitle(showTitle), m_answers(answers)
{
    // The room under the matrices is that of the longest step's arithmetic, so that the matrices stay put from
    // step to step (and from page to page of an exported sequence).
    const double margin = 14.0 * m_style.fontScale();
    for (int i = 0; i < kAttentionStepCount; ++i) {
        QTextDocument doc;
        doc.setDefaultFont(m_style.font(kArithmeticPoints));
        doc.setHtml(stepArithmeticHtml(m_trace, m_head, m_query, i, m_style));
        doc.setTextWidth(std::max(50.0, m_size.width() - 2 * margin));
        m_arithmeticHeight = std::max(m_arithmeticHeight, doc.size().height());
    }
    fit();
}

void StepFigure::fit()
{
    // Five matrices of 12 × 12 cells do not fit one line of a laptop screen at a readable size. For one, two
    // and three lines of matrices, drop columns (or rows) into the "…" until the block needs no more than a
    // modest shrink, keeping at least kMinCells; then take the arrangement that shows the most cells, and of
    // those the fewest lines that come close to the largest scale (a wrapped chain is harder to follow, so
    // it must buy a larger figure, one that fills the room a single line would leave empty). The threshold is relative to the style's fonts, so presentation
    // mode keeps its larger cells by showing fewer of them rather than shrinking them back.
    constexpr double kReadableScale = 0.65;
    constexpr double kWorthWrapping = 0.97;
    const int columnCount = int(std::max(m_head.weights.cols(), m_head.output.cols()));
    const int rowCount = int(m_head.weights.rows());
    struct Candidate {
        int lines, columns, rows, keys, queries;
        double scale;
    };
    std::vector<Candidate> candidates;
    for (int lines = 1; lines <= 3; ++lines) {
        m_lines = lines;
        m_maxColumns = kMaxCells;
        m_maxRows = kMaxCells;
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
            if (!reduced) {
                candidates.push_back({lines, m_maxColumns, m_maxRows, shownKeyColumns(), shownQueryRows(), l.scale});
                break;
            }
        }
    }
    // Readable first (when no arrangement is, the largest scale wins), then the most cells, then the most key
    // columns (the row of weights a query spreads over).
    bool anyReadable = false;
    for (const Candidate& c : candidates)
        anyReadable = anyReadable || c.scale >= kReadableScale;
    const auto cells = [&](const Candidate& c) {
        return anyReadable ? std::tuple{c.scale >= kReadableScale, c.keys * c.queries, c.keys}
                           : std::tuple{true, int(c.scale * 1000), 0};
    };
    std::tuple<bool, int, int> most{false, 0, 0};
    double bestScale = 0.0;
    for (const Candidate& c : candidates)
        most = std::max(most, cells(c));
    for (const Candidate& c : candidates)
        if (cells(c) == most)
            bestScale = std::max(bestScale, c.scale);
    for (const Candidate& c : candidates) {
        if (cells(c) == most && c.scale >= kWorthWrapping * bestScale) {
            m_lines = c.lines;
            m_maxColumns = c.columns;
            m_maxRows = c.rows;
            break;
        }
    }
    buildPanels();
}

void StepFigure::arrange()
{
    // Panels per line: 5; QKᵀ and the scaling, then masked, softmax and ×V (the output has d_v columns, often
    // fewer than the keys, so this line is the narrower of the two ways to split); 2 + 2 + 1. Every line starts
    // with the row labels; a line that does not start the chain starts with the arrow into its first panel.
    static constexpr int kLineOf[3][kAttentionStepCount] = {{0, 0, 0, 0, 0}, {0, 0, 1, 1, 1}, {0, 0, 1, 1, 2}};
    m_panelLine.clear();
    m_panelX.clear();
    m_lineWidth = QList<double>(m_lines, 0.0);
    double x = 0.0;
    for (int i = 0; i < kAttentionStepCount; ++i) {
        const int line = kLineOf[m_lines - 1][i];
        if (i == 0 || line != m_panelLine.last())
            x = m_labelWidth;
        if (i > 0)
            x += m_arrowWidths[i];
        m_panelLine << line;
        m_panelX << x;
        x += m_panels[size_t(i)].width;
        m_lineWidth[line] = x;
    }
}

int StepFigure::shownKeyColumns() const
{
    if (m_panels.empty())
        return 0;
    return int(std::count_if(m_panels.front().columns.begin(), m_panels.front().columns.end(), [](int c) { return c >= 0; }));
}

int StepFigure::shownQueryRows() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](int r) { return r >= 0; }));
}

double StepFigure::cellTextPixels() const
{
    // Figures are laid out at 96 pixels per inch (72 points).
    return m_style.font(10).pointSizeF() * 96.0 / 72.0 * layout().scale;
}

QRectF StepFigure::contentRect() const
{
    // The headline's line (when shown), the matrix block and the room of the arithmetic.
    const Layout l = layout();
    const double margin = 14.0 * m_style.fontScale();
    QRectF rect = QRectF(l.origin, l.block * l.scale).united(l.arithmetic);
    if (m_showTitle)
        rect = rect.united(QRectF(margin, margin, m_size.width() - 2 * margin, l.headerHeight - margin));
    return rect;
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
    m_cellHeight = cellFm.height() * 1.35;
    m_titleHeight = titleFm.height() * 1.5;
    // The weights' colour scale when it is not the fixed 0–1 (nothing else in the figure says so): a small
    // muted line under the softmax panel's title. Every panel gets the room, so the cells line up.
    m_scaleNote = m_style.weightScale == ColorScale::Fixed ? QString() : WeightScale{m_style.weightScale}.label();
    m_scaleNoteHeight = m_scaleNote.isEmpty() ? 0.0 : headerFm.height() * 1.2;
    m_titleHeight += m_scaleNoteHeight;
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
                                   : m_style.signedColorAt(0.5 + 0.5 * v / range));
                widths[k] = std::max(widths[k], cellFm.horizontalAdvance(texts.last()));
            }
            panel.texts.push_back(texts);
            panel.fills.push_back(fills);
        }
        for (int k = 0; k < widths.size(); ++k) {
            widths[k] = panel.columns[k] < 0 ? m_cellHeight * 0.7
                                             : std::max(m_cellHeight * 1.1, widths[k] + cellFm.height() * 0.3);
            panel.width += widths[k];
        }
        panel.columnWidths = widths;
        m_panels.push_back(std::move(panel));
    }
    m_arrowWidths = {0.0};
    for (int i = 1; i < kAttentionStepCount; ++i)
        m_arrowWidths << std::max(arrowFm.horizontalAdvance(m_panels[size_t(i)].operation) + arrowFm.height() * 1.2,
                                  arrowFm.height() * 3.2);
    m_lineGap = titleFm.height() * 1.2;
    arrange();
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

double StepFigure::headerHeight() const
{
    const double margin = 14.0 * m_style.fontScale();
    if (!m_showTitle)
        return margin;
    const QFontMetricsF headFm(m_style.font(13, true)), contextFm(m_style.font(9.5));
    return margin + headFm.height() * 1.3 + contextFm.height() * 1.8;
}

StepFigure::Layout StepFigure::layout() const
{
    const QSizeF& size = m_size;
    Layout l;
    const double margin = 14.0 * m_style.fontScale();
    l.headerHeight = headerHeight();
    const double arithmeticHeight = m_arithmeticHeight;
    const double gap = QFontMetricsF(m_style.font(13, true)).height();

    double blockWidth = 0.0;
    for (const double w : m_lineWidth)
        blockWidth = std::max(blockWidth, w);
    l.block = QSizeF(blockWidth, m_lines * lineHeight() + (m_lines - 1) * m_lineGap);
    const double available = size.height() - margin - l.headerHeight;
    const QSizeF area(size.width() - 2 * margin, available - arithmeticHeight - gap);
    // The block grows to fill a large figure (up to kMaxScale × its natural size: a few cells on a slide become
    // large enough for the back of the room) and shrinks to fit a small one;
    // the arithmetic sits right under it and both are centred vertically as one group.
    l.widthScale = area.width() / l.block.width();
    l.heightScale = area.height() / l.block.height();
    l.scale = std::max(0.05, std::min({kMaxScale, l.widthScale, l.heightScale}));
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
    if (m_showTitle)
        paintHeadline(painter);

    painter.save();
    painter.translate(l.origin);
    painter.scale(l.scale, l.scale);
    paintBlock(painter);
    painter.restore();

    if (!m_answers) { // the arithmetic is the answer worked out
        painter.restore();
        return;
    }
    QTextDocument doc;
    setUpArithmetic(doc, l.arithmetic.width());
    // Centred in the room kept for the longest step's arithmetic: a short step leaves two small gaps, not one
    // wide band.
    painter.translate(l.arithmetic.topLeft() + QPointF(0, std::max(0.0, (l.arithmetic.height() - doc.size().height()) / 2)));
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
                                 .arg(leftToRight(m_panels[size_t(m_step)].operation),
                                      stepDescription(m_trace, m_head, m_step));
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
    for (int line = 0; line < m_lines; ++line) {
        painter.save();
        painter.translate(0, line * linePitch());
        painter.setFont(labelFont);
        for (int v = 0; v < m_rows.size(); ++v) {
            const bool selected = m_rows[v] == m_query;
            painter.setPen(selected ? accentColor(m_style) : m_style.foreground());
            const QRectF rect(0, rowTop(v), m_labelWidth - m_cellHeight * 0.3, rowHeight(v));
            painter.drawText(rect, Qt::AlignRight | Qt::AlignVCenter, m_rowLabels[v]);
        }
        for (int i = 0; i < kAttentionStepCount; ++i) {
            if (m_panelLine[i] != line)
                continue;
            if (i > 0)
                paintArrow(painter, m_panels[size_t(i)].operation, m_panelX[i] - m_arrowWidths[i], m_arrowWidths[i],
                           i <= m_step);
            paintPanel(painter, m_panels[size_t(i)], i, m_panelX[i]);
        }
        painter.restore();
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
    painter.drawText(QRectF(x - 60, 0, panel.width + 120, m_titleHeight - m_scaleNoteHeight),
                     Qt::AlignHCenter | Qt::AlignVCenter, leftToRight(panel.title));
    if (index == 3 && !m_scaleNote.isEmpty()) {
        painter.setFont(headerFont);
        painter.setPen(m_style.muted());
        painter.drawText(QRectF(x - 60, m_titleHeight - m_scaleNoteHeight, panel.width + 120, m_scaleNoteHeight),
                         Qt::AlignHCenter | Qt::AlignVCenter, m_scaleNote);
    }

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
            const bool ellipsis = panel.fills[size_t(v)][k].alpha() == 0;
            // Every stage from the scores to the output gives the answer away: neutral and blank while hidden.
            const QColor fill = ellipsis || m_answers ? panel.fills[size_t(v)][k] : m_style.hiddenAnswer();
            if (reached && !ellipsis)
                painter.fillRect(cell, fill);
            if (!reached && !ellipsis) {
                painter.setPen(QPen(m_style.muted(), 0.8));
                painter.drawRect(cell);
                continue;
            }
            if (!ellipsis && !m_answers) continue;
            painter.setPen(ellipsis ? m_style.muted() : contrastingText(fill));
            painter.drawText(cell, Qt::AlignCenter, leftToRight(panel.texts[size_t(v)][k]));
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
    painter.drawText(QRectF(x, y - fm.height() * 1.4, width, fm.height() * 1.2), Qt::AlignCenter, leftToRight(label));
    painter.restore();
}

int StepFigure::rowAt(const QPointF& point) const
{
    const Layout l = layout();
    const QPointF p = (point - l.origin) / l.scale;
    const int line = p.y() < 0 ? -1 : int(p.y() / linePitch());
    if (line < 0 || line >= m_lines || p.x() < 0 || p.x() > m_lineWidth[line])
        return -1;
    const double y = p.y() - line * linePitch();
    for (int v = 0; v < m_rows.size(); ++v)
        if (y >= rowTop(v) && y < rowTop(v) + rowHeight(v))
            return m_rows[v];
    return -1;
}

} // namespace attnlab::widgets
