#include "model/trace/trace_size.h"

#include <QFile>

#include <algorithm>
#include <limits>
#include <unordered_set>

namespace attnlab::model {

namespace {

template <typename M>
std::int64_t bytesOf(const M& m)
{
    return std::int64_t(m.size()) * std::int64_t(sizeof(typename M::Scalar));
}

// 8 bytes an entry when double, 4 when float32.
std::int64_t bytesOf(const TraceMatrix& m)
{
    return m.bytes();
}

} // namespace

std::int64_t traceBytes(const Trace& trace)
{
    // Copies of a TraceMatrix share one stored matrix (a layer's input is the previous layer's output): each
    // stored matrix is counted once.
    std::unordered_set<const void*> counted;
    const auto bytesOnce = [&counted](const TraceMatrix& m) -> std::int64_t {
        return m.size() > 0 && counted.insert(m.storageId()).second ? bytesOf(m) : 0;
    };
    std::int64_t bytes = bytesOnce(trace.embeddings) + bytesOnce(trace.output);
    for (const LayerTrace& layer : trace.layers) {
        bytes += bytesOnce(layer.attentionOutput) + bytesOnce(layer.outputProjection);
        for (size_t i = 0; i < layer.heads.size(); ++i) {
            const HeadTrace& h = layer.heads[i];
            for (const TraceMatrix* m : {&h.q, &h.k, &h.v, &h.scores, &h.scaled, &h.weights, &h.output, &h.contribution})
                bytes += bytesOnce(*m);
            // A layer's heads share their mask (TraceMask): each stored mask is counted once.
            const auto sharedBefore = [&](size_t j) { return layer.heads[j].allowed.sharesWith(h.allowed); };
            bool counted = false;
            for (size_t j = 0; j < i && !counted; ++j)
                counted = sharedBefore(j);
            if (!counted) bytes += bytesOf(h.allowed.matrix());
        }
        const ResidualTrace& r = layer.residual;
        for (const TraceMatrix* m : {&r.input, &r.attentionOutput, &r.afterAttention, &r.mlpOutput, &r.output})
            bytes += bytesOnce(*m);
        for (const NormStats* n : {&r.norm1, &r.norm2})
            bytes += bytesOf(n->mean) + bytesOf(n->variance);
    }
    return bytes;
}

std::int64_t estimatedTraceBytes(const ModelConfig& config, std::int64_t tokens, TraceSource source)
{
    const std::int64_t T = tokens, d = config.dModel, dh = config.headDim();
    // A checkpoint's trace keeps its forward's float32; the toy model's (and matrix mode's) is double. The
    // norm statistics are double in both.
    const std::int64_t real = source == TraceSource::Checkpoint ? sizeof(float) : sizeof(double);
    const std::int64_t stat = sizeof(double);
    // q, k, v and output (T, dh) per head; the toy model also keeps scores, scaled scores and the head's
    // contribution (T, d), which a checkpoint's trace derives from q, k and W_O when read (trace.h).
    const bool checkpoint = source == TraceSource::Checkpoint;
    const std::int64_t attentionMaps = checkpoint ? 1 : 3;
    const std::int64_t perHead = 4 * T * dh * real + attentionMaps * T * T * real + (checkpoint ? 0 : T * d * real);
    // The mask (T, T) bytes is one per layer, shared by its heads. The stream's matrices: a layer's attention
    // output is also its residual's; a checkpoint's layer also shares its input with the layer before (4 stored,
    // the toy's 5); a checkpoint's layer keeps W_O (heads·dh, d).
    const std::int64_t stream = (checkpoint ? 4 : 5) * T * d * real;
    const std::int64_t outputProjection = checkpoint ? std::int64_t(config.heads) * dh * d * real : 0;
    const std::int64_t perLayer = config.heads * perHead + T * T * std::int64_t(sizeof(bool)) + stream +
                                  outputProjection + 4 * T * stat;
    // An absurd token count must not wrap around into a small estimate.
    const double approx = double(config.layers) * double(config.heads) * 25.0 * double(T) * double(T);
    if (approx > 1e18) return std::numeric_limits<std::int64_t>::max();
    // The embeddings and the output (a checkpoint's is its last layer's, shared).
    return (checkpoint ? 1 : 2) * T * d * real + config.layers * perLayer;
}

std::int64_t estimatedRunBytes(const ModelConfig& config, std::int64_t tokens, TraceSource source)
{
    const std::int64_t trace = estimatedTraceBytes(config, tokens, source);
    if (trace == std::numeric_limits<std::int64_t>::max()) return trace;
    const std::int64_t T = tokens, real = sizeof(float);
    // The logits of every position for a chunk of 4096 ids (float_layers.h, topPredictions), each core's row
    // of them in double.
    const std::int64_t chunk = std::min<std::int64_t>(config.vocab, 4096);
    const std::int64_t logits = T * chunk * real + 2 * chunk * 8;
    const std::int64_t stream = (8 * T * config.dModel + 2 * T * config.dFf) * real;
    const std::int64_t heads = 2 * 3 * T * T * real; // two heads at a time: scores, scaled, weights
    return trace + logits + stream + heads;
}

int maxTokensWithin(const ModelConfig& config, std::int64_t budget, int upTo, TraceSource source)
{
    // estimatedRunBytes grows with T: bisect for the last T that fits.
    int lo = 0, hi = upTo;
    while (lo < hi) {
        const int mid = lo + (hi - lo + 1) / 2;
        if (estimatedRunBytes(config, mid, source) <= budget)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

int maxLayersWithin(const ModelConfig& config, std::int64_t budget, std::int64_t tokens, TraceSource source)
{
    ModelConfig fewer = config;
    for (fewer.layers = config.layers; fewer.layers > 0; --fewer.layers)
        if (estimatedRunBytes(fewer, tokens, source) <= budget) break;
    return fewer.layers;
}

std::int64_t traceMemoryBudgetFrom(const QByteArray& limitMb, const QByteArray& meminfo)
{
    bool set = false;
    const qint64 mb = limitMb.trimmed().toLongLong(&set);
    if (set && mb > 0 && mb <= std::numeric_limits<std::int64_t>::max() / (1024 * 1024))
        return std::int64_t(mb) * 1024 * 1024;
    // "MemAvailable:   23993848 kB"
    for (const QByteArray& line : meminfo.split('\n'))
        if (line.startsWith("MemAvailable:")) {
            bool ok = false;
            const std::int64_t kib = line.mid(13).trimmed().split(' ').first().toLongLong(&ok);
            return ok && kib > 0 ? kib * 1024 / 4 * 3 : 0;
        }
    return 0;
}

std::int64_t traceMemoryBudget()
{
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    const QByteArray text = meminfo.open(QIODevice::ReadOnly) ? meminfo.readAll() : QByteArray();
    return traceMemoryBudgetFrom(qgetenv("ATTNLAB_MEMORY_LIMIT_MB"), text);
}

} // namespace attnlab::model
