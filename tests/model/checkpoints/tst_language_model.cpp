// Tests model/checkpoints/language_model.cpp: LanguageModel::run around an architecture's forward() and
// LanguageModel::load's dispatch. run() is seen through a model whose forward() only records what it was
// handed (FakeModel below), so that every number comes from run() itself: the token checks and their
// messages, the started trace, the layer limit, the cancel flag and the predictions from known logits. A tiny
// Llama written by the test (tiny_llama.h) checks the same through a real forward, and load()'s answers for
// folders and files that are not checkpoints.

#include "model/checkpoints/language_model.h"
#include "model/checkpoints/llama_model.h"
#include "model/checkpoints/tiny_llama.h"
#include "model/core/cancellation.h"
#include "test_support.h"
#include "test_registry.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <initializer_list>

namespace tst_language_model {

using namespace attnlab::model;

namespace {

constexpr int kVocab = 7;

// 3 layers, 2 heads of 4 features (scale 1/√4 = 1/2), 7 tokens, at most 4 positions.
ModelConfig fakeConfig(int maxPositions = 4)
{
    ModelConfig c;
    c.architecture = QStringLiteral("fake");
    c.layers = 3;
    c.heads = c.kvHeads = 2;
    c.dModel = 8;
    c.dFf = 16;
    c.vocab = kVocab;
    c.maxPositions = maxPositions;
    return c;
}

// Position t's logit for id i is ln(((i + t) mod 7) + 1): its softmax is ((i + t) mod 7 + 1)/28, so the top
// five are the ids with (i + t) mod 7 = 6, 5, 4, 3, 2, with 7/28 … 3/28.
MatrixF fakeLogits(int T)
{
    MatrixF logits(T, kVocab);
    for (int t = 0; t < T; ++t)
        for (int i = 0; i < kVocab; ++i)
            logits(t, i) = float(std::log(double((i + t) % kVocab + 1)));
    return logits;
}

// A LanguageModel whose forward() computes nothing: it records what run() handed it, asks to stop before each
// layer as the real forwards do, adds one empty LayerTrace per layer, and writes fakeLogits when asked for
// logits and it has a head.
class FakeModel : public LanguageModel {
public:
    struct Seen {
        int calls = 0;
        int layers = 0;           // pass.layers
        int layersRun = 0;        // layers begun before a stop
        bool logitsAsked = false; // pass.wantsHead
        Trace trace;              // pass.trace as forward() received it
        BoolMatrix allowed;
    };

    FakeModel(const QString& path, const ModelConfig& config, bool causal = true, bool head = true)
        : m_causal(causal), m_head(head)
    {
        setIdentity(path, config);
    }

    bool causal() const override { return m_causal; }
    PositionalKind positionalKind() const override { return PositionalKind::Learned; }

    // forward() sets *flag while it computes layer `layer`, as the Stop button would from another thread.
    void raiseDuringLayer(std::atomic<bool>* flag, int layer)
    {
        m_raise = flag;
        m_raiseLayer = layer;
    }

