#include "model/analysis/attention_flow.h"

#include "model/analysis/attention_rollout.h"
#include "model/core/cancellation.h"
#include "model/trace/trace.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attnlab::model {

namespace {

// A directed network with residual capacities; edge e and e ^ 1 are a pair (forward, its reverse).
class FlowNetwork {
public:
    explicit FlowNetwork(int nodes) : m_out(std::size_t(nodes)), m_level(std::size_t(nodes)), m_next(std::size_t(nodes)) {}

    void addEdge(int from, int to, double capacity)
    {
        m_out[std::size_t(from)].push_back(int(m_to.size()));
        m_to.push_back(to);
        m_capacity.push_back(capacity);
        m_out[std::size_t(to)].push_back(int(m_to.size()));
        m_to.push_back(from);
        m_capacity.push_back(0.0);
    }

    // Dinic's algorithm from source to sink on the original capacities (the residuals of the previous call are
    // forgotten).
    double maxFlow(int source, int sink)
    {
        if (m_original.size() != m_capacity.size()) m_original = m_capacity;
        m_residual = m_original;
        double total = 0.0;
        while (buildLevels(source, sink)) {
            std::fill(m_next.begin(), m_next.end(), 0);
            for (double pushed; (pushed = push(source, sink, std::numeric_limits<double>::infinity())) > kFlowEpsilon;)
                total += pushed;
        }
        return total;
    }

private:
    // Breadth-first levels over edges with residual capacity; whether the sink is reached.
    bool buildLevels(int source, int sink)
    {
        std::fill(m_level.begin(), m_level.end(), -1);
        m_queue.clear();
        m_queue.push_back(source);
        m_level[std::size_t(source)] = 0;
        for (std::size_t head = 0; head < m_queue.size(); ++head) {
            const int u = m_queue[head];
            for (const int e : m_out[std::size_t(u)]) {
                const int v = m_to[std::size_t(e)];
                if (m_residual[std::size_t(e)] > kFlowEpsilon && m_level[std::size_t(v)] < 0) {
                    m_level[std::size_t(v)] = m_level[std::size_t(u)] + 1;
                    m_queue.push_back(v);
                }
            }
        }
        return m_level[std::size_t(sink)] >= 0;
    }

    // One augmenting path of the level graph from u, at most `limit`; what it pushed (0: none left from u).
    double push(int u, int sink, double limit)
    {
        if (u == sink) return limit;
        const std::vector<int>& out = m_out[std::size_t(u)];
        for (int& i = m_next[std::size_t(u)]; i < int(out.size()); ++i) {
            const int e = out[std::size_t(i)];
            const int v = m_to[std::size_t(e)];
            if (m_residual[std::size_t(e)] <= kFlowEpsilon || m_level[std::size_t(v)] != m_level[std::size_t(u)] + 1)
                continue;
            const double pushed = push(v, sink, std::min(limit, m_residual[std::size_t(e)]));
            if (pushed > kFlowEpsilon) {
                m_residual[std::size_t(e)] -= pushed;
                m_residual[std::size_t(e ^ 1)] += pushed;
                return pushed;
            }
        }
        return 0.0;
    }

    std::vector<std::vector<int>> m_out; // per node: its edges, forward and reverse
    std::vector<int> m_to;
    std::vector<double> m_capacity, m_original, m_residual;
    std::vector<int> m_level, m_next, m_queue;
};

} // namespace

double attentionFlowWork(std::int64_t tokens, std::int64_t layers)
{
    const double t = double(std::max<std::int64_t>(0, tokens)), l = double(std::max<std::int64_t>(0, layers));
    return t * t * t * l * (l + 1) / 2;
}

int attentionFlowMaxTokens(int layers)
{
    int tokens = 0;
    while (attentionFlowWork(tokens + 1, layers) <= kAttentionFlowWorkLimit)
        ++tokens;
    return tokens;
}

Result<void> checkAttentionFlowSize(int tokens, int layers)
{
    if (attentionFlowWork(tokens, layers) <= kAttentionFlowWorkLimit) return Result<void>::success();
    const auto layerCount = [](int n) {
        return n == 1 ? QStringLiteral("1 layer") : QStringLiteral("%1 layers").arg(n);
    };
    QString message = QStringLiteral("attention flow of %1 tokens through %2 would take too long: at most %3 "
                                     "tokens through %2")
                          .arg(tokens)
                          .arg(layerCount(layers))
                          .arg(attentionFlowMaxTokens(layers));
    int fewerLayers = 0;
    while (fewerLayers + 1 < layers && attentionFlowWork(tokens, fewerLayers + 1) <= kAttentionFlowWorkLimit)
        ++fewerLayers;
    if (fewerLayers > 0)
        message += QStringLiteral(", or %1 tokens through at most %2").arg(tokens).arg(layerCount(fewerLayers));
    return Result<void>::failure(message);
}

Result<AttentionFlow> attentionFlowOf(const std::vector<Matrix>& augmented, int query, const std::atomic<bool>* cancelled)
{
    using Failure = Result<AttentionFlow>;
    const int layers = int(augmented.size());
    const int tokens = layers > 0 ? int(augmented.front().rows()) : 0;
    if (query < 0 || query >= tokens)
        return Failure::failure(QStringLiteral("the flow's query %1 is out of range: expected 1 to %2").arg(query + 1).arg(tokens));
    // Node (l, i) is l · T + i; the edges of layer l lead from its positions to layer l − 1's. Edges of zero
    // capacity (a causal mask's future keys) are left out.
    FlowNetwork network((layers + 1) * tokens);
    for (int l = 1; l <= layers; ++l) {
        const Matrix& a = augmented[std::size_t(l - 1)];
        for (int i = 0; i < tokens; ++i)
            for (int j = 0; j < tokens; ++j)
                if (a(i, j) > kFlowEpsilon) network.addEdge(l * tokens + i, (l - 1) * tokens + j, a(i, j));
    }
    AttentionFlow flow;
    flow.query = query;
    flow.maxFlow = Matrix::Zero(layers, tokens);
    for (int l = 1; l <= layers; ++l) {
        for (int j = 0; j < tokens; ++j) {
            if (cancelRequested(cancelled)) return Failure::failure(cancelledMessage());
            flow.maxFlow(l - 1, j) = network.maxFlow(l * tokens + query, j);
        }
    }
    flow.normalised = flow.maxFlow;
    for (int l = 0; l < layers; ++l) {
        const double sum = flow.maxFlow.row(l).sum();
        if (sum > 0) flow.normalised.row(l) /= sum; // at least the query's own residual path carries flow
    }
    return flow;
}

Result<AttentionFlow> attentionFlow(const Trace& trace, int query, const std::atomic<bool>* cancelled)
{
    using Failure = Result<AttentionFlow>;
    const int tokens = int(trace.tokens.size()), layers = int(trace.layers.size());
    if (query < 0 || query >= tokens)
        return Failure::failure(QStringLiteral("the flow's query %1 is out of range: expected 1 to %2").arg(query + 1).arg(tokens));
    if (const auto size = checkAttentionFlowSize(tokens, layers); !size) return Failure::failure(size.error());
    const auto augmented = residualAugmentedAttentions(trace);
    if (!augmented) return Failure::failure(augmented.error());
    return attentionFlowOf(*augmented, query, cancelled);
}

} // namespace attnlab::model
