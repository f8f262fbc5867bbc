#include "widgets/views/patching_view.h"

#include "model/analysis/activation_patching.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/drawing/visible_token.h"
#include "widgets/views/head_grid_figure.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

namespace {

constexpr double kPatchTitlePoints = 12.5, kPatchSmallPoints = 9.0, kPatchLabelPoints = 8.5;

// Where a layers × tokens grid puts its cells inside its area (left to right; a right-to-left figure mirrors them
// with visualRect): under the heading, after the layer labels, above two lines of tokens.
struct TokenGridGeometry {
    double left = 0.0, top = 0.0, cellWidth = 0.0, cellHeight = 0.0;
};

TokenGridGeometry tokenGridGeometry(const QRectF& area, int layers, int tokens, const ViewStyle& style)
{
    const double s = style.fontScale();
    const QFontMetricsF headingFm(style.font(kPatchSmallPoints + 1.0, true)), labelFm(style.font(kPatchLabelPoints));
    TokenGridGeometry g;
    const double rowLabelWidth = labelFm.horizontalAdvance(QStringLiteral("L88")) + 8.0 * s;
    g.left = area.left() + rowLabelWidth;
    g.top = area.top() + headingFm.height() * 1.2 + 4.0 * s;
    g.cellWidth = std::min((area.width() - rowLabelWidth) / std::max(1, tokens), 90.0 * s);
    g.cellHeight = std::clamp((area.bottom() - g.top - 2.2 * labelFm.height()) / std::max(1, layers), 8.0, 80.0 * s);
    return g;
}

// One layers × tokens grid: its heading, the cells, the layer labels beside and the tokens under it.
// measured: the token whose prediction is measured, outlined.
void paintTokenGrid(QPainter& painter, const QRectF& area, const QString& heading, const model::Matrix& values,
                    const QStringList& clean, const QStringList& corrupted, int measured, const HeadGridData& scale,
                    const ViewStyle& style, Qt::LayoutDirection direction)
{
    const double s = style.fontScale();
    const QFont headingFont = style.font(kPatchSmallPoints + 1.0, true), labelFont = style.font(kPatchLabelPoints);
    const QFontMetricsF headingFm(headingFont), labelFm(labelFont);
    const int layers = int(values.rows()), tokens = int(values.cols());
    if (layers == 0 || tokens == 0) return;
    const bool rtl = direction == Qt::RightToLeft;
    const auto mirrored = [&](const QRectF& r) { return visualRect(direction, area, r); };

    painter.setFont(headingFont);
    painter.setPen(style.foreground());
    const QRectF headingRect(area.left(), area.top(), area.width(), headingFm.height() * 1.2);
    painter.drawText(headingRect, (rtl ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                     headingFm.elidedText(heading, Qt::ElideRight, area.width()));

    const TokenGridGeometry g = tokenGridGeometry(area, layers, tokens, style);
    const double rowLabelWidth = g.left - area.left(), top = g.top, cellWidth = g.cellWidth, cellHeight = g.cellHeight,
                 left = g.left;
    const bool numbers = cellWidth >= labelFm.horizontalAdvance(QStringLiteral("−0.00")) + 4.0 && cellHeight >= labelFm.height();

    painter.setFont(labelFont);
    for (int l = 0; l < layers; ++l) {
        const double y = top + l * cellHeight;
        painter.setPen(style.muted());
        painter.drawText(mirrored(QRectF(area.left(), y, rowLabelWidth - 4.0 * s, cellHeight)),
                         (rtl ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, leftToRight(QStringLiteral("L%1").arg(l + 1)));
        for (int t = 0; t < tokens; ++t) {
            const QRectF cell = mirrored(QRectF(left + t * cellWidth, y, cellWidth, cellHeight));
            const double value = values(l, t);
            const QColor color = headGridColor(scale, style, value);
            painter.fillRect(cell.adjusted(0.5, 0.5, -0.5, -0.5), color);
            if (numbers) {
                painter.setPen(color.lightnessF() < 0.5 ? QColor(Qt::white) : QColor(0x20, 0x20, 0x20));
                painter.drawText(cell, Qt::AlignCenter, leftToRight(headGridValueText(value, 2)));
            }
        }
    }
    if (measured >= 0 && measured < tokens) {
        painter.setPen(QPen(style.foreground(), 1.5 * style.lineScale()));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(mirrored(QRectF(left + measured * cellWidth, top, cellWidth, layers * cellHeight)));
    }
    // The tokens: the clean one, and under it the corrupted one where it differs.
    const double labelsTop = top + layers * cellHeight + 2.0 * s;
    for (int t = 0; t < tokens; ++t) {
        const QRectF column = mirrored(QRectF(left + t * cellWidth, labelsTop, cellWidth, labelFm.height()));
        const QString token = visibleToken(clean.value(t));
        painter.setPen(style.foreground());
        painter.drawText(column, Qt::AlignCenter, labelFm.elidedText(token, Qt::ElideRight, cellWidth - 2.0));
        const QString other = visibleToken(corrupted.value(t, clean.value(t)));
        if (other != token) {
            painter.setPen(style.accent());
            painter.drawText(column.translated(0, labelFm.height()), Qt::AlignCenter,
                             labelFm.elidedText(other, Qt::ElideRight, cellWidth - 2.0));
        }
    }
}

QString tokenText(int id, const QString& text)
{
    return visibleToken(text.isEmpty() ? QString::number(id) : text);
}

// Where the figure puts its three grids (figure coordinates, mirrored in a right-to-left figure).
struct PatchingGeometry {
    QRectF heads, stream, mlp;
};

PatchingGeometry patchingGeometry(const QSizeF& size, const ViewStyle& style, Qt::LayoutDirection direction, bool withTitle)
{
    const double s = style.fontScale(), gap = 14.0 * s;
    const QFontMetricsF titleFm(style.font(kPatchTitlePoints, true)), smallFm(style.font(kPatchSmallPoints));
    const QRectF page(gap, gap * 0.6, size.width() - 2 * gap, size.height() - 1.6 * gap);
    // The title, and four lines: the two inputs, the metric, what a cell means.
    const double y = page.top() + (withTitle ? titleFm.height() * 1.3 : 0.0) + 4 * smallFm.height() * 1.15 + gap * 0.5;
    const double headsWidth = std::min(page.width() * 0.46, 760.0 * s);
    PatchingGeometry g;
    g.heads = visualRect(direction, page, QRectF(page.left() - gap, y, headsWidth, page.bottom() - y));
    const double gridsLeft = page.left() + headsWidth + gap;
    const double gridsHeight = (page.bottom() - y - gap) / 2.0;
    g.stream = visualRect(direction, page, QRectF(gridsLeft, y, page.right() - gridsLeft, gridsHeight));
    g.mlp = g.stream.translated(0, gridsHeight + gap);
    return g;
}

} // namespace

PatchingView::PatchingView(QWidget* parent) : TraceView(parent)
{
    m_bar = new QWidget(this);
    auto* row = new QHBoxLayout(m_bar);
    row->setContentsMargins(8, 4, 8, 0);
    m_corruptedLabel = new QLabel(m_bar);
    m_corrupted = new QLineEdit(m_bar);
    m_corrupted->setObjectName(QStringLiteral("patchCorrupted"));
    m_corruptedLabel->setBuddy(m_corrupted);
    m_targetLabel = new QLabel(m_bar);
    m_target = new QLineEdit(m_bar);
    m_target->setObjectName(QStringLiteral("patchTarget"));
    m_targetLabel->setBuddy(m_target);
    m_wrongLabel = new QLabel(m_bar);
    m_wrong = new QLineEdit(m_bar);
    m_wrong->setObjectName(QStringLiteral("patchWrong"));
    m_wrongLabel->setBuddy(m_wrong);
    m_patch = new QPushButton(m_bar);
    m_patch->setObjectName(QStringLiteral("patchButton"));
    row->addWidget(m_corruptedLabel);
    row->addWidget(m_corrupted, 4);
    row->addWidget(m_targetLabel);
    row->addWidget(m_target, 1);
    row->addWidget(m_wrongLabel);
    row->addWidget(m_wrong, 1);
    row->addWidget(m_patch);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_bar);
    column->addStretch(1);
    retranslate();
    connect(m_patch, &QPushButton::clicked, this, &PatchingView::ask);
    for (QLineEdit* field : {m_corrupted, m_target, m_wrong})
        connect(field, &QLineEdit::returnPressed, this, &PatchingView::ask);
}

void PatchingView::retranslate()
{
    m_corruptedLabel->setText(tr("&Corrupted:"));
    m_corrupted->setPlaceholderText(tr("the input with one thing changed, as many tokens long"));
    m_targetLabel->setText(tr("&Target:"));
    m_target->setPlaceholderText(tr("one token"));
    m_wrongLabel->setText(tr("&Wrong:"));
    m_wrong->setPlaceholderText(tr("optional"));
    m_patch->setText(tr("&Patch"));
    m_patch->setToolTip(tr("Put each part of the clean run (the input above) into the corrupted run in turn and "
                           "measure how much of the target's lead it brings back"));
}

void PatchingView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    TraceView::changeEvent(event);
}

