#include "widgets/views/comparison_view.h"

#include "widgets/drawing/left_to_right.h"
#include "widgets/drawing/visible_token.h"
#include "widgets/views/heatmap_painter.h"
#include "widgets/views/heatmap_view.h"
#include "widgets/views/view_factory.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace attnlab::widgets {

namespace {

// The style both weight panels draw with: one colour scale for both (each panel's own maximum would not be).
ViewStyle sharedScaleStyle(ViewStyle style)
{
    if (style.weightScale == ColorScale::Max) style.weightScale = ColorScale::Fixed;
    return style;
}

} // namespace

ComparisonView::ComparisonView(const QString& shown, QWidget* parent) : TraceView(parent)
{
    m_a = createView(shown);
    m_b = createView(shown);
    if (!m_a || !m_b) {
        m_a = createView(QStringLiteral("heatmap"));
        m_b = createView(QStringLiteral("heatmap"));
    }
    // Never shown themselves: they paint into this view's panels.
    m_a->hide();
    m_b->hide();
}

ComparisonView::ComparisonView(std::unique_ptr<TraceView> a, std::unique_ptr<TraceView> b, QWidget* parent)
    : TraceView(parent), m_a(std::move(a)), m_b(std::move(b))
{
    m_a->setParent(nullptr);
    m_b->setParent(nullptr);
    m_a->hide();
    m_b->hide();
}

ComparisonView::~ComparisonView() = default;

QString ComparisonView::shownViewName() const
{
    return m_a->viewName();
}

void ComparisonView::setShownView(const QString& shown)
{
    if (shown == shownViewName()) return;
    auto a = createView(shown);
    auto b = createView(shown);
    if (!a || !b) return;
    a->hide();
    b->hide();
    m_a = std::move(a);
    m_a->setTrace(m_traceA);
    m_b = std::move(b);
    m_b->setTrace(m_traceB);
    refresh();
}

model::AnalysisRequest ComparisonView::analysesNeeded() const
{
    return m_a->analysesNeeded();
}

void ComparisonView::setTraces(std::shared_ptr<const model::Trace> a, std::shared_ptr<const model::Trace> b,
                               std::optional<model::TraceComparison> comparison, const QString& refusal,
                               const QString& labelA, const QString& labelB)
{
    m_traceA = a;
    m_traceB = std::move(b);
    m_comparison = std::move(comparison);
    m_refusal = refusal;
    m_labelA = labelA;
    m_labelB = labelB;
    m_a->setTrace(a);
    m_b->setTrace(m_traceB);
    setTrace(std::move(a)); // refreshes both views' selection and style
}

void ComparisonView::refresh()
{
    const ViewStyle style = sharedScaleStyle(viewStyle());
    m_a->setStyle(style);
    m_b->setStyle(style);
    m_a->setSelection(selection());
    // B's trace clamps the selection to its own layers and heads (two models of different shapes).
    m_b->setSelection(selection());
    update();
}

bool ComparisonView::showsDifference() const
{
    return m_comparison.has_value() && shownViewName() == QLatin1String("heatmap");
}

QStringList ComparisonView::notes() const
{
    QStringList lines;
    const model::Trace* a = trace();
    const model::Trace* b = m_traceB.get();
    if (!a || !b) return lines;
    const model::TraceAlignment alignment = m_comparison ? m_comparison->alignment : model::alignTraces(*a, *b);
    if (alignment.tokensA != alignment.tokensB)
        lines << (alignment.tokensA == 1 ? tr("A has 1 token and B %1: compared on the first %2")
                                         : tr("A has %1 tokens and B %2: compared on the first %3").arg(alignment.tokensA))
                     .arg(alignment.tokensB)
                     .arg(alignment.tokens);
    if (!m_comparison && shownViewName() == QLatin1String("heatmap"))
        lines << tr("No difference A − B: %1").arg(m_refusal);
    // The first few differing tokens; two tokenizers (two models) may differ almost everywhere.
    constexpr int kListedDifferences = 8;
    QStringList differing;
    for (size_t i = 0; i < alignment.differing.size() && i < kListedDifferences; ++i) {
        const int t = alignment.differing[i];
        // (isolated: "#11" keeps its order in a right-to-left line)
        differing << leftToRight(QStringLiteral("#%1 %2 → %3")
                                     .arg(t + 1)
                                     .arg(visibleToken(a->tokens.value(t)), visibleToken(b->tokens.value(t))));
    }
    const int more = int(alignment.differing.size()) - kListedDifferences;
    if (more > 0)
        lines << tr("Tokens that differ: %1 and %2 more").arg(differing.join(QStringLiteral(", "))).arg(more);
    else if (!differing.isEmpty())
        lines << tr("Tokens that differ: %1").arg(differing.join(QStringLiteral(", ")));
    return lines;
}

QSize ComparisonView::preferredFigureSize() const
{
    const QSize one = m_a->preferredFigureSize();
    const int panels = showsDifference() ? 3 : 2;
    return {std::min(one.width() * panels, 3600), one.height() + 120};
}

