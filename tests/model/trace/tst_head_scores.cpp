// Tests model/trace/head_scores.cpp with attention matrices made by hand, whose scores follow in closed form:
// the identity (a pure self head), the diagonal shifted by one (a previous-token head), a head that attends
// only to the first token, uniform causal attention (means of 1/(i + 1)) and a perfect induction head on a
// repeated sequence; the duplicate-token score and the rows' entropy (ln k for a uniform row of k keys); the
// induction probe's tokens; and the scores of every head of a hand-made trace.

#include "model/trace/head_scores.h"
#include "model/trace/trace.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <set>

namespace tst_head_scores {

using namespace attnlab::model;

namespace {

// Row i puts weight 1 on key f(i).
Matrix oneHot(int t, int (*key)(int))
{
    Matrix a = Matrix::Zero(t, t);
    for (int i = 0; i < t; ++i)
        a(i, key(i)) = 1.0;
    return a;
}

Matrix uniformCausal(int t)
{
    Matrix a = Matrix::Zero(t, t);
    for (int i = 0; i < t; ++i)
        a.row(i).head(i + 1).setConstant(1.0 / (i + 1));
    return a;
}

// A perfect induction head on `half` tokens repeated: the first copy attends to itself, each query i of the
// second copy to the token after its earlier occurrence, i − half + 1.
Matrix perfectInduction(int half)
{
    Matrix a = Matrix::Zero(2 * half, 2 * half);
    for (int i = 0; i < 2 * half; ++i)
        a(i, i < half ? i : i - half + 1) = 1.0;
    return a;
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

} // namespace

class TestHeadScores : public QObject {
    Q_OBJECT

private slots:
    void selfHead()
    {
        const Matrix a = Matrix::Identity(5, 5);
        QCOMPARE(diagonalScore(a), 1.0);
        QCOMPARE(previousTokenScore(a), 0.0);
        QCOMPARE(firstTokenScore(a), 0.0);
        QCOMPARE(inductionScore(a, {1, 2, 1, 2, 1}), 0.0);
    }

    // A(0, 0) = 1, A(i, i − 1) = 1: previous token 1; the diagonal only at query 0 (1/5); the first token
    // only at query 1 (1 of the 4 queries i ≥ 1).
    void previousTokenHead()
    {
        const Matrix a = oneHot(5, [](int i) { return std::max(i - 1, 0); });
        QCOMPARE(previousTokenScore(a), 1.0);
        QVERIFY(near(diagonalScore(a), 1.0 / 5));
        QVERIFY(near(firstTokenScore(a), 1.0 / 4));
    }

    void firstTokenHead()
    {
        const Matrix a = oneHot(6, [](int) { return 0; });
        QCOMPARE(firstTokenScore(a), 1.0);
        QVERIFY(near(previousTokenScore(a), 1.0 / 5)); // query 1's previous token is the first
        QVERIFY(near(diagonalScore(a), 1.0 / 6));      // query 0 attends to itself
    }

    // Uniform causal attention, T = 4: previous token and first token (1/2 + 1/3 + 1/4)/3 = 13/36, the
    // diagonal (1 + 1/2 + 1/3 + 1/4)/4 = 25/48; induction on A B A B: queries 2 and 3 look at keys 1 and 2:
    // (1/3 + 1/4)/2 = 7/24.
    void uniformCausalClosedForms()
    {
        const Matrix a = uniformCausal(4);
        QVERIFY(near(previousTokenScore(a), 13.0 / 36));
        QVERIFY(near(firstTokenScore(a), 13.0 / 36));
        QVERIFY(near(diagonalScore(a), 25.0 / 48));
        QVERIFY(near(inductionScore(a, {7, 9, 7, 9}), 7.0 / 24));
        // T = 8 on a repeated half of 4: the second copy's queries i = 4..7 each give 1/(i + 1).
        QVERIFY(near(inductionScore(uniformCausal(8), {3, 1, 4, 0, 3, 1, 4, 0}),
                     (1.0 / 5 + 1.0 / 6 + 1.0 / 7 + 1.0 / 8) / 4));
        // Float matrices give the same (up to float32's rounding of the entries).
        const MatrixF f = a.cast<float>();
        QVERIFY(std::abs(diagonalScore(f) - 25.0 / 48) < 1e-7);
    }

    void inductionHead()
    {
        const std::vector<int> ids{3, 1, 4, 0, 3, 1, 4, 0};
        QCOMPARE(inductionScore(perfectInduction(4), ids), 1.0);
        // A previous-token head is not an induction head: A(i, i − 1) misses i − 3.
        QCOMPARE(inductionScore(oneHot(8, [](int i) { return std::max(i - 1, 0); }), ids), 0.0);
        // No repeated token: nothing to count.
        QCOMPARE(inductionScore(perfectInduction(4), {0, 1, 2, 3, 4, 5, 6, 7}), 0.0);
    }

