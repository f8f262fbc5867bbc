#include "app/window/control_bar.h"

#include "model/checkpoints/language_model.h"
#include "model/trace/trace_selection.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

#include <QSpinBox>

#include <cmath>

namespace attnlab::app {

namespace {

// The temperature slider is logarithmic: equal steps multiply τ by equal factors, so 0.1 … 1 … 10 share it.
double temperatureAt(int position)
{
    return std::pow(10.0, position / 50.0);
}

int positionOf(double temperature)
{
    return int(std::lround(50.0 * std::log10(std::clamp(temperature, 0.1, 10.0))));
}

// The combo's entry whose item data names value in table (0 when none does).
template <typename E, std::size_t N>
int indexOf(const QComboBox* combo, const std::array<model::EnumName<E>, N>& table, E value)
{
    return std::max(0, combo->findData(model::enumName(table, value)));
}

// The value the current entry's item data names, or fallback.
template <typename E, std::size_t N>
E currentValue(const QComboBox* combo, const std::array<model::EnumName<E>, N>& table, E fallback)
{
    return model::enumValue(table, combo->currentData().toString()).value_or(fallback);
}

QLabel* caption(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setContentsMargins(8, 0, 4, 0);
    return label;
}

} // namespace

ControlBar::ControlBar(QWidget* parent) : QToolBar(tr("Controls"), parent)
{
    setObjectName(QStringLiteral("controls"));
    m_layer = new QSpinBox(this);
    m_layer->setPrefix(tr("Layer "));
    m_layer->setRange(1, 1);
    m_layer->setToolTip(tr("Layer to show (Ctrl+Up / Ctrl+Down)"));
    m_head = new QComboBox(this);
    m_head->setToolTip(tr("Head to show, or all heads, their average or maximum (Ctrl+Left / Ctrl+Right)"));
    m_mask = new QComboBox(this);
    m_mask->setObjectName(QStringLiteral("mask"));
    m_mask->setToolTip(tr("Mask: which keys each query may attend to (masked scores become −∞ before the softmax)"));
    for (const auto& [label, kind] :
         {std::pair{tr("No mask"), model::MaskKind::None}, std::pair{tr("Causal"), model::MaskKind::Causal},
          std::pair{tr("Sliding window"), model::MaskKind::Window}, std::pair{tr("Padding"), model::MaskKind::Padding},
          std::pair{tr("Custom"), model::MaskKind::Custom}})
        m_mask->addItem(label, model::enumName(model::kMaskKindNames, kind));
    m_maskSize = new QSpinBox(this);
    m_maskSize->setObjectName(QStringLiteral("maskSize"));
    m_maskSize->setRange(0, 512);
    m_scaling = new QComboBox(this);
    m_scaling->setObjectName(QStringLiteral("scaling"));
    for (const auto& [label, kind] : {std::pair{tr("÷ √d_k"), model::ScaleKind::InverseSqrtDk},
                                      std::pair{tr("Unscaled"), model::ScaleKind::None},
                                      std::pair{tr("Temperature"), model::ScaleKind::Temperature}})
        m_scaling->addItem(label, model::enumName(model::kScaleKindNames, kind));
    m_scaling->setToolTip(tr("Scaling of the scores QKᵀ before the softmax"));
    m_temperature = new QSlider(Qt::Horizontal, this);
    m_temperature->setObjectName(QStringLiteral("temperature"));
    m_temperature->setRange(-50, 50);
    m_temperature->setFixedWidth(160);
    m_temperature->setToolTip(tr("Scores are divided by τ: small τ sharpens, large τ flattens the weights"));
    m_temperatureLabel = new QLabel(this);
    m_temperatureLabel->setMinimumWidth(m_temperatureLabel->fontMetrics().horizontalAdvance(QStringLiteral("τ = 10.00")));
    m_positional = new QComboBox(this);
    m_positional->setObjectName(QStringLiteral("positional"));
    m_positional->setToolTip(tr("Positional encoding of the toy model"));
    for (const auto& [label, kind] :
         {std::pair{tr("Sinusoidal"), model::PositionalKind::Sinusoidal}, std::pair{tr("No positions"), model::PositionalKind::None},
          std::pair{tr("Naive (+i)"), model::PositionalKind::Naive}, std::pair{tr("Learned"), model::PositionalKind::Learned},
          std::pair{tr("RoPE"), model::PositionalKind::Rope}, std::pair{tr("ALiBi"), model::PositionalKind::Alibi}})
        m_positional->addItem(label, int(kind));
    m_norm = new QComboBox(this);
    m_norm->setObjectName(QStringLiteral("norm"));
    m_norm->addItem(tr("Pre-norm"), int(model::NormPlacement::Pre));
    m_norm->addItem(tr("Post-norm"), int(model::NormPlacement::Post));
    m_norm->setToolTip(tr("LayerNorm before each sublayer (x + f(LN(x))) or after the residual (LN(x + f(x)))"));

    addWidget(m_layer);
    addWidget(m_head);
    addWidget(caption(tr("Mask"), this));
    addWidget(m_mask);
    m_maskSizeAction = addWidget(m_maskSize);
    addWidget(caption(tr("Scale"), this));
    addWidget(m_scaling);
    m_temperatureAction = addWidget(m_temperature);
    m_temperatureLabelAction = addWidget(m_temperatureLabel);
    addWidget(caption(tr("Positions"), this));
    addWidget(m_positional);
    addWidget(m_norm);
    addSeparator();
    m_exact = addAction(tr("Exact"));
    m_exact->setCheckable(true);
    m_exact->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exact->setToolTip(tr("Show values as exact fractions (9/26, √2/2) where they are (Ctrl+E)"));

    const auto compute = [this] {
        updateVisibility();
        if (!m_loading)
            emit computeChanged();
    };
    connect(m_mask, &QComboBox::currentIndexChanged, this, compute);
    connect(m_maskSize, &QSpinBox::valueChanged, this, compute);
    connect(m_scaling, &QComboBox::currentIndexChanged, this, compute);
    connect(m_temperature, &QSlider::valueChanged, this, compute);
    connect(m_positional, &QComboBox::currentIndexChanged, this, compute);
    connect(m_norm, &QComboBox::currentIndexChanged, this, compute);
    const auto select = [this] {
        if (!m_loading)
            emit selectionChanged();
    };
    connect(m_layer, &QSpinBox::valueChanged, this, select);
    connect(m_head, &QComboBox::currentIndexChanged, this, select);
    connect(m_exact, &QAction::toggled, this, &ControlBar::exactChanged);
    for (QWidget* w : {static_cast<QWidget*>(m_mask), static_cast<QWidget*>(m_scaling),
                       static_cast<QWidget*>(m_positional), static_cast<QWidget*>(m_norm)})
        m_toolTips.append({w, w->toolTip()});
    setCounts(1, 1);
    setComputeState(ComputeState{});
}

void ControlBar::setScope(ComputeScope scope, const model::LanguageModel* checkpoint)
{
    if (scope == ComputeScope::Checkpoint && !checkpoint) scope = ComputeScope::Toy;
    if (m_scope == ComputeScope::Checkpoint && scope != ComputeScope::Checkpoint) {
        m_scope = scope;
        setComputeState(m_state); // the user's choices, kept while the checkpoint was shown
    } else if (m_scope != ComputeScope::Checkpoint && scope == ComputeScope::Checkpoint) {
        m_state = computeState();
    }
    m_scope = scope;
    for (const auto& [widget, tip] : m_toolTips) {
        widget->setEnabled(true);
        widget->setToolTip(tip);
    }
    if (scope == ComputeScope::Checkpoint) {
        showFixedBy(*checkpoint);
    } else if (scope == ComputeScope::Matrices) {
        for (QWidget* w : {static_cast<QWidget*>(m_positional), static_cast<QWidget*>(m_norm)}) {
            w->setEnabled(false);
            w->setToolTip(tr("Used by the toy model only: typed matrices have no positions and no LayerNorm"));
        }
    }
}

void ControlBar::showFixedBy(const model::LanguageModel& checkpoint)
{
    m_loading = true;
    m_mask->setCurrentIndex(
        indexOf(m_mask, model::kMaskKindNames, checkpoint.causal() ? model::MaskKind::Causal : model::MaskKind::None));
    m_scaling->setCurrentIndex(indexOf(m_scaling, model::kScaleKindNames, model::ScaleKind::InverseSqrtDk));
    m_positional->setCurrentIndex(std::max(0, m_positional->findData(int(checkpoint.positionalKind()))));
    m_norm->setCurrentIndex(m_norm->findData(int(checkpoint.normPlacement())));
    updateVisibility();
    m_loading = false;
    const QString fixed = tr("Fixed by %1: the model was trained this way").arg(checkpoint.name());
    for (const auto& [widget, tip] : m_toolTips) {
        widget->setEnabled(false);
        widget->setToolTip(fixed);
    }
}

void ControlBar::updateVisibility()
{
    const model::MaskKind mask = currentValue(m_mask, model::kMaskKindNames, model::MaskKind::None);
    const bool sized = mask == model::MaskKind::Window || mask == model::MaskKind::Padding;
    m_maskSizeAction->setVisible(sized);
    if (sized) {
        const QSignalBlocker block(m_maskSize);
        const bool window = mask == model::MaskKind::Window;
        m_maskSize->setPrefix(window ? tr("K = ") : tr("last N = "));
        m_maskSize->setMinimum(window ? 1 : 0);
        m_maskSize->setToolTip(window ? tr("Each query sees itself and the K − 1 tokens before it")
                                      : tr("The last N keys are padding, hidden from every query"));
    }
    const bool temperature = currentValue(m_scaling, model::kScaleKindNames, model::ScaleKind::InverseSqrtDk) ==
                             model::ScaleKind::Temperature;
    m_temperatureAction->setVisible(temperature);
    m_temperatureLabelAction->setVisible(temperature);
    m_temperatureLabel->setText(tr("τ = %1").arg(temperatureAt(m_temperature->value()), 0, 'f', 2));
}

ComputeState ControlBar::computeState() const
{
    if (m_scope == ComputeScope::Checkpoint) return m_state;
    ComputeState s = m_state;
    s.mask.kind = currentValue(m_mask, model::kMaskKindNames, model::MaskKind::None);
    if (s.mask.kind == model::MaskKind::Window)
        s.mask.window = m_maskSize->value();
    else if (s.mask.kind == model::MaskKind::Padding)
        s.mask.padding = m_maskSize->value();
    s.scaling.kind = currentValue(m_scaling, model::kScaleKindNames, model::ScaleKind::InverseSqrtDk);
    s.scaling.temperature = temperatureAt(m_temperature->value());
    s.positional = model::PositionalKind(m_positional->currentData().toInt());
    s.placement = model::NormPlacement(m_norm->currentData().toInt());
    return s;
}

void ControlBar::setComputeState(const ComputeState& s)
{
    m_state = s;
    if (m_scope == ComputeScope::Checkpoint) return;
    m_loading = true;
    m_mask->setCurrentIndex(indexOf(m_mask, model::kMaskKindNames, s.mask.kind));
    m_maskSize->setValue(s.mask.kind == model::MaskKind::Padding ? s.mask.padding : s.mask.window);
    m_scaling->setCurrentIndex(indexOf(m_scaling, model::kScaleKindNames, s.scaling.kind));
    m_temperature->setValue(positionOf(s.scaling.temperature));
    m_positional->setCurrentIndex(std::max(0, m_positional->findData(int(s.positional))));
    m_norm->setCurrentIndex(std::max(0, m_norm->findData(int(s.placement))));
    updateVisibility();
    m_loading = false;
}

int ControlBar::layer() const
{
    return m_layer->value() - 1;
}

int ControlBar::head() const
{
    return m_head->currentData().toInt();
}

void ControlBar::setLayerHead(int layer, int head)
{
    m_loading = true;
    m_layer->setValue(layer + 1);
    m_head->setCurrentIndex(std::max(0, m_head->findData(head)));
    m_loading = false;
    emit selectionChanged();
}

void ControlBar::setCounts(int layers, int heads)
{
    m_loading = true;
    m_layer->setRange(1, std::max(layers, 1));
    const int current = head();
    const bool hadChoice = m_head->count() > 4; // with a single head there was nothing to choose
    if (m_head->count() != heads + 3) {
        m_head->clear();
        for (int h = 0; h < heads; ++h)
            m_head->addItem(tr("Head %1").arg(h + 1), h);
        m_head->addItem(tr("All heads"), int(model::AllHeads));
        m_head->addItem(tr("Average of heads"), int(model::AverageHeads));
        m_head->addItem(tr("Maximum of heads"), int(model::MaxHeads));
        // A new model starts on all heads (the head view and arcs compare them; the heatmap averages them);
        // a single head needs no choice.
        const int initial = !hadChoice || current >= heads ? int(model::AllHeads) : current;
        m_head->setCurrentIndex(std::max(0, m_head->findData(heads > 1 ? initial : 0)));
    }
    m_loading = false;
}

bool ControlBar::exact() const
{
    return m_exact->isChecked();
}

void ControlBar::setExact(bool exact)
{
    m_exact->setChecked(exact);
}

} // namespace attnlab::app

#include "moc_control_bar.cpp"
