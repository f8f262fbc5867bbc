// Tests model/tokenizers/tokenizer.cpp, bpe_tokenizer.cpp and wordpiece_tokenizer.cpp against the real GPT-2 and BERT
// vocabularies in ../shared. Expected ids come from the brief's reference encodings, or are looked up here,
// independently of the tokenizer, in vocab.json / vocab.txt: a GPT-2 row lists the byte strings of the
// tokens it must produce (found by applying merges.txt by hand), and the test maps them through its own copy
// of GPT-2's bytes_to_unicode table before looking them up.

#include "model/tokenizers/bpe_tokenizer.h"
#include "test_support.h"
#include "model/tokenizers/tokenizer.h"
#include "model/tokenizers/wordpiece_tokenizer.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using attnlab::model::BpeTokenizer;
using attnlab::model::Tokenizer;
using attnlab::test::sharedDir;

using ByteList = QList<QByteArray>;
using IdList = QList<int>;

namespace {

QString gpt2Dir()
{
    return sharedDir() + QStringLiteral("/tokenizers/gpt2");
}
QString bertDir()
{
    return sharedDir() + QStringLiteral("/tokenizers/bert-base-uncased");
}

// GPT-2's encoder.py bytes_to_unicode, written out again so the test does not trust the code under test.
QHash<unsigned char, QChar> testByteTable()
{
    QHash<unsigned char, QChar> table;
    int extra = 0;
    for (int b = 0; b < 256; ++b) {
        const bool keep = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        table.insert(static_cast<unsigned char>(b), QChar(keep ? b : 256 + extra++));
    }
    return table;
}

QString mapBytes(const QByteArray& bytes)
{
    static const auto table = testByteTable();
    QString s;
    for (const char c : bytes)
        s.append(table.value(static_cast<unsigned char>(c)));
    return s;
}

QByteArray unmapBytes(const QString& token)
{
    static const auto table = testByteTable();
    QByteArray out;
    for (const QChar c : token)
        out.append(char(table.key(c, 0)));
    return out;
}

QHash<QString, int> readJsonVocab(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QHash<QString, int> vocab;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        vocab.insert(it.key(), it.value().toInt());
    return vocab;
}

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

// Loading GPT-2's 50,000 merges takes a moment; the rows share one tokenizer per path.
attnlab::model::Result<std::shared_ptr<Tokenizer>> loadCached(const QString& path)
{
    static QHash<QString, std::shared_ptr<Tokenizer>> cache;
    if (cache.contains(path)) return cache.value(path);
    auto r = Tokenizer::load(path);
    if (r.ok()) cache.insert(path, r.value());
    return r;
}

IdList toList(const std::vector<int>& ids)
{
    return IdList(ids.begin(), ids.end());
}

} // namespace

#define LOAD_OR_SKIP(var, path)                                                                              \
    if (!QFileInfo::exists(path))                                                                            \
        QSKIP(                                                                                               \
            qPrintable(QStringLiteral("%1 is absent (set ATTNLAB_SHARED to the shared folder)").arg(path))); \
    const auto var##Result = loadCached(path);                                                               \
    QVERIFY2(var##Result.ok(), qPrintable(var##Result.error()));                                             \
    const std::shared_ptr<Tokenizer> var = var##Result.value();

class TestTokenizer : public QObject {
    Q_OBJECT

private slots:
    void byteLevelPiecesAsText_data()
    {
        QTest::addColumn<QString>("piece");
        QTest::addColumn<QString>("text");
        // GPT-2's table maps the space byte 0x20 to U+0120 "Ġ" and the newline 0x0A to U+010A "Ċ"; printable ASCII
        // maps to itself. 得 is E5 BE 97 in UTF-8: E5 -> "å" and BE -> "¾" (printable, themselves); 97 is the 25th of
        // the unprintable bytes 7F…A0, which follow the 33 of 00…20 from U+0100: U+0100 + 33 + 24 = U+0139 "Ĺ".
        QTest::newRow("space") << QStringLiteral("Ġanimal") << QStringLiteral(" animal");
        QTest::newRow("newline") << QStringLiteral("ĊĊ") << QStringLiteral("\n\n");
        QTest::newRow("ascii") << QStringLiteral("'t") << QStringLiteral("'t");
        QTest::newRow("whole CJK character") << QStringLiteral("å¾Ĺ") << QStringLiteral("得");
    }
    void byteLevelPiecesAsText()
    {
        QFETCH(QString, piece);
        QFETCH(QString, text);
        QCOMPARE(BpeTokenizer::byteLevelToText(piece), text);
    }

    void gpt2Reference_data();
    void gpt2Reference();
    void gpt2Split_data();
    void gpt2Split();
    void gpt2Pieces_data();
    void gpt2Pieces();
    void gpt2RoundTrip_data();
    void gpt2RoundTrip();
    void bert_data();
    void bert();
    void charVocabulary();
    void whitespaceSplitVocabulary();
    void byteFallback();
    void malformed_data();
    void malformed();
    void missingAndTruncated();
    void addedTokensRawAndNormalized();
};

void TestTokenizer::gpt2Reference_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("tokenizer.json") << gpt2Dir() + QStringLiteral("/tokenizer.json");
    QTest::newRow("vocab.json") << gpt2Dir() + QStringLiteral("/vocab.json");
    QTest::newRow("merges.txt") << gpt2Dir() + QStringLiteral("/merges.txt");
    QTest::newRow("folder") << gpt2Dir();
}

