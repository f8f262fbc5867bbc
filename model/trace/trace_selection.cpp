#include "model/trace/trace_selection.h"

#include <algorithm>

namespace attnlab::model {

TraceSelection clampSelection(const TraceSelection& selection, const Trace& trace)
{
    TraceSelection s = selection;
    const int layers = int(trace.layers.size());
    s.layer = layers == 0 ? 0 : std::clamp(s.layer, 0, layers - 1);
    const int heads = layers == 0 ? 0 : int(trace.layers[size_t(s.layer)].heads.size());
    if (s.head >= 0)
        s.head = heads == 0 ? 0 : std::clamp(s.head, 0, heads - 1);
    else if (s.head < MaxHeads)
        s.head = AverageHeads;
    if (s.query >= trace.tokens.size())
        s.query = -1;
    return s;
}

std::vector<int> visibleHeads(const Trace& trace, const TraceSelection& selection)
{
    std::vector<int> heads;
    if (trace.layers.empty())
        return heads;
    const TraceSelection s = clampSelection(selection, trace);
    const int count = int(trace.layers[size_t(s.layer)].heads.size());
    for (int h = 0; h < count; ++h)
        if (!s.hiddenHeads.contains(h))
            heads.push_back(h);
    if (heads.empty())
        for (int h = 0; h < count; ++h)
            heads.push_back(h);
    return heads;
}

std::vector<int> drawnHeads(const Trace& trace, const TraceSelection& selection)
{
    if (trace.layers.empty())
        return {};
    const int layer = std::clamp(selection.layer, 0, int(trace.layers.size()) - 1);
    const int count = int(trace.layers[size_t(layer)].heads.size());
    if (selection.head >= 0)
        return selection.head < count ? std::vector<int>{selection.head} : std::vector<int>{};
    std::vector<int> heads;
    for (int h = 0; h < count; ++h)
        if (!selection.hiddenHeads.contains(h))
            heads.push_back(h);
    return heads;
}

Matrix selectedWeights(const Trace& trace, const TraceSelection& selection)
{
    if (trace.layers.empty() || trace.layers.front().heads.empty())
        return {};
    const TraceSelection s = clampSelection(selection, trace);
    const LayerTrace& layer = trace.layers[size_t(s.layer)];
    if (s.head >= 0)
        return layer.heads[size_t(s.head)].weights.toDouble();
    const std::vector<int> heads = visibleHeads(trace, s);
    Matrix result = layer.heads[size_t(heads.front())].weights.toDouble();
    for (size_t i = 1; i < heads.size(); ++i) {
        const Matrix w = layer.heads[size_t(heads[i])].weights.toDouble();
        if (s.head == MaxHeads)
            result = result.cwiseMax(w);
        else
            result += w;
    }
    if (s.head != MaxHeads)
        result /= double(heads.size());
    return result;
}

} // namespace attnlab::model
