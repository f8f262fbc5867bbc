// Tests model/pipeline/trace_request.cpp (computeTrace): a request for matrices, typed or in a file, gives
// the exam's answer key worked out below; a text runs through the toy model with the shape its ToyConfig asks
// for; the toy model's 512 positions limit a text (the failure names the limit and fills TokenLimit,
// maxTokens cuts the text and says so); maxLayers runs the first layers; a request cancelled before it starts
// fails with the cancellation message; a missing file or model is named. computeInductionProbe: random ids
// repeated, through the request's toy model (the same as those ids run through it directly) or checkpoint
// (a context of 10 holds a probe of 5 + 5), the same for the same seed, none for typed matrices. Analyses:
// request.analyses.headRoles puts the head roles into the trace (its own pattern scores, recomputed here from
// the weights by the published definitions, and induction on the probe), five of six for typed matrices, none
// for cross-attention, and nothing unless asked.

#include "model/core/cancellation.h"
#include "model/attention/toy_model.h"
#include "model/pipeline/trace_request.h"
#include "model/trace/head_scores.h"
#include "test_support.h"
#include "test_registry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <set>

namespace tst_trace_request {

using namespace attnlab::model;

namespace {

// The exam of the course (README): Q = [1 0; 0 1; -1 0; 0 -1], K's rows are (±1/√2, ±1/√2), d_k = 2, and the
// answer key approximates exp(1/2) ≈ 3/2 (so exp(-1/2) ≈ 2/3). For query 2, q = (0, 1):
//   q·k = 1/√2, 1/√2, -1/√2, -1/√2; scaled by 1/√2: 1/2, 1/2, -1/2, -1/2;
//   exp: 3/2, 3/2, 2/3, 2/3, sum 13/3; weights 9/26, 9/26, 2/13, 2/13;
//   output = 9/26·((12, -3) + (14, 16)) + 2/13·((7, -10) + (6, -3)) = (9, 9/2) + (2, -2) = (11, 5/2).
const QByteArray kExamFile = R"({"Q": [[1,0],[0,1],[-1,0],[0,-1]],
  "K": [["1/√2","1/√2"],["-1/√2","1/√2"],["-1/√2","-1/√2"],["1/√2","-1/√2"]],
  "V": [[12,-3],[14,16],[7,-10],[6,-3]],
  "exp_overrides": {"1/2": "3/2"}})";

MatrixProblem examProblem()
{
    const double h = 1 / std::sqrt(2.0);
    MatrixProblem p;
    p.q = Matrix(4, 2);
    *p.q << 1, 0, 0, 1, -1, 0, 0, -1;
    p.k = Matrix(4, 2);
    *p.k << h, h, -h, h, -h, -h, h, -h;
    p.v = Matrix(4, 2);
    *p.v << 12, -3, 14, 16, 7, -10, 6, -3;
    p.options.expOverrides = {ExpOverride{0.5, 1.5}};
    return p;
}

Matrix rowOf(std::initializer_list<double> values)
{
    Matrix m(1, Eigen::Index(values.size()));
    Eigen::Index c = 0;
    for (const double v : values)
        m(0, c++) = v;
    return m;
}

// n words, each its own toy token.
QString words(int n)
{
    QStringList list;
    for (int i = 0; i < n; ++i)
        list << QStringLiteral("w%1").arg(i);
    return list.join(QLatin1Char(' '));
}

QString writeTemp(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size()) return {};
    return path;
}

} // namespace

class TestTraceRequest : public QObject {
    Q_OBJECT
private slots:
    void examFromAProblem();
    void examFromAFile();
    void fileOptionsOverridden();
    void missingMatricesFileIsNamed();
    void textThroughTheToyModel();
    void memoryForCrossAttention();
    void tokenLimit();
    void maxTokensCutsAndWarns();
    void maxLayers();
    void cancelledBeforeTheRun();
    void checkpointPredictionsHaveTexts();
    void unknownCharactersAreReported();
    void missingModelIsNamed();
    void inductionProbeOfTheToyModel();
    void inductionProbeOfACheckpoint();
    void headRolesComeWithTheTrace();
    void headRolesOfTypedMatricesAndCrossAttention();
    void headRolesOfACheckpoint();
};

