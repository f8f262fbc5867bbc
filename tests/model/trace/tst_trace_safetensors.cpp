// Tests model/trace/trace_safetensors.cpp: a trace written by hand (two layers, two heads in the first, a residual
// stream in the second, predictions) goes to a file and comes back through the repository's safetensors reader:
// exactly the documented names, 0-based, with their shapes and dtypes, every number as float32, the masks, the
// predictions padded where a position has fewer guesses, and the metadata.

#include "model/checkpoints/safetensors.h"
#include "model/trace/trace_safetensors.h"
#include "test_support.h"
#include "test_registry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

namespace tst_trace_safetensors {

using namespace attnlab::model;

namespace {

Matrix matrix(Eigen::Index rows, Eigen::Index cols, std::initializer_list<double> values)
{
    Matrix m(rows, cols);
    auto it = values.begin();
    for (Eigen::Index r = 0; r < rows; ++r)
        for (Eigen::Index c = 0; c < cols; ++c)
            m(r, c) = *it++;
    return m;
}

// T = 2 queries over S = 3 keys, d_k = d_v = 2, d = 2. Layer 0 has two heads: head 0 as a checkpoint's (scaled
// scores not stored), head 1 with stored scaled scores and a mask of its own. Layer 1 has one head and a residual
// stream. 0.1 is not a float: it comes back as 0.1f.
Trace handTrace()
{
    Trace t;
    t.modelName = QStringLiteral("hand \"model\"");
    t.trained = true;
    t.tokens = {"a", "ß"};
    t.memoryTokens = {"x", "y", "z"};
    t.tokenIds = {5, 50256};
    t.positions = {0, 1};
    t.scale = 0.5;
    t.mask.kind = MaskKind::Causal;

    HeadTrace h;
    h.q = matrix(2, 2, {1, 0, 0, 1});
    h.k = matrix(3, 2, {1, 2, 3, 4, 5, 6});
    h.v = matrix(3, 2, {2, 0, 0, 4, 6, 2});
    h.scores = matrix(2, 3, {1, 3, 5, 2, 4, 6});
    BoolMatrix allowed = BoolMatrix::Constant(2, 3, true);
    allowed(0, 1) = allowed(0, 2) = false;
    h.allowed = allowed;
    h.weights = matrix(2, 3, {1, 0, 0, 0.1, 0.2, 0.7});
    h.output = matrix(2, 2, {2, 0, 4.4, 2.2});
    h.contribution = matrix(2, 2, {1, 2, 3, 4});
    HeadTrace own = h;
    own.scaled = matrix(2, 3, {0.5, 0.5, 0.5, 1, 1, 1});
    own.allowed = BoolMatrix::Constant(2, 3, true);
    LayerTrace first;
    first.heads = {h, own};
    first.attentionOutput = matrix(2, 2, {-1, -2, -3, -4});

    LayerTrace second;
    second.heads = {h};
    second.attentionOutput = matrix(2, 2, {9, 8, 7, 6});
    second.hasResidual = true;
    ResidualTrace& r = second.residual;
    r.input = matrix(2, 2, {3, 4, 0, 0});
    r.attentionOutput = second.attentionOutput;
    r.afterAttention = matrix(2, 2, {12, 12, 7, 6});
    r.mlpOutput = matrix(2, 2, {1, 1, 1, 1});
    r.output = matrix(2, 2, {13, 13, 8, 7});
    r.norm1.mean = Vector::Constant(2, 3.5);
    r.norm1.variance = Vector::Constant(2, 0.25);
    r.norm2.mean = Vector::Constant(2, 12);
    r.norm2.variance = Vector::Constant(2, 0.0);
    t.layers = {first, second};

    t.embeddings = r.input;
    t.output = r.output;
    t.predictions = {Prediction{0, {{7, 0.75}, {5, 0.25}}, {}}, Prediction{1, {{2, 1.0}}, {}}};
    t.warnings = {QStringLiteral("one warning")};
    return t;
}

Matrix read(const SafetensorsFile& file, const QString& name)
{
    const auto m = file.matrix(name);
    if (!m) qWarning("%s", qPrintable(m.error()));
    return m ? Matrix(m->cast<double>()) : Matrix();
}

// A [rows, cols] tensor of another dtype, as bytes (BOOL) or little-endian 32-bit integers (I32).
std::vector<int> integers(const SafetensorsFile& file, const QString& name)
{
    const TensorInfo* info = file.info(name);
    std::vector<int> out;
    if (!info) return out;
    const std::uint8_t* bytes = file.data(*info);
    for (std::int64_t i = 0; i < info->elements(); ++i)
        out.push_back(info->dtype == DType::Bool ? int(bytes[i]) : qFromLittleEndian<qint32>(bytes + 4 * i));
    return out;
}

} // namespace

class TestTraceSafetensors : public QObject {
    Q_OBJECT
private slots:
    void namesShapesAndDtypes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("trace.safetensors"));
        const Result<void> written = writeTraceSafetensors(handTrace(), path);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        const auto file = SafetensorsFile::open(path);
        QVERIFY2(file, qPrintable(file.error()));