void ComparisonView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    if (!paintBackgroundOrEmpty(painter, size) || !m_traceB) return;
    const ViewStyle& style = viewStyle();
    const double s = style.fontScale();
    const double pad = 12 * s;
    const bool rtl = painter.layoutDirection() == Qt::RightToLeft;

    const bool difference = showsDifference();
    const int panels = difference ? 3 : 2;
    const double gap = 10 * s;
    const double panelWidth = (size.width() - 2 * pad - (panels - 1) * gap) / panels;
    const QFont noteFont = figureFont(style, 9.5);
    const QFontMetricsF noteFm(noteFont);
    const QFont labelFont = figureFont(style, 12, true);
    const QFontMetricsF labelFm(labelFont);
    const QStringList noteLines = notes();
    const double notesHeight = noteLines.size() * noteFm.height() * 1.15;
    const double headHeight = notesHeight + 4 * s + labelFm.height() + 2 * s;
    // A panel no taller than a little more than it is wide: a wide figure of three square heatmaps keeps its
    // labels and notes beside the grids instead of far above them, and the whole block is centred.
    const double available = std::max(40.0, size.height() - pad - headHeight);
    const QSizeF panelSize(panelWidth + 2 * pad, std::min(available, (panelWidth + 2 * pad) * 1.05));
    double y = pad + (available - panelSize.height()) / 2;

    // The notes over the panels, one line each, elided to the width.
    painter.setFont(noteFont);
    painter.setPen(style.muted());
    for (const QString& line : noteLines) {
        const QRectF r(pad, y, size.width() - 2 * pad, noteFm.height());
        painter.drawText(r, (rtl ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                         noteFm.elidedText(line, Qt::ElideRight, r.width()));
        y += noteFm.height() * 1.15;
    }
    const double labelTop = y + 4 * s;
    const double figureTop = labelTop + labelFm.height() + 2 * s;
    const QStringList labels{tr("A: %1").arg(m_labelA), tr("B: %1").arg(m_labelB), tr("A − B")};

    for (int i = 0; i < panels; ++i) {
        const int slot = rtl ? panels - 1 - i : i;
        const double left = pad + slot * (panelWidth + gap);
        painter.setFont(labelFont);
        painter.setPen(style.foreground());
        painter.drawText(QRectF(left, labelTop, panelWidth, labelFm.height()),
                         (rtl ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                         labelFm.elidedText(labels[i], Qt::ElideRight, panelWidth));
        // Each panel is a whole figure of its own, its padding overlapping the gap between the panels.
        painter.save();
        painter.translate(left - pad, figureTop);
        // The heatmap's painter places its title, labels and colour bar left to right (as the heatmap tab shows
        // it in every language): under a right-to-left painter its title and model name would overlap.
        if (shownViewName() == QLatin1String("heatmap")) painter.setLayoutDirection(Qt::LeftToRight);
        // Each panel paints its own background up to half the gap: none covers a neighbour's overhanging text.
        painter.setClipRect(QRectF(pad - gap / 2, 0, panelWidth + gap, panelSize.height()));
        if (i < 2) {
            // No hints: the panels take no clicks ("click a cell to open its head" would promise what they do not do).
            (i == 0 ? m_a : m_b)->paintFigureWith(painter, panelSize, FigureParts{figureParts().title, false, figureParts().answers});
        } else {
            const auto* heatmapA = static_cast<const HeatmapView*>(m_a.get());
            const model::TraceComparison& c = *m_comparison;
            const model::Trace& a = *trace();
            const model::Trace& b = *m_traceB;
            HeatmapContent content;
            content.weights = c.difference;
            content.allowed = c.allowed;
            // A's token, and B's after a slash where it differs ("tired/wide").
            for (int t = 0; t < c.alignment.tokens; ++t)
                content.queries << (a.tokens[t] == b.tokens[t] ? visibleToken(a.tokens[t])
                                                               : visibleToken(a.tokens[t]) + QLatin1Char('/') +
                                                                     visibleToken(b.tokens[t]));
            const QStringList& keysA = a.keyTokens();
            const QStringList& keysB = b.keyTokens();
            for (int k = 0; k < c.alignment.keys; ++k)
                content.keys << (keysA[k] == keysB[k] ? visibleToken(keysA[k])
                                                      : visibleToken(keysA[k]) + QLatin1Char('/') + visibleToken(keysB[k]));
            // The same title line as A's panel, so that the three grids line up.
            if (figureParts().title) content.title = heatmapA->content().title;
            content.selectedQuery = selection().query < c.alignment.tokens ? selection().query : -1;
            content.signedLimit = c.largest > 0 ? c.largest : 1.0;
            content.signedLabel = tr("A − B (weight)");
            paintHeatmap(painter, content, layoutHeatmap(content, style, panelSize), style, panelSize);
        }
        painter.restore();
    }
}

} // namespace attnlab::widgets

#include "moc_comparison_view.cpp"
