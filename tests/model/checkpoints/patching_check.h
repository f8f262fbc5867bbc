#pragma once

// A check the checkpoint tests share: activation patching as activationPatching computes it (the patched runs as
// blocks of lean passes from the patched layer's kept stream) equals whole runs of the corrupted input with one
// head's output, or one MLP output at one token, taken from the clean run (RunOptions::patch). Decoders are
// measured at the next token after the last, encoders (BERT) at the last token itself.

#include "model/analysis/activation_patching.h"
#include "model/checkpoints/language_model.h"

#include <QString>
#include <QTest>

#include <cmath>
#include <vector>

namespace attnlab::test {

inline void checkPatchingAgainstWholeRuns(const model::LanguageModel& model, const std::vector<int>& clean,
                                          const std::vector<int>& corrupted)
{
    using namespace attnlab::model;
    auto cleanTrace = model.run(clean, {});
    auto corruptedTrace = model.run(corrupted, {});
    QVERIFY2(cleanTrace && corruptedTrace, qPrintable(cleanTrace.error() + corruptedTrace.error()));
    const int T = int(clean.size()), last = T - 1;
    PatchingQuery query;
    query.target = cleanTrace->predictions[size_t(last)].top.front().first;
    query.wrong = corruptedTrace->predictions[size_t(last)].top.front().first;
    if (query.wrong == query.target) query.wrong = cleanTrace->predictions[size_t(last)].top[1].first;
    const auto patched = activationPatching(model, *cleanTrace, *corruptedTrace, query);
    QVERIFY2(patched, qPrintable(patched.error()));
    const auto metricOf = [&](const LanguageModel::RunOptions& options) {
        MatrixF logits;
        LanguageModel::RunOptions withLogits = options;
        withLogits.logits = &logits;
        const auto run = model.run(corrupted, {}, withLogits);
        if (!run) qFatal("%s", qPrintable(run.error()));
        return double(logits(last, query.target)) - double(logits(last, query.wrong));
    };
    QVERIFY(std::abs(metricOf({}) - patched->corrupted) < 1e-4);
    const double gap = patched->clean - patched->corrupted;
    const auto check = [&](double got, const LanguageModel::RunOptions& options, const QString& what) {
        const double expected = (metricOf(options) - patched->corrupted) / gap;
        QVERIFY2(std::abs(got - expected) < 1e-3,
                 qPrintable(QStringLiteral("%1: %2, a whole run says %3").arg(what).arg(got).arg(expected)));
    };
    for (int l = 0; l < model.config().layers; ++l) {
        for (int h = 0; h < model.config().heads; ++h) {
            LanguageModel::RunOptions options;
            options.patch.heads = {{l, h}};
            options.patchSource = &*cleanTrace;
            check(patched->heads(l, h), options, QStringLiteral("head %1.%2").arg(l + 1).arg(h + 1));
        }
        for (int t = 0; t < T; ++t) {
            LanguageModel::RunOptions options;
            options.patch.mlps = {{l, t}};
            options.patchSource = &*cleanTrace;
            check(patched->mlp(l, t), options, QStringLiteral("MLP of layer %1 at token %2").arg(l + 1).arg(t + 1));
        }
    }
}

} // namespace attnlab::test
