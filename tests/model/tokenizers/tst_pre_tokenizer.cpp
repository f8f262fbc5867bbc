// Tests model/tokenizers/pre_tokenizer.cpp: Hugging Face's Metaspace, Split, WhitespaceSplit and ByteLevel
// pre-tokenizers and their Sequence, with expected words worked out by hand from HF's definitions (replace
// every space by the replacement, prepend it per prepend_scheme unless already there, split with the
// delimiter merged into the next word; Split's five delimiter behaviours), several of them the words HF's
// own test suite freezes for its Metaspace. Then the pre-tokenizer inside a BPE tokenizer: aidreams260K's
// tokenizer.json in its legacy form (Prepend + Replace normalizer) and in the current form (Metaspace,
// prepend_scheme "first", split false) encode plain text alike, and differ after an added token exactly
// where "first" says they must.

#include "model/tokenizers/pre_tokenizer.h"
#include "test_support.h"
#include "model/tokenizers/tokenizer.h"
#include "test_registry.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace tst_pre_tokenizer {

using namespace attnlab::model;
using attnlab::test::sharedDir;

namespace {

const QString M = QStringLiteral("\u2581");

std::vector<PreTokenizerStep> stepsFrom(const QByteArray& json)
{
    auto steps = parsePreTokenizer(QJsonDocument::fromJson(json).object(), QStringLiteral("tokenizer.json"));
    if (!steps) qFatal("%s", qPrintable(steps.error()));
    return *steps;
}

// "▁hello|▁world" -> {"▁hello", "▁world"}, with "_" for U+2581 to keep the rows readable.
QStringList words(const char* joined)
{
    if (!*joined) return {};
    return QString::fromUtf8(joined).replace(QLatin1Char('_'), M).split(QLatin1Char('|'));
}

} // namespace

class TestPreTokenizer : public QObject {
    Q_OBJECT

private slots:
    void preTokenize_data();
    void preTokenize();
    void splitBehaviors_data();
    void splitBehaviors();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void metaspaceFirstInsideTokenizer();
};

void TestPreTokenizer::preTokenize_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("atStart");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    const QByteArray bare =
        R"({"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true})";
    const QByteArray t5 = R"({"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"},
        {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true}]})";
    // Metaspace alone: spaces become ▁ and open words; tabs and newlines stay inside words.
    QTest::newRow("HF basic") << bare << true << "Hey friend!" << words("_Hey|_friend!");
    QTest::newRow("HF multiple spaces") << bare << true << "Hey   friend!" << words("_Hey|_|_|_friend!");
    QTest::newRow("leading space: no second ▁") << bare << true << " leading" << words("_leading");
    QTest::newRow("trailing space") << bare << true << "trailing " << words("_trailing|_");
    QTest::newRow("spaces both sides") << bare << true << "  both  " << words("_|_both|_|_");
    QTest::newRow("tab and newline stay")
        << bare << true << "one\ttab\nand a newline" << words("_one\ttab\nand|_a|_newline");
    QTest::newRow("text already marked") << bare << true << "▁already marked" << words("_already|_marked");
    QTest::newRow("only spaces") << bare << true << "   " << words("_|_|_");
    QTest::newRow("empty") << bare << true << "" << words("");
    // "always" prepends to every piece, whether or not it starts the text.
    QTest::newRow("always, not at start") << bare << false << "Hey" << words("_Hey");
    // An ASCII replacement: "_" is then the delimiter itself.
    QTest::newRow("ASCII replacement")
        << QByteArray(R"({"type": "Metaspace", "replacement": "_", "prepend_scheme": "always"})") << true
        << "_underscored_ text" << QStringList{"_underscored", "_", "_text"};
    // t5 / albert: whitespace removed first, then every word opened with ▁.
    QTest::newRow("T5 shape") << t5 << true << "hello   world" << words("_hello|_world");
    QTest::newRow("T5 tabs") << t5 << true << "one\ttab\nand a newline"
                             << words("_one|_tab|_and|_a|_newline");
    // prepend_scheme "first" (Llama-2 / Mistral's current export): only the piece that opens the text.
    const QByteArray first =
        R"({"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": false})";
    QTest::newRow("first, at start") << first << true << "Hey friend" << words("_Hey_friend");
    QTest::newRow("first, after an added token") << first << false << "Hey friend" << words("Hey_friend");
    QTest::newRow("never") << QByteArray(R"({"type": "Metaspace", "prepend_scheme": "never"})") << true
                           << "Hey friend" << words("Hey|_friend");
    QTest::newRow("legacy add_prefix_space false")
        << QByteArray(R"({"type": "Metaspace", "replacement": "▁", "add_prefix_space": false})") << true
        << "Hey friend" << words("Hey|_friend");
    QTest::newRow("legacy add_prefix_space true")
        << QByteArray(R"({"type": "Metaspace", "replacement": "▁", "add_prefix_space": true})") << false
        << "Hey" << words("_Hey");
    // Split then ByteLevel without its regex (Llama-3's shape): digits isolated, then bytes mapped (Ġ =
    // space).
    QTest::newRow("split digits, byte level") << QByteArray(R"({"type": "Sequence", "pretokenizers": [
               {"type": "Split", "pattern": {"Regex": "\\p{N}"}, "behavior": "Isolated", "invert": false},
               {"type": "ByteLevel", "add_prefix_space": false, "use_regex": false}]})")
                                              << true << "a 12 é" << QStringList{"aĠ", "1", "2", "ĠÃ©"};
    QTest::newRow("byte level with its regex")
        << QByteArray(R"({"type": "ByteLevel", "add_prefix_space": true})") << true << "Hello world"
        << QStringList{"ĠHello", "Ġworld"};
    QTest::newRow("whitespace split") << QByteArray(R"({"type": "WhitespaceSplit"})") << true
                                      << "  a\u00A0b\t c " << QStringList{"a", "b", "c"};
}