void TestTokenizer::gpt2Reference()
{
    QFETCH(QString, path);
    LOAD_OR_SKIP(tokenizer, path);
    const auto e =
        tokenizer->encode(QStringLiteral("The animal didn't cross the street because it was too tired."));
    QCOMPARE(toList(e.ids), (IdList{464, 5044, 1422, 470, 3272, 262, 4675, 780, 340, 373, 1165, 10032, 13}));
    QCOMPARE(e.tokens.size(), 13);
    QCOMPARE(e.tokens.at(1), QStringLiteral("\u0120animal"));
    QCOMPARE(tokenizer->vocabSize(), 50257);
    QCOMPARE(tokenizer->tokenText(464), QStringLiteral("The"));
    QCOMPARE(toList(tokenizer->encode(QStringLiteral("a<|endoftext|>b")).ids), (IdList{64, 50256, 65}));
}

void TestTokenizer::gpt2Split_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("pieces");
    QTest::newRow("two spaces, newlines")
        << QStringLiteral("Hello  world\n\n") << QStringList{"Hello", " ", " world", "\n\n"};
    QTest::newRow("leading spaces") << QStringLiteral("   Hi") << QStringList{"  ", " Hi"};
    QTest::newRow("trailing spaces") << QStringLiteral("Hi   ") << QStringList{"Hi", "   "};
    QTest::newRow("lone newline") << QStringLiteral("a\nb") << QStringList{"a", "\n", "b"};
    QTest::newRow("contractions") << QStringLiteral("I'm they'll 's")
                                  << QStringList{"I", "'m", " they", "'ll", " '", "s"};
    QTest::newRow("uppercase contraction") << QStringLiteral("I'M") << QStringList{"I", "'", "M"};
    QTest::newRow("numbers") << QStringLiteral("in 2024, x2") << QStringList{"in", " 2024", ",", " x", "2"};
    QTest::newRow("symbols") << QStringLiteral("?! ...")
                             << QStringList{
                                    "?!",
                                    " ...",
                                };
    QTest::newRow("persian") << QStringLiteral("سلام دنیا")
                             << QStringList{QStringLiteral("سلام"), QStringLiteral(" دنیا")};
    QTest::newRow("emoji") << QStringLiteral("hi 😀😀") << QStringList{"hi", QStringLiteral(" 😀😀")};
    QTest::newRow("empty") << QString() << QStringList{};
}

void TestTokenizer::gpt2Split()
{
    QFETCH(QString, text);
    QFETCH(QStringList, pieces);
    QCOMPARE(BpeTokenizer::splitGpt2(text), pieces);
}

