#pragma once

// A BERT encoder as Hugging Face's BertModel / BertForMaskedLM computes it, read from a folder holding
// config.json and model.safetensors; RoBERTa and DistilBERT are the same computation with their own names
// (RoBERTa: positions from pad_token_id + 1 and lm_head; DistilBERT: no token types, vocab_* head). Weights stay in float32 and the forward pass runs in float32; the Trace
// it returns holds every intermediate (converted to double) for the views.
//
// Embeddings: x = LN(word[ids] + position[0..T) + token_type[0]) (one sequence, segment A). Per layer
// (post-norm): a = LN(x + attn(x)), out = LN(a + W2·act(W1·a)). Attention is bidirectional: every query
// sees every key. torch Linear weights are stored (out, in); the loader transposes them to (in, out) so
// that a projection is y = x·W + b, as in GPT-2's Conv1D layout.
//
// With the masked-language-model head (BertForMaskedLM's cls.predictions), the trace's predictions are, at
// every position, the top-5 tokens BERT would put there if that position were [MASK]: a fill-in guess for
// the position itself, not a next-token prediction. Without the head there are no predictions.

#include "model/kernels/float_layers.h"
#include "model/checkpoints/language_model.h"

#include <memory>
#include <vector>

namespace attnlab::model {

// One encoder layer's weights, in torch Linear's (out, in) layout as saved: y = x·Wᵀ + b.
struct BertLayerWeights {
    WeightView qW, kW, vW;        // (d, d)   attention.self.{query,key,value}
    RowVectorF qB, kB, vB;        // (d)
    WeightView attnOutW;          // (d, d)   attention.output.dense
    RowVectorF attnOutB;          // (d)
    RowVectorF ln1Gamma, ln1Beta; // (d)      attention.output.LayerNorm
    WeightView interW;            // (d_ff, d) intermediate.dense
    RowVectorF interB;            // (d_ff)
    WeightView outW;              // (d, d_ff) output.dense
    RowVectorF outB;              // (d)
    RowVectorF ln2Gamma, ln2Beta; // (d)      output.LayerNorm
};

// cls.predictions: transform (dense, activation, LayerNorm), then the decoder to the vocabulary.
struct BertMlmHead {
    WeightView transformW;      // (d, d) Linear (out, in)
    RowVectorF transformB;      // (d)
    RowVectorF lnGamma, lnBeta; // (d)
    WeightView decoder;         // (vocab, d); empty when tied to the word embeddings
    RowVectorF bias;            // (vocab)
};

class BertModel : public LanguageModel {
public:
    // folder -> the model, or an error naming the file, and for a tensor its name, the shape the config
    // implies and the shape found. Tensor names may carry the "bert." prefix (BertForMaskedLM) or not
    // (BertModel); LayerNorm parameters may be named weight/bias or, in older checkpoints, gamma/beta.
    static Result<std::shared_ptr<BertModel>> load(const QString& folder);

    // Bidirectional: run() leaves the logits empty and the trace without predictions when the checkpoint
    // has no MLM head.
    bool causal() const override { return false; }
    PositionalKind positionalKind() const override { return PositionalKind::Learned; }
    NormPlacement normPlacement() const override { return NormPlacement::Post; }
    bool hasMlmHead() const { return m_hasMlmHead; }

protected:
    void forward(ForwardPass& pass) const override;
    std::optional<ForwardPass::Head> outputHead(const MatrixF& stream) const override;

private:
    BertModel() = default;

    WeightView m_wordEmbeddings;      // (vocab, d)
    WeightView m_positionEmbeddings;  // (max_positions + position offset, d)
    WeightView m_typeEmbeddings;      // (type_vocab, d); empty for DistilBERT
    RowVectorF m_embGamma, m_embBeta; // (d)
    std::vector<BertLayerWeights> m_layers;
    bool m_hasMlmHead = false;
    BertMlmHead m_mlm;
    Activation m_headActivation = Activation::Gelu; // the MLM head's transform
};

} // namespace attnlab::model