void TestTraceRequest::examFromAProblem()
{
    TraceRequest request;
    request.problem = examProblem();
    request.text = QStringLiteral("ignored: the problem comes first");
    const auto trace = computeTrace(request);
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(trace->layers.size(), size_t(1));
    const HeadTrace& head = trace->layers[0].heads.at(0);
    ATTNLAB_COMPARE_MATRIX(Matrix(head.weights.row(1)), rowOf({9.0 / 26, 9.0 / 26, 2.0 / 13, 2.0 / 13}),
                           1e-12);
    ATTNLAB_COMPARE_MATRIX(Matrix(trace->output.row(1)), rowOf({11, 2.5}), 1e-12);
    QCOMPARE(trace->scale, 1 / std::sqrt(2.0));
}

void TestTraceRequest::examFromAFile()
{
    QTemporaryDir dir;
    TraceRequest request;
    request.matricesFile = writeTemp(dir, QStringLiteral("exam.json"), kExamFile);
    QVERIFY(!request.matricesFile.isEmpty());
    const auto trace = computeTrace(request);
    QVERIFY2(trace, qPrintable(trace.error()));
    ATTNLAB_COMPARE_MATRIX(Matrix(trace->layers[0].heads[0].weights.row(1)),
                           rowOf({9.0 / 26, 9.0 / 26, 2.0 / 13, 2.0 / 13}), 1e-12);
    ATTNLAB_COMPARE_MATRIX(Matrix(trace->output.row(1)), rowOf({11, 2.5}), 1e-12);
}

// The request's mask and scaling replace the file's. Causal: query 2 sees keys 1 and 2 only, both 3/2, so
// weights 1/2, 1/2 and output ((12, -3) + (14, 16))/2 = (13, 13/2). Unscaled: scores ±1/√2 have no override,
// so the weights are the exact softmax e^{±1/√2} / (2e^{1/√2} + 2e^{-1/√2}).
void TestTraceRequest::fileOptionsOverridden()
{
    QTemporaryDir dir;
    TraceRequest request;
    request.matricesFile = writeTemp(dir, QStringLiteral("exam.json"), kExamFile);
    request.mask = MaskSpec::causal();
    auto trace = computeTrace(request);
    QVERIFY2(trace, qPrintable(trace.error()));
    ATTNLAB_COMPARE_MATRIX(Matrix(trace->layers[0].heads[0].weights.row(1)), rowOf({0.5, 0.5, 0, 0}), 1e-12);
    ATTNLAB_COMPARE_MATRIX(Matrix(trace->output.row(1)), rowOf({13, 6.5}), 1e-12);

    request.mask.reset();
    request.scaling = Scaling{ScaleKind::None, 1.0};
    trace = computeTrace(request);
    QVERIFY2(trace, qPrintable(trace.error()));
    const double a = 1 / std::sqrt(2.0), sum = 2 * std::exp(a) + 2 * std::exp(-a);
    ATTNLAB_COMPARE_MATRIX(
        Matrix(trace->layers[0].heads[0].weights.row(1)),
        rowOf({std::exp(a) / sum, std::exp(a) / sum, std::exp(-a) / sum, std::exp(-a) / sum}), 1e-12);
}

void TestTraceRequest::missingMatricesFileIsNamed()
{
    QTemporaryDir dir;
    TraceRequest request;
    request.matricesFile = dir.filePath(QStringLiteral("nowhere.json"));
    const auto trace = computeTrace(request);
    QVERIFY(!trace);
    QVERIFY2(trace.error().contains(request.matricesFile), qPrintable(trace.error()));

    // A file that is there but wrong is named too, with what is wrong.
    request.matricesFile =
        writeTemp(dir, QStringLiteral("bad.json"), R"({"Q": [[1, 2]], "K": [[1]], "V": [[1]]})");
    const auto bad = computeTrace(request);
    QVERIFY(!bad);
    QVERIFY2(bad.error().startsWith(request.matricesFile), qPrintable(bad.error()));
}