void TestTokenizer::gpt2Pieces_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ByteList>("tokens"); // the bytes of each expected token
    QTest::newRow("two spaces, newlines")
        << QStringLiteral("Hello  world\n\n") << ByteList{"Hello", " ", " world", "\n\n"};
    QTest::newRow("leading space") << QStringLiteral(" Hello") << ByteList{" Hello"};
    QTest::newRow("leading spaces") << QStringLiteral("  Hello") << ByteList{" ", " Hello"};
    QTest::newRow("trailing space") << QStringLiteral("Hello ") << ByteList{"Hello", " "};
    QTest::newRow("lone newline") << QStringLiteral("\nHello") << ByteList{"\n", "Hello"};
    QTest::newRow("contractions") << QStringLiteral("I'm they'll 's")
                                  << ByteList{"I", "'m", " they", "'ll", " '", "s"};
    QTest::newRow("possessive") << QStringLiteral("It's") << ByteList{"It", "'s"};
    QTest::newRow("numbers") << QStringLiteral(" 2024 12345") << ByteList{" 2024", " 123", "45"};
    QTest::newRow("punctuation") << QStringLiteral("you ?!...") << ByteList{"you", " ?", "!", "..."};
    // U+1F600 is F0 9F 98 80; merges join F0 9F 98 ("ðŁĺ") but nothing with the last byte.
    QTest::newRow("emoji") << QStringLiteral("😀") << ByteList{"\xF0\x9F\x98", "\x80"};
    QTest::newRow("spaced emoji") << QStringLiteral(" 😀") << ByteList{" \xF0\x9F\x98", "\x80"};
    QTest::newRow("persian") << QStringLiteral("سلام")
                             << ByteList{"\xD8\xB3", "\xD9\x84", "\xD8\xA7", "\xD9\x85"};
    QTest::newRow("spaced persian") << QStringLiteral(" سلام")
                                    << ByteList{" \xD8", "\xB3", "\xD9\x84", "\xD8\xA7", "\xD9\x85"};
    QTest::newRow("japanese") << QStringLiteral("得意なスポーツ")
                              << ByteList{"\xE5\xBE", "\x97",         "\xE6\x84",
                                          "\x8F",     "\xE3\x81\xAA", "\xE3\x82\xB9",
                                          "\xE3\x83", "\x9D",         "\xE3\x83\xBC\xE3\x83",
                                          "\x84"};
}

void TestTokenizer::gpt2Pieces()
{
    QFETCH(QString, text);
    QFETCH(ByteList, tokens);
    LOAD_OR_SKIP(tokenizer, gpt2Dir() + QStringLiteral("/tokenizer.json"));
    const QHash<QString, int> vocab = readJsonVocab(gpt2Dir() + QStringLiteral("/vocab.json"));
    IdList expected;
    QByteArray joined;
    for (const QByteArray& t : tokens) {
        const QString mapped = mapBytes(t);
        QVERIFY2(vocab.contains(mapped), qPrintable(QStringLiteral("%1 not in vocab.json").arg(mapped)));
        expected.append(vocab.value(mapped));
        joined += t;
    }
    QCOMPARE(joined, text.toUtf8()); // the row itself is consistent
    const auto e = tokenizer->encode(text);
    QCOMPARE(toList(e.ids), expected);
}

void TestTokenizer::gpt2RoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("japanese question") << QStringLiteral("得意 な スポーツ は ？");
    QTest::newRow("persian") << QStringLiteral("سلام دنیا، می\u200Cخواهم");
    QTest::newRow("emoji family") << QStringLiteral("👩‍👩‍👧 ok 🇮🇷");
    QTest::newRow("controls") << QStringLiteral("tab\there\r\n\u0001 \u00A0end ");
    QTest::newRow("mixed") << QStringLiteral("Ünïcödé — “quotes” 3.14 ½ Ⅻ");
    QTest::newRow("combining marks") << QStringLiteral("e\u0301 नमस्ते");
}

void TestTokenizer::gpt2RoundTrip()
{
    QFETCH(QString, text);
    LOAD_OR_SKIP(tokenizer, gpt2Dir() + QStringLiteral("/tokenizer.json"));
    const QHash<QString, int> vocab = readJsonVocab(gpt2Dir() + QStringLiteral("/vocab.json"));
    const auto e = tokenizer->encode(text);
    QCOMPARE(qsizetype(e.ids.size()), e.tokens.size());
    QByteArray bytes;
    for (qsizetype i = 0; i < e.tokens.size(); ++i) {
        QCOMPARE(vocab.value(e.tokens[i], -1), e.ids[size_t(i)]);
        bytes += unmapBytes(e.tokens[i]);
    }
    QCOMPARE(QString::fromUtf8(bytes), text);
}

void TestTokenizer::bert_data()
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
        row("reference", QStringLiteral("Hello world!"), {"hello", "world", "!"});
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

