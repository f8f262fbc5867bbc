// Tests model/checkpoints/gpt2_model.cpp against two independent references: PyTorch's own intermediates for the trained
// gpt-nano-sort model (../shared/models/gpt-nano-sort/reference/activations.json), and a forward pass written
// here with explicit loops for a tiny random GPT-2 the test writes itself as a safetensors file. Also the
// rejections: wrong or missing tensors (named in the message) and bad input ids.

#include "model/checkpoints/gpt2_model.h"
#include "model/trace/trace_json.h"
#include "test_support.h"
#include "model/checkpoints/tiny_checkpoint.h"
#include "model/checkpoints/tiny_gpt2.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>

namespace tst_gpt2_model {

using namespace attnlab::model;
using attnlab::test::sharedDir;
using namespace attnlab::test::tiny_gpt2;

namespace {

// activations.json entry {shape, dtype, data: base64 little-endian float32} -> Tensor.
Tensor decodeTensor(const QJsonObject& root, const QString& name)
{
    Tensor t;
    t.name = name;
    const QJsonObject o = root.value(name).toObject();
    for (const QJsonValue& n : o.value(QLatin1String("shape")).toArray())
        t.shape.push_back(n.toInteger());
    const QByteArray bytes = QByteArray::fromBase64(o.value(QLatin1String("data")).toString().toLatin1());
    t.data.resize(size_t(bytes.size() / 4));
    for (size_t i = 0; i < t.data.size(); ++i)
        t.data[i] = std::bit_cast<float>(qFromLittleEndian<quint32>(bytes.constData() + 4 * i));
    return t;
}

double maxDiff(const Matrix& a, const Matrix& b)
{
    return a.rows() == b.rows() && a.cols() == b.cols() ? (a - b).cwiseAbs().maxCoeff() : 1e30;
}

} // namespace

class TestGpt2Model : public QObject {
    Q_OBJECT

private slots:
    void matchesPyTorchOnNanoSort();
    void charModelRecitesItsCorpus();
    void matchesLoopReference_data();
    void matchesLoopReference();
    void ablationMatchesLoopReference_data();
    void ablationMatchesLoopReference();
    void headEffectsMatchLoopReference();
    void rejectsBadTensors_data();
    void rejectsBadTensors();
    void rejectsBadInput();
};

void TestGpt2Model::matchesPyTorchOnNanoSort()
{
    const QString folder = sharedDir() + QStringLiteral("/models/gpt-nano-sort");
    QFile file(folder + QStringLiteral("/reference/activations.json"));
    if (!file.exists())
        QSKIP(qPrintable("shared test models not found at " + sharedDir() +
                         " (set ATTNLAB_SHARED); the PyTorch comparison needs gpt-nano-sort"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    auto loaded = Gpt2Model::load(folder);
    QVERIFY2(loaded, qPrintable(loaded.error()));
    const Gpt2Model& model = **loaded;
    QCOMPARE(model.config().layers, 3);
    QCOMPARE(model.config().heads, 3);

    const Tensor idx = decodeTensor(root, QStringLiteral("idx"));
    QCOMPARE(idx.shape, (std::vector<qint64>{3, 11}));
    // Per-layer tensors (q, k, v, att, attSm, y, …) are layer 0's (the first block's hooks); blockN per
    // layer.
    const QStringList names =
        QStringLiteral("x q k v att attSm y yProj attnResid mlp mlpResid block0 block1 block2 "
                       "lm_head probs")
            .split(QLatin1Char(' '));
    std::map<QString, Tensor> ref;
    for (const QString& n : names) {
        ref[n] = decodeTensor(root, n);
        QVERIFY2(!ref[n].data.empty(), qPrintable(n + " missing in activations.json"));
    }
    std::map<QString, double> worst;
    // "" when actual matches PyTorch within 1e-4, else what differs and by how much.
    const auto check = [&worst](const QString& what, const Matrix& actual, const Matrix& expected) {
        const double diff = maxDiff(actual, expected);
        worst[what] = std::max(worst[what], diff);
        return diff <= 1e-4 ? QString() : QStringLiteral("%1 differs from PyTorch by %2").arg(what).arg(diff);
    };
#define CHECK_TENSOR(what, actual, expected)                                                                 \
    do {                                                                                                     \
        const QString problem = check(QStringLiteral(what), (actual), (expected));                           \
        QVERIFY2(problem.isEmpty(), qPrintable(problem));                                                    \
    } while (false)

    for (qint64 b = 0; b < 3; ++b) {
        std::vector<int> ids;
        for (qint64 t = 0; t < 11; ++t)
            ids.push_back(int(idx.data[size_t(b * 11 + t)]));
        MatrixF logits;
        auto trace = model.run(ids, {}, &logits);
        QVERIFY2(trace, qPrintable(trace.error()));
        QVERIFY(trace->trained);
        QCOMPARE(trace->modelName, QStringLiteral("gpt-nano-sort"));
        QCOMPARE(trace->layers.size(), size_t(3));
        const LayerTrace& l0 = trace->layers[0];
        CHECK_TENSOR("x", trace->embeddings.toDouble(), ref["x"].slice({b}));
        Matrix y(11, 48);
        const QJsonObject json = traceToJson(*trace);
        for (qint64 h = 0; h < 3; ++h) {
            const HeadTrace& head = l0.heads[size_t(h)];
            CHECK_TENSOR("q", head.q.toDouble(), ref["q"].slice({b, h}));
            CHECK_TENSOR("k", head.k.toDouble(), ref["k"].slice({b, h}));
            CHECK_TENSOR("v", head.v.toDouble(), ref["v"].slice({b, h}));
            // att holds −inf above the diagonal; compare the allowed entries only.
            const Matrix att = ref["att"].slice({b, h});
            const Matrix allowedAtt = head.allowed.select(att, Matrix::Zero(11, 11));
            // A checkpoint's trace derives the scaled scores from QKᵀ (model/trace/trace.h) rather than store them.
            QCOMPARE(head.scaled.size(), Eigen::Index(0));
            CHECK_TENSOR("att", head.allowed.select(scaledScores(head, trace->scale), Matrix::Zero(11, 11)), allowedAtt);
            // The JSON writes them all the same.
            const QJsonArray rows = json.value(QStringLiteral("layers")).toArray().at(0).toObject()
                                        .value(QStringLiteral("heads")).toArray().at(int(h)).toObject()
                                        .value(QStringLiteral("scaled")).toArray();
            Matrix fromJson(rows.size(), 11);
            for (int r = 0; r < rows.size(); ++r)
                for (int c = 0; c < 11; ++c)
                    fromJson(r, c) = rows.at(r).toArray().at(c).toDouble();
            CHECK_TENSOR("att (JSON)", head.allowed.select(fromJson, Matrix::Zero(11, 11)), allowedAtt);
            CHECK_TENSOR("attSm", head.weights.toDouble(), ref["attSm"].slice({b, h}));
            y.middleCols(h * 16, 16) = head.output.toDouble();
        }
        CHECK_TENSOR("y", y, ref["y"].slice({b}));
        CHECK_TENSOR("yProj", l0.attentionOutput.toDouble(), ref["yProj"].slice({b}));
        CHECK_TENSOR("attnResid", l0.residual.afterAttention.toDouble(), ref["attnResid"].slice({b}));
        CHECK_TENSOR("mlp", l0.residual.mlpOutput.toDouble(), ref["mlp"].slice({b}));
        CHECK_TENSOR("mlpResid", l0.residual.output.toDouble(), ref["mlpResid"].slice({b}));
        for (int l = 0; l < 3; ++l)
            CHECK_TENSOR("blockN", trace->layers[size_t(l)].residual.output.toDouble(),
                         ref[QStringLiteral("block%1").arg(l)].slice({b}));
        CHECK_TENSOR("lm_head", logits.cast<double>(), ref["lm_head"].slice({b}));
        Matrix probs(11, 3);
        for (const Prediction& p : trace->predictions)
            for (const auto& [id, probability] : p.top)
                probs(p.position, id) = probability;
        CHECK_TENSOR("probs", probs, ref["probs"].slice({b}));

        // The model sorts: positions 5..10 predict the 6 input tokens in ascending order.
        std::vector<int> sorted(ids.begin(), ids.begin() + 6);
        std::sort(sorted.begin(), sorted.end());
        for (int t = 5; t < 11; ++t)
            QCOMPARE(trace->predictions[size_t(t)].top.front().first, sorted[size_t(t - 5)]);
    }
#undef CHECK_TENSOR
    QString summary = QStringLiteral("max |difference| vs PyTorch:");
    for (const auto& [what, diff] : worst)
        summary += QStringLiteral(" %1 %2").arg(what).arg(diff, 0, 'g', 3);
    qInfo("%s", qPrintable(summary));
}

// char-gpt-slm (tied embeddings, exact GELU) memorised corpus.txt: reading its first 128 characters, the top
// prediction at almost every position is the corpus's next character.
void TestGpt2Model::charModelRecitesItsCorpus()
{
    const QString folder = sharedDir() + QStringLiteral("/models/char-gpt-slm");
    QFile corpusFile(folder + QStringLiteral("/corpus.txt"));
    QFile vocabFile(folder + QStringLiteral("/vocab.json"));
    if (!corpusFile.open(QIODevice::ReadOnly) || !vocabFile.open(QIODevice::ReadOnly))
        QSKIP(qPrintable("shared test models not found at " + sharedDir() + " (set ATTNLAB_SHARED)"));
    auto model = Gpt2Model::load(folder);
    QVERIFY2(model, qPrintable(model.error()));
    QVERIFY((*model)->config().tiedEmbeddings);
    const QJsonObject vocab = QJsonDocument::fromJson(vocabFile.readAll()).object();
    const QString corpus = QString::fromUtf8(corpusFile.readAll()).left(129);
    std::vector<int> ids;
    QStringList tokens;
    for (QChar c : corpus) {
        QVERIFY(vocab.contains(QString(c)));
        ids.push_back(vocab.value(QString(c)).toInt());
        tokens << QString(c);
    }
    const int next = ids.back();
    ids.pop_back();
    tokens.removeLast();
    auto trace = (*model)->run(ids, tokens);
    QVERIFY2(trace, qPrintable(trace.error()));
    int right = 0;
    for (size_t t = 0; t < ids.size(); ++t)
        right += trace->predictions[t].top.front().first == (t + 1 < ids.size() ? ids[t + 1] : next);
    qInfo("char-gpt-slm: %d of %d next characters predicted", right, int(ids.size()));
    QVERIFY(right >= 120);
}

void TestGpt2Model::ablationMatchesLoopReference_data()
{
    QTest::addColumn<bool>("mean");
    QTest::newRow("zero") << false;
    QTest::newRow("mean") << true;
}

void TestGpt2Model::ablationMatchesLoopReference()
{
    QFETCH(bool, mean);
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("tiny-gpt2"));
    const Weights w = randomGpt2(true, QStringLiteral("transformer."), 7u);
    writeModel(folder, configJson(true, QStringLiteral("gelu_new")), w, 1);
    auto model = Gpt2Model::load(folder);
    QVERIFY2(model, qPrintable(model.error()));
    const std::vector<int> ids{1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 10, 0};

    LanguageModel::RunOptions options;
    MatrixF logits;
    options.logits = &logits;
    options.ablation.heads = {{1, 0}, {0, 1}, {1, 0}}; // a repeat counts once
    options.ablation.mlps = {0};
    options.ablation.mode = mean ? AblationMode::Mean : AblationMode::Zero;
    auto trace = (*model)->run(ids, {}, options);
    QVERIFY2(trace, qPrintable(trace.error()));
    const Reference ref = referenceForward(w, ids, true, false, {{0, 1}, {1, 0}}, {0}, mean);
    const Reference plain = referenceForward(w, ids, true, false);
    ATTNLAB_COMPARE_MATRIX(Matrix(logits.cast<double>()), ref.logits, 1e-4);
    QVERIFY((ref.logits - plain.logits).cwiseAbs().maxCoeff() > 1e-2); // the ablation changed something
    // The trace records it, sorted, and shows the switched-off head's output: 0, or one row repeated.
    QCOMPARE(trace->ablation.heads, (std::vector<HeadRef>{{0, 1}, {1, 0}}));
    QCOMPARE(trace->ablation.mlps, std::vector<int>{0});
    const Matrix off = trace->layers[1].heads[0].output.toDouble();
    for (Eigen::Index r = 0; r < off.rows(); ++r)
        ATTNLAB_COMPARE_MATRIX(Matrix(off.row(r)), mean ? Matrix(off.row(0)) : Matrix(Matrix::Zero(1, off.cols())), 1e-6);
    if (!mean) QCOMPARE(trace->layers[0].residual.mlpOutput.toDouble().cwiseAbs().maxCoeff(), 0.0);
    // A switched-off head still attends: layer 1's as its (changed) input makes it, layer 0's as without the ablation.
    ATTNLAB_COMPARE_MATRIX(trace->layers[1].heads[0].weights.toDouble(), ref.weights[1][0], 1e-4);
    ATTNLAB_COMPARE_MATRIX(trace->layers[0].heads[1].weights.toDouble(), plain.weights[0][1], 1e-4);

    // A head or layer the model does not have: one message naming it and the range.
    LanguageModel::RunOptions bad;
    bad.ablation.heads = {{kLayers, 0}};
    auto refused = (*model)->run(ids, {}, bad);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(QStringLiteral("--ablate %1.1: layer %1 does not exist; the model has layers 1 to %2")
                                          .arg(kLayers + 1)
                                          .arg(kLayers)),
             qPrintable(refused.error()));
    bad.ablation.heads = {{0, kHeads}};
    refused = (*model)->run(ids, {}, bad);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(QStringLiteral("each layer has heads 1 to %1").arg(kHeads)), qPrintable(refused.error()));
    bad.ablation = {};
    bad.ablation.mlps = {-1};
    QVERIFY(!(*model)->run(ids, {}, bad));
}

