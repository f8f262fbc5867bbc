#pragma once

// The analyses of model/analysis as JSON, for `attnlab run --rollout --flow` (docs/ARCHITECTURE.md, "Trace JSON").

#include <QJsonArray>
#include <QJsonObject>

namespace attnlab::model {

struct AttentionRollout;
struct AttentionFlow;
struct LogitLens;
struct ActivationPatching;
struct QkProjection;

// [R_1, …, R_L]: one (T, T) matrix (an array of rows) per layer, 0-based in layer order ("rollout"[l − 1] is
// after layer l); row i, column j: the share of input token j in token i.
QJsonArray rolloutJson(const AttentionRollout& rollout);

// {"query": q (0-based), "layers": [[…T…] per layer], "max_flow": [[…T…] per layer]}: "layers" the flow to each
// input token normalised to sum 1 per layer (the paper's figures), "max_flow" the maximum flows themselves.
QJsonObject flowJson(const AttentionFlow& flow);

// [{"layer": l (1-based), "top": [[[id, p], …] per position], "tokens": [[…] per position]}, …] in layer order;
// "tokens" when a tokenizer named them.
QJsonArray lensJson(const LogitLens& lens);

// {"position": p (0-based), "metric": "logit_difference"|"log_probability", "target": {id, token}, "wrong": {id,
// token} (logit difference only), "clean": m, "corrupted": m, "heads": [[…H…] per layer], "residual": [[…T…] per
// layer], "mlp": [[…T…] per layer]}: the restored fractions (activation_patching.h), layers in order from the first.
QJsonObject patchingJson(const ActivationPatching& patching);
// {"layer", "head" (1-based), "queries": [[x, y] per query], "keys": [[x, y] per key], "explained": [v1, v2],
// "key_shift": [t per d_k], "query_scale": c}: one head's queries and keys in AttentionViz's shared plane
// (qk_projection.h), the fractions of the variance the two axes hold, and the normalisation applied before PCA
// (keys + t, then queries × c and keys ÷ c).
QJsonObject qkProjectionJson(const QkProjection& projection, int layer, int head);

} // namespace attnlab::model
