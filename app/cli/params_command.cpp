#include "app/cli/params_command.h"

#include "app/cli/command_line.h"
#include "app/cli/output_file.h"
#include "model/teaching/parameter_count.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include <cstdio>

namespace attnlab::app {

namespace {

const char* const kParamsUsage =
    "usage: attnlab params [--d-model D] [--heads H] [--d-ff F] [--vocab V] [--encoder-layers N] [--decoder-layers N]\n"
    "                      [--batch B] [--seq T] [--bias|--no-bias] [--layer-norm-beta] [--encoder-norms N]\n"
    "                      [--decoder-norms N] [--tied] [--separate-decoder-embedding] [--json FILE|-]\n"
    "defaults: the exercise's model (d 768, 8 heads, d_ff 384, vocab 30000, 8 + 12 layers, batch 32, seq 2048, no biases)\n";

// "(32, 2048, 768)"
QString dimsText(const std::vector<qint64>& dims)
{
    QStringList parts;
    for (qint64 d : dims)
        parts << QString::number(d);
    return QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
}

// "W_Q, W_K, W_V, W_O (768, 768), b_Q … " — consecutive tensors of one shape share it.
QString shapesText(const std::vector<model::TensorShape>& shapes)
{
    QStringList groups;
    QStringList names;
    for (size_t i = 0; i < shapes.size(); ++i) {
        names << shapes[i].name;
        if (i + 1 == shapes.size() || shapes[i + 1].dims != shapes[i].dims) {
            groups << names.join(QStringLiteral(", ")) + QLatin1Char(' ') + dimsText(shapes[i].dims);
            names.clear();
        }
    }
    return groups.join(QStringLiteral("; "));
}

// Bytes of a float32 tensor, in the binary unit that keeps the number readable: "4 GiB", "256 KiB".
QString float32Size(qint64 elements)
{
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double bytes = double(elements) * 4.0;
    int unit = 0;
    while (bytes >= 1024.0 && unit < 6) {
        bytes /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(QString::number(bytes, 'g', 4), QLatin1String(units[unit]));
}

// Rows of cells -> text with each column padded to its widest cell; numeric columns align right.
QString alignedTable(const QList<QStringList>& rows, const QList<bool>& rightAligned)
{
    QList<qsizetype> widths(rightAligned.size(), 0);
    for (const QStringList& row : rows)
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    QString out;
    for (const QStringList& row : rows) {
        QStringList cells;
        for (qsizetype c = 0; c < row.size(); ++c)
            cells << (rightAligned[c] ? row[c].rightJustified(widths[c]) : row[c].leftJustified(widths[c]));
        out += cells.join(QStringLiteral("   ")).trimmed() + QLatin1Char('\n');
    }
    return out;
}

QString tableText(const model::ParameterCount& count)
{
    const model::TransformerShapeConfig& k = count.config;
    using model::withThousands;
    QString out = QStringLiteral("d_model %1, %2 heads (d_k %3), d_ff %4, vocab %5, %6 encoder + %7 decoder layers, %8\n"
                                 "batch %9, sequence %10\n\n")
                      .arg(k.dModel).arg(k.heads).arg(count.headDim).arg(k.dFf).arg(withThousands(k.vocab))
                      .arg(k.encoderLayers).arg(k.decoderLayers)
                      .arg(k.biases ? QStringLiteral("with biases") : QStringLiteral("no biases"))
                      .arg(k.batch).arg(k.seq);
    QList<QStringList> rows{{QStringLiteral("component"), QStringLiteral("per layer"), QStringLiteral("layers"),
                             QStringLiteral("total"), QStringLiteral("tensors")}};
    for (const model::ParameterComponent& p : count.components)
        rows << QStringList{p.name, withThousands(p.perLayer), QString::number(p.layers), withThousands(p.total),
                            p.note.isEmpty() ? shapesText(p.shapes) : p.note};
    rows << QStringList{QString(), QString(), QString(), QString(), QString()};
    rows << QStringList{QStringLiteral("encoder total"), QString(), QString(), withThousands(count.encoderTotal), QString()};
    rows << QStringList{QStringLiteral("decoder total"), QString(), QString(), withThousands(count.decoderTotal), QString()};
    rows << QStringList{QStringLiteral("output projection"), QString(), QString(), withThousands(count.outputTotal), QString()};
    rows << QStringList{QStringLiteral("total"), QString(), QString(), withThousands(count.total), QString()};
    out += alignedTable(rows, {false, true, true, true, false});

    QList<QStringList> shapes{{QStringLiteral("tensor"), QStringLiteral("shape"), QStringLiteral("elements"),
                               QStringLiteral("float32")}};
    for (const model::TensorShape& s : count.activations)
        shapes << QStringList{s.name, dimsText(s.dims), withThousands(s.elements), float32Size(s.elements)};
    return out + QLatin1Char('\n') + alignedTable(shapes, {false, false, true, true});
}

} // namespace

int runParams(const QStringList& arguments)
{
    QCommandLineParser parser;
    const struct {
        const char* option;
        qint64 model::TransformerShapeConfig::* field;
    } sizes[] = {{"d-model", &model::TransformerShapeConfig::dModel},
                 {"heads", &model::TransformerShapeConfig::heads},
                 {"d-ff", &model::TransformerShapeConfig::dFf},
                 {"vocab", &model::TransformerShapeConfig::vocab},
                 {"encoder-layers", &model::TransformerShapeConfig::encoderLayers},
                 {"decoder-layers", &model::TransformerShapeConfig::decoderLayers},
                 {"batch", &model::TransformerShapeConfig::batch},
                 {"seq", &model::TransformerShapeConfig::seq},
                 {"encoder-norms", &model::TransformerShapeConfig::layerNormsPerEncoderLayer},
                 {"decoder-norms", &model::TransformerShapeConfig::layerNormsPerDecoderLayer}};
    for (const auto& s : sizes)
        parser.addOption(QCommandLineOption(QLatin1String(s.option), QString(), QStringLiteral("value")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QString(), QStringLiteral("file")));
    for (const char* flag : {"bias", "no-bias", "layer-norm-beta", "tied", "separate-decoder-embedding"})
        parser.addOption(QCommandLineOption(QLatin1String(flag)));
    if (!parser.parse(QStringList{QStringLiteral("attnlab params")} + arguments))
        return fail(kParamsUsage, parser.errorText(), ExitUsage);
    if (!parser.positionalArguments().isEmpty())
        return fail(kParamsUsage, QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()), ExitUsage);
    if (parser.isSet(QStringLiteral("bias")) && parser.isSet(QStringLiteral("no-bias")))
        return fail(kParamsUsage, QStringLiteral("give --bias or --no-bias, not both"), ExitUsage);

