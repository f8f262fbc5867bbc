// Tests model/attention/multi_head_attention.cpp against a reference forward written with explicit loops.

#include "model/attention/multi_head_attention.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>

namespace tst_multi_head_attention {

using namespace attnlab::model;

namespace {

// Reference softmax(q kᵀ · scale) with explicit loops, optionally causal. q: (T, dk), k: (S, dk) -> (T, S)
Matrix referenceWeights(const Matrix& q, const Matrix& k, double scale, bool causal)
{
    Matrix w(q.rows(), k.rows());
    for (Eigen::Index t = 0; t < q.rows(); ++t) {
        double sum = 0;
        for (Eigen::Index s = 0; s < k.rows(); ++s) {
            double dot = 0;
            for (Eigen::Index i = 0; i < q.cols(); ++i)
                dot += q(t, i) * k(s, i);
            w(t, s) = (causal && s > t) ? 0.0 : std::exp(dot * scale);
            sum += w(t, s);
        }
        for (Eigen::Index s = 0; s < k.rows(); ++s)
            w(t, s) /= sum;
    }
    return w;
}

Matrix columns(const Matrix& m, Eigen::Index first, Eigen::Index count)
{
    Matrix out(m.rows(), count);
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < count; ++c)
            out(r, c) = m(r, first + c);
    return out;
}

} // namespace

class TestMultiHeadAttention : public QObject {
    Q_OBJECT
private slots:
    void concatenatedAndSumFormsAgree_data()
    {
        QTest::addColumn<int>("tokens");
        QTest::addColumn<int>("dModel");
        QTest::addColumn<int>("heads");
        QTest::addColumn<bool>("causal");
        QTest::newRow("1 head") << 4 << 4 << 1 << false;
        QTest::newRow("2 heads") << 5 << 8 << 2 << false;
        QTest::newRow("4 heads causal") << 6 << 16 << 4 << true;
        QTest::newRow("8 heads of 64") << 3 << 512 << 8 << false;
    }
    void concatenatedAndSumFormsAgree()
    {
        QFETCH(int, tokens);
        QFETCH(int, dModel);
        QFETCH(int, heads);
        QFETCH(bool, causal);
        const Matrix x = Matrix::Random(tokens, dModel);
        MultiHeadWeights w;
        w.heads = heads;
        const double init = 1.0 / std::sqrt(double(dModel));
        w.wq = Matrix::Random(dModel, dModel) * init;
        w.wk = Matrix::Random(dModel, dModel) * init;
        w.wv = Matrix::Random(dModel, dModel) * init;
        w.wo = Matrix::Random(dModel, dModel) * init;
        QVERIFY(validateWeights(w, dModel).ok());
        AttentionOptions options;
        options.mask = causal ? MaskSpec::causal() : MaskSpec::none();
        PositionalConfig none;
        none.kind = PositionalKind::None;
        std::vector<int> positions(static_cast<size_t>(tokens));
        for (int i = 0; i < tokens; ++i)
            positions[size_t(i)] = i;
        const LayerTrace layer = multiHeadAttention(x, x, w, options, none, positions, positions);
        QCOMPARE(int(layer.heads.size()), heads);

        // Concatenated form: Concat[H₁ … H_h] · W_O, each H_h = softmax(Q_h K_hᵀ/√d_k) V_h.
        const int dk = dModel / heads;
        const double scale = 1.0 / std::sqrt(double(dk));
        Matrix concat(tokens, dModel);
        // Sum form: Σ_h softmax(Q_h K_hᵀ/√d_k) · X · W_h^V · W_h^O, with W_h^O the h-th block of rows of W_O.
        Matrix sum = Matrix::Zero(tokens, dModel);
        for (int h = 0; h < heads; ++h) {
            const Matrix qh = x * columns(w.wq, h * dk, dk);
            const Matrix kh = x * columns(w.wk, h * dk, dk);
            const Matrix wvh = columns(w.wv, h * dk, dk);
            const Matrix a = referenceWeights(qh, kh, scale, causal);
            ATTNLAB_COMPARE_MATRIX(layer.heads[size_t(h)].weights.toDouble(), a, 1e-12);
            const Matrix hh = a * x * wvh;
            for (int t = 0; t < tokens; ++t)
                for (int c = 0; c < dk; ++c)
                    concat(t, h * dk + c) = hh(t, c);
            const Matrix woh = w.wo.block(h * dk, 0, dk, dModel);
            sum += a * x * wvh * woh;
            ATTNLAB_COMPARE_MATRIX(layer.heads[size_t(h)].contribution.toDouble(), Matrix(a * x * wvh * woh), 1e-10);
        }
        const Matrix concatenated = concat * w.wo;
        ATTNLAB_COMPARE_MATRIX(concatenated, sum, 1e-10);
        ATTNLAB_COMPARE_MATRIX(layer.attentionOutput.toDouble(), concatenated, 1e-10);
        Matrix contributions = Matrix::Zero(tokens, dModel);
        for (const HeadTrace& h : layer.heads)
            contributions += h.contribution.toDouble();
        ATTNLAB_COMPARE_MATRIX(contributions, layer.attentionOutput.toDouble(), 1e-10);
    }

