#include "widgets/controls/busy_indicator.h"

#include <QHBoxLayout>

#include <algorithm>
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
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 0); // indeterminate
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(120);
    auto* button = new QPushButton(buttonText, this);
    button->setObjectName(buttonName);
    button->setToolTip(buttonToolTip);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
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

void BusyIndicator::setProgress(int done, int total)
{
    m_bar->setRange(0, std::max(total, 0));
    m_bar->setValue(total > 0 ? std::clamp(done, 0, total) : 0);
}

int BusyIndicator::progressValue() const
{
    return m_bar->value();
}

int BusyIndicator::progressMaximum() const
{
    return m_bar->maximum();
}

} // namespace attnlab::widgets

#include "moc_busy_indicator.cpp"