    model::TransformerShapeConfig config;
    for (const auto& s : sizes) {
        const QString name = QLatin1String(s.option);
        if (!parser.isSet(name))
            continue;
        bool ok = false;
        config.*s.field = parser.value(name).toLongLong(&ok);
        if (!ok)
            return fail(kParamsUsage, QStringLiteral("--%1 \"%2\": expected a whole number").arg(name, parser.value(name)));
    }
    config.biases = parser.isSet(QStringLiteral("bias"));
    if (parser.isSet(QStringLiteral("layer-norm-beta")))
        config.layerNormBeta = true;
    config.tiedEmbeddings = parser.isSet(QStringLiteral("tied"));
    config.sharedDecoderEmbedding = !parser.isSet(QStringLiteral("separate-decoder-embedding"));

    const auto count = model::countParameters(config);
    if (!count)
        return fail(kParamsUsage, count.error());
    const QByteArray data = parser.isSet(QStringLiteral("json"))
                                ? QJsonDocument(model::parameterCountToJson(*count)).toJson(QJsonDocument::Indented)
                                : tableText(*count).toUtf8();
    const auto written = writeOutput(parser.isSet(QStringLiteral("json")) ? parser.value(QStringLiteral("json"))
                                                                          : QStringLiteral("-"),
                                     data);
    return written ? ExitOk : fail(kParamsUsage, written.error());
}

} // namespace attnlab::app
