#include "widgets/views/lens_figure.h"

#include "model/analysis/logit_lens.h"
#include "widgets/drawing/chart_painting.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/drawing/visible_token.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

namespace {

// The texts drawn here are translated in LensView's context, though these functions belong to no QObject.
struct LensTr {
    Q_DECLARE_TR_FUNCTIONS(attnlab::widgets::LensView)
};

// Fonts of the figure, before the presentation scale.
constexpr double kLensTitlePoints = 12.5, kLensSmallPoints = 9.0, kLensTickPoints = 8.5;
// The cells' tokens: from this size, larger in tall cells.
constexpr double kLensCellPoints = 9.0, kLensMaxCellPoints = 12.0;
// A column is never narrower than its widest token or three letters and an ellipsis, whichever is less, nor wider
// than this; a row never taller than this (a model of 4 layers does not become four bands of posters).
constexpr double kLensMaxCellWidth = 150.0, kLensMaxCellHeight = 130.0;
// A cell's token keeps this far from either side (points before the presentation scale).
constexpr double kLensCellPadding = 2.0;

// A token isolated from the text around it, so that a right-to-left token keeps its quotes in place.
QString lensIsolated(const QString& text)
{
    return QChar(0x2068) + text + QChar(0x2069);
}

QString lensRowLabel(int layer, int layers)
{
    return layers > 12 ? QString::number(layer + 1) : LensTr::tr("layer %1").arg(layer + 1);
}

QString lensBarTitle(const WeightScale& scale)
{
    switch (scale.kind) {
    case ColorScale::Fixed: return LensTr::tr("probability (0–1)");
    case ColorScale::Max: return LensTr::tr("probability (0–max)");
    case ColorScale::Log: return LensTr::tr("probability (log)");
    }
    return {};
}

// Text aligned at the start (left, or right in a right-to-left figure) or end of a rectangle, whatever the
// painter's direction.
int lensStart(Qt::LayoutDirection direction)
{
    return Qt::AlignAbsolute | (direction == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft);
}
int lensEnd(Qt::LayoutDirection direction)
{
    return Qt::AlignAbsolute | (direction == Qt::RightToLeft ? Qt::AlignLeft : Qt::AlignRight);
}

// The token after position (the text's own continuation), or "" for the last one.
QString lensNextToken(const LensData& data, int position)
{
    return position + 1 < data.positions() ? data.tokens[position + 1] : QString();
}

// The note on the positions left out, or "" when all are shown.
QString lensHiddenNote(const LensLayout& l, const LensData& data, bool withHints)
{
    const int tokens = data.positions();
    if (l.firstShown <= 0 && l.lastShown >= tokens - 1) return {};
    if (l.firstShown > 0 && l.lastShown >= tokens - 1) {
        const QString note = l.firstShown == 1 ? LensTr::tr("token 1 of %1 is left out: there is no room for it").arg(tokens)
                                               : LensTr::tr("tokens 1–%1 of %2 are left out: there is no room for them")
                                                     .arg(l.firstShown)
                                                     .arg(tokens);
        return withHints ? note + QLatin1Char(' ') + LensTr::tr("(widen the window, or select an earlier token to show it)")
                         : note;
    }
    return LensTr::tr("showing tokens %1–%2 of %3, around the selected one: there is no room for all")
        .arg(l.firstShown + 1)
        .arg(l.lastShown + 1)
        .arg(tokens);
}

// Lines of at most width from parts joined with " · " while they fit; a part wider than a line is broken between
// words (a large presentation font on a small figure).
QStringList lensPackedLines(const QStringList& parts, double width, const QFontMetricsF& fm)
{
    const QString separator = QStringLiteral(" · ");
    QStringList lines;
    for (const QString& part : parts) {
        if (!lines.isEmpty() && fm.horizontalAdvance(lines.last() + separator + part) <= width) {
            lines.last() += separator + part;
            continue;
        }
        QString line;
        for (const QString& word : part.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (!line.isEmpty() && fm.horizontalAdvance(line + QLatin1Char(' ') + word) > width) {
                lines << line;
                line.clear();
            }
            line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
        }
        if (!line.isEmpty()) lines << line;
    }
    return lines;
}

// The widest of texts at points (bold), in pixels.
double lensWidest(const QStringList& texts, const ViewStyle& style, double points, bool bold)
{
    const QFontMetricsF fm(style.font(points, bold));
    double widest = 0;
    for (const QString& text : texts)
        widest = std::max(widest, fm.horizontalAdvance(text));
    return widest;
}

// The top 1 texts of every cell, and the input tokens: what a column must hold.
QStringList lensColumnTexts(const LensData& data)
{
    QStringList texts = data.tokens;
    for (const std::vector<LensCell>& row : data.cells)
        for (const LensCell& cell : row)
            if (!cell.texts.isEmpty()) texts << cell.texts.first();
    return texts;
}

void paintLensColorBar(QPainter& painter, const LensLayout& l, const ViewStyle& style)
{
    painter.save();
    QLinearGradient gradient(l.colorBar.bottomLeft(), l.colorBar.topLeft());
    for (const auto& [position, color] : style.weightMapStops())
        gradient.setColorAt(position, color);
    painter.fillRect(l.colorBar, gradient);
    painter.setPen(QPen(style.muted(), style.lineScale()));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(l.colorBar);
    const QFont font = style.font(kLensTickPoints);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    const bool rtl = l.direction == Qt::RightToLeft;
    const double s = style.fontScale();
    for (const WeightScale::Tick& tick : l.scale.ticks(l.colorBar.height() >= 4 * fm.height())) {
        const double y = l.colorBar.bottom() - tick.position * l.colorBar.height();
        const double edge = rtl ? l.colorBar.left() : l.colorBar.right();
        painter.setPen(QPen(style.muted(), style.lineScale()));
        painter.drawLine(QPointF(edge, y), QPointF(edge + (rtl ? -3 : 3) * s, y));
        painter.setPen(style.foreground());
        const double w = fm.horizontalAdvance(tick.text) + 4;
        const QRectF box(rtl ? edge - 5 * s - w : edge + 5 * s, y - fm.height() / 2, w, fm.height());
        painter.drawText(box, lensStart(l.direction) | Qt::AlignVCenter, leftToRight(tick.text));
    }
    painter.setPen(style.muted());
    painter.drawText(l.colorBarTitle, lensStart(l.direction) | Qt::AlignBottom | Qt::TextDontClip, lensBarTitle(l.scale));
    painter.restore();
}

// The tokens of the shown columns in a row of labels: the input tokens under the grid, across when they fit, else
// bottom to top from the grid; the tokens that come next over it, across only (lensLayout leaves them out else).
void paintLensTokenRow(QPainter& painter, const LensLayout& l, const LensData& data, const ViewStyle& style,
                       const QRectF& row, bool next)
{
    painter.save();
    const QFont font = style.font(l.tokenPoints), bold = style.font(l.tokenPoints, true);
    for (int j = l.firstShown; j <= l.lastShown; ++j) {
        const QString text = next ? lensNextToken(data, j) : data.tokens[j];
        if (text.isEmpty()) continue;
        const bool query = !next && j == data.query;
        painter.setFont(query ? bold : font);
        const QFontMetricsF fm(painter.font());
        painter.setPen(next ? style.muted() : query ? accentColor(style) : style.foreground());
        const QRectF column = lensCellRect(l, 0, j);
        if (!l.rotatedTokens) {
            const QRectF box(column.left(), row.top(), column.width(), row.height());
            painter.drawText(box, Qt::AlignHCenter | (next ? Qt::AlignBottom : Qt::AlignTop),
                             fm.elidedText(text, Qt::ElideRight, column.width()));
            continue;
        }
        // Bottom to top, the token's start at the grid.
        painter.save();
        painter.translate(column.center().x(), row.top());
        painter.rotate(-90);
        const double length = row.height();
        painter.drawText(QRectF(-length, -fm.height() / 2, length, fm.height()), Qt::AlignAbsolute | Qt::AlignRight | Qt::AlignVCenter,
                         fm.elidedText(text, Qt::ElideRight, length));
        painter.restore();
    }
    painter.restore();
}

void paintLensCells(QPainter& painter, const LensLayout& l, const LensData& data, const ViewStyle& style)
{
    painter.save();
    QFont bold = l.cellFont;
    bold.setBold(true);
    const QFontMetricsF fm(l.cellFont), boldFm(bold);
    const double pad = kLensCellPadding * style.fontScale();
    for (int layer = 0; layer < data.layers(); ++layer) {
        for (int j = l.firstShown; j <= l.lastShown; ++j) {
            const QRectF cell = lensCellRect(l, layer, j);
            const QColor color = style.weightColorAt(l.scale.position(data.probability(layer, j)));
            // A hairline of background between cells keeps neighbours of one colour apart.
            painter.fillRect(cell.adjusted(0.5, 0.5, -0.5, -0.5), color);
            if (!l.cellTexts) continue;
            const LensCell& c = data.cells[size_t(layer)][size_t(j)];
            if (c.texts.isEmpty()) continue;
            painter.setFont(c.agreesWithLast ? bold : l.cellFont);
            const QString text = (c.agreesWithLast ? boldFm : fm).elidedText(c.texts.first(), Qt::ElideRight, cell.width() - 2 * pad);
            painter.setPen(contrastingText(color));
            painter.drawText(cell, Qt::AlignCenter, lensIsolated(text));
        }
    }
    if (data.query >= l.firstShown && data.query <= l.lastShown) {
        const double w = 2.0 * style.lineScale();
        painter.setPen(QPen(accentColor(style), w));
        painter.setBrush(Qt::NoBrush);
        const QRectF column = lensCellRect(l, data.layers() - 1, data.query);
        painter.drawRect(QRectF(column.left(), l.grid.top(), column.width(), l.grid.height()).adjusted(w / 2, w / 2, -w / 2, -w / 2));
    }
    // Layer labels against the grid, thinned when the rows are lower than the text.
    const QFont font = style.font(kLensSmallPoints);
    const QFontMetricsF lfm(font);
    painter.setFont(font);
    painter.setPen(style.foreground());
    const int step = std::max(1, int(std::ceil(lfm.height() / std::max(1.0, l.cellHeight))));
    for (int layer = data.layers() - 1; layer >= 0; layer -= step) {
        const QRectF row = lensCellRect(l, layer, l.firstShown);
        painter.drawText(QRectF(l.rowLabels.left(), row.top(), l.rowLabels.width(), row.height()),
                         lensEnd(l.direction) | Qt::AlignVCenter, lensRowLabel(layer, data.layers()));
    }
    if (!l.nextLabels.isEmpty()) {
        painter.setPen(style.muted());
        painter.drawText(QRectF(l.rowLabels.left(), l.nextLabels.top(), l.rowLabels.width(), l.nextLabels.height()),
                         lensEnd(l.direction) | Qt::AlignBottom, LensTr::tr("next"));
    }
    painter.restore();
}

} // namespace

