#include "model/attention/positional_encoding.h"

#include <QStringList>

#include <cmath>

namespace attnlab::model {

namespace {

// positions (n) -> (n) column of doubles, so that positions broadcast against frequency rows.
Vector positionColumn(const std::vector<int>& positions)
{
    return Eigen::Map<const Eigen::VectorXi>(positions.data(), Eigen::Index(positions.size())).cast<double>();
}

// Slopes of the reference code's get_slopes_power_of_2(n): start = 2^(−8/n), start^k for k = 1..n.
// Written as 2^(−8k/n) rather than start·ratio^(k−1): the same numbers, with one rounding instead of k.
std::vector<double> alibiSlopesPowerOfTwo(int n)
{
    std::vector<double> slopes(std::size_t(n), 0.0);
    for (int k = 1; k <= n; ++k)
        slopes[std::size_t(k - 1)] = std::exp2(-8.0 * k / n);
    return slopes;
}

} // namespace

Result<PositionalKind> parsePositionalKind(const QString& raw)
{
    if (const auto kind = enumValue(kPositionalKindNames, raw.trimmed().toLower())) return *kind;
    return Result<PositionalKind>::failure(QStringLiteral("unknown positional encoding \"%1\" (expected %2)")
                                               .arg(raw, enumNames(kPositionalKindNames).join(QStringLiteral(", "))));
}

QString positionalKindName(PositionalKind kind)
{
    return enumName(kPositionalKindNames, kind);
}

// T, d -> (T, d) with row i filled with i.
Matrix naiveEncoding(int positions, int dim)
{
    const Eigen::Index t = std::max(positions, 0);
    const Eigen::Index d = std::max(dim, 0);
    // LinSpaced(1, 0, 0) is [0]; for t == 0 the result is simply empty.
    return Vector::LinSpaced(t, 0.0, double(t - 1)).replicate(1, d);
}

// T, d -> (T, d): angle(p, j) = p · 10000^(−2⌊j/2⌋/d); even columns take its sine, odd columns its cosine.
// For odd d the last column (index d − 1, even) is a sine with no cosine partner.
Matrix sinusoidalEncoding(int positions, int dim)
{
    const Eigen::Index t = std::max(positions, 0);
    const Eigen::Index d = std::max(dim, 0);
    const Eigen::Index pairs = (d + 1) / 2; // columns 2i, i < pairs
    if (t == 0 || d == 0) return Matrix::Zero(t, d);

    // denominators: (pairs) row, 10000^(2i/d). The angles divide by it (rather than multiply by its inverse)
    // so each entry is exactly the paper's p / 10000^(2i/d).
    const RowVector exponents = RowVector::LinSpaced(pairs, 0.0, double(2 * (pairs - 1))) / double(d);
    const RowVector denominators = exponents.unaryExpr([](double e) { return std::pow(10000.0, e); });
    // angles: the (T, 1) position column broadcast over pairs, each column divided by its denominator.
    Matrix angles = Vector::LinSpaced(t, 0.0, double(t - 1)).replicate(1, pairs);
    angles.array().rowwise() /= denominators.array();

    Matrix pe(t, d);
    pe(Eigen::all, Eigen::seqN(0, pairs, 2)) = angles.array().sin().matrix();
    const Eigen::Index cosines = d / 2; // odd d: one fewer cosine column than sine columns
    pe(Eigen::all, Eigen::seqN(1, cosines, 2)) = angles.leftCols(cosines).array().cos().matrix();
    return pe;
}

Result<Matrix> additiveEncoding(const PositionalConfig& config, int positions, int dim)
{
    if (positions < 0 || dim < 0)
        return Result<Matrix>::failure(
            QStringLiteral("positional encoding: %1 positions of width %2 is not a shape")
                .arg(positions)
                .arg(dim));
    switch (config.kind) {
    case PositionalKind::None:
    case PositionalKind::Rope:  // rotates queries and keys inside attention instead
    case PositionalKind::Alibi: // biases the scores inside attention instead
        return Matrix(Matrix::Zero(positions, dim));
    case PositionalKind::Naive:
        return naiveEncoding(positions, dim);
    case PositionalKind::Sinusoidal:
        return sinusoidalEncoding(positions, dim);
    case PositionalKind::Learned: {
        const Matrix& table = config.learnedTable;
        if (table.cols() != dim || table.rows() < positions)
            return Result<Matrix>::failure(
                QStringLiteral(
                    "learned positional table is %1 × %2 but %3 positions of width %4 need at least "
                    "%3 × %4")
                    .arg(table.rows())
                    .arg(table.cols())
                    .arg(positions)
                    .arg(dim));
        return Matrix(table.topRows(positions));
    }
    }
    return Result<Matrix>::failure(QStringLiteral("unknown positional encoding kind"));
}

// h -> (h) slopes, as get_slopes(n) in Press et al.'s reference code: for h not a power of two, the slopes
// of the closest smaller power of two p, then every other slope of 2p (its odd-indexed exponents) up to h.
std::vector<double> alibiSlopes(int heads)
{
    if (heads < 1) return {};
    int closest = 1;
    while (closest * 2 <= heads)
        closest *= 2;
    std::vector<double> slopes = alibiSlopesPowerOfTwo(closest);
    if (closest == heads) return slopes;
    const std::vector<double> finer = alibiSlopesPowerOfTwo(2 * closest);
    for (int i = 0; i < heads - closest; ++i)
        slopes.push_back(finer[std::size_t(2 * i)]);
    return slopes;
}

// queryPositions (T), keyPositions (S) -> (T, S) = −slope · |t − s|.
Matrix alibiBias(const std::vector<int>& queryPositions, const std::vector<int>& keyPositions, double slope)
{
    const Eigen::Index s = Eigen::Index(keyPositions.size());
    // distance: (T, 1) broadcast over S columns, minus the (1, S) key row broadcast over T rows.
    Matrix distance = positionColumn(queryPositions).replicate(1, s);
    distance.rowwise() -= positionColumn(keyPositions).transpose();
    return -slope * distance.cwiseAbs();
}

} // namespace attnlab::model