void TestGpt2Model::headEffectsMatchLoopReference()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("tiny-gpt2"));
    const Weights w = randomGpt2(false, QStringLiteral("transformer."), 8u);
    writeModel(folder, configJson(false, QStringLiteral("gelu_new")), w, 1);
    auto model = Gpt2Model::load(folder);
    QVERIFY2(model, qPrintable(model.error()));
    const std::vector<int> ids{1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 10, 0};
    auto trace = (*model)->run(ids, {});
    QVERIFY2(trace, qPrintable(trace.error()));
    const Reference plain = referenceForward(w, ids, false, false);
    const auto logSoftmax = [](const Matrix& logits, int row, int id) {
        const double max = logits.row(row).maxCoeff();
        return logits(row, id) - max - std::log((logits.row(row).array() - max).exp().sum());
    };
    for (const int position : {int(ids.size()) - 1, 4}) // the last, and one the later tokens cannot change
        for (const bool mean : {false, true}) {
            const int target = trace->predictions[size_t(position)].top.front().first;
            const auto effects = (*model)->headAblationEffects(*trace, position, target,
                                                               mean ? AblationMode::Mean : AblationMode::Zero);
            QVERIFY2(effects, qPrintable(effects.error()));
            QCOMPARE(effects->rows(), Eigen::Index(kLayers));
            QCOMPARE(effects->cols(), Eigen::Index(kHeads));
            for (int l = 0; l < kLayers; ++l)
                for (int h = 0; h < kHeads; ++h) {
                    // Zero ablation at position p of a decoder needs only tokens 0..p (the rerun leaves the rest
                    // out); mean ablation averages over every position, so it runs on the whole input.
                    const std::vector<int> seen(ids.begin(), mean ? ids.end() : ids.begin() + position + 1);
                    const Reference off = referenceForward(w, seen, false, false, {{l, h}}, {}, mean);
                    const Reference on = referenceForward(w, seen, false, false);
                    const double expected = logSoftmax(off.logits, position, target) - logSoftmax(on.logits, position, target);
                    QVERIFY2(std::abs((*effects)(l, h) - expected) < 1e-4,
                             qPrintable(QStringLiteral("layer %1 head %2 at %3: %4, expected %5")
                                            .arg(l)
                                            .arg(h)
                                            .arg(position)
                                            .arg((*effects)(l, h))
                                            .arg(expected)));
                }
        }
    QVERIFY(!(*model)->headAblationEffects(*trace, int(ids.size()), 0, AblationMode::Zero));
    QVERIFY(!(*model)->headAblationEffects(*trace, 0, kVocab, AblationMode::Zero));
}

