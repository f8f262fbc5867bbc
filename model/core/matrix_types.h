#pragma once

// Matrix conventions of the whole model layer: rows are tokens (or queries), columns are features
// (or keys). Matrix mode computes in double so that exact display (9/26, √2/2) stays recoverable.

#ifndef Q_MOC_RUN // moc needs none of Eigen, and reading it is most of moc's time
#include <Eigen/Core>
#endif

namespace attnlab::model {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using RowVector = Eigen::RowVectorXd;
// float32, row-major: the checkpoints' weights (used in place from the file) and their forward passes.
using MatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
// true where a query may attend a key: (T queries, S keys).
using BoolMatrix = Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>;

// The same shape and the same entries. Eigen's == compares entries only and asserts when the shapes differ.
inline bool sameMatrix(const BoolMatrix& a, const BoolMatrix& b)
{
    return a.rows() == b.rows() && a.cols() == b.cols() && a == b;
}

} // namespace attnlab::model