void TestTraceRequest::textThroughTheToyModel()
{
    TraceRequest request;
    request.text = QStringLiteral("one two three four five");
    request.toy.layers = 3;
    request.toy.heads = 4;
    request.toy.dModel = 16;
    request.mask = MaskSpec::causal();
    const auto trace = computeTrace(request);
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(trace->modelName, QStringLiteral("toy"));
    QCOMPARE(trace->tokens, (QStringList{"one", "two", "three", "four", "five"}));
    QCOMPARE(trace->tokenIds.size(), size_t(5));
    QCOMPARE(trace->layers.size(), size_t(3));
    for (const LayerTrace& layer : trace->layers) {
        QCOMPARE(layer.heads.size(), size_t(4));
        for (const HeadTrace& head : layer.heads) {
            QCOMPARE(head.weights.rows(), 5);
            QCOMPARE(head.weights.cols(), 5);
            QCOMPARE(head.q.cols(), 16 / 4); // d_k = d_model / heads
            // The request's causal mask: nothing above the diagonal, rows sum to 1.
            QCOMPARE(head.weights.toDouble().triangularView<Eigen::StrictlyUpper>().toDenseMatrix().cwiseAbs().sum(),
                     0.0);
            for (Eigen::Index r = 0; r < 5; ++r)
                QVERIFY(std::abs(head.weights.row(r).sum() - 1) < 1e-12);
        }
    }
    QCOMPARE(trace->output.rows(), 5);
    QCOMPARE(trace->output.cols(), 16);
    QCOMPARE(trace->scale, 1 / std::sqrt(4.0));
}

void TestTraceRequest::memoryForCrossAttention()
{
    TraceRequest request;
    request.text = QStringLiteral("a b");
    request.memory = QStringLiteral("x y z");
    const auto trace = computeTrace(request);
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(trace->memoryTokens, (QStringList{"x", "y", "z"}));
    const HeadTrace& head = trace->layers[0].heads[0];
    QCOMPARE(head.weights.rows(), 2); // queries
    QCOMPARE(head.weights.cols(), 3); // memory keys

    request.memory = QStringLiteral("   ");
    QVERIFY(computeTrace(request));            // blank memory: self-attention
    request.memory = QStringLiteral("\u200B"); // a zero-width space: not blank, but no word either
    const auto noMemoryTokens = computeTrace(request);
    QVERIFY(!noMemoryTokens);
    QCOMPARE(noMemoryTokens.error(), QStringLiteral("no tokens in the memory text"));
}

// The toy model has 512 positions. 513 words do not fit: the message names both numbers, and TokenLimit says
// the first 512 could run (no layer limit: it is the context, not memory).
void TestTraceRequest::tokenLimit()
{
    TraceRequest request;
    request.text = words(513);
    TokenLimit limit;
    const auto trace = computeTrace(request, &limit);
    QVERIFY(!trace);
    QCOMPARE(trace.error(), QStringLiteral("the text has 513 tokens, but the toy model takes at most 512"));
    QCOMPARE(limit.tokens, 513);
    QCOMPARE(limit.limit, 512);
    QCOMPARE(limit.layers, 0);
    QCOMPARE(limit.totalLayers, request.toy.layers);

    // maxTokens beyond the limit does not help; exactly 512 words fit without it.
    request.maxTokens = 600;
    QVERIFY(!computeTrace(request));
    request.maxTokens = 0;
    request.text = words(512);
    TokenLimit untouched;
    const auto full = computeTrace(request, &untouched);
    QVERIFY2(full, qPrintable(full.error()));
    QCOMPARE(full->tokens.size(), 512);
    QCOMPARE(untouched.limit, 0);
}

