// Tests model/checkpoints/bert_model.cpp against a forward pass written here with explicit loops in double, for tiny
// random BERTs the test writes itself as safetensors files in the layouts BertModel and BertForMaskedLM
// save (with or without "bert.", LayerNorm weight/bias or gamma/beta, tied or separate decoder). Also the
// rejections (missing or misshapen tensors named with their file) and the real bert-base-uncased
// tokenizer's ids run through a model with its vocabulary size.

#include "model/checkpoints/bert_model.h"
#include "test_support.h"
#include "model/checkpoints/tiny_bert.h"
#include "model/tokenizers/tokenizer.h"
#include "model/checkpoints/head_effects_check.h"
#include "model/checkpoints/patching_check.h"
#include "test_registry.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

Q_DECLARE_METATYPE(attnlab::test::Variant)

namespace tst_bert_model {

using namespace attnlab::model;
using namespace attnlab::test;

namespace {

// A canonical (BERT) name -> the name RoBERTa (roberta., lm_head) or DistilBERT (distilbert., transformer.layer,
// q_lin…, vocab_*) saves the same weight under, as transformers' modeling files name them.
QString familyName(const QString& name, const QString& family)
{
    if (family == QLatin1String("bert")) return name;
    QString s = name;
    if (family == QLatin1String("roberta")) {
        s.replace(QLatin1String("cls.predictions.transform.dense"), QLatin1String("lm_head.dense"))
            .replace(QLatin1String("cls.predictions.transform.LayerNorm"), QLatin1String("lm_head.layer_norm"))
            .replace(QLatin1String("cls.predictions.decoder"), QLatin1String("lm_head.decoder"))
            .replace(QLatin1String("cls.predictions.bias"), QLatin1String("lm_head.bias"));
        return s;
    }
    const std::pair<const char*, const char*> parts[] = {
        {"encoder.layer.", "transformer.layer."},
        {"attention.self.query", "attention.q_lin"},
        {"attention.self.key", "attention.k_lin"},
        {"attention.self.value", "attention.v_lin"},
        {"attention.output.dense", "attention.out_lin"},
        {"attention.output.LayerNorm", "sa_layer_norm"},
        {"intermediate.dense", "ffn.lin1"},
        {"output.dense", "ffn.lin2"},
        {"output.LayerNorm", "output_layer_norm"},
        {"cls.predictions.transform.dense", "vocab_transform"},
        {"cls.predictions.transform.LayerNorm", "vocab_layer_norm"},
        {"cls.predictions.decoder", "vocab_projector"},
        {"cls.predictions.bias", "vocab_projector.bias"},
    };
    for (const auto& [from, to] : parts)
        s.replace(QLatin1String(from), QLatin1String(to));
    return s;
}

// Canonical names -> the names the variant saves.
TensorMap saved(const TensorMap& canonical, const Variant& v)
{
    TensorMap out;
    for (const auto& [name, t] : canonical) {
        QString s = name.startsWith(QLatin1String("cls.")) ? name : v.prefix + name;
        if (v.gammaBeta && s.contains(QLatin1String("LayerNorm.")))
            s.replace(QLatin1String(".weight"), QLatin1String(".gamma"))
                .replace(QLatin1String(".bias"), QLatin1String(".beta"));
        if (v.decoderBias && s == QLatin1String("cls.predictions.bias"))
            s = QStringLiteral("cls.predictions.decoder.bias");
        out[familyName(s, v.family)] = t;
    }
    return out;
}

QByteArray configJson(const Dims& n, const Variant& v)
{
    if (v.family == QLatin1String("distilbert"))
        return QStringLiteral(R"({"model_type": "distilbert", "dim": %1, "n_layers": %2, "n_heads": %3,
            "hidden_dim": %4, "vocab_size": %5, "max_position_embeddings": %6, "activation": "%7",
            "sinusoidal_pos_embds": false, "tie_word_embeddings": %8})")
            .arg(n.d)
            .arg(n.layers)
            .arg(n.heads)
            .arg(n.ff)
            .arg(n.vocab)
            .arg(n.positions)
            .arg(v.act, v.tied ? QStringLiteral("true") : QStringLiteral("false"))
            .toUtf8();
    // RoBERTa's table has pad_token_id + 1 = 2 rows more than the tokens a text may have.
    return QStringLiteral(R"({"model_type": "%10", "hidden_size": %1, "num_hidden_layers": %2,
        "num_attention_heads": %3, "intermediate_size": %4, "vocab_size": %5, "max_position_embeddings": %6,
        "type_vocab_size": %7, "layer_norm_eps": 1e-12, "hidden_act": "%8", "tie_word_embeddings": %9%11})")
        .arg(n.d)
        .arg(n.layers)
        .arg(n.heads)
        .arg(n.ff)
        .arg(n.vocab)
        .arg(n.positions + positionOffset(v))
        .arg(n.types)
        .arg(v.act, v.tied ? QStringLiteral("true") : QStringLiteral("false"), v.family,
             v.family == QLatin1String("roberta") ? QStringLiteral(R"(, "pad_token_id": 1)") : QString())
        .toUtf8();
}

