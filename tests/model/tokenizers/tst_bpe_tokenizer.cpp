// Tests model/tokenizers/bpe_tokenizer.cpp. Two kinds of reference: small vocabularies written here whose
// merges are applied by hand in the comments, and the real GPT-2, Llama 3, Qwen 3, Gemma 3 and 32k SentencePiece vocabularies of
// ../shared against the ids Hugging Face's tokenizers.js gives (reference_ids.json), or against tokens found
// by hand in vocab.json. The test keeps its own copy of GPT-2's bytes_to_unicode table, so that byte-level
// strings are never mapped by the code under test.

#include "model/tokenizers/bpe_tokenizer.h"
#include "model/tokenizers/reference_encodings.h"
#include "test_support.h"
#include "test_registry.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

namespace tst_bpe_tokenizer {

using attnlab::model::BpeTokenizer;
using attnlab::model::Tokenizer;
using attnlab::test::idList;
using attnlab::test::sharedDir;

using ByteList = QList<QByteArray>;
using IdList = QList<int>;

namespace {

QString gpt2Dir()
{
    return sharedDir() + QStringLiteral("/tokenizers/gpt2");
}

// GPT-2's encoder.py bytes_to_unicode, written out again: printable bytes stay, the other 68 become U+0100…
// in byte order.
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

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

// The hand-made byte-level vocabulary ("Ġ" is the space byte 0x20 in GPT-2's table) and its merges by rank:
//   0: l o -> lo     1: lo w -> low    2: e r -> er    3: Ġ l -> Ġl
//   4: o w -> ow     5: Ġ low -> Ġlow  6: o o -> oo
const char* const kHandVocab = R"({"l": 0, "o": 1, "w": 2, "e": 3, "r": 4, "Ġ": 5, "lo": 6, "low": 7, "er": 8,
                                  "Ġl": 9, "ow": 10, "Ġlow": 11, "oo": 12, "<|endoftext|>": 13})";
const char* const kHandMerges = "#version: 0.2\nl o\nlo w\ne r\nĠ l\no w\nĠ low\no o\n";

// The same vocabulary as a tokenizer.json with an unknown token (id 14) and "wo" (15), which no merge makes;
// `extra` adds fields to "model" (fuse_unk, ignore_merges). Merges in both of HF's spellings.
QJsonObject handTokenizerJson(const QJsonObject& extra)
{
    QJsonObject vocab = QJsonDocument::fromJson(kHandVocab).object();
    vocab.insert(QStringLiteral("<unk>"), 14);
    vocab.insert(QStringLiteral("wo"), 15);
    QJsonObject model{{"type", "BPE"},
                      {"vocab", vocab},
                      {"merges", QJsonArray{"l o", QJsonArray{"lo", "w"}, "e r", QStringLiteral("Ġ l"), "o w",
                                            QStringLiteral("Ġ low"), "o o"}},
                      {"unk_token", "<unk>"}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        model.insert(it.key(), it.value());
    return QJsonObject{
        {"model", model},
        {"pre_tokenizer",
         QJsonObject{{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}}};
}

} // namespace

class TestBpeTokenizer : public QObject {
    Q_OBJECT

private slots:
    void handMadeMerges_data();
    void handMadeMerges();
    void handMadeTokenTexts();
    void unknownToken_data();
    void unknownToken();
    void byteFallback_data();
    void byteFallback();
    void byteLevelPiecesAsText_data();
    void byteLevelPiecesAsText();
    void gpt2Split_data();
    void gpt2Split();
    void reference_data();
    void reference();
    void largeVocabularyLoads();
    void gpt2Pieces_data();
    void gpt2Pieces();
    void gpt2RoundTrip_data();
    void gpt2RoundTrip();
    void charVocabulary();
    void whitespaceSplitVocabulary();
    void llama2ByteFallback();
    void unpairedSurrogate();
    void malformed_data();
    void malformed();
    void mergesTxtWithUnknownToken();
};

void TestBpeTokenizer::handMadeMerges_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<IdList>("ids");
    // l o w: pairs lo (rank 0) and ow (4); lo first, then lo w (1).
    QTest::newRow("one word") << QStringLiteral("low") << IdList{7};
    // l o w e r -> lo w e r -> low e r -> low er: no merge joins low and er.
    QTest::newRow("two merged halves") << QStringLiteral("lower") << IdList{7, 8};
    // " low" is one GPT-2 piece, bytes Ġ l o w. Leftmost first would merge Ġ l (3) and then o w (4): Ġl ow.
    // By rank: l o (0) -> Ġ lo w, lo w (1) -> Ġ low, Ġ low (5) -> Ġlow.
    QTest::newRow("rank before position") << QStringLiteral(" low") << IdList{11};
    // w o w: only o w (4) has a merge, however bad its rank.
    QTest::newRow("late rank alone") << QStringLiteral("wow") << IdList{2, 10};
    // o o o: both pairs are o o (6); the leftmost merges and takes its o from the second.
    QTest::newRow("overlapping pairs") << QStringLiteral("ooo") << IdList{12, 1};
    // Pieces "lower", " low".
    QTest::newRow("two words") << QStringLiteral("lower low") << IdList{7, 8, 11};
    // Pieces "low", " ", " low": the first space of two is a piece of its own, Ġ.
    QTest::newRow("two spaces") << QStringLiteral("low  low") << IdList{7, 5, 11};
    // x is not in the vocabulary and there is no unknown token: HF drops it, and l o are then neighbours.
    QTest::newRow("unknown character dropped") << QStringLiteral("lxo") << IdList{6};
    // é is C3 A9, "Ã©" in the table; neither is in the vocabulary.
    QTest::newRow("unknown multi-byte character") << QStringLiteral("é") << IdList{};
    QTest::newRow("empty") << QString() << IdList{};
    // merges.txt's vocabulary has <|endoftext|>: an added token, matched before the pieces are split.
    QTest::newRow("end of text") << QStringLiteral("low<|endoftext|> low") << IdList{7, 13, 11};
}

