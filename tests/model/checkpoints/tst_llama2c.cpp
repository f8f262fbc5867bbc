// Tests model/checkpoints/llama2c_checkpoint.cpp and llama2c_tokenizer.cpp: a tiny random Llama written as run.c's
// .bin against the forward in double of tiny_llama.h with interleaved RoPE; the trained aidreams260K .bin
// against its Hugging Face copy (same predictions, same attention); tok512.bin against tokenizer.json;
// run.c's encode() on a vocabulary made here with hand-derived merges; and every rejection, by file and
// problem.

#include "model/checkpoints/language_model.h"
#include "model/checkpoints/llama2c_checkpoint.h"
#include "model/tokenizers/llama2c_tokenizer.h"
#include "test_support.h"
#include "model/checkpoints/tiny_llama.h"
#include "test_registry.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstdint>

namespace tst_llama2c {

using namespace attnlab::model;
using attnlab::test::sharedDir;
using attnlab::test::TinyLlama;

namespace {

QString aidreamsDir()
{
    return sharedDir() + QStringLiteral("/models/aidreams260K");
}

// A tokenizer.bin: max_token_length, then (score, length, bytes) per token.
QByteArray tokenizerBytes(qint32 maxLength, const std::vector<std::pair<float, QByteArray>>& tokens)
{
    QByteArray out;
    attnlab::test::appendInt(out, maxLength);
    for (const auto& [score, piece] : tokens) {
        attnlab::test::appendFloats(out, {score});
        attnlab::test::appendInt(out, qint32(piece.size()));
        out += piece;
    }
    return out;
}

// <unk>, <s>, </s>, the 256 byte tokens (ids 0..258), then a few pieces with hand-picked scores.
std::vector<std::pair<float, QByteArray>> handVocabulary()
{
    std::vector<std::pair<float, QByteArray>> v{{0.0f, "<unk>"}, {0.0f, "\n<s>\n"}, {0.0f, "\n</s>\n"}};
    for (int b = 0; b < 256; ++b)
        v.emplace_back(0.0f, QStringLiteral("<0x%1>")
                                 .arg(QString::number(b, 16).toUpper().rightJustified(2, QLatin1Char('0')))
                                 .toLatin1());
    for (const auto& [score, piece] : std::vector<std::pair<float, QByteArray>>{
             {-1, " "}, {-1, "a"}, {-1, "b"}, {-1, "c"}, {-5, "ab"}, {-2, "bc"}, {-3, " a"}, {-4, "abc"}})
        v.emplace_back(score, piece); // ids 259 " ", 260 a, 261 b, 262 c, 263 ab, 264 bc, 265 " a", 266 abc
    return v;
}

void setInt(QByteArray& bytes, qsizetype at, qint32 v)
{
    qToLittleEndian<qint32>(v, bytes.data() + at);
}

} // namespace

class TestLlama2c : public QObject {
    Q_OBJECT

private slots:
    void matchesLoopReference_data();
    void matchesLoopReference();
    void aidreamsBinMatchesHuggingFaceCopy();
    void tok512MatchesTokenizerJson_data();
    void tok512MatchesTokenizerJson();
    void encodeFollowsRunC_data();
    void encodeFollowsRunC();
    void findsTokenizerBeside();
    void rejectsBadCheckpoints_data();
    void rejectsBadCheckpoints();
    void rejectsNonFiniteWeights();
    void rejectsBadTokenizers_data();
    void rejectsBadTokenizers();
};

void TestLlama2c::matchesLoopReference_data()
{
    QTest::addColumn<bool>("tied");
    QTest::newRow("shared classifier") << true;
    QTest::newRow("separate wcls") << false;
}

void TestLlama2c::matchesLoopReference()
{
    QFETCH(bool, tied);
    TinyLlama spec;
    spec.tied = tied;
    const TinyLlama m = attnlab::test::randomLlama(spec, tied ? 21u : 22u);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("tiny.bin"));
    attnlab::test::writeFile(path, attnlab::test::llama2cBytes(m));
    auto loaded = LanguageModel::load(path);
    QVERIFY2(loaded, qPrintable(loaded.error()));
    const auto* model = dynamic_cast<const LlamaModel*>(loaded->get());
    QVERIFY(model);
    QCOMPARE(model->ropeLayout(), RopeLayout::Interleaved);
    QCOMPARE(model->name(), QStringLiteral("tiny"));
    QCOMPARE(model->config().kvHeads, 2);
    QCOMPARE(model->config().tiedEmbeddings, tied);

