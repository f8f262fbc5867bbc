#include "model/tokenizers/word_tokenizer.h"

#include <QChar>
#include <QList>

#include <vector>

// Rules, per Unicode code point (surrogate pairs are decoded first, so 𝑥, 😀 and CJK extension B count as
// one character each; an unpaired surrogate becomes U+FFFD, a symbol):
//
//   separators      whitespace of every script (space, tab, newline, NBSP U+00A0, ideographic space U+3000,
//                   …), the zero-width space U+200B (the word boundary of Thai/Khmer text) and control
//                   characters split words and are dropped.
//   words           runs of letters and numbers of any script (The, 得意, スポーツ, سلام, x², ۱۴۰۲).
//                   Scripts written without spaces are not segmented: 得意なスポーツ is one word.
//   inside a word   combining marks (Mn, Mc, Me: Persian diacritics, Japanese dakuten U+3099, Devanagari
//                   vowel signs), ZWNJ U+200C and ZWJ U+200D (می‌خواهم), and these joiners when both
//                   neighbours qualify:
//                     ' or ’   between two letters             didn't, it’s     ('n' and students' split)
//                     - ‐ ‑    between letters or digits        state-of-the-art, COVID-19, 3-4
//                     . ٫      between two digits              3.14, ۳٫۱۴        (a final "2." splits)
//                   A comma between digits splits ("1,000" -> 1 , 000): it is as often a list as a grouping.
//   punctuation     every other punctuation mark is a one-character token: . , ! ? 「 」 ？ 。 、 ، ؟ ؛ ( " …
//   symbols         each symbol (math, currency, emoji) is a token; an emoji keeps its presentation
//                   selector, skin-tone modifier, tag characters (🏴 subdivision flags) and ZWJ-joined
//                   followers together (👍🏽, 👨‍👩‍👧, 🏳️‍🌈), and two regional indicators form
//                   one flag (🇯🇵). Private-use and unassigned code points are treated as symbols.
//   invisible       other format characters (soft hyphen, bidi marks such as RLM, word joiner, BOM) are
//                   dropped without splitting: they change neither the word nor its id.
//
// A combining mark always stays with the token before it (a keycap 1️⃣ or #️⃣ stays whole); with no
// token before it, it starts a word.

