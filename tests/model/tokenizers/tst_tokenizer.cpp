// Tests model/tokenizers/tokenizer.cpp: the loader that picks the kind of tokenizer from a path (a folder's
// files in order of preference, a file by its name, an old tokenizer.json by its fields), the errors of the
// files it reads itself (JSON, added tokens, post-processor, missing files), and added tokens matched in the
// raw or the normalized text. Each kind's encoding is tested beside its own source (tst_bpe_tokenizer, ….)

#include "model/tokenizers/bpe_tokenizer.h"
#include "model/tokenizers/llama2c_tokenizer.h"
#include "model/tokenizers/reference_encodings.h"
#include "model/tokenizers/tokenizer.h"
#include "model/tokenizers/wordpiece_tokenizer.h"
#include "test_support.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>

namespace tst_tokenizer {

using attnlab::model::BpeTokenizer;
using attnlab::model::Llama2cTokenizer;
using attnlab::model::Tokenizer;
using attnlab::model::WordpieceTokenizer;
using attnlab::test::idList;
using attnlab::test::sharedDir;

using IdList = QList<int>;

namespace {

// Small files of each kind, told apart by their vocabulary sizes: 2, 1, 3, 4, 5.
const QHash<QString, QByteArray>& kindFiles()
{
    static const QHash<QString, QByteArray> files{
        {"tokenizer.json", R"({"model": {"type": "WordPiece", "vocab": {"[UNK]": 0, "w": 1}}})"},
        {"vocab.json", R"({"b": 0})"},
        {"merges.txt", "#version: 0.2\n"},
        {"vocab.txt", "[UNK]\nx\ny\n"},
        {"old-bpe.json", R"({"model": {"vocab": {"a": 0, "b": 1, "ab": 2, "c": 3}, "merges": ["a b"]}})"},
        {"old-wordpiece.json",
         R"({"model": {"vocab": {"[UNK]": 0, "a": 1, "b": 2, "c": 3, "d": 4}, "max_input_chars_per_word": 10}})"}};
    return files;
}

QString kindOf(const Tokenizer& t)
{
    if (dynamic_cast<const BpeTokenizer*>(&t)) return QStringLiteral("bpe");
    if (dynamic_cast<const WordpieceTokenizer*>(&t)) return QStringLiteral("wordpiece");
    if (dynamic_cast<const Llama2cTokenizer*>(&t)) return QStringLiteral("llama2c");
    return QStringLiteral("?");
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

private slots:
    void loaderPicksTheKind_data();
    void loaderPicksTheKind();
    void sharedFiles_data();
    void sharedFiles();
    void malformed_data();
    void malformed();
    void missingAndTruncated();
    void byteOrderMarkInTokens();
    void tokenizerConfigBos_data();
    void tokenizerConfigBos();
    void tokenizerConfigMalformed_data();
    void tokenizerConfigMalformed();
    void addedTokensRawAndNormalized();
};

void TestTokenizer::loaderPicksTheKind_data()
{
    QTest::addColumn<QStringList>("files"); // written into an empty folder, from kindFiles()
    QTest::addColumn<QString>("open");      // the path given to load(), in that folder ("" = the folder)
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("vocabSize");
    const QStringList all{"tokenizer.json", "vocab.json", "merges.txt", "vocab.txt"};
    const QStringList noJson{"vocab.json", "merges.txt", "vocab.txt"};
    // A folder: tokenizer.json first, then vocab.json + merges.txt, then vocab.txt.
    QTest::newRow("folder: tokenizer.json first") << all << QString() << "wordpiece" << 2;
    QTest::newRow("folder: vocab.json + merges.txt next") << noJson << QString() << "bpe" << 1;
    QTest::newRow("folder: vocab.txt last")
        << QStringList{"vocab.json", "vocab.txt"} << QString() << "wordpiece" << 3;
    // A file: by its name, whatever else the folder holds.
    QTest::newRow("vocab.json named") << all << "vocab.json"
                                      << "bpe" << 1;
    QTest::newRow("merges.txt named") << all << "merges.txt"
                                      << "bpe" << 1;
    QTest::newRow("vocab.txt named") << all << "vocab.txt"
                                     << "wordpiece" << 3;
    // Any other name is a tokenizer.json; without model.type, merges mean BPE and max_input_chars_per_word
    // WordPiece, as in Hugging Face's loader.
    QTest::newRow("old BPE json") << QStringList{"old-bpe.json"} << "old-bpe.json"
                                  << "bpe" << 4;
    QTest::newRow("old WordPiece json") << QStringList{"old-wordpiece.json"} << "old-wordpiece.json"
                                        << "wordpiece" << 5;
}

void TestTokenizer::loaderPicksTheKind()
{
    QFETCH(QStringList, files);
    QFETCH(QString, open);
    QFETCH(QString, kind);
    QFETCH(int, vocabSize);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString& name : files)
        QVERIFY(writeFile(dir.filePath(name), kindFiles().value(name)));
    const auto r = Tokenizer::load(open.isEmpty() ? dir.path() : dir.filePath(open));
    QVERIFY2(r, qPrintable(r.error()));
    QCOMPARE(kindOf(**r), kind);
    QCOMPARE((*r)->vocabSize(), vocabSize);
}

void TestTokenizer::sharedFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("vocabSize");
    const QString gpt2 = sharedDir() + QStringLiteral("/tokenizers/gpt2");
    const QString bert = sharedDir() + QStringLiteral("/tokenizers/bert-base-uncased");
    const QString llama2c = sharedDir() + QStringLiteral("/models/aidreams260K/llama2c");
    QTest::newRow("gpt2 folder") << gpt2 << "bpe" << 50257;
    QTest::newRow("gpt2 merges.txt") << gpt2 + QStringLiteral("/merges.txt") << "bpe" << 50257;
    QTest::newRow("bert folder") << bert << "wordpiece" << 30522;
    QTest::newRow("bert vocab.txt") << bert + QStringLiteral("/vocab.txt") << "wordpiece" << 30522;
    QTest::newRow("llama2.c .bin") << llama2c + QStringLiteral("/tok512.bin") << "llama2c" << 512;
}