void TestPreTokenizer::preTokenize()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, atStart);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(attnlab::model::preTokenize(text, atStart, stepsFrom(json)), expected);
}

void TestPreTokenizer::splitBehaviors_data()
{
    QTest::addColumn<QString>("behavior");
    QTest::addColumn<bool>("invert");
    QTest::addColumn<QStringList>("expected");
    // "a b  c" split on " ": segments a | ␠ | b | ␠ | ␠ | c.
    QTest::newRow("Removed") << "Removed" << false << QStringList{"a", "b", "c"};
    QTest::newRow("Isolated") << "Isolated" << false << QStringList{"a", " ", "b", " ", " ", "c"};
    QTest::newRow("MergedWithPrevious") << "MergedWithPrevious" << false << QStringList{"a ", "b ", " ", "c"};
    QTest::newRow("MergedWithNext") << "MergedWithNext" << false << QStringList{"a", " b", " ", " c"};
    QTest::newRow("Contiguous") << "Contiguous" << false << QStringList{"a", " ", "b", "  ", "c"};
    // invert: the pattern marks the words; the spaces between are the delimiters.
    QTest::newRow("Removed, inverted") << "Removed" << true << QStringList{" ", " ", " "};
    QTest::newRow("MergedWithPrevious, inverted")
        << "MergedWithPrevious" << true << QStringList{"a", " b", " ", " c"};
}

void TestPreTokenizer::splitBehaviors()
{
    QFETCH(QString, behavior);
    QFETCH(bool, invert);
    QFETCH(QStringList, expected);
    const QByteArray json = QStringLiteral(R"({"type": "Split", "pattern": {"String": " "}, "behavior": "%1",
                                              "invert": %2})")
                                .arg(behavior, invert ? QStringLiteral("true") : QStringLiteral("false"))
                                .toUtf8();
    QCOMPARE(attnlab::model::preTokenize(QStringLiteral("a b  c"), true, stepsFrom(json)), expected);
}

