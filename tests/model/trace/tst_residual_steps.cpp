// Tests model/trace/residual_steps.cpp: the length of each update, its cosine with the stream it joins and
// whether it joins as it is, against vectors worked out by hand; and, on a tiny Gemma 3, that the attention
// update is what joined the stream (after Gemma's output norm), not the sum of the heads' contributions.

#include "model/checkpoints/language_model.h"
#include "model/checkpoints/tiny_llama.h"
#include "model/attention/toy_model.h"
#include "model/trace/residual_steps.h"
#include "test_registry.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace tst_residual_steps {

using namespace attnlab::model;

namespace {

RowVector row(std::initializer_list<double> values)
{
    RowVector v(Eigen::Index(values.size()));
    Eigen::Index i = 0;
    for (const double x : values)
        v(i++) = x;
    return v;
}

} // namespace

class TestResidualSteps : public QObject {
    Q_OBJECT
private slots:
    // x = (3, 4), Δ = (0, 5): ‖x‖ = 5, ‖Δ‖ = 5, x·Δ = 20, cos = 20 / 25 = 0.8; x + Δ = (3, 9), ‖·‖ = √90.
    void handWorkedPreNorm()
    {
        const ResidualStep s = residualStep(row({3, 4}), row({0, 5}), row({3, 9}));
        QCOMPARE(s.before, 5.0);
        QCOMPARE(s.delta, 5.0);
        QCOMPARE(s.cosine, 0.8);
        QCOMPARE(s.after, std::sqrt(90.0));
        QVERIFY(s.addedAsIs);
    }

    // Lengths do not add: x = (1, 0, 0), Δ = (−1, 1, 0) has ‖Δ‖ = √2 and cos = −1/√2 (against the stream);
    // the stream after, (0, 1, 0), is no longer than before (1), though √2 was "added".
    void lengthsDoNotAdd()
    {
        const ResidualStep s = residualStep(row({1, 0, 0}), row({-1, 1, 0}), row({0, 1, 0}));
        QCOMPARE(s.delta, std::sqrt(2.0));
        QVERIFY(std::abs(s.cosine + 1.0 / std::sqrt(2.0)) < 1e-15);
        QCOMPARE(s.after, 1.0);
        QVERIFY(s.addedAsIs);
    }

    // Post-norm: the stream after is (x + Δ) normalised, (3, 9)/√90 · √2 here; not x + Δ.
    void postNormIsSaid()
    {
        const double k = std::sqrt(2.0) / std::sqrt(90.0);
        const ResidualStep s = residualStep(row({3, 4}), row({0, 5}), row({3 * k, 9 * k}));
        QCOMPARE(s.delta, 5.0);
        QCOMPARE(s.cosine, 0.8);
        QVERIFY(std::abs(s.after - std::sqrt(2.0)) < 1e-12);
        QVERIFY(!s.addedAsIs);
    }

    // A zero update or an empty stream has no direction: cos 0, not NaN; an orthogonal update has cos 0 too.
    void zeroVectorsAndOrthogonal()
    {
        const ResidualStep zero = residualStep(row({3, 4}), row({0, 0}), row({3, 4}));
        QCOMPARE(zero.delta, 0.0);
        QCOMPARE(zero.cosine, 0.0);
        QVERIFY(zero.addedAsIs);
        const ResidualStep empty = residualStep(row({0, 0}), row({1, 2}), row({1, 2}));
        QCOMPARE(empty.cosine, 0.0);
        const ResidualStep across = residualStep(row({2, 0}), row({0, 7}), row({2, 7}));
        QCOMPARE(across.cosine, 0.0);
        QCOMPARE(across.delta, 7.0);
    }

    // The trace's layers, per token: attention joins the stream entering the layer, the MLP the stream after
    // attention; stream lengths from the trace's rows; the toy model's pre-norm blocks add as they are and its
    // post-norm blocks do not.
    void fromAToyTrace()
    {
        for (const NormPlacement placement : {NormPlacement::Pre, NormPlacement::Post}) {
            ToyConfig config;
            config.placement = placement;
            auto trace = ToyModel(config).run(QStringLiteral("the cat sat on the mat"));
            QVERIFY2(trace.ok(), qPrintable(trace.error()));
            const int q = 2;
            const std::vector<LayerResidualSteps> steps = residualSteps(*trace, q);
            QCOMPARE(steps.size(), trace->layers.size());
            for (size_t l = 0; l < steps.size(); ++l) {
                const ResidualTrace& r = trace->layers[l].residual;
                const RowVector x = r.input.row(q), a = r.attentionOutput.row(q);
                QCOMPARE(steps[l].attention.before, x.norm());
                QCOMPARE(steps[l].attention.delta, a.norm());
                QVERIFY(std::abs(steps[l].attention.cosine - x.dot(a) / (x.norm() * a.norm())) < 1e-12);
                QCOMPARE(steps[l].mlp.before, r.afterAttention.row(q).norm());
                QCOMPARE(steps[l].mlp.delta, r.mlpOutput.row(q).norm());
                QCOMPARE(steps[l].mlp.after, r.output.row(q).norm());
                QCOMPARE(steps[l].attention.addedAsIs, placement == NormPlacement::Pre);
                QCOMPARE(steps[l].mlp.addedAsIs, placement == NormPlacement::Pre);
            }
            QVERIFY(residualSteps(*trace, int(trace->tokens.size())).empty());
            QVERIFY(residualSteps(*trace, -1).empty());
        }
    }

    // Gemma 3 norms the attention output before adding it: the update shown is the stream's actual change
    // (after − before, measured from the stream itself), and the heads' contributions, which are summed before
    // that norm, have another length.
    void gemmaShowsWhatJoinsTheStream()
    {
        attnlab::test::TinyLlama spec;
        spec.family = QStringLiteral("gemma3_text");
        spec.headDim = 8;
        spec.kvHeads = 1;
        spec.tied = true;
        spec.queryPreAttnScalar = 8.0;
        const attnlab::test::TinyLlama m = attnlab::test::randomLlama(spec, 7);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        attnlab::test::writeHfLlama(dir.filePath(QStringLiteral("gemma")), m);
        auto loaded = LanguageModel::load(dir.filePath(QStringLiteral("gemma")));
        QVERIFY2(loaded, qPrintable(loaded.error()));
        auto trace = (*loaded)->run({1, 4, 1, 5, 9, 2}, {});
        QVERIFY2(trace, qPrintable(trace.error()));
        const int q = 4;
        const std::vector<LayerResidualSteps> steps = residualSteps(*trace, q);
        QCOMPARE(steps.size(), size_t(m.layers));
        for (size_t l = 0; l < steps.size(); ++l) {
            const LayerTrace& layer = trace->layers[l];
            const RowVector joined = layer.residual.afterAttention.row(q) - layer.residual.input.row(q);
            QVERIFY(std::abs(steps[l].attention.delta - joined.norm()) < 1e-4 * joined.norm());
            QVERIFY(steps[l].attention.addedAsIs);
            QVERIFY(steps[l].mlp.addedAsIs);
            RowVector heads = RowVector::Zero(joined.size());
            for (int h = 0; h < int(layer.heads.size()); ++h)
                heads += headContributionRow(layer, h, q);
            QVERIFY2(std::abs(heads.norm() - joined.norm()) > 1e-3 * joined.norm(),
                     "the heads' sum is not what Gemma adds to the stream");
        }
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestResidualSteps)
} // namespace tst_residual_steps
#include "tst_residual_steps.moc"
