#pragma once

// The controls above the views: layer and head (what is shown), mask, scaling, positional encoding and
// norm placement (what is computed), and exact display.

#include "app/workspace/workspace_state.h"

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace attnlab::model {
class LanguageModel;
}

namespace attnlab::app {

// What the computation settings apply to.
enum class ComputeScope {
    Toy,        // every control chooses
    Matrices,   // mask and scaling; typed matrices have no positional encoding or norm
    Checkpoint, // nothing: the model's training fixed all four, and the controls show its choices
};

class ControlBar : public QToolBar {
    Q_OBJECT
public:
    explicit ControlBar(QWidget* parent = nullptr);

    ComputeState computeState() const;
    // Does not emit; keeps the custom mask as given. Under a checkpoint the state is kept, not shown, and
    // computeState() returns it: the user's choices come back with the toy model.
    void setComputeState(const ComputeState& state);
    // checkpoint: the model when scope is Checkpoint. Does not emit.
    void setScope(ComputeScope scope, const model::LanguageModel* checkpoint = nullptr);

    int layer() const;          // 0-based
    int head() const;           // 0-based or a model::HeadChoice
    void setLayerHead(int layer, int head);
    void setCounts(int layers, int heads);
    bool exact() const;
    void setExact(bool exact);
    QAction* exactAction() const { return m_exact; }

signals:
    void computeChanged(); // mask, scaling, positional encoding, norm: needs a new trace
    void selectionChanged(); // layer or head: the same trace, shown differently
    void exactChanged(bool exact);

private:
    void updateVisibility();
    void showFixedBy(const model::LanguageModel& checkpoint);

    QSpinBox* m_layer = nullptr;
    QComboBox* m_head = nullptr;
    QComboBox* m_mask = nullptr;
    QSpinBox* m_maskSize = nullptr;
    QComboBox* m_scaling = nullptr;
    QSlider* m_temperature = nullptr; // log scale: position p ↦ τ = 10^(p/50), 0.1 … 10
    QLabel* m_temperatureLabel = nullptr;
    QComboBox* m_positional = nullptr;
    QComboBox* m_norm = nullptr;
    QAction* m_exact = nullptr;
    QAction* m_maskSizeAction = nullptr;
    QAction* m_temperatureAction = nullptr;
    QAction* m_temperatureLabelAction = nullptr;
    ComputeState m_state; // window, padding and custom mask survive switching the mask kind
    ComputeScope m_scope = ComputeScope::Toy;
    QList<QPair<QWidget*, QString>> m_toolTips; // the computation controls and their own tooltips
    bool m_loading = false;
};

} // namespace attnlab::app