void TestBpeTokenizer::handMadeMerges()
{
    QFETCH(QString, text);
    QFETCH(IdList, ids);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString vocab = dir.filePath(QStringLiteral("vocab.json"));
    const QString merges = dir.filePath(QStringLiteral("merges.txt"));
    QVERIFY(writeFile(vocab, kHandVocab) && writeFile(merges, kHandMerges));
    const auto tokenizer = BpeTokenizer::fromVocabAndMerges(vocab, merges);
    QVERIFY2(tokenizer, qPrintable(tokenizer.error()));
    const auto e = (*tokenizer)->encode(text);
    QCOMPARE(idList(e.ids), ids);
    QCOMPARE(e.tokens.size(), ids.size());
}

void TestBpeTokenizer::handMadeTokenTexts()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString vocab = dir.filePath(QStringLiteral("vocab.json"));
    const QString merges = dir.filePath(QStringLiteral("merges.txt"));
    QVERIFY(writeFile(vocab, kHandVocab) && writeFile(merges, QByteArray(kHandMerges).replace("\n", "\r\n")));
    const auto tokenizer = BpeTokenizer::fromVocabAndMerges(vocab, merges);
    QVERIFY2(tokenizer, qPrintable(tokenizer.error()));
    const Tokenizer& t = **tokenizer;
    QCOMPARE(t.encode(QStringLiteral("lower low")).tokens,
             (QStringList{"low", "er", QStringLiteral("Ġlow")}));
    QCOMPARE(t.tokenText(11), QStringLiteral("Ġlow"));
    QCOMPARE(t.displayText(11), QStringLiteral(" low"));
    QCOMPARE(t.displayText(13), QStringLiteral("<|endoftext|>"));
    QCOMPARE(t.tokenText(99), QString());
    QCOMPARE(t.vocabSize(), 14);
}

void TestBpeTokenizer::unknownToken_data()
{
    QTest::addColumn<QJsonObject>("options");
    QTest::addColumn<QString>("text");
    QTest::addColumn<IdList>("ids");
    const QJsonObject fuse{{"fuse_unk", true}};
    // With an unknown token (14) x stays a symbol between l and o, so l o never merge.
    QTest::newRow("unknown between") << QJsonObject() << QStringLiteral("lxo") << IdList{0, 14, 1};
    QTest::newRow("one per character") << QJsonObject() << QStringLiteral("xxlow") << IdList{14, 14, 7};
    QTest::newRow("fused") << fuse << QStringLiteral("xxlow") << IdList{14, 7};
    // é is two byte-level characters, Ã and ©: two unknown tokens, or one fused.
    QTest::newRow("multi-byte") << QJsonObject() << QStringLiteral("é") << IdList{14, 14};
    QTest::newRow("multi-byte fused") << fuse << QStringLiteral("é") << IdList{14};
    // "wo" is in the vocabulary but no merge makes it: w o. Llama 3's ignore_merges takes a whole word as is.
    QTest::newRow("merges only") << QJsonObject() << QStringLiteral("wo") << IdList{2, 1};
    QTest::newRow("ignore merges") << QJsonObject{{"ignore_merges", true}} << QStringLiteral("wo")
                                   << IdList{15};
    QTest::newRow("ignore merges, not a word")
        << QJsonObject{{"ignore_merges", true}} << QStringLiteral("lower") << IdList{7, 8};
}

