// Tests model/tokenizers/wordpiece_tokenizer.cpp. References: a vocab.txt written here, whose greedy
// longest-match-first segmentations are worked out by hand in the rows; BertNormalizer's steps written out
// per character; and the real bert-base-uncased vocabulary of ../shared, against the ids Hugging Face's
// tokenizers.js gives (reference_ids.json) or tokens looked up by the test itself in vocab.txt.

#include "model/tokenizers/reference_encodings.h"
#include "model/tokenizers/wordpiece_tokenizer.h"
#include "test_support.h"
#include "test_registry.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(attnlab::model::NormalizerStep)

namespace tst_wordpiece_tokenizer {

using attnlab::model::NormalizerStep;
using attnlab::model::Tokenizer;
using attnlab::model::WordpieceTokenizer;
using attnlab::test::idList;
using attnlab::test::sharedDir;

using IdList = QList<int>;

namespace {

QString bertDir()
{
    return sharedDir() + QStringLiteral("/tokenizers/bert-base-uncased");
}

// One token a line, id = line number from 0. Line 26 is empty: it takes an id but matches nothing, so
// "naive" is 27. Lines 28 and 29 are both "twice": as in Hugging Face's WordPiece::read_file and
// transformers' load_vocab (both insert each line into a map), the later line's id is the token's.
const char* const kHandVocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n" // 0-4
                               "un\n##aff\n##able\nunaff\n##s\n"      // 5-9
                               "play\n##ing\na\nab\n##c\n"            // 10-14
                               "##bcd\nhello\ncafe\n中\n文\n"         // 15-19
                               "!\n,\nア\n##イ\n##a\n"                // 20-24
                               "$\n\nnaive\ntwice\ntwice\n";          // 25-29
constexpr int kCls = 2;
constexpr int kSep = 3;
constexpr int kUnk = 1;

QHash<QString, int> readTxtVocab(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QHash<QString, int> vocab;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i)
        vocab.insert(QString::fromUtf8(lines[i]), int(i));
    return vocab;
}

NormalizerStep bertStep(bool cleanText, bool chineseChars, bool stripAccents, bool lowercase)
{
    return NormalizerStep{
        NormalizerStep::Kind::Bert, {}, {}, cleanText, chineseChars, stripAccents, lowercase};
}

} // namespace

class TestWordpieceTokenizer : public QObject {
    Q_OBJECT

private slots:
    void handMadeVocabulary_data();
    void handMadeVocabulary();
    void bertNormalizeSteps_data();
    void bertNormalizeSteps();
    void splitBert_data();
    void splitBert();
    void jsonSettings_data();
    void jsonSettings();
    void reference_data();
    void reference();
    void realVocabulary_data();
    void realVocabulary();
    void malformed_data();
    void malformed();
    void vocabTxtWithoutUnk();
};

