#include "app/lessons/lesson_extra_shapes.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace attnlab::app {

namespace {

// (32, 8, 2048, 2048): the way the lesson texts write shapes.
QString shapeText(const std::vector<qint64>& dims)
{
    QStringList parts;
    for (const qint64 d : dims)
        parts << QString::number(d);
    return QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QTableWidgetItem* numberItem(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidget* table(const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

} // namespace

ShapeCalculatorExtra::ShapeCalculatorExtra(const model::TransformerShapeConfig& config, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("shapeCalculatorExtra"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* grid = new QGridLayout;
    const struct {
        const char* key;
        QString label;
        int max;
    } fields[] = {{"batch", tr("Batch"), 1 << 20},
                  {"seq", tr("Sequence"), 1 << 24},
                  {"d_model", tr("d_model"), 1 << 20},
                  {"heads", tr("Heads"), 4096},
                  {"d_ff", tr("d_ff"), 1 << 22},
                  {"vocab", tr("Vocabulary"), 1 << 24},
                  {"encoder_layers", tr("Encoder layers"), 1000},
                  {"decoder_layers", tr("Decoder layers"), 1000},
                  {"layer_norms_per_encoder_layer", tr("LayerNorms / enc. layer"), 64},
                  {"layer_norms_per_decoder_layer", tr("LayerNorms / dec. layer"), 64}};
    int index = 0;
    for (const auto& f : fields) {
        auto* spin = new QSpinBox(this);
        spin->setObjectName(QLatin1String(f.key));
        // 0 is allowed on purpose: the calculator's message says why it does not work.
        spin->setRange(0, f.max);
        spin->setGroupSeparatorShown(true);
        auto* label = new QLabel(f.label, this);
        label->setBuddy(spin);
        grid->addWidget(label, index / 2, (index % 2) * 2);
        grid->addWidget(spin, index / 2, (index % 2) * 2 + 1);
        m_fields[QLatin1String(f.key)] = spin;
        connect(spin, &QSpinBox::valueChanged, this, &ShapeCalculatorExtra::recount);
        ++index;
    }
    m_biases = new QCheckBox(tr("Biases (and LayerNorm β)"), this);
    m_shared = new QCheckBox(tr("Decoder shares the embedding"), this);
    m_tied = new QCheckBox(tr("Output tied to the embedding"), this);
    const int row = (index + 1) / 2;
    grid->addWidget(m_biases, row, 0, 1, 2);
    grid->addWidget(m_shared, row, 2, 1, 2);
    grid->addWidget(m_tied, row + 1, 0, 1, 2);
    for (QCheckBox* box : {m_biases, m_shared, m_tied})
        connect(box, &QCheckBox::toggled, this, &ShapeCalculatorExtra::recount);
    layout->addLayout(grid);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("calculatorError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold"));
    layout->addWidget(m_error);
    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("calculatorTotals"));
    m_totals->setWordWrap(true);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_totals);
    m_components = table({tr("Component"), tr("Per layer"), tr("Layers"), tr("Parameters"), tr("Tensors")}, this);
    m_tensors = table({tr("Forward-pass tensor"), tr("Shape"), tr("Numbers")}, this);
    layout->addWidget(m_components, 3);
    layout->addWidget(m_tensors, 2);
    setConfig(config);
}

QSpinBox* ShapeCalculatorExtra::field(const QString& key) const
{
    const auto found = m_fields.find(key);
    return found == m_fields.end() ? nullptr : found->second;
}

model::TransformerShapeConfig ShapeCalculatorExtra::config() const
{
    model::TransformerShapeConfig c;
    c.batch = field(QStringLiteral("batch"))->value();
    c.seq = field(QStringLiteral("seq"))->value();
    c.dModel = field(QStringLiteral("d_model"))->value();
    c.heads = field(QStringLiteral("heads"))->value();
    c.dFf = field(QStringLiteral("d_ff"))->value();
    c.vocab = field(QStringLiteral("vocab"))->value();
    c.encoderLayers = field(QStringLiteral("encoder_layers"))->value();
    c.decoderLayers = field(QStringLiteral("decoder_layers"))->value();
    c.layerNormsPerEncoderLayer = field(QStringLiteral("layer_norms_per_encoder_layer"))->value();
    c.layerNormsPerDecoderLayer = field(QStringLiteral("layer_norms_per_decoder_layer"))->value();
    c.biases = m_biases->isChecked();
    c.sharedDecoderEmbedding = m_shared->isChecked();
    c.tiedEmbeddings = m_tied->isChecked();
    return c;
}

void ShapeCalculatorExtra::setConfig(const model::TransformerShapeConfig& c)
{
    m_loading = true;
    const std::pair<const char*, qint64> values[] = {
        {"batch", c.batch},     {"seq", c.seq},     {"d_model", c.dModel},
        {"heads", c.heads},     {"d_ff", c.dFf},    {"vocab", c.vocab},
        {"encoder_layers", c.encoderLayers},        {"decoder_layers", c.decoderLayers},
        {"layer_norms_per_encoder_layer", c.layerNormsPerEncoderLayer},
        {"layer_norms_per_decoder_layer", c.layerNormsPerDecoderLayer}};
    for (const auto& [key, value] : values)
        field(QLatin1String(key))->setValue(int(std::min<qint64>(value, field(QLatin1String(key))->maximum())));
    m_biases->setChecked(c.biases);
    m_shared->setChecked(c.sharedDecoderEmbedding);
    m_tied->setChecked(c.tiedEmbeddings);
    m_loading = false;
    recount();
}

void ShapeCalculatorExtra::recount()
{
    if (m_loading)
        return;
    const auto count = model::countParameters(config());
    m_error->setText(count ? QString() : count.error());
    m_error->setVisible(!count);
    m_totals->setVisible(bool(count));
    m_components->setVisible(bool(count));
    m_tensors->setVisible(bool(count));
    if (!count)
        return; // the last good table is hidden rather than shown for sizes it does not belong to
    m_totals->setText(tr("Encoder <b>%1</b> · decoder <b>%2</b> · output <b>%3</b> · total <b>%4</b> parameters (d_k = %5)")
                          .arg(model::withThousands(count->encoderTotal), model::withThousands(count->decoderTotal),
                               model::withThousands(count->outputTotal), model::withThousands(count->total))
                          .arg(count->headDim));
    m_components->setRowCount(int(count->components.size()));
    for (int r = 0; r < int(count->components.size()); ++r) {
        const model::ParameterComponent& p = count->components[size_t(r)];
        QStringList shapes;
        for (const model::TensorShape& s : p.shapes)
            shapes << s.name + QLatin1Char(' ') + shapeText(s.dims);
        m_components->setItem(r, 0, new QTableWidgetItem(p.name));
        m_components->setItem(r, 1, numberItem(model::withThousands(p.perLayer)));
        m_components->setItem(r, 2, numberItem(QString::number(p.layers)));
        m_components->setItem(r, 3, numberItem(model::withThousands(p.total)));
        m_components->setItem(r, 4, new QTableWidgetItem(p.note.isEmpty() ? shapes.join(QStringLiteral(", ")) : p.note));
    }
    m_tensors->setRowCount(int(count->activations.size()));
    for (int r = 0; r < int(count->activations.size()); ++r) {
        const model::TensorShape& s = count->activations[size_t(r)];
        m_tensors->setItem(r, 0, new QTableWidgetItem(s.name));
        m_tensors->setItem(r, 1, new QTableWidgetItem(shapeText(s.dims)));
        m_tensors->setItem(r, 2, numberItem(model::withThousands(s.elements)));
    }
}

} // namespace attnlab::app

#include "moc_lesson_extra_shapes.cpp"
