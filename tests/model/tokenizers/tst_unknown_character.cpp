// Tests model/tokenizers/unknown_character.cpp and how every tokenizer reports what its vocabulary cannot spell
// (bpe_tokenizer.cpp, wordpiece_tokenizer.cpp, llama2c_tokenizer.cpp). References: tiny vocabularies written here,
// whose tokens and gaps are worked out by hand in the comments, and the character model of ../shared, whose
// 54-character vocabulary (vocab.json) has no apostrophe and no Japanese.

#include "model/tokenizers/bpe_tokenizer.h"
#include "model/tokenizers/reference_encodings.h"
#include "model/tokenizers/wordpiece_tokenizer.h"
#include "test_registry.h"
#include "test_support.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

Q_DECLARE_METATYPE(std::vector<attnlab::model::UnknownCharacter>)

namespace attnlab::model {
// QCOMPARE's message for two lists that differ (found by argument-dependent lookup).
inline char* toString(const std::vector<UnknownCharacter>& unknown)
{
    QStringList items;
    for (const UnknownCharacter& u : unknown)
        items << QStringLiteral("{%1, %2, %3, word of %4}")
                     .arg(u.character)
                     .arg(u.token)
                     .arg(u.dropped ? "dropped" : "unknown token")
                     .arg(u.wordLength);
    return qstrdup(items.join(QStringLiteral(", ")).toUtf8().constData());
}
} // namespace attnlab::model

namespace tst_unknown_character {

using attnlab::model::BpeTokenizer;
using attnlab::model::Encoding;
using attnlab::model::Tokenizer;
using attnlab::model::UnknownCharacter;
using attnlab::model::WordpieceTokenizer;
using attnlab::model::quotedCharacter;
using attnlab::model::unknownCharactersWarning;
using attnlab::test::sharedDir;
using Unknown = std::vector<UnknownCharacter>;

namespace {

// Characters a, b, n, t and the merge n + t; no pre-tokenizer, so a text is one word. `model` adds fields.
std::shared_ptr<Tokenizer> tinyBpe(const QJsonObject& extra = {})
{
    QJsonObject model{{"type", "BPE"},
                      {"vocab", QJsonObject{{"a", 0}, {"b", 1}, {"n", 2}, {"t", 3}, {"nt", 4}, {"<unk>", 5}, {"<0xE2>", 6}}},
                      {"merges", QJsonArray{"n t"}}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        model.insert(it.key(), it.value());
    auto t = BpeTokenizer::fromJson(QJsonObject{{"model", model}}, QStringLiteral("tiny.json"));
    return t ? *t : nullptr;
}

std::shared_ptr<Tokenizer> tinyWordpiece()
{
    const QJsonObject root = QJsonDocument::fromJson(R"({"model": {"type": "WordPiece", "unk_token": "[UNK]",
        "vocab": {"[UNK]": 0, "un": 1, "##able": 2, "x": 3, "##y": 4}},
        "pre_tokenizer": {"type": "WhitespaceSplit"}})")
                                 .object();
    auto t = WordpieceTokenizer::fromJson(root, QStringLiteral("wordpiece.json"));
    return t ? *t : nullptr;
}

} // namespace

class TestUnknownCharacter : public QObject {
    Q_OBJECT
private slots:
    void warningNamesEachCharacterOnceWithItsPlaces();
    void warningForOneCharacterAndForNone();
    void invisibleCharactersAreNamedByCodePoint();
    void bpeWithoutUnknownTokenDrops_data();
    void bpeWithoutUnknownTokenDrops();
    void bpeUnknownToken_data();
    void bpeUnknownToken();
    void byteFallbackWithoutTheByteTokens();
    void knownTextReportsNothing();
    void wordpieceUnknownWord_data();
    void wordpieceUnknownWord();
    void wordpieceWordTooLong();
    void bertWordTooLong();
    void characterModelApostrophe();
    void characterModelJapanese();
    void byteFallbackModelsLoseNothing();
};

void TestUnknownCharacter::warningNamesEachCharacterOnceWithItsPlaces()
{
    // Tokens I ␣ a m ␣ . with 得 and 意 dropped before the "." (index 5) and "!" twice at the end (index 6), and
    // one character that became the unknown token at index 2.
    const QStringList tokens{"I", " ", "<unk>", "m", " ", "."};
    const Unknown unknown{{QStringLiteral("得"), 5, true},
                          {QStringLiteral("意"), 5, true},
                          {QStringLiteral("é"), 2, false},
                          {QStringLiteral("得"), 1, true},
                          {QStringLiteral("!"), 6, true},
                          {QStringLiteral("!"), 6, true}};
    QCOMPARE(unknownCharactersWarning(unknown, tokens),
             QStringLiteral("4 characters are not in the vocabulary: «得» dropped before tokens 6, 2; "
                            "«意» dropped before token 6; «é» became token 3 (<unk>); «!» dropped at the end."));
}