// The real files load as their kind; GPT-2's merges.txt and BERT's vocab.txt encode as tokenizer.json does.
void TestTokenizer::sharedFiles()
{
    QFETCH(QString, path);
    QFETCH(QString, kind);
    QFETCH(int, vocabSize);
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, path);
    QCOMPARE(kindOf(*tokenizer), kind);
    QCOMPARE(tokenizer->vocabSize(), vocabSize);
    if (kind == QLatin1String("bpe"))
        QCOMPARE(idList(tokenizer->encode(QStringLiteral("The animal didn't cross")).ids),
                 (IdList{464, 5044, 1422, 470, 3272}));
    if (kind == QLatin1String("wordpiece"))
        QCOMPARE(idList(tokenizer->encode(QStringLiteral("Hello world!")).ids),
                 (IdList{101, 7592, 2088, 999, 102}));
}

void TestTokenizer::malformed_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("field"); // must appear in the error
    QTest::newRow("not json") << QByteArray("{ \"model\": ") << "not valid JSON";
    QTest::newRow("array") << QByteArray("[1, 2]") << "JSON object";
    QTest::newRow("model missing") << QByteArray("{}") << "\"model\"";
    QTest::newRow("unknown model type") << QByteArray(R"({"model": {"type": "Unigram"}})") << "model.type";
    QTest::newRow("bad added token")
        << QByteArray(
               R"({"added_tokens": [{"id": "x"}], "model": {"type": "BPE", "vocab": {}, "merges": []}})")
        << "added_tokens[0]";
    QTest::newRow("bad template")
        << QByteArray(
               R"({"post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "X"}}]},)"
               R"( "model": {"type": "BPE", "vocab": {}, "merges": []}})")
        << "post_processor.special_tokens";
    QTest::newRow("bad normalizer")
        << QByteArray(
               R"({"normalizer": {"type": "Nope"}, "model": {"type": "WordPiece", "vocab": {"[UNK]": 0}}})")
        << "normalizer.type";
    // tokenizer_json.h's reader: what RFC 8259 refuses, with the byte offset.
    QTest::newRow("invalid UTF-8") << QByteArray("{\"model\": {\"type\": \"B\xC3\x28\"}}") << "invalid UTF-8";
    QTest::newRow("raw newline in a string") << QByteArray("{\"a\": \"x\ny\"}") << "control character";
    QTest::newRow("bad escape") << QByteArray(R"({"a": "\q"})") << "offset 8: unknown escape";
    QTest::newRow("too deep") << QByteArray(600, '[') << "nested deeper than 512";
    QTest::newRow("trailing data") << QByteArray(R"({"model": {}} x)") << "after the document";
    QTest::newRow("vocab value not a number")
        << QByteArray(R"({"model": {"type": "BPE", "vocab": {"a": "0"}, "merges": []}})") << "entry \"a\"";
}