void TestTokenizer::bert()
{
    QFETCH(QString, path);
    QFETCH(QString, text);
    QFETCH(QStringList, tokens);
    LOAD_OR_SKIP(tokenizer, path);
    const QHash<QString, int> vocab = readTxtVocab(bertDir() + QStringLiteral("/vocab.txt"));
    IdList expected{vocab.value(QStringLiteral("[CLS]"))};
    for (const QString& t : tokens) {
        QVERIFY2(vocab.contains(t), qPrintable(t));
        expected.append(vocab.value(t));
    }
    expected.append(vocab.value(QStringLiteral("[SEP]")));
    const auto e = tokenizer->encode(text);
    QCOMPARE(toList(e.ids), expected);
    QCOMPARE(e.tokens, QStringList{"[CLS]"} + tokens + QStringList{"[SEP]"});
    if (text == QLatin1String("Hello world!")) QCOMPARE(toList(e.ids), (IdList{101, 7592, 2088, 999, 102}));
    QCOMPARE(tokenizer->vocabSize(), 30522);
}

void TestTokenizer::charVocabulary()
{
    const QString dir = sharedDir() + QStringLiteral("/models/char-gpt-slm");
    LOAD_OR_SKIP(tokenizer, dir);
    const QHash<QString, int> vocab = readJsonVocab(dir + QStringLiteral("/vocab.json"));
    const QString text = QStringLiteral("What is 2026?\nA: Hello, world.");
    IdList expected;
    for (const QChar c : text)
        expected.append(vocab.value(QString(c), -1));
    QVERIFY(!expected.contains(-1));
    QCOMPARE(toList(tokenizer->encode(text).ids), expected);
    // No unknown token: HF's BPE drops characters outside the vocabulary.
    QCOMPARE(toList(tokenizer->encode(QStringLiteral("aZb")).ids),
             (IdList{vocab.value("a"), vocab.value("b")}));
    QCOMPARE(tokenizer->vocabSize(), 54);
    QCOMPARE(tokenizer->tokenText(vocab.value("H")), QStringLiteral("H"));
}

void TestTokenizer::whitespaceSplitVocabulary()
{
    const QString dir = sharedDir() + QStringLiteral("/models/gpt-nano-sort");
    LOAD_OR_SKIP(tokenizer, dir);
    const auto e = tokenizer->encode(QStringLiteral("C A  B\tA"));
    QCOMPARE(e.tokens, (QStringList{"C", "A", "B", "A"}));
    QCOMPARE(tokenizer->vocabSize(), 3);
}

void TestTokenizer::byteFallback()
{
    const QString dir = sharedDir() + QStringLiteral("/models/aidreams260K");
    LOAD_OR_SKIP(tokenizer, dir);
    // Ids from llama2.c's own encoder (merge the best-scored pair first) run on llama2c/tok512.bin.
    QCOMPARE(
        toList(tokenizer->encode(QStringLiteral("Echoes of vectors unfold, a gentle hum of precision")).ids),
        (IdList{1,   388, 355, 260, 275, 429, 339, 315, 374, 327,
                446, 262, 421, 392, 275, 280, 269, 440, 270, 283}));
    QCOMPARE(toList(tokenizer->encode(QStringLiteral("Hello  world")).ids),
             (IdList{1, 429, 480, 375, 438, 437, 429, 272, 284, 438, 441}));
    QCOMPARE(toList(tokenizer->encode(QStringLiteral("得意 x")).ids),
             (IdList{1, 429, 232, 193, 154, 233, 135, 146, 429, 458}));
    const QString text = QStringLiteral("Echoes of vectors 得");
    const auto e = tokenizer->encode(text);
    QVERIFY(!e.ids.empty());
    QCOMPARE(e.tokens.first(), QStringLiteral("<s>"));
    QByteArray bytes;
    for (qsizetype i = 1; i < e.tokens.size(); ++i) {
        const QString t = e.tokens[i];
        QCOMPARE(tokenizer->tokenText(e.ids[size_t(i)]), t);
        if (t.size() == 6 && t.startsWith(QLatin1String("<0x")))
            bytes.append(char(t.mid(3, 2).toInt(nullptr, 16)));
        else
            bytes += QString(t).replace(QChar(0x2581), QLatin1Char(' ')).toUtf8();
    }
    QCOMPARE(QString::fromUtf8(bytes), QLatin1Char(' ') + text);
    QVERIFY(e.tokens.contains(QStringLiteral("<0xE5>")));
}

