#include "model/analysis/analysis_json.h"

#include "model/analysis/activation_patching.h"

#include "model/analysis/logit_lens.h"

#include "model/analysis/attention_flow.h"
#include "model/analysis/attention_rollout.h"
#include "model/analysis/qk_projection.h"

#include <cmath>

namespace attnlab::model {

namespace {

// (rows, cols) -> an array of rows; JSON has no NaN or infinity: null.
QJsonArray analysisMatrixJson(const Matrix& m)
{
    QJsonArray rows;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QJsonArray row;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row.append(std::isfinite(m(r, c)) ? QJsonValue(m(r, c)) : QJsonValue());
        rows.append(row);
    }
    return rows;
}

} // namespace

QJsonArray rolloutJson(const AttentionRollout& rollout)
{
    QJsonArray layers;
    for (const Matrix& r : rollout.layers)
        layers.append(analysisMatrixJson(r));
    return layers;
}

QJsonObject flowJson(const AttentionFlow& flow)
{
    return QJsonObject{{QStringLiteral("query"), flow.query},
                       {QStringLiteral("layers"), analysisMatrixJson(flow.normalised)},
                       {QStringLiteral("max_flow"), analysisMatrixJson(flow.maxFlow)}};
}

QJsonArray lensJson(const LogitLens& lens)
{
    QJsonArray layers;
    for (size_t l = 0; l < lens.layers.size(); ++l) {
        QJsonArray top, tokens;
        bool named = false;
        for (const Prediction& p : lens.layers[l]) {
            QJsonArray position;
            for (const auto& [id, probability] : p.top)
                position.append(QJsonArray{id, probability});
            top.append(position);
            tokens.append(QJsonArray::fromStringList(p.texts));
            named = named || !p.texts.isEmpty();
        }
        QJsonObject layer{{QStringLiteral("layer"), int(l) + 1}, {QStringLiteral("top"), top}};
        if (named) layer[QStringLiteral("tokens")] = tokens;
        layers.append(layer);
    }
    return layers;
}

QJsonObject patchingJson(const ActivationPatching& patching)
{
    const auto rowsOf = [](const Matrix& m) {
        QJsonArray rows;
        for (Eigen::Index r = 0; r < m.rows(); ++r) {
            QJsonArray row;
            for (Eigen::Index c = 0; c < m.cols(); ++c)
                row.append(m(r, c));
            rows.append(row);
        }
        return rows;
    };
    const auto token = [](int id, const QString& text) {
        QJsonObject object{{QStringLiteral("id"), id}};
        if (!text.isEmpty()) object[QStringLiteral("token")] = text;
        return object;
    };
    QJsonObject object{{QStringLiteral("position"), patching.position},
                       {QStringLiteral("metric"), patching.logitDifference() ? QStringLiteral("logit_difference")
                                                                             : QStringLiteral("log_probability")},
                       {QStringLiteral("target"), token(patching.target, patching.targetText)},
                       {QStringLiteral("clean"), patching.clean},
                       {QStringLiteral("corrupted"), patching.corrupted},
                       {QStringLiteral("heads"), rowsOf(patching.heads)},
                       {QStringLiteral("residual"), rowsOf(patching.residual)},
                       {QStringLiteral("mlp"), rowsOf(patching.mlp)}};
    if (patching.logitDifference()) object[QStringLiteral("wrong")] = token(patching.wrong, patching.wrongText);
    if (!patching.corruptedTokens.isEmpty())
        object[QStringLiteral("corrupted_tokens")] = QJsonArray::fromStringList(patching.corruptedTokens);
    return object;
}

QJsonObject qkProjectionJson(const QkProjection& projection, int layer, int head)
{
    QJsonArray shift;
    for (Eigen::Index i = 0; i < projection.keyShift.size(); ++i)
        shift.append(std::isfinite(projection.keyShift(i)) ? QJsonValue(projection.keyShift(i)) : QJsonValue());
    return QJsonObject{{QStringLiteral("layer"), layer + 1},
                       {QStringLiteral("head"), head + 1},
                       {QStringLiteral("queries"), analysisMatrixJson(projection.queries)},
                       {QStringLiteral("keys"), analysisMatrixJson(projection.keys)},
                       {QStringLiteral("explained"), QJsonArray{projection.explained[0], projection.explained[1]}},
                       {QStringLiteral("key_shift"), shift},
                       {QStringLiteral("query_scale"), projection.queryScale}};
}

} // namespace attnlab::model
