#include "model/kernels/float_layers.h"

#include "model/kernels/softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace attnlab::model {

void attendHeadsF(const MatrixFRef& q, const MatrixFRef& k, const MatrixFRef& v, int heads, int kvHeads,
                  float scale, const BoolMatrix& allowed, const Eigen::Map<const MatrixF>& outProj,
                  WeightLayout layout, MatrixF& concat, LayerTrace& layer)
{
    const Eigen::Index T = q.rows(), S = k.rows(), dh = q.cols() / heads;
    const int group = heads / kvHeads;
    std::vector<HeadTrace>& traces = layer.heads;
    traces.assign(static_cast<size_t>(heads), HeadTrace());
    const TraceMask mask = allowed; // one copy, shared by the heads

    // Queries in blocks of kBlock rows: a block needs the keys up to the last one any of its rows may see
    // (keyEnd), and the scores and weights·V products stop there. Under a causal mask that skips half of each
    // head's products; without one, every block reads every key.
    constexpr Eigen::Index kBlock = 64;
    std::vector<Eigen::Index> keyEnd(size_t(T), 0); // (T) the block's key count, for every row of the block
    for (Eigen::Index r0 = 0; r0 < T; r0 += kBlock) {
        const Eigen::Index n = std::min(kBlock, T - r0);
        Eigen::Index end = 0;
        for (Eigen::Index t = r0; t < r0 + n; ++t)
            for (Eigen::Index j = S; j > end; --j)
                if (allowed(t, j - 1)) {
                    end = j;
                    break;
                }
        std::fill(keyEnd.begin() + r0, keyEnd.begin() + r0 + n, end);
    }

    // Each head is independent: its scores, softmax, output and the copies into the Trace run on their own
    // core. Eigen does not split products again inside.
#pragma omp parallel for schedule(dynamic, 1)
    for (int h = 0; h < heads; ++h) {
        const int g = h / group;
        const auto qh = q.middleCols(h * dh, dh); // (T, dh)
        const auto kh = k.middleCols(g * dh, dh); // (S, dh)
        const auto vh = v.middleCols(g * dh, dh); // (S, dh)
        HeadTrace& head = traces[size_t(h)];
        // float32 as computed: the trace keeps the forward's own values at half the memory of doubles.
        MatrixF qStored = qh, kStored = kh;
        // weights: (T, S), first the scores QKᵀ of each block's keys, then in place their scaled, masked softmax.
        MatrixF weights(T, S);
        for (Eigen::Index r0 = 0; r0 < T; r0 += kBlock) {
            const Eigen::Index n = std::min(kBlock, T - r0), keys = keyEnd[size_t(r0)];
            if (keys > 0)
                weights.block(r0, 0, n, keys).noalias() = qStored.middleRows(r0, n) * kStored.topRows(keys).transpose();
        }
        scaledMaskedSoftmaxInPlace(weights, scale, allowed, keyEnd);
        auto output = concat.middleCols(h * dh, dh); // (T, dh)
        for (Eigen::Index r0 = 0; r0 < T; r0 += kBlock) {
            const Eigen::Index n = std::min(kBlock, T - r0), keys = keyEnd[size_t(r0)];
            if (keys > 0)
                output.middleRows(r0, n).noalias() = weights.block(r0, 0, n, keys) * vh.topRows(keys);
            else
                output.middleRows(r0, n).setZero();
        }

        head.q = std::move(qStored);
        head.k = std::move(kStored);
        head.v = vh;
        head.allowed = mask;
        head.weights = std::move(weights);
        head.output = output;
    }
    // W_O as (in, out): head h's rows h·dh … (h+1)·dh − 1 turn its output into its contribution.
    if (layout == WeightLayout::InOut)
        layer.outputProjection = MatrixF(outProj);
    else
        layer.outputProjection = MatrixF(outProj.transpose());
}

