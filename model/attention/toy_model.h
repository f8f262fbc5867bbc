#pragma once

// The built-in `toy` model: a small transformer with seeded random (untrained) weights over a word
// vocabulary, so that any sentence in any script can be traced. Each word maps to a stable id (a hash of
// its case-folded text modulo the vocabulary size) and its embedding is row `id` of E: one-hot × E.

#include "model/core/cancellation.h"
#include "model/attention/transformer_block.h"

namespace attnlab::model {

// The defaults are the toy model of the window and of the command line alike (InputState takes its toy
// fields from here), so that the same sentence gives the same figure in both.
struct ToyConfig {
    int dModel = 32;
    int heads = 4;
    int layers = 2;
    int dFf = 4 * 32; // 4 × d_model, as the window sets it for any width
    int vocabSize = 4096;
    quint32 seed = 42;
    PositionalKind positional = PositionalKind::Sinusoidal;
    NormPlacement placement = NormPlacement::Pre;
    Activation activation = Activation::Gelu;
    AttentionOptions attention; // mask and scaling
};

// The model name that chooses the toy model wherever a model is named by text (--model, a session's or a
// lesson's "model", the input panel's first entry); any other name is a checkpoint's path. Also the toy
// trace's modelName.
QString toyModelName();
bool isToyModel(const QString& modelName);

// The message put into every toy trace's warnings.
QString untrainedWarning();

// Checks sizes: positive, d_model divisible by heads, even head width for RoPE, limits on size.
Result<void> validateToyConfig(const ToyConfig& config);

class ToyModel {
public:
    explicit ToyModel(ToyConfig config); // config must be valid

    const ToyConfig& config() const { return m_config; }

    // The drawn weights, for tests and for views that show a matrix: E (vocabSize, d) and one BlockWeights per
    // layer. Both are empty when the config is invalid.
    const Matrix& embedding() const { return m_embedding; }
    const std::vector<BlockWeights>& blocks() const { return m_blocks; }

    // word -> stable id in [0, vocabSize).
    int tokenId(const QString& word) const;

    // text (and optional memory text for source–target attention) -> Trace with every layer's heads and
    // residual stream. Fails on empty text. ablation, when given, switches heads and MLPs off (ablation.h); it
    // must have been checked against the model's layers and heads (checkAblation).
    Result<Trace> run(const QString& text, const QString& memory = {}) const;
    // The same for text already split into words (tokenizeWords): what run() does after splitting. When
    // *cancelled becomes true (another thread), the run stops after the layer it is in and fails with
    // cancelledMessage().
    Result<Trace> runTokens(const QStringList& tokens, const QStringList& memoryTokens = {},
                            const std::atomic<bool>* cancelled = nullptr, const Ablation* ablation = nullptr) const;
    // Token ids in [0, vocabSize) run directly (the tokens shown as "#id"), for inputs the app makes up, such as
    // the induction probe (repeatedRandomTokens). Fails on an id outside the vocabulary or no ids.
    Result<Trace> runIds(const std::vector<int>& ids, const std::atomic<bool>* cancelled = nullptr,
                         const Ablation* ablation = nullptr) const;
    // The most tokens the toy model takes (its positions table), for the text and for the memory.
    static int maxTokens();

private:
    Result<Trace> runWithIds(const QStringList& tokens, const std::vector<int>& ids, const QStringList& memoryTokens,
                             const std::atomic<bool>* cancelled, const Ablation* ablation) const;

    ToyConfig m_config;
    Matrix m_embedding;                // (vocabSize, d)  E
    Matrix m_learnedPositions;         // (maxPositions, d) used when positional = Learned
    std::vector<BlockWeights> m_blocks;
};

} // namespace attnlab::model
