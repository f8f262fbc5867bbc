// Tests model/tokenizers/wordlevel_tokenizer.cpp. References: small tokenizer.json files written here whose
// encodings are worked out by hand in the rows (each word looked up whole; a character-split file looks up
// each code point), the unknown token and, without one, dropped words reported as unknown characters.

#include "model/tokenizers/reference_encodings.h"
#include "model/tokenizers/tokenizer.h"
#include "model/tokenizers/wordlevel_tokenizer.h"
#include "test_registry.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace tst_wordlevel_tokenizer {

using attnlab::model::Tokenizer;
using attnlab::model::UnknownCharacter;
using attnlab::model::WordLevelTokenizer;
using attnlab::test::idList;

using IdList = QList<int>;

namespace {

// Words split on whitespace; "<unk>" (id 5) is the unknown token, named by default (no unk_token field).
constexpr const char* kWordsJson = R"({
  "version": "1.0", "added_tokens": [], "normalizer": null,
  "pre_tokenizer": {"type": "WhitespaceSplit"}, "post_processor": null, "decoder": null,
  "model": {"type": "WordLevel", "vocab": {"The": 0, "animal": 1, "was": 2, "tired": 3, "=": 4, "<unk>": 5,
                                           "didn't": 6, "猫": 7}}
})";

// Every character its own word, as the training lab's text tasks write it: a Split on "[\s\S]", Isolated. No
// unknown token in the vocabulary, so unknown characters are dropped.
constexpr const char* kCharactersJson = R"({
  "version": "1.0", "added_tokens": [], "normalizer": null,
  "pre_tokenizer": {"type": "Split", "pattern": {"Regex": "[\\s\\S]"}, "behavior": "Isolated", "invert": false},
  "post_processor": null, "decoder": {"type": "Fuse"},
  "model": {"type": "WordLevel", "vocab": {"\n": 0, " ": 1, "a": 2, "b": 3, "日": 4, "本": 5, "س": 6, "ل": 7,
                                           "😀": 8, "ا": 9, "م": 10}, "unk_token": "<unk>"}
})";

std::shared_ptr<Tokenizer> fromJson(const char* json)
{
    const QJsonObject root = QJsonDocument::fromJson(QByteArray(json)).object();
    auto t = WordLevelTokenizer::fromJson(root, QStringLiteral("test.json"));
    if (!t) qWarning("%s", qPrintable(t.error()));
    return t ? *t : nullptr;
}

} // namespace

class TestWordLevelTokenizer : public QObject {
    Q_OBJECT

private slots:
    void words_data();
    void words();
    void unknownWordsBecomeUnk();
    void characters_data();
    void characters();
    void unknownCharactersDropped();
    void loadedFromFile();
    void malformed_data();
    void malformed();
};

void TestWordLevelTokenizer::words_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<IdList>("ids");
    QTest::newRow("sentence") << QStringLiteral("The animal was tired =") << IdList{0, 1, 2, 3, 4};
    QTest::newRow("apostrophe inside a word") << QStringLiteral("The animal didn't") << IdList{0, 1, 6};
    QTest::newRow("tabs, newlines and runs of spaces")
        << QStringLiteral("  The\tanimal\n\nwas   tired ") << IdList{0, 1, 2, 3};
    QTest::newRow("a word outside ASCII") << QStringLiteral("猫 was") << IdList{7, 2};
    QTest::newRow("empty") << QString() << IdList{};
    QTest::newRow("only spaces") << QStringLiteral(" \n ") << IdList{};
}

void TestWordLevelTokenizer::words()
{
    QFETCH(QString, text);
    QFETCH(IdList, ids);
    const auto t = fromJson(kWordsJson);
    QVERIFY(t);
    const auto e = t->encode(text);
    QCOMPARE(idList(e.ids), ids);
    QVERIFY(e.unknown.empty());
    QCOMPARE(t->vocabSize(), 8);
    QCOMPARE(t->tokenText(6), QStringLiteral("didn't"));
    QCOMPARE(t->tokenId(QStringLiteral("tired")), 3);
    QCOMPARE(t->tokenId(QStringLiteral("cat")), -1);
}

