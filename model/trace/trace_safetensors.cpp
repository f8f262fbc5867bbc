#include "model/trace/trace_safetensors.h"

#include "model/checkpoints/safetensors_writer.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstring>
#include <functional>

namespace attnlab::model {

namespace {

using RowMajorF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// An Eigen matrix (any scalar) -> a F32 tensor [rows, cols], or [size] for a vector. The matrix is read when the
// file is written, so it must outlive the write.
template <typename Derived>
TensorToWrite floatTensor(const QString& name, const Eigen::MatrixBase<Derived>& m)
{
    const Derived* matrix = &m.derived();
    const bool vector = Derived::ColsAtCompileTime == 1;
    TensorToWrite t{name, DType::F32, {}, [matrix](std::uint8_t* out) {
                        // Row-major, as safetensors and numpy expect; Eigen's own storage is column-major.
                        Eigen::Map<RowMajorF>(reinterpret_cast<float*>(out), matrix->rows(), matrix->cols()) =
                            matrix->template cast<float>();
                    }};
    t.shape = vector ? std::vector<std::int64_t>{m.size()} : std::vector<std::int64_t>{m.rows(), m.cols()};
    return t;
}

// The stored matrix as written above: a float32 one is copied as is, a double one rounded to float32.
TensorToWrite floatTensor(const QString& name, const TraceMatrix& m)
{
    return m.visit([&name](const auto& stored) { return floatTensor(name, stored); });
}

// A matrix a checkpoint's trace derives when read (trace.h), (rows, cols): made when its bytes are written and
// dropped after, so that the file's writing holds one of them at a time, not every head's.
TensorToWrite derivedTensor(const QString& name, Eigen::Index rows, Eigen::Index cols, std::function<TraceMatrix()> make)
{
    return {name, DType::F32, {rows, cols}, [make = std::move(make), rows, cols](std::uint8_t* out) {
                const TraceMatrix m = make();
                Q_ASSERT(m.rows() == rows && m.cols() == cols);
                m.visit([out](const auto& stored) {
                    Eigen::Map<RowMajorF>(reinterpret_cast<float*>(out), stored.rows(), stored.cols()) =
                        stored.template cast<float>();
                });
            }};
}

TensorToWrite boolTensor(const QString& name, const BoolMatrix& m)
{
    const BoolMatrix* matrix = &m;
    return {name, DType::Bool, {m.rows(), m.cols()}, [matrix](std::uint8_t* out) {
                for (Eigen::Index r = 0; r < matrix->rows(); ++r)
                    for (Eigen::Index c = 0; c < matrix->cols(); ++c)
                        *out++ = (*matrix)(r, c) ? 1 : 0;
            }};
}

TensorToWrite intTensor(const QString& name, std::vector<std::int64_t> shape, std::vector<std::int32_t> values)
{
    return {name, DType::I32, std::move(shape), [values = std::move(values)](std::uint8_t* out) {
                std::memcpy(out, values.data(), values.size() * sizeof(std::int32_t));
            }};
}

QString jsonStrings(const QStringList& strings)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(strings)).toJson(QJsonDocument::Compact));
}

void addPredictions(const Trace& trace, std::vector<TensorToWrite>& tensors)
{
    // Every position has the same number of guesses (5, or the vocabulary when smaller); should one have fewer,
    // its row is padded with id −1 and probability 0.
    size_t k = 0;
    for (const Prediction& p : trace.predictions)
        k = std::max(k, p.top.size());
    const auto rows = std::int64_t(trace.predictions.size());
    std::vector<std::int32_t> positions, ids(trace.predictions.size() * k, -1);
    std::vector<float> probabilities(trace.predictions.size() * k, 0.0f);
    for (size_t i = 0; i < trace.predictions.size(); ++i) {
        const Prediction& p = trace.predictions[i];
        positions.push_back(p.position);
        for (size_t j = 0; j < p.top.size(); ++j) {
            ids[i * k + j] = p.top[j].first;
            probabilities[i * k + j] = float(p.top[j].second);
        }
    }
    tensors.push_back(intTensor(QStringLiteral("predictions.positions"), {rows}, std::move(positions)));
    tensors.push_back(intTensor(QStringLiteral("predictions.ids"), {rows, std::int64_t(k)}, std::move(ids)));
    tensors.push_back({QStringLiteral("predictions.probs"), DType::F32, {rows, std::int64_t(k)},
                       [probabilities = std::move(probabilities)](std::uint8_t* out) {
                           std::memcpy(out, probabilities.data(), probabilities.size() * sizeof(float));
                       }});
}

} // namespace