namespace attnlab::model {

namespace {

enum class TokenKind { None, Word, Punct, Symbol };

constexpr char32_t kZwsp = 0x200B;
constexpr char32_t kZwnj = 0x200C;
constexpr char32_t kZwj = 0x200D;

bool isSeparator(char32_t c)
{
    return QChar::isSpace(c) || c == kZwsp || QChar::category(c) == QChar::Other_Control;
}

bool isWordChar(char32_t c)
{
    return QChar::isLetterOrNumber(c);
}

// Variation selectors (U+FE00–FE0F, U+E0100–E01EF) are Mn already; listed for clarity.
bool isAttachingMark(char32_t c)
{
    return QChar::isMark(c) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

bool isEmojiModifier(char32_t c)
{
    return c >= 0x1F3FB && c <= 0x1F3FF; // skin tones, category Sk
}

bool isRegionalIndicator(char32_t c)
{
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}

bool isTag(char32_t c)
{
    return c >= 0xE0020 && c <= 0xE007F;
}

bool isApostrophe(char32_t c)
{
    return c == U'\'' || c == 0x2019;
}

bool isHyphen(char32_t c)
{
    return c == U'-' || c == 0x2010 || c == 0x2011;
}

bool isDecimalPoint(char32_t c)
{
    return c == U'.' || c == 0x066B; // U+066B ARABIC DECIMAL SEPARATOR
}

// Symbols (Sm, Sc, Sk, So) and what cannot be read as anything else: private use, unassigned, a lone
// surrogate (should the decoder pass one through).
bool isSymbolLike(char32_t c)
{
    const QChar::Category cat = QChar::category(c);
    return QChar::isSymbol(c) || cat == QChar::Other_PrivateUse || cat == QChar::Other_NotAssigned ||
           cat == QChar::Other_Surrogate;
}

class Splitter {
public:
    explicit Splitter(const QList<uint>& codePoints) : m_cps(codePoints) {}

    QStringList run()
    {
        for (qsizetype i = 0; i < m_cps.size(); ++i)
            step(char32_t(m_cps[i]), i + 1 < m_cps.size() ? char32_t(m_cps[i + 1]) : char32_t(0));
        flush();
        return m_tokens;
    }

private:
    void step(char32_t c, char32_t next)
    {
        if (isSeparator(c)) {
            flush();
            return;
        }
        if (isAttachingMark(c)) {
            if (m_kind == TokenKind::None) m_kind = TokenKind::Word;
            append(c);
            return;
        }
        if (c == kZwnj || c == kZwj) {
            if (m_kind == TokenKind::Word) {
                append(c);
            } else if (m_kind == TokenKind::Symbol && c == kZwj) {
                append(c);
                m_joinNext = true; // 👨 ZWJ 👩: the next symbol continues this one
            }
            return; // a stray joiner on its own is invisible: drop it
        }
        if (isTag(c)) {
            if (m_kind == TokenKind::Symbol) append(c);
            return;
        }
        if (isWordChar(c)) {
            if (m_kind != TokenKind::Word) start(TokenKind::Word);
            append(c);
            return;
        }
        if (m_kind == TokenKind::Word && joinsWord(c, next)) {
            append(c);
            return;
        }
        if (isSymbolLike(c)) {
            const bool continues =
                m_kind == TokenKind::Symbol &&
                (m_joinNext || isEmojiModifier(c) ||
                 (isRegionalIndicator(c) && m_current.size() == 1 && isRegionalIndicator(m_current.front())));
            if (!continues) start(TokenKind::Symbol);
            m_joinNext = false;
            append(c);
            return;
        }
        if (QChar::isPunct(c)) {
            start(TokenKind::Punct); // one character per token; only marks may follow it
            append(c);
            return;
        }
        // What remains is an invisible format character (Cf): drop it without splitting.
    }

    // An apostrophe, hyphen or decimal point continues the current word when both neighbours qualify.
    bool joinsWord(char32_t c, char32_t next) const
    {
        const char32_t last = m_current.back();
        const bool lastLetter = QChar::isLetter(last) || QChar::isMark(last);
        if (isApostrophe(c)) return lastLetter && QChar::isLetter(next);
        if (isHyphen(c)) return (lastLetter || QChar::isNumber(last)) && QChar::isLetterOrNumber(next);
        if (isDecimalPoint(c)) return QChar::isDigit(last) && QChar::isDigit(next);
        return false;
    }

    void start(TokenKind kind)
    {
        flush();
        m_kind = kind;
    }

    void append(char32_t c) { m_current.push_back(c); }

    void flush()
    {
        // A joiner at the end of a token joins nothing; dropping it keeps "word" and "word" + ZWNJ one id.
        while (!m_current.empty() && (m_current.back() == kZwnj || m_current.back() == kZwj))
            m_current.pop_back();
        if (!m_current.empty()) m_tokens << QString::fromUcs4(m_current.data(), qsizetype(m_current.size()));
        m_current.clear();
        m_kind = TokenKind::None;
        m_joinNext = false;
    }

    const QList<uint>& m_cps;
    QStringList m_tokens;
    std::vector<char32_t> m_current;
    TokenKind m_kind = TokenKind::None;
    bool m_joinNext = false;
};

} // namespace

// text -> word, punctuation and symbol tokens in reading order (logical order for right-to-left scripts).
QStringList tokenizeWords(const QString& text)
{
    const QList<uint> codePoints = text.toUcs4(); // decodes surrogate pairs
    return Splitter(codePoints).run();
}

} // namespace attnlab::model