void PatchingView::ask()
{
    model::PatchingInputs inputs;
    inputs.corrupted = m_corrupted->text();
    inputs.target = m_target->text();
    inputs.wrong = m_wrong->text();
    m_asked = inputs; // all empty: nothing asked, and the figure says what to type
    if (!m_asked.empty() && m_asked.target.isEmpty()) m_target->setFocus();
    update();
    emit analysesChanged();
}

void PatchingView::setInputs(const model::PatchingInputs& inputs)
{
    m_asked = inputs;
    m_asked.position = -1;
    m_corrupted->setText(inputs.corrupted);
    m_target->setText(inputs.target);
    m_wrong->setText(inputs.wrong);
    update();
    emit analysesChanged();
}

int PatchingView::measuredToken() const
{
    const model::Trace* t = trace();
    if (!t || t->tokens.isEmpty()) return -1;
    const int tokens = int(t->tokens.size());
    return selection().query >= 0 && selection().query < tokens ? selection().query : tokens - 1;
}

model::AnalysisRequest PatchingView::analysesNeeded() const
{
    model::AnalysisRequest needed;
    if (m_asked.empty() || !trace()) return needed;
    needed.patching = m_asked;
    needed.patching.position = measuredToken();
    return needed;
}

QRectF PatchingView::figureRect() const
{
    const double top = m_bar->sizeHint().height();
    return QRectF(0, top, width(), std::max(0.0, height() - top));
}

