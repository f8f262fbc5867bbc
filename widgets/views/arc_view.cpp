// ArcView: layout, arc geometry (shared by painting, hit tests and tests) and interaction; painting is in
// arc_view_paint.cpp.

#include "widgets/views/arc_view.h"
#include "widgets/drawing/counts.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainterPathStroker>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>

namespace attnlab::widgets {

namespace {

constexpr double kTokenPoints = 12.0;
constexpr double kMinArcTokenPoints = 8.0; // the smallest size still readable from the back of a room

} // namespace

ArcView::ArcView(QWidget* parent) : TraceView(parent)
{
    setMouseTracking(true); // tooltips with the weights on hover
}

void ArcView::setWeightLabels(bool on)
{
    m_weightLabels = on;
    update();
}

int ArcView::effectiveQuery() const
{
    const model::Trace* t = trace();
    if (!t || t->tokens.isEmpty()) return -1;
    const int q = selection().query;
    return q >= 0 && q < t->tokens.size() ? q : int(t->tokens.size()) - 1;
}

std::vector<int> ArcView::shownHeads() const
{
    return trace() ? model::drawnHeads(*trace(), selection()) : std::vector<int>{};
}

// Fonts are measured on the painting device (an image at another DPI resolves points differently).
ArcView::Layout ArcView::computeLayout(const QSizeF& figure, const QPaintDevice* device) const
{
    if (!device) device = this;
    Layout l;
    l.figure = figure;
    const ViewStyle& st = viewStyle();
    const double s = l.scale = st.fontScale();
    const double margin = 16 * s;
    l.titleFont = st.font(13, true);
    l.modelFont = st.font(11);
    l.noteFont = st.font(9);
    l.noteFont.setItalic(true);
    l.legendFont = st.font(9);
    l.labelFont = st.font(9);
    l.weightFont = st.font(9, true);
    const model::Trace* t = trace();
    if (!t || t->tokens.isEmpty()) return l;
    l.cross = !t->memoryTokens.isEmpty();

    // Header: "Layer L · head H  model  untrained weights", then a legend when several heads are drawn.
    const QFontMetricsF titleFm(l.titleFont, device), modelFm(l.modelFont, device);
    const QString title = headerTitle();
    const bool titleLine = figureParts().title; // without it (under a slide's title) the legend leads
    l.titleRect = QRectF(margin, margin, titleLine ? titleFm.horizontalAdvance(title) : 0.0,
                         titleLine ? titleFm.height() : 0.0);
    if (titleLine) {
        l.modelRect = QRectF(l.titleRect.right() + 10 * s, margin, modelFm.horizontalAdvance(t->modelName),
                             titleFm.height());
        if (t->source == model::TraceSource::Toy)
            l.noteRect = QRectF(l.modelRect.right() + 10 * s, margin,
                                QFontMetricsF(l.noteFont, device).horizontalAdvance(tr("untrained weights")),
                                titleFm.height());
    }
    double headerBottom = titleLine ? l.titleRect.bottom() : margin - 6 * s;
    const std::vector<int> heads = shownHeads();
    if (heads.size() > 1) {
        const QFontMetricsF fm(l.legendFont, device);
        double x = margin;
        for (int h : heads) {
            const double w = 22 * s + fm.horizontalAdvance(tr("head %1").arg(h + 1));
            l.legend.emplace_back(QRectF(x, headerBottom + 6 * s, w, fm.height()), h);
            x += w + 14 * s;
        }
        headerBottom = l.legend.back().first.bottom();
    }
    l.headerBottom = headerBottom;

    // Token cells: shrink the font, then the spacing, until the longer line fits; then show a window of it.
    const QStringList& memory = t->memoryTokens;
    const double available = figure.width() - 2 * margin;
    double points = kTokenPoints;
    std::vector<double> queryW, memoryW;
    double gap = 0, total = 0;
    bool window = false;
    for (;;) {
        l.tokenFont = st.font(points);
        QFont bold = l.tokenFont;
        bold.setBold(true); // cells fit the bold query, whichever token it is
        const QFontMetricsF fm(bold, device);
        const auto cells = [&](const QStringList& list, std::vector<double>& widths) {
            widths.clear();
            double sum = 0;
            for (const QString& token : list) // a single token wider than the figure is elided when painted
                sum += widths.emplace_back(std::min(fm.horizontalAdvance(token) + 10 * s, available));
            return sum;
        };
        const double cellsQ = cells(t->tokens, queryW), cellsM = cells(memory, memoryW);
        const double n = double(std::max(t->tokens.size(), memory.size()));
        const double cellsMax = std::max(cellsQ, cellsM);
        gap = 0.6 * fm.height();
        total = cellsMax + (n - 1) * gap;
        if (points == kTokenPoints) l.naturalWidth = total;
        if (total <= available && n > 1) // short inputs: spread out, so that the arcs have room to be seen
            gap = std::clamp((available - cellsMax) / (n - 1), gap, 5 * fm.height());
        if (total <= available || points <= kMinArcTokenPoints) {
            if (total > available && n > 1) { // still too wide: squeeze the spacing, then show a window
                const double minGap = 2.0 * s;
                gap = std::max(minGap, (available - cellsMax) / (n - 1));
                window = cellsMax + (n - 1) * gap > available + 0.01;
                if (window) gap = std::max(minGap, 0.4 * fm.height()); // fewer tokens, readable spacing
            }
            total = cellsMax + (n - 1) * gap;
            break;
        }
        points -= 0.5;
    }
    // The widest run of tokens around `centre` that fits, growing on both sides in turn.
    const auto windowAround = [&](const std::vector<double>& widths, int centre) {
        int first = centre, last = centre;
        double width = widths[size_t(centre)];
        for (bool grew = true; grew;) {
            grew = false;
            for (const bool after : {true, false}) {
                const int next = after ? last + 1 : first - 1;
                if (next < 0 || next >= int(widths.size()) || width + gap + widths[size_t(next)] > available)
                    continue;
                width += gap + widths[size_t(next)];
                (after ? last : first) = next;
                grew = true;
            }
        }
        return std::pair{first, last};
    };
    const int q = effectiveQuery();
    std::tie(l.first, l.last) = window ? windowAround(queryW, q) : std::pair{0, int(queryW.size()) - 1};
    if (!memoryW.empty()) {
        int centre = 0; // the key the query weighs most, summed over the drawn heads
        if (window && !t->layers.empty()) {
            Eigen::VectorXd sum = Eigen::VectorXd::Zero(Eigen::Index(memoryW.size()));
            for (int h : heads) {
                const model::TraceMatrix& w = t->layers[size_t(selection().layer)].heads[size_t(h)].weights;
                for (Eigen::Index k = 0; k < sum.size() && k < w.cols() && q < w.rows(); ++k)
                    sum(k) += w(q, k);
            }
            sum.maxCoeff(&centre);
        }
        std::tie(l.memoryFirst, l.memoryLast) =
            window ? windowAround(memoryW, centre) : std::pair{0, int(memoryW.size()) - 1};
    }
    // "12–31 / 34 tokens": the range isolated left to right, so that it reads so in Persian too.
    const auto note = [](int first, int last, qsizetype count) {
        return first == 0 && last == count - 1
                   ? QString()
                   : QChar(0x2066) + QStringLiteral("%1–%2").arg(first + 1).arg(last + 1) + QChar(0x2069) +
                         QStringLiteral(" / ") + tokenCount(count);
    };
    const QString queryNote = note(l.first, l.last, t->tokens.size());
    const QString memoryNote = memoryW.empty() ? QString() : note(l.memoryFirst, l.memoryLast, memory.size());
    l.windowText = queryNote.isEmpty() ? memoryNote
                   : memoryNote.isEmpty() ? queryNote
                                          : queryNote + QStringLiteral("  ·  ") + memoryNote;

    const double rowH = QFontMetricsF(l.tokenFont, device).height() * 1.6;
    const double labelH = QFontMetricsF(l.labelFont, device).height();
    const auto placeRow = [&](const std::vector<double>& widths, int first, int last, double top,
                              std::vector<QRectF>& row) {
        double width = -gap;
        for (int i = first; i <= last; ++i)
            width += widths[size_t(i)] + gap;
        double x = std::max(margin, (figure.width() - width) / 2);
        row.assign(widths.size(), QRectF());
        for (int i = first; i <= last; ++i) {
            row[size_t(i)] = QRectF(x, top, widths[size_t(i)], rowH);
            x += widths[size_t(i)] + gap;
        }
    };
    const double weightH = QFontMetricsF(l.weightFont, device).height() + 8 * s;
    if (!l.cross) {
        const double noteH = l.windowText.isEmpty() ? 0.0 : labelH + 2 * s;
        placeRow(queryW, l.first, l.last, figure.height() - margin - noteH - rowH, l.queryRow);
        if (noteH > 0)
            l.windowRect = QRectF(margin, figure.height() - margin - labelH, available, labelH);
        l.arcTop = headerBottom + 10 * s + weightH;
    } else {
        const double queryTop = headerBottom + 14 * s + labelH;
        placeRow(queryW, l.first, l.last, queryTop, l.queryRow);
        placeRow(memoryW, l.memoryFirst, l.memoryLast, figure.height() - margin - labelH - rowH, l.memoryRow);
        l.queryLabel = QRectF(margin, queryTop - labelH - 2 * s, available, labelH);
        const double memoryBottom = l.memoryRow[size_t(l.memoryFirst)].bottom();
        l.memoryLabel = QRectF(margin, memoryBottom + 2 * s, available, labelH);
        if (!l.windowText.isEmpty()) l.windowRect = l.memoryLabel;
        l.arcTop = l.queryRow[size_t(l.first)].bottom();
    }
    l.maxSpan = std::max(l.queryRow[size_t(l.last)].center().x() - l.queryRow[size_t(l.first)].center().x(), 1.0);
    double narrowest = l.queryRow[size_t(q)].width();
    for (const QRectF& r : l.queryRow)
        if (!r.isNull()) narrowest = std::min(narrowest, r.width());
    l.headStep = heads.empty() ? 0 : std::min(3.0 * st.lineScale(), narrowest * 0.5 / double(heads.size()));
    return l;
}

QPainterPath ArcView::pathFor(const Layout& l, size_t headIndex, size_t headCount, int key) const
{
    const int q = effectiveQuery();
    const double dx = (double(headIndex) - (double(headCount) - 1) / 2) * l.headStep;
    QPainterPath path;
    const double x0 = l.queryRow[size_t(q)].center().x() + dx;
    if (l.cross) {
        // An S-curve from the bottom of the query to the top of the memory token.
        const double y0 = l.queryRow[size_t(q)].bottom() + 2, y1 = l.memoryRow[size_t(key)].top() - 2;
        const double x1 = l.memoryRow[size_t(key)].center().x() + dx, mid = (y0 + y1) / 2;
        path.moveTo(x0, y0);
        path.cubicTo(x0, mid, x1, mid, x1, y1);
        return path;
    }
    const double y = l.queryRow[size_t(q)].top() - 2;
    if (key == q) { // attending to itself: a small loop above the token
        const double r = 5 * l.scale;
        path.moveTo(x0 - r, y);
        path.cubicTo(x0 - 2.2 * r, y - 3.5 * r, x0 + 2.2 * r, y - 3.5 * r, x0 + r, y);
        return path;
    }
    // Height grows with the distance, sub-linearly so that arcs between neighbours stay visible next to the
    // long ones, and never beyond a semicircle's (two tokens would otherwise make a tall hairpin). Heads
    // nest within ±12 % of that height, so a weak head's arc is not hidden under a strong one's. A cubic
    // with control points at 4/3·h peaks at h.
    const double x1 = l.queryRow[size_t(key)].center().x() + dx;
    const double d = std::abs(x1 - x0);
    const double spread = headCount > 1 ? 0.24 * (double(headIndex) / double(headCount - 1) - 0.5) : 0.0;
    const double natural = std::min((y - l.arcTop) * std::pow(std::min(1.0, d / l.maxSpan), 0.7), 0.55 * d);
    const double h = std::min(natural * (1 + spread), y - l.arcTop);
    path.moveTo(x0, y);
    path.cubicTo(x0, y - h * 4 / 3, x1, y - h * 4 / 3, x1, y);
    return path;
}

std::vector<ArcView::Arc> ArcView::arcs(const Layout& l, bool everyKey) const
{
    std::vector<Arc> result;
    const model::Trace* t = trace();
    const int q = effectiveQuery();
    if (!t || t->layers.empty() || q < 0 || l.queryRow.empty()) return result;
    const std::vector<int> heads = shownHeads();
    const size_t keys = l.cross ? l.memoryRow.size() : l.queryRow.size();
    for (size_t i = 0; i < heads.size(); ++i) {
        const model::TraceMatrix& w =
            t->layers[size_t(selection().layer)].heads[size_t(heads[i])].weights; // (T, S)
        const model::BoolMatrix& allowed = t->layers[size_t(selection().layer)].heads[size_t(heads[i])].allowed;
        const bool hasMask = allowed.rows() == w.rows() && allowed.cols() == w.cols();
        for (int k = 0; k < int(keys) && k < w.cols() && q < w.rows(); ++k) {
            if ((l.cross ? l.memoryRow : l.queryRow)[size_t(k)].isNull()) continue;
            if (everyKey) {
                if (!hasMask || allowed(q, k)) result.push_back({heads[i], k, 1.0, pathFor(l, i, heads.size(), k)});
            } else if (w(q, k) >= kMinWeight) {
                result.push_back({heads[i], k, w(q, k), pathFor(l, i, heads.size(), k)});
            }
        }
    }
    // Weakest first, so that the strongest arcs are drawn on top.
    std::stable_sort(result.begin(), result.end(),
                     [](const Arc& a, const Arc& b) { return a.weight < b.weight; });
    return result;
}

// Candidates in order of preference, the first free one wins: above the arc's peak (where the eye looks for
// it), then on the arc itself from the middle towards the key (near the query every arc starts at the same
// point, so labels there collide first), then higher above the peak. A self-loop's label goes above the loop
// or beside it, clear of the token. A candidate is free when it lies inside the figure below the header and
// covers no token (nor the dot where an arc lands on it) and no label already placed; the first pass also
// keeps off the other arcs' lines, the second allows it. A label with no free place is left out.
std::vector<ArcView::WeightLabel> ArcView::placeLabels(const Layout& l, const std::vector<Arc>& all,
                                                       const QPaintDevice* device) const
{
    std::vector<WeightLabel> labels;
    if (!m_weightLabels || all.empty() || l.queryRow.empty()) return labels;
    const double s = l.scale;
    const double gap = 3 * s;
    const QFontMetricsF fm(l.weightFont, device);
    const QRectF bounds(2, l.headerBottom + gap, l.figure.width() - 4, l.figure.height() - l.headerBottom - gap - 2);
    const double lineScale = viewStyle().lineScale();
    std::vector<QRectF> obstacles;
    const double clear = std::max(gap, 3 * lineScale + 2); // the landing dots sit just above the tokens
    for (const std::vector<QRectF>* row : {&l.queryRow, &l.memoryRow})
        for (const QRectF& r : *row)
            if (!r.isNull()) obstacles.push_back(r.adjusted(-gap, -clear, gap, gap));
    for (const QRectF& r : {l.queryLabel, l.memoryLabel, l.windowRect})
        if (!r.isNull()) obstacles.push_back(r);
    const int q = effectiveQuery();
    const double tokenTop = l.queryRow[size_t(q)].top() - clear;

    // The other arcs' lines as areas, built once (the first pass keeps labels off them).
    std::vector<QPainterPath> strokes;
    strokes.reserve(all.size());
    for (const Arc& arc : all) {
        QPainterPathStroker stroker;
        stroker.setWidth(lineScale * (1.0 + 6.0 * arc.weight) + 2);
        strokes.push_back(stroker.createStroke(arc.path));
    }

    int considered = 0;
    for (auto it = all.rbegin(); it != all.rend() && considered < kLabelledArcs; ++it, ++considered) {
        const Arc& arc = *it;
        if (arc.weight < kMinLabelledWeight) break;
        const QString text = QStringLiteral("%1%").arg(std::lround(arc.weight * 100));
        const double w = fm.horizontalAdvance(text) + 8 * s, h = fm.height() + 2 * s;
        const auto centredOn = [&](QPointF p) { return QRectF(p.x() - w / 2, p.y() - h / 2, w, h); };
        const auto above = [&](QPointF p, double lift) { return QRectF(p.x() - w / 2, p.y() - gap - h - lift, w, h); };
        std::vector<QRectF> candidates;
        if (!l.cross && arc.key == q) {
            const QRectF loop = arc.path.boundingRect();
            const double besideTop = std::min(loop.center().y() - h / 2, tokenTop - gap - h);
            candidates = {above(QPointF(loop.center().x(), loop.top()), 0),
                          QRectF(loop.right() + gap, besideTop, w, h),
                          QRectF(loop.left() - gap - w, besideTop, w, h),
                          QRectF(loop.right() + gap, loop.top() - gap - h, w, h),
                          QRectF(loop.left() - gap - w, loop.top() - gap - h, w, h)};
            for (int k = 1; k <= 3; ++k)
                candidates.push_back(above(QPointF(loop.center().x(), loop.top()), k * (h + gap)));
        } else if (l.cross) {
            for (double t : {0.5, 0.6, 0.4, 0.7, 0.3, 0.8, 0.2})
                candidates.push_back(centredOn(arc.path.pointAtPercent(t)));
        } else {
            const QPointF peak = arc.path.pointAtPercent(0.5);
            candidates.push_back(above(peak, 0));
            for (double t : {0.5, 0.62, 0.38, 0.74, 0.26, 0.85, 0.15})
                candidates.push_back(centredOn(arc.path.pointAtPercent(t)));
            for (int k = 1; k <= 3; ++k)
                candidates.push_back(above(peak, k * (h + gap)));
        }
        const auto isFree = [&](const QRectF& r, bool offLines) {
            if (!bounds.contains(r)) return false;
            for (const QRectF& o : obstacles)
                if (o.intersects(r)) return false;
            for (const WeightLabel& placed : labels)
                if (placed.rect.adjusted(-gap / 2, -gap / 2, gap / 2, gap / 2).intersects(r)) return false;
            if (offLines)
                for (size_t i = 0; i < all.size(); ++i) // another key's arc; the same key's arcs run together
                    if (all[i].key != arc.key && strokes[i].intersects(r)) return false;
            return true;
        };
        std::optional<QRectF> chosen;
        for (bool offLines : {true, false})
            for (const QRectF& r : candidates)
                if (!chosen && isFree(r, offLines)) chosen = r;
        if (chosen) labels.push_back({arc.head, arc.key, arc.weight, text, *chosen});
    }
    return labels;
}

std::vector<ArcView::WeightLabel> ArcView::weightLabelLayout(const QSizeF& figure) const
{
    const Layout l = computeLayout(figure);
    return placeLabels(l, arcs(l), this);
}

QRectF ArcView::headerRect(const QSizeF& figure) const
{
    const Layout l = computeLayout(figure);
    QRectF r = l.titleRect.united(l.modelRect);
    if (!l.noteRect.isNull()) r = r.united(l.noteRect);
    for (const auto& [rect, head] : l.legend)
        r = r.united(rect);
    return r;
}

std::pair<int, int> ArcView::shownTokens(const QSizeF& figure, bool memory) const
{
    const Layout l = computeLayout(figure);
    return memory ? std::pair{l.memoryFirst, l.memoryLast} : std::pair{l.first, l.last};
}

QString ArcView::windowNote(const QSizeF& figure) const
{
    return computeLayout(figure).windowText;
}

QRectF ArcView::tokenRect(int index, const QSizeF& figure, bool memory) const
{
    const Layout l = computeLayout(figure);
    const std::vector<QRectF>& row = memory ? l.memoryRow : l.queryRow;
    return index >= 0 && size_t(index) < row.size() ? row[size_t(index)] : QRectF();
}

QPointF ArcView::tokenAnchor(int index, bool memory, const QSizeF& figure) const
{
    const QRectF r = tokenRect(index, figure, memory);
    return r.isNull() ? QPointF() : QPointF(r.center().x(), r.top() - 2);
}

QPainterPath ArcView::arcPath(int head, int key, const QSizeF& figure) const
{
    for (const Arc& arc : arcs(computeLayout(figure)))
        if (arc.head == head && arc.key == key) return arc.path;
    return {};
}

QSize ArcView::sizeHint() const
{
    if (m_sizeHint) return *m_sizeHint;
    const Layout l = computeLayout(QSizeF(100000, 600)); // unconstrained: the natural font and spacing
    const double s = viewStyle().fontScale();
    m_sizeHint = QSize(int(std::ceil(std::max(480.0, l.naturalWidth + 32 * s))), int((l.cross ? 340 : 300) * s));
    return *m_sizeHint;
}

QSize ArcView::preferredFigureSize() const
{
    const QSize hint = sizeHint();
    const double s = viewStyle().fontScale();
    return QSize(std::max(hint.width(), int(900 * s)),
                 int((trace() && !trace()->memoryTokens.isEmpty() ? 480 : 420) * s));
}

void ArcView::refresh()
{
    m_sizeHint.reset();
    updateGeometry(); // the size hint follows the token count
    update();
}

void ArcView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !trace()) {
        TraceView::mousePressEvent(event);
        return;
    }
    const Layout l = computeLayout(QSizeF(size()));
    if (answerClicks() == AnswerClicks::Key) {
        // A question asks for a key: a key token answers (the memory's in cross-attention); the query stays.
        const std::vector<QRectF>& keys = l.cross ? l.memoryRow : l.queryRow;
        for (size_t k = 0; k < keys.size(); ++k)
            if (!keys[k].isNull() && keys[k].contains(event->position())) {
                emit keyClicked(int(k));
                return;
            }
        return;
    }
    for (size_t i = 0; i < l.queryRow.size(); ++i)
        if (l.queryRow[i].contains(event->position())) {
            model::TraceSelection s = selection();
            s.query = s.query == int(i) ? -1 : int(i);
            setSelection(s); // reflect it at once, so the view also works without the app
            emit querySelected(s.query);
            return;
        }
}

