#include "model/training/snapshot_trace.h"

#include <algorithm>
#include <numeric>

namespace attnlab::model {

Trace snapshotTrace(const AttentionSnapshot& snap, const QStringList& vocabulary, const QString& title)
{
    Trace trace;
    trace.modelName = title;
    trace.source = TraceSource::Checkpoint;
    trace.trained = snap.step > 0;
    trace.mask = MaskSpec::causal();
    const int T = snap.length;
    for (int id : snap.tokens) {
        trace.tokens << vocabulary.value(id, QStringLiteral("?"));
        trace.tokenIds.push_back(id);
    }
    trace.positions.resize(std::size_t(T));
    std::iota(trace.positions.begin(), trace.positions.end(), 0);
    // One causal mask, shared by every head (TraceMask copies share the matrix).
    BoolMatrix causal(T, T);
    for (int t = 0; t < T; ++t)
        for (int s = 0; s < T; ++s)
            causal(t, s) = s <= t;
    const TraceMask allowed(std::move(causal));
    trace.layers.resize(std::size_t(snap.layers));
    for (int l = 0; l < snap.layers; ++l) {
        trace.layers[std::size_t(l)].heads.resize(std::size_t(snap.heads));
        for (int h = 0; h < snap.heads; ++h) {
            HeadTrace& head = trace.layers[std::size_t(l)].heads[std::size_t(h)];
            head.weights = MatrixF(Eigen::Map<const MatrixF>(snap.map(l, h), T, T));
            head.allowed = allowed;
        }
    }
    const int V = int(vocabulary.size());
    if (V > 0 && snap.probabilities.size() == std::size_t(T) * std::size_t(V)) {
        for (int t = 0; t < T; ++t) {
            const float* p = snap.probabilities.data() + std::size_t(t) * V;
            std::vector<int> order(static_cast<std::size_t>(V));
            std::iota(order.begin(), order.end(), 0);
            const int top = std::min(5, V);
            std::partial_sort(order.begin(), order.begin() + top, order.end(), [p](int a, int b) { return p[a] > p[b]; });
            Prediction prediction;
            prediction.position = t;
            for (int i = 0; i < top; ++i) {
                prediction.top.emplace_back(order[std::size_t(i)], double(p[order[std::size_t(i)]]));
                prediction.texts << vocabulary.value(order[std::size_t(i)]);
            }
            trace.predictions.push_back(std::move(prediction));
        }
    }
    return trace;
}

} // namespace attnlab::model