        const QStringList head = {"contribution", "k", "output", "q", "scores", "v", "weights"};
        QStringList expected = {"embeddings", "output", "positions", "predictions.ids", "predictions.positions",
                                "predictions.probs", "token_ids", "layers.0.attention_output", "layers.0.mask",
                                "layers.0.heads.1.scaled", "layers.0.heads.1.mask", "layers.1.attention_output",
                                "layers.1.mask"};
        for (const QString& name : head)
            expected << "layers.0.heads.0." + name << "layers.0.heads.1." + name << "layers.1.heads.0." + name;
        for (const char* name : {"input", "attention_output", "after_attention", "mlp_output", "output",
                                 "norm1.mean", "norm1.variance", "norm2.mean", "norm2.variance"})
            expected << QStringLiteral("layers.1.residual.") + QLatin1String(name);
        expected.sort();
        QCOMPARE((*file)->names(), expected);

        const struct {
            const char* name;
            DType dtype;
            std::vector<std::int64_t> shape;
        } shapes[] = {{"token_ids", DType::I32, {2}},
                      {"embeddings", DType::F32, {2, 2}},
                      {"layers.0.mask", DType::Bool, {2, 3}},
                      {"layers.0.heads.1.q", DType::F32, {2, 2}},
                      {"layers.0.heads.1.k", DType::F32, {3, 2}},
                      {"layers.0.heads.1.scores", DType::F32, {2, 3}},
                      {"layers.1.heads.0.weights", DType::F32, {2, 3}},
                      {"layers.1.residual.norm2.variance", DType::F32, {2}},
                      {"predictions.ids", DType::I32, {2, 2}},
                      {"predictions.probs", DType::F32, {2, 2}}};
        for (const auto& s : shapes) {
            const TensorInfo* info = (*file)->info(QLatin1String(s.name));
            QVERIFY2(info, s.name);
            QVERIFY2(info->dtype == s.dtype, s.name);
            QVERIFY2(info->shape == s.shape, s.name);
        }
    }

    void numbersComeBackAsFloat32()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("trace.safetensors"));
        const Trace trace = handTrace();
        QVERIFY(writeTraceSafetensors(trace, path).ok());
        const auto file = SafetensorsFile::open(path);
        QVERIFY2(file, qPrintable(file.error()));
        const SafetensorsFile& f = **file;
        const auto asFloat = [](const Matrix& m) { return Matrix(m.cast<float>().cast<double>()); };
        ATTNLAB_COMPARE_MATRIX(read(f, "layers.1.heads.0.weights"), matrix(2, 3, {1, 0, 0, 0.1f, 0.2f, 0.7f}), 0);
        ATTNLAB_COMPARE_MATRIX(read(f, "layers.0.heads.0.k"), trace.layers[0].heads[0].k.toDouble(), 0); // rows are keys
        ATTNLAB_COMPARE_MATRIX(read(f, "layers.0.heads.1.scaled"), trace.layers[0].heads[1].scaled.toDouble(), 0);
        ATTNLAB_COMPARE_MATRIX(read(f, "layers.0.heads.0.output"), asFloat(trace.layers[0].heads[0].output.toDouble()), 0);
        ATTNLAB_COMPARE_MATRIX(read(f, "layers.0.attention_output"), trace.layers[0].attentionOutput.toDouble(), 0);
        ATTNLAB_COMPARE_MATRIX(read(f, "layers.1.residual.after_attention"), trace.layers[1].residual.afterAttention.toDouble(), 0);
        ATTNLAB_COMPARE_MATRIX(read(f, "layers.1.residual.norm1.variance"), matrix(1, 2, {0.25, 0.25}), 0);
        ATTNLAB_COMPARE_MATRIX(read(f, "output"), trace.output.toDouble(), 0);
        // The causal layer mask is head 0's; head 1 of layer 0 sees every key, so it has its own.
        QCOMPARE(integers(f, "layers.0.mask"), (std::vector<int>{1, 0, 0, 1, 1, 1}));
        QCOMPARE(integers(f, "layers.0.heads.1.mask"), (std::vector<int>{1, 1, 1, 1, 1, 1}));
        QCOMPARE(integers(f, "token_ids"), (std::vector<int>{5, 50256}));
        QCOMPARE(integers(f, "positions"), (std::vector<int>{0, 1}));
        // Position 1 has one guess: its row is padded with id −1 and probability 0.
        QCOMPARE(integers(f, "predictions.positions"), (std::vector<int>{0, 1}));
        QCOMPARE(integers(f, "predictions.ids"), (std::vector<int>{7, 5, 2, -1}));
        ATTNLAB_COMPARE_MATRIX(read(f, "predictions.probs"), matrix(2, 2, {0.75, 0.25, 1, 0}), 0);
    }

    void metadataHoldsTheStrings()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("trace.safetensors"));
        QVERIFY(writeTraceSafetensors(handTrace(), path).ok());
        const auto file = SafetensorsFile::open(path);
        QVERIFY2(file, qPrintable(file.error()));
        const std::map<QString, QString> expected{{"format", "attnlab-trace"},
                                                  {"version", "1"},
                                                  {"model", "hand \"model\""},
                                                  {"tokens", "[\"a\",\"ß\"]"},
                                                  {"memory_tokens", "[\"x\",\"y\",\"z\"]"},
                                                  {"scale", "0.5"},
                                                  {"scaling", "sqrt"},
                                                  {"mask", "causal"},
                                                  {"trained", "true"},
                                                  {"exact", "false"},
                                                  {"layers", "2"},
                                                  {"heads", "2"},
                                                  {"predictions_kind", "next_token"},
                                                  {"warnings", "[\"one warning\"]"}};
        for (const auto& [key, value] : expected)
            QCOMPARE((*file)->metadata().at(key), value);
        QCOMPARE((*file)->metadata().size(), expected.size());
        const QJsonArray tokens = QJsonDocument::fromJson((*file)->metadata().at("tokens").toUtf8()).array();
        QCOMPARE(tokens.at(1).toString(), QStringLiteral("ß"));
    }

    // A checkpoint's trace stores neither scores nor contributions (trace.h): the file has them all the same,
    // derived while it is written. q = I, k = [[1, 2], [3, 4], [5, 6]] -> scores q·kᵀ = [[1, 3, 5], [2, 4, 6]];
    // W_O (4, 2) = [I; swap]: head 0's contribution is its output, head 1's its output with the columns swapped.
    void derivedMatricesAreWrittenAsComputed()
    {
        Trace trace = handTrace();
        LayerTrace& layer = trace.layers[0];
        layer.outputProjection = MatrixF(matrix(4, 2, {1, 0, 0, 1, 0, 1, 1, 0}).cast<float>());
        for (HeadTrace& head : layer.heads) {
            head.q = MatrixF(head.q.toDouble().cast<float>());
            head.k = MatrixF(head.k.toDouble().cast<float>());
            head.output = MatrixF(head.output.toDouble().cast<float>());
            head.scores = TraceMatrix();
            head.contribution = TraceMatrix();
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("checkpoint.safetensors"));
        QVERIFY(writeTraceSafetensors(trace, path).ok());
        const auto file = SafetensorsFile::open(path);
        QVERIFY2(file, qPrintable(file.error()));
        const SafetensorsFile& f = **file;
        for (const char* head : {"layers.0.heads.0.", "layers.0.heads.1."})
            ATTNLAB_COMPARE_MATRIX(read(f, QLatin1String(head) + QStringLiteral("scores")),
                                   matrix(2, 3, {1, 3, 5, 2, 4, 6}), 0);
        ATTNLAB_COMPARE_MATRIX(read(f, "layers.0.heads.0.contribution"), matrix(2, 2, {2, 0, 4.4f, 2.2f}), 0);
        ATTNLAB_COMPARE_MATRIX(read(f, "layers.0.heads.1.contribution"), matrix(2, 2, {0, 2, 2.2f, 4.4f}), 0);
    }

    void matrixModeHasNoResidualNorPredictions()
    {
        Trace trace = handTrace();
        trace.layers.pop_back();
        trace.embeddings = Matrix();
        trace.predictions.clear();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("matrices.safetensors"));
        QVERIFY(writeTraceSafetensors(trace, path).ok());
        const auto file = SafetensorsFile::open(path);
        QVERIFY2(file, qPrintable(file.error()));
        for (const QString& name : (*file)->names())
            QVERIFY2(!name.startsWith("predictions") && !name.contains("residual") && name != "embeddings",
                     qPrintable(name));
        QVERIFY((*file)->info(QStringLiteral("layers.0.heads.1.weights")));
        QVERIFY(!(*file)->metadata().count(QStringLiteral("predictions_kind")));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestTraceSafetensors)
} // namespace tst_trace_safetensors
#include "tst_trace_safetensors.moc"