LensData lensData(const model::Trace* trace, const model::TraceSelection& selection)
{
    LensData data;
    if (!trace || trace->tokens.isEmpty() || trace->layers.empty()) {
        data.message = LensTr::tr("No trace yet: type a sentence and choose a trained model to see what each of its "
                                  "layers would predict");
        return data;
    }
    if (trace->source != model::TraceSource::Checkpoint) {
        data.message = trace->source == model::TraceSource::Toy
                           ? LensTr::tr("The toy model predicts nothing (it has no output layer): choose a trained "
                                        "model to see what each layer would predict")
                           : LensTr::tr("Typed matrices have no output layer to read the layers with");
        return data;
    }
    const int tokens = int(trace->tokens.size());
    data.tokens = visibleTokens(trace->tokens);
    data.query = selection.query >= 0 && selection.query < tokens ? selection.query : -1;
    data.predictsNextToken = trace->predictsNextToken;
    if (!trace->lens) {
        data.message = trace->lensError.isEmpty() ? LensTr::tr("Reading every layer's stream with the model's output…")
                                                  : LensTr::tr("No logit lens: %1").arg(trace->lensError);
        return data;
    }
    const std::vector<std::vector<model::Prediction>>& layers = trace->lens->layers;
    const int count = int(layers.size());
    for (const std::vector<model::Prediction>& row : layers)
        if (int(row.size()) != tokens) {
            data.message = LensTr::tr("No logit lens: it was read for another input");
            return data;
        }
    if (count == 0) {
        data.message = LensTr::tr("No logit lens: it was read for another input");
        return data;
    }
    data.probability = model::Matrix::Zero(count, tokens);
    data.cells.assign(size_t(count), std::vector<LensCell>(size_t(tokens)));
    for (int l = 0; l < count; ++l)
        for (int t = 0; t < tokens; ++t) {
            const model::Prediction& p = layers[size_t(l)][size_t(t)];
            const model::Prediction& last = layers.back()[size_t(t)];
            LensCell& cell = data.cells[size_t(l)][size_t(t)];
            for (int k = 0; k < int(p.top.size()); ++k) {
                const QString text = k < p.texts.size() ? p.texts[k] : QString();
                cell.texts << (text.isEmpty() ? QStringLiteral("#%1").arg(p.top[size_t(k)].first) : visibleToken(text));
                cell.probabilities.push_back(p.top[size_t(k)].second);
            }
            if (!p.top.empty()) data.probability(l, t) = p.top.front().second;
            cell.agreesWithLast = !p.top.empty() && !last.top.empty() && p.top.front().first == last.top.front().first;
        }
    return data;
}

