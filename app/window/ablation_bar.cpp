#include "app/window/ablation_bar.h"

#include "widgets/drawing/left_to_right.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>

namespace attnlab::app {

QString ablationText(const model::Ablation& ablation)
{
    QStringList heads, mlps;
    for (const model::HeadRef& h : ablation.heads)
        heads << widgets::leftToRight(QStringLiteral("%1.%2").arg(h.layer + 1).arg(h.head + 1));
    for (int l : ablation.mlps)
        mlps << widgets::leftToRight(QString::number(l + 1));
    const QString separator = QObject::tr(", ", "between the items of a list");
    QStringList parts;
    if (!heads.isEmpty())
        parts << (heads.size() == 1 ? QObject::tr("head %1").arg(heads.front())
                                    : QObject::tr("heads %1").arg(heads.join(separator)));
    if (!mlps.isEmpty())
        parts << (mlps.size() == 1 ? QObject::tr("the MLP of layer %1").arg(mlps.front())
                                   : QObject::tr("the MLPs of layers %1").arg(mlps.join(separator)));
    if (parts.size() == 2) return QObject::tr("%1 and %2", "heads and MLPs switched off").arg(parts[0], parts[1]);
    return parts.value(0);
}

AblationBar::AblationBar(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("ablationBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("ablationText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("ablationMode"));
    m_mode->addItem(QString(), int(model::AblationMode::Zero));
    m_mode->addItem(QString(), int(model::AblationMode::Mean));
    m_clear = new QPushButton(this);
    m_clear->setObjectName(QStringLiteral("ablationClear"));
    layout->addWidget(m_label, 1);
    layout->addWidget(m_mode);
    layout->addWidget(m_clear);
    connect(m_mode, &QComboBox::activated, this,
            [this](int index) { emit modeChosen(model::AblationMode(m_mode->itemData(index).toInt())); });
    connect(m_clear, &QPushButton::clicked, this, &AblationBar::clearRequested);
    retranslate();
    hide();
}

void AblationBar::setAblation(const model::Ablation& ablation)
{
    m_ablation = ablation;
    const QSignalBlocker quiet(m_mode);
    m_mode->setCurrentIndex(m_mode->findData(int(ablation.mode)));
    m_label->setText(ablation.empty() ? QString() : tr("⊘ Switched off: %1").arg(ablationText(ablation)));
    setVisible(!ablation.empty());
}

void AblationBar::retranslate()
{
    m_mode->setItemText(0, tr("Set to zero"));
    m_mode->setItemText(1, tr("Replace by the mean"));
    m_mode->setToolTip(tr("How a part switched off is replaced: its output set to 0, or its output at every position "
                          "replaced by its mean over this input's positions"));
    m_clear->setText(tr("Switch All Back On"));
    m_clear->setToolTip(tr("Switch every head and MLP back on (Ctrl+Shift+K)"));
    setAblation(m_ablation);
}

void AblationBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

} // namespace attnlab::app

#include "moc_ablation_bar.cpp"
