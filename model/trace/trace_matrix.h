#pragma once

// TraceMatrix: one matrix of a Trace, kept in the precision its producer computed it in. Matrix mode and the
// toy model compute in double (exact fractions, hand-checked numbers) and store double; a checkpoint's forward
// computes in float32 and stores float32, half the memory of the double copy it used to make (a GPT-2-small
// trace of 1024 tokens is gigabytes, almost all of it q, k, v, scores, weights and contributions).
//
// Readers see doubles either way: operator()(r, c) converts one entry, toDouble() the whole matrix for Eigen
// arithmetic, and visit() hands the stored Matrix or MatrixF to code that is written for both (a template or a
// generic lambda), without a copy. A float32 entry read as double is exactly the value the forward computed, so
// everything derived from it (views, JSON, safetensors) is what it was when the trace held the double cast.
//
// A TraceMatrix is written whole and never changed in place, so copies share one stored matrix: the residual
// stream entering a layer is the one that left the layer before, and a layer's attention output is also its
// residual's, at no extra memory.

#include "model/core/matrix_types.h"

#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>
#include <variant>

namespace attnlab::model {

class TraceMatrix {
public:
    TraceMatrix() = default;
    // Copies share the stored matrix; there is no move, so that a moved-from TraceMatrix still holds one.
    TraceMatrix(const TraceMatrix&) = default;
    TraceMatrix& operator=(const TraceMatrix&) = default;
    // Implicit: a producer assigns its result, `head.weights = weights;`, moved in when it is a temporary.
    TraceMatrix(Matrix m) : m_value(std::make_shared<const Storage>(std::move(m))) {}
    TraceMatrix(MatrixF m) : m_value(std::make_shared<const Storage>(std::move(m))) {}
    // An Eigen expression (a product, a block, Matrix::Zero) is evaluated in its own scalar type: double into
    // Matrix, float into MatrixF.
    template <typename Derived>
    TraceMatrix(const Eigen::MatrixBase<Derived>& expression)
    {
        using Scalar = typename Derived::Scalar;
        static_assert(std::is_same_v<Scalar, double> || std::is_same_v<Scalar, float>,
                      "a trace holds double or float32 matrices");
        if constexpr (std::is_same_v<Scalar, double>)
            m_value = std::make_shared<const Storage>(Matrix(expression));
        else
            m_value = std::make_shared<const Storage>(MatrixF(expression));
    }

    // f(const Matrix&) or f(const MatrixF&), whichever is stored: reading without a copy.
    template <typename F>
    decltype(auto) visit(F&& f) const
    {
        return std::visit(std::forward<F>(f), *m_value);
    }

    bool isFloat() const { return std::holds_alternative<MatrixF>(*m_value); }
    Eigen::Index rows() const { return visit([](const auto& m) { return m.rows(); }); }
    Eigen::Index cols() const { return visit([](const auto& m) { return m.cols(); }); }
    Eigen::Index size() const { return rows() * cols(); }
    // The bytes of the entries: 8 per double, 4 per float32.
    std::int64_t bytes() const
    {
        return visit([](const auto& m) {
            return std::int64_t(m.size()) * std::int64_t(sizeof(typename std::decay_t<decltype(m)>::Scalar));
        });
    }

    // (r, c) must be in range.
    double operator()(Eigen::Index r, Eigen::Index c) const
    {
        if (const MatrixF* f = std::get_if<MatrixF>(m_value.get())) return double((*f)(r, c));
        return std::get<Matrix>(*m_value)(r, c);
    }

    // The whole matrix in double: a copy (a conversion for float32) for readers that do Eigen arithmetic.
    Matrix toDouble() const
    {
        if (const MatrixF* f = std::get_if<MatrixF>(m_value.get())) return f->cast<double>();
        return std::get<Matrix>(*m_value);
    }
    // (cols): a copy of row r in double. const, so that writing into it (`m.row(r) << …`) does not compile
    // instead of changing nothing: a TraceMatrix is written whole.
    const RowVector row(Eigen::Index r) const
    {
        return visit([r](const auto& m) -> RowVector { return m.row(r).template cast<double>(); });
    }
    bool allFinite() const { return visit([](const auto& m) { return m.allFinite(); }); }

    // The stored matrix, or nullptr when the other precision is stored.
    const Matrix* doubles() const { return std::get_if<Matrix>(m_value.get()); }
    const MatrixF* floats() const { return std::get_if<MatrixF>(m_value.get()); }

    // Whether two matrices are one stored matrix (a layer's input and the previous layer's output), to count and
    // write it once.
    bool sharesWith(const TraceMatrix& other) const { return m_value == other.m_value && size() > 0; }
    // The identity of the stored matrix, the same for every copy: to count or write shared matrices once.
    const void* storageId() const { return m_value.get(); }

    // The same shape and the same entries read as double, whichever precision each stores.
    friend bool operator==(const TraceMatrix& a, const TraceMatrix& b)
    {
        if (a.m_value == b.m_value) return true;
        if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
        for (Eigen::Index r = 0; r < a.rows(); ++r)
            for (Eigen::Index c = 0; c < a.cols(); ++c)
                if (!(a(r, c) == b(r, c))) return false;
        return true;
    }

private:
    using Storage = std::variant<Matrix, MatrixF>;
    static const std::shared_ptr<const Storage>& empty()
    {
        static const std::shared_ptr<const Storage> none = std::make_shared<const Storage>();
        return none;
    }
    std::shared_ptr<const Storage> m_value = empty();
};

// TraceMask: a head's mask (T, S), true where the query may attend the key. Every head of a layer applies the
// same mask, so the heads share one copy (a checkpoint's layer of 12 heads at 1024 tokens: 1 MB instead of 12).
// Read it like the BoolMatrix it holds; assigning a BoolMatrix stores a new one.
class TraceMask {
public:
    TraceMask() : m_mask(empty()) {}
    TraceMask(BoolMatrix mask) : m_mask(std::make_shared<const BoolMatrix>(std::move(mask))) {}
    template <typename Derived>
    TraceMask(const Eigen::MatrixBase<Derived>& mask) : TraceMask(BoolMatrix(mask))
    {
    }

    const BoolMatrix& matrix() const { return *m_mask; }
    operator const BoolMatrix&() const { return *m_mask; } // no copy: the shared matrix itself
    Eigen::Index rows() const { return m_mask->rows(); }
    Eigen::Index cols() const { return m_mask->cols(); }
    Eigen::Index size() const { return m_mask->size(); }
    bool operator()(Eigen::Index r, Eigen::Index c) const { return (*m_mask)(r, c); }
    auto array() const { return m_mask->array(); }
    bool all() const { return m_mask->all(); }
    template <typename Then, typename Else>
    auto select(const Then& then, const Else& otherwise) const
    {
        return m_mask->select(then, otherwise);
    }
    // Whether two masks are one stored matrix (the heads of a layer), to count and write it once.
    bool sharesWith(const TraceMask& other) const { return m_mask == other.m_mask; }

    // The same shape and entries.
    friend bool operator==(const TraceMask& a, const TraceMask& b)
    {
        return a.rows() == b.rows() && a.cols() == b.cols() && a.matrix() == b.matrix();
    }

private:
    static const std::shared_ptr<const BoolMatrix>& empty()
    {
        static const std::shared_ptr<const BoolMatrix> none = std::make_shared<const BoolMatrix>();
        return none;
    }
    std::shared_ptr<const BoolMatrix> m_mask;
};

} // namespace attnlab::model
