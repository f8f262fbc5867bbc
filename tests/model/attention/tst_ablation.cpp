// Tests model/attention/ablation.cpp: the LAYER.HEAD lists of the command line, the checks and their messages, the
// replacement of rows (zero, and the mean worked out by hand), and the toy model with parts switched off, read
// against its own run without them: a switched-off head's output is 0 (or one row, the mean of the head's rows
// as the plain run computed them), a layer with every head off adds only nothing to the stream, and an MLP off
// leaves the stream after attention as the layer's output.

#include "model/attention/ablation.h"
#include "model/attention/toy_model.h"
#include "test_registry.h"
#include "test_support.h"

#include <QTest>

namespace tst_ablation {

using namespace attnlab::model;

class TestAblation : public QObject {
    Q_OBJECT

private slots:
    void parsesHeadAndLayerLists()
    {
        const auto heads = parseHeadList(QStringLiteral("3.5, 1.2"));
        QVERIFY(heads);
        QCOMPARE(*heads, (std::vector<HeadRef>{{2, 4}, {0, 1}}));
        for (const char* bad : {"3", "3.", ".5", "0.1", "1.0", "a.b", "1.2.3", "", "1.2,"})
            QVERIFY2(!parseHeadList(QLatin1String(bad)), bad);
        QVERIFY(parseHeadList(QStringLiteral("3")).error().contains(QStringLiteral("write LAYER.HEAD, 1-based")));
        const auto layers = parseLayerList(QStringLiteral("4,1"));
        QVERIFY(layers);
        QCOMPARE(*layers, (std::vector<int>{3, 0}));
        QVERIFY(!parseLayerList(QStringLiteral("0")));
        QVERIFY(!parseLayerList(QStringLiteral("x")));
    }

    void normalizesChecksAndDescribes()
    {
        Ablation a;
        a.heads = {{1, 0}, {0, 3}, {1, 0}};
        a.mlps = {2, 0, 2};
        const Ablation n = a.normalized();
        QCOMPARE(n.heads, (std::vector<HeadRef>{{0, 3}, {1, 0}}));
        QCOMPARE(n.mlps, (std::vector<int>{0, 2}));
        QVERIFY(n.ablatesHead(0, 3) && !n.ablatesHead(0, 0));
        QVERIFY(n.ablatesMlp(2) && !n.ablatesMlp(1));
        QCOMPARE(n.headsOf(1), std::vector<int>{0});
        QCOMPARE(describeAblation(n), QStringLiteral("heads 1.4, 2.1 and the MLPs of layers 1, 3 (zero)"));
        QVERIFY(checkAblation(n, 3, 4));
        QCOMPARE(checkAblation(n, 2, 4).error(),
                 QStringLiteral("--ablate-mlp 3: layer 3 does not exist; the model has layers 1 to 2"));
        QCOMPARE(checkAblation(n, 3, 3).error(),
                 QStringLiteral("--ablate 1.4: head 4 does not exist; each layer has heads 1 to 3"));
        Ablation one;
        one.heads = {{1, 0}};
        QCOMPARE(checkAblation(one, 1, 4).error(), QStringLiteral("--ablate 2.1: layer 2 does not exist; the model has 1 layer"));
    }

    void replacesRows()
    {
        // Rows (1, 2), (3, 4), (5, 9): zero -> 0; mean -> every row (3, 5), the column means worked out by hand.
        Matrix m(3, 2);
        m << 1, 2, 3, 4, 5, 9;
        Matrix zero = m;
        ablateRows(zero.block(0, 0, 3, 2), AblationMode::Zero);
        QCOMPARE(zero, Matrix(Matrix::Zero(3, 2)));
        Matrix mean = m;
        ablateRows(mean.block(0, 0, 3, 2), AblationMode::Mean);
        Matrix expected(3, 2);
        expected << 3, 5, 3, 5, 3, 5;
        QCOMPARE(mean, expected);
        // Only head 1's columns (2 and 3 of a concat of two heads of width 2) change.
        Matrix concat(2, 4);
        concat << 1, 2, 3, 4, 5, 6, 7, 8;
        Ablation a;
        a.heads = {{0, 1}};
        a.mode = AblationMode::Mean;
        ablateHeadColumns(a, 0, 2, concat);
        Matrix after(2, 4);
        after << 1, 2, 5, 6, 5, 6, 5, 6;
        QCOMPARE(concat, after);
        ablateHeadColumns(a, 1, 2, concat); // another layer: nothing
        QCOMPARE(concat, after);
    }