    mutable Seen seen;

protected:
    void forward(ForwardPass& pass) const override
    {
        ++seen.calls;
        seen.layers = pass.layers;
        seen.logitsAsked = pass.wantsHead;
        seen.trace = pass.trace;
        seen.allowed = pass.allowed;
        seen.layersRun = 0;
        for (int l = 0; l < pass.layers; ++l) {
            if (pass.stopRequested()) return;
            ++seen.layersRun;
            pass.trace.layers.emplace_back();
            if (m_raise && l == m_raiseLayer) m_raise->store(true);
        }
        const Eigen::Index T = Eigen::Index(pass.ids.size());
        pass.trace.output = Matrix::Zero(T, m_config.dModel);
        // hidden = the fake logits, unembedding = the identity: logits = hidden · Iᵀ.
        if (pass.wantsHead && m_head) pass.setHead(fakeLogits(int(T)), WeightView(m_identity.data(), kVocab, kVocab));
    }
    // The fake has no final norm; its logits are made up, not read from a stream.
    std::optional<ForwardPass::Head> outputHead(const MatrixF&) const override { return std::nullopt; }

private:
    const MatrixF m_identity = MatrixF::Identity(kVocab, kVocab);
    bool m_causal;
    bool m_head;
    std::atomic<bool>* m_raise = nullptr;
    int m_raiseLayer = -1;
};

// The name setIdentity gives a path that is not a folder: its file name without the last suffix.
const QString kFakePath = QStringLiteral("/nonexistent/fake-model");

std::vector<int> idsOf(const Prediction& p)
{
    std::vector<int> ids;
    for (const auto& [id, probability] : p.top)
        ids.push_back(id);
    return ids;
}

BoolMatrix lowerTriangle(int n)
{
    BoolMatrix m(n, n);
    for (int t = 0; t < n; ++t)
        for (int s = 0; s < n; ++s)
            m(t, s) = s <= t;
    return m;
}

} // namespace

class TestLanguageModel : public QObject {
    Q_OBJECT

private slots:
    void refusesTokens_data();
    void refusesTokens();
    void acceptsTheLimits();
    void startsTheTrace_data();
    void startsTheTrace();
    void layersLimitTheRun_data();
    void layersLimitTheRun();
    void predictionsFromTheLogits_data();
    void predictionsFromTheLogits();
    void stopsWhenCancelled();
    void tinyLlamaThroughLoad();
    void loadRefuses_data();
    void loadRefuses();
};

void TestLanguageModel::refusesTokens_data()
{
    QTest::addColumn<std::vector<int>>("ids");
    QTest::addColumn<QStringList>("tokens");
    QTest::addColumn<QString>("message");
    // Every message starts with the model's name; the checks come in this order.
    QTest::newRow("no tokens") << std::vector<int>{} << QStringList{} << "fake-model: no tokens to run";
    QTest::newRow("no tokens, one text")
        << std::vector<int>{} << QStringList{"a"} << "fake-model: no tokens to run";
    QTest::newRow("5 tokens, 4 positions") << std::vector<int>{0, 1, 2, 3, 4} << QStringList{}
                                           << "fake-model: 5 tokens, but the model takes at most 4";
    QTest::newRow("5 tokens, 4 positions, an id outside")
        << std::vector<int>{0, 1, 2, 3, 99} << QStringList{}
        << "fake-model: 5 tokens, but the model takes at most 4";
    QTest::newRow("id 7 of a vocabulary of 7")
        << std::vector<int>{0, 7} << QStringList{}
        << "fake-model: token id 7 at position 1 is outside the vocabulary (0 to 6)";
    QTest::newRow("id -1") << std::vector<int>{-1, 3} << QStringList{}
                           << "fake-model: token id -1 at position 0 is outside the vocabulary (0 to 6)";
    QTest::newRow("the first id outside is named")
        << std::vector<int>{2, 8, -4} << QStringList{"a", "b"}
        << "fake-model: token id 8 at position 1 is outside the vocabulary (0 to 6)";
    QTest::newRow("2 texts for 3 ids")
        << std::vector<int>{1, 2, 3} << QStringList{"a", "b"} << "fake-model: 2 token texts for 3 token ids";
    QTest::newRow("4 texts for 3 ids") << std::vector<int>{1, 2, 3} << QStringList{"a", "b", "c", "d"}
                                       << "fake-model: 4 token texts for 3 token ids";
}

// A refused input never reaches forward().
void TestLanguageModel::refusesTokens()
{
    QFETCH(std::vector<int>, ids);
    QFETCH(QStringList, tokens);
    QFETCH(QString, message);
    const FakeModel model(kFakePath, fakeConfig());
    QCOMPARE(model.name(), QStringLiteral("fake-model"));
    MatrixF logits = MatrixF::Ones(2, 2);
    const Result<Trace> trace = model.run(ids, tokens, &logits);
    QVERIFY(!trace);
    QCOMPARE(trace.error(), message);
    QCOMPARE(model.seen.calls, 0);
    ATTNLAB_COMPARE_MATRIX(Matrix(logits.cast<double>()), Matrix::Ones(2, 2), 0.0); // left as it was
}

// Ids 0 and vocab − 1, exactly maxPositions tokens; and with maxPositions 0 (no limit) any number of tokens.
void TestLanguageModel::acceptsTheLimits()
{
    const FakeModel model(kFakePath, fakeConfig());
    const Result<Trace> edges = model.run({0, 6, 6, 0}, {});
    QVERIFY2(edges, qPrintable(edges.error()));
    QCOMPARE(model.seen.calls, 1);

    const FakeModel unlimited(kFakePath, fakeConfig(0));
    const Result<Trace> many = unlimited.run(std::vector<int>(50, 3), {});
    QVERIFY2(many, qPrintable(many.error()));
    QCOMPARE(many->positions.size(), size_t(50));
}

void TestLanguageModel::startsTheTrace_data()
{
    QTest::addColumn<bool>("causal");
    QTest::addColumn<QStringList>("tokens");
    QTest::addColumn<QStringList>("expectedTokens");
    // Without texts the ids are shown.
    QTest::newRow("decoder, no texts") << true << QStringList{} << QStringList{"4", "0", "6"};
    QTest::newRow("decoder, texts") << true << QStringList{"the", " cat", " sat"}
                                    << QStringList{"the", " cat", " sat"};
    QTest::newRow("encoder, no texts") << false << QStringList{} << QStringList{"4", "0", "6"};
}

// The trace forward() receives is already started, and run() returns it with forward()'s layers.
void TestLanguageModel::startsTheTrace()
{
    QFETCH(bool, causal);
    QFETCH(QStringList, tokens);
    QFETCH(QStringList, expectedTokens);
    const FakeModel model(kFakePath, fakeConfig(), causal);
    const Result<Trace> trace = model.run({4, 0, 6}, tokens);
    QVERIFY2(trace, qPrintable(trace.error()));
    for (const Trace* t : std::initializer_list<const Trace*>{&model.seen.trace, &trace.value()}) {
        QCOMPARE(t->modelName, QStringLiteral("fake-model"));
        QCOMPARE(t->source, TraceSource::Checkpoint);
        QVERIFY(t->trained);
        QVERIFY(!t->exact);
        QCOMPARE(t->tokenIds, (std::vector<int>{4, 0, 6}));
        QCOMPARE(t->positions, (std::vector<int>{0, 1, 2}));
        QCOMPARE(t->tokens, expectedTokens);
        QVERIFY(t->memoryTokens.isEmpty());
        // d_model 8 over 2 heads: 1/√4.
        QCOMPARE(t->scale, 0.5);
        QVERIFY(t->scaling == Scaling{});
        QVERIFY(t->mask == (causal ? MaskSpec::causal() : MaskSpec::none()));
        QVERIFY(t->expOverrides.empty());
    }
    QVERIFY(model.seen.trace.layers.empty());
    QCOMPARE(trace->layers.size(), size_t(3));
    // The mask forward() attends with: keys up to the query for a decoder, every key for an encoder.
    QVERIFY(model.seen.allowed == (causal ? lowerTriangle(3) : BoolMatrix(BoolMatrix::Constant(3, 3, true))));
    QVERIFY(trace->warnings.isEmpty());
}

void TestLanguageModel::layersLimitTheRun_data()
{
    QTest::addColumn<int>("asked");
    QTest::addColumn<int>("ran");
    QTest::addColumn<QString>("warning");
    const QString all;
    QTest::newRow("0: all") << 0 << 3 << all;
    QTest::newRow("-1: all") << -1 << 3 << all;
    QTest::newRow("3 of 3") << 3 << 3 << all;
    QTest::newRow("10 of 3: all") << 10 << 3 << all;
    QTest::newRow("1 of 3") << 1 << 1 << "Showing the first 1 of 3 layers; the predictions need every layer.";
    QTest::newRow("2 of 3") << 2 << 2 << "Showing the first 2 of 3 layers; the predictions need every layer.";
}

// Fewer layers than the model has: forward() runs that many, is given no logits to fill (the head needs the
// last layer), and the trace says so instead of predicting; the caller's logits are emptied.
void TestLanguageModel::layersLimitTheRun()
{
    QFETCH(int, asked);
    QFETCH(int, ran);
    QFETCH(QString, warning);
    const FakeModel model(kFakePath, fakeConfig());
    MatrixF logits = MatrixF::Ones(2, 2); // what a previous run left
    RunProgress progress;
    progress.layer = 99; // what an earlier run left
    const Result<Trace> trace = model.run({1, 2}, {}, &logits, nullptr, asked, &progress);
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(model.seen.layers, ran);
    // The progress counted every layer that ran, of the layers that were to run.
    QCOMPARE(progress.layer.load(), ran);
    QCOMPARE(progress.layers.load(), ran);
    QCOMPARE(trace->layers.size(), size_t(ran));
    const bool all = ran == 3;
    QCOMPARE(model.seen.logitsAsked, all);
    QCOMPARE(trace->warnings, all ? QStringList{} : QStringList{warning});
    QCOMPARE(trace->predictions.size(), all ? size_t(2) : size_t(0));
    QCOMPARE(logits.rows(), all ? Eigen::Index(2) : Eigen::Index(0));
}

void TestLanguageModel::predictionsFromTheLogits_data()
{
    QTest::addColumn<bool>("causal");
    QTest::addColumn<bool>("head");
    QTest::newRow("decoder") << true << true;
    QTest::newRow("encoder with an MLM head") << false << true;
    QTest::newRow("encoder without a head") << false << false;
}

// A full run turns forward()'s logits into the top five per position (fakeLogits: at position t the ids
// (6 − t) mod 7, (5 − t) mod 7, … with 7/28, 6/28, 5/28, 4/28, 3/28) and hands the logits to the caller.
// A decoder predicts the next token, an encoder's head the token at the position; without a head, nothing.
void TestLanguageModel::predictionsFromTheLogits()
{
    QFETCH(bool, causal);
    QFETCH(bool, head);
    const FakeModel model(kFakePath, fakeConfig(), causal, head);
    MatrixF logits;
    const Result<Trace> trace = model.run({5, 5, 5}, {}, &logits);
    QVERIFY2(trace, qPrintable(trace.error()));
    QVERIFY(model.seen.logitsAsked);
    QVERIFY(trace->warnings.isEmpty());
    if (!head) {
        QVERIFY(trace->predictions.empty());
        QCOMPARE(logits.size(), Eigen::Index(0));
        return;
    }
    ATTNLAB_COMPARE_MATRIX(Matrix(logits.cast<double>()), Matrix(fakeLogits(3).cast<double>()), 0.0);
    QCOMPARE(trace->predictsNextToken, causal);
    QCOMPARE(trace->predictions.size(), size_t(3));
    for (int t = 0; t < 3; ++t) {
        const Prediction& p = trace->predictions[size_t(t)];
        QCOMPARE(p.position, t);
        std::vector<int> expected;
        for (int rank = 0; rank < 5; ++rank)
            expected.push_back(((6 - rank - t) % kVocab + kVocab) % kVocab);
        QCOMPARE(idsOf(p), expected);
        for (int rank = 0; rank < 5; ++rank)
            QVERIFY(std::abs(p.top[size_t(rank)].second - (7 - rank) / 28.0) < 1e-6);
    }
    // Without a place for them the logits are not handed out, and the predictions are the same.
    const Result<Trace> again = model.run({5, 5, 5}, {});
    QVERIFY2(again, qPrintable(again.error()));
    QCOMPARE(again->predictions.size(), size_t(3));
}

// forward() asks before each layer; once the flag is up it returns and run() fails with cancelledMessage().
void TestLanguageModel::stopsWhenCancelled()
{
    const FakeModel model(kFakePath, fakeConfig());
    // No flag, or a flag that stays down: every layer.
    std::atomic<bool> flag{false};
    QVERIFY(model.run({1, 2}, {}, nullptr, nullptr));
    QCOMPARE(model.seen.layersRun, 3);
    QVERIFY(model.run({1, 2}, {}, nullptr, &flag));
    QCOMPARE(model.seen.layersRun, 3);

    // Up before the run: no layer.
    flag = true;
    MatrixF logits = MatrixF::Ones(2, 2);
    Result<Trace> stopped = model.run({1, 2}, {}, &logits, &flag);
    QVERIFY(!stopped);
    QCOMPARE(stopped.error(), cancelledMessage());
    QCOMPARE(stopped.error(), QStringLiteral("stopped before the end"));
    QCOMPARE(model.seen.layersRun, 0);
    ATTNLAB_COMPARE_MATRIX(Matrix(logits.cast<double>()), Matrix::Ones(2, 2),
                           0.0); // a failed run hands out nothing

    // Raised during the second layer (index 1): that layer ends, the third never starts; the progress stays at
    // layer 2 of 3.
    FakeModel raised(kFakePath, fakeConfig());
    flag = false;
    raised.raiseDuringLayer(&flag, 1);
    RunProgress progress;
    stopped = raised.run({1, 2}, {}, nullptr, &flag, 0, &progress);
    QVERIFY(!stopped);
    QCOMPARE(stopped.error(), cancelledMessage());
    QCOMPARE(raised.seen.layersRun, 2);
    QCOMPARE(progress.layer.load(), 2);
    QCOMPARE(progress.layers.load(), 3);
}

// A real forward through the same run(): a tiny Llama loaded by LanguageModel::load from a folder path with
// "..", "." and a trailing slash, named after the folder, with its texts, its layer limit and the cancel
// flag.
void TestLanguageModel::tinyLlamaThroughLoad()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    attnlab::test::TinyLlama spec; // 2 layers, 4 heads of 4 features, vocabulary 11, 16 positions
    attnlab::test::writeHfLlama(dir.filePath(QStringLiteral("tiny-llama")),
                                attnlab::test::randomLlama(spec, 3));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("other")));
    const auto loaded = LanguageModel::load(dir.path() + QStringLiteral("/other/.././tiny-llama/"));
    QVERIFY2(loaded, qPrintable(loaded.error()));
    const LanguageModel& model = **loaded;
    QVERIFY(dynamic_cast<const LlamaModel*>(&model));
    QCOMPARE(model.name(), QStringLiteral("tiny-llama"));
    QCOMPARE(model.path(), QDir(dir.path()).absoluteFilePath(QStringLiteral("tiny-llama")));

    MatrixF logits;
    const Result<Trace> trace = model.run({1, 10, 0}, {"a", "b", "c"}, &logits);
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(trace->modelName, QStringLiteral("tiny-llama"));
    QCOMPARE(trace->tokens, (QStringList{"a", "b", "c"}));
    QCOMPARE(trace->positions, (std::vector<int>{0, 1, 2}));
    QCOMPARE(trace->layers.size(), size_t(2));
    QCOMPARE(trace->layers[0].heads.size(), size_t(4));
    QCOMPARE(trace->scale, 0.5); // 1/√(16/4)
    QVERIFY(trace->mask == MaskSpec::causal());
    QCOMPARE(logits.rows(), Eigen::Index(3));
    QCOMPARE(logits.cols(), Eigen::Index(11));
    QCOMPARE(trace->predictions.size(), size_t(3));

    const Result<Trace> first = model.run({1, 10, 0}, {}, nullptr, nullptr, 1);
    QVERIFY2(first, qPrintable(first.error()));
    QCOMPARE(first->layers.size(), size_t(1));
    QVERIFY(first->predictions.empty());
    QCOMPARE(first->warnings, QStringList{QStringLiteral(
                                  "Showing the first 1 of 2 layers; the predictions need every layer.")});

    const std::atomic<bool> cancelled{true};
    const Result<Trace> stopped = model.run({1, 10, 0}, {}, nullptr, &cancelled);
    QVERIFY(!stopped);
    QCOMPARE(stopped.error(), cancelledMessage());

    const Result<Trace> outside = model.run({1, 11}, {});
    QVERIFY(!outside);
    QCOMPARE(outside.error(),
             QStringLiteral("tiny-llama: token id 11 at position 1 is outside the vocabulary (0 to 10)"));
    const Result<Trace> tooLong = model.run(std::vector<int>(17, 1), {});
    QVERIFY(!tooLong);
    QCOMPARE(tooLong.error(), QStringLiteral("tiny-llama: 17 tokens, but the model takes at most 16"));

    // A llama2.c file is named without its last suffix.
    const QString bin = dir.filePath(QStringLiteral("tiny.v2.bin"));
    attnlab::test::writeFile(bin, attnlab::test::llama2cBytes(attnlab::test::randomLlama(spec, 3)));
    const auto fromBin = LanguageModel::load(bin);
    QVERIFY2(fromBin, qPrintable(fromBin.error()));
    QCOMPARE((*fromBin)->name(), QStringLiteral("tiny.v2"));
    QCOMPARE((*fromBin)->path(), bin);
}