void TestBpeTokenizer::unknownToken()
{
    QFETCH(QJsonObject, options);
    QFETCH(QString, text);
    QFETCH(IdList, ids);
    const auto tokenizer = BpeTokenizer::fromJson(handTokenizerJson(options), QStringLiteral("hand.json"));
    QVERIFY2(tokenizer, qPrintable(tokenizer.error()));
    QCOMPARE(idList((*tokenizer)->encode(text).ids), ids);
}

void TestBpeTokenizer::byteFallback_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<IdList>("ids");
    // c a f é: é is C3 A9 in UTF-8, both byte tokens exist; then c a (rank 0) -> ca, ca f (1) -> caf.
    QTest::newRow("all bytes known") << QStringLiteral("café") << IdList{7, 1, 2};
    // € is E2 82 AC: <0x82> is missing, so the whole character is the unknown token, never part of its bytes.
    QTest::newRow("a byte missing") << QStringLiteral("ca€") << IdList{6, 0};
}

void TestBpeTokenizer::byteFallback()
{
    QFETCH(QString, text);
    QFETCH(IdList, ids);
    // Llama 2's kind: characters, no pre-tokenizer, <0xNN> tokens for the bytes of unknown characters.
    const QJsonObject root = QJsonDocument::fromJson(R"({"model": {"type": "BPE", "unk_token": "<unk>",
        "byte_fallback": true, "merges": ["c a", "ca f"],
        "vocab": {"<unk>": 0, "<0xC3>": 1, "<0xA9>": 2, "c": 3, "a": 4, "f": 5, "ca": 6, "caf": 7,
                  "<0xE2>": 8, "<0xAC>": 9}}})")
                                 .object();
    const auto tokenizer = BpeTokenizer::fromJson(root, QStringLiteral("fallback.json"));
    QVERIFY2(tokenizer, qPrintable(tokenizer.error()));
    QCOMPARE(idList((*tokenizer)->encode(text).ids), ids);
}

void TestBpeTokenizer::byteLevelPiecesAsText_data()
{
    QTest::addColumn<QString>("piece");
    QTest::addColumn<QString>("text");
    // GPT-2's table maps the space byte 0x20 to U+0120 "Ġ" and the newline 0x0A to U+010A "Ċ"; printable
    // ASCII maps to itself. 得 is E5 BE 97 in UTF-8: E5 -> "å" and BE -> "¾" (printable, themselves); 97 is
    // the 25th of the unprintable bytes 7F…A0, which follow the 33 of 00…20 from U+0100:
    // U+0100 + 33 + 24 = U+0139 "Ĺ".
    QTest::newRow("space") << QStringLiteral("Ġanimal") << QStringLiteral(" animal");
    QTest::newRow("newline") << QStringLiteral("ĊĊ") << QStringLiteral("\n\n");
    QTest::newRow("ascii") << QStringLiteral("'t") << QStringLiteral("'t");
    QTest::newRow("whole CJK character") << QStringLiteral("å¾Ĺ") << QStringLiteral("得");
}

void TestBpeTokenizer::byteLevelPiecesAsText()
{
    QFETCH(QString, piece);
    QFETCH(QString, text);
    QCOMPARE(BpeTokenizer::byteLevelToText(piece), text);
    QCOMPARE(BpeTokenizer::bytesToUnicode(text.toUtf8()), piece);
}

void TestBpeTokenizer::gpt2Split_data()
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
    QTest::newRow("symbols") << QStringLiteral("?! ...") << QStringList{"?!", " ..."};
    QTest::newRow("persian") << QStringLiteral("سلام دنیا")
                             << QStringList{QStringLiteral("سلام"), QStringLiteral(" دنیا")};
    QTest::newRow("emoji") << QStringLiteral("hi 😀😀") << QStringList{"hi", QStringLiteral(" 😀😀")};
    QTest::newRow("empty") << QString() << QStringList{};
}

void TestBpeTokenizer::gpt2Split()
{
    QFETCH(QString, text);
    QFETCH(QStringList, pieces);
    QCOMPARE(BpeTokenizer::splitGpt2(text), pieces);
}