// Every intermediate of trace against ref within 1e-4, and the top-1 prediction wherever the reference's
// best logit leads the second by more than the float error.
void compareToReference(const Trace& trace, const MatrixF& logits, const Reference& ref, const Dims& n)
{
    ATTNLAB_COMPARE_MATRIX(trace.embeddings.toDouble(), ref.embeddings, 1e-4);
    QCOMPARE(trace.layers.size(), size_t(n.layers));
    for (int l = 0; l < n.layers; ++l) {
        const LayerTrace& layer = trace.layers[size_t(l)];
        QCOMPARE(layer.heads.size(), size_t(n.heads));
        for (int h = 0; h < n.heads; ++h) {
            ATTNLAB_COMPARE_MATRIX(layer.heads[size_t(h)].weights.toDouble(), ref.weights[size_t(l)][size_t(h)], 1e-4);
            QVERIFY(layer.heads[size_t(h)].allowed.all());
        }
        ATTNLAB_COMPARE_MATRIX(layer.residual.afterAttention.toDouble(), ref.afterAttention[size_t(l)], 1e-4);
        ATTNLAB_COMPARE_MATRIX(layer.residual.output.toDouble(), ref.output[size_t(l)], 1e-4);
    }
    ATTNLAB_COMPARE_MATRIX(trace.output.toDouble(), ref.output.back(), 1e-4);
    if (ref.logits.size() == 0) {
        QVERIFY(trace.predictions.empty());
        QCOMPARE(logits.size(), Eigen::Index(0));
        return;
    }
    ATTNLAB_COMPARE_MATRIX(Matrix(logits.cast<double>()), ref.logits, 1e-4);
    QCOMPARE(trace.predictions.size(), size_t(ref.logits.rows()));
    for (const Prediction& p : trace.predictions) {
        Eigen::RowVectorXd row = ref.logits.row(p.position);
        Eigen::Index best = 0;
        const double top = row.maxCoeff(&best);
        row(best) = -1e300;
        if (top - row.maxCoeff() > 1e-3) QCOMPARE(p.top.front().first, int(best));
        QCOMPARE(p.top.size(), size_t(std::min(5, n.vocab)));
    }
}

} // namespace

class TestBertModel : public QObject {
    Q_OBJECT

private slots:
    void matchesLoopReference_data();
    void matchesLoopReference();
    void savedNamingsAgree();
    void rejectsBadTensors_data();
    void rejectsBadTensors();
    void rejectsBadInput();
    void runsBertBaseUncasedIds();
};

