#pragma once

// Traces and pixel helpers shared by tst_heatmap_view, tst_model_view and tst_figure_export: the exam
// matrices (exact weights 9/26 and 2/13), toy-model sentences in three scripts, and colour comparisons.

#include "model/exact/matrix_problem.h"
#include "model/attention/toy_model.h"

#include <QColor>
#include <QImage>
#include <QSet>
#include <QTest>

#include <cmath>
#include <memory>

namespace attnlab::test {

inline const QString kEnglish =
    QStringLiteral("The animal didn't cross the street because it was too tired.");
inline const QString kJapanese = QStringLiteral("得意 な スポーツ は ？");
inline const QString kPersian = QStringLiteral("سلام دنیا");

// Q = [[1,0],[0,1],[-1,0],[0,-1]], K = the unit diagonals, V as in the exam, exp(1/2) ≈ 3/2: the weights of
// query 2 (row 1) are 9/26, 9/26, 2/13, 2/13.
inline std::shared_ptr<const model::Trace> examTrace()
{
    const double r = 1.0 / std::sqrt(2.0);
    model::MatrixProblem problem;
    model::Matrix q(4, 2), k(4, 2), v(4, 2);
    q << 1, 0, 0, 1, -1, 0, 0, -1;
    k << r, r, -r, r, -r, -r, r, -r;
    v << 12, -3, 14, 16, 7, -10, 6, -3;
    problem.q = q;
    problem.k = k;
    problem.v = v;
    problem.options.expOverrides = {{0.5, 1.5}};
    auto result = model::runMatrixProblem(problem);
    if (!result) qFatal("exam trace: %s", qPrintable(result.error()));
    return std::make_shared<const model::Trace>(std::move(result).value());
}

// A trace as a checkpoint's holds it: without the scaled scores, which readers derive from QKᵀ (model/trace/trace.h).
inline std::shared_ptr<const model::Trace> withoutScaledScores(const std::shared_ptr<const model::Trace>& full)
{
    model::Trace trace = *full;
    for (model::LayerTrace& layer : trace.layers)
        for (model::HeadTrace& head : layer.heads)
            head.scaled = model::TraceMatrix();
    return std::make_shared<const model::Trace>(std::move(trace));
}

inline std::shared_ptr<const model::Trace> toyTrace(const QString& text, bool causal = false, int layers = 2,
                                                    int heads = 2, int dModel = 16,
                                                    const QString& memory = {})
{
    model::ToyConfig config;
    config.layers = layers;
    config.heads = heads;
    config.dModel = dModel;
    config.vocabSize = 1024;
    if (causal) config.attention.mask = model::MaskSpec::causal();
    auto result = model::ToyModel(config).run(text, memory);
    if (!result) qFatal("toy trace: %s", qPrintable(result.error()));
    return std::make_shared<const model::Trace>(std::move(result).value());
}

// "w1 w2 … wN": a sentence of n distinct words.
inline QString wordSentence(int n)
{
    QStringList words;
    for (int i = 0; i < n; ++i)
        words << QStringLiteral("w%1").arg(i + 1);
    return words.join(QLatin1Char(' '));
}

// The largest difference of one channel.
inline int colorDistance(const QColor& a, const QColor& b)
{
    return std::max(
        {std::abs(a.red() - b.red()), std::abs(a.green() - b.green()), std::abs(a.blue() - b.blue())});
}

// Grey: the channels agree within tolerance.
inline bool isGreyish(const QColor& c, int tolerance = 12)
{
    return std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()}) <= tolerance;
}

inline int distinctColors(const QImage& image)
{
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colors.insert(image.pixel(x, y));
    return int(colors.size());
}

} // namespace attnlab::test