    void crossAttentionShapes()
    {
        const Matrix x = Matrix::Random(3, 4), memory = Matrix::Random(5, 4);
        MultiHeadWeights w;
        w.heads = 2;
        w.wq = w.wk = w.wv = Matrix::Identity(4, 4);
        PositionalConfig none;
        none.kind = PositionalKind::None;
        const LayerTrace layer = multiHeadAttention(x, memory, w, {}, none, {0, 1, 2}, {0, 1, 2, 3, 4});
        QCOMPARE(layer.heads[0].weights.rows(), 3);
        QCOMPARE(layer.heads[0].weights.cols(), 5);
        QCOMPARE(layer.attentionOutput.rows(), 3);
        QCOMPARE(layer.attentionOutput.cols(), 4); // no W_O: the concatenation
        ATTNLAB_COMPARE_MATRIX(layer.heads[1].weights.toDouble(), referenceWeights(columns(x, 2, 2), columns(memory, 2, 2),
                                                                        1 / std::sqrt(2.0), false), 1e-12);
    }

    void invalidWeights_data()
    {
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("qCols");
        QTest::addColumn<int>("kCols");
        QTest::addColumn<int>("woRows");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("indivisible") << 3 << 4 << 4 << 4 << "W_q has 4 columns, which 3 heads";
        QTest::newRow("q/k widths") << 1 << 4 << 3 << 4 << "W_q is 4 × 4 but W_k is 4 × 3";
        QTest::newRow("W_O rows") << 2 << 4 << 4 << 3 << "W_o is 3 × 4 but must have 4 rows";
        QTest::newRow("zero heads") << 0 << 4 << 4 << 4 << "at least 1";
    }
    void invalidWeights()
    {
        QFETCH(int, heads);
        QFETCH(int, qCols);
        QFETCH(int, kCols);
        QFETCH(int, woRows);
        QFETCH(QString, fragment);
        MultiHeadWeights w;
        w.heads = heads;
        w.wq = Matrix::Zero(4, qCols);
        w.wk = Matrix::Zero(4, kCols);
        w.wv = Matrix::Zero(4, 4);
        w.wo = Matrix::Zero(woRows, 4);
        const auto r = validateWeights(w, 4);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(fragment), qPrintable(r.error()));
    }

    void alibiAddsLinearBias()
    {
        // With Q = 0 every score is 0 and the weights are softmax(−slope·|t − s|) exactly.
        const Matrix x = Matrix::Zero(3, 2);
        MultiHeadWeights w;
        w.heads = 1;
        w.wq = w.wk = w.wv = Matrix::Identity(2, 2);
        PositionalConfig alibi;
        alibi.kind = PositionalKind::Alibi;
        const LayerTrace layer = multiHeadAttention(x, x, w, {}, alibi, {0, 1, 2}, {0, 1, 2});
        const double slope = alibiSlopes(1)[0];
        const double e1 = std::exp(-slope), e2 = std::exp(-2 * slope);
        const RowVector row0 = (RowVector(3) << 1, e1, e2).finished() / (1 + e1 + e2);
        ATTNLAB_COMPARE_MATRIX(Matrix(layer.heads[0].weights.row(0)), Matrix(row0), 1e-12);
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestMultiHeadAttention)
} // namespace tst_multi_head_attention
#include "tst_multi_head_attention.moc"
