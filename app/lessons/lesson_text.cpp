#include "app/lessons/lesson_text.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <string>

namespace attnlab::app {

bool isRightToLeftLanguage(const QString& language)
{
    static const QStringList rightToLeft{"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"};
    return rightToLeft.contains(language.section(QLatin1Char('-'), 0, 0));
}

namespace {

constexpr char32_t kLeftToRightIsolate = 0x2066;
constexpr char32_t kPopDirectionalIsolate = 0x2069;

// Right-to-left letters and everything of the right-to-left scripts' blocks, whose punctuation (the Persian
// comma ، U+060C) and digits belong to the sentence, not to the mathematics.
bool isRightToLeft(char32_t c)
{
    const QChar::Direction d = QChar::direction(c);
    return d == QChar::DirR || d == QChar::DirAL || d == QChar::DirAN || (c >= 0x0590 && c <= 0x08FF) ||
           (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

bool isDirectionalControl(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool isOpening(char32_t c) { return QChar::category(c) == QChar::Punctuation_Open; }
bool isClosing(char32_t c) { return QChar::category(c) == QChar::Punctuation_Close; }

// What a run may start with: a letter or digit written left to right, a sign, an opening bracket, a
// mathematical symbol (√, ≈, ·).
bool startsRun(char32_t c)
{
    const QChar::Direction d = QChar::direction(c);
    return d == QChar::DirL || d == QChar::DirEN || d == QChar::DirES || d == QChar::DirET || isOpening(c) ||
           QChar::category(c) == QChar::Symbol_Math;
}

// The sentence's own characters at the end of a run: spaces, full stops, commas, colons, quotes and an
// opening bracket whose content is not mathematics. The ellipsis of 1.6487… stays with its number.
bool endsSentence(char32_t c)
{
    if (QChar::isSpace(c) || isOpening(c))
        return true;
    switch (QChar::category(c)) {
    case QChar::Punctuation_InitialQuote:
    case QChar::Punctuation_FinalQuote:
        return true;
    default:
        break;
    }
    return c == U'.' || c == U',' || c == U':' || c == U';' || c == U'!' || c == U'?' || c == U'"' || c == U'\'';
}

// [begin, end) of text without the sentence's characters at its end and without brackets whose partner
// lies outside (a run "(得意" from "(得意 است)" leaves its bracket to the sentence).
std::pair<size_t, size_t> trimRun(const std::u32string& text, size_t begin, size_t end)
{
    for (bool changed = true; changed && begin < end;) {
        changed = false;
        while (end > begin && endsSentence(text[end - 1]))
            --end;
        int open = 0, close = 0;
        for (size_t i = begin; i < end; ++i) {
            open += isOpening(text[i]) ? 1 : 0;
            close += isClosing(text[i]) ? 1 : 0;
        }
        if (open > close && begin < end && isOpening(text[begin])) {
            ++begin;
            changed = true;
        } else if (close > open && end > begin && isClosing(text[end - 1])) {
            --end;
            changed = true;
        }
    }
    return {begin, end};
}

} // namespace

QString isolateLeftToRight(const QString& text)
{
    const std::u32string chars = text.toStdU32String();
    if (std::none_of(chars.begin(), chars.end(), isRightToLeft) ||
        std::any_of(chars.begin(), chars.end(), isDirectionalControl))
        return text;
    std::u32string out;
    out.reserve(chars.size() + 16);
    size_t i = 0;
    while (i < chars.size()) {
        if (isRightToLeft(chars[i]) || !startsRun(chars[i])) {
            out += chars[i++];
            continue;
        }
        size_t end = i;
        while (end < chars.size() && !isRightToLeft(chars[end]) && chars[end] != U'\n')
            ++end;
        const auto [runBegin, runEnd] = trimRun(chars, i, end);
        const bool leftToRight = std::any_of(chars.begin() + runBegin, chars.begin() + runEnd, [](char32_t c) {
            return QChar::direction(c) == QChar::DirL || QChar::direction(c) == QChar::DirEN;
        });
        if (runBegin >= runEnd || !leftToRight) {
            // Nothing to keep left to right here (a lone "(" or "−"): the character stays, the search goes on.
            out += chars[i++];
            continue;
        }
        out += chars.substr(i, runBegin - i);
        out += kLeftToRightIsolate;
        out += chars.substr(runBegin, runEnd - runBegin);
        out += kPopDirectionalIsolate;
        out += chars.substr(runEnd, end - runEnd);
        i = end;
    }
    return QString::fromStdU32String(out);
}

QString mathToHtml(const QString& text)
{
    QString html = text.toHtmlEscaped();
    // Numeric fractions not glued to other symbols: "9/26" but not "1/√2", "13/3x" or a date-like "1/2/3".
    static const QRegularExpression fraction(QStringLiteral("(?<![\\w./])(\\d+)/(\\d+)(?![\\w./(√])"));
    html.replace(fraction, QStringLiteral("<sup>\\1</sup>&frasl;<sub>\\2</sub>"));
    // Subscripts and superscripts written with _ and ^: D_k, d_model, W_Q; K^T, e^2, e^(c²). Only short
    // subscripts (and "model"), so that identifiers such as exp_overrides stay as they are.
    static const QRegularExpression subscript(
        QStringLiteral("(?<=[A-Za-z\\x{03B1}-\\x{03C9}])_([A-Za-z0-9]{1,2}|model)(?![A-Za-z0-9_])"));
    html.replace(subscript, QStringLiteral("<sub>\\1</sub>"));
    static const QRegularExpression groupedSuperscript(QStringLiteral("\\^\\(([^)]*)\\)"));
    html.replace(groupedSuperscript, QStringLiteral("<sup>\\1</sup>"));
    static const QRegularExpression superscript(QStringLiteral("\\^([A-Za-z0-9]+)"));
    html.replace(superscript, QStringLiteral("<sup>\\1</sup>"));
    // `attnlab params …`: commands in a monospace font.
    static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
    html.replace(code, QStringLiteral("<code>\\1</code>"));
    return html;
}

LessonHighlight lessonHighlight(bool dark)
{
    // Light: pale yellow under near-black (16 : 1). Dark: a dim amber, distinct from the dark base (#1e1f22) yet
    // no brighter than the panels, under a warm off-white (11 : 1).
    return dark ? LessonHighlight{"#3d3420", "#f3ead2"} : LessonHighlight{"#fff2c2", "#1a1a1a"};
}

QString lessonTextHtml(const QString& text, bool rightToLeft)
{
    return mathToHtml(rightToLeft ? isolateLeftToRight(text) : text);
}

QString stepPosition(int number, int count)
{
    return QChar(char16_t(kLeftToRightIsolate)) + QStringLiteral("%1 / %2").arg(number).arg(count) +
           QChar(char16_t(kPopDirectionalIsolate));
}

QString lessonStepsHtml(const QStringList& paragraphs, int current, bool rightToLeft, bool dark)
{
    const LessonHighlight highlight = lessonHighlight(dark);
    const QString direction = rightToLeft ? QStringLiteral("rtl") : QStringLiteral("ltr");
    const QString align = rightToLeft ? QStringLiteral("right") : QStringLiteral("left");
    QString html = QStringLiteral("<html><body>");
    for (int i = 0; i < paragraphs.size(); ++i) {
        // The current paragraph stands out with a tinted background; the others stay readable, not hidden,
        // so that a lecturer can point back to them.
        const QString style = i == current ? QStringLiteral("background-color:%1; color:%2;")
                                                 .arg(QLatin1String(highlight.background), QLatin1String(highlight.text))
                                           : QString();
        html += QStringLiteral("<a name=\"p%1\"></a><p dir=\"%2\" align=\"%3\" style=\"%4 margin-bottom:10px;\">"
                               "<b>%5.</b>&nbsp;%6</p>")
                    .arg(i)
                    .arg(direction, align, style)
                    .arg(i + 1)
                    .arg(lessonTextHtml(paragraphs[i], rightToLeft));
    }
    html += QStringLiteral("</body></html>");
    return html;
}

QString lessonCaptionHtml(const QString& paragraph, int number, int count, bool rightToLeft)
{
    // "3/7" is a position, not a fraction: isolated, so that a right-to-left caption does not show "7/3".
    const QString position = QStringLiteral("%1/%2").arg(number).arg(count);
    return QStringLiteral("<p dir=\"%1\" align=\"%2\"><b>%3</b>&nbsp;&nbsp;%4</p>")
        .arg(rightToLeft ? QStringLiteral("rtl") : QStringLiteral("ltr"),
             rightToLeft ? QStringLiteral("right") : QStringLiteral("left"),
             rightToLeft ? QChar(char16_t(kLeftToRightIsolate)) + position + QChar(char16_t(kPopDirectionalIsolate)) : position,
             lessonTextHtml(paragraph, rightToLeft));
}

} // namespace attnlab::app
