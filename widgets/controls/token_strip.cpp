#include "widgets/controls/token_strip.h"

#include "widgets/controls/elided_label.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/drawing/visible_token.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMap>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include <cmath>
#include <utility>

namespace attnlab::widgets {

namespace {
// Rounded chips; the selected one in the highlight colour.
const QString kChipStyle = QStringLiteral("QPushButton { border: 1px solid palette(mid); border-radius: 8px; "
                                          "padding: 2px 8px; } QPushButton:checked { background: palette(highlight); "
                                          "color: palette(highlighted-text); }");

// What the vocabulary could not spell: red and dashed, readable on both themes.
const QString kUnknownStyle = QStringLiteral("QPushButton { border: 2px dashed #e0301e; }");
const QString kDroppedStyle = QStringLiteral("QLabel { color: #e0301e; border: 1px dashed #e0301e; border-radius: 8px; "
                                             "padding: 2px 4px; }");

QString chipStyle(bool unknown)
{
    return unknown ? kChipStyle + kUnknownStyle : kChipStyle;
}

// Wide enough for "100%": a probability is never elided, only the predicted token beside it.
void setPredictionFont(QLabel* label, const QFont& chipFont)
{
    QFont small = chipFont;
    small.setPointSizeF(chipFont.pointSizeF() * 0.8);
    label->setFont(small);
    label->setMinimumWidth(QFontMetrics(small).horizontalAdvance(QStringLiteral("100%")));
}

// The prediction line is secondary to the chips but must stay readable at its smaller size: the text colour
// a quarter of the way towards the window's, not the placeholder grey (4.4 : 1 on the dark panel).
void setPredictionColor(QLabel* label, const QPalette& strip)
{
    const QColor text = strip.color(QPalette::WindowText), window = strip.color(QPalette::Window);
    const auto mix = [](double a, double b) { return 0.75 * a + 0.25 * b; };
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor::fromRgbF(float(mix(text.redF(), window.redF())),
                                                            float(mix(text.greenF(), window.greenF())),
                                                            float(mix(text.blueF(), window.blueF()))));
    label->setPalette(palette);
}

// Δ log p below this reads as no change ("0.00" in the colour of the prediction line).
constexpr double kNoEffect = 0.005;

// "−1.23", "+0.40", "0.00": two decimals, a true minus sign, left to right in every language.
QString signedLogProb(double value)
{
    if (std::abs(value) < kNoEffect) return leftToRight(QStringLiteral("0.00"));
    const QString digits = QString::number(std::abs(value), 'f', 2);
    return leftToRight((value < 0 ? QStringLiteral("\u2212") : QStringLiteral("+")) + digits);
}

QString logProb(double value)
{
    return leftToRight((value < 0 ? QStringLiteral("\u2212") : QString()) + QString::number(std::abs(value), 'f', 2));
}

// The head-effects view's diverging colours (ColorBrewer RdBu), a darker step on a light window and a lighter
// one on a dark window, so that the small text keeps its contrast.
QColor effectColor(double delta, const QPalette& strip, const QColor& neutral)
{
    if (std::abs(delta) < kNoEffect) return neutral;
    const bool dark = strip.color(QPalette::Window).lightnessF() < 0.5;
    if (delta < 0) return dark ? QColor(0x92, 0xc5, 0xde) : QColor(0x21, 0x66, 0xac);
    return dark ? QColor(0xf4, 0xa5, 0x82) : QColor(0xb2, 0x18, 0x2b);
}

// The effect line as the prediction line, and never narrower than a Δ with two digits before the point.
void setEffectFont(QLabel* label, const QFont& chipFont)
{
    setPredictionFont(label, chipFont);
    label->setMinimumWidth(QFontMetrics(label->font()).horizontalAdvance(QStringLiteral("\u221210.00")));
}

QString percent(double p)
{
    return p >= 0.995 ? QStringLiteral("100%") : QStringLiteral("%1%").arg(p * 100.0, 0, 'f', p < 0.1 ? 1 : 0);
}

} // namespace

TokenStrip::TokenStrip(QWidget* parent) : QWidget(parent)
{
    // A long input scrolls sideways instead of widening the window past the screen.
    m_scroll = new QScrollArea(this);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_scroll->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    auto* strip = new QWidget(m_scroll);
    strip->setAutoFillBackground(false);
    m_scroll->viewport()->setAutoFillBackground(false);
    m_layout = new QHBoxLayout(strip);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
    m_layout->addStretch(1);
    m_scroll->setWidget(strip);
    strip->installEventFilter(this);
    m_scroll->horizontalScrollBar()->installEventFilter(this);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_scroll);
}

bool TokenStrip::eventFilter(QObject* watched, QEvent* event)
{
    // The strip is as tall as its chips and prediction lines, plus the scroll bar when it shows.
    if (event->type() == QEvent::LayoutRequest || event->type() == QEvent::Resize || event->type() == QEvent::Show ||
        event->type() == QEvent::Hide)
        fitHeight();
    return QWidget::eventFilter(watched, event);
}