void TestGpt2Model::matchesLoopReference_data()
{
    QTest::addColumn<bool>("tied");
    QTest::addColumn<QString>("activation");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<int>("shards");
    QTest::newRow("tied, gelu_new, transformer. prefix") << true << "gelu_new"
                                                         << "transformer." << 1;
    QTest::newRow("lm_head, exact gelu, bare names") << false << "gelu"
                                                     << "" << 1;
    QTest::newRow("lm_head, in 3 shards with an index") << false << "gelu_new"
                                                        << "transformer." << 3;
}

void TestGpt2Model::matchesLoopReference()
{
    QFETCH(bool, tied);
    QFETCH(QString, activation);
    QFETCH(QString, prefix);
    QFETCH(int, shards);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("tiny-gpt2"));
    const Weights w = randomGpt2(tied, prefix, tied ? 7u : 8u);
    writeModel(folder, configJson(tied, activation), w, shards);
    QCOMPARE(QFileInfo::exists(folder + QStringLiteral("/model.safetensors")), shards == 1);
    auto model = Gpt2Model::load(folder);
    QVERIFY2(model, qPrintable(model.error()));
    QCOMPARE((*model)->config().dFf, kFf);

    for (const std::vector<int>& ids :
         {std::vector<int>{3}, std::vector<int>{1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 10, 0},
          std::vector<int>(kPositions, 7)}) {
        MatrixF logits;
        auto trace = (*model)->run(ids, {}, &logits);
        QVERIFY2(trace, qPrintable(trace.error()));
        const Reference ref = referenceForward(w, ids, tied, activation == QLatin1String("gelu"));
        for (int l = 0; l < kLayers; ++l)
            for (int h = 0; h < kHeads; ++h)
                ATTNLAB_COMPARE_MATRIX(trace->layers[size_t(l)].heads[size_t(h)].weights.toDouble(),
                                       ref.weights[size_t(l)][size_t(h)], 1e-4);
        ATTNLAB_COMPARE_MATRIX(Matrix(logits.cast<double>()), ref.logits, 1e-4);

        // Contributions add up to the attention output minus c_proj's bias; the stream adds up.
        const LayerTrace& layer = trace->layers[1];
        Matrix sum = Matrix::Zero(Eigen::Index(ids.size()), kD);
        for (int h = 0; h < int(layer.heads.size()); ++h)
            sum += headContribution(layer, h).toDouble();
        const Tensor& projB = find(w, QStringLiteral("h.1.attn.c_proj.bias"));
        for (Eigen::Index j = 0; j < kD; ++j)
            sum.col(j).array() += projB.data[size_t(j)];
        ATTNLAB_COMPARE_MATRIX(sum, layer.attentionOutput.toDouble(), 1e-5);
        ATTNLAB_COMPARE_MATRIX(Matrix(layer.residual.input.toDouble() + layer.residual.attentionOutput.toDouble()),
                               layer.residual.afterAttention, 1e-5);
        ATTNLAB_COMPARE_MATRIX(Matrix(layer.residual.afterAttention.toDouble() + layer.residual.mlpOutput.toDouble()),
                               layer.residual.output, 1e-5);
        ATTNLAB_COMPARE_MATRIX(trace->output.toDouble(), layer.residual.output.toDouble(), 0.0);

        // Predictions: the top 5 of softmax(logits), most probable first, at every position.
        QCOMPARE(trace->predictions.size(), ids.size());
        for (const Prediction& p : trace->predictions) {
            QCOMPARE(p.top.size(), size_t(5));
            const Eigen::RowVectorXd row = ref.logits.row(p.position);
            const Eigen::RowVectorXd e = (row.array() - row.maxCoeff()).exp().matrix();
            Eigen::Index best = 0;
            row.maxCoeff(&best);
            QCOMPARE(p.top.front().first, int(best));
            for (size_t i = 0; i < p.top.size(); ++i) {
                QVERIFY(std::abs(p.top[i].second - e(p.top[i].first) / e.sum()) < 1e-5);
                if (i) QVERIFY(p.top[i].second <= p.top[i - 1].second);
            }
        }
        QCOMPARE(trace->positions.back(), int(ids.size()) - 1);
        QCOMPARE(trace->tokens.size(), qsizetype(ids.size()));
        QCOMPARE(trace->scale, 1.0 / std::sqrt(double(kD / kHeads)));
        // Only the first layer: its attention as in the full run, no predictions, and a warning.
        MatrixF none(1, 1);
        auto first = (*model)->run(ids, {}, &none, nullptr, 1);
        QVERIFY2(first, qPrintable(first.error()));
        QCOMPARE(first->layers.size(), size_t(1));
        for (int h = 0; h < kHeads; ++h)
            ATTNLAB_COMPARE_MATRIX(first->layers[0].heads[size_t(h)].weights.toDouble(), ref.weights[0][size_t(h)], 1e-4);
        QVERIFY(first->predictions.empty());
        QCOMPARE(none.size(), 0);
        QVERIFY(first->warnings.join(QLatin1Char(' ')).contains(QStringLiteral("first 1 of 2 layers")));
    }
}

