#pragma once

// Helpers shared by the tests: matrix comparison with a tolerance and the location of ../shared.

#include "model/core/matrix_types.h"
#include "model/trace/trace_matrix.h"

#include <QDir>
#include <QString>
#include <QTest>

#include <cmath>
#include <concepts>

// ATTNLAB_TEST_SANITIZED: built with AddressSanitizer or ThreadSanitizer, whose checks make the code several
// times slower. gcc names both with __SANITIZE_*__; clang 14 names only ASan so, TSan through __has_feature.
// ATTNLAB_TEST_THREAD_SANITIZER: built with ThreadSanitizer.
#if defined(__SANITIZE_THREAD__)
#define ATTNLAB_TEST_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ATTNLAB_TEST_THREAD_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(ATTNLAB_TEST_THREAD_SANITIZER)
#define ATTNLAB_TEST_SANITIZED 1
#endif

namespace attnlab::test {

// The shared test models: $ATTNLAB_SHARED, else ../shared beside the source tree.
inline QString sharedDir()
{
    const QByteArray env = qgetenv("ATTNLAB_SHARED");
    return env.isEmpty() ? QString::fromUtf8(ATTNLAB_SHARED_DIR) : QString::fromLocal8Bit(env);
}

// "" when a and b agree within tol everywhere, else a message naming the first differing entry.
inline QString compareMatrices(const model::Matrix& a, const model::Matrix& b, double tol)
{
    if (a.rows() != b.rows() || a.cols() != b.cols())
        return QStringLiteral("shape (%1, %2) vs (%3, %4)").arg(a.rows()).arg(a.cols()).arg(b.rows()).arg(b.cols());
    for (Eigen::Index r = 0; r < a.rows(); ++r)
        for (Eigen::Index c = 0; c < a.cols(); ++c)
            if (!(std::abs(a(r, c) - b(r, c)) <= tol))
                return QStringLiteral("(%1, %2): %3 vs %4").arg(r).arg(c).arg(a(r, c), 0, 'g', 12).arg(b(r, c), 0, 'g', 12);
    return {};
}

// A trace's matrix (double, or float32 read as the doubles it converts to exactly) against another. Templates
// that take a TraceMatrix only, so that an Eigen expression on either side goes to the Matrix overload.
template <typename A>
    requires std::same_as<A, model::TraceMatrix>
QString compareMatrices(const A& a, const model::Matrix& b, double tol)
{
    return compareMatrices(a.toDouble(), b, tol);
}
template <typename B>
    requires std::same_as<B, model::TraceMatrix>
QString compareMatrices(const model::Matrix& a, const B& b, double tol)
{
    return compareMatrices(a, b.toDouble(), tol);
}
template <typename A, typename B>
    requires std::same_as<A, model::TraceMatrix> && std::same_as<B, model::TraceMatrix>
QString compareMatrices(const A& a, const B& b, double tol)
{
    return compareMatrices(a.toDouble(), b.toDouble(), tol);
}

} // namespace attnlab::test

// Fails the current test with the first differing entry.
#define ATTNLAB_COMPARE_MATRIX(actual, expected, tol)                                                        \
    do {                                                                                                     \
        const QString attnlabDiff = attnlab::test::compareMatrices((actual), (expected), (tol));             \
        if (!attnlabDiff.isEmpty())                                                                          \
            QFAIL(qPrintable(QStringLiteral(#actual " != " #expected ": ") + attnlabDiff));                  \
    } while (false)
