#pragma once

// The GPT-2-small shape (12 layers × 12 heads, d 768, d_ff 3072, vocabulary 50257, 1024 positions) with random
// weights, written once as a Hugging Face folder; shared by the benchmarks that run it.

#include "bench_checkpoint.h"

#include <QJsonObject>

#include <vector>

namespace attnlab::bench {

inline constexpr int kLayers = 12, kHeads = 12, kWidth = 768, kFf = 3072, kVocab = 50257, kPositions = 1024;

inline std::vector<TensorSpec> gpt2Tensors()
{
    const qint64 d = kWidth, ff = kFf;
    std::vector<TensorSpec> specs = {{QStringLiteral("wte.weight"), {kVocab, d}, 0.02f},
                                     {QStringLiteral("wpe.weight"), {kPositions, d}, 0.01f},
                                     {QStringLiteral("ln_f.weight"), {d}, 0.1f, true},
                                     {QStringLiteral("ln_f.bias"), {d}, 0.1f}};
    for (int l = 0; l < kLayers; ++l) {
        const QString p = QStringLiteral("h.%1.").arg(l);
        specs.push_back({p + "ln_1.weight", {d}, 0.1f, true});
        specs.push_back({p + "ln_1.bias", {d}, 0.1f});
        specs.push_back({p + "attn.c_attn.weight", {d, 3 * d}, 0.06f});
        specs.push_back({p + "attn.c_attn.bias", {3 * d}, 0.02f});
        specs.push_back({p + "attn.c_proj.weight", {d, d}, 0.03f});
        specs.push_back({p + "attn.c_proj.bias", {d}, 0.02f});
        specs.push_back({p + "ln_2.weight", {d}, 0.1f, true});
        specs.push_back({p + "ln_2.bias", {d}, 0.1f});
        specs.push_back({p + "mlp.c_fc.weight", {d, ff}, 0.06f});
        specs.push_back({p + "mlp.c_fc.bias", {ff}, 0.02f});
        specs.push_back({p + "mlp.c_proj.weight", {ff, d}, 0.03f});
        specs.push_back({p + "mlp.c_proj.bias", {d}, 0.02f});
    }
    return specs;
}

// Writes folder/config.json and folder/model.safetensors (≈ 500 MB, F32).
inline bool writeGpt2SmallShape(const QString& folder)
{
    const QJsonObject config{{"model_type", "gpt2"}, {"n_layer", kLayers},       {"n_head", kHeads},
                             {"n_embd", kWidth},     {"vocab_size", kVocab},     {"n_positions", kPositions},
                             {"n_inner", kFf},       {"activation_function", "gelu_new"}};
    return writeCheckpoint(folder, config, gpt2Tensors(), false);
}


} // namespace attnlab::bench