    const std::vector<int> ids{1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 10, 0};
    MatrixF logits;
    auto trace = model->run(ids, {}, &logits);
    QVERIFY2(trace, qPrintable(trace.error()));
    const auto ref = attnlab::test::llamaReference(m, ids, true);
    for (int l = 0; l < m.layers; ++l)
        for (int h = 0; h < m.heads; ++h) {
            ATTNLAB_COMPARE_MATRIX(trace->layers[size_t(l)].heads[size_t(h)].weights.toDouble(),
                                   ref.weights[size_t(l)][size_t(h)], 1e-4);
            ATTNLAB_COMPARE_MATRIX(trace->layers[size_t(l)].heads[size_t(h)].q.toDouble(), ref.q[size_t(l)][size_t(h)],
                                   1e-4);
        }
    ATTNLAB_COMPARE_MATRIX(Matrix(logits.cast<double>()), ref.logits, 1e-4);
    // The pairing matters: the rotate-half reference of the same weights differs.
    const auto other = attnlab::test::llamaReference(m, ids, false);
    QVERIFY((other.logits - ref.logits).cwiseAbs().maxCoeff() > 1e-3);
}

// The same trained weights in both layouts: the Hugging Face export permuted q_proj and k_proj rows so that
// rotate-half there equals interleaved here. Scores, attention and logits agree.
void TestLlama2c::aidreamsBinMatchesHuggingFaceCopy()
{
    const QString bin = aidreamsDir() + QStringLiteral("/llama2c/aidreams260K.bin");
    if (!QFileInfo::exists(bin) || !QFileInfo::exists(aidreamsDir() + QStringLiteral("/model.safetensors")))
        QSKIP(qPrintable("shared test models not found at " + sharedDir() +
                         " (set ATTNLAB_SHARED); this test needs models/aidreams260K"));
    auto fromBin = LanguageModel::load(bin);
    QVERIFY2(fromBin, qPrintable(fromBin.error()));
    auto fromHf = LanguageModel::load(aidreamsDir());
    QVERIFY2(fromHf, qPrintable(fromHf.error()));
    QCOMPARE((*fromBin)->parameterCount(), (*fromHf)->parameterCount());
    QCOMPARE((*fromBin)->config().maxPositions, 128);

    auto tokenizer = Tokenizer::load(llama2cTokenizerBeside(bin));
    QVERIFY2(tokenizer, qPrintable(tokenizer.error()));
    for (const QString& text : {QStringLiteral("Echoes of vectors unfold, a gentle hum of precision"),
                                QStringLiteral("The machine dreams of light.\nIt wakes.")}) {
        const std::vector<int> ids = (*tokenizer)->encode(text).ids;
        MatrixF a, b;
        auto ta = (*fromBin)->run(ids, {}, &a);
        auto tb = (*fromHf)->run(ids, {}, &b);
        QVERIFY2(ta && tb, qPrintable(ta.error() + tb.error()));
        const float logitDiff = (a - b).cwiseAbs().maxCoeff();
        qInfo("%zu tokens: max |logit difference| .bin vs Hugging Face = %g", ids.size(), double(logitDiff));
        QVERIFY2(logitDiff < 1e-3, qPrintable(QString::number(logitDiff)));
        for (size_t t = 0; t < ids.size(); ++t)
            QCOMPARE(ta->predictions[t].top.front().first, tb->predictions[t].top.front().first);
        for (size_t l = 0; l < ta->layers.size(); ++l)
            for (size_t h = 0; h < ta->layers[l].heads.size(); ++h)
                ATTNLAB_COMPARE_MATRIX(ta->layers[l].heads[h].weights.toDouble(), tb->layers[l].heads[h].weights.toDouble(), 1e-4);
    }

    // The llama2.c pair alone, as run.c would: greedy from <s>, decoded with tok512.bin.
    std::vector<int> ids{1};
    for (int step = 0; step < 20; ++step) {
        auto trace = (*fromBin)->run(ids, {});
        QVERIFY2(trace, qPrintable(trace.error()));
        ids.push_back(trace->predictions.back().top.front().first);
    }
    QStringList pieces;
    for (size_t i = 1; i < ids.size(); ++i)
        pieces << (*tokenizer)->tokenText(ids[i]);
    const QString text = sentencePieceText(pieces).trimmed();
    QVERIFY2(text.startsWith(QLatin1String("\"Echoes of vectors unfold, a gentle hum of precision")),
             qPrintable(text));
}

