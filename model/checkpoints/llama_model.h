#pragma once

// A Llama language model as Hugging Face's LlamaForCausalLM computes it, read from a folder holding
// config.json and model.safetensors, or built from a llama2.c checkpoint (llama2c_checkpoint.h). Weights stay
// in float32 and the forward pass runs in float32; the Trace holds every intermediate (converted to double).
//
// Per layer (pre-norm, no biases): h = x + o_proj(attn(rmsnorm(x))),
// out = h + down(silu(gate(rmsnorm(h))) ⊙ up(rmsnorm(h))). Projections are torch Linear weights (out, in), so
// y = x·Wᵀ. Queries and keys are rotated by RoPE per head; grouped-query attention lets head h read key/value
// head h / (heads / kvHeads). The logits are norm(x)·lm_headᵀ, or norm(x)·embedᵀ when tied.

#include "model/kernels/float_layers.h"
#include "model/checkpoints/language_model.h"
#include "model/attention/positional_encoding.h"

#include <memory>
#include <vector>

namespace attnlab::model {

// One block's weights in the torch Linear (out, in) layout; dh = d / heads, kv = kvHeads · dh.
struct LlamaLayerWeights {
    RowVectorF attnNorm; // (d)       input_layernorm
    WeightView wq;       // (d, d)    q_proj
    WeightView wk;       // (kv, d)   k_proj
    WeightView wv;       // (kv, d)   v_proj
    WeightView wo;       // (d, d)    o_proj
    RowVectorF mlpNorm;  // (d)       post_attention_layernorm
    WeightView gate;     // (d_ff, d) gate_proj (llama2.c w1)
    WeightView up;       // (d_ff, d) up_proj   (llama2.c w3)
    WeightView down;     // (d, d_ff) down_proj (llama2.c w2)
};

struct LlamaWeights {
    WeightStore store; // what the views below point into
    WeightView embed;  // (vocab, d)
    std::vector<LlamaLayerWeights> layers;
    RowVectorF norm; // (d) final RMSNorm
    WeightView lmHead; // (vocab, d); empty when tied to embed
};

class LlamaModel : public LanguageModel {
public:
    // folder -> the model, or an error naming the file, and for a tensor its name, the shape the config
    // implies and the shape found. Hugging Face checkpoints pair RoPE features as rotate-half.
    static Result<std::shared_ptr<LlamaModel>> load(const QString& folder);

    // Weights already read and checked against config by a loader -> the model. path names it; layout says
    // how RoPE pairs the features of a head (llama2.c: Interleaved).
    static std::shared_ptr<LlamaModel> fromWeights(const QString& path, const ModelConfig& config,
                                                   LlamaWeights weights, RopeLayout layout);

    PositionalKind positionalKind() const override { return PositionalKind::Rope; }

    RopeLayout ropeLayout() const { return m_ropeLayout; }

protected:
    void forward(ForwardPass& pass) const override;

private:
    LlamaModel() = default;
    void countWeights();

    LlamaWeights m_w;
    RopeLayout m_ropeLayout = RopeLayout::RotateHalf;
};

} // namespace attnlab::model
