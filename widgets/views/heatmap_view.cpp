#include "widgets/views/heatmap_view.h"

#include "model/exact/exact_format.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/drawing/visible_token.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace attnlab::widgets {

namespace {

// A token between Unicode isolates, so that a Persian token inside a left-to-right line keeps its own
// direction without reordering the words around it.
QString isolated(const QString& token)
{
    return QChar(0x2068) + token + QChar(0x2069);
}

QStringList numbered(int count)
{
    QStringList names;
    for (int i = 0; i < count; ++i)
        names << QString::number(i + 1);
    return names;
}

} // namespace

HeatmapView::HeatmapView(QWidget* parent) : TraceView(parent), m_plot(this)
{
    m_plot.widget()->installEventFilter(this); // clicks and tooltips on the plot are the view's
    m_plot.widget()->hide();
    rebuildContent();
}

QSize HeatmapView::preferredFigureSize() const
{
    const int tokens = int(std::max(m_content.weights.rows(), m_content.weights.cols()));
    return tokens > 24 ? QSize(1400, 1100) : QSize(1000, 760);
}

QSize HeatmapView::sizeHint() const
{
    return {800, 600};
}

void HeatmapView::rebuildContent()
{
    m_content = HeatmapContent();
    const model::Trace* t = trace();
    if (!t || t->layers.empty() || t->layers.front().heads.empty()) {
        m_content.title = tr("Heatmap");
        return;
    }
    const model::TraceSelection& s = selection();
    const model::LayerTrace& layer = t->layers[size_t(s.layer)];
    m_content.weights = model::selectedWeights(*t, s);
    const Eigen::Index rows = m_content.weights.rows();
    const Eigen::Index cols = m_content.weights.cols();

    // A cell is masked when no shown head may attend it (masks are the same for every head of a layer today,
    // but an aggregate must not hide a key that one of its heads sees).
    std::vector<int> heads = s.head >= 0 ? std::vector<int>{s.head} : model::visibleHeads(*t, s);
    m_content.allowed = model::BoolMatrix::Constant(rows, cols, false);
    for (int h : heads) {
        const model::BoolMatrix& a = layer.heads[size_t(h)].allowed;
        if (a.rows() != rows || a.cols() != cols) {
            m_content.allowed.setConstant(true);
            break;
        }
        m_content.allowed = m_content.allowed.array() || a.array();
    }

    m_content.queries = t->tokens.size() == rows ? visibleTokens(t->tokens) : numbered(int(rows));
    m_content.keys = t->keyTokens().size() == cols ? visibleTokens(t->keyTokens()) : numbered(int(cols));
    if (s.head >= 0)
        m_content.title = t->ablation.ablatesHead(s.layer, s.head)
                              ? tr("Layer %1 · Head %2 (switched off: its output is not used)").arg(s.layer + 1).arg(s.head + 1)
                              : tr("Layer %1 · Head %2").arg(s.layer + 1).arg(s.head + 1);
    else if (s.head == model::MaxHeads)
        m_content.title = tr("Layer %1 · maximum of %2 heads").arg(s.layer + 1).arg(heads.size());
    else
        m_content.title = tr("Layer %1 · average of %2 heads").arg(s.layer + 1).arg(heads.size());
    m_content.modelName = t->modelName;
    if (t->source == model::TraceSource::Toy) m_content.note = tr("untrained weights");
    m_content.selectedQuery = s.query < rows ? s.query : -1;
    m_content.exact = viewStyle().exact;
}

void HeatmapView::refresh()
{
    rebuildContent();
    updatePlot();
    update();
}

void HeatmapView::updatePlot()
{
    QWidget* plot = m_plot.widget();
    plot->setGeometry(rect());
    // While a question hides the answers, the view paints its figure itself (paintHeatmap greys it): the plot
    // would show the colours.
    plot->setVisible(!m_content.isEmpty() && !answersHidden());
    // Laying out and filling the plot is for the screen alone, and takes a while for a long text: a view in a
    // hidden tab does it when it is shown.
    m_plotPending = !isVisible();
    if (m_plotPending) return;
    m_screenLayout = layoutHeatmap(m_content, viewStyle(), QSizeF(size()));
    if (!m_content.isEmpty()) m_plot.update(m_content, m_screenLayout, viewStyle(), size());
}

void HeatmapView::showEvent(QShowEvent* event)
{
    TraceView::showEvent(event);
    if (m_plotPending) updatePlot();
}

void HeatmapView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    if (m_content.isEmpty()) {
        paintEmptyFigure(painter, size, viewStyle(), tr("No attention weights to show yet."));
        return;
    }
    if (figureParts().title && figureParts().answers) {
        paintHeatmap(painter, m_content, layoutHeatmap(m_content, viewStyle(), size), viewStyle(), size);
        return;
    }
    HeatmapContent content = m_content;
    content.answers = figureParts().answers;
    if (figureParts().title) {
        paintHeatmap(painter, content, layoutHeatmap(content, viewStyle(), size), viewStyle(), size);
        return;
    }
    // Without its title line (title, model, note): the grid takes the room.
    content.title.clear();
    content.modelName.clear();
    content.note.clear();
    paintHeatmap(painter, content, layoutHeatmap(content, viewStyle(), size), viewStyle(), size);
}

void HeatmapView::paintEvent(QPaintEvent* event)
{
    // The plot covers the whole view when there is something to show; only the empty message is painted here.
    if (m_content.isEmpty() || answersHidden()) TraceView::paintEvent(event);
}