void TestUnknownCharacter::warningForOneCharacterAndForNone()
{
    QCOMPARE(unknownCharactersWarning({}, {"a"}), QString());
    QCOMPARE(unknownCharactersWarning({{QStringLiteral("'"), 4, true}}, {"d", "i", "d", "n", "t"}),
             QStringLiteral("1 character is not in the vocabulary: «'» dropped before token 5."));
    QCOMPARE(unknownCharactersWarning({{QStringLiteral(" "), 0, true}}, {"a"}),
             QStringLiteral("1 character is not in the vocabulary: « » dropped before token 1."));
}

void TestUnknownCharacter::invisibleCharactersAreNamedByCodePoint()
{
    QCOMPARE(quotedCharacter(QStringLiteral("\t")), QStringLiteral("«U+0009»"));
    QCOMPARE(quotedCharacter(QStringLiteral("\u200B")), QStringLiteral("«U+200B»"));
    QCOMPARE(quotedCharacter(QStringLiteral("\u3000")), QStringLiteral("«U+3000»"));
    QCOMPARE(quotedCharacter(QStringLiteral(" ")), QStringLiteral("« »"));
    QCOMPARE(quotedCharacter(QStringLiteral("😀")), QStringLiteral("«😀»"));
}

void TestUnknownCharacter::bpeWithoutUnknownTokenDrops_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tokens");
    QTest::addColumn<QString>("character");
    QTest::addColumn<int>("token");
    // "a'b": a, b; the apostrophe was between them, before token 1.
    QTest::newRow("between") << "a'b" << QStringList{"a", "b"} << "'" << 1;
    QTest::newRow("first") << "'ab" << QStringList{"a", "b"} << "'" << 0;
    QTest::newRow("at the end") << "ab'" << QStringList{"a", "b"} << "'" << 2;
    // "an't": a, n, t once the apostrophe is gone, and n + t merge: the gap is inside token 1, "nt".
    QTest::newRow("inside a merge") << "an't" << QStringList{"a", "nt"} << "'" << 1;
    // A character outside the Basic Multilingual Plane is one character, two UTF-16 units.
    QTest::newRow("surrogate pair") << "a😀b" << QStringList{"a", "b"} << "😀" << 1;
}

void TestUnknownCharacter::bpeWithoutUnknownTokenDrops()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tokens);
    QFETCH(QString, character);
    QFETCH(int, token);
    // No unk_token: as Hugging Face, the character is dropped, and now said so.
    const auto tokenizer = tinyBpe();
    QVERIFY(tokenizer);
    const Encoding e = tokenizer->encode(text);
    QCOMPARE(e.tokens, tokens);
    QCOMPARE(e.unknown, (Unknown{{character, token, true}}));
    // A second encoding of the same word comes from the cache and must say the same.
    QCOMPARE(tokenizer->encode(text).unknown, e.unknown);
}

void TestUnknownCharacter::bpeUnknownToken_data()
{
    QTest::addColumn<bool>("fuse");
    QTest::addColumn<QStringList>("tokens");
    QTest::addColumn<int>("secondToken");
    // "a€£b": € and £ are not in the vocabulary. Without fusing each becomes <unk> (tokens 1 and 2); fused,
    // the run is one <unk> (token 1) that both became.
    QTest::newRow("each") << false << QStringList{"a", "<unk>", "<unk>", "b"} << 2;
    QTest::newRow("fused") << true << QStringList{"a", "<unk>", "b"} << 1;
}

void TestUnknownCharacter::bpeUnknownToken()
{
    QFETCH(bool, fuse);
    QFETCH(QStringList, tokens);
    QFETCH(int, secondToken);
    const auto tokenizer = tinyBpe(QJsonObject{{"unk_token", "<unk>"}, {"fuse_unk", fuse}});
    QVERIFY(tokenizer);
    const Encoding e = tokenizer->encode(QStringLiteral("a€£b"));
    QCOMPARE(e.tokens, tokens);
    QCOMPARE(e.unknown, (Unknown{{QStringLiteral("€"), 1, false}, {QStringLiteral("£"), secondToken, false}}));
    QCOMPARE(unknownCharactersWarning(e.unknown, e.tokens),
             QStringLiteral("2 characters are not in the vocabulary: «€» became token 2 (<unk>); «£» became token %1 "
                            "(<unk>).")
                 .arg(secondToken + 1));
}

