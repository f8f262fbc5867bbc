#include "model/attention/activation_patch.h"

#include "model/trace/trace.h"

namespace attnlab::model {

namespace {

// The first `rows` rows of a source matrix, in float32 (a checkpoint's trace keeps float32; typed matrices double).
MatrixF sourceRows(const TraceMatrix& m, Eigen::Index rows)
{
    if (const MatrixF* f = m.floats()) return f->topRows(rows);
    return m.toDouble().topRows(rows).cast<float>();
}

} // namespace

void patchHeadColumns(const ActivationPatch& patch, const Trace& source, int layer, int dh, PatchRows concat)
{
    for (const HeadRef& h : patch.heads) {
        if (h.layer != layer) continue;
        const TraceMatrix& output = source.layers[size_t(layer)].heads[size_t(h.head)].output;
        concat.middleCols(Eigen::Index(h.head) * dh, dh) = sourceRows(output, concat.rows());
    }
}

void patchMlpRows(const ActivationPatch& patch, const Trace& source, int layer, PatchRows mlp)
{
    for (const MlpSite& site : patch.mlps) {
        if (site.layer != layer) continue;
        const TraceMatrix& output = source.layers[size_t(layer)].residual.mlpOutput;
        if (site.position < 0)
            mlp = sourceRows(output, mlp.rows());
        else if (site.position < mlp.rows())
            mlp.row(site.position) = output.row(site.position).cast<float>();
    }
}

Result<void> checkActivationPatch(const ActivationPatch& patch, int layers, int heads, int tokens)
{
    using R = Result<void>;
    const QString layerRange = layers == 1 ? QStringLiteral("the model has 1 layer")
                                           : QStringLiteral("the model has layers 1 to %1").arg(layers);
    for (const HeadRef& h : patch.heads) {
        if (h.layer < 0 || h.layer >= layers)
            return R::failure(QStringLiteral("head %1.%2: layer %1 does not exist; %3").arg(h.layer + 1).arg(h.head + 1).arg(layerRange));
        if (h.head < 0 || h.head >= heads)
            return R::failure(QStringLiteral("head %1.%2: head %2 does not exist; each layer has heads 1 to %3")
                                  .arg(h.layer + 1)
                                  .arg(h.head + 1)
                                  .arg(heads));
    }
    for (const MlpSite& site : patch.mlps) {
        if (site.layer < 0 || site.layer >= layers)
            return R::failure(QStringLiteral("MLP of layer %1: layer %1 does not exist; %2").arg(site.layer + 1).arg(layerRange));
        if (site.position < -1 || site.position >= tokens)
            return R::failure(QStringLiteral("MLP of layer %1 at token %2: the text has tokens 1 to %3")
                                  .arg(site.layer + 1)
                                  .arg(site.position + 1)
                                  .arg(tokens));
    }
    return R::success();
}

} // namespace attnlab::model
