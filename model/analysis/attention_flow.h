#pragma once

// Attention flow (Abnar & Zuidema 2020, "Quantifying Attention Flow in Transformers", §4; reference code
// github.com/samiraabnar/attention_flow, get_adjmat and compute_flows). The layers form a flow network: one node
// (l, i) per layer l = 0 … L and position i (l = 0: the input tokens), and a directed edge (l, i) → (l − 1, j) of
// capacity Â_l(i, j), the residual-augmented head mean of attention_rollout.h. The flow of query q at layer l to
// input token j is the maximum flow from (l, q) to (0, j) (the input nodes have no edges on, so each is a sink).
//
// Every node's capacities out sum to 1, so a maximum flow is at most 1, at most the capacity out of (l, q) into
// any cut. The maxima to different inputs are separate problems and need not sum to 1 (several inputs may each
// take the whole unit); the paper's figures divide them by their sum (compute_flows: flow_values[u] /= sum),
// which is `normalised` here. Where rollout multiplies the shares along every path, flow is limited by the
// narrowest edge of the best paths: the two disagree when one path's early share is thin (tests show a case).
//
// Each maximum flow is Dinic's algorithm in double; capacities below kFlowEpsilon count as none.

#include "model/core/matrix_types.h"
#include "model/core/result.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace attnlab::model {

struct Trace;

struct AttentionFlow {
    int query = -1;    // 0-based query token
    Matrix maxFlow;    // (L, T): row l − 1, column j: maximum flow from (l, query) to input token j; in [0, 1]
    Matrix normalised; // (L, T): each row of maxFlow divided by its sum (the paper's figures); rows sum to 1
};

// Residual capacities at or below this count as saturated.
inline constexpr double kFlowEpsilon = 1e-12;

// The work of the flow of one query through `layers` layers of `tokens` tokens, in edge visits: T maximum flows
// per layer l, each over the l · T² edges below (l, q): T³ · L (L + 1) / 2. Dinic's algorithm visits the edges
// once per phase, and these layered networks take few phases: about 10 ns per unit of work on one core (GPT-2's
// 12 layers: 80 tokens in 0.3 s, 150 tokens in 2.6 s).
double attentionFlowWork(std::int64_t tokens, std::int64_t layers);
// The most work computeTrace takes on: a few seconds (12 layers: 147 tokens; 1 layer: 629 tokens).
inline constexpr double kAttentionFlowWorkLimit = 2.5e8;
// The most tokens whose flow through `layers` layers stays within the limit (0 when not even one does).
int attentionFlowMaxTokens(int layers);
// Success when the flow of `tokens` tokens through `layers` layers is within the limit; else a message that says
// so and names the most tokens (and layers) that are.
Result<void> checkAttentionFlowSize(int tokens, int layers);

// Â_1 … Â_L ((T, T) each, rows of capacities) and a 0-based query -> its flow at every layer. Fails when the
// query is out of range, or with cancelledMessage() when *cancelled turns true between two maximum flows. Does
// not check the size: callers that take any input call checkAttentionFlowSize first.
Result<AttentionFlow> attentionFlowOf(const std::vector<Matrix>& augmented, int query,
                                      const std::atomic<bool>* cancelled = nullptr);

// trace -> the flow of `query`, or why not: cross-attention, a query out of range, too much work.
Result<AttentionFlow> attentionFlow(const Trace& trace, int query, const std::atomic<bool>* cancelled = nullptr);

} // namespace attnlab::model