void TestTokenizer::malformed()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, field);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("tokenizer.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    for (const QString& path : {file, dir.path()}) {
        const auto r = Tokenizer::load(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(file), qPrintable(r.error()));
        QVERIFY2(r.error().contains(field), qPrintable(r.error()));
    }
}

void TestTokenizer::missingAndTruncated()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("nothing-here.json"));
    auto r = Tokenizer::load(missing);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(missing), qPrintable(r.error()));
    r = Tokenizer::load(dir.path());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(dir.path()) && r.error().contains(QLatin1String("vocab.txt")),
             qPrintable(r.error()));
    // vocab.json names the pair, but merges.txt is not beside it.
    const QString vocab = dir.filePath(QStringLiteral("vocab.json"));
    QVERIFY(writeFile(vocab, R"({"a": 0})"));
    r = Tokenizer::load(vocab);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().startsWith(vocab) && r.error().contains(QLatin1String("side by side")),
             qPrintable(r.error()));

    // The real GPT-2 tokenizer.json cut in the middle.
    QFile gpt2(sharedDir() + QStringLiteral("/tokenizers/gpt2/tokenizer.json"));
    if (!gpt2.open(QIODevice::ReadOnly))
        QSKIP("the shared GPT-2 tokenizer is absent (set ATTNLAB_SHARED to the shared folder)");
    const QString cut = dir.filePath(QStringLiteral("cut.json"));
    QFile out(cut);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(gpt2.read(200000));
    out.close();
    r = Tokenizer::load(cut);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(cut), qPrintable(r.error()));
}

// A special token is found in the raw text only; a "normalized" one after lowercasing; lstrip eats the space.
void TestTokenizer::addedTokensRawAndNormalized()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile f(dir.filePath(QStringLiteral("tokenizer.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"added_tokens": [{"id": 2, "content": "[x]", "special": true},
                                 {"id": 3, "content": "foo", "normalized": true},
                                 {"id": 4, "content": "<m>", "special": true, "lstrip": true}],
                "normalizer": {"type": "BertNormalizer", "lowercase": true},
                "pre_tokenizer": {"type": "BertPreTokenizer"},
                "model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": {"[UNK]": 0, "a": 1}}})");
    f.close();
    const auto r = Tokenizer::load(dir.path());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(idList(r.value()->encode(QStringLiteral("FOO a [x] [X]")).ids), (IdList{3, 1, 2, 0, 0, 0}));
    const auto e = r.value()->encode(QStringLiteral("a   <m>a"));
    QCOMPARE(idList(e.ids), (IdList{1, 4, 1}));
    QCOMPARE(e.tokens, (QStringList{"a", "<m>", "a"}));
    QCOMPARE(r.value()->vocabSize(), 5);
    QCOMPARE(r.value()->tokenText(4), QStringLiteral("<m>"));
}

// U+FEFF inside tokens is a character like any other: Gemma 3's vocabulary has "\ufeff" and "\ufeff\ufeff"
// (Qt 6.4's UTF-8 decoding drops a string's leading U+FEFF, which made them collide; tokenizer_json.h).
void TestTokenizer::byteOrderMarkInTokens()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A byte-order mark before the document is skipped; inside strings, EF BB BF is U+FEFF.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("tokenizer.json")),
                      "\xEF\xBB\xBF{\"model\": {\"type\": \"BPE\", \"vocab\": {\"\xEF\xBB\xBF\": 0, "
                      "\"\xEF\xBB\xBF\xEF\xBB\xBF\": 1, \"a\": 2, \"\xEF\xBB\xBF" "a\": 3}, "
                      "\"merges\": [[\"\xEF\xBB\xBF\", \"\xEF\xBB\xBF\"], \"\xEF\xBB\xBF a\"]}}"));
    const auto r = Tokenizer::load(dir.path());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const QString bom(QChar(0xFEFF));
    // U+FEFF U+FEFF U+FEFF a: merge 0 joins the first two (rank 0, leftmost), then nothing joins 1 and
    // U+FEFF, and merge 1 joins U+FEFF a.
    QCOMPARE(idList(r.value()->encode(bom + bom + bom + QStringLiteral("a")).ids), (IdList{1, 3}));
    QCOMPARE(r.value()->tokenText(1), bom + bom);
    QCOMPARE(r.value()->tokenText(0), bom);
}

