#include "token_strip.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QPushButton>

namespace attnlab::widgets {

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
    qDeleteAll(m_chips);
    m_chips.clear();
    for (int i = 0; i < tokens.size(); ++i) {
        auto* chip = new QPushButton(tokens[i], this);
        chip->setCheckable(true);
        chip->setFont(font());
        chip->setFlat(false);
        chip->setFocusPolicy(Qt::NoFocus);
        chip->setToolTip(tr("Token %1: select it as the query in every view").arg(i + 1));
        chip->setStyleSheet(QStringLiteral("QPushButton { border: 1px solid palette(mid); border-radius: 8px; "
                                           "padding: 2px 8px; } QPushButton:checked { background: palette(highlight); "
                                           "color: palette(highlighted-text); }"));
        connect(chip, &QPushButton::clicked, this, [this, i] { chipClicked(i); });
        m_layout->insertWidget(i, chip);
        m_chips << chip;
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
    QWidget::changeEvent(event);
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
