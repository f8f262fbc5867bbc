#include "token_strip.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace attnlab::widgets {

namespace {

// Whitespace-only tokens ("▁" alone, a newline byte) would be empty chips: show them as visible marks.
QString visibleToken(const QString& token)
{
    if (!token.trimmed().isEmpty()) return token;
    QString shown = token;
    shown.replace(QLatin1Char('\n'), QChar(0x21B5)); // ↵
    shown.replace(QLatin1Char('\t'), QChar(0x21E5)); // ⇥
    shown.replace(QLatin1Char(' '), QChar(0x2423));   // ␣
    return shown;
}

QString percent(double p)
{
    return p >= 0.995 ? QStringLiteral("100%") : QStringLiteral("%1%").arg(p * 100.0, 0, 'f', p < 0.1 ? 1 : 0);
}

} // namespace

TokenStrip::TokenStrip(QWidget* parent) : QWidget(parent)
{
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
    m_layout->addStretch(1);
}

void TokenStrip::setTokens(const QStringList& tokens)
{
    if (tokens == m_tokens)
        return;
    m_tokens = tokens;
    qDeleteAll(m_columns);
    m_columns.clear();
    m_chips.clear();
    m_predictions.clear();
    for (int i = 0; i < tokens.size(); ++i) {
        auto* column = new QWidget(this);
        auto* columnLayout = new QVBoxLayout(column);
        columnLayout->setContentsMargins(0, 0, 0, 0);
        columnLayout->setSpacing(1);
        auto* chip = new QPushButton(visibleToken(tokens[i]), column);
        chip->setCheckable(true);
        chip->setFont(font());
        chip->setFlat(false);
        chip->setFocusPolicy(Qt::NoFocus);
        chip->setToolTip(tr("Token %1: select it as the query in every view").arg(i + 1));
        chip->setStyleSheet(QStringLiteral("QPushButton { border: 1px solid palette(mid); border-radius: 8px; "
                                           "padding: 2px 8px; } QPushButton:checked { background: palette(highlight); "
                                           "color: palette(highlighted-text); }"));
        connect(chip, &QPushButton::clicked, this, [this, i] { chipClicked(i); });
        auto* prediction = new QLabel(column);
        prediction->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        // The chip sets the column's width: a long prediction is cut rather than widening the strip.
        prediction->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        prediction->setForegroundRole(QPalette::PlaceholderText);
        prediction->hide();
        columnLayout->addWidget(chip);
        columnLayout->addWidget(prediction);
        m_layout->insertWidget(i, column);
        m_columns << column;
        m_chips << chip;
        m_predictions << prediction;
    }
    if (m_selected >= tokens.size())
        m_selected = -1;
    setSelected(m_selected);
}

void TokenStrip::setSelected(int index)
{
    m_selected = index;
    for (int i = 0; i < m_chips.size(); ++i)
        m_chips[i]->setChecked(i == index);
}

void TokenStrip::changeEvent(QEvent* event)
{
    // Chips carry a style sheet, which stops the application font (presentation mode) from reaching them.
    if (event->type() == QEvent::FontChange)
        for (QPushButton* chip : m_chips)
            chip->setFont(font());
    // The prediction line is smaller than the chips, however large the font.
    if (event->type() == QEvent::FontChange)
        for (QLabel* label : m_predictions) {
            QFont small = font();
            small.setPointSizeF(font().pointSizeF() * 0.8);
            label->setFont(small);
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