Result<void> writeTraceSafetensors(const Trace& trace, const QString& path)
{
    std::vector<TensorToWrite> tensors;
    const auto add = [&tensors](const QString& name, const auto& m) {
        if (m.size() > 0) tensors.push_back(floatTensor(name, m));
    };
    const auto ints = [](const std::vector<int>& v) { return std::vector<std::int32_t>(v.begin(), v.end()); };
    tensors.push_back(intTensor(QStringLiteral("token_ids"), {std::int64_t(trace.tokenIds.size())}, ints(trace.tokenIds)));
    tensors.push_back(intTensor(QStringLiteral("positions"), {std::int64_t(trace.positions.size())}, ints(trace.positions)));
    add(QStringLiteral("embeddings"), trace.embeddings);
    add(QStringLiteral("output"), trace.output);

    for (size_t l = 0; l < trace.layers.size(); ++l) {
        const LayerTrace& layer = trace.layers[l];
        const QString prefix = QStringLiteral("layers.%1.").arg(l);
        add(prefix + QStringLiteral("attention_output"), layer.attentionOutput);
        // The heads of a layer share one mask: written once, per head only where one differs.
        const BoolMatrix* layerMask = layer.heads.empty() ? nullptr : &layer.heads.front().allowed.matrix();
        if (layerMask && layerMask->size() > 0) tensors.push_back(boolTensor(prefix + QStringLiteral("mask"), *layerMask));
        for (size_t h = 0; h < layer.heads.size(); ++h) {
            const HeadTrace& head = layer.heads[h];
            const QString p = prefix + QStringLiteral("heads.%1.").arg(h);
            add(p + QStringLiteral("q"), head.q);
            add(p + QStringLiteral("k"), head.k);
            add(p + QStringLiteral("v"), head.v);
            if (head.scores.size() > 0)
                add(p + QStringLiteral("scores"), head.scores);
            else if (head.q.size() > 0)
                tensors.push_back(derivedTensor(p + QStringLiteral("scores"), head.q.rows(), head.k.rows(),
                                                [&head] { return headScores(head); }));
            add(p + QStringLiteral("scaled"), head.scaled);
            add(p + QStringLiteral("weights"), head.weights);
            add(p + QStringLiteral("output"), head.output);
            if (head.contribution.size() > 0)
                add(p + QStringLiteral("contribution"), head.contribution);
            else if (layer.outputProjection.size() > 0)
                tensors.push_back(derivedTensor(p + QStringLiteral("contribution"), head.output.rows(),
                                                layer.outputProjection.cols(),
                                                [&layer, h] { return headContribution(layer, int(h)); }));
            if (h > 0 && head.allowed.size() > 0 && !sameMatrix(head.allowed, *layerMask))
                tensors.push_back(boolTensor(p + QStringLiteral("mask"), head.allowed));
        }
        if (layer.hasResidual) {
            const ResidualTrace& r = layer.residual;
            const QString res = prefix + QStringLiteral("residual.");
            add(res + QStringLiteral("input"), r.input);
            add(res + QStringLiteral("attention_output"), r.attentionOutput);
            add(res + QStringLiteral("after_attention"), r.afterAttention);
            add(res + QStringLiteral("mlp_output"), r.mlpOutput);
            add(res + QStringLiteral("output"), r.output);
            add(res + QStringLiteral("norm1.mean"), r.norm1.mean);
            add(res + QStringLiteral("norm1.variance"), r.norm1.variance);
            add(res + QStringLiteral("norm2.mean"), r.norm2.mean);
            add(res + QStringLiteral("norm2.variance"), r.norm2.variance);
        }
    }
    if (!trace.predictions.empty()) addPredictions(trace, tensors);

    const auto flag = [](bool b) { return b ? QStringLiteral("true") : QStringLiteral("false"); };
    std::map<QString, QString> metadata{
        {QStringLiteral("format"), QStringLiteral("attnlab-trace")},
        {QStringLiteral("version"), QStringLiteral("1")},
        {QStringLiteral("model"), trace.modelName},
        {QStringLiteral("tokens"), jsonStrings(trace.tokens)},
        {QStringLiteral("scale"), QString::number(trace.scale, 'g', 17)},
        {QStringLiteral("scaling"), scalingName(trace.scaling)},
        {QStringLiteral("mask"), maskSpecName(trace.mask)},
        {QStringLiteral("trained"), flag(trace.trained)},
        {QStringLiteral("exact"), flag(trace.exact)},
        {QStringLiteral("layers"), QString::number(trace.layers.size())},
        {QStringLiteral("heads"), QString::number(trace.layers.empty() ? 0 : trace.layers.front().heads.size())},
        {QStringLiteral("warnings"), jsonStrings(trace.warnings)}};
    if (!trace.memoryTokens.isEmpty()) metadata[QStringLiteral("memory_tokens")] = jsonStrings(trace.memoryTokens);
    if (!trace.predictions.empty())
        metadata[QStringLiteral("predictions_kind")] =
            trace.predictsNextToken ? QStringLiteral("next_token") : QStringLiteral("masked_token");
    return writeSafetensors(path, tensors, metadata);
}

} // namespace attnlab::model
