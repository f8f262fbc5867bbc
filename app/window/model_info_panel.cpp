#include "app/window/model_info_panel.h"

#include "widgets/controls/elided_label.h"
#include "model/checkpoints/language_model.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace attnlab::app {

namespace {
// Short rows: the panel is a narrow dock, and a form layout there does not grow a row for wrapped text.
QString architectureTitle(const QString& architecture)
{
    if (architecture == QLatin1String("gpt2")) return ModelInfoPanel::tr("GPT-2 (decoder)");
    if (architecture == QLatin1String("gpt_neox")) return ModelInfoPanel::tr("GPT-NeoX (decoder)");
    if (architecture == QLatin1String("bert")) return ModelInfoPanel::tr("BERT (encoder)");
    if (architecture == QLatin1String("roberta")) return ModelInfoPanel::tr("RoBERTa (encoder)");
    if (architecture == QLatin1String("distilbert")) return ModelInfoPanel::tr("DistilBERT (encoder)");
    if (architecture == QLatin1String("llama")) return ModelInfoPanel::tr("Llama (decoder)");
    if (architecture == QLatin1String("mistral")) return ModelInfoPanel::tr("Mistral (decoder)");
    if (architecture == QLatin1String("qwen2")) return ModelInfoPanel::tr("Qwen2 (decoder)");
    if (architecture == QLatin1String("qwen3")) return ModelInfoPanel::tr("Qwen3 (decoder)");
    if (architecture == QLatin1String("gpt_neox")) return ModelInfoPanel::tr("pre-norm LayerNorm, GELU");
    if (architecture == QLatin1String("gemma3_text")) return ModelInfoPanel::tr("Gemma 3 (decoder)");
    return architecture;
}

QString blockTitle(const QString& architecture)
{
    if (architecture == QLatin1String("gpt2")) return ModelInfoPanel::tr("pre-norm LayerNorm, GELU");
    if (architecture == QLatin1String("bert") || architecture == QLatin1String("roberta") ||
        architecture == QLatin1String("distilbert"))
        return ModelInfoPanel::tr("post-norm LayerNorm, GELU");
    if (architecture == QLatin1String("gpt_neox")) return ModelInfoPanel::tr("pre-norm LayerNorm, GELU");
    if (architecture == QLatin1String("gemma3_text"))
        return ModelInfoPanel::tr("RMSNorm before and after, GeGLU");
    if (model::isLlamaFamily(architecture)) return ModelInfoPanel::tr("pre-norm RMSNorm, SwiGLU");
    return {};
}

// What a Llama-family member adds to Llama, comma-separated; empty for Llama itself.
QString additionsText(const model::ModelConfig& c)
{
    QStringList parts;
    if (c.qkNorm) parts << ModelInfoPanel::tr("q/k norms");
    // GPT-NeoX's biases are as ordinary as GPT-2's; only the Llama family's are worth a mention.
    if (c.qkvBias && model::isLlamaFamily(c.architecture)) parts << ModelInfoPanel::tr("q/k/v biases");
    if (c.outputBias && model::isLlamaFamily(c.architecture)) parts << ModelInfoPanel::tr("output bias");
    if (c.mlpBias) parts << ModelInfoPanel::tr("MLP biases");
    if (c.gemmaNorms) parts << ModelInfoPanel::tr("embeddings × √d");
    if (c.parallelResidual) parts << ModelInfoPanel::tr("parallel residual");
    return parts.join(ModelInfoPanel::tr(", "));
}

// "RoPE, base 500000, llama3 scaling ×32"; Pythia's "…, on 16 of 64 features per head".
QString ropeText(const model::ModelConfig& c)
{
    QString text = ModelInfoPanel::tr("RoPE, base %1").arg(c.ropeTheta, 0, 'g', 10);
    if (c.ropeDims > 0 && c.ropeDims < c.headDim())
        text += ModelInfoPanel::tr(", %1 of %2 features").arg(c.ropeDims).arg(c.headDim());
    using Type = model::RopeScaling::Type;
    if (c.ropeScaling.type == Type::Llama3)
        text += ModelInfoPanel::tr(", llama3 ×%1").arg(c.ropeScaling.factor, 0, 'g', 6);
    else if (c.ropeScaling.type == Type::Linear)
        text += ModelInfoPanel::tr(", linear ×%1").arg(c.ropeScaling.factor, 0, 'g', 6);
    return text;
}

QString positionsTitle(model::PositionalKind kind)
{
    return kind == model::PositionalKind::Rope ? ModelInfoPanel::tr("RoPE (rotated queries and keys)")
                                               : ModelInfoPanel::tr("learned, added to the embeddings");
}
} // namespace