void PatchingView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), viewStyle().background());
    const QRectF figure = figureRect();
    painter.translate(figure.topLeft());
    paintFigure(painter, figure.size());
}

HeadGridData PatchingView::headGrid() const
{
    // One diverging scale for the three grids.
    HeadGridData heads;
    heads.values = trace()->patching->heads;
    heads.scale = HeadGridScale::Diverging;
    heads.hi = scaleLimit();
    heads.order = HeadGridOrder::Descending;
    heads.decimals = 2;
    heads.title = tr("Each head's output (every token)");
    heads.scaleTitle = tr("restored");
    heads.listTitle = tr("Restores most");
    return heads;
}

QString PatchingView::toolTipAt(const QPointF& point) const
{
    if (!message().isEmpty() || !trace() || !trace()->patching) return {};
    const model::ActivationPatching& p = *trace()->patching;
    const model::Trace& t = *trace();
    const QRectF figure = figureRect();
    const QPointF at = point - figure.topLeft();
    const Qt::LayoutDirection direction = layoutDirection();
    const PatchingGeometry geometry = patchingGeometry(figure.size(), viewStyle(), direction, true);
    const QString restored = p.logitDifference() ? tr("restores %1 of the logit difference")
                                                 : tr("restores %1 of the log-probability's difference");
    const auto share = [](double v) { return leftToRight(headGridValueText(v, 3)); };
    if (geometry.heads.contains(at)) {
        const HeadGridData data = headGrid();
        const HeadGridLayout layout = headGridLayout(geometry.heads.size(), data, viewStyle(), direction, true);
        const GridHead head = headGridHeadAt(layout, data, at - geometry.heads.topLeft());
        if (!head.valid()) return {};
        return tr("Layer %1, head %2 from the clean run: %3")
            .arg(head.layer + 1)
            .arg(head.head + 1)
            .arg(restored.arg(share(p.heads(head.layer, head.head))));
    }
    for (const bool stream : {true, false}) {
        const QRectF area = stream ? geometry.stream : geometry.mlp;
        const model::Matrix& values = stream ? p.residual : p.mlp;
        const int layers = int(values.rows()), tokens = int(values.cols());
        const TokenGridGeometry g = tokenGridGeometry(area, layers, tokens, viewStyle());
        // The grid is laid out left to right and mirrored: mirror the point back.
        const QPointF local = direction == Qt::RightToLeft ? QPointF(area.left() + area.right() - at.x(), at.y()) : at;
        const int token = int(std::floor((local.x() - g.left) / g.cellWidth));
        const int layer = int(std::floor((local.y() - g.top) / g.cellHeight));
        if (!area.contains(at) || token < 0 || token >= tokens || layer < 0 || layer >= layers || local.x() < g.left ||
            local.y() < g.top)
            continue;
        QString name = QStringLiteral("“%1”").arg(visibleToken(t.tokens.value(token)));
        const QString other = visibleToken(p.corruptedTokens.value(token, t.tokens.value(token)));
        if (other != visibleToken(t.tokens.value(token))) name = tr("%1 (corrupted: “%2”)").arg(name, other);
        const QString site = stream ? tr("The stream entering layer %1 at token %2 %3").arg(layer + 1).arg(token + 1).arg(name)
                                    : tr("Layer %1's MLP output at token %2 %3").arg(layer + 1).arg(token + 1).arg(name);
        return tr("%1, from the clean run: %2").arg(site, restored.arg(share(values(layer, token))));
    }
    return {};
}