QString lensPercentText(double probability)
{
    const double percent = 100.0 * probability;
    if (!std::isfinite(percent)) return QStringLiteral("–");
    if (percent >= 9.995) return leftToRight(QString::number(percent, 'f', 1) + QLatin1Char('%'));
    if (percent >= 0.005) return leftToRight(QString::number(percent, 'f', 2) + QLatin1Char('%'));
    return leftToRight(QStringLiteral("<0.01%"));
}

QString lensCellText(const LensData& data, int layer, int position)
{
    if (layer < 0 || layer >= data.layers() || position < 0 || position >= data.positions()) return {};
    const LensCell& cell = data.cells[size_t(layer)][size_t(position)];
    return cell.texts.value(0);
}

QString lensToolTip(const LensData& data, int layer, int position)
{
    if (layer < 0 || layer >= data.layers() || position < 0 || position >= data.positions()) return {};
    const LensCell& cell = data.cells[size_t(layer)][size_t(position)];
    QStringList lines;
    lines << LensTr::tr("Layer %1 of %2, token %3 “%4”")
                 .arg(layer + 1)
                 .arg(data.layers())
                 .arg(position + 1)
                 .arg(lensIsolated(data.tokens[position]));
    const QString next = lensNextToken(data, position);
    if (!data.predictsNextToken)
        lines << LensTr::tr("what the model would guess here if it stopped after this layer:");
    else if (next.isEmpty())
        lines << LensTr::tr("what the model would predict next if it stopped after this layer:");
    else
        lines << LensTr::tr("what the model would predict next (the text goes on with “%1”) if it stopped after this "
                            "layer:")
                     .arg(lensIsolated(next));
    for (int k = 0; k < cell.texts.size() && k < 5; ++k)
        lines << LensTr::tr("%1. “%2” %3")
                     .arg(k + 1)
                     .arg(lensIsolated(cell.texts[k]), lensPercentText(cell.probabilities[size_t(k)]));
    if (cell.agreesWithLast && layer + 1 < data.layers()) lines << LensTr::tr("(already the last layer's prediction)");
    return lines.join(QLatin1Char('\n'));
}

