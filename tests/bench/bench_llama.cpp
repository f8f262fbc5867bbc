// Times a Llama-3.2-1B-shaped BF16 checkpoint end to end, as the app runs it: load (memory-mapped safetensors,
// the matrices kept as BF16), forward pass with the full trace (all 512 attention maps, the residual stream,
// top-5 predictions at every position), each layer's weights converted to float32 as it runs. The weights are
// random, written once by this program (2.5 GB); the arithmetic is what matters.
//   build/tests/bench/bench_llama [tokens=1024] [--dir DIR]   (--write: only write the checkpoint)
// Each token count runs in a fresh child process so that its peak RSS is its own (README "Performance").

#include "bench_checkpoint.h"

#include <QJsonObject>

#include <vector>

using namespace attnlab::model;
using namespace attnlab::bench;

namespace {

// meta-llama/Llama-3.2-1B's config.json: 16 layers, 32 query and 8 key/value heads of 64, hidden 2048, MLP 8192,
// vocabulary 128,256, llama3 RoPE scaling, tied embeddings.
constexpr int kLayers = 16, kHeads = 32, kKvHeads = 8, kHeadDim = 64, kWidth = 2048, kFf = 8192, kVocab = 128256;

QJsonObject llamaConfig()
{
    return QJsonObject{{"model_type", "llama"},
                       {"hidden_size", kWidth},
                       {"intermediate_size", kFf},
                       {"num_hidden_layers", kLayers},
                       {"num_attention_heads", kHeads},
                       {"num_key_value_heads", kKvHeads},
                       {"head_dim", kHeadDim},
                       {"vocab_size", kVocab},
                       {"max_position_embeddings", 131072},
                       {"rms_norm_eps", 1e-5},
                       {"rope_theta", 500000.0},
                       {"rope_scaling", QJsonObject{{"rope_type", "llama3"},
                                                    {"factor", 32.0},
                                                    {"low_freq_factor", 1.0},
                                                    {"high_freq_factor", 4.0},
                                                    {"original_max_position_embeddings", 8192}}},
                       {"hidden_act", "silu"},
                       {"tie_word_embeddings", true},
                       {"bos_token_id", 128000},
                       {"eos_token_id", 128001},
                       {"torch_dtype", "bfloat16"}};
}

std::vector<TensorSpec> llamaTensors()
{
    const qint64 d = kWidth, ff = kFf, qd = kHeads * kHeadDim, kv = kKvHeads * kHeadDim;
    std::vector<TensorSpec> specs = {{QStringLiteral("model.embed_tokens.weight"), {kVocab, d}, 0.03f},
                                     {QStringLiteral("model.norm.weight"), {d}, 0.1f, true}};
    for (int l = 0; l < kLayers; ++l) {
        const QString p = QStringLiteral("model.layers.%1.").arg(l);
        specs.push_back({p + "input_layernorm.weight", {d}, 0.1f, true});
        specs.push_back({p + "self_attn.q_proj.weight", {qd, d}, 0.04f});
        specs.push_back({p + "self_attn.k_proj.weight", {kv, d}, 0.04f});
        specs.push_back({p + "self_attn.v_proj.weight", {kv, d}, 0.04f});
        specs.push_back({p + "self_attn.o_proj.weight", {d, qd}, 0.02f});
        specs.push_back({p + "post_attention_layernorm.weight", {d}, 0.1f, true});
        specs.push_back({p + "mlp.gate_proj.weight", {ff, d}, 0.04f});
        specs.push_back({p + "mlp.up_proj.weight", {ff, d}, 0.04f});
        specs.push_back({p + "mlp.down_proj.weight", {d, ff}, 0.02f});
    }
    return specs;
}

bool writeModel(const QString& folder)
{
    return writeCheckpoint(folder, llamaConfig(), llamaTensors(), true);
}

} // namespace

int main(int argc, char* argv[])
{
    return benchMain(argc, argv,
                     {QStringLiteral("attnlab-bench-llama"), QStringLiteral("a Llama-3.2-1B-shaped BF16 model"),
                      writeModel, {1024}, kVocab});
}