void TestGpt2Model::rejectsBadTensors_data()
{
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<qint64>("badColumns"); // 0: remove the tensor
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("c_attn too narrow")
        << "transformer.h.1.attn.c_attn.weight" << qint64(20)
        << QStringList{"transformer.h.1.attn.c_attn.weight", "(8, 20)", "(8, 24)"};
    QTest::newRow("wpe too short") << "transformer.wpe.weight" << qint64(7)
                                   << QStringList{"transformer.wpe.weight", "(16, 7)", "(16, 8)"};
    QTest::newRow("c_fc bias missing") << "transformer.h.0.mlp.c_fc.bias" << qint64(0)
                                       << QStringList{"transformer.h.0.mlp.c_fc.bias", "missing", "(32)"};
    QTest::newRow("ln_f missing") << "transformer.ln_f.weight" << qint64(0)
                                  << QStringList{"transformer.ln_f.weight", "missing"};
    QTest::newRow("lm_head wrong") << "lm_head.weight" << qint64(9)
                                   << QStringList{"lm_head.weight", "(11, 9)", "(11, 8)"};
}

void TestGpt2Model::rejectsBadTensors()
{
    QFETCH(QString, tensor);
    QFETCH(qint64, badColumns);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Weights w = randomGpt2(false, QStringLiteral("transformer."), 3);
    const auto it = std::find_if(w.begin(), w.end(), [&](const Tensor& t) { return t.name == tensor; });
    QVERIFY(it != w.end());
    if (badColumns == 0) {
        w.erase(it);
    } else {
        it->shape.back() = badColumns;
        it->data.resize(size_t(it->shape.front() * badColumns));
    }
    writeModel(dir.path(), configJson(false, QStringLiteral("gelu_new")), w);
    auto model = Gpt2Model::load(dir.path());
    QVERIFY(!model);
    for (const QString& part : expected)
        QVERIFY2(model.error().contains(part), qPrintable(model.error() + " lacks " + part));
}

