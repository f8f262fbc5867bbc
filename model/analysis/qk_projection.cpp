#include "model/analysis/qk_projection.h"

#include "model/trace/trace.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

namespace attnlab::model {

namespace {

// Mean Euclidean norm of the rows of m (R, d) -> ‖row‖ averaged; 0 without rows.
double qkMeanRowNorm(const Matrix& m)
{
    return m.rows() > 0 ? m.rowwise().norm().mean() : 0.0;
}

// A component with its sign fixed: the entry of largest magnitude (the first of equal ones) is positive.
Vector qkSignFixed(Vector v)
{
    Eigen::Index largest = 0;
    for (Eigen::Index i = 1; i < v.size(); ++i)
        if (std::abs(v(i)) > std::abs(v(largest)) * (1 + 1e-12)) largest = i;
    if (v.size() > 0 && v(largest) < 0) v = -v;
    return v;
}

} // namespace

QkProjection projectQueriesAndKeys(const Matrix& q, const Matrix& k)
{
    QkProjection p;
    const Eigen::Index dims = q.cols(), queries = q.rows(), keys = k.rows();
    if (dims == 0 || dims != k.cols() || queries == 0 || keys == 0) return p;

    // Key translation: the keys' centroid onto the queries' (t: (d_k)).
    p.keyShift = q.colwise().mean() - k.colwise().mean();
    const Matrix shifted = k.rowwise() + p.keyShift;
    // Scaling: equal mean norms, c² = mean‖k‖ / mean‖q‖.
    const double qNorm = qkMeanRowNorm(q), kNorm = qkMeanRowNorm(shifted);
    p.queryScale = qNorm > 0 && kNorm > 0 && std::isfinite(qNorm) && std::isfinite(kNorm) ? std::sqrt(kNorm / qNorm) : 1.0;

    // points: (T + S, d_k), the queries then the keys.
    Matrix points(queries + keys, dims);
    points.topRows(queries) = q * p.queryScale;
    points.bottomRows(keys) = shifted / p.queryScale;
    p.mean = points.colwise().mean();
    points.rowwise() -= p.mean;

    // Covariance (d_k, d_k) of the centred points; its eigenvalues ascending, so the last two are the top two.
    const Matrix covariance = points.transpose() * points / double(points.rows());
    p.components = Matrix::Zero(dims, 2);
    const double total = covariance.trace();
    if (total > 0 && std::isfinite(total)) {
        const Eigen::SelfAdjointEigenSolver<Matrix> solver(covariance);
        const Vector& values = solver.eigenvalues();
        for (int c = 0; c < 2 && c < dims; ++c) {
            const Eigen::Index index = dims - 1 - c;
            // A component of (numerically) no variance stays zero: a line's second axis, a single point's both.
            const double value = std::max(0.0, values(index));
            if (value <= total * 1e-12) continue;
            p.components.col(c) = qkSignFixed(solver.eigenvectors().col(index));
            p.explained[c] = std::min(1.0, value / total);
        }
    }
    const Matrix projected = points * p.components; // (T + S, 2)
    p.queries = projected.topRows(queries);
    p.keys = projected.bottomRows(keys);
    return p;
}

QkProjection projectHeadQueriesAndKeys(const HeadTrace& head)
{
    return projectQueriesAndKeys(head.q.toDouble(), head.k.toDouble());
}

std::vector<int> strongestKeys(const RowVector& weights, int count, double floor)
{
    std::vector<int> order;
    for (Eigen::Index j = 0; j < weights.size(); ++j)
        if (weights(j) > std::max(0.0, floor)) order.push_back(int(j));
    std::stable_sort(order.begin(), order.end(), [&weights](int a, int b) { return weights(a) > weights(b); });
    if (int(order.size()) > std::max(0, count)) order.resize(size_t(std::max(0, count)));
    return order;
}

} // namespace attnlab::model