void TestBertModel::matchesLoopReference_data()
{
    QTest::addColumn<Variant>("variant");
    QTest::addColumn<int>("shards");
    QTest::newRow("BertForMaskedLM: bert. prefix, tied decoder, gelu") << Variant{} << 1;
    QTest::newRow("bare names, gamma/beta, own decoder, decoder.bias, gelu_new")
        << Variant{QString(), true, false, true, true, QStringLiteral("gelu_new")} << 1;
    QTest::newRow("BertModel without the MLM head, relu")
        << Variant{QString(), false, true, false, false, QStringLiteral("relu")} << 1;
    QTest::newRow("BertForMaskedLM in 2 shards with an index") << Variant{} << 2;
    Variant roberta;
    roberta.family = QStringLiteral("roberta");
    roberta.prefix = QStringLiteral("roberta.");
    roberta.act = QStringLiteral("gelu_new"); // the head still applies the exact GELU
    QTest::newRow("RobertaForMaskedLM: positions from 2, lm_head, tied") << roberta << 1;
    Variant robertaOwn = roberta;
    robertaOwn.tied = false;
    robertaOwn.decoderBias = true;
    QTest::newRow("RobertaForMaskedLM: own decoder, lm_head.decoder.bias") << robertaOwn << 1;
    Variant robertaBare = roberta;
    robertaBare.prefix = QString();
    robertaBare.head = false;
    QTest::newRow("RobertaModel: bare names, no head") << robertaBare << 1;
    Variant distil;
    distil.family = QStringLiteral("distilbert");
    distil.prefix = QStringLiteral("distilbert.");
    QTest::newRow("DistilBertForMaskedLM: no token types, vocab_* head, tied") << distil << 1;
    Variant distilRelu = distil;
    distilRelu.act = QStringLiteral("relu");
    distilRelu.tied = false;
    QTest::newRow("DistilBertForMaskedLM: relu, own vocab_projector") << distilRelu << 1;
}

void TestBertModel::matchesLoopReference()
{
    QFETCH(Variant, variant);
    QFETCH(int, shards);
    const Dims n;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const TensorMap w = randomBert(n, variant, 11);
    const TensorMap file = saved(w, variant);
    QVERIFY(shards > 1 ? attnlab::test::writeShardedCheckpoint(dir.path(), configJson(n, variant), file, shards)
                       : attnlab::test::writeCheckpoint(dir.path(), configJson(n, variant), file));
    auto loaded = LanguageModel::load(dir.path()); // through the dispatch on model_type
    QVERIFY2(loaded, qPrintable(loaded.error()));
    const LanguageModel& model = **loaded;
    QVERIFY(!model.causal());
    QCOMPARE(model.config().typeVocab, hasTokenTypes(variant) ? n.types : 0);
    QCOMPARE(model.config().maxPositions, n.positions);
    qint64 elements = 0; // every saved tensor is used, each once
    for (const auto& [name, t] : file)
        elements += qint64(t.data.size());
    QCOMPARE(model.parameterCount(), elements);

    // With an MLM head: each head's effect on the guess at a position equals a whole run with the head off.
    if (variant.head) attnlab::test::checkHeadEffectsAgainstWholeRuns(model, {1, 4, 1, 5, 9, 2, 6, 5});
    if (variant.head) attnlab::test::checkPatchingAgainstWholeRuns(model, {1, 4, 1, 5, 9, 2, 6, 5}, {1, 4, 7, 5, 9, 2, 6, 5});
    for (const std::vector<int>& ids :
         {std::vector<int>{3}, std::vector<int>{1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 12, 0},
          std::vector<int>(size_t(n.positions), 7)}) {
        MatrixF logits(1, 1);
        auto trace = model.run(ids, {}, &logits);
        QVERIFY2(trace, qPrintable(trace.error()));
        QVERIFY(trace->mask.kind == MaskKind::None);
        QCOMPARE(trace->scale, 1.0 / std::sqrt(double(n.d / n.heads)));
        compareToReference(*trace, logits, referenceForward(w, n, variant, ids), n);
        if (QTest::currentTestFailed()) return;

        // Only the first layer: as in the full run, without the MLM head's guesses.
        const Reference ref = referenceForward(w, n, variant, ids);
        auto first = model.run(ids, {}, &logits, nullptr, 1);
        QVERIFY2(first, qPrintable(first.error()));
        QCOMPARE(first->layers.size(), size_t(1));
        ATTNLAB_COMPARE_MATRIX(first->layers[0].residual.output.toDouble(), ref.output[0], 1e-4);
        ATTNLAB_COMPARE_MATRIX(first->layers[0].heads[0].weights.toDouble(), ref.weights[0][0], 1e-4);
        QVERIFY(first->predictions.empty());
        QCOMPARE(logits.size(), Eigen::Index(0));
        QVERIFY(first->warnings.join(QLatin1Char(' ')).contains(QStringLiteral("first 1 of")));

        // Head contributions add up to the attention output minus the dense bias; post-norm statistics are
        // those of input + attention.
        const LayerTrace& layer = trace->layers.back();
        Matrix sum = Matrix::Zero(Eigen::Index(ids.size()), n.d);
        for (int h = 0; h < int(layer.heads.size()); ++h)
            sum += headContribution(layer, h).toDouble();
        const Tensor& bias = w.at(QStringLiteral("encoder.layer.1.attention.output.dense.bias")); // canonical name
        for (Eigen::Index j = 0; j < n.d; ++j)
            sum.col(j).array() += bias.at(j);
        ATTNLAB_COMPARE_MATRIX(sum, layer.attentionOutput.toDouble(), 1e-5);
        const Matrix preNorm = layer.residual.input.toDouble() + layer.residual.attentionOutput.toDouble();
        ATTNLAB_COMPARE_MATRIX(Matrix(layer.residual.norm1.mean), Matrix(preNorm.rowwise().mean()), 1e-5);
    }
}