void TestLlama2c::tok512MatchesTokenizerJson_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("first line") << QStringLiteral("Echoes of vectors unfold");
    QTest::newRow("newline and punctuation")
        << QStringLiteral("Hello world.\nA second line, with 42 numbers!");
    QTest::newRow("double spaces") << QStringLiteral("two  spaces and a tab\there");
    QTest::newRow("leading space") << QStringLiteral(" dreams");
    QTest::newRow("non-ascii") << QStringLiteral("café 得意");
    QTest::newRow("long text")
        << QStringLiteral("Echoes of vectors unfold, a gentle hum of precision.\n").repeated(60);
}

// Both run SentencePiece's BPE: run.c merges by piece score, Hugging Face by merge rank, which the export
// derived from the same scores; the dummy prefix is a " " token in one and a prepended "▁" in the other.
void TestLlama2c::tok512MatchesTokenizerJson()
{
    QFETCH(QString, text);
    const QString binPath = aidreamsDir() + QStringLiteral("/llama2c/tok512.bin");
    if (!QFileInfo::exists(binPath))
        QSKIP(qPrintable("shared test models not found at " + sharedDir() + " (set ATTNLAB_SHARED)"));
    auto bin = Tokenizer::load(binPath);
    QVERIFY2(bin, qPrintable(bin.error()));
    auto json = Tokenizer::load(aidreamsDir() + QStringLiteral("/tokenizer.json"));
    QVERIFY2(json, qPrintable(json.error()));
    QCOMPARE((*bin)->vocabSize(), 512);
    const Encoding a = (*bin)->encode(text);
    const Encoding b = (*json)->encode(text);
    QCOMPARE(a.ids, b.ids);
    QCOMPARE(a.tokens, b.tokens);
    QCOMPARE(sentencePieceText(a.tokens.mid(1)), QLatin1Char(' ') + text);
}

void TestLlama2c::encodeFollowsRunC_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("ids");
    // " a b c": bc (−2) first, then " a" (−3) beats "abc" (−4); " abc" is no piece.
    QTest::newRow("best score first") << QStringLiteral("abc") << QList<int>{1, 265, 264};
    // "ab" (−5) is the only pair left after " a" (−3) is taken: " a" + "b" is no piece.
    QTest::newRow("merged prefix blocks ab") << QStringLiteral("ab") << QList<int>{1, 265, 261};
    // é = C3 A9 is no piece: its bytes + 3.
    QTest::newRow("byte fallback") << QStringLiteral("é") << QList<int>{1, 259, 0xC3 + 3, 0xA9 + 3};
    QTest::newRow("4-byte code point")
        << QStringLiteral("😀") << QList<int>{1, 259, 0xF0 + 3, 0x9F + 3, 0x98 + 3, 0x80 + 3};
    QTest::newRow("newline") << QStringLiteral("c\n") << QList<int>{1, 259, 262, 0x0A + 3};
    QTest::newRow("empty: no dummy prefix") << QString() << QList<int>{1};
}