void TokenStrip::fitHeight()
{
    const QScrollBar* bar = m_scroll->horizontalScrollBar();
    const int height = m_scroll->widget()->sizeHint().height() + (bar->isVisible() ? bar->sizeHint().height() : 0);
    if (m_scroll->height() != height) m_scroll->setFixedHeight(height);
}

void TokenStrip::setTokens(const QStringList& tokens)
{
    if (tokens == m_tokens)
        return;
    m_tokens = tokens;
    setUnknownCharacters({});
    qDeleteAll(m_columns);
    m_columns.clear();
    m_chips.clear();
    m_predictions.clear();
    m_effects.clear();
    m_effectDeltas.clear();
    for (int i = 0; i < tokens.size(); ++i) {
        auto* column = new QWidget(m_scroll->widget());
        auto* columnLayout = new QVBoxLayout(column);
        columnLayout->setContentsMargins(0, 0, 0, 0);
        columnLayout->setSpacing(1);
        auto* chip = new QPushButton(visibleToken(tokens[i]), column);
        chip->setCheckable(true);
        chip->setFont(font());
        chip->setFlat(false);
        chip->setFocusPolicy(Qt::NoFocus);
        chip->setToolTip(tr("Token %1: select it as the query in every view").arg(i + 1));
        chip->setStyleSheet(kChipStyle);
        connect(chip, &QPushButton::clicked, this, [this, i] { chipClicked(i); });
        // The chip sets the column's width: a long prediction is elided rather than widening the strip.
        auto* prediction = new ElidedLabel(Qt::ElideRight, column);
        prediction->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        setPredictionFont(prediction, font());
        setPredictionColor(prediction, palette());
        prediction->hide();
        auto* effect = new ElidedLabel(Qt::ElideRight, column);
        effect->setObjectName(QStringLiteral("ablationEffect"));
        effect->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        setEffectFont(effect, font());
        effect->hide();
        columnLayout->addWidget(chip);
        columnLayout->addWidget(prediction);
        columnLayout->addWidget(effect);
        m_layout->insertWidget(i, column);
        m_columns << column;
        m_chips << chip;
        m_predictions << prediction;
        m_effects << effect;
        m_effectDeltas << 0.0;
    }
    if (m_selected >= tokens.size())
        m_selected = -1;
    setSelected(m_selected);
}

void TokenStrip::setUnknownCharacters(const std::vector<model::UnknownCharacter>& unknown)
{
    qDeleteAll(m_droppedMarkers);
    m_droppedMarkers.clear();
    for (const int i : std::as_const(m_unknownChips))
        if (QPushButton* chip = m_chips.value(i, nullptr)) {
            chip->setStyleSheet(chipStyle(false));
            chip->setToolTip(tr("Token %1: select it as the query in every view").arg(i + 1));
        }
    m_unknownChips.clear();

    // The tooltips repeat the trace's warning (model/tokenizers/unknown_character.h) for the characters of each
    // mark, in the words the status bar and `run --json` use.
    QMap<int, std::vector<model::UnknownCharacter>> dropped, became; // token index -> its characters, in text order
    for (const model::UnknownCharacter& u : unknown)
        if (u.token >= 0 && u.token <= m_chips.size() && (u.dropped || u.token < m_chips.size()))
            (u.dropped ? dropped : became)[u.token].push_back(u);
    for (auto it = became.cbegin(); it != became.cend(); ++it) {
        QPushButton* chip = m_chips[it.key()];
        m_unknownChips.insert(it.key());
        chip->setStyleSheet(chipStyle(true));
        chip->setToolTip(chip->toolTip() + QLatin1Char('\n') + model::unknownCharactersWarning(*it, m_tokens));
    }
    for (auto it = dropped.cbegin(); it != dropped.cend(); ++it) {
        QString shown;
        for (const model::UnknownCharacter& u : *it)
            shown += visibleToken(u.character);
        auto* marker = new QLabel(shown, m_scroll->widget());
        marker->setFont(font());
        marker->setStyleSheet(kDroppedStyle);
        marker->setToolTip(model::unknownCharactersWarning(*it, m_tokens));
        // Before the column of its token, or after the last one (the stretch stays last).
        const int at = it.key() < m_columns.size() ? m_layout->indexOf(m_columns[it.key()]) : m_layout->count() - 1;
        m_layout->insertWidget(at, marker, 0, Qt::AlignTop);
        m_droppedMarkers.insert(it.key(), marker);
    }
}

QLabel* TokenStrip::droppedMarker(int index) const
{
    return m_droppedMarkers.value(index, nullptr);
}

bool TokenStrip::isUnknownChip(int index) const
{
    return m_unknownChips.contains(index);
}

void TokenStrip::setSelected(int index)
{
    m_selected = index;
    for (int i = 0; i < m_chips.size(); ++i)
        m_chips[i]->setChecked(i == index);
    if (index >= 0 && index < m_columns.size()) m_scroll->ensureWidgetVisible(m_columns[index], 40, 0);
}

