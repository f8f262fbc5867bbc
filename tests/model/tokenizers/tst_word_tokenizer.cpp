// Tests model/tokenizers/word_tokenizer.cpp: whitespace and punctuation splitting in several scripts, joiners inside
// words, emoji clusters and code points outside the BMP. Invisible characters are written as \u escapes.

#include "model/tokenizers/word_tokenizer.h"
#include "test_registry.h"

#include <QTest>

namespace tst_word_tokenizer {

using attnlab::model::tokenizeWords;

class TestWordTokenizer : public QObject {
    Q_OBJECT

private slots:
    void tokenize_data();
    void tokenize();
    void unpairedSurrogate();
    void tokensNeverEmptyOrBlank_data();
    void tokensNeverEmptyOrBlank();
};

void TestWordTokenizer::tokenize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    const auto row = [](const char* name, const QString& text, const QStringList& expected) {
        QTest::newRow(name) << text << expected;
    };

    // The examples of the course material.
    row("english sentence", QStringLiteral("The animal didn't cross the street because it was too tired."),
        {"The", "animal", "didn't", "cross", "the", "street", "because", "it", "was", "too", "tired", "."});
    row("japanese question", QStringLiteral("得意 な スポーツ は ？"),
        {QStringLiteral("得意"), QStringLiteral("な"), QStringLiteral("スポーツ"), QStringLiteral("は"),
         QStringLiteral("？")});
    row("japanese brackets", QStringLiteral("「野球 が 得意」"),
        {QStringLiteral("「"), QStringLiteral("野球"), QStringLiteral("が"), QStringLiteral("得意"),
         QStringLiteral("」")});
    row("persian", QStringLiteral("سلام دنیا"), {QStringLiteral("سلام"), QStringLiteral("دنیا")});
    row("persian zwnj", QStringLiteral("می\u200Cخواهم بروم."),
        {QStringLiteral("می\u200Cخواهم"), QStringLiteral("بروم"), QStringLiteral(".")});
    row("padded comma", QStringLiteral("  a,b  "), {"a", ",", "b"});

    // Whitespace of every kind.
    row("empty", QString(), {});
    row("only spaces", QStringLiteral(" \t\n\r "), {});
    row("tabs and newlines", QStringLiteral("one\ttwo\nthree\r\nfour"), {"one", "two", "three", "four"});
    row("nbsp", QStringLiteral("a\u00A0b"), {"a", "b"});
    row("ideographic space", QStringLiteral("野球\u3000が"), {QStringLiteral("野球"), QStringLiteral("が")});
    row("zero width space", QStringLiteral("a\u200Bb"), {"a", "b"});
    row("control char", QStringLiteral("a\u0001b"), {"a", "b"});

    // Apostrophes.
    row("curly apostrophe", QStringLiteral("it’s fine"), {QStringLiteral("it’s"), "fine"});
    row("quoted word", QStringLiteral("'quoted'"), {"'", "quoted", "'"});
    row("plural possessive", QStringLiteral("students' books"), {"students", "'", "books"});
    row("rock n roll", QStringLiteral("rock 'n' roll"), {"rock", "'", "n", "'", "roll"});
    row("apostrophe before digit", QStringLiteral("rock'9"), {"rock", "'", "9"});

    // Hyphens and dashes.
    row("hyphenated", QStringLiteral("state-of-the-art model"), {"state-of-the-art", "model"});
    row("letters and digits", QStringLiteral("COVID-19"), {"COVID-19"});
    row("leading hyphen", QStringLiteral("-x"), {"-", "x"});
    row("trailing hyphen", QStringLiteral("pre- and post-"), {"pre", "-", "and", "post", "-"});
    row("double hyphen", QStringLiteral("a--b"), {"a", "-", "-", "b"});
    row("en dash splits", QStringLiteral("1990–2000"), {"1990", QStringLiteral("–"), "2000"});

    // Numbers.
    row("decimal", QStringLiteral("pi is 3.14."), {"pi", "is", "3.14", "."});
    row("version", QStringLiteral("v1.2"), {"v1.2"});
    row("number then full stop", QStringLiteral("I have 2. You"), {"I", "have", "2", ".", "You"});
    row("thousands comma splits", QStringLiteral("1,000"), {"1", ",", "000"});
    row("persian digits", QStringLiteral("۳٫۱۴ و ۱۴۰۲"),
        {QStringLiteral("۳٫۱۴"), QStringLiteral("و"), QStringLiteral("۱۴۰۲")});
    row("superscript", QStringLiteral("x² + y²"), {QStringLiteral("x²"), "+", QStringLiteral("y²")});
    row("currency", QStringLiteral("$5 or 5€"), {"$", "5", "or", "5", QStringLiteral("€")});