QStringList lensSubtitleLines(const LensData& data, double width, const ViewStyle& style, bool withHints)
{
    QStringList parts;
    parts << (data.predictsNextToken
                  ? LensTr::tr("each cell: the token the model would predict next if it stopped after that layer (the "
                               "stream read with its final norm and unembedding), coloured by its probability")
                  : LensTr::tr("each cell: the token the model would guess at that position if it stopped after that "
                               "layer (the stream read with its final norm and output head), coloured by its probability"))
          << LensTr::tr("bold: already the last layer's prediction");
    if (withHints) parts << LensTr::tr("hover a cell for the top 5 · click a token to select it");
    return lensPackedLines(parts, width, QFontMetricsF(style.font(kLensSmallPoints)));
}

LensLayout lensLayout(const QSizeF& size, const LensData& data, const ViewStyle& style, Qt::LayoutDirection direction,
                      bool withTitle, bool withHints)
{
    LensLayout l;
    l.direction = direction;
    l.layers = data.layers();
    const double s = style.fontScale();
    const double gap = 14.0 * s;
    const QFontMetricsF titleFm(style.font(kLensTitlePoints, true)), smallFm(style.font(kLensSmallPoints)),
        tickFm(style.font(kLensTickPoints));
    const int layers = std::max(1, data.layers()), tokens = std::max(1, data.positions());

    // Title: the headline, the explanation under it.
    const double width = size.width() - 2 * gap;
    const int subtitleLines = int(lensSubtitleLines(data, width, style, withHints).size());
    l.title = QRectF(gap, gap * 0.6, width,
                     (withTitle ? titleFm.height() * 1.3 : 0.0) + smallFm.height() * (subtitleLines + 0.3));

    // Across: the layer labels, the grid, the colour bar with its ticks.
    double rowLabelWidth = data.predictsNextToken ? smallFm.horizontalAdvance(LensTr::tr("next")) : 0.0;
    for (int layer = 0; layer < layers; ++layer)
        rowLabelWidth = std::max(rowLabelWidth, smallFm.horizontalAdvance(lensRowLabel(layer, layers)));
    rowLabelWidth += 10 * s;
    double largest = 0.0;
    if (data.probability.size() > 0) largest = data.probability.maxCoeff();
    l.scale = weightScaleWithMax(style.weightScale, largest > 0 ? largest : 1.0);
    const double barWidth = 16 * s;
    double tickWidth = tickFm.horizontalAdvance(QStringLiteral("0.75"));
    for (const WeightScale::Tick& tick : l.scale.ticks(true))
        tickWidth = std::max(tickWidth, tickFm.horizontalAdvance(tick.text));
    const double barBlock =
        2 * gap + barWidth + std::max(tickWidth + 8 * s, smallFm.horizontalAdvance(lensBarTitle(l.scale)) - barWidth);
    const double gridLeft = gap + rowLabelWidth;
    const double available = std::max(10.0, size.width() - gridLeft - barBlock - gap);

    // Columns: wide enough for the widest token, or for two letters and an ellipsis (a longer token is elided, never
    // to a bare ellipsis); the last ones that fit (the selected token's stretch when it lies before them) when not
    // all do.
    const QStringList columnTexts = lensColumnTexts(data);
    const double pad = 2 * kLensCellPadding * s + 2 * s; // the text's margins and a little air
    const double widest = lensWidest(columnTexts, style, kLensCellPoints, true);
    const double floor =
        std::min(widest, QFontMetricsF(style.font(kLensCellPoints, true)).horizontalAdvance(QStringLiteral("ab…"))) + pad;
    int shown = tokens;
    if (available / tokens < floor) shown = std::clamp(int(available / floor), 1, tokens);
    l.cellWidth = std::min(available / shown, kLensMaxCellWidth * s);
    l.lastShown = tokens - 1;
    l.firstShown = tokens - shown;
    if (data.query >= 0 && data.query < l.firstShown) {
        l.firstShown = std::clamp(data.query - shown / 2, 0, tokens - shown);
        l.lastShown = l.firstShown + shown - 1;
    }
    if (data.positions() == 0) l.lastShown = -1;

    // Down: the tokens that come next over the grid (across only, when they fit), the input tokens under it
    // (across when each fits its column, in a smaller font if need be, else rotated, at most a fifth of the height).
    QStringList shownTokens;
    for (int j = l.firstShown; j <= l.lastShown; ++j)
        shownTokens << data.tokens.value(j);
    double tokenWidest = 0;
    for (const double points : {9.0, 8.0, 7.0}) {
        l.tokenPoints = points;
        tokenWidest = lensWidest(shownTokens, style, points, true);
        if (tokenWidest + 1 <= l.cellWidth) break;
    }
    l.rotatedTokens = tokenWidest + 1 > l.cellWidth;
    if (l.rotatedTokens) {
        l.tokenPoints = 9;
        tokenWidest = lensWidest(shownTokens, style, 9, true);
    }
    const QFontMetricsF labelFm(style.font(l.tokenPoints, true));
    const double labelsHeight =
        l.rotatedTokens ? std::min(tokenWidest + 6 * s, size.height() * 0.2) : labelFm.height() * 1.3;
    const double nextHeight = data.predictsNextToken && !l.rotatedTokens ? labelFm.height() * 1.3 : 0.0;
    const double noteHeight = l.firstShown > 0 || l.lastShown < data.positions() - 1 ? smallFm.height() * 1.5 : 0.0;
    const double areaTop = l.title.bottom() + gap + smallFm.height() * 1.2 + nextHeight; // the bar's title over it
    const double bottom = size.height() - gap - labelsHeight - 4 * s - noteHeight;
    l.cellHeight = std::min(std::max(4.0, (bottom - areaTop) / layers), kLensMaxCellHeight * s);
    const double gridWidth = l.cellWidth * shown, gridHeight = l.cellHeight * layers;
    // The grid a third of the way down the room it leaves, under the title rather than far from it.
    const double top = areaTop + std::max(0.0, bottom - areaTop - gridHeight) / 3;
    l.grid = QRectF(gridLeft, top, gridWidth, gridHeight);
    l.rowLabels = QRectF(gap, top, rowLabelWidth - 6 * s, gridHeight);
    l.tokenLabels = QRectF(gridLeft, l.grid.bottom() + 4 * s, gridWidth, labelsHeight);
    if (nextHeight > 0) l.nextLabels = QRectF(gridLeft, top - nextHeight, gridWidth, nextHeight - 2 * s);
    if (noteHeight > 0) l.note = QRectF(gap, l.tokenLabels.bottom() + smallFm.height() * 0.3, width, smallFm.height());
    l.colorBar = QRectF(l.grid.right() + gap, top, barWidth, std::max(gridHeight, 60 * s));
    l.colorBarTitle = QRectF(l.colorBar.left(), top - nextHeight - smallFm.height() * 1.3, barBlock - gap, smallFm.height());

    // The cells' tokens: larger in tall cells while the widest fits, never smaller than the labels (a long token
    // is elided rather than every token shrunk for it); none when a row is lower than the text (the tooltip still
    // has them).
    double points = std::clamp(l.cellHeight / s * 0.26, kLensCellPoints, kLensMaxCellPoints);
    while (points > kLensCellPoints && lensWidest(columnTexts, style, points, true) + pad > l.cellWidth)
        points = std::max(kLensCellPoints, points - 0.5);
    l.cellFont = style.font(points);
    const QFontMetricsF cellFm(style.font(points, true));
    l.cellTexts = cellFm.height() + 2 <= l.cellHeight && cellFm.horizontalAdvance(QStringLiteral("M")) + 2 * kLensCellPadding * s <= l.cellWidth;

    if (direction == Qt::RightToLeft) {
        const QRectF bounds(QPointF(0, 0), size);
        for (QRectF* r : {&l.title, &l.grid, &l.rowLabels, &l.tokenLabels, &l.nextLabels, &l.note, &l.colorBar,
                          &l.colorBarTitle})
            if (!r->isEmpty()) *r = visualRect(direction, bounds, *r);
    }
    return l;
}

