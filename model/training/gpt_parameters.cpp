#include "model/training/gpt_parameters.h"

#include "model/core/random.h"

#include <cassert>
#include <cmath>

namespace attnlab::model {

std::size_t ParameterTensor::size() const
{
    std::size_t n = 1;
    for (std::int64_t dim : shape)
        n *= std::size_t(dim);
    return n;
}

namespace {

const char* suffixOf(ParameterKind kind)
{
    switch (kind) {
    case ParameterKind::TokenEmbedding: return "wte.weight";
    case ParameterKind::PositionEmbedding: return "wpe.weight";
    case ParameterKind::Ln1Weight: return "ln_1.weight";
    case ParameterKind::Ln1Bias: return "ln_1.bias";
    case ParameterKind::AttnWeight: return "attn.c_attn.weight";
    case ParameterKind::AttnBias: return "attn.c_attn.bias";
    case ParameterKind::AttnProjWeight: return "attn.c_proj.weight";
    case ParameterKind::AttnProjBias: return "attn.c_proj.bias";
    case ParameterKind::Ln2Weight: return "ln_2.weight";
    case ParameterKind::Ln2Bias: return "ln_2.bias";
    case ParameterKind::FcWeight: return "mlp.c_fc.weight";
    case ParameterKind::FcBias: return "mlp.c_fc.bias";
    case ParameterKind::FcProjWeight: return "mlp.c_proj.weight";
    case ParameterKind::FcProjBias: return "mlp.c_proj.bias";
    case ParameterKind::LnfWeight: return "ln_f.weight";
    case ParameterKind::LnfBias: return "ln_f.bias";
    }
    return "";
}

std::vector<std::int64_t> shapeOf(ParameterKind kind, const GptShape& s)
{
    const std::int64_t d = s.dModel;
    switch (kind) {
    case ParameterKind::TokenEmbedding: return {s.vocab, d};
    case ParameterKind::PositionEmbedding: return {s.context, d};
    case ParameterKind::AttnWeight: return {d, 3 * d};
    case ParameterKind::AttnBias: return {3 * d};
    case ParameterKind::AttnProjWeight: return {d, d};
    case ParameterKind::FcWeight: return {d, s.dFf()};
    case ParameterKind::FcBias: return {s.dFf()};
    case ParameterKind::FcProjWeight: return {s.dFf(), d};
    default: return {d};
    }
}

bool isMlpPart(ParameterKind kind)
{
    return kind >= ParameterKind::Ln2Weight && kind <= ParameterKind::FcProjBias;
}

} // namespace

ParameterLayout::ParameterLayout(const GptShape& shape) : m_shape(shape)
{
    assert(checkShape(shape).ok());
    auto add = [this](ParameterKind kind, int layer) {
        ParameterTensor t;
        t.kind = kind;
        t.layer = layer;
        t.name = layer < 0 ? QLatin1String(suffixOf(kind))
                           : QStringLiteral("h.%1.%2").arg(layer).arg(QLatin1String(suffixOf(kind)));
        t.shape = shapeOf(kind, m_shape);
        t.offset = m_bufferSize;
        m_bufferSize += (t.size() + kParameterAlignment - 1) / kParameterAlignment * kParameterAlignment;
        m_tensors.push_back(std::move(t));
    };
    add(ParameterKind::TokenEmbedding, -1);
    add(ParameterKind::PositionEmbedding, -1);
    for (int l = 0; l < shape.layers; ++l)
        for (int k = int(ParameterKind::Ln1Weight); k <= int(ParameterKind::FcProjBias); ++k)
            if (!(shape.attentionOnly && isMlpPart(ParameterKind(k))))
                add(ParameterKind(k), l);
    add(ParameterKind::LnfWeight, -1);
    add(ParameterKind::LnfBias, -1);
}

bool ParameterLayout::has(ParameterKind kind) const
{
    return !(m_shape.attentionOnly && isMlpPart(kind));
}

const ParameterTensor& ParameterLayout::tensor(ParameterKind kind, int layer) const
{
    assert(has(kind));
    const int perBlock = m_shape.attentionOnly ? 6 : 12;
    if (kind == ParameterKind::TokenEmbedding) return m_tensors[0];
    if (kind == ParameterKind::PositionEmbedding) return m_tensors[1];
    if (kind == ParameterKind::LnfWeight) return m_tensors[m_tensors.size() - 2];
    if (kind == ParameterKind::LnfBias) return m_tensors.back();
    assert(layer >= 0 && layer < m_shape.layers);
    // Within a block the attention-only layout keeps the first six kinds, so the index is the kind's rank.
    const int rank = int(kind) - int(ParameterKind::Ln1Weight);
    return m_tensors[std::size_t(2 + layer * perBlock + rank)];
}

std::size_t ParameterLayout::parameterCount() const
{
    std::size_t n = 0;
    for (const ParameterTensor& t : m_tensors)
        n += t.size();
    return n;
}

template <typename Scalar>
void initializeParameters(const ParameterLayout& layout, std::uint64_t seed, ParameterBuffer<Scalar>& params)
{
    params.assign(layout.bufferSize(), Scalar(0));
    const double projectionStd = 0.02 / std::sqrt(2.0 * layout.shape().layers);
    for (std::size_t i = 0; i < layout.tensors().size(); ++i) {
        const ParameterTensor& t = layout.tensors()[i];
        Scalar* p = params.data() + t.offset;
        const std::size_t n = t.size();
        switch (t.kind) {
        case ParameterKind::Ln1Weight:
        case ParameterKind::Ln2Weight:
        case ParameterKind::LnfWeight:
            std::fill(p, p + n, Scalar(1));
            break;
        case ParameterKind::AttnProjWeight:
        case ParameterKind::FcProjWeight:
        case ParameterKind::TokenEmbedding:
        case ParameterKind::PositionEmbedding:
        case ParameterKind::AttnWeight:
        case ParameterKind::FcWeight: {
            // One stream per tensor: adding a layer leaves the layers before it as they were.
            SeededRandom random(seed, i);
            const bool projection =
                t.kind == ParameterKind::AttnProjWeight || t.kind == ParameterKind::FcProjWeight;
            const double std = projection ? projectionStd : 0.02;
            for (std::size_t j = 0; j < n; ++j)
                p[j] = Scalar(std * random.normal());
            break;
        }
        default: // biases and LayerNorm β
            break;
        }
    }
}

template void initializeParameters<float>(const ParameterLayout&, std::uint64_t, ParameterBuffer<float>&);
template void initializeParameters<double>(const ParameterLayout&, std::uint64_t, ParameterBuffer<double>&);

} // namespace attnlab::model