bool PatchingView::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip) return TraceView::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const QString text = toolTipAt(help->pos());
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
    } else {
        QToolTip::showText(help->globalPos(), text, this);
    }
    return true;
}

double PatchingView::scaleLimit() const
{
    const model::ActivationPatching* p = trace() ? trace()->patching.get() : nullptr;
    if (!p) return 1.0;
    double limit = 1.0;
    for (const model::Matrix* m : {&p->heads, &p->residual, &p->mlp})
        if (m->size() > 0) limit = std::max(limit, m->cwiseAbs().maxCoeff());
    return limit;
}

QString PatchingView::message() const
{
    const model::Trace* t = trace();
    if (!t || t->layers.empty()) return tr("No trace yet: type a sentence and choose a trained model");
    // A trace patched by the command line carries its answer without this view having asked.
    const bool answered = t->patching && m_asked.empty() ? true : t->patchingInputs == analysesNeeded().patching;
    if (t->patching && answered) return {};
    if (t->source != model::TraceSource::Checkpoint)
        return t->source == model::TraceSource::Toy
                   ? tr("The toy model predicts nothing (it has no output layer): choose a trained model to patch its "
                        "activations")
                   : tr("Typed matrices have no prediction to restore");
    if (m_asked.empty())
        return tr("Type a corrupted input of as many tokens as the input above, the token the input should make the "
                  "model say and, optionally, the one the corrupted input makes it say; then press Patch");
    if (!answered || t->patchingError.isEmpty()) return tr("Patching: rerunning the model with each part of the clean run…");
    return tr("No patching: %1").arg(t->patchingError);
}