void TestUnknownCharacter::byteFallbackWithoutTheByteTokens()
{
    // € is E2 82 AC in UTF-8; the vocabulary has <0xE2> only, so byte fallback cannot spell it: <unk> with an
    // unknown token, dropped without.
    const auto withUnk = tinyBpe(QJsonObject{{"unk_token", "<unk>"}, {"byte_fallback", true}});
    QVERIFY(withUnk);
    const Encoding e = withUnk->encode(QStringLiteral("a€"));
    QCOMPARE(e.tokens, (QStringList{"a", "<unk>"}));
    QCOMPARE(e.unknown, (Unknown{{QStringLiteral("€"), 1, false}}));
    const auto withoutUnk = tinyBpe(QJsonObject{{"byte_fallback", true}});
    QVERIFY(withoutUnk);
    QCOMPARE(withoutUnk->encode(QStringLiteral("a€")).unknown, (Unknown{{QStringLiteral("€"), 1, true}}));
}

void TestUnknownCharacter::knownTextReportsNothing()
{
    const auto tokenizer = tinyBpe();
    QVERIFY(tokenizer);
    const Encoding e = tokenizer->encode(QStringLiteral("bant"));
    QCOMPARE(e.tokens, (QStringList{"b", "a", "nt"}));
    QVERIFY(e.unknown.empty());
}

void TestUnknownCharacter::wordpieceUnknownWord_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tokens");
    QTest::addColumn<Unknown>("unknown");
    // "x€y": x, then neither "€y" nor "€" as "##€" is a token: the word is [UNK] (token 2 after un ##able),
    // and € is the character no token spells.
    QTest::newRow("unknown character") << "unable x€y" << QStringList{"un", "##able", "[UNK]"}
                                       << Unknown{{QStringLiteral("€"), 2, false}};
    // "yx": y exists only as "##y", x only alone; each has a token, but no split of "yx" does: the longest match
    // fails at its first character, which is named.
    QTest::newRow("no split") << "yx un" << QStringList{"[UNK]", "un"} << Unknown{{QStringLiteral("y"), 0, false}};
    QTest::newRow("known") << "unable xy" << QStringList{"un", "##able", "x", "##y"} << Unknown{};
}

void TestUnknownCharacter::wordpieceUnknownWord()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tokens);
    QFETCH(Unknown, unknown);
    const auto tokenizer = tinyWordpiece();
    QVERIFY(tokenizer);
    const Encoding e = tokenizer->encode(text);
    QCOMPARE(e.tokens, tokens);
    QCOMPARE(e.unknown, unknown);
}

void TestUnknownCharacter::wordpieceWordTooLong()
{
    const auto tokenizer = tinyWordpiece();
    QVERIFY(tokenizer);
    // x ##y ##y … spells "xyy…y" of any length, but max_input_chars_per_word (100 by default) refuses a word of
    // 101 characters: one [UNK] (token 2 after un ##able), and the entry is the word, its first 12 characters and
    // "…", not a character, since every character has a token.
    const QString word = QStringLiteral("x") + QString(100, u'y');
    Encoding e = tokenizer->encode(QStringLiteral("unable ") + word);
    QCOMPARE(e.tokens, (QStringList{"un", "##able", "[UNK]"}));
    QCOMPARE(e.unknown, (Unknown{{QStringLiteral("xyyyyyyyyyyy…"), 2, false, 101}}));
    QCOMPARE(unknownCharactersWarning(e.unknown, e.tokens),
             QStringLiteral("1 word is too long to tokenize: «xyyyyyyyyyyy…» (101 characters) became token 3 ([UNK])."));
    // 100 characters are still split.
    e = tokenizer->encode(word.left(100));
    QCOMPARE(e.tokens.size(), 100);
    QVERIFY(e.unknown.empty());
    // An unknown character inside a word too long: the word is named, not the character (it was never looked at).
    e = tokenizer->encode(QStringLiteral("€") + QString(100, u'y') + QStringLiteral(" x€"));
    QCOMPARE(e.tokens, (QStringList{"[UNK]", "[UNK]"}));
    QCOMPARE(e.unknown, (Unknown{{QStringLiteral("€yyyyyyyyyyy…"), 0, false, 101}, {QStringLiteral("€"), 1, false}}));
    QCOMPARE(unknownCharactersWarning(e.unknown, e.tokens),
             QStringLiteral("1 character is not in the vocabulary and 1 word is too long to tokenize: "
                            "«€yyyyyyyyyyy…» (101 characters) became token 1 ([UNK]); «€» became token 2 ([UNK])."));
}

