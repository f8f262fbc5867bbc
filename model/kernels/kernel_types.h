#pragma once

// The matrix types the kernels are written for. Each kernel is one template on the scalar type and is
// instantiated for the project's two matrices: Matrix (double, column-major: matrix mode and the toy model)
// and MatrixF (float, row-major: the checkpoints' forward passes).

#ifndef Q_MOC_RUN // moc needs none of Eigen, and reading it is most of moc's time
#include <Eigen/Core>
#endif

namespace attnlab::model {

// (rows, cols) of Scalar in the storage order Options (Eigen::ColMajor or Eigen::RowMajor).
template <typename Scalar, int Options>
using KernelMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Options>;

// (cols): one parameter per feature, such as a norm's γ.
template <typename Scalar> using KernelRowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;

} // namespace attnlab::model