void TestTraceRequest::maxTokensCutsAndWarns()
{
    TraceRequest request;
    request.text = words(513);
    request.maxTokens = 10;
    const auto trace = computeTrace(request);
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(trace->tokens, words(10).split(QLatin1Char(' ')));
    QVERIFY2(trace->warnings.contains(QStringLiteral("Showing the first 10 of 513 tokens.")),
             qPrintable(trace->warnings.join(QLatin1Char('|'))));

    // A text shorter than maxTokens runs whole, with no such warning.
    request.text = words(4);
    const auto whole = computeTrace(request);
    QVERIFY2(whole, qPrintable(whole.error()));
    QCOMPARE(whole->tokens.size(), 4);
    QVERIFY(!whole->warnings.join(QLatin1Char(' ')).contains(QStringLiteral("Showing the first")));
}

// The first L layers of the toy model are those of the whole model, and the trace says that it stops early.
void TestTraceRequest::maxLayers()
{
    TraceRequest request;
    request.text = QStringLiteral("the first layers");
    request.toy.layers = 3;
    const auto all = computeTrace(request);
    QVERIFY2(all, qPrintable(all.error()));
    request.maxLayers = 2;
    const auto first = computeTrace(request);
    QVERIFY2(first, qPrintable(first.error()));
    QCOMPARE(first->layers.size(), size_t(2));
    for (size_t l = 0; l < 2; ++l)
        for (size_t h = 0; h < first->layers[l].heads.size(); ++h)
            ATTNLAB_COMPARE_MATRIX(first->layers[l].heads[h].weights.toDouble(), all->layers[l].heads[h].weights.toDouble(), 0);
    QVERIFY2(first->warnings.contains(QStringLiteral("Showing the first 2 of 3 layers.")),
             qPrintable(first->warnings.join(QLatin1Char('|'))));

    request.maxLayers = 7; // more than there are: all of them, no warning
    const auto more = computeTrace(request);
    QVERIFY2(more, qPrintable(more.error()));
    QCOMPARE(more->layers.size(), size_t(3));
    QVERIFY(!more->warnings.join(QLatin1Char(' ')).contains(QStringLiteral("layers.")));
}

void TestTraceRequest::cancelledBeforeTheRun()
{
    TraceRequest request;
    request.text = QStringLiteral("never computed");
    request.cancelled = std::make_shared<const std::atomic<bool>>(true);
    const auto trace = computeTrace(request);
    QVERIFY(!trace);
    QCOMPARE(trace.error(), cancelledMessage());
}

// A checkpoint (the sorting model of ../shared, three letters A, B, C) runs through its own tokenizer, and
// its predictions carry the predicted tokens' texts.
void TestTraceRequest::checkpointPredictionsHaveTexts()
{
    const QString folder = attnlab::test::sharedDir() + QStringLiteral("/models/gpt-nano-sort");
    if (!QFile::exists(folder + QStringLiteral("/model.safetensors")))
        QSKIP(qPrintable(folder + QStringLiteral(" is absent (set ATTNLAB_SHARED to the shared folder)")));
    TraceRequest request;
    request.modelName = folder;
    request.text = QStringLiteral("C A B");
    const auto trace = computeTrace(request);
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(trace->tokens, (QStringList{"C", "A", "B"}));
    QCOMPARE(trace->layers.size(), size_t(3));
    QCOMPARE(trace->predictions.size(), size_t(3));
    for (const Prediction& p : trace->predictions) {
        QCOMPARE(p.texts.size(), qsizetype(p.top.size()));
        for (qsizetype i = 0; i < p.texts.size(); ++i)
            QCOMPARE(p.texts[i], QStringList({"A", "B", "C"}).at(p.top[size_t(i)].first));
    }
}

