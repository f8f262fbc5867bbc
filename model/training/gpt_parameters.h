#pragma once

// Where each weight of a trainable GPT lives: every tensor of GPT-2 under its Hugging Face name and in its
// layout (Conv1D weights stored (in, out), so a projection is y = x·W + b), laid end to end in one flat buffer.
// One buffer means the optimizer, gradient clipping, the gradients and the two AdamW moments are each one loop
// over one array, and a checkpoint is one copy. Each tensor starts at a multiple of 16 scalars (64 bytes for
// float), so that every kernel reads aligned rows.

#include "model/training/gpt_shape.h"

#include <Eigen/Core>

#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace attnlab::model {

// The kinds of tensor, in the order they are laid out within a block.
enum class ParameterKind {
    TokenEmbedding,    // wte.weight           (V, d)
    PositionEmbedding, // wpe.weight           (context, d)
    Ln1Weight,         // h.L.ln_1.weight      (d)
    Ln1Bias,           // h.L.ln_1.bias        (d)
    AttnWeight,        // h.L.attn.c_attn.weight (d, 3d): q | k | v, head h in columns [h·dh, (h+1)·dh) of each
    AttnBias,          // h.L.attn.c_attn.bias (3d)
    AttnProjWeight,    // h.L.attn.c_proj.weight (d, d)
    AttnProjBias,      // h.L.attn.c_proj.bias (d)
    Ln2Weight,         // h.L.ln_2.weight      (d)      } absent
    Ln2Bias,           // h.L.ln_2.bias        (d)      } when the
    FcWeight,          // h.L.mlp.c_fc.weight  (d, 4d)  } model is
    FcBias,            // h.L.mlp.c_fc.bias    (4d)     } attention
    FcProjWeight,      // h.L.mlp.c_proj.weight (4d, d) } only
    FcProjBias,        // h.L.mlp.c_proj.bias  (d)      }
    LnfWeight,         // ln_f.weight          (d)
    LnfBias,           // ln_f.bias            (d)
};

struct ParameterTensor {
    QString name;  // Hugging Face GPT-2's, without the "transformer." prefix: "h.0.attn.c_attn.weight"
    ParameterKind kind = ParameterKind::TokenEmbedding;
    int layer = -1; // the block, 0-based; -1 for the embeddings and ln_f
    std::vector<std::int64_t> shape; // as stored: (rows, cols) row-major, or (n)
    std::size_t offset = 0;          // in scalars from the buffer's start; a multiple of kParameterAlignment

    std::size_t size() const;
    int rows() const { return shape.size() == 2 ? int(shape[0]) : 1; }
    int cols() const { return int(shape.back()); }
    // AdamW's decoupled weight decay applies to matrices and embeddings, not to biases or LayerNorm's γ and β
    // (as GPT-2's training and nanoGPT configure PyTorch's AdamW).
    bool decays() const { return shape.size() >= 2; }
};

inline constexpr std::size_t kParameterAlignment = 16;

class ParameterLayout {
public:
    // shape must pass checkShape.
    explicit ParameterLayout(const GptShape& shape);

    const GptShape& shape() const { return m_shape; }
    // In buffer order: wte, wpe, each block's tensors in ParameterKind order, ln_f.
    const std::vector<ParameterTensor>& tensors() const { return m_tensors; }
    // kind and block (-1 for wte, wpe and ln_f) -> its tensor. Asserts it exists (an attention-only model has
    // no ln_2 and MLP).
    const ParameterTensor& tensor(ParameterKind kind, int layer = -1) const;
    bool has(ParameterKind kind) const;
    // Scalars the buffer holds, padding included.
    std::size_t bufferSize() const { return m_bufferSize; }
    // The model's parameters, padding excluded (wte counted once: the output is tied to it).
    std::size_t parameterCount() const;

private:
    GptShape m_shape;
    std::vector<ParameterTensor> m_tensors;
    std::size_t m_bufferSize = 0;
};

// One flat array of all parameters (or their gradients, or an optimizer moment), 64-byte aligned.
template <typename Scalar> using ParameterBuffer = std::vector<Scalar, Eigen::aligned_allocator<Scalar>>;

// GPT-2's initialisation (Radford et al. 2019, as nanoGPT writes it): weights and embeddings N(0, 0.02²), the
// two projections that write into the residual stream (attn.c_proj, mlp.c_proj) N(0, (0.02/√(2·layers))²),
// biases 0, LayerNorm γ 1 and β 0. The padding is 0. The same seed gives the same weights on every platform
// (random.h).
template <typename Scalar> void initializeParameters(const ParameterLayout& layout, std::uint64_t seed,
                                                     ParameterBuffer<Scalar>& params);

} // namespace attnlab::model
