#include "app/window/model_info_panel.h"

#include "widgets/controls/elided_label.h"
#include "model/checkpoints/language_model.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>

namespace attnlab::app {

namespace {
// Short rows: the panel is a narrow dock, and a form layout there does not grow a row for wrapped text.
QString architectureTitle(const QString& architecture)
{
    if (architecture == QLatin1String("gpt2")) return ModelInfoPanel::tr("GPT-2 (decoder)");
    if (architecture == QLatin1String("bert")) return ModelInfoPanel::tr("BERT (encoder)");
    if (architecture == QLatin1String("llama")) return ModelInfoPanel::tr("Llama (decoder)");
    return architecture;
}

QString blockTitle(const QString& architecture)
{
    if (architecture == QLatin1String("gpt2")) return ModelInfoPanel::tr("pre-norm LayerNorm, GELU");
    if (architecture == QLatin1String("bert")) return ModelInfoPanel::tr("post-norm LayerNorm, GELU");
    if (architecture == QLatin1String("llama")) return ModelInfoPanel::tr("pre-norm RMSNorm, SwiGLU");
    return {};
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
    const QString heads = c.kvHeads > 0 && c.kvHeads != c.heads
                              ? tr("%1 (%2 key/value heads, grouped)").arg(c.heads).arg(c.kvHeads)
                              : QString::number(c.heads);
    setRows({{tr("Model"), m.name()},
             {tr("Architecture"), architectureTitle(c.architecture)},
             {tr("Attention"), m.causal() ? tr("causal") : tr("bidirectional")},
             {tr("Positions"), positionsTitle(m.positionalKind())},
             {tr("Block"), blockTitle(c.architecture)},
             {tr("Layers"), QString::number(c.layers)},
             {tr("Heads"), heads},
             {tr("Width d_model"), tr("%1 (d_k = %2 per head)").arg(c.dModel).arg(c.headDim())},
             {tr("FFN width d_ff"), QString::number(c.dFf)},
             {tr("Vocabulary"), QLocale::system().toString(c.vocab)},
             {tr("Context"), tr("%1 tokens").arg(c.maxPositions)},
             {tr("Parameters"), countText(m.parameterCount())},
             {tr("Memory"), tr("%1 (float32)").arg(bytesText(m.weightBytes()))},
             {tr("Folder"), m.path(), Qt::ElideMiddle},
             {tr("Tokenizer"), loaded.tokenizerPath, Qt::ElideMiddle}});
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