void TestBpeTokenizer::reference_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");
    QTest::addColumn<IdList>("ids");
    const QString dir = attnlab::test::sharedTokenizersDir();
    attnlab::test::addReferenceRows(QStringLiteral("gpt2"), dir + QStringLiteral("/gpt2/tokenizer.json"));
    // GPT-2's original files give the same ids, <|endoftext|> included.
    attnlab::test::addReferenceRows(QStringLiteral("gpt2"), dir + QStringLiteral("/gpt2/vocab.json"));
    attnlab::test::addReferenceRows(QStringLiteral("llama3"), dir + QStringLiteral("/llama3/tokenizer.json"));
    attnlab::test::addReferenceRows(QStringLiteral("qwen3"), dir + QStringLiteral("/qwen3/tokenizer.json"));
    // SentencePiece BPE with byte fallback and no pre-tokenizer; both start with BOS (tokenizer_config.json's
    // add_bos_token).
    attnlab::test::addReferenceRows(QStringLiteral("gemma3"), dir + QStringLiteral("/gemma3/tokenizer.json"));
    attnlab::test::addReferenceRows(QStringLiteral("sp-bpe-32k"),
                                    dir + QStringLiteral("/sp-bpe-32k/tokenizer.json"));
}

void TestBpeTokenizer::reference()
{
    QFETCH(QString, path);
    QFETCH(QString, text);
    QFETCH(IdList, ids);
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, path);
    QVERIFY(dynamic_cast<const BpeTokenizer*>(tokenizer.get()));
    QCOMPARE(idList(tokenizer->encode(text).ids), ids);
}

// Gemma 3's 33 MB tokenizer.json (262,144 tokens, 514,906 merges, 6,415 added tokens), loaded from the file (not
// the cached one): its 262,145 entries. How long that takes is measured by tests/bench/bench_tokenizers (README
// "Tokenizers"): a wall-clock limit here would fail under the sanitizers and on a busy machine without saying
// anything about the code.
void TestBpeTokenizer::largeVocabularyLoads()
{
    const QString path = attnlab::test::sharedTokenizersDir() + QStringLiteral("/gemma3/tokenizer.json");
    if (!QFileInfo::exists(path))
        QSKIP(qPrintable(QStringLiteral("%1 is absent (set ATTNLAB_SHARED to the shared folder)").arg(path)));
    QElapsedTimer timer;
    timer.start();
    const auto tokenizer = Tokenizer::load(path);
    QVERIFY2(tokenizer, qPrintable(tokenizer.error()));
    QCOMPARE((*tokenizer)->vocabSize(), 262145); // 262,144 tokens and <image_soft_token> 262144
    qInfo("gemma3/tokenizer.json loaded in %.0f ms", timer.nsecsElapsed() / 1e6);
}

void TestBpeTokenizer::gpt2Pieces_data()
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

void TestBpeTokenizer::gpt2Pieces()
{
    QFETCH(QString, text);
    QFETCH(ByteList, tokens);
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, gpt2Dir() + QStringLiteral("/tokenizer.json"));
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
    QCOMPARE(idList(tokenizer->encode(text).ids), expected);
}

void TestBpeTokenizer::gpt2RoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("japanese question") << QStringLiteral("得意 な スポーツ は ？");
    QTest::newRow("persian") << QStringLiteral("سلام دنیا، می\u200Cخواهم");
    QTest::newRow("emoji family") << QStringLiteral("👩‍👩‍👧 ok 🇮🇷");
    QTest::newRow("controls") << QStringLiteral("tab\there\r\n\u0001 \u00A0end ");
    QTest::newRow("mixed") << QStringLiteral("Ünïcödé — “quotes” 3.14 ½ Ⅻ");
    QTest::newRow("combining marks") << QStringLiteral("e\u0301 नमस्ते");
}

// Every byte of the text is in exactly one token, in order, and each token's id is its vocab.json id.
void TestBpeTokenizer::gpt2RoundTrip()
{
    QFETCH(QString, text);
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, gpt2Dir() + QStringLiteral("/tokenizer.json"));
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

void TestBpeTokenizer::charVocabulary()
{
    const QString dir = sharedDir() + QStringLiteral("/models/char-gpt-slm");
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, dir);
    const QHash<QString, int> vocab = readJsonVocab(dir + QStringLiteral("/vocab.json"));
    const QString text = QStringLiteral("What is 2026?\nA: Hello, world.");
    IdList expected;
    for (const QChar c : text)
        expected.append(vocab.value(QString(c), -1));
    QVERIFY(!expected.contains(-1));
    QCOMPARE(idList(tokenizer->encode(text).ids), expected);
    // No unknown token: HF's BPE drops characters outside the vocabulary.
    QCOMPARE(idList(tokenizer->encode(QStringLiteral("aZb")).ids),
             (IdList{vocab.value("a"), vocab.value("b")}));
    QCOMPARE(tokenizer->vocabSize(), 54);
    QCOMPARE(tokenizer->tokenText(vocab.value("H")), QStringLiteral("H"));
}

