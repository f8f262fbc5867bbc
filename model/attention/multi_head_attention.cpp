#include "model/attention/multi_head_attention.h"

namespace attnlab::model {

namespace {

QString shapeOf(const Matrix& m)
{
    return QStringLiteral("%1 × %2").arg(m.rows()).arg(m.cols());
}

} // namespace

Result<void> validateWeights(const MultiHeadWeights& w, int d)
{
    const auto fail = [](const QString& message) { return Result<void>::failure(message); };
    if (w.heads < 1)
        return fail(QStringLiteral("the number of heads must be at least 1 (got %1)").arg(w.heads));
    if (w.wq.rows() != d || w.wk.rows() != d || w.wv.rows() != d)
        return fail(QStringLiteral("W_q, W_k and W_v must have %1 rows (the input width), got %2, %3 and %4")
                        .arg(d).arg(w.wq.rows()).arg(w.wk.rows()).arg(w.wv.rows()));
    if (w.wq.cols() != w.wk.cols())
        return fail(QStringLiteral("W_q is %1 but W_k is %2: queries and keys need the same width")
                        .arg(shapeOf(w.wq), shapeOf(w.wk)));
    if (w.wq.cols() == 0 || w.wv.cols() == 0)
        return fail(QStringLiteral("W_q and W_v need at least one column"));
    if (w.wq.cols() % w.heads != 0)
        return fail(QStringLiteral("W_q has %1 columns, which %2 heads cannot share equally")
                        .arg(w.wq.cols()).arg(w.heads));
    if (w.wv.cols() % w.heads != 0)
        return fail(QStringLiteral("W_v has %1 columns, which %2 heads cannot share equally")
                        .arg(w.wv.cols()).arg(w.heads));
    if (w.wo.size() > 0 && w.wo.rows() != w.wv.cols())
        return fail(QStringLiteral("W_o is %1 but must have %2 rows (the concatenated head outputs, W_v's width)")
                        .arg(shapeOf(w.wo)).arg(w.wv.cols()));
    const auto badBias = [](const RowVector& b, Eigen::Index width) { return b.size() != 0 && b.size() != width; };
    if (badBias(w.bq, w.wq.cols()) || badBias(w.bk, w.wk.cols()) || badBias(w.bv, w.wv.cols()) ||
        badBias(w.bo, w.wo.size() > 0 ? w.wo.cols() : w.wv.cols()))
        return fail(QStringLiteral("a bias vector's width does not match its projection"));
    return Result<void>::success();
}

// wo: (h·d_v, d_out) -> (d_v, d_out)
Matrix outputBlock(const Matrix& wo, int head, int heads)
{
    const Eigen::Index dv = wo.rows() / heads;
    return wo.middleRows(head * dv, dv);
}

namespace {

// Without W_O each head's share of the output is its own block of columns of the concatenation.
void setConcatenationContributions(LayerTrace& layer)
{
    Eigen::Index column = 0;
    for (HeadTrace& head : layer.heads) {
        Matrix contribution = Matrix::Zero(layer.attentionOutput.rows(), layer.attentionOutput.cols());
        contribution.middleCols(column, head.output.cols()) = *head.output.doubles();
        head.contribution = std::move(contribution);
        column += head.output.cols();
    }
}

// q: (T, h·d_k), k: (S, h·d_k), v: (S, h·d_v) -> LayerTrace (heads without contributions, attentionOutput =
// concatenation)
LayerTrace attendAll(const Matrix& q, const Matrix& k, const Matrix& v, int heads, const AttentionOptions& options,
                     const PositionalConfig& positional, const std::vector<int>& queryPositions,
                     const std::vector<int>& keyPositions, QStringList* warnings)
{
    const Eigen::Index dk = q.cols() / heads;
    const Eigen::Index dv = v.cols() / heads;
    const double scale = scaleFactor(options.scaling, int(dk));
    const TraceMask allowed = buildMask(options.mask, int(q.rows()), int(k.rows())).value(); // shared by the heads
    const std::vector<double> slopes =
        positional.kind == PositionalKind::Alibi ? alibiSlopes(heads) : std::vector<double>{};

    LayerTrace layer;
    layer.heads.reserve(heads);
    Matrix concatenation(q.rows(), v.cols());
    for (int h = 0; h < heads; ++h) {
        Matrix qh = q.middleCols(h * dk, dk);
        Matrix kh = k.middleCols(h * dk, dk);
        if (positional.kind == PositionalKind::Rope) {
            applyRope(qh, queryPositions, positional.ropeBase, positional.ropeLayout);
            applyRope(kh, keyPositions, positional.ropeBase, positional.ropeLayout);
        }
        const Matrix bias = slopes.empty() ? Matrix() : alibiBias(queryPositions, keyPositions, slopes[h]);
        std::vector<int> fullyMasked;
        HeadTrace head = attendHead(qh, kh, v.middleCols(h * dv, dv), allowed, scale, options.expOverrides, bias,
                                    &fullyMasked);
        concatenation.middleCols(h * dv, dv) = *head.output.doubles();
        // The mask is shared by all heads, so one warning per layer says it.
        if (warnings && !fullyMasked.empty() && h == 0)
            *warnings << fullyMaskedWarning(fullyMasked, {}, QStringLiteral("attention"));
        layer.heads.push_back(std::move(head));
    }
    layer.attentionOutput = std::move(concatenation);
    return layer;
}

} // namespace

LayerTrace attendHeads(const Matrix& q, const Matrix& k, const Matrix& v, int heads, const AttentionOptions& options,
                       const PositionalConfig& positional, const std::vector<int>& queryPositions,
                       const std::vector<int>& keyPositions, QStringList* warnings)
{
    LayerTrace layer = attendAll(q, k, v, heads, options, positional, queryPositions, keyPositions, warnings);
    setConcatenationContributions(layer);
    return layer;
}

// x: (T, d), memory: (S, d) -> LayerTrace (heads, attentionOutput (T, d_out))
LayerTrace multiHeadAttention(const Matrix& x, const Matrix& memory, const MultiHeadWeights& w,
                              const AttentionOptions& options, const PositionalConfig& positional,
                              const std::vector<int>& queryPositions, const std::vector<int>& keyPositions,
                              QStringList* warnings, const Ablation* ablation, int layerIndex)
{
    // Project once for all heads: (T, h·d_k), (S, h·d_k), (S, h·d_v).
    Matrix q = x * w.wq;
    Matrix k = memory * w.wk;
    Matrix v = memory * w.wv;
    if (w.bq.size())
        q.rowwise() += w.bq;
    if (w.bk.size())
        k.rowwise() += w.bk;
    if (w.bv.size())
        v.rowwise() += w.bv;

    LayerTrace layer = attendAll(q, k, v, w.heads, options, positional, queryPositions, keyPositions, warnings);
    Matrix attentionOutput = *layer.attentionOutput.doubles(); // (T, h·d_v) the concatenation
    if (ablation) {
        // The switched-off heads' outputs are replaced before W_O, in the concatenation and in their traces.
        const int dv = int(attentionOutput.cols()) / w.heads;
        ablateHeadColumns(*ablation, layerIndex, dv, attentionOutput);
        for (int h : ablation->headsOf(layerIndex))
            layer.heads[size_t(h)].output = Matrix(attentionOutput.middleCols(Eigen::Index(h) * dv, dv));
        layer.attentionOutput = attentionOutput;
    }
    if (w.wo.size() > 0) {
        // Head h's share of the output: output_h · W_O^h, the h-th block of rows of W_O.
        for (int h = 0; h < w.heads; ++h)
            layer.heads[h].contribution = Matrix(*layer.heads[h].output.doubles() * outputBlock(w.wo, h, w.heads));
        attentionOutput = attentionOutput * w.wo;
    } else {
        setConcatenationContributions(layer);
    }
    if (w.bo.size())
        attentionOutput.rowwise() += w.bo;
    layer.attentionOutput = std::move(attentionOutput);
    return layer;
}

} // namespace attnlab::model