void TestTokenizer::malformed_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("field"); // must appear in the error
    QTest::newRow("not json") << QByteArray("{ \"model\": ") << "not valid JSON";
    QTest::newRow("array") << QByteArray("[1, 2]") << "JSON object";
    QTest::newRow("model missing") << QByteArray("{}") << "\"model\"";
    QTest::newRow("unknown model type") << QByteArray(R"({"model": {"type": "Unigram"}})") << "model.type";
    QTest::newRow("vocab not an object")
        << QByteArray(R"({"model": {"type": "BPE", "vocab": [1], "merges": []}})") << "model.vocab";
    QTest::newRow("wordpiece vocab not an object")
        << QByteArray(R"({"model": {"type": "WordPiece", "vocab": 3}})") << "model.vocab";
    QTest::newRow("merge of unknown token")
        << QByteArray(R"({"model": {"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": ["a b"]}})")
        << "\"ab\"";
    QTest::newRow("merge of unknown pair form")
        << QByteArray(R"({"model": {"type": "BPE", "vocab": {"a": 0, "ab": 1}, "merges": [["a", "c"]]}})")
        << "\"c\"";
    QTest::newRow("merge malformed")
        << QByteArray(R"({"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a"]}})")
        << "model.merges[0]";
    QTest::newRow("huge id") << QByteArray(
                                    R"({"model": {"type": "BPE", "vocab": {"a": 1e15}, "merges": []}})")
                             << "model.vocab";
    QTest::newRow("negative id") << QByteArray(R"({"model": {"type": "WordPiece", "vocab": {"[UNK]": -1}}})")
                                 << "model.vocab";
    QTest::newRow("fractional id") << QByteArray(
                                          R"({"model": {"type": "BPE", "vocab": {"a": 0.5}, "merges": []}})")
                                   << "model.vocab";
    QTest::newRow("bad added token")
        << QByteArray(
               R"({"added_tokens": [{"id": "x"}], "model": {"type": "BPE", "vocab": {}, "merges": []}})")
        << "added_tokens[0]";
    QTest::newRow("unsupported pre_tokenizer")
        << QByteArray(
               R"({"pre_tokenizer": {"type": "Nope"}, "model": {"type": "BPE", "vocab": {}, "merges": []}})")
        << "pre_tokenizer.type";
    QTest::newRow("bad template")
        << QByteArray(
               R"({"post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "X"}}]},)"
               R"( "model": {"type": "BPE", "vocab": {}, "merges": []}})")
        << "post_processor.special_tokens";
    QTest::newRow("wordpiece without unk")
        << QByteArray(R"({"model": {"type": "WordPiece", "vocab": {"a": 0}}})") << "model.unk_token";
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

    // merges.txt with an unknown token, beside a valid vocab.json.
    QFile vocab(dir.filePath(QStringLiteral("vocab.json")));
    QVERIFY(vocab.open(QIODevice::WriteOnly));
    vocab.write(R"({"a": 0, "b": 1, "ab": 2})");
    vocab.close();
    QFile merges(dir.filePath(QStringLiteral("merges.txt")));
    QVERIFY(merges.open(QIODevice::WriteOnly));
    merges.write("#version: 0.2\na b\nab c\n");
    merges.close();
    r = Tokenizer::load(dir.path());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(merges.fileName()) && r.error().contains(QLatin1String("\"c\"")),
             qPrintable(r.error()));

    // The real GPT-2 tokenizer.json cut in the middle.
    QFile gpt2(gpt2Dir() + QStringLiteral("/tokenizer.json"));
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

    // An unpaired surrogate neither crashes nor yields ids outside the vocabulary.
    LOAD_OR_SKIP(tokenizer, gpt2Dir() + QStringLiteral("/tokenizer.json"));
    QString odd = QStringLiteral("a b");
    odd[1] = QChar(0xD800);
    for (const int id : tokenizer->encode(odd).ids)
        QVERIFY(id >= 0 && id < tokenizer->vocabSize());
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
    QCOMPARE(toList(r.value()->encode(QStringLiteral("FOO a [x] [X]")).ids), (IdList{3, 1, 2, 0, 0, 0}));
    const auto e = r.value()->encode(QStringLiteral("a   <m>a"));
    QCOMPARE(toList(e.ids), (IdList{1, 4, 1}));
    QCOMPARE(e.tokens, (QStringList{"a", "<m>", "a"}));
    QCOMPARE(r.value()->vocabSize(), 5);
    QCOMPARE(r.value()->tokenText(4), QStringLiteral("<m>"));
}

QTEST_APPLESS_MAIN(TestTokenizer)
#include "tst_tokenizer.moc"
