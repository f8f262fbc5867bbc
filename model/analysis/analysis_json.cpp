#include "model/analysis/analysis_json.h"

#include "model/analysis/attention_flow.h"
#include "model/analysis/attention_rollout.h"

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

} // namespace attnlab::model
