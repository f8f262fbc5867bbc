#include "model/trace/residual_steps.h"

#include <algorithm>
#include <cmath>

namespace attnlab::model {

ResidualStep residualStep(const RowVector& before, const RowVector& delta, const RowVector& after)
{
    ResidualStep step;
    step.before = before.norm();
    step.delta = delta.norm();
    step.after = after.norm();
    if (step.before > 0 && step.delta > 0)
        step.cosine = std::clamp(before.dot(delta) / (step.before * step.delta), -1.0, 1.0);
    if (before.size() == delta.size() && before.size() == after.size()) {
        const double scale = std::max({step.before, step.delta, step.after, 1e-30});
        step.addedAsIs = (after - before - delta).norm() <= 1e-4 * scale;
    } else {
        step.addedAsIs = false;
    }
    return step;
}

std::vector<LayerResidualSteps> residualSteps(const Trace& trace, int query)
{
    std::vector<LayerResidualSteps> steps;
    if (trace.layers.empty() || query < 0) return steps;
    for (const LayerTrace& layer : trace.layers) {
        const ResidualTrace& r = layer.residual;
        if (!layer.hasResidual || query >= r.input.rows() || query >= r.attentionOutput.rows() ||
            query >= r.afterAttention.rows() || query >= r.mlpOutput.rows() || query >= r.output.rows())
            return {};
        const RowVector afterAttention = r.afterAttention.row(query);
        steps.push_back({residualStep(r.input.row(query), r.attentionOutput.row(query), afterAttention),
                         residualStep(afterAttention, r.mlpOutput.row(query), r.output.row(query))});
    }
    return steps;
}

} // namespace attnlab::model
