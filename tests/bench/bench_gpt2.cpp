// Times a GPT-2-small-shaped checkpoint end to end, as the app runs it: load (memory-mapped safetensors),
// forward pass with the full trace (all 144 attention maps, the residual stream, top-5 predictions at every
// position). The weights are random, written once by this program; the arithmetic is what matters.
//   build/tests/bench/bench_gpt2 [tokens=256 1024] [--dir DIR]   (--write: only write the checkpoint)
// Each token count runs in a fresh child process so that its peak RSS is its own (README "Performance").

#include "bench_checkpoint.h"

#include <QJsonObject>

#include <vector>

using namespace attnlab::model;
using namespace attnlab::bench;

namespace {

constexpr int kLayers = 12, kHeads = 12, kWidth = 768, kFf = 3072, kVocab = 50257, kPositions = 1024;

std::vector<TensorSpec> gpt2Tensors()
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
bool writeModel(const QString& folder)
{
    const QJsonObject config{{"model_type", "gpt2"}, {"n_layer", kLayers},       {"n_head", kHeads},
                             {"n_embd", kWidth},     {"vocab_size", kVocab},     {"n_positions", kPositions},
                             {"n_inner", kFf},       {"activation_function", "gelu_new"}};
    return writeCheckpoint(folder, config, gpt2Tensors(), false);
}

} // namespace

int main(int argc, char* argv[])
{
    return benchMain(argc, argv,
                     {QStringLiteral("attnlab-bench-gpt2"), QStringLiteral("a GPT-2-small-shaped model"), writeModel,
                      {256, 1024}, kVocab});
}
