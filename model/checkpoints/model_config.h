#pragma once

// A Hugging Face config.json, reduced to what AttnLab's GPT-2, GPT-NeoX, BERT-encoder and Llama-family forwards need.

#include "model/core/result.h"
#include "model/kernels/activations.h"
#include "model/kernels/rope.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace attnlab::model {

// The largest sizes a checkpoint may declare, in config.json or a llama2.c header: far above any real model,
// low enough that the sizes computed from them cannot overflow 64 bits. A larger value is refused as damaged.
inline constexpr int kMaxModelWidth = 65536;   // d_model; also bounds the number of heads
inline constexpr int kMaxFfWidth = 4 * 65536;  // d_ff
inline constexpr int kMaxLayers = 256;
inline constexpr int kMaxVocab = 1000000;
inline constexpr int kMaxPositions = 1 << 20;  // context length
inline constexpr int kMaxTypeVocab = 65536;    // BERT token types

// The model_type values of the Llama family: one forward (llama_model.h) with the variations below.
inline constexpr const char* kLlamaFamilyTypes[] = {"llama", "mistral", "qwen2", "qwen3", "gemma3_text"};
bool isLlamaFamily(const QString& architecture);

struct ModelConfig {
    // "gpt2", "bert", or one of kLlamaFamilyTypes (from model_type); "toy" in the toy model's trace estimates
    QString architecture;
    int layers = 0;
    int heads = 0;
    int kvHeads = 0; // = heads except for grouped-query Llama
    int dModel = 0;
    int dFf = 0;
    int vocab = 0;
    int maxPositions = 0;
    double normEps = 1e-5;
    Activation activation = Activation::Gelu; // from the config's spelling: "gelu_new" is GeluTanh, …
    bool tiedEmbeddings = false;
    double ropeTheta = 0.0; // the RoPE base: Llama family and gpt_neox; 0 elsewhere
    RopeScaling ropeScaling; // Llama family only: config.json's rope_scaling (gemma3: its global layers')
    int typeVocab = 0;      // BERT and RoBERTa token types; 0 elsewhere (DistilBERT has none)
    // RoBERTa: position ids start at pad_token_id + 1 (its position table has that many more rows than
    // maxPositions, the tokens a text may have); 0 elsewhere.
    int positionOffset = 0;

    // What the Llama family's members add to Llama; the defaults are Llama's.
    int headDimension = 0;    // head_dim when the config gives one (qwen3, gemma3: ≠ d / heads); 0: d / heads
    bool qkvBias = false;     // q/k/v_proj have biases (qwen2 always; attention_bias elsewhere)
    bool outputBias = false;  // o_proj has a bias (attention_bias in llama, qwen3, gemma3)
    bool mlpBias = false;     // gate/up/down_proj have biases (llama's mlp_bias)
    bool qkNorm = false;      // an RMSNorm over each head's query and key before RoPE (qwen3, gemma3)
    // gemma3: every RMSNorm scales by (1 + w), the attention and MLP outputs are normed before they join the
    // stream (four norms per block), and the embeddings are multiplied by √d.
    bool gemmaNorms = false;
    double queryPreAttnScalar = 0.0; // gemma3: scores scale by its −½ power; 0: by head_dim's
    int slidingWindow = 0;           // the keys a sliding layer's query sees: itself and the W − 1 before it
    std::vector<bool> slidingLayers; // (layers) true where the window applies; empty when slidingWindow is 0
    double ropeLocalTheta = 0.0;     // gemma3: the sliding layers' RoPE base (never scaled); 0: ropeTheta

    // gpt_neox (Pythia): RoPE turns only the first ropeDims features of each head (rotary_pct · head size;
    // 0: all), and the MLP reads the layer's input beside attention instead of after it (parallel residual).
    int ropeDims = 0;
    bool parallelResidual = false;

    int headDim() const { return headDimension > 0 ? headDimension : heads > 0 ? dModel / heads : 0; }
    // The factor of QKᵀ: 1/√head_dim, or gemma3's 1/√query_pre_attn_scalar.
    double attentionScale() const;
    bool slides(int layer) const { return slidingWindow > 0 && slidingLayers.at(size_t(layer)); }
};

// config.json bytes -> a validated config, or an error "<fileName>: <key> <what was expected>, got <value>".
// Sizes are required; the optional keys take Hugging Face's defaults (GPT-2: n_inner null -> 4·n_embd,
// tie_word_embeddings true; Llama: num_key_value_heads = heads, rope_theta 10000, tie false; each Llama-family
// member its own configuration class's defaults).
Result<ModelConfig> parseModelConfig(const QByteArray& json, const QString& fileName);

} // namespace attnlab::model
