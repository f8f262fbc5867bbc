#include "model/analysis/ablation_effects.h"

#include <cmath>

namespace attnlab::model {

namespace {

// row (V) -> log softmax(row), in double.
Eigen::RowVectorXd logSoftmaxRow(const Eigen::Ref<const Eigen::RowVectorXf>& row)
{
    const Eigen::RowVectorXd x = row.cast<double>();
    const double max = x.maxCoeff();
    const double logSum = max + std::log((x.array() - max).exp().sum());
    return x.array() - logSum;
}

// The id of the largest entry; the lowest id among equals.
int topId(const Eigen::RowVectorXd& row)
{
    Eigen::Index best = 0;
    for (Eigen::Index i = 1; i < row.size(); ++i)
        if (row(i) > row(best)) best = i;
    return int(best);
}

} // namespace

std::vector<AblationEffect> ablationEffects(const MatrixF& before, const MatrixF& after)
{
    std::vector<AblationEffect> effects;
    if (before.rows() != after.rows() || before.cols() != after.cols() || before.cols() == 0) return effects;
    effects.reserve(size_t(before.rows()));
    for (Eigen::Index t = 0; t < before.rows(); ++t) {
        const Eigen::RowVectorXd b = logSoftmaxRow(before.row(t)), a = logSoftmaxRow(after.row(t));
        AblationEffect e;
        e.position = int(t);
        e.originalId = topId(b);
        e.originalBefore = b(e.originalId);
        e.originalAfter = a(e.originalId);
        e.topId = topId(a);
        e.topBefore = b(e.topId);
        e.topAfter = a(e.topId);
        effects.push_back(e);
    }
    return effects;
}

} // namespace attnlab::model
