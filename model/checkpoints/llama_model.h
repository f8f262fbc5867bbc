#pragma once

// A Llama-family language model as Hugging Face's <Family>ForCausalLM computes it, read from a folder holding
// config.json and model.safetensors (llama, mistral, qwen2, qwen3, gemma3_text), or built from a llama2.c
// checkpoint (llama2c_checkpoint.h). Weights stay in float32 and the forward pass runs in float32; the Trace
// holds every intermediate (converted to double).
//
// Per layer (pre-norm): h = x + o_proj(attn(rmsnorm(x))), out = h + down(act(gate(rmsnorm(h))) ⊙ up(rmsnorm(h))).
// Projections are torch Linear weights (out, in), so y = x·Wᵀ (+ b where the config has biases). Queries and keys
// are rotated by RoPE per head; grouped-query attention lets head h read key/value head h / (heads / kvHeads).
// The logits are norm(x)·lm_headᵀ, or norm(x)·embedᵀ when tied. What the members add (model_config.h):
//   mistral: a sliding window on every layer; qwen2: q/k/v biases (and a window on the upper layers when
//   use_sliding_window); qwen3: an RMSNorm over each head's query and key before RoPE, head_dim of its own;
//   gemma3: embeddings × √d, RMSNorm weights (1 + w), norms on the attention and MLP outputs before they join
//   the stream, q/k norms, scores × query_pre_attn_scalar^−½, five sliding layers (RoPE base
//   rope_local_base_freq) to one global layer (rope_theta and rope_scaling), GeGLU.

#include "model/kernels/float_layers.h"
#include "model/checkpoints/language_model.h"
#include "model/checkpoints/stored_weight.h"
#include "model/attention/positional_encoding.h"

#include <memory>
#include <vector>

namespace attnlab::model {

// One block's weights in the torch Linear (out, in) layout; dh = head_dim, qd = heads · dh, kv = kvHeads · dh.
// Norm weights are the factors the norm multiplies by: gemma3's (1 + w) is stored already added. Optional
// parts are empty when the config does not have them.
struct LlamaLayerWeights {
    RowVectorF attnNorm;    // (d)       input_layernorm
    // The matrices stay as the checkpoint stores them (stored_weight.h): F16/BF16 are converted per layer.
    StoredWeight wq;        // (qd, d)   q_proj
    StoredWeight wk;        // (kv, d)   k_proj
    StoredWeight wv;        // (kv, d)   v_proj
    StoredWeight wo;        // (d, qd)   o_proj
    RowVectorF bq, bk, bv;  // (qd), (kv), (kv) q/k/v_proj biases (qkvBias)
    RowVectorF bo;          // (d)       o_proj bias (outputBias)
    RowVectorF qNorm;       // (dh)      q_norm (qkNorm)
    RowVectorF kNorm;       // (dh)      k_norm (qkNorm)
    RowVectorF attnOutNorm; // (d)       gemma3: post_attention_layernorm, on the attention output
    RowVectorF mlpNorm;     // (d)       post_attention_layernorm (gemma3: pre_feedforward_layernorm)
    StoredWeight gate;      // (d_ff, d) gate_proj (llama2.c w1)
    StoredWeight up;        // (d_ff, d) up_proj   (llama2.c w3)
    StoredWeight down;      // (d, d_ff) down_proj (llama2.c w2)
    RowVectorF bGate, bUp;  // (d_ff)    mlp_bias
    RowVectorF bDown;       // (d)       mlp_bias
    RowVectorF mlpOutNorm;  // (d)       gemma3: post_feedforward_layernorm, on the MLP output
};

struct LlamaWeights {
    WeightStore store; // what the views below point into
    StoredWeight embed;  // (vocab, d)
    std::vector<LlamaLayerWeights> layers;
    RowVectorF norm; // (d) final RMSNorm (gemma3: 1 + w)
    StoredWeight lmHead; // (vocab, d); empty when tied to embed
};

class LlamaModel : public LanguageModel {
public:
    // folder -> the model, or an error naming the file, and for a tensor its name, the shape the config
    // implies and the shape found. Hugging Face checkpoints pair RoPE features as rotate-half. The folder's
    // model_type is any of kLlamaFamilyTypes.
    static Result<std::shared_ptr<LlamaModel>> load(const QString& folder);

    // Weights already read and checked against config by a loader -> the model. path names it; layout says
    // how RoPE pairs the features of a head (llama2.c: Interleaved).
    static std::shared_ptr<LlamaModel> fromWeights(const QString& path, const ModelConfig& config,
                                                   LlamaWeights weights, RopeLayout layout);

    PositionalKind positionalKind() const override { return PositionalKind::Rope; }

    RopeLayout ropeLayout() const { return m_ropeLayout; }

protected:
    void forward(ForwardPass& pass) const override;
    std::optional<ForwardPass::Head> outputHead(const MatrixF& stream) const override;

private:
    LlamaModel() = default;
    void countWeights();

    LlamaWeights m_w;
    RopeLayout m_ropeLayout = RopeLayout::RotateHalf;
};

} // namespace attnlab::model