// The character model of ../shared has no apostrophe: "didn't" runs as d i d n t, and the trace says so, in its
// warnings and in unknownCharacters (for the token strip); a run of only the first 3 tokens leaves it out, and a
// text with no known character fails naming them.
void TestTraceRequest::unknownCharactersAreReported()
{
    const QString folder = attnlab::test::sharedDir() + QStringLiteral("/models/char-gpt-slm");
    if (!QFile::exists(folder + QStringLiteral("/model.safetensors")))
        QSKIP(qPrintable(folder + QStringLiteral(" is absent (set ATTNLAB_SHARED to the shared folder)")));
    TraceRequest request;
    request.modelName = folder;
    request.text = QStringLiteral("didn't");
    const auto trace = computeTrace(request);
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(trace->tokens, (QStringList{"d", "i", "d", "n", "t"}));
    QCOMPARE(trace->unknownCharacters, (std::vector<UnknownCharacter>{{QStringLiteral("'"), 4, true}}));
    QVERIFY2(trace->warnings.contains(QStringLiteral("1 character is not in the vocabulary: «'» dropped before token 5.")),
             qPrintable(trace->warnings.join(QLatin1Char('|'))));

    request.maxTokens = 3;
    const auto first = computeTrace(request);
    QVERIFY2(first, qPrintable(first.error()));
    QVERIFY(first->unknownCharacters.empty());
    QVERIFY(!first->warnings.join(QLatin1Char(' ')).contains(QStringLiteral("vocabulary")));

    request.maxTokens = 0;
    request.text = QStringLiteral("得意");
    const auto none = computeTrace(request);
    QVERIFY(!none);
    QCOMPARE(none.error(), QStringLiteral("the tokenizer found no tokens in the text: 2 characters are not in the "
                                          "vocabulary: «得» dropped at the end; «意» dropped at the end."));
}

void TestTraceRequest::missingModelIsNamed()
{
    QTemporaryDir dir;
    TraceRequest request;
    request.modelName = dir.filePath(QStringLiteral("no-such-model"));
    request.text = QStringLiteral("hello");
    const auto trace = computeTrace(request);
    QVERIFY(!trace);
    QVERIFY2(trace.error().contains(request.modelName), qPrintable(trace.error()));
}

void TestTraceRequest::inductionProbeOfTheToyModel()
{
    TraceRequest request;
    request.text = QStringLiteral("the user's text is not the probe");
    request.toy.layers = 3;
    request.toy.heads = 2;
    request.toy.dModel = 16;
    request.mask = MaskSpec::causal();
    request.maxLayers = 2;
    const auto probe = computeInductionProbe(request);
    QVERIFY2(probe, qPrintable(probe.error()));
    const std::vector<int>& ids = probe->tokenIds;
    QCOMPARE(ids.size(), size_t(2 * kInductionProbeHalf));
    for (int i = 0; i < kInductionProbeHalf; ++i)
        QCOMPARE(ids[size_t(i + kInductionProbeHalf)], ids[size_t(i)]);
    QCOMPARE(std::set<int>(ids.begin(), ids.begin() + kInductionProbeHalf).size(), size_t(kInductionProbeHalf));
    QCOMPARE(probe->tokens.first(), QStringLiteral("#%1").arg(ids[0]));
    QCOMPARE(probe->layers.size(), size_t(2)); // maxLayers, as computeTrace
    QCOMPARE(probe->layers[0].heads.size(), size_t(2));
    QCOMPARE(probe->mask, MaskSpec::causal());
    // The same seed, the same probe; another seed another.
    QCOMPARE(computeInductionProbe(request)->tokenIds, ids);
    QVERIFY(computeInductionProbe(request, 1)->tokenIds != ids);

    // runIds is runTokens on the words' own ids: the same weights.
    ToyConfig config = request.toy;
    config.attention.mask = MaskSpec::causal();
    const ToyModel toy(config);
    const auto words = toy.runTokens({"a", "b", "a"});
    const auto byId = toy.runIds({toy.tokenId("a"), toy.tokenId("b"), toy.tokenId("a")});
    QVERIFY(words && byId);
    QCOMPARE(byId->tokenIds, words->tokenIds);
    QCOMPARE(byId->layers[2].heads[1].weights.toDouble(), words->layers[2].heads[1].weights.toDouble());
    const auto outside = toy.runIds({config.vocabSize});
    QVERIFY(!outside);
    QVERIFY2(outside.error().contains(QStringLiteral("outside the toy model's vocabulary")), qPrintable(outside.error()));

    TraceRequest matrices;
    matrices.problem = examProblem();
    const auto none = computeInductionProbe(matrices);
    QVERIFY(!none);
    QVERIFY2(none.error().contains(QStringLiteral("typed matrices")), qPrintable(none.error()));
}