void TestLanguageModel::loadRefuses_data()
{
    QTest::addColumn<QString>("file");     // created in the temporary folder ("" = nothing)
    QTest::addColumn<QByteArray>("bytes"); // its contents; for "folder/config.json" the folder is loaded
    QTest::addColumn<QString>("load");     // the path given to load, relative to the temporary folder
    QTest::addColumn<QString>("message");  // %1 = the absolute path of load
    const auto pickle = [](const QString& name) {
        return QStringLiteral("%1: ") + name +
               QStringLiteral(
                   " is a PyTorch pickle, which AttnLab never opens because loading one can run code: "
                   "save the model as safetensors");
    };
    QTest::newRow("nothing there") << "" << QByteArray() << "missing"
                                   << "%1: no such file or folder";
    QTest::newRow("a text file")
        << "notes.txt" << QByteArray("hello") << "notes.txt"
        << "%1: expected a model folder with config.json and model.safetensors, or a "
           "llama2.c .bin checkpoint";
    QTest::newRow("pytorch_model.bin") << "pytorch_model.bin" << QByteArray("not read") << "pytorch_model.bin"
                                       << pickle("pytorch_model.bin");
    QTest::newRow("weights.pt") << "weights.pt" << QByteArray("not read") << "weights.pt"
                                << pickle("weights.pt");
    // torch.save's zip archive under any name, .bin included, is refused before llama2.c reads it.
    QTest::newRow("a zip named model.bin")
        << "model.bin" << QByteArray("PK\x03\x04rest", 8) << "model.bin" << pickle("model.bin");
    QTest::newRow("a folder without config.json") << "empty/readme.md" << QByteArray("x") << "empty"
                                                  << "%1/config.json: cannot read";
    QTest::newRow("an architecture AttnLab does not run")
        << "mamba/config.json" << QByteArray(R"({"model_type": "mamba"})") << "mamba"
        << "%1/config.json: model_type \"mamba\" is not supported (gpt2, gpt_neox, bert, roberta, distilbert, llama, mistral, qwen2, qwen3, gemma3_text)";
    QTest::newRow("a .bin too short for llama2.c's header") << "short.bin" << QByteArray("abc") << "short.bin"
                                                            << "%1: ";
}

// Each message starts with (or is) the path given, then says what is wrong.
void TestLanguageModel::loadRefuses()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, load);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (!file.isEmpty()) {
        QVERIFY(QDir(dir.path()).mkpath(QFileInfo(dir.filePath(file)).path()));
        attnlab::test::writeFile(dir.filePath(file), bytes);
    }
    const QString path = dir.filePath(load);
    const auto model = LanguageModel::load(path);
    QVERIFY(!model);
    const QString expected = message.arg(path);
    QVERIFY2(model.error().startsWith(expected), qPrintable(model.error() + "\nexpected: " + expected));
}

ATTNLAB_TEST_APPLESS_MAIN(TestLanguageModel)
} // namespace tst_language_model
#include "tst_language_model.moc"
