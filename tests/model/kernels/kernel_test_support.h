#pragma once

// What the kernel tests share: every check runs once per instantiation of the kernel, "double" (Matrix,
// column-major) and "float" (MatrixF, row-major), with matrices written as rows.

#include "model/core/matrix_types.h"
#include "model/kernels/kernel_types.h"

#include <QTest>

#include <initializer_list>

namespace attnlab::test {

// The data rows of a test that runs for both types.
inline void addKernelTypes()
{
    QTest::addColumn<bool>("isFloat");
    QTest::newRow("double") << false;
    QTest::newRow("float") << true;
}

// rows: R lists of C numbers -> an (R, C) matrix of the kernel's type.
template <typename Scalar, int Options>
model::KernelMatrix<Scalar, Options> rowsOf(std::initializer_list<std::initializer_list<double>> rows)
{
    model::KernelMatrix<Scalar, Options> m(Eigen::Index(rows.size()), Eigen::Index(rows.begin()->size()));
    Eigen::Index r = 0;
    for (const auto& row : rows) {
        Eigen::Index c = 0;
        for (double v : row)
            m(r, c++) = Scalar(v);
        ++r;
    }
    return m;
}

// An expected result, in double whatever the kernel's type.
inline model::Matrix expectedRows(std::initializer_list<std::initializer_list<double>> rows)
{
    return rowsOf<double, Eigen::ColMajor>(rows);
}

// A kernel's result, widened to double for ATTNLAB_COMPARE_MATRIX.
template <typename Scalar, int Options> model::Matrix toDouble(const model::KernelMatrix<Scalar, Options>& m)
{
    return m.template cast<double>();
}

} // namespace attnlab::test

// Runs check<Scalar, Options>() for the data row's type (addKernelTypes).
#define ATTNLAB_FOR_TYPE(check)                                                                              \
    do {                                                                                                     \
        QFETCH(bool, isFloat);                                                                               \
        if (isFloat)                                                                                         \
            check<float, Eigen::RowMajor>();                                                                 \
        else                                                                                                 \
            check<double, Eigen::ColMajor>();                                                                \
    } while (false)