void ablateHeadsF(const Ablation& ablation, int layer, int dh, MatrixF& concat, LayerTrace& trace)
{
    for (int h : ablation.headsOf(layer)) {
        auto block = concat.middleCols(Eigen::Index(h) * dh, dh);
        ablateRows(block, ablation.mode);
        trace.heads[size_t(h)].output = MatrixF(block);
    }
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

double logProbability(const RowVectorF& hidden, const StoredWeight& weight, const RowVectorF& bias, int target)
{
    return logProbabilities(MatrixF(hidden), weight, bias, {target}).front();
}

std::vector<double> logProbabilities(const MatrixF& hidden, const StoredWeight& weight, const RowVectorF& bias,
                                     const std::vector<int>& targets)
{
    // Running log-sum-exp of each row over chunks of the vocabulary: max so far and Σ exp(logit − max), rescaled
    // when the maximum grows. One product per chunk for every row: the weight (GPT-2's 154 MB) is read once.
    constexpr Eigen::Index kChunk = 8192;
    const Eigen::Index k = hidden.rows();
    std::vector<double> max(size_t(k), -std::numeric_limits<double>::infinity()), sum(size_t(k), 0.0),
        targetLogit(size_t(k), 0.0);
    MatrixF converted, logits;
    for (Eigen::Index first = 0; first < weight.rows(); first += kChunk) {
        const Eigen::Index n = std::min(kChunk, weight.rows() - first);
        logits.resize(k, n);
        logits.noalias() = hidden * weight.rowsAsFloats(first, n, converted).transpose();
        if (bias.size() > 0) logits.rowwise() += bias.segment(first, n);
        for (Eigen::Index r = 0; r < k; ++r) {
            const auto row = logits.row(r);
            const double chunkMax = double(row.maxCoeff());
            if (chunkMax > max[size_t(r)]) {
                sum[size_t(r)] = sum[size_t(r)] > 0.0 ? sum[size_t(r)] * std::exp(max[size_t(r)] - chunkMax) : 0.0;
                max[size_t(r)] = chunkMax;
            }
            sum[size_t(r)] += (row.cast<double>().array() - max[size_t(r)]).exp().sum();
            const int target = targets[size_t(r)];
            if (target >= first && target < first + n) targetLogit[size_t(r)] = double(row(target - first));
        }
    }
    std::vector<double> result(static_cast<size_t>(k));
    for (Eigen::Index r = 0; r < k; ++r)
        result[size_t(r)] = targetLogit[size_t(r)] - max[size_t(r)] - std::log(sum[size_t(r)]);
    return result;
}

MatrixF logitsOf(const MatrixFRef& hidden, const StoredWeight& weight, const RowVectorF& bias)
{
    MatrixF scratch;
    MatrixF logits(hidden.rows(), weight.rows());
    logits.noalias() = hidden * weight.floats(scratch).transpose();
    if (bias.size() > 0) logits.rowwise() += bias;
    return logits;
}

std::vector<Prediction> topPredictions(const MatrixF& hidden, const StoredWeight& weight, const RowVectorF& bias)
{
    // The vocabulary in chunks of kChunk ids: the logits of every position for one chunk, (T, kChunk), then each
    // position's running top 5 and its softmax's running normaliser (the maximum so far and Σ exp(logit − max) in
    // double, rescaled when the maximum grows). The head's weight is packed for the product once, chunk by
    // chunk, and the logits are never held whole (GPT-2's of 1024 tokens: 200 MB).
    constexpr Eigen::Index kChunk = 4096;
    const Eigen::Index T = hidden.rows(), vocab = weight.rows();
    const int keep = int(std::min<Eigen::Index>(5, vocab));
    struct Running {
        double max = -std::numeric_limits<double>::infinity();
        double sum = 0.0;
        std::vector<std::pair<float, int>> top; // (logit, id), the highest first; ties keep the lower id
    };
    std::vector<Running> rows(static_cast<size_t>(T));
    MatrixF logits, converted; // converted: an F16/BF16 chunk of the weight as float32
    for (Eigen::Index first = 0; first < vocab; first += kChunk) {
        const Eigen::Index n = std::min(kChunk, vocab - first);
        logits.resize(T, n);
        logits.noalias() = hidden * weight.rowsAsFloats(first, n, converted).transpose();
        if (bias.size() > 0) logits.rowwise() += bias.segment(first, n);
#pragma omp parallel for schedule(static)
        for (Eigen::Index t = 0; t < T; ++t) {
            Running& r = rows[size_t(t)];
            const auto row = logits.row(t);
            const double chunkMax = double(row.maxCoeff());
            if (chunkMax > r.max) {
                r.sum = r.sum > 0.0 ? r.sum * std::exp(r.max - chunkMax) : 0.0;
                r.max = chunkMax;
            }
            r.sum += (row.cast<double>().array() - r.max).exp().sum();
            for (Eigen::Index j = 0; j < n; ++j) {
                const float x = row(j);
                // Strictly greater: an equal logit seen earlier has the lower id and stays ahead.
                if (int(r.top.size()) == keep && !(x > r.top.back().first)) continue;
                const auto at = std::find_if(r.top.begin(), r.top.end(), [x](const auto& e) { return x > e.first; });
                r.top.insert(at, {x, int(first + j)});
                if (int(r.top.size()) > keep) r.top.pop_back();
            }
        }
    }
    std::vector<Prediction> predictions(static_cast<size_t>(T));
    for (Eigen::Index t = 0; t < T; ++t) {
        const Running& r = rows[size_t(t)];
        Prediction& p = predictions[size_t(t)];
        p.position = int(t);
        for (const auto& [logit, id] : r.top)
            p.top.emplace_back(id, std::exp(double(logit) - r.max) / r.sum);
    }
    return predictions;
}

} // namespace attnlab::model