void TokenStrip::changeEvent(QEvent* event)
{
    // A style sheet resolves palette(…) and the text colour when it is set: after a theme change the chips
    // would keep the old theme's colours (light text on a light chip). Setting it again resolves them anew.
    if (event->type() == QEvent::PaletteChange) {
        for (int i = 0; i < m_chips.size(); ++i) {
            m_chips[i]->setStyleSheet(QString());
            m_chips[i]->setStyleSheet(chipStyle(m_unknownChips.contains(i)));
        }
        for (QLabel* label : m_predictions)
            setPredictionColor(label, palette());
        colorEffects();
    }
    // Chips carry a style sheet, which stops the application font (presentation mode) from reaching them.
    if (event->type() == QEvent::FontChange) {
        for (QPushButton* chip : m_chips)
            chip->setFont(font());
        for (QLabel* marker : std::as_const(m_droppedMarkers))
            marker->setFont(font());
    }
    // The prediction line is smaller than the chips, however large the font.
    if (event->type() == QEvent::FontChange) {
        for (QLabel* label : m_predictions)
            setPredictionFont(label, font());
        for (QLabel* label : m_effects)
            setEffectFont(label, font());
    }
    QWidget::changeEvent(event);
}

void TokenStrip::setPredictions(const std::vector<model::Prediction>& predictions, bool nextToken)
{
    for (int i = 0; i < m_predictions.size(); ++i) {
        QLabel* label = m_predictions[i];
        const model::Prediction* p = size_t(i) < predictions.size() ? &predictions[size_t(i)] : nullptr;
        if (!p || p->top.empty()) {
            label->hide();
            continue;
        }
        const auto text = [p](size_t k) {
            return qsizetype(k) < p->texts.size() ? visibleToken(p->texts[qsizetype(k)]) : QString::number(p->top[k].first);
        };
        label->setText(QStringLiteral("%1 %2\n%3").arg(nextToken ? QStringLiteral("→") : QStringLiteral("≈"), text(0),
                                                        percent(p->top[0].second)));
        QStringList lines{nextToken ? tr("Most probable next tokens after token %1:").arg(i + 1)
                                    : tr("Most probable tokens at position %1 (masked-token guess):").arg(i + 1)};
        for (size_t k = 0; k < p->top.size(); ++k)
            lines << QStringLiteral("%1. %2   %3").arg(k + 1).arg(text(k), percent(p->top[k].second));
        label->setToolTip(lines.join(QLatin1Char('\n')));
        label->show();
    }
}

QLabel* TokenStrip::predictionLabel(int index) const
{
    QLabel* label = m_predictions.value(index, nullptr);
    return label && !label->isHidden() ? label : nullptr;
}

void TokenStrip::setAblationEffects(const std::vector<model::AblationEffect>& effects)
{
    for (QLabel* label : m_effects)
        label->hide();
    for (const model::AblationEffect& e : effects) {
        QLabel* label = m_effects.value(e.position, nullptr);
        if (!label) continue;
        const auto shown = [](const QString& text, int id) {
            return visibleToken(text.isEmpty() ? QString::number(id) : text);
        };
        const double delta = e.originalAfter - e.originalBefore;
        const bool changed = e.topId != e.originalId;
        QString text = signedLogProb(delta);
        if (changed)
            text += QLatin1Char('\n') + tr("%1 → %2", "the prediction before and after switching parts off")
                                            .arg(shown(e.originalText, e.originalId), shown(e.topText, e.topId));
        label->setText(text);
        QStringList lines{tr("Token %1 with the parts switched off:").arg(e.position + 1),
                          tr("before, the model predicted “%1”: log p %2 → %3 (Δ %4)")
                              .arg(shown(e.originalText, e.originalId), logProb(e.originalBefore),
                                   logProb(e.originalAfter), signedLogProb(delta))};
        lines << (changed ? tr("now it predicts “%1”: log p %2 → %3")
                                .arg(shown(e.topText, e.topId), logProb(e.topBefore), logProb(e.topAfter))
                          : tr("it still predicts “%1”").arg(shown(e.originalText, e.originalId)));
        label->setToolTip(lines.join(QLatin1Char('\n')));
        m_effectDeltas[e.position] = delta;
        label->show();
    }
    colorEffects();
}

void TokenStrip::colorEffects()
{
    for (int i = 0; i < m_effects.size(); ++i) {
        QLabel* label = m_effects[i];
        setPredictionColor(label, palette());
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, effectColor(m_effectDeltas[i], palette(), p.color(QPalette::WindowText)));
        label->setPalette(p);
    }
}

QLabel* TokenStrip::effectLabel(int index) const
{
    QLabel* label = m_effects.value(index, nullptr);
    return label && !label->isHidden() ? label : nullptr;
}

QPushButton* TokenStrip::chip(int index) const
{
    return m_chips.value(index, nullptr);
}

void TokenStrip::chipClicked(int index)
{
    // Clicking the selected chip again clears the selection.
    setSelected(index == m_selected ? -1 : index);
    emit querySelected(m_selected);
}

} // namespace attnlab::widgets

#include "moc_token_strip.cpp"