void TestWordpieceTokenizer::handMadeVocabulary_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<IdList>("ids"); // between [CLS] and [SEP]
    // Longest first: "unaff" (8) before "un" (5); the rest "able" continues as "##able" (7).
    QTest::newRow("longest prefix") << QStringLiteral("unaffable") << IdList{8, 7};
    // Greedy: "ab" (13), then "##c" (14), then "d" has no "##d": the whole word is [UNK], although
    // "a" + "##bcd" would have spelled it.
    QTest::newRow("greedy, no backtracking") << QStringLiteral("abcd") << IdList{kUnk};
    QTest::newRow("continuations") << QStringLiteral("playing plays") << IdList{10, 11, 10, 9};
    // "play" matches but "##x" does not: one [UNK] for the word, not "play" + [UNK].
    QTest::newRow("one unknown per word") << QStringLiteral("playx hello") << IdList{kUnk, 16};
    QTest::newRow("lowercase") << QStringLiteral("HELLO") << IdList{16};
    // NFD splits É into E + U+0301, which strip_accents drops.
    QTest::newRow("accents") << QStringLiteral("CAFÉ naïve") << IdList{17, 27};
    // Each CJK ideograph is a word, even without spaces; katakana is not an ideograph and stays one word.
    QTest::newRow("chinese characters") << QStringLiteral("中文") << IdList{18, 19};
    QTest::newRow("ideograph after a word") << QStringLiteral("ab中") << IdList{13, 18};
    QTest::newRow("katakana stays whole") << QStringLiteral("アイ") << IdList{22, 23};
    // Punctuation is a word of its own; ASCII symbols such as $ count as punctuation for BERT.
    QTest::newRow("punctuation") << QStringLiteral("hello,cafe!") << IdList{16, 21, 17, 20};
    QTest::newRow("ascii symbol") << QStringLiteral("$hello") << IdList{25, 16};
    // clean_text drops U+0001 and turns the tab into a space.
    QTest::newRow("control characters") << QStringLiteral("hello\u0001\tcafe") << IdList{16, 17};
    // 100 characters: "a" then 99 "##a"; 101 are over max_input_chars_per_word.
    QTest::newRow("100 characters") << QString(100, QLatin1Char('a')) << IdList{12} + IdList(99, 24);
    QTest::newRow("101 characters") << QString(101, QLatin1Char('a')) << IdList{kUnk};
    QTest::newRow("special tokens whole") << QStringLiteral("[MASK] hello [UNK]") << IdList{4, 16, kUnk};
    QTest::newRow("repeated line") << QStringLiteral("twice") << IdList{29};
    QTest::newRow("empty") << QString() << IdList{};
    QTest::newRow("only spaces") << QStringLiteral(" \t\n ") << IdList{};
}

void TestWordpieceTokenizer::handMadeVocabulary()
{
    QFETCH(QString, text);
    QFETCH(IdList, ids);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("vocab.txt"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kHandVocab);
    f.close();
    const auto tokenizer = WordpieceTokenizer::fromVocabTxt(file);
    QVERIFY2(tokenizer, qPrintable(tokenizer.error()));
    const auto e = (*tokenizer)->encode(text);
    QCOMPARE(idList(e.ids), IdList{kCls} + ids + IdList{kSep});
    QCOMPARE(e.tokens.size(), ids.size() + 2);
    QCOMPARE((*tokenizer)->vocabSize(), 30);
}

void TestWordpieceTokenizer::bertNormalizeSteps_data()
{
    QTest::addColumn<NormalizerStep>("step");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("normalized");
    const QString text = QStringLiteral("Héllo\u0001\t中X\uFFFD");
    // Clean: U+0001 and U+FFFD go, the tab becomes a space. Chinese: 中 -> " 中 ". NFD and strip: é -> e.
    QTest::newRow("bert-base-uncased")
        << bertStep(true, true, true, true) << text << QStringLiteral("hello  中 x");
    QTest::newRow("cased") << bertStep(true, true, false, false) << text << QStringLiteral("Héllo  中 X");
    QTest::newRow("no chinese handling")
        << bertStep(true, false, true, true) << text << QStringLiteral("hello 中x");
    QTest::newRow("no cleaning") << bertStep(false, false, false, false) << text << text;
    QTest::newRow("strip only") << bertStep(true, true, true, false) << QStringLiteral("Ça Ñ")
                                << QStringLiteral("Ca N");
    QTest::newRow("lowercase only") << bertStep(true, true, false, true) << QStringLiteral("ÇA")
                                    << QStringLiteral("ça");
    // An already decomposed character loses its mark too; katakana is not an ideograph and gets no spaces.
    QTest::newRow("combining mark") << bertStep(true, true, true, true) << QStringLiteral("e\u0301ア")
                                    << QStringLiteral("eア");
}

void TestWordpieceTokenizer::bertNormalizeSteps()
{
    QFETCH(NormalizerStep, step);
    QFETCH(QString, text);
    QFETCH(QString, normalized);
    QCOMPARE(attnlab::model::bertNormalize(text, step), normalized);
}