QRectF lensCellRect(const LensLayout& layout, int layer, int position)
{
    const int layers = layout.layers;
    if (layer < 0 || layer >= layers || position < layout.firstShown || position > layout.lastShown) return {};
    const int column = position - layout.firstShown;
    const double x = layout.direction == Qt::RightToLeft ? layout.grid.right() - (column + 1) * layout.cellWidth
                                                          : layout.grid.left() + column * layout.cellWidth;
    // The last layer on top, layer 1 just above the input tokens.
    return QRectF(x, layout.grid.top() + (layers - 1 - layer) * layout.cellHeight, layout.cellWidth, layout.cellHeight);
}

int lensPositionAt(const LensLayout& layout, const LensData& data, const QPointF& point)
{
    if (!data.message.isEmpty() || layout.cellWidth <= 0 || layout.lastShown < layout.firstShown) return -1;
    const double top = layout.nextLabels.isEmpty() ? layout.grid.top() : layout.nextLabels.top();
    if (point.y() < top || point.y() > layout.tokenLabels.bottom()) return -1;
    if (point.x() < layout.grid.left() || point.x() >= layout.grid.right()) return -1;
    const double along = layout.direction == Qt::RightToLeft ? layout.grid.right() - point.x() : point.x() - layout.grid.left();
    const int position = layout.firstShown + int(along / layout.cellWidth);
    return position <= layout.lastShown ? position : -1;
}

