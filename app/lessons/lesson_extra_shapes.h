#pragma once

// The shape-calculator lesson's extra: every size of an encoder–decoder transformer editable (batch, sequence,
// d_model, heads, d_ff, vocabulary, encoder and decoder layers, biases, LayerNorms per layer, shared and tied
// embeddings), and the calculator's table of components (parameters per layer, layers, total, tensor shapes)
// and of one forward pass's tensors. Inconsistent sizes (d_model not divisible by heads, no layer, …) show the
// calculator's message in red instead of a table.

#include "model/teaching/parameter_count.h"

#include <QWidget>

#include <map>

class QCheckBox;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace attnlab::app {

class ShapeCalculatorExtra : public QWidget {
    Q_OBJECT
public:
    explicit ShapeCalculatorExtra(const model::TransformerShapeConfig& config, QWidget* parent = nullptr);

    model::TransformerShapeConfig config() const;
    void setConfig(const model::TransformerShapeConfig& config);
    // Fields by the calculator's key: "batch", "seq", "d_model", "heads", "d_ff", "vocab", "encoder_layers",
    // "decoder_layers", "layer_norms_per_encoder_layer", "layer_norms_per_decoder_layer".
    QSpinBox* field(const QString& key) const;
    QCheckBox* biases() const { return m_biases; }
    QCheckBox* tied() const { return m_tied; }
    QTableWidget* components() const { return m_components; }
    QTableWidget* tensors() const { return m_tensors; }
    QLabel* totals() const { return m_totals; }
    QLabel* error() const { return m_error; }

private:
    void recount();

    std::map<QString, QSpinBox*> m_fields;
    QCheckBox* m_biases = nullptr;
    QCheckBox* m_shared = nullptr;
    QCheckBox* m_tied = nullptr;
    QLabel* m_totals = nullptr;
    QLabel* m_error = nullptr;
    QTableWidget* m_components = nullptr;
    QTableWidget* m_tensors = nullptr;
    bool m_loading = false;
};

} // namespace attnlab::app