    void toyModelSwitchesPartsOff()
    {
        ToyConfig config;
        config.vocabSize = 512;
        const ToyModel toy(config);
        const QStringList tokens{QStringLiteral("the"), QStringLiteral("cat"), QStringLiteral("sat"), QStringLiteral("down")};
        const auto plain = toy.runTokens(tokens);
        QVERIFY(plain);
        QVERIFY(plain->ablation.empty());

        Ablation zero;
        for (int h = 0; h < config.heads; ++h)
            zero.heads.push_back({0, h});
        zero.mlps = {1};
        const auto off = toy.runTokens(tokens, {}, nullptr, &zero);
        QVERIFY2(off, qPrintable(off ? QString() : off.error()));
        QCOMPARE(off->ablation, zero.normalized());
        const LayerTrace& first = off->layers[0];
        for (const HeadTrace& head : first.heads) {
            QCOMPARE(head.output.toDouble().cwiseAbs().maxCoeff(), 0.0);
            QCOMPARE(head.contribution.toDouble().cwiseAbs().maxCoeff(), 0.0);
        }
        // Every head off and no output bias: attention adds nothing, the stream after it is the input (pre-norm).
        QCOMPARE(first.attentionOutput.toDouble().cwiseAbs().maxCoeff(), 0.0);
        QCOMPARE(first.residual.afterAttention.toDouble(), first.residual.input.toDouble());
        // Layer 2's MLP off: it adds nothing, the layer's output is its stream after attention.
        QCOMPARE(off->layers[1].residual.mlpOutput.toDouble().cwiseAbs().maxCoeff(), 0.0);
        QCOMPARE(off->layers[1].residual.output.toDouble(), off->layers[1].residual.afterAttention.toDouble());
        // The attention weights of layer 1 are the plain run's (same input).
        QCOMPARE(first.heads[2].weights.toDouble(), plain->layers[0].heads[2].weights.toDouble());

        Ablation mean;
        mean.heads = {{0, 1}};
        mean.mode = AblationMode::Mean;
        const auto averaged = toy.runTokens(tokens, {}, nullptr, &mean);
        QVERIFY(averaged);
        const Matrix plainOutput = plain->layers[0].heads[1].output.toDouble();
        const Eigen::RowVectorXd average = plainOutput.colwise().mean();
        const Matrix output = averaged->layers[0].heads[1].output.toDouble();
        for (Eigen::Index r = 0; r < output.rows(); ++r)
            QVERIFY((output.row(r) - average).cwiseAbs().maxCoeff() < 1e-12);
        // The other heads of the layer are untouched, the next layer's input changed.
        QCOMPARE(averaged->layers[0].heads[0].output.toDouble(), plain->layers[0].heads[0].output.toDouble());
        QVERIFY((averaged->layers[1].residual.input.toDouble() - plain->layers[1].residual.input.toDouble()).cwiseAbs().maxCoeff() > 1e-9);

        Ablation missing;
        missing.heads = {{2, 0}};
        const auto refused = toy.runTokens(tokens, {}, nullptr, &missing);
        QVERIFY(!refused);
        QCOMPARE(refused.error(), QStringLiteral("--ablate 3.1: layer 3 does not exist; the model has layers 1 to 2"));
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestAblation)
} // namespace tst_ablation
#include "tst_ablation.moc"