QString countText(qint64 count)
{
    if (count < 1'000'000) return QLocale::system().toString(count);
    if (count < 1'000'000'000) return QStringLiteral("%1 M").arg(double(count) / 1e6, 0, 'f', 1);
    return QStringLiteral("%1 B").arg(double(count) / 1e9, 0, 'f', 2);
}

QString bytesText(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

ModelInfoPanel::ModelInfoPanel(QWidget* parent) : QWidget(parent)
{
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(6, 6, 6, 6);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

void ModelInfoPanel::showCheckpoint(const model::LoadedModel& loaded)
{
    if (!loaded.model) return;
    const model::LanguageModel& m = *loaded.model;
    const model::ModelConfig& c = m.config();
    const QString heads = c.kvHeads == 1 && c.heads > 1 ? tr("%1 (one key/value head, shared)").arg(c.heads)
                          : c.kvHeads > 0 && c.kvHeads != c.heads
                              ? tr("%1 (%2 key/value heads, grouped)").arg(c.heads).arg(c.kvHeads)
                              : QString::number(c.heads);
    const QString positions = m.positionalKind() == model::PositionalKind::Rope && c.ropeTheta > 0.0
                                  ? ropeText(c)
                                  : positionsTitle(m.positionalKind());
    QString width = tr("%1 (d_k = %2 per head)").arg(c.dModel).arg(c.headDim());
    if (c.queryPreAttnScalar > 0.0)
        width += tr("; scores × 1/√%1").arg(c.queryPreAttnScalar, 0, 'g', 10);
    QList<Row> rows{{tr("Model"), m.name()},
                    {tr("Architecture"), architectureTitle(c.architecture)},
                    {tr("Attention"), m.causal() ? tr("causal") : tr("bidirectional")}};
    // Sliding layers see the window; the others everything before them. Short rows: the dock is narrow.
    if (c.slidingWindow > 0) {
        const qsizetype sliding = std::count(c.slidingLayers.begin(), c.slidingLayers.end(), true);
        rows.append({tr("Sliding window"), sliding == c.layers
                                               ? tr("%1 tokens, every layer").arg(c.slidingWindow)
                                               : tr("%1 tokens, %2 of %3 layers").arg(c.slidingWindow).arg(sliding).arg(c.layers)});
    }
    rows.append({tr("Positions"), positions});
    if (c.ropeLocalTheta > 0.0 && c.slidingWindow > 0)
        rows.append({tr("Sliding layers' RoPE"), tr("base %1").arg(c.ropeLocalTheta, 0, 'g', 10)});
    rows.append({tr("Block"), blockTitle(c.architecture)});
    if (const QString additions = additionsText(c); !additions.isEmpty()) rows.append({tr("Additions"), additions});
    rows += QList<Row>{{tr("Layers"), QString::number(c.layers)},
             {tr("Heads"), heads},
             {tr("Width d_model"), width},
             {tr("FFN width d_ff"), QString::number(c.dFf)},
             {tr("Vocabulary"), QLocale::system().toString(c.vocab)},
             {tr("Context"), tr("%1 tokens").arg(c.maxPositions)},
             {tr("Parameters"), countText(m.parameterCount())},
             {tr("Memory"), (m.convertsPerLayer() ? tr("%1 (16-bit as stored; float32 a layer at a time)")
                                                  : tr("%1 (float32)"))
                                .arg(bytesText(m.weightBytes()))},
             {tr("Folder"), m.path(), Qt::ElideMiddle},
             {tr("Tokenizer"), loaded.tokenizerPath, Qt::ElideMiddle}};
    setRows(rows);
}

void ModelInfoPanel::showToy(int layers, int heads, int width)
{
    setRows(
        {{tr("Model"), tr("Toy model (untrained)")},
         {tr("Layers"), QString::number(layers)},
         {tr("Heads"), QString::number(heads)},
         {tr("Width d_model"), tr("%1 (d_k = %2 per head)").arg(width).arg(heads > 0 ? width / heads : 0)}});
}

void ModelInfoPanel::showMatrices(int heads)
{
    setRows(
        {{tr("Model"), tr("Typed matrices: one attention layer")}, {tr("Heads"), QString::number(heads)}});
}

QString ModelInfoPanel::value(const QString& label) const
{
    for (int row = 0; row < m_form->rowCount(); ++row) {
        auto* name = qobject_cast<QLabel*>(m_form->itemAt(row, QFormLayout::LabelRole)->widget());
        auto* field = qobject_cast<QLabel*>(m_form->itemAt(row, QFormLayout::FieldRole)->widget());
        if (name && field && name->text() == label) return field->text();
    }
    return {};
}

void ModelInfoPanel::setRows(const QList<Row>& rows)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    for (const auto& [label, text, elide] : rows) {
        // Elided to the dock's width; the whole text is in the tooltip.
        auto* field = new widgets::ElidedLabel(elide, this);
        field->setText(text);
        m_form->addRow(new QLabel(label, this), field);
    }
}

} // namespace attnlab::app

#include "moc_model_info_panel.cpp"
