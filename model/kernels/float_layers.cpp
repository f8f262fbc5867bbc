#include "model/kernels/float_layers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

namespace attnlab::model {

MatrixF layerNormF(const MatrixF& x, const RowVectorF& gamma, const RowVectorF& beta, float eps, NormStats& stats)
{
    const Eigen::VectorXf mean = x.rowwise().mean();
    MatrixF out = x.colwise() - mean;
    const Eigen::VectorXf variance = out.array().square().rowwise().mean();
    out.array().colwise() /= (variance.array() + eps).sqrt();
    out.array().rowwise() *= gamma.array();
    out.rowwise() += beta;
    stats.mean = mean.cast<double>();
    stats.variance = variance.cast<double>();
    return out;
}

MatrixF rmsNormF(const MatrixF& x, const RowVectorF& gamma, float eps, NormStats& stats)
{
    const Eigen::VectorXf meanSquare = x.array().square().rowwise().mean();
    MatrixF out = x;
    out.array().colwise() /= (meanSquare.array() + eps).sqrt();
    out.array().rowwise() *= gamma.array();
    stats.mean = Vector::Zero(x.rows());
    stats.variance = meanSquare.cast<double>();
    return out;
}

void activateInPlace(MatrixF& x, const QString& activation)
{
    if (activation == QLatin1String("gelu_new")) {
        const float c = float(std::sqrt(2.0 / std::numbers::pi));
        x.array() = 0.5f * x.array() * (1.0f + (c * (x.array() + 0.044715f * x.array().cube())).tanh());
    } else if (activation == QLatin1String("gelu")) {
        const float invSqrt2 = float(1.0 / std::numbers::sqrt2);
        x = x.unaryExpr([invSqrt2](float v) { return 0.5f * v * (1.0f + std::erf(v * invSqrt2)); });
    } else if (activation == QLatin1String("relu")) {
        x = x.cwiseMax(0.0f);
    } else { // silu
        x.array() = x.array() / (1.0f + (-x.array()).exp());
    }
}

MatrixF maskedSoftmaxF(const MatrixF& scaled, const BoolMatrix& allowed)
{
    constexpr float minusInf = -std::numeric_limits<float>::infinity();
    MatrixF w = allowed.select(scaled, MatrixF::Constant(scaled.rows(), scaled.cols(), minusInf));
    for (Eigen::Index t = 0; t < w.rows(); ++t) {
        const float rowMax = w.row(t).maxCoeff();
        if (rowMax == minusInf) { // fully masked: all zero, never NaN
            w.row(t).setZero();
            continue;
        }
        w.row(t) = (w.row(t).array() - rowMax).exp().matrix();
        w.row(t) /= w.row(t).sum();
    }
    return w;
}

std::vector<HeadTrace> attendHeadsF(const MatrixFRef& q, const MatrixFRef& k, const MatrixFRef& v, int heads,
                                    int kvHeads, float scale, const BoolMatrix& allowed,
                                    const Eigen::Map<const MatrixF>& outProj, WeightLayout layout, MatrixF& concat)
{
    const Eigen::Index T = q.rows(), dh = q.cols() / heads;
    const int group = heads / kvHeads;
    std::vector<HeadTrace> traces(static_cast<size_t>(heads));
    // Each head is independent: its scores, softmax, output and the conversion of all of it to the Trace's
    // doubles (most of a head's time) run on their own core. Eigen does not split products again inside.
#pragma omp parallel for schedule(dynamic, 1)
    for (int h = 0; h < heads; ++h) {
        const int g = h / group;
        const auto qh = q.middleCols(h * dh, dh); // (T, dh)
        const auto kh = k.middleCols(g * dh, dh); // (S, dh)
        const auto vh = v.middleCols(g * dh, dh); // (S, dh)
        MatrixF scores(T, kh.rows());
        scores.noalias() = qh * kh.transpose(); // (T, S)
        const MatrixF scaled = scores * scale;
        const MatrixF weights = maskedSoftmaxF(scaled, allowed);
        auto output = concat.middleCols(h * dh, dh); // (T, dh)
        output.noalias() = weights * vh;
        MatrixF contribution(T, layout == WeightLayout::InOut ? outProj.cols() : outProj.rows());
        if (layout == WeightLayout::InOut)
            contribution.noalias() = output * outProj.middleRows(h * dh, dh);
        else
            contribution.noalias() = output * outProj.middleCols(h * dh, dh).transpose();

        HeadTrace& head = traces[size_t(h)];
        head.q = qh.cast<double>();
        head.k = kh.cast<double>();
        head.v = vh.cast<double>();
        head.scores = scores.cast<double>();
        head.allowed = allowed;
        head.weights = weights.cast<double>();
        head.output = output.cast<double>();
        head.contribution = contribution.cast<double>();
    }
    return traces;
}

std::vector<Prediction> topPredictions(const MatrixF& logits)
{
    const Eigen::Index vocab = logits.cols();
    const int keep = int(std::min<Eigen::Index>(5, vocab));
    std::vector<Prediction> predictions(static_cast<size_t>(logits.rows()));
    // Positions are independent: each core takes its share of the rows, with its own scratch index.
#pragma omp parallel
    {
        std::vector<int> order(size_t(vocab), 0);
#pragma omp for schedule(static)
        for (Eigen::Index t = 0; t < logits.rows(); ++t) {
            // Softmax in double so that tiny probabilities of a large vocabulary keep their digits.
            const Eigen::RowVectorXd row = logits.row(t).cast<double>();
            const Eigen::RowVectorXd p = (row.array() - row.maxCoeff()).exp().matrix();
            const double sum = p.sum();
            std::iota(order.begin(), order.end(), 0);
            std::partial_sort(order.begin(), order.begin() + keep, order.end(),
                              [&p](int a, int b) { return p(a) > p(b) || (p(a) == p(b) && a < b); });
            Prediction& prediction = predictions[size_t(t)];
            prediction.position = int(t);
            for (int i = 0; i < keep; ++i)
                prediction.top.emplace_back(order[size_t(i)], p(order[size_t(i)]) / sum);
        }
    }
    return predictions;
}

Result<void> checkTokens(const QString& modelName, const std::vector<int>& ids, const QStringList& tokens,
                         int vocab, int maxPositions)
{
    using R = Result<void>;
    const qsizetype T = qsizetype(ids.size());
    if (T == 0) return R::failure(QStringLiteral("%1: no tokens to run").arg(modelName));
    if (maxPositions > 0 && T > maxPositions)
        return R::failure(QStringLiteral("%1: %2 tokens, but the model takes at most %3")
                              .arg(modelName).arg(T).arg(maxPositions));
    for (qsizetype t = 0; t < T; ++t)
        if (ids[size_t(t)] < 0 || ids[size_t(t)] >= vocab)
            return R::failure(QStringLiteral("%1: token id %2 at position %3 is outside the vocabulary (0 to %4)")
                                  .arg(modelName).arg(ids[size_t(t)]).arg(t).arg(vocab - 1));
    if (!tokens.isEmpty() && tokens.size() != T)
        return R::failure(QStringLiteral("%1: %2 token texts for %3 token ids").arg(modelName).arg(tokens.size()).arg(T));
    return R::success();
}

Trace startTrace(const QString& modelName, const std::vector<int>& ids, const QStringList& tokens)
{
    Trace trace;
    trace.modelName = modelName;
    trace.trained = true;
    trace.tokenIds = ids;
    trace.positions.resize(ids.size());
    std::iota(trace.positions.begin(), trace.positions.end(), 0);
    if (tokens.isEmpty())
        for (int id : ids)
            trace.tokens << QString::number(id);
    else
        trace.tokens = tokens;
    return trace;
}

} // namespace attnlab::model
