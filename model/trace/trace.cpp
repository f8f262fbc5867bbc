#include "model/trace/trace.h"

namespace attnlab::model {

namespace {

// q: (T, d_k), k: (S, d_k), both of one precision -> (T, S) q · kᵀ in that precision.
template <typename M>
TraceMatrix product(const M& q, const M& k)
{
    M scores(q.rows(), k.rows());
    scores.noalias() = q * k.transpose();
    return TraceMatrix(std::move(scores));
}

} // namespace

TraceMatrix headScores(const HeadTrace& head)
{
    if (head.scores.size() > 0 || head.q.size() == 0) return head.scores;
    if (head.q.floats() && head.k.floats()) return product(*head.q.floats(), *head.k.floats());
    return product(head.q.toDouble(), head.k.toDouble());
}

double headScore(const HeadTrace& head, Eigen::Index query, Eigen::Index key)
{
    if (head.scores.size() > 0) return head.scores(query, key);
    if (head.q.floats() && head.k.floats())
        return double(head.q.floats()->row(query).dot(head.k.floats()->row(key)));
    return head.q.row(query).dot(head.k.row(key));
}

Matrix scaledScores(const HeadTrace& head, double scale)
{
    if (head.scaled.size() > 0) return head.scaled.toDouble();
    return headScores(head).toDouble() * scale;
}

double scaledScore(const HeadTrace& head, double scale, Eigen::Index query, Eigen::Index key)
{
    return head.scaled.size() > 0 ? head.scaled(query, key) : headScore(head, query, key) * scale;
}

TraceMatrix headContribution(const LayerTrace& layer, int head)
{
    const HeadTrace& h = layer.heads[size_t(head)];
    if (h.contribution.size() > 0 || layer.outputProjection.size() == 0) return h.contribution;
    const Eigen::Index dv = h.output.cols();
    if (h.output.floats() && layer.outputProjection.floats()) {
        MatrixF c(h.output.rows(), layer.outputProjection.cols());
        c.noalias() = *h.output.floats() * layer.outputProjection.floats()->middleRows(head * dv, dv);
        return TraceMatrix(std::move(c));
    }
    return TraceMatrix(Matrix(h.output.toDouble() * layer.outputProjection.toDouble().middleRows(head * dv, dv)));
}

RowVector headContributionRow(const LayerTrace& layer, int head, Eigen::Index query)
{
    const HeadTrace& h = layer.heads[size_t(head)];
    if (h.contribution.size() > 0) return h.contribution.row(query);
    if (layer.outputProjection.size() == 0) return RowVector();
    const Eigen::Index dv = h.output.cols();
    return layer.outputProjection.visit([&](const auto& wo) -> RowVector {
        using Scalar = typename std::decay_t<decltype(wo)>::Scalar;
        const Eigen::Matrix<Scalar, 1, Eigen::Dynamic> row = h.output.row(query).template cast<Scalar>(); // (d_v)
        return (row * wo.middleRows(head * dv, dv)).template cast<double>();
    });
}

} // namespace attnlab::model
