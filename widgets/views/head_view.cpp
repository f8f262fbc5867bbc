// HeadView: layout (geometry shared by painting, hit tests and tests) and interaction; painting is in
// head_view_paint.cpp.

#include "widgets/views/head_view.h"
#include "widgets/drawing/counts.h"
#include "widgets/drawing/visible_token.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <functional>
#include <cmath>

namespace attnlab::widgets {

HeadView::HeadView(QWidget* parent) : TraceView(parent)
{
    setMouseTracking(true); // hover highlights lines without a button pressed
}

QString HeadView::keyLabelText() const
{
    return trace() && !trace()->memoryTokens.isEmpty() ? tr("key (memory)") : tr("key");
}

int HeadView::headCount() const
{
    const model::Trace* t = trace();
    if (!t || t->layers.empty()) return 0;
    return int(t->layers[size_t(selection().layer)].heads.size());
}

std::vector<int> HeadView::shownHeads() const
{
    return trace() ? model::drawnHeads(*trace(), selection()) : std::vector<int>{};
}

// Fonts are measured on the device that paints them (a QImage or QSvgGenerator can resolve points to pixels
// differently from the screen), so text never outgrows the boxes computed for it.
HeadView::Layout HeadView::computeLayout(const QSizeF& figure, const QPaintDevice* device) const
{
    if (!device) device = this;
    Layout l;
    const ViewStyle& st = viewStyle();
    const double s = st.fontScale();
    const double margin = 14 * s;
    l.titleFont = st.font(13, true);
    l.modelFont = st.font(11);
    l.noteFont = st.font(9);
    l.noteFont.setItalic(true);
    l.swatchFont = st.font(9.5, true);
    l.labelFont = st.font(9);
    const model::Trace* t = trace();
    if (!t) return l;

    // Header, at x = 0 for now: "Layer L  model  untrained weights", then the swatches.
    const QFontMetricsF titleFm(l.titleFont, device), modelFm(l.modelFont, device),
        noteFm(l.noteFont, device);
    const QString title = tr("Layer %1").arg(selection().layer + 1);
    const bool titleLine = figureParts().title; // without it (under a slide's title) the swatches lead
    l.titleRect = QRectF(0, margin, titleLine ? titleFm.horizontalAdvance(title) : 0.0, titleLine ? titleFm.height() : 0.0);
    if (titleLine) {
        l.modelRect = QRectF(l.titleRect.right() + 10 * s, margin, modelFm.horizontalAdvance(t->modelName),
                             l.titleRect.height());
        if (t->source == model::TraceSource::Toy)
            l.noteRect = QRectF(l.modelRect.right() + 10 * s, margin,
                                noteFm.horizontalAdvance(tr("untrained weights")), l.titleRect.height());
    }
    double headerWidth = std::max(l.modelRect.right(), l.noteRect.right());

    const QFontMetricsF swatchFm(l.swatchFont, device);
    const double swatchH = swatchFm.height() + 8 * s;
    const double wrapWidth = std::max(figure.width() - 2 * margin, swatchH);
    double x = 0, y = titleLine ? l.titleRect.bottom() + 10 * s : margin;
    for (int h = 0; h < headCount(); ++h) {
        const double w =
            std::max(swatchH * 1.25, swatchFm.horizontalAdvance(QString::number(h + 1)) + 12 * s);
        if (x > 0 && x + w > wrapWidth) { // many heads (GPT-2 has 12): wrap instead of running off the figure
            x = 0;
            y += swatchH + 4 * s;
        }
        l.swatches.emplace_back(x, y, w, swatchH);
        headerWidth = std::max(headerWidth, x + w);
        x += w + 4 * s;
    }
    // The weight scale the lines' opacity follows, when it is not the fixed 0–1: a muted note after the
    // swatches (on a line of its own when the row is full).
    if (st.weightScale != ColorScale::Fixed) {
        l.scaleText = WeightScale{st.weightScale, 1.0, st.weightScale == ColorScale::Max && shownHeads().size() > 1}.label();
        const double w = noteFm.horizontalAdvance(l.scaleText);
        x += 6 * s;
        if (x > 6 * s && x + w > wrapWidth) {
            x = 0;
            y += swatchH + 4 * s;
        }
        l.scaleRect = QRectF(x, y, w, swatchH);
        headerWidth = std::max(headerWidth, x + w);
    }
    const double labelsTop = (l.swatches.empty() && l.scaleRect.isNull() ? y : y + swatchH) + 10 * s;
    const double labelH = QFontMetricsF(l.labelFont, device).height();
    const double top = labelsTop + labelH + 4 * s;

    // Token rows share the height; the font follows the room a row has (and the width left for the
    // columns), between kMinTokenPoints and kMaxTokenPoints. When the smallest font leaves rows too low,
    // a window of them is shown, around the query.
    const QStringList queries = visibleTokens(t->tokens);
    const QStringList keys = visibleTokens(t->keyTokens());
    l.rows = int(std::max(queries.size(), keys.size()));
    const double noteH = QFontMetricsF(l.noteFont, device).height() + 6 * s;
    double available = std::max(figure.height() - top - margin, 1.0);
    const double minRow = QFontMetricsF(st.font(kMinTokenPoints), device).height() * 1.2;
    int shown = l.rows;
    if (l.rows > 0 && l.rows * minRow > available) {
        available = std::max(available - noteH, minRow);
        shown = std::clamp(int(available / minRow), 1, l.rows);
        const int query = selection().query;
        const int centre = query >= 0 && query < l.rows ? query - shown / 2 : 0;
        l.first = std::clamp(centre + m_windowShift, 0, l.rows - shown);
    }
    l.last = l.first + shown - 1;
    const double room = std::max(available / std::max(shown, 1), 1.0);
    const QFontMetricsF labelFm(l.labelFont, device);
    l.padding = 6 * s;
    double leftW = 0, rightW = 0;
    const double widthForColumns = figure.width() - 2 * margin - 100 * s; // the lines need some room
    // The widest tokens decide the columns. All are measured at the largest size; at each smaller one only those
    // that were among the widest (widths shrink almost in proportion to the size, and a near tie that swaps
    // places differs by a fraction of a pixel): a long text is shaped once, not once per size.
    QStringList widestKeys = keys, widestQueries = queries;
    const auto widest = [](QStringList& texts, const QFontMetricsF& fm, bool keepWidest) {
        std::vector<std::pair<double, qsizetype>> widths;
        widths.reserve(size_t(texts.size()));
        for (qsizetype i = 0; i < texts.size(); ++i)
            widths.emplace_back(fm.horizontalAdvance(texts[i]), i);
        constexpr size_t kKept = 6;
        if (keepWidest && widths.size() > kKept) {
            std::partial_sort(widths.begin(), widths.begin() + kKept, widths.end(), std::greater<>());
            QStringList kept;
            for (size_t i = 0; i < kKept; ++i)
                kept << texts[widths[i].second];
            texts = kept;
        }
        double w = 0;
        for (const auto& [width, index] : widths)
            w = std::max(w, width);
        return w;
    };
    for (double points = kMaxTokenPoints;; points -= 0.5) {
        l.tokenFont = st.font(points);
        QFont boldFont = l.tokenFont; // the selected query is drawn bold: measure it so
        boldFont.setBold(true);
        const QFontMetricsF fm(l.tokenFont, device), boldFm(boldFont, device);
        const bool first = points == kMaxTokenPoints;
        rightW = widest(widestKeys, fm, first);
        leftW = widest(widestQueries, boldFm, first);
        leftW = std::max(leftW + 2 * l.padding, labelFm.horizontalAdvance(tr("query")));
        rightW = std::max(rightW + 2 * l.padding, labelFm.horizontalAdvance(keyLabelText()));
        if (points <= kMinTokenPoints || (fm.height() * 1.45 <= room && leftW + rightW <= widthForColumns))
            break;
    }
    // Rows take the room they have, up to a spacing at which the columns still read as lists.
    l.rowHeight = std::min(room, QFontMetricsF(l.tokenFont, device).height() * 2.6);
    const double columnH = shown * l.rowHeight;
    const double spare = figure.width() - 2 * margin - leftW - rightW;
    // The lines take the width that is left, but not so much that they lie flat.
    const double gap = spare >= 100 * s ? std::min(spare, std::max(320 * s, 0.9 * columnH)) : std::max(spare, 40.0);
    const double columnsW = leftW + gap + rightW;

    // Centre the block (header + columns) in the figure; the header stays left-aligned inside it.
    const double blockW = std::max(columnsW, headerWidth);
    const double blockLeft = std::max(margin, (figure.width() - blockW) / 2);
    for (QRectF* r : {&l.titleRect, &l.modelRect, &l.noteRect})
        if (!r->isNull()) r->translate(blockLeft, 0);
    for (QRectF& r : l.swatches)
        r.translate(blockLeft, 0);
    if (!l.scaleRect.isNull()) l.scaleRect.translate(blockLeft, 0);
    const double colLeft = blockLeft + (blockW - columnsW) / 2;
    const auto rowRect = [&](int i, double x, double w) {
        return i >= l.first && i <= l.last ? QRectF(x, top + (i - l.first) * l.rowHeight, w, l.rowHeight)
                                           : QRectF();
    };
    for (int i = 0; i < queries.size(); ++i)
        l.left.push_back(rowRect(i, colLeft, leftW));
    for (int i = 0; i < keys.size(); ++i)
        l.right.push_back(rowRect(i, colLeft + leftW + gap, rightW));
    l.queryLabel = QRectF(colLeft, labelsTop, leftW, labelH);
    l.keyLabel = QRectF(colLeft + leftW + gap, labelsTop, rightW, labelH);
    l.linesArea = QRectF(colLeft + leftW, top, gap, columnH);
    if (shown < l.rows) {
        // "73–119 / 120 tokens": the range isolated left to right, so that it reads so in Persian too.
        l.windowText = QChar(0x2066) + QStringLiteral("%1–%2").arg(l.first + 1).arg(l.last + 1) + QChar(0x2069) +
                       QStringLiteral(" / ") + tokenCount(l.rows);
        l.noteBelow = QRectF(colLeft, top + columnH + 4 * s, std::max(columnsW, 1.0), noteH - 6 * s);
    }
    return l;
}

QRectF HeadView::swatchRect(int head, const QSizeF& figure) const
{
    const Layout l = computeLayout(figure);
    return head >= 0 && size_t(head) < l.swatches.size() ? l.swatches[size_t(head)] : QRectF();
}

QFont HeadView::tokenFont(const QSizeF& figure) const
{
    return computeLayout(figure).tokenFont;
}

std::pair<int, int> HeadView::shownRows(const QSizeF& figure) const
{
    const Layout l = computeLayout(figure);
    return {l.first, l.last};
}

QString HeadView::windowNote(const QSizeF& figure) const
{
    return computeLayout(figure).windowText;
}

QRectF HeadView::tokenRect(int index, bool left, const QSizeF& figure) const
{
    const Layout l = computeLayout(figure);
    const std::vector<QRectF>& column = left ? l.left : l.right;
    return index >= 0 && size_t(index) < column.size() ? column[size_t(index)] : QRectF();
}

QPointF HeadView::tokenAnchor(int index, bool left, const QSizeF& figure) const
{
    const QRectF r = tokenRect(index, left, figure);
    if (r.isNull()) return {};
    return left ? QPointF(r.right() + 2, r.center().y()) : QPointF(r.left() - 2, r.center().y());
}

QLineF HeadView::headLine(int head, int query, int key, const QSizeF& figure) const
{
    const std::vector<int> heads = shownHeads();
    const auto it = std::find(heads.begin(), heads.end(), head);
    const Layout l = computeLayout(figure);
    if (it == heads.end() || query < 0 || size_t(query) >= l.left.size() || key < 0 ||
        size_t(key) >= l.right.size() || l.left[size_t(query)].isNull() || l.right[size_t(key)].isNull())
        return {};
    return lineIn(l, size_t(it - heads.begin()), heads.size(), query, key);
}

QLineF HeadView::lineIn(const Layout& l, size_t headIndex, size_t headCount, int query, int key) const
{
    // Heads with the same query and key would draw the same line; spread them over a band of the row so that
    // each colour stays visible (BertViz draws them on top of each other).
    const double n = double(headCount);
    const double step = std::min(3.0 * viewStyle().lineScale(), l.rowHeight * 0.5 / n);
    const QPointF offset(0, (double(headIndex) - (n - 1) / 2) * step);
    const QRectF& from = l.left[size_t(query)];
    const QRectF& to = l.right[size_t(key)];
    return QLineF(QPointF(from.right() + 2, from.center().y()) + offset,
                  QPointF(to.left() - 2, to.center().y()) + offset);
}

// The figure an export gets unless told otherwise: every row at the spacing of an 11-point list, so that
// nothing is windowed, laid out by the same rules as the screen.
QSize HeadView::preferredFigureSize() const
{
    const Layout probe = computeLayout(QSizeF(800, 100000));
    if (probe.left.empty()) return {600, 400};
    const ViewStyle& st = viewStyle();
    const double margin = 14 * st.fontScale();
    const double top = probe.left.front().top();
    const double row = QFontMetricsF(st.font(11.0), this).height() * 1.55;
    const double height = std::ceil(top + probe.rows * row + margin);
    const Layout l = computeLayout(QSizeF(800, height));
    const double right = std::max({l.right.empty() ? 0.0 : l.right.front().right(), l.noteRect.right(),
                                   l.swatches.empty() ? 0.0 : l.swatches.back().right(), l.scaleRect.right()});
    const double left = std::min(l.titleRect.left(), l.left.front().left());
    return QSize(int(std::ceil(right - left + 2 * margin)), int(height));
}

HeadView::SizeHintKey HeadView::sizeHintKey() const
{
    return {trace(), selection().layer, selection().hiddenHeads.size(), viewStyle().fontScale(), viewStyle().weightScale};
}

QSize HeadView::sizeHint() const
{
    const SizeHintKey key = sizeHintKey();
    if (!m_sizeHint || m_sizeHint->first != key) m_sizeHint.emplace(key, preferredFigureSize());
    return m_sizeHint->second;
}

void HeadView::refresh()
{
    m_windowShift = 0; // a new trace or query: the window goes back around the query
    if (m_sizeHint && m_sizeHint->first != sizeHintKey()) updateGeometry(); // the size hint follows the token count
    update();
}

void HeadView::toggleHead(int head)
{
    model::TraceSelection s = selection();
    const bool visible = s.hiddenHeads.contains(head);
    if (visible)
        s.hiddenHeads.remove(head);
    else
        s.hiddenHeads.insert(head);
    setSelection(s); // reflect it at once, so the view also works without the app
    emit headToggled(head, visible);
}

std::pair<int, int> HeadView::headForMenu(const QPoint& pos, bool keyboard) const
{
    if (!trace() || trace()->layers.empty()) return {-1, -1};
    if (!keyboard) {
        const Layout l = computeLayout(QSizeF(size()));
        const int layer = std::clamp(selection().layer, 0, int(trace()->layers.size()) - 1);
        for (size_t h = 0; h < l.swatches.size(); ++h)
            if (l.swatches[h].contains(QPointF(pos))) return {layer, int(h)};
    }
    return selectedSingleHead();
}

void HeadView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !trace()) {
        TraceView::mousePressEvent(event);
        return;
    }
    const QPointF p = event->position();
    const Layout l = computeLayout(QSizeF(size()));
    for (size_t h = 0; h < l.swatches.size(); ++h)
        if (l.swatches[h].contains(p)) {
            if (answerClicks() == AnswerClicks::Head) { // a question asks for a head: the swatch answers
                emit headClicked(selection().layer, int(h));
                return;
            }
            toggleHead(int(h));
            return;
        }
    for (size_t i = 0; i < l.left.size(); ++i)
        if (l.left[i].contains(p)) {
            const int query = selection().query == int(i) ? -1 : int(i);
            model::TraceSelection s = selection();
            s.query = query;
            setSelection(s);
            emit querySelected(query);
            return;
        }
}