void TestTokenizer::tokenizerConfigBos_data()
{
    QTest::addColumn<QByteArray>("postProcessor"); // tokenizer.json's, or "null"
    QTest::addColumn<QByteArray>("config");        // tokenizer_config.json, or empty for none
    QTest::addColumn<IdList>("ids");               // for the text "ab"
    const QByteArray bosTemplate =
        R"({"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
            {"Sequence": {"id": "A", "type_id": 0}}], "special_tokens": {"<s>": {"id": "<s>", "ids": [1],
            "tokens": ["<s>"]}}})";
    // The vocabulary is <unk> 0, <s> 1, </s> 2, a 3, b 4, ab 5 (merge "a b"): "ab" alone is [5].
    QTest::newRow("no config: the template's BOS") << bosTemplate << QByteArray() << IdList{1, 5};
    QTest::newRow("no config, no template") << QByteArray("null") << QByteArray() << IdList{5};
    QTest::newRow("config without the flags")
        << bosTemplate << QByteArray(R"({"bos_token": "<s>"})") << IdList{1, 5};
    QTest::newRow("add_bos_token true, no template")
        << QByteArray("null") << QByteArray(R"({"add_bos_token": true, "bos_token": "<s>"})") << IdList{1, 5};
    QTest::newRow("add_bos_token false drops the template's BOS")
        << bosTemplate << QByteArray(R"({"add_bos_token": false, "bos_token": "<s>"})") << IdList{5};
    QTest::newRow("bos_token as an AddedToken object")
        << QByteArray("null")
        << QByteArray(R"({"add_bos_token": true, "bos_token": {"content": "<s>", "lstrip": false}})")
        << IdList{1, 5};
    QTest::newRow("add_eos_token true")
        << bosTemplate << QByteArray(R"({"add_bos_token": true, "add_eos_token": true, "bos_token": "<s>",
                                         "eos_token": "</s>"})")
        << IdList{1, 5, 2};
}

// tokenizer_config.json's add_bos_token / add_eos_token decide BOS and EOS where they are given, as
// transformers' Llama and Gemma tokenizers rebuild the post-processor from them.
void TestTokenizer::tokenizerConfigBos()
{
    QFETCH(QByteArray, postProcessor);
    QFETCH(QByteArray, config);
    QFETCH(IdList, ids);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("tokenizer.json")),
                      R"({"added_tokens": [{"id": 1, "content": "<s>", "special": true},
                                           {"id": 2, "content": "</s>", "special": true}],
                          "post_processor": )" +
                          postProcessor + R"(,
                          "model": {"type": "BPE", "unk_token": "<unk>", "merges": ["a b"],
                                    "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "a": 3, "b": 4, "ab": 5}}})"));
    if (!config.isEmpty()) QVERIFY(writeFile(dir.filePath(QStringLiteral("tokenizer_config.json")), config));
    const auto r = Tokenizer::load(dir.path());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(idList(r.value()->encode(QStringLiteral("ab")).ids), ids);
}

void TestTokenizer::tokenizerConfigMalformed_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("expected"); // must appear in the error, after the config file's name
    QTest::newRow("not JSON") << QByteArray(R"({"add_bos_token": )") << "not valid JSON at offset";
    QTest::newRow("flag not a boolean") << QByteArray(R"({"add_bos_token": "yes", "bos_token": "<s>"})")
                                        << "field \"add_bos_token\": expected true or false";
    QTest::newRow("no bos_token") << QByteArray(R"({"add_bos_token": true})") << "field \"bos_token\"";
    QTest::newRow("bos_token unknown") << QByteArray(R"({"add_bos_token": true, "bos_token": "<bos>"})")
                                       << "\"<bos>\" is not in the vocabulary";
    QTest::newRow("eos_token unknown") << QByteArray(R"({"add_eos_token": true, "eos_token": "<eos>"})")
                                       << "field \"eos_token\"";
}

void TestTokenizer::tokenizerConfigMalformed()
{
    QFETCH(QByteArray, config);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("tokenizer.json")),
                      R"({"model": {"type": "BPE", "vocab": {"<s>": 0, "a": 1}, "merges": []}})"));
    const QString file = dir.filePath(QStringLiteral("tokenizer_config.json"));
    QVERIFY(writeFile(file, config));
    const auto r = Tokenizer::load(dir.path());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().startsWith(file) && r.error().contains(expected), qPrintable(r.error()));
}

ATTNLAB_TEST_APPLESS_MAIN(TestTokenizer)
} // namespace tst_tokenizer
#include "tst_tokenizer.moc"