// The same weights saved as BertForMaskedLM ("bert."), BertModel (bare) and with gamma/beta give the same
// trace.
void TestBertModel::savedNamingsAgree()
{
    const Dims n;
    const TensorMap w = randomBert(n, Variant{}, 5);
    const std::vector<int> ids{2, 7, 1, 8, 2, 8};
    std::vector<Matrix> outputs;
    for (const Variant& v :
         {Variant{}, Variant{QString()}, Variant{QStringLiteral("bert."), true, true, true}}) {
        QTemporaryDir dir;
        QVERIFY(attnlab::test::writeCheckpoint(dir.path(), configJson(n, v), saved(w, v)));
        auto model = BertModel::load(dir.path());
        QVERIFY2(model, qPrintable(model.error()));
        QVERIFY((*model)->hasMlmHead());
        MatrixF logits;
        auto trace = (*model)->run(ids, {}, &logits);
        QVERIFY2(trace, qPrintable(trace.error()));
        outputs.push_back(logits.cast<double>());
    }
    ATTNLAB_COMPARE_MATRIX(outputs[1], outputs[0], 0.0);
    ATTNLAB_COMPARE_MATRIX(outputs[2], outputs[0], 0.0);
}

void TestBertModel::rejectsBadTensors_data()
{
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<qint64>("badSize"); // new last dimension; 0: remove the tensor
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("key bias missing")
        << "bert.encoder.layer.1.attention.self.key.bias" << qint64(0)
        << QStringList{"bert.encoder.layer.1.attention.self.key.bias", "missing", "(8)"};
    QTest::newRow("intermediate too narrow")
        << "bert.encoder.layer.0.intermediate.dense.weight" << qint64(7)
        << QStringList{"bert.encoder.layer.0.intermediate.dense.weight", "(12, 7)", "(12, 8)"};
    QTest::newRow("token types wrong") << "bert.embeddings.token_type_embeddings.weight" << qint64(9)
                                       << QStringList{"token_type_embeddings", "(2, 9)", "(2, 8)"};
    QTest::newRow("embedding LayerNorm missing")
        << "bert.embeddings.LayerNorm.weight" << qint64(0)
        << QStringList{"bert.embeddings.LayerNorm.weight", "missing"};
    QTest::newRow("MLM bias wrong") << "cls.predictions.bias" << qint64(12)
                                    << QStringList{"cls.predictions.bias", "(12)", "(13)"};
}

