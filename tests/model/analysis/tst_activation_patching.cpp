// Tests model/analysis/activation_patching.cpp on a tiny random GPT-2 the test writes, against a reference forward
// written with explicit loops in double (tests/model/checkpoints/tiny_gpt2.h) that puts the clean run's values into
// the corrupted run as activation_patch.h defines: every head, every stream entering a layer and every MLP output,
// at the last token and at an earlier one. Also what a full patch restores, and the refusals.

#include "model/analysis/activation_patching.h"
#include "model/checkpoints/gpt2_model.h"
#include "model/checkpoints/tiny_gpt2.h"
#include "test_registry.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace tst_activation_patching {

using namespace attnlab::model;
using namespace attnlab::test::tiny_gpt2;

namespace {

// The metric of activation_patching.h from reference logits (T, V) at `position`.
double refMetric(const Matrix& logits, int position, int target, int wrong)
{
    if (wrong >= 0) return logits(position, target) - logits(position, wrong);
    const double max = logits.row(position).maxCoeff();
    return logits(position, target) - max - std::log((logits.row(position).array() - max).exp().sum());
}

struct TinyModel {
    QTemporaryDir dir;
    Weights weights;
    std::shared_ptr<LanguageModel> model;
};

std::unique_ptr<TinyModel> tinyModel(quint32 seed)
{
    auto tiny = std::make_unique<TinyModel>();
    const QString folder = tiny->dir.filePath(QStringLiteral("tiny-gpt2"));
    tiny->weights = randomGpt2(false, QStringLiteral("transformer."), seed);
    writeModel(folder, configJson(false, QStringLiteral("gelu_new")), tiny->weights, 1);
    auto model = Gpt2Model::load(folder);
    if (!model) qFatal("%s", qPrintable(model.error()));
    tiny->model = std::shared_ptr<LanguageModel>(std::move(model).value());
    return tiny;
}

const std::vector<int> kClean{1, 4, 1, 5, 9, 2, 6, 5, 3};
const std::vector<int> kCorrupted{1, 4, 1, 7, 9, 2, 6, 5, 3}; // token 4 differs

} // namespace

class TestActivationPatching : public QObject {
    Q_OBJECT

private slots:
    void matchesLoopReference_data();
    void matchesLoopReference();
    void aFullPatchRestoresTheCleanRun();
    void refusesWhatCannotBePatched();
};

void TestActivationPatching::matchesLoopReference_data()
{
    QTest::addColumn<int>("position");
    QTest::addColumn<bool>("withWrong");
    QTest::newRow("last token, logit difference") << int(kClean.size()) - 1 << true;
    QTest::newRow("last token, log-probability") << int(kClean.size()) - 1 << false;
    QTest::newRow("token 7, logit difference") << 6 << true;
}

void TestActivationPatching::matchesLoopReference()
{
    QFETCH(int, position);
    QFETCH(bool, withWrong);
    const auto tiny = tinyModel(11u);
    const auto clean = tiny->model->run(kClean, {});
    const auto corrupted = tiny->model->run(kCorrupted, {});
    QVERIFY2(clean && corrupted, qPrintable(clean.error() + corrupted.error()));

    RefActivations source;
    const Reference cleanRef = referenceForward(tiny->weights, kClean, false, false, {}, {}, false, {}, &source);
    const Reference corruptedRef = referenceForward(tiny->weights, kCorrupted, false, false);
    // The clean run's favourite against the corrupted run's, so that the difference is large.
    int target = 0, wrong = 0;
    cleanRef.logits.row(position).maxCoeff(&target);
    Matrix others = corruptedRef.logits.row(position);
    others(0, target) = -1e300;
    others.row(0).maxCoeff(&wrong);
    PatchingQuery query;
    query.position = position;
    query.target = target;
    query.wrong = withWrong ? wrong : -1;
    const double cleanMetric = refMetric(cleanRef.logits, position, target, query.wrong);
    const double corruptedMetric = refMetric(corruptedRef.logits, position, target, query.wrong);
    QVERIFY2(std::abs(cleanMetric - corruptedMetric) > 0.05, "the inputs hardly differ in the metric");

    const auto patched = activationPatching(*tiny->model, *clean, *corrupted, query);
    QVERIFY2(patched, qPrintable(patched.error()));
    QCOMPARE(patched->position, position);
    QVERIFY(std::abs(patched->clean - cleanMetric) < 1e-4);
    QVERIFY(std::abs(patched->corrupted - corruptedMetric) < 1e-4);
    const auto restored = [&](const RefPatch& patch) {
        RefPatch withSource = patch;
        withSource.source = &source;
        const Reference run = referenceForward(tiny->weights, kCorrupted, false, false, {}, {}, false, withSource);
        return (refMetric(run.logits, position, target, query.wrong) - corruptedMetric) / (cleanMetric - corruptedMetric);
    };
    const auto near = [](double got, double expected, const QString& what) {
        QVERIFY2(std::abs(got - expected) < 1e-4, qPrintable(QStringLiteral("%1: %2, the reference says %3").arg(what).arg(got).arg(expected)));
    };
    QCOMPARE(patched->heads.rows(), Eigen::Index(kLayers));
    QCOMPARE(patched->heads.cols(), Eigen::Index(kHeads));
    QCOMPARE(patched->residual.cols(), Eigen::Index(kClean.size()));
    bool someRestored = false;
    for (int l = 0; l < kLayers; ++l) {
        for (int h = 0; h < kHeads; ++h) {
            RefPatch patch;
            patch.heads = {{l, h}};
            near(patched->heads(l, h), restored(patch), QStringLiteral("head %1.%2").arg(l + 1).arg(h + 1));
        }
        for (int t = 0; t < int(kClean.size()); ++t) {
            RefPatch stream, mlp;
            stream.streams = {{l, t}};
            mlp.mlps = {{l, t}};
            const double streamExpected = restored(stream), mlpExpected = restored(mlp);
            near(patched->residual(l, t), streamExpected, QStringLiteral("stream entering layer %1 at token %2").arg(l + 1).arg(t + 1));
            near(patched->mlp(l, t), mlpExpected, QStringLiteral("MLP of layer %1 at token %2").arg(l + 1).arg(t + 1));
            // Before the token that differs, and after the measured one, nothing changes: exactly 0.
            if (t < 3 || t > position) {
                QCOMPARE(patched->residual(l, t), 0.0);
                QCOMPARE(patched->mlp(l, t), 0.0);
            }
            someRestored = someRestored || std::abs(streamExpected) > 0.1;
        }
    }
    QVERIFY(someRestored);
    // The stream entering layer 1 at the token that differs is the clean embedding there: all of it comes back.
    QVERIFY(std::abs(patched->residual(0, 3) - 1.0) < 1e-4);
}