    // The queries counted: the latest earlier occurrence, and not when it is the token just before.
    void inductionSourcesAreTheLatestOccurrence()
    {
        QCOMPARE(inductionSources({3, 1, 4, 3, 1, 4}), (std::vector<int>{-1, -1, -1, 0, 1, 2}));
        QCOMPARE(inductionSources({5, 1, 5, 1, 5}), (std::vector<int>{-1, -1, 0, 1, 2}));
        // Query 2's latest earlier 2 is just before it (j = 1 = i − 1): not counted, though position 0 holds
        // one too.
        QCOMPARE(inductionSources({2, 2, 2}), (std::vector<int>{-1, -1, -1}));
        QCOMPARE(inductionSources({2, 2, 5, 2}), (std::vector<int>{-1, -1, -1, 1}));
        QCOMPARE(inductionSources({}), std::vector<int>{});
    }

    // Uniform causal rows, T = 4: on A B A B, query 2 (A, first at 0) puts 1/3 on key 0 and query 3 (B, first
    // at 1) 1/4 on key 1: (1/3 + 1/4)/2 = 7/24. On x x x every earlier position holds the same token and all of
    // them count, the one just before too: query 1 sums 1/2, query 2 1/3 + 1/3: (1/2 + 2/3)/2 = 7/12.
    void duplicateTokenClosedForms()
    {
        QVERIFY(near(duplicateTokenScore(uniformCausal(4), {7, 9, 7, 9}), 7.0 / 24));
        QVERIFY(near(duplicateTokenScore(uniformCausal(3), {2, 2, 2}), 7.0 / 12));
        // A previous-token head on x x x: all the weight of queries 1 and 2 is on an earlier x.
        QCOMPARE(duplicateTokenScore(oneHot(3, [](int i) { return std::max(i - 1, 0); }), {2, 2, 2}), 1.0);
        // A self head never looks at an earlier position.
        QCOMPARE(duplicateTokenScore(Matrix(Matrix::Identity(4, 4)), {2, 2, 2, 2}), 0.0);
        // Only the repeated query counts: x y x, query 2 on key 0 with weight 0.25 -> 0.25 (not averaged with
        // query 1, whose token is new).
        Matrix a = uniformCausal(3);
        a.row(2) << 0.25, 0.5, 0.25;
        QVERIFY(near(duplicateTokenScore(a, {4, 6, 4}), 0.25));
        // No repeated token, and T = 1: nothing to count.
        QCOMPARE(duplicateTokenScore(uniformCausal(4), {0, 1, 2, 3}), 0.0);
        QCOMPARE(duplicateTokenScore(Matrix(Matrix::Ones(1, 1)), {5}), 0.0);
    }

    // Row entropies in nats: a uniform causal row of k keys has ln k, a one-hot row 0.
    void entropyClosedForms()
    {
        // T = 4 uniform causal: (ln 1 + ln 2 + ln 3 + ln 4)/4 = ln 24 / 4.
        QVERIFY(near(entropyScore(uniformCausal(4)), std::log(24.0) / 4));
        QCOMPARE(entropyScore(Matrix(Matrix::Identity(5, 5))), 0.0);
        QCOMPARE(entropyScore(oneHot(6, [](int) { return 0; })), 0.0);
        // One row (1/2, 1/4, 1/4): 1/2 ln 2 + 2 · 1/4 ln 4 = 1.5 ln 2; with a one-hot row: the mean 0.75 ln 2.
        Matrix a(2, 3);
        a << 1, 0, 0, 0.5, 0.25, 0.25;
        QVERIFY(near(entropyScore(a), 0.75 * std::log(2.0)));
        // Not normalised: a full uniform row of 8 keys is ln 8 > 1.
        QVERIFY(near(entropyScore(Matrix(Matrix::Constant(1, 8, 1.0 / 8))), std::log(8.0)));
        // T = 1 (one key, weight 1) and no rows.
        QCOMPARE(entropyScore(Matrix(Matrix::Ones(1, 1))), 0.0);
        QCOMPARE(entropyScore(Matrix(0, 0)), 0.0);
        // float32 entries give the same up to their rounding.
        const MatrixF f = uniformCausal(4).cast<float>();
        QVERIFY(std::abs(entropyScore(f) - std::log(24.0) / 4) < 1e-6);
    }

    void tooShortToScore()
    {
        const Matrix one = Matrix::Ones(1, 1);
        QCOMPARE(previousTokenScore(one), 0.0);
        QCOMPARE(firstTokenScore(one), 0.0);
        QCOMPARE(diagonalScore(one), 1.0);
        QCOMPARE(diagonalScore(Matrix(0, 0)), 0.0);
    }