void TestLlama2c::encodeFollowsRunC()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, ids);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("tokenizer.bin"));
    attnlab::test::writeFile(path, tokenizerBytes(6, handVocabulary()));
    auto t = Tokenizer::load(dir.path()); // a folder holding tokenizer.bin
    QVERIFY2(t, qPrintable(t.error()));
    const Encoding e = (*t)->encode(text);
    QCOMPARE(QList<int>(e.ids.begin(), e.ids.end()), ids);
    QCOMPARE((*t)->vocabSize(), 267);
    QCOMPARE((*t)->tokenText(1), QStringLiteral("<s>"));
    QCOMPARE((*t)->tokenText(265), QStringLiteral("\u2581a"));
    QCOMPARE((*t)->displayText(265), QStringLiteral(" a"));
    QCOMPARE((*t)->tokenText(13), QStringLiteral("<0x0A>"));
    QCOMPARE(
        sentencePieceText({QStringLiteral("\u2581a"), QStringLiteral("<0xC3>"), QStringLiteral("<0xA9>")}),
        QStringLiteral(" aé"));
}

void TestLlama2c::findsTokenizerBeside()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString model = dir.filePath(QStringLiteral("stories.bin"));
    attnlab::test::writeFile(model, "x");
    QCOMPARE(llama2cTokenizerBeside(model), QString());
    attnlab::test::writeFile(dir.filePath(QStringLiteral("tok512.bin")), "x");
    QCOMPARE(llama2cTokenizerBeside(model), dir.filePath(QStringLiteral("tok512.bin")));
    attnlab::test::writeFile(dir.filePath(QStringLiteral("tokenizer.bin")), "x");
    QCOMPARE(llama2cTokenizerBeside(model), dir.filePath(QStringLiteral("tokenizer.bin")));
}

void TestLlama2c::rejectsBadCheckpoints_data()
{
    // Header fields by index: 0 dim, 1 hidden_dim, 2 n_layers, 3 n_heads, 4 n_kv_heads, 5 vocab_size, 6
    // seq_len.
    QTest::addColumn<int>("field"); // -1: no header change
    QTest::addColumn<qint32>("value");
    QTest::addColumn<int>("sizeChange"); // bytes added (> 0) or cut (< 0) at the end
    QTest::addColumn<QStringList>("expected");
    const QString sizeProblem = QStringLiteral("header says 2 layers of width 16");
    QTest::newRow("truncated") << -1 << 0 << -4 << QStringList{sizeProblem, "but the file holds"};
    QTest::newRow("extra bytes") << -1 << 0 << 4 << QStringList{sizeProblem, "but the file holds"};
    QTest::newRow("shorter than the header") << -1 << 0 << -100000 << QStringList{"28-byte"};
    QTest::newRow("absurd dim") << 0 << qint32(1 << 30) << 0 << QStringList{"dim is 1073741824", "65536"};
    QTest::newRow("negative layers") << 2 << qint32(-2) << 0 << QStringList{"n_layers is -2"};
    QTest::newRow("heads do not divide dim")
        << 3 << qint32(3) << 0 << QStringList{"dim 16 with 3 heads", "divisible"};
    QTest::newRow("kv heads do not divide heads")
        << 4 << qint32(3) << 0 << QStringList{"multiple of n_kv_heads"};
    QTest::newRow("odd head size") << 3 << qint32(16) << 0 << QStringList{"head size", "1", "even"};
    QTest::newRow("zero vocabulary") << 5 << qint32(0) << 0 << QStringList{"vocab_size is 0"};
    QTest::newRow("absurd negative vocabulary")
        << 5 << qint32(INT32_MIN) << 0 << QStringList{"vocab_size is -2147483648"};
    QTest::newRow("absurd seq_len") << 6 << qint32(INT32_MAX) << 0 << QStringList{"seq_len is 2147483647"};
    QTest::newRow("versioned export") << 0 << qint32(0x616b3432) << 0 << QStringList{"ak42", "legacy"};
    QTest::newRow("more layers than the file") << 2 << qint32(3) << 0 << QStringList{"3 layers of width 16"};
}