void HeadView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF p = event->position();
    const Layout l = computeLayout(QSizeF(size()));
    int index = -1;
    bool left = true;
    for (size_t i = 0; i < l.left.size() && index < 0; ++i)
        if (l.left[i].contains(p)) index = int(i);
    for (size_t i = 0; i < l.right.size() && index < 0; ++i)
        if (l.right[i].contains(p)) {
            index = int(i);
            left = false;
        }
    if (index != m_hoverIndex || left != m_hoverLeft) {
        m_hoverIndex = index;
        m_hoverLeft = left;
        update();
    }
    if (index >= 0 && !left && !answersHidden()) // a tooltip would tell the weights
        showWeightsTip(event->globalPosition().toPoint(), index);
    else
        QToolTip::hideText();
}

// Hover for numbers: the selected query's weight on this key, per drawn head.
void HeadView::showWeightsTip(const QPoint& globalPos, int key)
{
    const model::Trace* t = trace();
    const int query = selection().query;
    if (!t || query < 0) return;
    QStringList lines{QStringLiteral("“%1” → “%2”").arg(t->tokens.value(query), t->keyTokens().value(key))};
    const model::LayerTrace& layer = t->layers[size_t(selection().layer)];
    for (int h : shownHeads()) {
        const model::TraceMatrix& w = layer.heads[size_t(h)].weights;
        if (query < w.rows() && key < w.cols())
            lines << tr("head %1: %2%").arg(h + 1).arg(100.0 * w(query, key), 0, 'f', 1);
    }
    QToolTip::showText(globalPos, lines.join(QLatin1Char('\n')), this);
}

// With more tokens than fit, the wheel moves the window of rows (three per notch).
void HeadView::wheelEvent(QWheelEvent* event)
{
    const Layout l = computeLayout(QSizeF(size()));
    const int steps = event->angleDelta().y() / 120;
    if (l.last - l.first + 1 >= l.rows || steps == 0) {
        TraceView::wheelEvent(event);
        return;
    }
    const int first = std::clamp(l.first - 3 * steps, 0, l.rows - (l.last - l.first + 1));
    m_windowShift += first - l.first;
    event->accept();
    update();
}

void HeadView::leaveEvent(QEvent* event)
{
    m_hoverIndex = -1;
    update();
    TraceView::leaveEvent(event);
}

} // namespace attnlab::widgets

#include "moc_head_view.cpp"