void TestBpeTokenizer::whitespaceSplitVocabulary()
{
    const QString dir = sharedDir() + QStringLiteral("/models/gpt-nano-sort");
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, dir);
    const auto e = tokenizer->encode(QStringLiteral("C A  B\tA"));
    QCOMPARE(e.tokens, (QStringList{"C", "A", "B", "A"}));
    QCOMPARE(tokenizer->vocabSize(), 3);
}

void TestBpeTokenizer::llama2ByteFallback()
{
    const QString dir = sharedDir() + QStringLiteral("/models/aidreams260K");
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, dir);
    // Ids from llama2.c's own encoder (merge the best-scored pair first) run on llama2c/tok512.bin.
    QCOMPARE(
        idList(tokenizer->encode(QStringLiteral("Echoes of vectors unfold, a gentle hum of precision")).ids),
        (IdList{1,   388, 355, 260, 275, 429, 339, 315, 374, 327,
                446, 262, 421, 392, 275, 280, 269, 440, 270, 283}));
    QCOMPARE(idList(tokenizer->encode(QStringLiteral("Hello  world")).ids),
             (IdList{1, 429, 480, 375, 438, 437, 429, 272, 284, 438, 441}));
    QCOMPARE(idList(tokenizer->encode(QStringLiteral("得意 x")).ids),
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

// An unpaired surrogate neither crashes nor yields ids outside the vocabulary.
void TestBpeTokenizer::unpairedSurrogate()
{
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, gpt2Dir() + QStringLiteral("/tokenizer.json"));
    QString odd = QStringLiteral("a b");
    odd[1] = QChar(0xD800);
    const auto e = tokenizer->encode(odd);
    QVERIFY(!e.ids.empty());
    for (const int id : e.ids)
        QVERIFY(id >= 0 && id < tokenizer->vocabSize());
}

void TestBpeTokenizer::malformed_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("field"); // must appear in the error, after the file's name
    QTest::newRow("vocab not an object")
        << QByteArray(R"({"model": {"type": "BPE", "vocab": [1], "merges": []}})") << "model.vocab";
    QTest::newRow("merges not an array")
        << QByteArray(R"({"model": {"type": "BPE", "vocab": {}, "merges": "a b"}})") << "model.merges";
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
    QTest::newRow("fractional id") << QByteArray(
                                          R"({"model": {"type": "BPE", "vocab": {"a": 0.5}, "merges": []}})")
                                   << "model.vocab";
    QTest::newRow("subword prefix")
        << QByteArray(
               R"({"model": {"type": "BPE", "vocab": {}, "merges": [], "continuing_subword_prefix": "##"}})")
        << "model.continuing_subword_prefix";
    QTest::newRow("unsupported pre_tokenizer")
        << QByteArray(
               R"({"pre_tokenizer": {"type": "Nope"}, "model": {"type": "BPE", "vocab": {}, "merges": []}})")
        << "pre_tokenizer.type";
}

void TestBpeTokenizer::malformed()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, field);
    const QString file = QStringLiteral("bad.json");
    const auto r = BpeTokenizer::fromJson(QJsonDocument::fromJson(content).object(), file);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().startsWith(file) && r.error().contains(field), qPrintable(r.error()));
}

void TestBpeTokenizer::mergesTxtWithUnknownToken()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString vocab = dir.filePath(QStringLiteral("vocab.json"));
    const QString merges = dir.filePath(QStringLiteral("merges.txt"));
    QVERIFY(writeFile(vocab, R"({"a": 0, "b": 1, "ab": 2})"));
    QVERIFY(writeFile(merges, "#version: 0.2\na b\nab c\n"));
    auto r = BpeTokenizer::fromVocabAndMerges(vocab, merges);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().startsWith(merges) && r.error().contains(QLatin1String("\"c\"")),
             qPrintable(r.error()));
    QVERIFY(writeFile(merges, "#version: 0.2\na b\nab\n"));
    r = BpeTokenizer::fromVocabAndMerges(vocab, merges);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().startsWith(merges) && r.error().contains(QLatin1String("line 3")),
             qPrintable(r.error()));
}

ATTNLAB_TEST_APPLESS_MAIN(TestBpeTokenizer)
} // namespace tst_bpe_tokenizer
#include "tst_bpe_tokenizer.moc"