void TestUnknownCharacter::bertWordTooLong()
{
    const QString dir = sharedDir() + QStringLiteral("/tokenizers/bert-base-uncased");
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, dir);
    // "hello" and a word of 120 a's: [CLS] hello [UNK] [SEP], as Hugging Face's BertTokenizer gives (the word
    // is over its max_input_chars_per_word of 100); the [UNK] (token 2) is the word, named shortened.
    const Encoding e = tokenizer->encode(QStringLiteral("hello ") + QString(120, u'a'));
    QCOMPARE(e.tokens, (QStringList{"[CLS]", "hello", "[UNK]", "[SEP]"}));
    QCOMPARE(e.unknown, (Unknown{{QString(12, u'a') + QStringLiteral("…"), 2, false, 120}}));
    QCOMPARE(unknownCharactersWarning(e.unknown, e.tokens),
             QStringLiteral("1 word is too long to tokenize: «aaaaaaaaaaaa…» (120 characters) became token 3 ([UNK])."));
}

void TestUnknownCharacter::characterModelApostrophe()
{
    const QString dir = sharedDir() + QStringLiteral("/models/char-gpt-slm");
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, dir);
    // vocab.json has d, i, n, t but no apostrophe: "didn't" is d i d n t, the apostrophe dropped before the t.
    const Encoding e = tokenizer->encode(QStringLiteral("didn't"));
    QCOMPARE(e.tokens, (QStringList{"d", "i", "d", "n", "t"}));
    QCOMPARE(e.unknown, (Unknown{{QStringLiteral("'"), 4, true}}));
    QCOMPARE(unknownCharactersWarning(e.unknown, e.tokens),
             QStringLiteral("1 character is not in the vocabulary: «'» dropped before token 5."));
}

void TestUnknownCharacter::characterModelJapanese()
{
    const QString dir = sharedDir() + QStringLiteral("/models/char-gpt-slm");
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(tokenizer, dir);
    // Only the spaces of "私 は 得意 です" are in the vocabulary: three space tokens, and each Japanese character
    // dropped before the space that followed it (私 before token 0, は before 1, 得 and 意 before 2) or at the
    // end (で, す: index 3).
    const Encoding e = tokenizer->encode(QStringLiteral("私 は 得意 です"));
    QCOMPARE(e.tokens, (QStringList{" ", " ", " "}));
    QCOMPARE(e.unknown, (Unknown{{QStringLiteral("私"), 0, true},
                                 {QStringLiteral("は"), 1, true},
                                 {QStringLiteral("得"), 2, true},
                                 {QStringLiteral("意"), 2, true},
                                 {QStringLiteral("で"), 3, true},
                                 {QStringLiteral("す"), 3, true}}));
    QCOMPARE(unknownCharactersWarning(e.unknown, e.tokens),
             QStringLiteral("6 characters are not in the vocabulary: «私» dropped before token 1; «は» dropped before "
                            "token 2; «得» dropped before token 3; «意» dropped before token 3; «で» dropped at the "
                            "end; «す» dropped at the end."));
}

void TestUnknownCharacter::byteFallbackModelsLoseNothing()
{
    // Llama-2-style vocabularies spell any character with <0xNN> byte tokens: nothing is unknown. The same model's
    // tokenizer.json (byte_fallback) and its llama2.c tok512.bin.
    const QString dir = sharedDir() + QStringLiteral("/models/aidreams260K");
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(json, dir);
    ATTNLAB_LOAD_TOKENIZER_OR_SKIP(bin, dir + QStringLiteral("/llama2c/tok512.bin"));
    for (const auto& tokenizer : {json, bin}) {
        const Encoding e = tokenizer->encode(QStringLiteral("didn't 得意 😀"));
        QVERIFY(e.tokens.contains(QStringLiteral("<0xE5>")));
        QVERIFY(e.unknown.empty());
    }
}

ATTNLAB_TEST_APPLESS_MAIN(TestUnknownCharacter)
} // namespace tst_unknown_character
#include "tst_unknown_character.moc"
