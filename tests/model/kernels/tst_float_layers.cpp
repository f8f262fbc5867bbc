// Tests model/kernels/float_layers.cpp. topPredictions on logits whose softmax is known by hand (the logs of
// 1, 2, 3, 4 give 0.1, 0.2, 0.3, 0.4); attendHeadsF on a case worked out by hand and against a reference
// written here with explicit loops in double from the published equations, per head h:
//   scores = Q_h K_gᵀ, weights = softmax(scores · scale) over the allowed keys, output_h = weights V_g,
//   contribution_h = output_h · W_O^h (rows h·dh .. h·dh + dh − 1 of W_O as (heads·dh, d)),
// where query head h reads key/value head g = h / (heads / kvHeads), and Σ_h contribution_h = Concat · W_O.

#include "model/kernels/float_layers.h"
#include "model/kernels/kernel_test_support.h"
#include "test_support.h"
#include "test_registry.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>

Q_DECLARE_METATYPE(attnlab::model::WeightLayout)

namespace tst_float_layers {

using namespace attnlab::model;

namespace {

MatrixF floats(std::initializer_list<std::initializer_list<double>> rows)
{
    return attnlab::test::rowsOf<float, Eigen::RowMajor>(rows);
}

Matrix doubles(std::initializer_list<std::initializer_list<double>> rows)
{
    return floats(rows).cast<double>();
}

// (rows, cols) of U(−scale, scale), reproducible.
MatrixF randomFloats(QRandomGenerator& rng, Eigen::Index rows, Eigen::Index cols, double scale)
{
    MatrixF m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = float(scale * (2 * rng.generateDouble() - 1));
    return m;
}

// (T, T): query t may attend keys s ≤ t.
BoolMatrix causal(Eigen::Index n)
{
    BoolMatrix m(n, n);
    for (Eigen::Index t = 0; t < n; ++t)
        for (Eigen::Index s = 0; s < n; ++s)
            m(t, s) = s <= t;
    return m;
}

// scaled, allowed: (T, S) -> each row's exp(x − max) / Σ exp(x − max) over its allowed keys, 0 elsewhere; a
// row with no allowed key is all 0.
Matrix referenceSoftmax(const Matrix& scaled, const BoolMatrix& allowed)
{
    Matrix w = Matrix::Zero(scaled.rows(), scaled.cols());
    for (Eigen::Index t = 0; t < scaled.rows(); ++t) {
        double max = -std::numeric_limits<double>::infinity();
        for (Eigen::Index s = 0; s < scaled.cols(); ++s)
            if (allowed(t, s)) max = std::max(max, scaled(t, s));
        double sum = 0.0;
        for (Eigen::Index s = 0; s < scaled.cols(); ++s)
            if (allowed(t, s)) sum += (w(t, s) = std::exp(scaled(t, s) - max));
        if (sum > 0)
            for (Eigen::Index s = 0; s < scaled.cols(); ++s)
                w(t, s) /= sum;
    }
    return w;
}

struct ReferenceHead {
    Matrix q, k, v;      // (T, dh), (S, dh), (S, dh)
    Matrix scores;       // (T, S)
    Matrix weights;      // (T, S)
    Matrix output;       // (T, dh)
    Matrix contribution; // (T, d)
};

// q: (T, heads·dh), k, v: (S, kvHeads·dh), wo: (heads·dh, d) -> head h by the equations in the file comment.
ReferenceHead referenceHead(const Matrix& q, const Matrix& k, const Matrix& v, int heads, int kvHeads, int h,
                            double scale, const BoolMatrix& allowed, const Matrix& wo)
{
    const Eigen::Index T = q.rows(), S = k.rows(), dh = q.cols() / heads;
    const int g = h / (heads / kvHeads);
    ReferenceHead r;
    r.q = Matrix(T, dh);
    r.k = Matrix(S, dh);
    r.v = Matrix(S, dh);
    for (Eigen::Index e = 0; e < dh; ++e) {
        for (Eigen::Index t = 0; t < T; ++t)
            r.q(t, e) = q(t, h * dh + e);
        for (Eigen::Index s = 0; s < S; ++s) {
            r.k(s, e) = k(s, g * dh + e);
            r.v(s, e) = v(s, g * dh + e);
        }
    }
    r.scores = Matrix(T, S);
    for (Eigen::Index t = 0; t < T; ++t)
        for (Eigen::Index s = 0; s < S; ++s) {
            double dot = 0.0;
            for (Eigen::Index e = 0; e < dh; ++e)
                dot += r.q(t, e) * r.k(s, e);
            r.scores(t, s) = dot;
        }
    r.weights = referenceSoftmax(r.scores * scale, allowed);
    r.output = Matrix::Zero(T, dh);
    for (Eigen::Index t = 0; t < T; ++t)
        for (Eigen::Index s = 0; s < S; ++s)
            for (Eigen::Index e = 0; e < dh; ++e)
                r.output(t, e) += r.weights(t, s) * r.v(s, e);
    r.contribution = Matrix::Zero(T, wo.cols());
    for (Eigen::Index t = 0; t < T; ++t)
        for (Eigen::Index j = 0; j < wo.cols(); ++j)
            for (Eigen::Index e = 0; e < dh; ++e)
                r.contribution(t, j) += r.output(t, e) * wo(h * dh + e, j);
    return r;
}

// The ids of a prediction, most probable first.
std::vector<int> idsOf(const Prediction& p)
{
    std::vector<int> ids;
    for (const auto& [id, probability] : p.top)
        ids.push_back(id);
    return ids;
}

void compareProbabilities(const Prediction& p, const std::vector<double>& expected, double tol)
{
    QCOMPARE(p.top.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(
            std::abs(p.top[i].second - expected[i]) <= tol,
            qPrintable(
                QStringLiteral("rank %1: %2, expected %3").arg(i).arg(p.top[i].second).arg(expected[i])));
}

} // namespace

class TestFloatLayers : public QObject {
    Q_OBJECT

private slots:
    void predictionsOfKnownProbabilities();
    void predictionsKeepTheTopFive();
    void predictionsBreakTiesByLowerId();
    void predictionsOfExtremeLogits();
    void predictionsFromAHeadInBlocks();
    void attendByHand_data();
    void attendByHand();
    void attendMatchesReference_data();
    void attendMatchesReference();
    void attendLongTextsInBlocks_data();
    void attendLongTextsInBlocks();
};

// Logits ln 1, ln 2, ln 3, ln 4 exponentiate to 1..4 of sum 10: softmax 0.1, 0.2, 0.3, 0.4. Adding a constant
// to a row (5 here) changes nothing. V = 4 < 5: all four are kept, most probable first; every row is a
// position.
void TestFloatLayers::predictionsOfKnownProbabilities()
{
    const double l2 = std::log(2.0), l3 = std::log(3.0), l4 = std::log(4.0);
    const std::vector<Prediction> p = topPredictions(floats({{0, l2, l3, l4}, {5 + l4, 5 + l3, 5 + l2, 5}}));
    QCOMPARE(p.size(), size_t(2));
    QCOMPARE(p[0].position, 0);
    QCOMPARE(p[1].position, 1);
    QCOMPARE(idsOf(p[0]), (std::vector<int>{3, 2, 1, 0}));
    QCOMPARE(idsOf(p[1]), (std::vector<int>{0, 1, 2, 3}));
    compareProbabilities(p[0], {0.4, 0.3, 0.2, 0.1}, 1e-6);
    compareProbabilities(p[1], {0.4, 0.3, 0.2, 0.1}, 1e-6);
    QVERIFY(p[0].texts.isEmpty()); // texts come from a tokenizer, later

    // One token in the vocabulary: certain.
    const std::vector<Prediction> one = topPredictions(floats({{-3}}));
    QCOMPARE(idsOf(one[0]), std::vector<int>{0});
    compareProbabilities(one[0], {1.0}, 0.0);
    // No positions: no predictions.
    QVERIFY(topPredictions(MatrixF(0, 4)).empty());
}

// V = 7: logits ln 3, ln 7, ln 1, ln 5, ln 2, ln 6, ln 4 at ids 0..6, whose exponentials sum to 28. The top
// five are ids 1, 5, 3, 6, 0 with 7/28, 6/28, 5/28, 4/28, 3/28; ids 4 and 2 (2/28, 1/28) are left out, and
// the probabilities are still shares of all seven.
void TestFloatLayers::predictionsKeepTheTopFive()
{
    std::vector<double> counts{3, 7, 1, 5, 2, 6, 4};
    MatrixF logits(1, 7);
    for (int i = 0; i < 7; ++i)
        logits(0, i) = float(std::log(counts[size_t(i)]));
    const std::vector<Prediction> p = topPredictions(logits);
    QCOMPARE(idsOf(p[0]), (std::vector<int>{1, 5, 3, 6, 0}));
    compareProbabilities(p[0], {7.0 / 28, 6.0 / 28, 5.0 / 28, 4.0 / 28, 3.0 / 28}, 1e-6);
}

// Equal probabilities are ranked by id. Six equal logits: 1/6 each, ids 0..4 of 0..5. [ln 2, 0, ln 2, 0, −50,
// −50] exponentiates to 2, 1, 2, 1 and twice e^−50 (shifted by ln 2: 1, 1/2, 1, 1/2, e^−50/2, e^−50/2), so
// ids 0 and 2 (1/3) come before 1 and 3 (1/6), then 4 before 5 (both ~1e−23).
void TestFloatLayers::predictionsBreakTiesByLowerId()
{
    const double l2 = std::log(2.0);
    const std::vector<Prediction> p = topPredictions(floats({{0, 0, 0, 0, 0, 0}, {l2, 0, l2, 0, -50, -50}}));
    QCOMPARE(idsOf(p[0]), (std::vector<int>{0, 1, 2, 3, 4}));
    compareProbabilities(p[0], std::vector<double>(5, 1.0 / 6), 1e-15);
    QCOMPARE(idsOf(p[1]), (std::vector<int>{0, 2, 1, 3, 4}));
    compareProbabilities(p[1], {1.0 / 3, 1.0 / 3, 1.0 / 6, 1.0 / 6, 0.0}, 1e-7);
}

// exp(1000) is infinite in float and double; the row maximum is subtracted first, so [1000, 999] is
// [1, e^−1] / (1 + e^−1). The float lowest gives exactly 0.
void TestFloatLayers::predictionsOfExtremeLogits()
{
    const double e = std::exp(-1.0);
    const std::vector<Prediction> p =
        topPredictions(floats({{1000, 999}, {std::numeric_limits<float>::lowest(), 0}}));
    QCOMPARE(idsOf(p[0]), (std::vector<int>{0, 1}));
    compareProbabilities(p[0], {1 / (1 + e), e / (1 + e)}, 1e-15);
    QCOMPARE(idsOf(p[1]), (std::vector<int>{1, 0}));
    // e^(lowest float) is 0 in any double; Eigen's vectorised exp clamps its argument near −708 and may give the
    // smallest subnormals (5.6e-309 with SSE2) instead of 0.
    compareProbabilities(p[1], {1.0, 0.0}, 1e-300);
}

// A head over 9000 ids, three chunks of the vocabulary (4096, 4096, 808), 150 positions. weight row i = (0, 1)
// except five ids k = 1 … 5 at the chunks' edges, (k, 1): id 4096 k = 1, 8999 k = 2, 100 k = 3, 8191 k = 4, 4095
// k = 5; a constant bias 3. Position t:
//   t % 3 = 0, hidden (ln 2, 0): the five ids have exp(logit − 3) = 2^k, every other 1: p = 2^k / (62 + 8995),
//            top ids 4095, 8191, 100, 8999, 4096;
//   t % 3 = 1, hidden (−ln 2, 0): the five have 2^−k < 1: top ids 0 … 4, each 1 / (31/32 + 8995);
//   t % 3 = 2, hidden (0, 1): every logit equal: top ids 0 … 4 (ties go to the lower id), each 1 / 9000.
void TestFloatLayers::predictionsFromAHeadInBlocks()
{
    const Eigen::Index T = 150, V = 9000;
    const float ln2 = std::log(2.0f);
    MatrixF hidden(T, 2);
    for (Eigen::Index t = 0; t < T; ++t) {
        if (t % 3 == 0) hidden.row(t) << ln2, 0.0f;
        if (t % 3 == 1) hidden.row(t) << -ln2, 0.0f;
        if (t % 3 == 2) hidden.row(t) << 0.0f, 1.0f;
    }
    MatrixF weight(V, 2);
    weight.col(0).setZero();
    weight.col(1).setOnes();
    const std::vector<std::pair<int, int>> special{{4096, 1}, {8999, 2}, {100, 3}, {8191, 4}, {4095, 5}};
    for (const auto& [id, k] : special)
        weight(id, 0) = float(k);
    const RowVectorF bias = RowVectorF::Constant(V, 3.0f);
    const std::vector<Prediction> p = topPredictions(hidden, WeightView(weight.data(), V, 2), bias);
    QCOMPARE(p.size(), size_t(T));
    for (Eigen::Index t = 0; t < T; ++t) {
        const Prediction& at = p[size_t(t)];
        QCOMPARE(at.position, int(t));
        QCOMPARE(at.top.size(), size_t(5));
        for (int r = 0; r < 5; ++r) {
            int id = r;
            double expected = t % 3 == 1 ? 1.0 / (31.0 / 32.0 + 8995.0) : 1.0 / 9000.0;
            if (t % 3 == 0) {
                id = special[size_t(4 - r)].first;
                expected = double(1 << (5 - r)) / (62.0 + 8995.0);
            }
            QCOMPARE(at.top[size_t(r)].first, id);
            QVERIFY2(std::abs(at.top[size_t(r)].second - expected) < 1e-6 * expected,
                     qPrintable(QStringLiteral("t %1 rank %2: %3 vs %4").arg(t).arg(r).arg(at.top[size_t(r)].second).arg(expected)));
        }
    }
    // logitsOf gives every logit: k·(±ln 2) + 3 at the five ids, 3 elsewhere (4 at t % 3 = 2).
    const MatrixF logits = logitsOf(hidden, WeightView(weight.data(), V, 2), bias);
    QCOMPARE(logits.rows(), T);
    QCOMPARE(logits.cols(), V);
    QVERIFY(std::abs(logits(0, 4095) - (5 * ln2 + 3)) < 1e-5);
    QVERIFY(std::abs(logits(1, 4095) - (-5 * ln2 + 3)) < 1e-5);
    QCOMPARE(logits(2, 7), 4.0f);
}

void TestFloatLayers::attendByHand_data()
{
    QTest::addColumn<WeightLayout>("layout");
    QTest::newRow("InOut (Conv1D)") << WeightLayout::InOut;
    QTest::newRow("OutIn (Linear)") << WeightLayout::OutIn;
}

// One head, dh = 2, two tokens under the causal mask, scale 1/2:
//   q = [[1, 0], [0, 2]], k = [[1, 1], [3, 1]]  -> scores = Q Kᵀ = [[1, 3], [2, 2]] (stored before the mask)
//   row 0 sees key 0 only: (1, 0); row 1 has equal scores 1, 1: (1/2, 1/2)
//   v = [[2, 4], [6, 0]]                         -> output = [[2, 4], (2, 4)/2 + (6, 0)/2] = [[2, 4], [4, 2]]
//   W_O = [[1, 0, −1], [1/2, 2, 0]] as (in, out) -> contribution = [[2 + 2, 8, −2], [4 + 1, 4, −4]]
// stored as (out, in) for OutIn: the same projection.
void TestFloatLayers::attendByHand()
{
    QFETCH(WeightLayout, layout);
    const MatrixF q = floats({{1, 0}, {0, 2}}), k = floats({{1, 1}, {3, 1}}), v = floats({{2, 4}, {6, 0}});
    const MatrixF wInOut = floats({{1, 0, -1}, {0.5, 2, 0}});
    const MatrixF w = layout == WeightLayout::InOut ? wInOut : MatrixF(wInOut.transpose());
    const Eigen::Map<const MatrixF> outProj(w.data(), w.rows(), w.cols());
    MatrixF concat(2, 2);
    LayerTrace layer;
    attendHeadsF(q, k, v, 1, 1, 0.5f, causal(2), outProj, layout, concat, layer);
    QCOMPARE(layer.heads.size(), size_t(1));
    const HeadTrace& h = layer.heads[0];
    ATTNLAB_COMPARE_MATRIX(h.q.toDouble(), doubles({{1, 0}, {0, 2}}), 0.0);
    ATTNLAB_COMPARE_MATRIX(h.k.toDouble(), doubles({{1, 1}, {3, 1}}), 0.0);
    ATTNLAB_COMPARE_MATRIX(h.v.toDouble(), doubles({{2, 4}, {6, 0}}), 0.0);
    // Scores, scaled scores and the contribution are not stored: derived from q, k and W_O when read.
    QCOMPARE(h.scores.size(), Eigen::Index(0));
    QCOMPARE(h.scaled.size(), Eigen::Index(0));
    QCOMPARE(h.contribution.size(), Eigen::Index(0));
    ATTNLAB_COMPARE_MATRIX(headScores(h).toDouble(), doubles({{1, 3}, {2, 2}}), 0.0);
    QCOMPARE(headScore(h, 1, 0), 2.0);
    ATTNLAB_COMPARE_MATRIX(layer.outputProjection.toDouble(), wInOut.cast<double>(), 0.0);
    ATTNLAB_COMPARE_MATRIX(scaledScores(h, 0.5), doubles({{0.5, 1.5}, {1, 1}}), 0.0);
    QVERIFY(h.allowed == causal(2));
    ATTNLAB_COMPARE_MATRIX(h.weights.toDouble(), doubles({{1, 0}, {0.5, 0.5}}), 1e-7);
    ATTNLAB_COMPARE_MATRIX(h.output.toDouble(), doubles({{2, 4}, {4, 2}}), 1e-6);
    ATTNLAB_COMPARE_MATRIX(headContribution(layer, 0).toDouble(), doubles({{4, 8, -2}, {5, 4, -4}}), 1e-6);
    ATTNLAB_COMPARE_MATRIX(Matrix(headContributionRow(layer, 0, 1)), doubles({{5, 4, -4}}), 1e-6);
    ATTNLAB_COMPARE_MATRIX(Matrix(concat.cast<double>()), doubles({{2, 4}, {4, 2}}), 1e-6);
}

void TestFloatLayers::attendLongTextsInBlocks_data()
{
    QTest::addColumn<QString>("maskKind");
    QTest::newRow("causal, 150 tokens") << QStringLiteral("causal");
    QTest::newRow("sliding window 40, 150 tokens") << QStringLiteral("window");
    QTest::newRow("no mask, a fully masked row, 150 tokens") << QStringLiteral("none");
}

// More queries than one block of the head loop (64): every block reads only the keys its rows may see, and
// the result is the reference's all the same, for causal, sliding-window and unmasked attention (with one
// query, in the third block, that may attend nothing).
void TestFloatLayers::attendLongTextsInBlocks()
{
    QFETCH(QString, maskKind);
    const int heads = 2, kvHeads = 1, dh = 3, d = 4;
    const Eigen::Index T = 150;
    BoolMatrix allowed = BoolMatrix::Constant(T, T, maskKind == "none");
    for (Eigen::Index i = 0; i < T; ++i)
        for (Eigen::Index j = 0; j <= i; ++j)
            if (maskKind == "causal" || (maskKind == "window" && i - j < 40)) allowed(i, j) = true;
    if (maskKind == "none") allowed.row(140).setConstant(false);
    QRandomGenerator rng(quint32(T) + quint32(maskKind.size()));
    const MatrixF q = randomFloats(rng, T, heads * dh, 1.5), k = randomFloats(rng, T, kvHeads * dh, 1.5);
    const MatrixF v = randomFloats(rng, T, kvHeads * dh, 1.5), wo = randomFloats(rng, heads * dh, d, 1.0);
    const Eigen::Map<const MatrixF> outProj(wo.data(), wo.rows(), wo.cols());
    MatrixF concat(T, heads * dh);
    LayerTrace layer;
    attendHeadsF(q, k, v, heads, kvHeads, 0.5f, allowed, outProj, WeightLayout::InOut, concat, layer);
    for (int h = 0; h < heads; ++h) {
        const ReferenceHead ref = referenceHead(q.cast<double>(), k.cast<double>(), v.cast<double>(), heads, kvHeads,
                                                h, 0.5, allowed, wo.cast<double>());
        const HeadTrace& head = layer.heads[size_t(h)];
        ATTNLAB_COMPARE_MATRIX(headScores(head).toDouble(), ref.scores, 1e-5); // the whole QKᵀ, masked or not
        ATTNLAB_COMPARE_MATRIX(head.weights.toDouble(), ref.weights, 1e-5);
        ATTNLAB_COMPARE_MATRIX(head.output.toDouble(), ref.output, 1e-5);
        ATTNLAB_COMPARE_MATRIX(headContribution(layer, h).toDouble(), ref.contribution, 1e-5);
    }
}

void TestFloatLayers::attendMatchesReference_data()
{
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("kvHeads");
    QTest::addColumn<WeightLayout>("layout");
    QTest::addColumn<bool>("crossWithMaskedRow");
    QTest::newRow("4 heads over 2 kv, InOut, causal") << 4 << 2 << WeightLayout::InOut << false;
    QTest::newRow("4 heads over 2 kv, OutIn, causal") << 4 << 2 << WeightLayout::OutIn << false;
    QTest::newRow("4 heads over 1 kv, OutIn, causal") << 4 << 1 << WeightLayout::OutIn << false;
    QTest::newRow("3 heads, 3 kv, InOut, causal") << 3 << 3 << WeightLayout::InOut << false;
    QTest::newRow("6 heads over 3 kv, InOut, 3 x 5 with a masked row")
        << 6 << 3 << WeightLayout::InOut << true;
    QTest::newRow("4 heads over 2 kv, OutIn, 3 x 5 with a masked row")
        << 4 << 2 << WeightLayout::OutIn << true;
}

// Random q, k, v taken as column blocks of wider matrices (as the forwards pass blocks of a fused
// projection), compared head by head with the reference; the contributions add up to Concat · W_O.
void TestFloatLayers::attendMatchesReference()
{
    QFETCH(int, heads);
    QFETCH(int, kvHeads);
    QFETCH(WeightLayout, layout);
    QFETCH(bool, crossWithMaskedRow);
    const int dh = 3, d = 5;
    const Eigen::Index T = crossWithMaskedRow ? 3 : 4, S = crossWithMaskedRow ? 5 : 4;
    BoolMatrix allowed = causal(T);
    if (crossWithMaskedRow) {
        allowed = BoolMatrix::Constant(T, S, true);
        allowed.row(1).setConstant(false); // query 1 may attend nothing
        allowed(2, 0) = allowed(2, 3) = false;
    }
    QRandomGenerator rng(quint32(100 * heads + 10 * kvHeads + int(layout) + crossWithMaskedRow));
    // q is columns 1 .. heads·dh of a (T, heads·dh + 2) matrix; k | v are the two halves of a (S, 2·kv·dh)
    // one.
    const MatrixF qWide = randomFloats(rng, T, heads * dh + 2, 1.5);
    const MatrixF kv = randomFloats(rng, S, 2 * kvHeads * dh, 1.5);
    const auto q = qWide.middleCols(1, heads * dh);
    const auto k = kv.leftCols(kvHeads * dh);
    const auto v = kv.rightCols(kvHeads * dh);
    const MatrixF wo = randomFloats(rng, heads * dh, d, 1.0); // (in, out)
    const MatrixF stored = layout == WeightLayout::InOut ? wo : MatrixF(wo.transpose());
    const Eigen::Map<const MatrixF> outProj(stored.data(), stored.rows(), stored.cols());
    const float scale = 1.0f / std::sqrt(float(dh));

    MatrixF concat(T, heads * dh);
    LayerTrace layer;
    attendHeadsF(q, k, v, heads, kvHeads, scale, allowed, outProj, layout, concat, layer);
    const std::vector<HeadTrace>& traced = layer.heads;
    QCOMPARE(traced.size(), size_t(heads));

    const Matrix qd = q.cast<double>(), kd = k.cast<double>(), vd = v.cast<double>(), wod = wo.cast<double>();
    Matrix sum = Matrix::Zero(T, d);
    for (int h = 0; h < heads; ++h) {
        const ReferenceHead ref = referenceHead(qd, kd, vd, heads, kvHeads, h, double(scale), allowed, wod);
        const HeadTrace& head = traced[size_t(h)];
        ATTNLAB_COMPARE_MATRIX(head.q.toDouble(), ref.q, 0.0);
        ATTNLAB_COMPARE_MATRIX(head.k.toDouble(), ref.k, 0.0);
        ATTNLAB_COMPARE_MATRIX(head.v.toDouble(), ref.v, 0.0);
        ATTNLAB_COMPARE_MATRIX(headScores(head).toDouble(), ref.scores, 1e-5);
        for (Eigen::Index i = 0; i < T; ++i)
            for (Eigen::Index j = 0; j < S; ++j)
                QVERIFY(std::abs(headScore(head, i, j) - ref.scores(i, j)) < 1e-5);
        QVERIFY(head.allowed == allowed);
        QVERIFY(head.scaled.size() == 0);
        ATTNLAB_COMPARE_MATRIX(head.weights.toDouble(), ref.weights, 1e-5);
        ATTNLAB_COMPARE_MATRIX(head.output.toDouble(), ref.output, 1e-5);
        ATTNLAB_COMPARE_MATRIX(headContribution(layer, h).toDouble(), ref.contribution, 1e-5);
        ATTNLAB_COMPARE_MATRIX(Matrix(concat.middleCols(h * dh, dh).cast<double>()), ref.output, 1e-5);
        sum += headContribution(layer, h).toDouble();
    }
    // Σ_h output_h · W_O^h = Concat · W_O, the projected output (written out in double).
    const Matrix concatRef = concat.cast<double>();
    Matrix projected = Matrix::Zero(T, d);
    for (Eigen::Index t = 0; t < T; ++t)
        for (Eigen::Index j = 0; j < d; ++j)
            for (Eigen::Index i = 0; i < heads * dh; ++i)
                projected(t, j) += concatRef(t, i) * wod(i, j);
    ATTNLAB_COMPARE_MATRIX(sum, projected, 1e-5);

    // The groups are told apart: heads of one group show the same keys, heads of different groups do not
    // (the random kv heads differ), so reading kv head h % kvHeads instead of h / group would fail above.
    const int group = heads / kvHeads;
    for (int h = 1; h < heads; ++h) {
        const bool sameGroup = h / group == (h - 1) / group;
        QCOMPARE(traced[size_t(h)].k == traced[size_t(h - 1)].k.toDouble(), sameGroup);
    }
    if (crossWithMaskedRow) {
        // The row that may attend nothing has zero weights and a zero output, not NaN.
        for (const HeadTrace& head : traced) {
            QCOMPARE(head.weights.row(1).cwiseAbs().sum(), 0.0);
            QCOMPARE(head.output.row(1).cwiseAbs().sum(), 0.0);
            QVERIFY(head.contribution.allFinite());
        }
    }
}

ATTNLAB_TEST_APPLESS_MAIN(TestFloatLayers)
} // namespace tst_float_layers
#include "tst_float_layers.moc"
