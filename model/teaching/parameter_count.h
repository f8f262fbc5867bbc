#pragma once

// The shape and parameter calculator: an encoder–decoder transformer's sizes -> how many parameters each
// component holds and the shape of every tensor that flows through it, the arithmetic of the course's
// exercise ("how many parameters does the encoder have?").
//
// Conventions (Vaswani et al. 2017, with the exercise's choices as defaults):
// - an attention sublayer has W_Q, W_K, W_V, W_O, each (d, d) = h blocks of (d, d_k), d_k = d / h;
// - a feed-forward sublayer has W_1 (d, d_ff) and W_2 (d_ff, d);
// - with biases every projection adds its output width (b_Q … b_O: d each, b_1: d_ff, b_2: d) and a LayerNorm
//   has γ and β (2d); without biases a LayerNorm has only γ (d);
// - the token embedding (vocab, d) belongs to the encoder; the decoder shares it unless told otherwise;
// - the output projection (d, vocab) to the logits is its own matrix unless tied to the embedding.

#include "model/core/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace attnlab::model {

struct TransformerShapeConfig {
    qint64 batch = 32;
    qint64 seq = 2048;
    qint64 dModel = 768;
    qint64 dFf = 384;
    qint64 vocab = 30000;
    qint64 heads = 8;
    qint64 encoderLayers = 8;
    qint64 decoderLayers = 12;
    bool biases = false;
    std::optional<bool> layerNormBeta;  // unset: LayerNorms have β exactly when projections have biases
    qint64 layerNormsPerEncoderLayer = 2; // after self-attention and after the FFN
    qint64 layerNormsPerDecoderLayer = 3; // after self-attention, cross-attention and the FFN
    bool sharedDecoderEmbedding = true;   // the decoder reads its tokens through the encoder's embedding
    bool tiedEmbeddings = false;          // the output projection is the embedding transposed (no parameters)

    bool hasLayerNormBeta() const { return layerNormBeta.value_or(biases); }
};

// A named tensor and its shape, e.g. "attention weights" (32, 8, 2048, 2048).
struct TensorShape {
    QString name;
    std::vector<qint64> dims;
    qint64 elements = 0; // the product of dims
};

// One kind of component of the model: its parameters in one layer, how many layers have it, and the
// parameter tensors it consists of (shapes of one layer's copy).
struct ParameterComponent {
    QString name;     // "encoder self-attention"
    QString part;     // "encoder", "decoder" or "output"
    qint64 perLayer = 0;
    qint64 layers = 1;
    qint64 total = 0; // perLayer · layers
    std::vector<TensorShape> shapes;
    QString note;     // "shared with the token embedding", empty otherwise
};

struct ParameterCount {
    TransformerShapeConfig config;
    qint64 headDim = 0; // d_k = d / h
    std::vector<ParameterComponent> components;
    qint64 encoderTotal = 0; // token embedding + encoder layers
    qint64 decoderTotal = 0; // decoder embedding (when not shared) + decoder layers
    qint64 outputTotal = 0;  // output projection (0 when tied)
    qint64 total = 0;
    std::vector<TensorShape> activations; // tensors of one forward pass, (batch, …)
};

// One attention sublayer of width d with h heads, the numbers a lesson on splitting heads states.
struct AttentionBreakdown {
    qint64 headDim = 0;          // d_k = d / h
    TensorShape headProjection;  // W_Q of one head: (d, d_k)
    qint64 perHeadQkv = 0;       // W_Q, W_K, W_V of one head: 3·d·d_k (+ 3·d_k with biases)
    qint64 outputProjection = 0; // W_O: d·d (+ d with biases)
    qint64 total = 0;            // h·perHeadQkv + outputProjection = 4·d² (+ 4d)
};

// Rejects inconsistent or absurd sizes with one message naming the field: a size ≤ 0, d_model not divisible by
// heads, negative layer or LayerNorm counts, no layer at all, or sizes whose counts exceed a 64-bit integer.
Result<void> validateShapeConfig(const TransformerShapeConfig& config);

// config -> every component, totals and activation shapes; fails as validateShapeConfig does.
Result<ParameterCount> countParameters(const TransformerShapeConfig& config);

// d, h, biases -> the attention sublayer's breakdown; fails when d is not divisible by h or sizes are absurd.
Result<AttentionBreakdown> attentionBreakdown(qint64 dModel, qint64 heads, bool biases);

// {config, components: [{name, part, per_layer, layers, total, shapes: [{name, shape, elements}], note}],
//  encoder_total, decoder_total, output_total, total, head_dim, shapes: [{name, shape, elements}]}
QJsonObject parameterCountToJson(const ParameterCount& count);

// 23040000 -> "23,040,000" (the separator the exercise's answers use).
QString withThousands(qint64 value);

// {"batch": 32, "d_model": 768, …} (the keys of parameterCountToJson's "config") -> config; keys left out keep
// their defaults. `where` prefixes every message ("lessons/x.json: params").
Result<TransformerShapeConfig> shapeConfigFromJson(const QJsonObject& object, const QString& where);

} // namespace attnlab::model
