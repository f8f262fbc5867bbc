#pragma once

// A check the checkpoint tests share: the effect of switching off each head as LanguageModel::headAblationEffects
// computes it (the heads of a layer as blocks of one lean pass from the layer's kept stream) equals a whole run
// with that head off, at the last position and an earlier one, zero and mean; and a head switched off to zero has
// output 0 in the trace. Decoders predict the next token, encoders (BERT) the token at the position.

#include "model/checkpoints/language_model.h"

#include <QString>
#include <QTest>

#include <cmath>
#include <vector>

namespace attnlab::test {

inline void checkHeadEffectsAgainstWholeRuns(const model::LanguageModel& model, const std::vector<int>& ids)
{
    using namespace attnlab::model;
    auto trace = model.run(ids, {});
    QVERIFY2(trace, qPrintable(trace.error()));
    const auto logProbability = [](const MatrixF& logits, int row, int id) {
        const Eigen::RowVectorXd x = logits.row(row).cast<double>();
        const double max = x.maxCoeff();
        return x(id) - max - std::log((x.array() - max).exp().sum());
    };
    MatrixF plainLogits;
    QVERIFY(model.run(ids, {}, &plainLogits));
    for (const int position : {int(ids.size()) - 1, 3})
        for (const AblationMode mode : {AblationMode::Zero, AblationMode::Mean}) {
            const int target = trace->predictions[size_t(position)].top.front().first;
            const auto effects = model.headAblationEffects(*trace, position, target, mode);
            QVERIFY2(effects, qPrintable(effects.error()));
            for (int l = 0; l < model.config().layers; ++l)
                for (int h = 0; h < model.config().heads; ++h) {
                    LanguageModel::RunOptions options;
                    MatrixF logits;
                    options.logits = &logits;
                    options.ablation.heads = {{l, h}};
                    options.ablation.mode = mode;
                    auto whole = model.run(ids, {}, options);
                    QVERIFY(whole);
                    if (mode == AblationMode::Zero)
                        QCOMPARE(whole->layers[size_t(l)].heads[size_t(h)].output.toDouble().cwiseAbs().maxCoeff(), 0.0);
                    const double expected =
                        logProbability(logits, position, target) - logProbability(plainLogits, position, target);
                    QVERIFY2(std::abs((*effects)(l, h) - expected) < 1e-4,
                             qPrintable(QStringLiteral("layer %1 head %2 at %3: %4, a whole run says %5")
                                            .arg(l)
                                            .arg(h)
                                            .arg(position)
                                            .arg((*effects)(l, h))
                                            .arg(expected)));
                }
        }
}

} // namespace attnlab::test