void TestWordLevelTokenizer::unknownWordsBecomeUnk()
{
    const auto t = fromJson(kWordsJson);
    QVERIFY(t);
    // "cat" and "Tired" (case matters, no normalizer) are not words of the vocabulary: <unk> (5) each. No
    // punctuation splitting either: "tired." is one unknown word.
    const auto e = t->encode(QStringLiteral("The cat was Tired tired."));
    QCOMPARE(idList(e.ids), (IdList{0, 5, 2, 5, 5}));
    QCOMPARE(e.tokens, (QStringList{"The", "<unk>", "was", "<unk>", "<unk>"}));
    // Each unknown word's characters, at its <unk>: 3 of "cat", 5 of "Tired", 6 of "tired." (no single
    // character is a word of this vocabulary).
    QCOMPARE(e.unknown.size(), size_t(3 + 5 + 6));
    QCOMPARE(e.unknown.front(), (UnknownCharacter{QStringLiteral("c"), 1, false}));
    QCOMPARE(e.unknown[3], (UnknownCharacter{QStringLiteral("T"), 3, false}));
    QCOMPARE(e.unknown.back(), (UnknownCharacter{QStringLiteral("."), 4, false}));
}

void TestWordLevelTokenizer::characters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<IdList>("ids");
    QTest::newRow("letters and a space") << QStringLiteral("ab ba") << IdList{2, 3, 1, 3, 2};
    QTest::newRow("newlines kept, each one a token") << QStringLiteral("a\n\nb") << IdList{2, 0, 0, 3};
    QTest::newRow("japanese") << QStringLiteral("日本") << IdList{4, 5};
    QTest::newRow("persian") << QStringLiteral("سلام") << IdList{6, 7, 9, 10};
    // U+1F600 is two UTF-16 units, one code point: one token.
    QTest::newRow("emoji outside the BMP") << QStringLiteral("a😀b") << IdList{2, 8, 3};
    QTest::newRow("leading and trailing spaces") << QStringLiteral(" a ") << IdList{1, 2, 1};
}

void TestWordLevelTokenizer::characters()
{
    QFETCH(QString, text);
    QFETCH(IdList, ids);
    const auto t = fromJson(kCharactersJson);
    QVERIFY(t);
    const auto e = t->encode(text);
    QCOMPARE(idList(e.ids), ids);
    QVERIFY(e.unknown.empty());
    QCOMPARE(t->vocabSize(), 11);
    QCOMPARE(t->tokenText(8), QStringLiteral("😀"));
}

void TestWordLevelTokenizer::unknownCharactersDropped()
{
    const auto t = fromJson(kCharactersJson);
    QVERIFY(t);
    // "c" and "😺" have no token and the vocabulary no <unk>: dropped, reported before the next token.
    const auto e = t->encode(QStringLiteral("acb😺"));
    QCOMPARE(idList(e.ids), (IdList{2, 3}));
    QCOMPARE(e.unknown.size(), size_t(2));
    QCOMPARE(e.unknown[0], (UnknownCharacter{QStringLiteral("c"), 1, true}));
    QCOMPARE(e.unknown[1], (UnknownCharacter{QStringLiteral("😺"), 2, true}));
}

void TestWordLevelTokenizer::loadedFromFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile f(dir.filePath(QStringLiteral("tokenizer.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kCharactersJson);
    f.close();
    const auto t = Tokenizer::load(dir.path());
    QVERIFY2(t, t ? "" : qPrintable(t.error()));
    QVERIFY(dynamic_cast<const WordLevelTokenizer*>(t->get()));
    QCOMPARE(idList((*t)->encode(QStringLiteral("b 日")).ids), (IdList{3, 1, 4}));
}

void TestWordLevelTokenizer::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("no vocab") << QByteArray(R"({"model": {"type": "WordLevel"}})") << "model.vocab";
    QTest::newRow("vocab an array") << QByteArray(R"({"model": {"type": "WordLevel", "vocab": []}})")
                                    << "model.vocab";
    QTest::newRow("negative id") << QByteArray(R"({"model": {"type": "WordLevel", "vocab": {"a": -1}}})")
                                 << "entry \"a\"";
    QTest::newRow("unk not a string")
        << QByteArray(R"({"model": {"type": "WordLevel", "vocab": {"a": 0}, "unk_token": 3}})")
        << "unk_token";
    QTest::newRow("unknown pre-tokenizer")
        << QByteArray(
               R"({"pre_tokenizer": {"type": "Nope"}, "model": {"type": "WordLevel", "vocab": {"a": 0}}})")
        << "pre_tokenizer.type";
}

void TestWordLevelTokenizer::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("tokenizer.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(json);
    f.close();
    const auto t = Tokenizer::load(file);
    QVERIFY(!t);
    QVERIFY2(t.error().contains(file) && t.error().contains(field), qPrintable(t.error()));
}

ATTNLAB_TEST_APPLESS_MAIN(TestWordLevelTokenizer)
} // namespace tst_wordlevel_tokenizer
#include "tst_wordlevel_tokenizer.moc"
