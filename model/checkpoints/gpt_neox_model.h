#pragma once

// A GPT-NeoX language model (Pythia) as Hugging Face's GPTNeoXForCausalLM computes it, read from a folder
// holding config.json and model.safetensors. Weights stay in float32 and the forward pass runs in float32; the
// Trace holds every intermediate (converted to double).
//
// Per layer (pre-norm LayerNorm with biases): a = attn(input_layernorm(x)); with the parallel residual (Pythia)
// out = x + a + mlp(post_attention_layernorm(x)), else h = x + a, out = h + mlp(post_attention_layernorm(h)).
// query_key_value is one fused torch Linear whose output is laid out per head: [q_h | k_h | v_h] for each head
// h in turn. RoPE (rotate-half) turns only the first rotary_pct · head_size features of each query and key head,
// with frequencies of that many dimensions. The logits are final_layer_norm(x) · embed_outᵀ (untied).

#include "model/kernels/float_layers.h"
#include "model/checkpoints/language_model.h"

#include <memory>
#include <vector>

namespace attnlab::model {

// One block's weights in the torch Linear (out, in) layout.
struct GptNeoxLayerWeights {
    RowVectorF ln1Gamma, ln1Beta; // (d)       input_layernorm
    WeightView qkvW;              // (3d, d)   attention.query_key_value, rows per head: q_h, k_h, v_h
    RowVectorF qkvB;              // (3d)      (attention_bias)
    WeightView denseW;            // (d, d)    attention.dense
    RowVectorF denseB;            // (d)       (attention_bias)
    RowVectorF ln2Gamma, ln2Beta; // (d)       post_attention_layernorm
    WeightView fcW;               // (d_ff, d) mlp.dense_h_to_4h
    RowVectorF fcB;               // (d_ff)
    WeightView projW;             // (d, d_ff) mlp.dense_4h_to_h
    RowVectorF projB;             // (d)
};

class GptNeoxModel : public LanguageModel {
public:
    // folder -> the model, or an error naming the file, and for a tensor its name, the shape the config
    // implies and the shape found. Tensor names may carry the "gpt_neox." prefix (ForCausalLM) or not.
    static Result<std::shared_ptr<GptNeoxModel>> load(const QString& folder);

    PositionalKind positionalKind() const override { return PositionalKind::Rope; }

protected:
    void forward(ForwardPass& pass) const override;
    std::optional<ForwardPass::Head> outputHead(const MatrixF& stream) const override;

private:
    GptNeoxModel() = default;

    WeightView m_embed; // (vocab, d) embed_in
    std::vector<GptNeoxLayerWeights> m_layers;
    RowVectorF m_lnfGamma, m_lnfBeta; // (d) final_layer_norm
    WeightView m_unembed;             // (vocab, d) embed_out; empty when tied to embed_in
};

} // namespace attnlab::model