void TestBertModel::rejectsBadTensors()
{
    QFETCH(QString, tensor);
    QFETCH(qint64, badSize);
    QFETCH(QStringList, expected);
    const Dims n;
    QTemporaryDir dir;
    TensorMap file = saved(randomBert(n, Variant{}, 3), Variant{});
    QVERIFY(file.count(tensor));
    if (badSize == 0) {
        file.erase(tensor);
    } else {
        Tensor& t = file[tensor];
        t.shape.back() = badSize;
        t.data.resize(size_t(t.shape.size() == 2 ? t.shape[0] * badSize : badSize));
    }
    QVERIFY(attnlab::test::writeCheckpoint(dir.path(), configJson(n, Variant{}), file));
    auto model = LanguageModel::load(dir.path());
    QVERIFY(!model);
    expected << QStringLiteral("model.safetensors");
    for (const QString& part : expected)
        QVERIFY2(model.error().contains(part), qPrintable(model.error() + " lacks " + part));
}

void TestBertModel::rejectsBadInput()
{
    const Dims n;
    QTemporaryDir dir;
    QVERIFY(attnlab::test::writeCheckpoint(dir.path(), configJson(n, Variant{}),
                                           saved(randomBert(n, {}, 4), {})));
    auto model = BertModel::load(dir.path());
    QVERIFY2(model, qPrintable(model.error()));
    QVERIFY(!(*model)->run({}, {}));
    auto tooLong = (*model)->run(std::vector<int>(17, 1), {});
    QVERIFY(!tooLong);
    QVERIFY2(tooLong.error().contains(QLatin1String("17")), qPrintable(tooLong.error()));
    auto outside = (*model)->run({1, 13}, {});
    QVERIFY(!outside);
    QVERIFY2(outside.error().contains(QLatin1String("vocabulary")), qPrintable(outside.error()));

    QTemporaryDir gpt;
    QVERIFY(attnlab::test::writeCheckpoint(gpt.path(), R"({"model_type": "gpt2", "n_embd": 8, "n_layer": 1,
        "n_head": 2, "n_positions": 4, "vocab_size": 5})",
                                           {}));
    auto wrongType = BertModel::load(gpt.path());
    QVERIFY(!wrongType);
    QVERIFY2(wrongType.error().contains(QLatin1String("bert")), qPrintable(wrongType.error()));
}

// "Hello world!" through the real bert-base-uncased vocabulary, then through a narrow model of its size.
void TestBertModel::runsBertBaseUncasedIds()
{
    const QString path = attnlab::test::sharedDir() + QStringLiteral("/tokenizers/bert-base-uncased");
    if (!QFileInfo::exists(path))
        QSKIP(qPrintable("shared tokenizers not found at " + path + " (set ATTNLAB_SHARED)"));
    auto tokenizer = Tokenizer::load(path);
    QVERIFY2(tokenizer, qPrintable(tokenizer.error()));
    const Encoding e = (*tokenizer)->encode(QStringLiteral("Hello world!"));
    QCOMPARE(e.ids, (std::vector<int>{101, 7592, 2088, 999, 102}));

    Dims n;
    n.d = 4;
    n.layers = 1;
    n.ff = 8;
    n.vocab = 30522;
    n.positions = 8;
    const Variant v;
    QTemporaryDir dir;
    const TensorMap w = randomBert(n, v, 9);
    QVERIFY(attnlab::test::writeCheckpoint(dir.path(), configJson(n, v), saved(w, v)));
    auto model = LanguageModel::load(dir.path());
    QVERIFY2(model, qPrintable(model.error()));
    MatrixF logits;
    auto trace = (*model)->run(e.ids, e.tokens, &logits);
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(trace->tokens, (QStringList{"[CLS]", "hello", "world", "!", "[SEP]"}));
    compareToReference(*trace, logits, referenceForward(w, n, v, e.ids), n);
}

ATTNLAB_TEST_APPLESS_MAIN(TestBertModel)
} // namespace tst_bert_model
#include "tst_bert_model.moc"