void TestGpt2Model::rejectsBadInput()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeModel(dir.path(), configJson(true, QStringLiteral("gelu_new")), randomGpt2(true, {}, 5));
    auto loaded = Gpt2Model::load(dir.path());
    QVERIFY2(loaded, qPrintable(loaded.error()));
    const Gpt2Model& model = **loaded;

    auto empty = model.run({}, {});
    QVERIFY(!empty);
    QVERIFY2(empty.error().contains(QLatin1String("no tokens")), qPrintable(empty.error()));

    auto tooLong = model.run(std::vector<int>(17, 1), {});
    QVERIFY(!tooLong);
    QVERIFY2(tooLong.error().contains(QLatin1String("17")) && tooLong.error().contains(QLatin1String("16")),
             qPrintable(tooLong.error()));

    for (int bad : {11, -1}) {
        auto outside = model.run({1, bad, 2}, {});
        QVERIFY(!outside);
        QVERIFY2(outside.error().contains(QString::number(bad)) &&
                     outside.error().contains(QLatin1String("vocabulary")),
                 qPrintable(outside.error()));
    }

    auto mismatch = model.run({1, 2}, {QStringLiteral("a")});
    QVERIFY(!mismatch);

    auto named = model.run({1, 2}, {QStringLiteral("a"), QStringLiteral("b")});
    QVERIFY2(named, qPrintable(named.error()));
    QCOMPARE(named->tokens, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));

    auto missing = Gpt2Model::load(dir.filePath(QStringLiteral("nowhere")));
    QVERIFY(!missing);
    QVERIFY2(missing.error().contains(QLatin1String("config.json")), qPrintable(missing.error()));
}

ATTNLAB_TEST_APPLESS_MAIN(TestGpt2Model)
} // namespace tst_gpt2_model
#include "tst_gpt2_model.moc"