    void repeatedRandomTokensAreTheProbe()
    {
        SeededRandom random(42);
        const std::vector<int> ids = repeatedRandomTokens(20, 8, random);
        QCOMPARE(ids.size(), std::size_t(16));
        for (int i = 0; i < 8; ++i)
            QCOMPARE(ids[std::size_t(i + 8)], ids[std::size_t(i)]);
        QCOMPARE(std::set<int>(ids.begin(), ids.begin() + 8).size(), std::size_t(8)); // distinct
        for (int id : ids)
            QVERIFY(id >= 0 && id < 20);
        // Distinct first half: exactly the second copy's queries count, each 8 back.
        const std::vector<int> sources = inductionSources(ids);
        for (int i = 0; i < 16; ++i)
            QCOMPARE(sources[std::size_t(i)], i < 8 ? -1 : i - 8);
        // The same seed, the same probe; another seed another.
        SeededRandom again(42), other(43);
        QCOMPARE(repeatedRandomTokens(20, 8, again), ids);
        QVERIFY(repeatedRandomTokens(20, 8, other) != ids);
        // vocab = half: a permutation of every token.
        SeededRandom all(1);
        const std::vector<int> permutation = repeatedRandomTokens(6, 6, all);
        QCOMPARE(std::set<int>(permutation.begin(), permutation.begin() + 6),
                 (std::set<int>{0, 1, 2, 3, 4, 5}));
        // A vocabulary smaller than half: drawn with replacement, still in range and repeated.
        SeededRandom small(3);
        const std::vector<int> few = repeatedRandomTokens(3, 10, small);
        QCOMPARE(few.size(), std::size_t(20));
        for (int i = 0; i < 10; ++i) {
            QVERIFY(few[std::size_t(i)] >= 0 && few[std::size_t(i)] < 3);
            QCOMPARE(few[std::size_t(i + 10)], few[std::size_t(i)]);
        }
        QVERIFY(repeatedRandomTokens(5, 0, small).empty());
    }

    // A trace of two layers: layer 0 a previous-token head and a self head (double), layer 1 one perfect
    // induction head (float32): (layers, heads) matrices, 0 where layer 1 has no second head.
    void scoresOfEveryHeadOfATrace()
    {
        Trace trace;
        trace.tokenIds = {3, 1, 4, 0, 3, 1, 4, 0};
        LayerTrace first, second;
        first.heads.resize(2);
        first.heads[0].weights = oneHot(8, [](int i) { return std::max(i - 1, 0); });
        first.heads[1].weights = Matrix(Matrix::Identity(8, 8));
        second.heads.resize(1);
        second.heads[0].weights = MatrixF(perfectInduction(4).cast<float>());
        trace.layers = {first, second};

        const HeadPatternScores s = headPatternScores(trace);
        QVERIFY(s.hasInduction);
        QCOMPARE(s.previousToken.rows(), 2);
        QCOMPARE(s.previousToken.cols(), 2);
        QCOMPARE(s.previousToken(0, 0), 1.0);
        QCOMPARE(s.previousToken(0, 1), 0.0);
        QCOMPARE(s.diagonal(0, 1), 1.0);
        QVERIFY(near(s.diagonal(0, 0), 1.0 / 8));
        QVERIFY(near(s.firstToken(0, 0), 1.0 / 7));
        QCOMPARE(s.induction(1, 0), 1.0);
        QCOMPARE(s.induction(0, 0), 0.0);
        // The perfect induction head's first copy attends to itself: 4 of 8 queries.
        QVERIFY(near(s.diagonal(1, 0), 0.5));
        for (const Matrix* m : {&s.previousToken, &s.firstToken, &s.diagonal, &s.induction, &s.duplicate, &s.entropy})
            QCOMPARE((*m)(1, 1), 0.0);
        // One-hot rows: no entropy; none of these heads looks at an earlier copy of the query's token.
        QVERIFY(s.hasDuplicate);
        QCOMPARE(s.entropy.rows(), 2);
        QCOMPARE(s.entropy(0, 0), 0.0);
        QCOMPARE(s.duplicate(0, 0), 0.0);
        QCOMPARE(s.duplicate(1, 0), 0.0);

        // A uniform causal head in layer 0's second place: entropy (ln 1 + … + ln 8)/8 = ln 8! / 8; duplicate:
        // queries 4..7 each have one earlier copy, weight 1/(i + 1).
        trace.layers[0].heads[1].weights = uniformCausal(8);
        const HeadPatternScores u = headPatternScores(trace);
        QVERIFY(near(u.entropy(0, 1), std::log(40320.0) / 8));
        QVERIFY(near(u.duplicate(0, 1), (1.0 / 5 + 1.0 / 6 + 1.0 / 7 + 1.0 / 8) / 4));

        trace.tokenIds.clear();
        const HeadPatternScores noIds = headPatternScores(trace);
        QVERIFY(!noIds.hasInduction);
        QVERIFY(!noIds.hasDuplicate);
        QCOMPARE(noIds.induction(1, 0), 0.0);
        QCOMPARE(noIds.duplicate(0, 1), 0.0);
        QVERIFY(near(noIds.entropy(0, 1), std::log(40320.0) / 8)); // entropy needs no ids
        QCOMPARE(noIds.previousToken(0, 0), 1.0);
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestHeadScores)
} // namespace tst_head_scores
#include "tst_head_scores.moc"