    // Punctuation of other scripts.
    row("japanese full stop and comma", QStringLiteral("野球、好き。"),
        {QStringLiteral("野球"), QStringLiteral("、"), QStringLiteral("好き"), QStringLiteral("。")});
    row("fullwidth", QStringLiteral("ＡＢＣ！（１２）"),
        {QStringLiteral("ＡＢＣ"), QStringLiteral("！"), QStringLiteral("（"), QStringLiteral("１２"),
         QStringLiteral("）")});
    row("arabic punctuation", QStringLiteral("سلام، خوبی؟ بله؛"),
        {QStringLiteral("سلام"), QStringLiteral("،"), QStringLiteral("خوبی"), QStringLiteral("؟"),
         QStringLiteral("بله"), QStringLiteral("؛")});
    row("chinese comma", QStringLiteral("你好，世界"),
        {QStringLiteral("你好"), QStringLiteral("，"), QStringLiteral("世界")});
    row("ellipsis and quotes", QStringLiteral("\"Wait…\" (no)"),
        {"\"", "Wait", QStringLiteral("…"), "\"", "(", "no", ")"});
    row("underscore", QStringLiteral("snake_case"), {"snake", "_", "case"});

    // Marks and joiners stay inside words.
    row("combining acute", QStringLiteral("cafe\u0301 ok"), {QStringLiteral("cafe\u0301"), "ok"});
    row("combining dakuten", QStringLiteral("か\u3099き"), {QStringLiteral("か\u3099き")});
    row("persian diacritics", QStringLiteral("کِتاب"), {QStringLiteral("کِتاب")});
    row("devanagari", QStringLiteral("नमस्ते दुनिया"), {QStringLiteral("नमस्ते"), QStringLiteral("दुनिया")});
    row("trailing zwnj dropped", QStringLiteral("می\u200C بروم"),
        {QStringLiteral("می"), QStringLiteral("بروم")});
    row("stray joiner dropped", QStringLiteral("a \u200D b"), {"a", "b"});
    row("soft hyphen invisible", QStringLiteral("co\u00ADoperate"), {QStringLiteral("cooperate")});
    row("rlm invisible", QStringLiteral("سلام\u200F دنیا"), {QStringLiteral("سلام"), QStringLiteral("دنیا")});
    row("leading mark starts word", QStringLiteral(" \u0301a"), {QStringLiteral("\u0301a")});

    // Mixed scripts.
    row("mixed scripts", QStringLiteral("Hello 世界 and سلام!"),
        {"Hello", QStringLiteral("世界"), "and", QStringLiteral("سلام"), "!"});
    row("unsegmented japanese", QStringLiteral("得意なスポーツは？"),
        {QStringLiteral("得意なスポーツは"), QStringLiteral("？")});
    row("outside the bmp letter", QStringLiteral("𝑥 𠮷野家"),
        {QStringLiteral("𝑥"), QStringLiteral("𠮷野家")});

    // Emoji and other symbols.
    row("emoji alone", QStringLiteral("I ❤ cats😀!"),
        {"I", QStringLiteral("❤"), "cats", QStringLiteral("😀"), "!"});
    row("two emoji", QStringLiteral("😀😀"), {QStringLiteral("😀"), QStringLiteral("😀")});
    row("skin tone", QStringLiteral("ok👍🏽"), {"ok", QStringLiteral("👍🏽")});
    row("zwj family", QStringLiteral("👨\u200D👩\u200D👧 home"), {QStringLiteral("👨\u200D👩\u200D👧"), "home"});
    row("rainbow flag", QStringLiteral("🏳\uFE0F\u200D🌈"), {QStringLiteral("🏳\uFE0F\u200D🌈")});
    row("flags", QStringLiteral("🇯🇵🇮🇷"), {QStringLiteral("🇯🇵"), QStringLiteral("🇮🇷")});
    row("keycap", QStringLiteral("1\uFE0F\u20E3 #\uFE0F\u20E3"),
        {QStringLiteral("1\uFE0F\u20E3"), QStringLiteral("#\uFE0F\u20E3")});
    row("subdivision flag",
        QStringLiteral("🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F!"),
        {QStringLiteral("🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"), "!"});
    row("math symbols", QStringLiteral("a+b=c"), {"a", "+", "b", "=", "c"});
    row("symbols repeat", QStringLiteral("++"), {"+", "+"});
}

void TestWordTokenizer::tokenize()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(tokenizeWords(text), expected);
}

// An unpaired surrogate is not valid UTF-16; it must not crash nor glue to its neighbours.
void TestWordTokenizer::unpairedSurrogate()
{
    QString text = QStringLiteral("a b");
    text.insert(1, QChar(0xD800));
    const QStringList tokens = tokenizeWords(text);
    QCOMPARE(tokens.size(), 3);
    QCOMPARE(tokens.first(), QStringLiteral("a"));
    QCOMPARE(tokens.last(), QStringLiteral("b"));
}

void TestWordTokenizer::tokensNeverEmptyOrBlank_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("joiners only") << QStringLiteral("\u200C\u200D\u200C");
    QTest::newRow("format only") << QStringLiteral("\u00AD\u200F\uFEFF");
    QTest::newRow("messy") << QStringLiteral(" \u200D😀\u200D \u200C'a'\u3000.\u0301 ");
}

void TestWordTokenizer::tokensNeverEmptyOrBlank()
{
    QFETCH(QString, text);
    for (const QString& token : tokenizeWords(text)) {
        QVERIFY(!token.isEmpty());
        QVERIFY2(!token.trimmed().isEmpty(), qPrintable(token));
        QVERIFY2(!token.endsWith(QChar(0x200C)) && !token.endsWith(QChar(0x200D)), qPrintable(token));
    }
}

ATTNLAB_TEST_APPLESS_MAIN(TestWordTokenizer)
} // namespace tst_word_tokenizer
#include "tst_word_tokenizer.moc"