void TestPreTokenizer::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown type") << QByteArray(R"({"type": "Punctuation"})") << "pre_tokenizer.type";
    QTest::newRow("unknown prepend_scheme")
        << QByteArray(R"({"type": "Metaspace", "prepend_scheme": "sometimes"})")
        << "pre_tokenizer.prepend_scheme";
    QTest::newRow("contradicting add_prefix_space")
        << QByteArray(R"({"type": "Metaspace", "add_prefix_space": false, "prepend_scheme": "always"})")
        << "pre_tokenizer.prepend_scheme";
    QTest::newRow("empty replacement")
        << QByteArray(R"({"type": "Metaspace", "replacement": ""})") << "pre_tokenizer.replacement";
    QTest::newRow("bad behavior") << QByteArray(
                                         R"({"type": "Split", "pattern": {"String": " "}, "behavior": "x"})")
                                  << "pre_tokenizer.behavior";
    QTest::newRow("bad regex")
        << QByteArray(R"({"type": "Split", "pattern": {"Regex": "("}, "behavior": "Isolated"})")
        << "pre_tokenizer.pattern";
    QTest::newRow("inside a sequence")
        << QByteArray(R"({"type": "Sequence", "pretokenizers": [{"type": "ByteLevel"}, {"type": "Nope"}]})")
        << "pre_tokenizer.pretokenizers[1].type";
}

void TestPreTokenizer::rejectsMalformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const auto steps = parsePreTokenizer(QJsonDocument::fromJson(json).object(), QStringLiteral("tok.json"));
    QVERIFY(!steps);
    QVERIFY2(steps.error().startsWith(QLatin1String("tok.json")) && steps.error().contains(expected),
             qPrintable(steps.error()));
}

void TestPreTokenizer::metaspaceFirstInsideTokenizer()
{
    const QString legacyPath = sharedDir() + QStringLiteral("/models/aidreams260K/tokenizer.json");
    if (!QFileInfo::exists(legacyPath))
        QSKIP(qPrintable("shared test models not found at " + sharedDir() + " (set ATTNLAB_SHARED)"));
    QFile file(legacyPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    root.insert(QStringLiteral("normalizer"), QJsonValue::Null);
    root.insert(QStringLiteral("pre_tokenizer"),
                QJsonObject{{QStringLiteral("type"), QStringLiteral("Metaspace")},
                            {QStringLiteral("replacement"), M},
                            {QStringLiteral("prepend_scheme"), QStringLiteral("first")},
                            {QStringLiteral("split"), false}});
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString currentPath = dir.filePath(QStringLiteral("tokenizer.json"));
    QFile out(currentPath);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(root).toJson());
    out.close();

    auto legacy = Tokenizer::load(legacyPath);
    auto current = Tokenizer::load(currentPath);
    QVERIFY2(legacy && current, qPrintable(legacy.error() + current.error()));
    for (const QString& text :
         {QStringLiteral("Echoes of vectors unfold"), QStringLiteral("two  spaces\nnext")})
        QCOMPARE((*current)->encode(text).ids, (*legacy)->encode(text).ids);
    // A leading space: Prepend always adds ▁ (as SentencePiece's dummy prefix does), Metaspace only when the
    // text does not already start with one, so the legacy form has one more "▁" token.
    const Encoding spaced = (*legacy)->encode(QStringLiteral(" two"));
    QCOMPARE(spaced.tokens.at(1), M);
    QCOMPARE((*current)->encode(QStringLiteral(" two")).tokens,
             spaced.tokens.mid(0, 1) + spaced.tokens.mid(2));

    // After the added token <s> the piece no longer opens the text: "first" adds no ▁ there, while the
    // legacy Prepend normalizer adds one to every piece.
    const Encoding a = (*current)->encode(QStringLiteral("<s>Echoes"));
    const Encoding b = (*legacy)->encode(QStringLiteral("<s>Echoes"));
    QCOMPARE(a.tokens.mid(0, 2), (QStringList{"<s>", "<s>"}));
    QVERIFY2(!a.tokens.at(2).startsWith(M), qPrintable(a.tokens.join(QLatin1Char(' '))));
    QVERIFY2(b.tokens.at(2).startsWith(M), qPrintable(b.tokens.join(QLatin1Char(' '))));
}

ATTNLAB_TEST_APPLESS_MAIN(TestPreTokenizer)
} // namespace tst_pre_tokenizer
#include "tst_pre_tokenizer.moc"
