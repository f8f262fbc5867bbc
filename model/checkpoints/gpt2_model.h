#pragma once

// A GPT-2 language model as Hugging Face's GPT2LMHeadModel computes it, read from a folder holding
// config.json and model.safetensors. Weights stay in float32 and the forward pass runs in float32; the Trace
// it returns holds every intermediate (converted to double) for the views.
//
// Per layer (pre-norm): h = x + attn(ln_1(x)), out = h + mlp(ln_2(h)). Conv1D weights are stored (in, out),
// so a projection is y = x·W + b with no transpose. The logits are ln_f(x)·wteᵀ (tied) or ln_f(x)·lm_headᵀ.

#include "model/kernels/float_layers.h"
#include "model/checkpoints/language_model.h"

#include <memory>
#include <vector>

namespace attnlab::model {

// One transformer block's weights, in the Conv1D (in, out) layout.
struct Gpt2LayerWeights {
    RowVectorF ln1Gamma, ln1Beta; // (d)
    WeightView attnW;                // (d, 3d)  c_attn: q | k | v
    RowVectorF attnB;             // (3d)
    WeightView projW;                // (d, d)   c_proj
    RowVectorF projB;             // (d)
    RowVectorF ln2Gamma, ln2Beta; // (d)
    WeightView fcW;                  // (d, d_ff)
    RowVectorF fcB;               // (d_ff)
    WeightView mlpProjW;             // (d_ff, d)
    RowVectorF mlpProjB;          // (d)
};

class Gpt2Model : public LanguageModel {
public:
    // folder -> the model, or an error naming the file, and for a tensor its name, the shape the config
    // implies and the shape found. Tensor names may carry the "transformer." prefix or not.
    static Result<std::shared_ptr<Gpt2Model>> load(const QString& folder);

    PositionalKind positionalKind() const override { return PositionalKind::Learned; }

protected:
    void forward(ForwardPass& pass) const override;
    std::optional<ForwardPass::Head> outputHead(const MatrixF& stream) const override;

private:
    Gpt2Model() = default;

    WeightView m_wte; // (vocab, d)
    WeightView m_wpe; // (n_positions, d)
    std::vector<Gpt2LayerWeights> m_layers;
    RowVectorF m_lnfGamma, m_lnfBeta; // (d)
    WeightView m_lmHead;              // (vocab, d); empty when tied to wte
};

} // namespace attnlab::model
