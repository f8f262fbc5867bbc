// Tests model/trace/head_scores.cpp with attention matrices made by hand, whose scores follow in closed form:
// the identity (a pure self head), the diagonal shifted by one (a previous-token head), a head that attends
// only to the first token, uniform causal attention (means of 1/(i + 1)) and a perfect induction head on a
// repeated sequence; the induction probe's tokens; and the scores of every head of a hand-made trace.

#include "model/trace/head_scores.h"
#include "model/trace/trace.h"
#include "test_registry.h"

#include <QTest>

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
        for (const Matrix* m : {&s.previousToken, &s.firstToken, &s.diagonal, &s.induction})
            QCOMPARE((*m)(1, 1), 0.0);

        trace.tokenIds.clear();
        const HeadPatternScores noIds = headPatternScores(trace);
        QVERIFY(!noIds.hasInduction);
        QCOMPARE(noIds.induction(1, 0), 0.0);
        QCOMPARE(noIds.previousToken(0, 0), 1.0);
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestHeadScores)
} // namespace tst_head_scores
#include "tst_head_scores.moc"