void PatchingView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    if (!paintBackgroundOrEmpty(painter, size)) return;
    const ViewStyle& style = viewStyle();
    const model::Trace& t = *trace();
    const QString shownMessage = message();
    if (!shownMessage.isEmpty()) {
        HeadGridData empty;
        empty.message = shownMessage;
        paintHeadGrid(painter, size, empty, style);
        return;
    }
    const model::ActivationPatching& p = *t.patching;
    const Qt::LayoutDirection direction = painter.layoutDirection();
    const bool rtl = direction == Qt::RightToLeft;
    const double s = style.fontScale(), gap = 14.0 * s;
    const QFont titleFont = style.font(kPatchTitlePoints, true), smallFont = style.font(kPatchSmallPoints);
    const QFontMetricsF titleFm(titleFont), smallFm(smallFont);
    const QRectF page(gap, gap * 0.6, size.width() - 2 * gap, size.height() - 1.6 * gap);
    const int align = (rtl ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;

    // What is measured, and its value on both inputs.
    double y = page.top();
    const QString target = tokenText(p.target, p.targetText);
    const QString at = visibleToken(t.tokens.value(p.position));
    if (figureParts().title) {
        painter.setFont(titleFont);
        painter.setPen(style.foreground());
        const QString title = p.logitDifference()
                                  ? tr("Activation patching: what brings back “%1” over “%2” after “%3” (token %4)")
                                        .arg(target, tokenText(p.wrong, p.wrongText), at)
                                        .arg(p.position + 1)
                                  : tr("Activation patching: what brings back “%1” after “%2” (token %3)")
                                        .arg(target, at)
                                        .arg(p.position + 1);
        painter.drawText(QRectF(page.left(), y, page.width(), titleFm.height()), align,
                         titleFm.elidedText(title, Qt::ElideRight, page.width()));
        y += titleFm.height() * 1.3;
    }
    painter.setFont(smallFont);
    painter.setPen(style.muted());
    const auto value = [](double v) { return leftToRight(headGridValueText(v, 3)); };
    const QString metric = p.logitDifference() ? tr("logit difference") : tr("log p");
    QStringList lines;
    // The inputs on one line each: a line break shown as ↵.
    const auto oneLine = [](const QStringList& tokens) {
        // Tokens that carry their spaces (GPT-2's " animal", characters) join as they are; whole words (a word-level
        // vocabulary) join with spaces.
        const bool spaced = std::any_of(tokens.begin(), tokens.end(), [](const QString& token) {
            return std::any_of(token.begin(), token.end(), [](QChar c) { return c.isSpace(); });
        });
        QString text = tokens.join(spaced ? QString() : QStringLiteral(" ")).replace(QLatin1Char('\n'), QStringLiteral("↵ "));
        // Latin text in a Persian sentence: one unit in its own direction, wherever it stands.
        return text.isRightToLeft() ? text : leftToRight(text);
    };
    lines << tr("clean: %1").arg(oneLine(t.tokens)) << tr("corrupted: %1").arg(oneLine(p.corruptedTokens));
    lines << tr("%1: %2 clean, %3 corrupted").arg(metric, value(p.clean), value(p.corrupted));
    lines << tr("each cell: the share of that difference restored when one part of the corrupted run comes from the "
                "clean run (1: all of it, 0: none)");
    for (const QString& line : lines) {
        painter.drawText(QRectF(page.left(), y, page.width(), smallFm.height()), align,
                         smallFm.elidedText(line, Qt::ElideRight, page.width()));
        y += smallFm.height() * 1.15;
    }
    y += gap * 0.5;

    const HeadGridData heads = headGrid();
    const PatchingGeometry geometry = patchingGeometry(size, style, direction, figureParts().title);
    const QRectF headsArea = geometry.heads;
    painter.save();
    painter.translate(headsArea.topLeft());
    paintHeadGrid(painter, headsArea.size(), heads, style, true);
    painter.restore();

    const QRectF streamArea = geometry.stream, mlpArea = geometry.mlp;
    paintTokenGrid(painter, streamArea, tr("The stream entering each layer, one token at a time"), p.residual, t.tokens,
                   p.corruptedTokens, p.position, heads, style, direction);
    paintTokenGrid(painter, mlpArea, tr("Each MLP's output, one token at a time"), p.mlp, t.tokens, p.corruptedTokens,
                   p.position, heads, style, direction);
}

} // namespace attnlab::widgets

#include "moc_patching_view.cpp"