void TestWordpieceTokenizer::splitBert_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("whitespace") << QStringLiteral(" a\tb\n c ") << QStringList{"a", "b", "c"};
    QTest::newRow("punctuation alone")
        << QStringLiteral("(yes),no...") << QStringList{"(", "yes", ")", ",", "no", ".", ".", "."};
    QTest::newRow("ascii symbols") << QStringLiteral("a+b=$5^2")
                                   << QStringList{"a", "+", "b", "=", "$", "5", "^", "2"};
    QTest::newRow("unicode punctuation")
        << QStringLiteral("«hi»—no") << QStringList{"«", "hi", "»", "—", "no"};
    QTest::newRow("empty") << QString() << QStringList{};
}

void TestWordpieceTokenizer::splitBert()
{
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    QCOMPARE(WordpieceTokenizer::splitBert(text), words);
}

void TestWordpieceTokenizer::jsonSettings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<IdList>("ids");
    // "@@" continues a word, at most 5 characters a word, words split on whitespace only, no normalizer.
    QTest::newRow("own prefix") << QStringLiteral("plays") << IdList{1, 2};
    QTest::newRow("5 characters") << QStringLiteral("aaaaa") << IdList{3, 4, 4, 4, 4};
    QTest::newRow("6 characters") << QStringLiteral("aaaaaa") << IdList{0};
    QTest::newRow("punctuation stays in the word") << QStringLiteral("a,") << IdList{0};
    QTest::newRow("no lowercase") << QStringLiteral("Play") << IdList{5};
}

void TestWordpieceTokenizer::jsonSettings()
{
    QFETCH(QString, text);
    QFETCH(IdList, ids);
    const QJsonObject root = QJsonDocument::fromJson(R"({
        "pre_tokenizer": {"type": "WhitespaceSplit"},
        "model": {"type": "WordPiece", "unk_token": "<?>", "continuing_subword_prefix": "@@",
                  "max_input_chars_per_word": 5,
                  "vocab": {"<?>": 0, "play": 1, "@@s": 2, "a": 3, "@@a": 4, "Play": 5, "##s": 6}}})")
                                 .object();
    const auto tokenizer = WordpieceTokenizer::fromJson(root, QStringLiteral("wp.json"));
    QVERIFY2(tokenizer, qPrintable(tokenizer.error()));
    QCOMPARE(idList((*tokenizer)->encode(text).ids), ids);
    QCOMPARE((*tokenizer)->vocabSize(), 7);
}

void TestWordpieceTokenizer::reference_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");
    QTest::addColumn<IdList>("ids");
    const QString dir = attnlab::test::sharedTokenizersDir() + QStringLiteral("/bert-base-uncased");
    attnlab::test::addReferenceRows(QStringLiteral("bert-base-uncased"),
                                    dir + QStringLiteral("/tokenizer.json"));
    attnlab::test::addReferenceRows(QStringLiteral("bert-base-uncased"), dir + QStringLiteral("/vocab.txt"));
}

void TestWordpieceTokenizer::reference()
{
    QFETCH(QString, path);
    QFETCH(QString, text);
    QFETCH(IdList, ids);
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, path);
    QVERIFY(dynamic_cast<const WordpieceTokenizer*>(tokenizer.get()));
    QCOMPARE(idList(tokenizer->encode(text).ids), ids);
}

void TestWordpieceTokenizer::realVocabulary_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tokens"); // looked up in vocab.txt; [CLS]/[SEP] added by the test
    const QStringList paths{bertDir() + QStringLiteral("/tokenizer.json"),
                            bertDir() + QStringLiteral("/vocab.txt")};
    for (const QString& path : paths) {
        const QByteArray kind = path.endsWith(QLatin1String(".txt")) ? " (vocab.txt)" : " (tokenizer.json)";
        const auto row = [&](const char* name, const QString& text, const QStringList& tokens) {
            QTest::newRow(QByteArray(name + kind).constData()) << path << text << tokens;
        };
        row("accents", QStringLiteral("Héllo CAFÉ naïve"), {"hello", "cafe", "naive"});
        row("chinese per ideograph", QStringLiteral("中文"), {QStringLiteral("中"), QStringLiteral("文")});
        row("unknown ideographs", QStringLiteral("得意"), {"[UNK]", "[UNK]"});
        // ポ decomposes to ホ + U+309A, a non-spacing mark that strip_accents drops.
        row("katakana", QStringLiteral("スポーツ"),
            {QStringLiteral("ス"), QStringLiteral("##ホ"), QStringLiteral("##ー"), QStringLiteral("##ツ")});
        row("persian", QStringLiteral("سلام"),
            {QStringLiteral("س"), QStringLiteral("##ل"), QStringLiteral("##ا"), QStringLiteral("##م")});
        row("punctuation", QStringLiteral("(yes), $100..."),
            {"(", "yes", ")", ",", "$", "100", ".", ".", "."});
        row("unknown symbol", QStringLiteral("is ☃"), {"is", "[UNK]"});
        row("continuation", QStringLiteral("10000 tokenization"), {"1000", "##0", "token", "##ization"});
        row("special token kept whole", QStringLiteral("[MASK] is"), {"[MASK]", "is"});
        row("whitespace and controls", QStringLiteral(" \t hello\u0001\nworld "), {"hello", "world"});
        row("over max chars", QString(101, QLatin1Char('a')), {"[UNK]"});
        row("empty", QString(), {});
    }
}

