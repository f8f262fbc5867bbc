// Tests model/checkpoints/stored_weight.cpp: F16 and BF16 weights kept as 16-bit values and converted on use,
// against bit patterns decoded by hand; F32 weights used in place; the NaN/infinity check on 16-bit values.

#include "model/checkpoints/stored_weight.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <cstdint>
#include <vector>

namespace tst_stored_weight {

using namespace attnlab::model;

class TestStoredWeight : public QObject {
    Q_OBJECT
private slots:
    // BF16 (2, 3): 0x3F80 = 1, 0xC000 = −2, 0x4049 = 3.140625 (sign, 8 exponent bits, 7 mantissa bits:
    // 1.5703125 · 2), 0x0000 = 0, 0x3E80 = 0.25, 0xBF00 = −0.5.
    void bfloat16ByHand()
    {
        const std::vector<std::uint16_t> bits{0x3F80, 0xC000, 0x4049, 0x0000, 0x3E80, 0xBF00};
        const StoredWeight w(bits.data(), DType::BF16, 2, 3);
        QVERIFY(!w.isFloat());
        QCOMPARE(w.dtype(), DType::BF16);
        QCOMPARE(w.size(), Eigen::Index(6));
        MatrixF scratch;
        const WeightView all = w.floats(scratch);
        QCOMPARE(all.data(), scratch.data()); // converted into the scratch
        ATTNLAB_COMPARE_MATRIX(Matrix(all.cast<double>()), (Matrix{{1, -2, 3.140625}, {0, 0.25, -0.5}}), 0.0);
        const WeightView second = w.rowsAsFloats(1, 1, scratch);
        ATTNLAB_COMPARE_MATRIX(Matrix(second.cast<double>()), (Matrix{{0, 0.25, -0.5}}), 0.0);
        const MatrixF gathered = w.gatherRows({1, 0, 1});
        ATTNLAB_COMPARE_MATRIX(Matrix(gathered.cast<double>()),
                               (Matrix{{0, 0.25, -0.5}, {1, -2, 3.140625}, {0, 0.25, -0.5}}), 0.0);
    }

    // F16: 0x3C00 = 1, 0xC000 = −2, 0x3555 = 1.3330078125 / 4 = 0.333251953125, 0x0001 = 2^−24 (subnormal).
    void float16ByHand()
    {
        const std::vector<std::uint16_t> bits{0x3C00, 0xC000, 0x3555, 0x0001};
        const StoredWeight w(bits.data(), DType::F16, 2, 2);
        MatrixF scratch;
        ATTNLAB_COMPARE_MATRIX(Matrix(w.floats(scratch).cast<double>()),
                               (Matrix{{1, -2}, {0.333251953125, 5.9604644775390625e-08}}), 0.0);
    }

    // F32 is never copied: the view, its rows and the scratch left untouched.
    void float32InPlace()
    {
        const MatrixF m{{1, 2}, {3, 4}, {5, 6}};
        const StoredWeight w = WeightView(m.data(), 3, 2);
        QVERIFY(w.isFloat());
        MatrixF scratch;
        QCOMPARE(w.floats(scratch).data(), m.data());
        QCOMPARE(w.rowsAsFloats(2, 1, scratch).data(), m.data() + 4);
        QCOMPARE(scratch.size(), Eigen::Index(0));
        ATTNLAB_COMPARE_MATRIX(Matrix(w.gatherRows({2}).cast<double>()), (Matrix{{5, 6}}), 0.0);
    }

    // All exponent bits set is infinity or NaN: BF16 0x7F80 / 0xFF80 / 0x7FC0, F16 0x7C00 / 0x7E00. The largest
    // finite values (BF16 0x7F7F, F16 0x7BFF) pass.
    void nonFiniteHalves()
    {
        for (std::uint16_t bad : {0x7F80, 0xFF80, 0x7FC0}) {
            const std::vector<std::uint16_t> v{0x3F80, bad};
            QVERIFY(!halvesAllFinite(v.data(), DType::BF16, v.size()));
        }
        for (std::uint16_t bad : {0x7C00, 0x7E00}) {
            const std::vector<std::uint16_t> v{0x3C00, bad};
            QVERIFY(!halvesAllFinite(v.data(), DType::F16, v.size()));
        }
        const std::vector<std::uint16_t> bf{0x7F7F, 0xFF7F}, f16{0x7BFF, 0xFBFF};
        QVERIFY(halvesAllFinite(bf.data(), DType::BF16, bf.size()));
        QVERIFY(halvesAllFinite(f16.data(), DType::F16, f16.size()));
        // F16's 0x7F7F is NaN, BF16's is finite: the exponent field differs.
        const std::vector<std::uint16_t> both{0x7F7F};
        QVERIFY(!halvesAllFinite(both.data(), DType::F16, 1));
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestStoredWeight)
} // namespace tst_stored_weight
#include "tst_stored_weight.moc"