int lensLayerAt(const LensLayout& layout, const LensData& data, const QPointF& point)
{
    if (!data.message.isEmpty() || layout.cellHeight <= 0 || !layout.grid.contains(point)) return -1;
    const int fromTop = int((point.y() - layout.grid.top()) / layout.cellHeight);
    const int layer = data.layers() - 1 - fromTop;
    return layer >= 0 && layer < data.layers() ? layer : -1;
}

void paintLensFigure(QPainter& painter, const QSizeF& size, const LensData& data, const ViewStyle& style,
                     bool withTitle, bool withHints)
{
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), size), style.background());
    if (!data.message.isEmpty() || data.layers() == 0) {
        drawCenteredMessage(painter, QRectF(QPointF(0, 0), size), data.message, style);
        painter.restore();
        return;
    }
    const Qt::LayoutDirection direction = painter.layoutDirection();
    const LensLayout l = lensLayout(size, data, style, direction, withTitle, withHints);
    const QFont titleFont = style.font(kLensTitlePoints, true), smallFont = style.font(kLensSmallPoints);
    const QFontMetricsF titleFm(titleFont), smallFm(smallFont);
    double y = l.title.top();
    if (withTitle) {
        painter.setFont(titleFont);
        painter.setPen(style.foreground());
        painter.drawText(QRectF(l.title.left(), y, l.title.width(), titleFm.height()), lensStart(direction) | Qt::AlignVCenter,
                         titleFm.elidedText(LensTr::tr("Logit lens: what each layer would predict"), Qt::ElideRight,
                                            l.title.width()));
        y += titleFm.height() * 1.3;
    }
    painter.setFont(smallFont);
    painter.setPen(style.muted());
    for (const QString& line : lensSubtitleLines(data, l.title.width(), style, withHints)) {
        painter.drawText(QRectF(l.title.left(), y, l.title.width(), smallFm.height()), lensStart(direction) | Qt::AlignVCenter,
                         smallFm.elidedText(line, Qt::ElideRight, l.title.width()));
        y += smallFm.height();
    }
    paintLensCells(painter, l, data, style);
    paintLensTokenRow(painter, l, data, style, l.tokenLabels, false);
    if (!l.nextLabels.isEmpty()) paintLensTokenRow(painter, l, data, style, l.nextLabels, true);
    paintLensColorBar(painter, l, style);
    const QString note = lensHiddenNote(l, data, withHints);
    if (!note.isEmpty() && !l.note.isEmpty()) {
        painter.setFont(smallFont);
        painter.setPen(style.muted());
        painter.drawText(l.note, lensStart(direction) | Qt::AlignVCenter, smallFm.elidedText(note, Qt::ElideRight, l.note.width()));
    }
    painter.restore();
}

} // namespace attnlab::widgets