void TestLlama2c::rejectsBadCheckpoints()
{
    QFETCH(int, field);
    QFETCH(qint32, value);
    QFETCH(int, sizeChange);
    QFETCH(QStringList, expected);
    QByteArray bytes = attnlab::test::llama2cBytes(attnlab::test::randomLlama(TinyLlama{}, 4));
    if (field >= 0) setInt(bytes, 4 * field, value);
    if (sizeChange > 0) bytes.append(sizeChange, '\0');
    if (sizeChange < 0) bytes.truncate(std::max<qsizetype>(10, bytes.size() + sizeChange));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("broken260K.bin"));
    attnlab::test::writeFile(path, bytes);
    auto model = loadLlama2cCheckpoint(path);
    QVERIFY(!model);
    QVERIFY2(model.error().startsWith(path), qPrintable(model.error()));
    for (const QString& part : expected)
        QVERIFY2(model.error().contains(part), qPrintable(model.error() + " lacks " + part));
}

void TestLlama2c::rejectsNonFiniteWeights()
{
    TinyLlama m = attnlab::test::randomLlama(TinyLlama{}, 4);
    m.tensors[QStringLiteral("model.layers.1.self_attn.k_proj.weight")].data[3] = INFINITY;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("inf.bin"));
    attnlab::test::writeFile(path, attnlab::test::llama2cBytes(m));
    auto model = loadLlama2cCheckpoint(path);
    QVERIFY(!model);
    QVERIFY2(model.error().startsWith(path) && model.error().contains(QLatin1String("wk of layer 1")) &&
                 model.error().contains(QLatin1String("infinite")),
             qPrintable(model.error()));
}

void TestLlama2c::rejectsBadTokenizers_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");
    const auto vocab = handVocabulary();
    const QByteArray good = tokenizerBytes(6, vocab);
    QByteArray lengthBeyondFile = good;
    setInt(lengthBeyondFile, good.size() - 3 - 4, 6); // the last piece "abc" claims 6 bytes
    QByteArray nanScore = good;
    setInt(nanScore, 4, qint32(0x7fc00000));
    QTest::newRow("empty") << QByteArray() << QStringList{"too short"};
    QTest::newRow("record cut short") << good.left(good.size() - 5) << QStringList{"token 266", "truncated"};
    QTest::newRow("length beyond the file")
        << lengthBeyondFile << QStringList{"token 266 has length 6", "only 3 bytes"};
    QTest::newRow("length beyond max_token_length")
        << tokenizerBytes(2, vocab) << QStringList{"token 0 has length 5", "max_token_length = 2"};
    QTest::newRow("zero max_token_length")
        << tokenizerBytes(0, vocab) << QStringList{"max_token_length is 0"};
    QTest::newRow("NaN score") << nanScore << QStringList{"token 0", "NaN"};
    QTest::newRow("too few tokens") << tokenizerBytes(6, {vocab.begin(), vocab.begin() + 10})
                                    << QStringList{"10 tokens", "259"};
}

void TestLlama2c::rejectsBadTokenizers()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("tok512.bin"));
    attnlab::test::writeFile(path, bytes);
    auto t = Tokenizer::load(path);
    QVERIFY(!t);
    QVERIFY2(t.error().startsWith(path), qPrintable(t.error()));
    for (const QString& part : expected)
        QVERIFY2(t.error().contains(part), qPrintable(t.error() + " lacks " + part));
}

ATTNLAB_TEST_APPLESS_MAIN(TestLlama2c)
} // namespace tst_llama2c
#include "tst_llama2c.moc"