void HeatmapView::resizeEvent(QResizeEvent* event)
{
    TraceView::resizeEvent(event);
    // The layout (fonts that fit, label steps) depends on the size. Laying out and filling a plot of a few
    // hundred tokens takes a while, and a window being laid out sends several resizes in a row: update once,
    // for the last size, when the event loop comes back.
    if (m_resizePending) return;
    m_resizePending = true;
    QMetaObject::invokeMethod(this, [this] {
        m_resizePending = false;
        updatePlot();
    }, Qt::QueuedConnection);
}

QRectF HeatmapView::cellRect(int query, int key, const QSizeF& figure) const
{
    if (query < 0 || key < 0 || query >= m_content.weights.rows() || key >= m_content.weights.cols())
        return {};
    return layoutHeatmap(m_content, viewStyle(), figure).cell(query, key);
}

QRectF HeatmapView::rowLabelRect(int query, const QSizeF& figure) const
{
    if (query < 0 || query >= m_content.weights.rows()) return {};
    return layoutHeatmap(m_content, viewStyle(), figure).rowLabel(query);
}

QString HeatmapView::cellToolTip(int query, int key) const
{
    const model::Trace* t = trace();
    if (!t || query < 0 || key < 0 || query >= m_content.weights.rows() || key >= m_content.weights.cols())
        return {};
    const bool exact = viewStyle().exact;
    // Numbers and fractions read left to right in the Persian tooltip too ("−√2/2", not "2/2√−").
    const auto number = [exact](double v) {
        const QString decimal = model::formatDecimal(v, 4);
        if (!exact) return leftToRight(decimal);
        const QString form = model::formatExact(v);
        return leftToRight(form == decimal || !model::findExactForm(v).exact ? form
                                                                             : form + QStringLiteral(" ≈ ") + decimal);
    };
    QStringList lines;
    lines << tr("query %1 %2 → key %3 %4")
                 .arg(query + 1)
                 .arg(isolated(m_content.queries.value(query)))
                 .arg(key + 1)
                 .arg(isolated(m_content.keys.value(key)));
    const model::TraceSelection& s = selection();
    const double weight = m_content.weights(query, key);
    const bool masked = !m_content.allowed(query, key);
    if (s.head >= 0) {
        const model::HeadTrace& head = t->layers[size_t(s.layer)].heads[size_t(s.head)];
        if (query < head.weights.rows() && key < head.weights.cols())
            lines << tr("q·k = %1").arg(number(model::headScore(head, query, key)));
        if (query < head.weights.rows() && key < head.weights.cols())
            lines << tr("scaled score = %1").arg(number(model::scaledScore(head, t->scale, query, key)));
        lines << tr("weight = %1").arg(number(weight));
    } else {
        QStringList names;
        for (int h : model::visibleHeads(*t, s))
            names << QStringLiteral("H%1").arg(h + 1);
        const QString kind = s.head == model::MaxHeads ? tr("maximum of heads") : tr("average of heads");
        lines << tr("weight = %1 (%2 %3)").arg(number(weight), kind, names.join(QStringLiteral(", ")));
    }
    if (masked) lines << tr("masked: this query may not attend this key");
    return lines.join(QLatin1Char('\n'));
}

bool HeatmapView::handlePress(const QPointF& pos, Qt::MouseButton button)
{
    if (button != Qt::LeftButton || m_content.isEmpty()) return false;
    const HeatmapLayout& layout = m_screenLayout;
    const auto [query, key] = layout.cellAt(pos);
    if (answerClicks() == AnswerClicks::Key) {
        // A question asks for a key: a cell (its column) or a key's label answers; the selection stays.
        int clicked = key;
        for (int k = 0; k < layout.cols && clicked < 0; ++k)
            if (layout.colLabel(k).contains(pos)) clicked = k;
        if (clicked < 0) return false;
        emit keyClicked(clicked);
        return true;
    }
    if (query >= 0) {
        emit maskCellToggled(query, key);
        emit querySelected(query);
        return true;
    }
    const int row = layout.rowLabelAt(pos);
    if (row >= 0) {
        emit querySelected(
            row == m_content.selectedQuery ? -1 : row); // clicking the selected query again clears it
        return true;
    }
    return false;
}

bool HeatmapView::showToolTip(const QPoint& pos, const QPoint& globalPos)
{
    if (m_content.isEmpty() || answersHidden()) return false; // a tooltip would tell the weight
    const auto [query, key] = m_screenLayout.cellAt(QPointF(pos));
    if (query < 0) {
        QToolTip::hideText();
        return false;
    }
    QToolTip::showText(globalPos, cellToolTip(query, key), this);
    return true;
}

void HeatmapView::mousePressEvent(QMouseEvent* event)
{
    if (handlePress(event->position(), event->button()))
        event->accept();
    else
        TraceView::mousePressEvent(event);
}

bool HeatmapView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        if (!showToolTip(help->pos(), help->globalPos())) event->ignore();
        return true;
    }
    return TraceView::event(event);
}

bool HeatmapView::eventFilter(QObject* watched, QEvent* event)
{
    QWidget* plot = m_plot.widget();
    if (watched != plot) return TraceView::eventFilter(watched, event);
    // The plot fills the view from (0, 0), so its coordinates are the view's and the figure's.
    if (event->type() == QEvent::MouseButtonPress) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        return handlePress(mouse->position(), mouse->button());
    }
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        showToolTip(help->pos(), help->globalPos());
        return true;
    }
    // The plot does not pass a right click on to the view: the head's menu is the view's.
    if (event->type() == QEvent::ContextMenu) {
        contextMenuEvent(static_cast<QContextMenuEvent*>(event));
        return event->isAccepted();
    }
    return false;
}

std::pair<int, int> HeatmapView::headForMenu(const QPoint&, bool) const
{
    return selectedSingleHead(); // the heatmap shows one head (or an aggregate, which offers nothing)
}

} // namespace attnlab::widgets

#include "moc_heatmap_view.cpp"