void TestWordpieceTokenizer::realVocabulary()
{
    QFETCH(QString, path);
    QFETCH(QString, text);
    QFETCH(QStringList, tokens);
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, path);
    const QHash<QString, int> vocab = readTxtVocab(bertDir() + QStringLiteral("/vocab.txt"));
    IdList expected{vocab.value(QStringLiteral("[CLS]"))};
    for (const QString& t : tokens) {
        QVERIFY2(vocab.contains(t), qPrintable(t));
        expected.append(vocab.value(t));
    }
    expected.append(vocab.value(QStringLiteral("[SEP]")));
    const auto e = tokenizer->encode(text);
    QCOMPARE(idList(e.ids), expected);
    QCOMPARE(e.tokens, QStringList{"[CLS]"} + tokens + QStringList{"[SEP]"});
    QCOMPARE(tokenizer->vocabSize(), 30522);
}

void TestWordpieceTokenizer::malformed_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("field"); // must appear in the error, after the file's name
    QTest::newRow("vocab not an object")
        << QByteArray(R"({"model": {"type": "WordPiece", "vocab": 3}})") << "model.vocab";
    QTest::newRow("negative id") << QByteArray(R"({"model": {"type": "WordPiece", "vocab": {"[UNK]": -1}}})")
                                 << "model.vocab";
    QTest::newRow("without unk") << QByteArray(R"({"model": {"type": "WordPiece", "vocab": {"a": 0}}})")
                                 << "model.unk_token";
    QTest::newRow("zero max chars")
        << QByteArray(
               R"({"model": {"type": "WordPiece", "vocab": {"[UNK]": 0}, "max_input_chars_per_word": 0}})")
        << "model.max_input_chars_per_word";
    QTest::newRow("other pre_tokenizer")
        << QByteArray(
               R"({"pre_tokenizer": {"type": "Metaspace"}, "model": {"type": "WordPiece", "vocab": {"[UNK]": 0}}})")
        << "pre_tokenizer.type";
}

void TestWordpieceTokenizer::malformed()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, field);
    const QString file = QStringLiteral("bad.json");
    const auto r = WordpieceTokenizer::fromJson(QJsonDocument::fromJson(content).object(), file);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().startsWith(file) && r.error().contains(field), qPrintable(r.error()));
}

void TestWordpieceTokenizer::vocabTxtWithoutUnk()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile txt(dir.filePath(QStringLiteral("vocab.txt")));
    QVERIFY(txt.open(QIODevice::WriteOnly));
    txt.write("[CLS]\n[SEP]\nhello\n");
    txt.close();
    const auto noUnk = WordpieceTokenizer::fromVocabTxt(txt.fileName());
    QVERIFY(!noUnk.ok());
    QVERIFY2(noUnk.error().startsWith(txt.fileName()) && noUnk.error().contains(QLatin1String("[UNK]")),
             qPrintable(noUnk.error()));
}

ATTNLAB_TEST_APPLESS_MAIN(TestWordpieceTokenizer)
} // namespace tst_wordpiece_tokenizer
#include "tst_wordpiece_tokenizer.moc"