// The sorting model's context is 10 tokens and its vocabulary 3 letters: a probe of 5 + 5, drawn with
// replacement (repeatedRandomTokens), with the letters as its tokens.
void TestTraceRequest::inductionProbeOfACheckpoint()
{
    const QString folder = attnlab::test::sharedDir() + QStringLiteral("/models/gpt-nano-sort");
    if (!QFile::exists(folder + QStringLiteral("/model.safetensors")))
        QSKIP(qPrintable(folder + QStringLiteral(" is absent (set ATTNLAB_SHARED to the shared folder)")));
    TraceRequest request;
    request.modelName = folder;
    request.text = QStringLiteral("C A B");
    const auto probe = computeInductionProbe(request);
    QVERIFY2(probe, qPrintable(probe.error()));
    QCOMPARE(probe->tokenIds.size(), size_t(10));
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(probe->tokenIds[size_t(i + 5)], probe->tokenIds[size_t(i)]);
        QCOMPARE(probe->tokens[i], QStringList({"A", "B", "C"}).at(probe->tokenIds[size_t(i)]));
    }
    QCOMPARE(probe->layers.size(), size_t(3));
}

// Previous token (Elhage et al. 2021): the mean over queries i ≥ 1 of A(i, i − 1); entropy: the mean over rows of
// −Σ A ln A; induction on the probe (n ids, then the same n): the mean of A(i, i − n + 1) over i in [n, 2n).
double previousTokenByHand(const Matrix& a)
{
    double sum = 0;
    for (Eigen::Index i = 1; i < a.rows(); ++i)
        sum += a(i, i - 1);
    return sum / double(a.rows() - 1);
}

double entropyByHand(const Matrix& a)
{
    double sum = 0;
    for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j)
            if (a(i, j) > 0) sum -= a(i, j) * std::log(a(i, j));
    return sum / double(a.rows());
}

double inductionByHand(const Matrix& a, int n)
{
    double sum = 0;
    for (int i = n; i < 2 * n; ++i)
        sum += a(i, i - n + 1);
    return sum / n;
}

void TestTraceRequest::headRolesComeWithTheTrace()
{
    TraceRequest request;
    request.text = QStringLiteral("a b c a b c d");
    request.toy.layers = 2;
    request.toy.heads = 3;
    request.toy.dModel = 24;
    request.mask = MaskSpec::causal();
    const auto plain = computeTrace(request);
    QVERIFY2(plain, qPrintable(plain.error()));
    QVERIFY(!plain->headRoles); // nothing unless asked

    request.analyses.headRoles = true;
    const auto trace = computeTrace(request);
    QVERIFY2(trace, qPrintable(trace.error()));
    QVERIFY(trace->headRoles);
    const HeadRoles& roles = *trace->headRoles;
    QVERIFY(roles.unavailable.isEmpty());
    QVERIFY(roles.hasInduction);
    QVERIFY(roles.hasDuplicate);
    QCOMPARE(roles.previousToken.rows(), Eigen::Index(2));
    QCOMPARE(roles.previousToken.cols(), Eigen::Index(3));

    // The probe the roles were measured on is computeInductionProbe's, kept in the roles.
    const auto probe = computeInductionProbe(request);
    QVERIFY2(probe, qPrintable(probe.error()));
    QCOMPARE(roles.probeTokenIds, probe->tokenIds);
    QCOMPARE(roles.probeTokens, probe->tokens);
    const int n = kInductionProbeHalf;
    for (int l = 0; l < 2; ++l)
        for (int h = 0; h < 3; ++h) {
            // The analysis does not change the trace: the same weights as without it.
            const Matrix a = trace->layers[size_t(l)].heads[size_t(h)].weights.toDouble();
            ATTNLAB_COMPARE_MATRIX(a, plain->layers[size_t(l)].heads[size_t(h)].weights.toDouble(), 0.0);
            QVERIFY(std::abs(roles.previousToken(l, h) - previousTokenByHand(a)) < 1e-12);
            QVERIFY(std::abs(roles.entropy(l, h) - entropyByHand(a)) < 1e-12);
            QVERIFY(std::abs(roles.diagonal(l, h) - a.diagonal().mean()) < 1e-12);
            QVERIFY(std::abs(roles.firstToken(l, h) - a.col(0).tail(a.rows() - 1).mean()) < 1e-12);
            const Matrix p = probe->layers[size_t(l)].heads[size_t(h)].weights.toDouble();
            QVERIFY(std::abs(roles.induction(l, h) - inductionByHand(p, n)) < 1e-12);
        }
    // And the same as the scores of the trace and of the probe, read separately.
    const HeadPatternScores own = headPatternScores(*trace), probed = headPatternScores(*probe);
    ATTNLAB_COMPARE_MATRIX(roles.duplicate, own.duplicate, 0.0);
    ATTNLAB_COMPARE_MATRIX(roles.induction, probed.induction, 0.0);
    QCOMPARE(roleScores(roles, HeadRole::Entropy), roles.entropy);
    QCOMPARE(roleScores(roles, HeadRole::Induction), roles.induction);
}

