#pragma once

// A Hugging Face config.json, reduced to what AttnLab's GPT-2, BERT and Llama implementations need.

#include "model/core/result.h"
#include "model/kernels/activations.h"
#include "model/kernels/rope.h"

#include <QByteArray>
#include <QString>

namespace attnlab::model {

// The largest sizes a checkpoint may declare, in config.json or a llama2.c header: far above any real model,
// low enough that the sizes computed from them cannot overflow 64 bits. A larger value is refused as damaged.
inline constexpr int kMaxModelWidth = 65536;   // d_model; also bounds the number of heads
inline constexpr int kMaxFfWidth = 4 * 65536;  // d_ff
inline constexpr int kMaxLayers = 256;
inline constexpr int kMaxVocab = 1000000;
inline constexpr int kMaxPositions = 1 << 20;  // context length
inline constexpr int kMaxTypeVocab = 65536;    // BERT token types

struct ModelConfig {
    QString architecture; // "gpt2", "bert", "llama" (from model_type); "toy" in the toy model's trace estimates
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
    double ropeTheta = 0.0; // Llama only; 0 elsewhere
    RopeScaling ropeScaling; // Llama only: config.json's rope_scaling
    int typeVocab = 0;      // BERT token types; 0 elsewhere

    int headDim() const { return heads > 0 ? dModel / heads : 0; }
};

// config.json bytes -> a validated config, or an error "<fileName>: <key> <what was expected>, got <value>".
// Sizes are required; the optional keys take Hugging Face's defaults (GPT-2: n_inner null -> 4·n_embd,
// tie_word_embeddings true; Llama: num_key_value_heads = heads, rope_theta 10000, tie false).
Result<ModelConfig> parseModelConfig(const QByteArray& json, const QString& fileName);

} // namespace attnlab::model