void TestActivationPatching::aFullPatchRestoresTheCleanRun()
{
    const auto tiny = tinyModel(12u);
    const auto clean = tiny->model->run(kClean, {});
    const auto corrupted = tiny->model->run(kCorrupted, {});
    QVERIFY(clean && corrupted);
    const int T = int(kClean.size());

    // Every head and every MLP from the clean run, in a whole run of the corrupted input: each sublayer adds what it
    // added in the clean run, so the final stream is the clean one plus the one thing left, the embeddings'
    // difference (GPT-2's stream is the embeddings plus what every sublayer adds).
    LanguageModel::RunOptions options;
    for (int l = 0; l < kLayers; ++l) {
        for (int h = 0; h < kHeads; ++h)
            options.patch.heads.push_back({l, h});
        options.patch.mlps.push_back({l, -1});
    }
    options.patchSource = &*clean;
    const auto patched = tiny->model->run(kCorrupted, {}, options);
    QVERIFY2(patched, qPrintable(patched.error()));
    const Matrix expected = clean->output.toDouble() + corrupted->embeddings.toDouble() - clean->embeddings.toDouble();
    ATTNLAB_COMPARE_MATRIX(patched->output.toDouble(), expected, 1e-5);
    QVERIFY((patched->output.toDouble() - clean->output.toDouble()).cwiseAbs().maxCoeff() > 1e-2);

    // With the embedding of the token that differs too, the corrupted run is the clean run: the metric is restored
    // exactly (fraction 1), through the same reruns the grids use.
    LanguageModel::Rerun everything;
    everything.patch = options.patch;
    everything.sourceRow = 3;
    const auto out = tiny->model->rerunFrom(*corrupted, 0, T, T - 1, {everything}, &*clean);
    QVERIFY2(out, qPrintable(out.error()));
    const auto cleanHead = tiny->model->outputHead(MatrixF(clean->output.floats()->bottomRows(1)));
    QVERIFY(cleanHead);
    ATTNLAB_COMPARE_MATRIX(Matrix(out->hidden.cast<double>()), Matrix(cleanHead->hidden.cast<double>()), 1e-5);
}

void TestActivationPatching::refusesWhatCannotBePatched()
{
    const auto tiny = tinyModel(13u);
    const auto clean = tiny->model->run(kClean, {});
    const auto corrupted = tiny->model->run(kCorrupted, {});
    const auto shorter = tiny->model->run({1, 4, 1}, {});
    QVERIFY(clean && corrupted && shorter);
    PatchingQuery query;
    query.target = 2;
    query.wrong = 3;
    const auto refused = [&](const Trace& a, const Trace& b, const PatchingQuery& q, const QString& expected) {
        const auto result = activationPatching(*tiny->model, a, b, q);
        QVERIFY(!result);
        QVERIFY2(result.error().contains(expected), qPrintable(result.error()));
    };
    refused(*clean, *shorter, query,
            QStringLiteral("the clean input has 9 tokens and the corrupted one 3; patching pairs them token by token"));
    refused(*clean, *clean, query, QStringLiteral("there is no difference to restore"));
    PatchingQuery same = query;
    same.wrong = same.target;
    refused(*clean, *corrupted, same, QStringLiteral("the target and the wrong token are the same token"));
    PatchingQuery outside = query;
    outside.target = kVocab;
    refused(*clean, *corrupted, outside, QStringLiteral("token id %1 is outside the vocabulary (0 to %2)").arg(kVocab).arg(kVocab - 1));
    PatchingQuery late = query;
    late.position = 9;
    refused(*clean, *corrupted, late, QStringLiteral("token 10 is outside the text (1 to 9)"));
    // A patch of a head the model does not have, in a whole run.
    LanguageModel::RunOptions options;
    options.patch.heads = {{0, kHeads}};
    options.patchSource = &*clean;
    const auto bad = tiny->model->run(kCorrupted, {}, options);
    QVERIFY(!bad);
    QVERIFY2(bad.error().contains(QStringLiteral("head 1.3: head 3 does not exist; each layer has heads 1 to 2")), qPrintable(bad.error()));
}

ATTNLAB_TEST_APPLESS_MAIN(TestActivationPatching)
} // namespace tst_activation_patching
#include "tst_activation_patching.moc"