// Hover for numbers: the query's weight on the key under the mouse, per drawn head.
void ArcView::mouseMoveEvent(QMouseEvent* event)
{
    const model::Trace* t = trace();
    const int q = effectiveQuery();
    if (!t || q < 0 || t->layers.empty() || answersHidden()) return; // a tooltip would tell the weights
    const Layout l = computeLayout(QSizeF(size()));
    const std::vector<QRectF>& keys = l.cross ? l.memoryRow : l.queryRow;
    for (size_t k = 0; k < keys.size(); ++k) {
        if (!keys[k].contains(event->position())) continue;
        QStringList lines{
            QStringLiteral("“%1” → “%2”").arg(t->tokens.value(q), t->keyTokens().value(qsizetype(k)))};
        for (int h : shownHeads()) {
            const model::TraceMatrix& w = t->layers[size_t(selection().layer)].heads[size_t(h)].weights;
            if (q < w.rows() && qsizetype(k) < w.cols())
                lines << tr("head %1: %2%").arg(h + 1).arg(100.0 * w(q, qsizetype(k)), 0, 'f', 1);
        }
        QToolTip::showText(event->globalPosition().toPoint(), lines.join(QLatin1Char('\n')), this);
        return;
    }
    QToolTip::hideText();
}

} // namespace attnlab::widgets

#include "moc_arc_view.cpp"