void TestTraceRequest::headRolesOfTypedMatricesAndCrossAttention()
{
    TraceRequest matrices;
    matrices.problem = examProblem();
    matrices.analyses.headRoles = true;
    const auto typed = computeTrace(matrices);
    QVERIFY2(typed, qPrintable(typed.error()));
    QVERIFY(typed->headRoles);
    QVERIFY(!typed->headRoles->hasInduction);
    QVERIFY2(typed->headRoles->inductionNote.contains(QStringLiteral("typed matrices")),
             qPrintable(typed->headRoles->inductionNote));
    // The exam's head has no mask: diagonal is the mean of A(i, i) over the four queries; the weights of query 2
    // are worked out above (9/26 on itself).
    const Matrix a = typed->layers[0].heads[0].weights.toDouble();
    QVERIFY(std::abs(a(1, 1) - 9.0 / 26) < 1e-12);
    QVERIFY(std::abs(typed->headRoles->diagonal(0, 0) - a.diagonal().mean()) < 1e-12);
    QCOMPARE(typed->headRoles->induction, Matrix(Matrix::Zero(1, 1)));

    TraceRequest cross;
    cross.text = QStringLiteral("a b c");
    cross.memory = QStringLiteral("x y");
    cross.analyses.headRoles = true;
    const auto crossed = computeTrace(cross);
    QVERIFY2(crossed, qPrintable(crossed.error()));
    QVERIFY(crossed->headRoles);
    QVERIFY(!crossed->headRoles->unavailable.isEmpty());
    QCOMPARE(crossed->headRoles->previousToken.size(), Eigen::Index(0));
}

// A checkpoint: the roles' probe is the model's (5 + 5 letters of the sorting model), loaded once for both runs.
void TestTraceRequest::headRolesOfACheckpoint()
{
    const QString folder = attnlab::test::sharedDir() + QStringLiteral("/models/gpt-nano-sort");
    if (!QFile::exists(folder + QStringLiteral("/model.safetensors")))
        QSKIP(qPrintable(folder + QStringLiteral(" is absent (set ATTNLAB_SHARED to the shared folder)")));
    TraceRequest request;
    request.modelName = folder;
    request.text = QStringLiteral("C A B");
    request.analyses.headRoles = true;
    const auto trace = computeTrace(request);
    QVERIFY2(trace, qPrintable(trace.error()));
    QVERIFY(trace->headRoles && trace->headRoles->hasInduction);
    QCOMPARE(trace->headRoles->probeTokenIds, computeInductionProbe(request)->tokenIds);
    QCOMPARE(trace->headRoles->induction.rows(), Eigen::Index(trace->layers.size()));
}

ATTNLAB_TEST_APPLESS_MAIN(TestTraceRequest)
} // namespace tst_trace_request
#include "tst_trace_request.moc"
