#include "widgets/controls/busy_indicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace attnlab::widgets {

BusyIndicator::BusyIndicator(const QString& buttonText, const QString& buttonToolTip, const QString& buttonName,
                             QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_label->hide();
    auto* bar = new QProgressBar(this);
    bar->setRange(0, 0); // indeterminate
    bar->setMaximumWidth(120);
    auto* button = new QPushButton(buttonText, this);
    button->setObjectName(buttonName);
    button->setToolTip(buttonToolTip);
    layout->addWidget(m_label);
    layout->addWidget(bar);
    layout->addWidget(button);
    connect(button, &QPushButton::clicked, this, &BusyIndicator::stopRequested);
    hide();
}

void BusyIndicator::setText(const QString& text)
{
    m_label->setText(text);
    m_label->setVisible(!text.isEmpty());
}

QString BusyIndicator::text() const
{
    return m_label->text();
}

} // namespace attnlab::widgets

#include "moc_busy_indicator.cpp"
