#include "model/tokenizers/tokenizer_json.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>

namespace attnlab::model {

namespace {

// Deeper documents are refused rather than risking the stack (Qt's own parser stops at 1024).
constexpr int kMaxTokenizerJsonDepth = 512;

// The well-formed UTF-8 sequence at p (no overlong forms, surrogates or values past U+10FFFF) -> its
// length, with the character in cp; 0 when the bytes at p are not one.
int utf8SequenceAt(const char* p, const char* end, char32_t& cp)
{
    const uchar lead = uchar(*p);
    if (lead < 0x80) {
        cp = lead;
        return 1;
    }
    int length = 0;
    uchar low = 0x80, high = 0xBF; // the allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0F;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (end - p < length) return 0;
    for (int i = 1; i < length; ++i) {
        const uchar b = uchar(p[i]);
        if (i == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF)) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    return length;
}

template <typename Units>
void appendUtf16(Units& out, char32_t cp)
{
    if (cp >= 0x10000) {
        out.push_back(QChar::highSurrogate(cp));
        out.push_back(QChar::lowSurrogate(cp));
    } else {
        out.push_back(char16_t(cp));
    }
}

// Which object is being read: the members some of them hold are read specially (tokenizer_json.h).
enum class JsonObjectRole { Plain, TokenizerRoot, TokenizerModel, SkippingRoot };

// A recursive-descent JSON reader over bytes. Strings are decoded from UTF-8 here, so every character
// arrives as it is in the file.
class TokenizerJsonReader {
public:
    TokenizerJsonReader(QByteArrayView data, const QString& file)
        : m_begin(data.data()), m_p(data.data()), m_end(data.data() + data.size()), m_file(file)
    {
        // A UTF-8 byte-order mark before the document is not part of it.
        if (data.size() >= 3 && uchar(m_p[0]) == 0xEF && uchar(m_p[1]) == 0xBB && uchar(m_p[2]) == 0xBF)
            m_p += 3;
    }

    QString error() const
    {
        return QStringLiteral("%1: not valid JSON at offset %2: %3").arg(m_file).arg(m_errorOffset).arg(m_error);
    }

    // The whole input as one object read in role; false when it is not valid JSON (error()) or, with
    // notAnObject set, valid but not an object.
    bool readDocument(JsonObjectRole role, QJsonObject& out, bool& notAnObject)
    {
        notAnObject = false;
        skipSpace();
        if (m_p < m_end && *m_p == '{') {
            if (!readObject(out, 1, role)) return false;
        } else {
            QJsonValue ignored;
            if (!readValue(ignored, 1)) return false;
            notAnObject = true;
        }
        skipSpace();
        if (m_p != m_end) return fail("unexpected data after the document");
        return !notAnObject;
    }

    // The whole input as one object of (token, id) members.
    bool readVocabDocument(bool& notAnObject)
    {
        notAnObject = false;
        skipSpace();
        if (m_p < m_end && *m_p == '{') {
            document.vocab.emplace();
            if (!readVocab(*document.vocab, 1)) return false;
        } else {
            QJsonValue ignored;
            if (!readValue(ignored, 1)) return false;
            notAnObject = true;
        }
        skipSpace();
        if (m_p != m_end) return fail("unexpected data after the document");
        return !notAnObject;
    }

    TokenizerJsonDocument document; // model.vocab and model.merges when read in role TokenizerModel
    QStringList skip;               // the members SkippingRoot leaves out

private:
    bool fail(const char* message)
    {
        if (m_error.isEmpty()) {
            m_error = QLatin1String(message);
            m_errorOffset = m_p - m_begin;
        }
        return false;
    }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    // Expects c after optional whitespace and steps over it.
    bool expect(char c, const char* message)
    {
        skipSpace();
        if (m_p == m_end || *m_p != c) return fail(message);
        ++m_p;
        return true;
    }

    bool peek(char c)
    {
        skipSpace();
        return m_p < m_end && *m_p == c;
    }

    bool readValue(QJsonValue& out, int depth)
    {
        if (depth > kMaxTokenizerJsonDepth) return fail("nested deeper than 512 levels");
        skipSpace();
        if (m_p == m_end) return fail("unexpected end of the document");
        switch (*m_p) {
        case '{': {
            QJsonObject o;
            if (!readObject(o, depth, JsonObjectRole::Plain)) return false;
            out = o;
            return true;
        }
        case '[': {
            QJsonArray a;
            ++m_p;
            if (peek(']')) {
                ++m_p;
                out = a;
                return true;
            }
            for (;;) {
                QJsonValue v;
                if (!readValue(v, depth + 1)) return false;
                a.append(v);
                skipSpace();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (!expect(']', "expected ',' or ']' in an array")) return false;
                out = a;
                return true;
            }
        }
        case '"': {
            QString s;
            if (!readString(s)) return false;
            out = s;
            return true;
        }
        default:
            break;
        }
        if (literal("true")) {
            out = true;
            return true;
        }
        if (literal("false")) {
            out = false;
            return true;
        }
        if (literal("null")) {
            out = QJsonValue(QJsonValue::Null);
            return true;
        }
        double d = 0;
        if (!readNumber(d)) return false;
        out = d;
        return true;
    }

    bool literal(const char* word)
    {
        const qsizetype n = qsizetype(std::char_traits<char>::length(word));
        if (m_end - m_p < n || std::char_traits<char>::compare(m_p, word, size_t(n)) != 0) return false;
        m_p += n;
        return true;
    }

    // At '{'. Members are read as values except where role says otherwise.
    bool readObject(QJsonObject& out, int depth, JsonObjectRole role)
    {
        if (depth > kMaxTokenizerJsonDepth) return fail("nested deeper than 512 levels");
        ++m_p;
        if (peek('}')) {
            ++m_p;
            return true;
        }
        QString key;
        for (;;) {
            skipSpace();
            if (m_p == m_end || *m_p != '"') return fail("expected a member name in quotes");
            if (!readString(key)) return false;
            if (!expect(':', "expected ':' after a member name")) return false;
            skipSpace();
            const bool isObject = m_p < m_end && *m_p == '{';
            const bool isArray = m_p < m_end && *m_p == '[';
            if (role == JsonObjectRole::TokenizerRoot && isObject && key == QLatin1String("model")) {
                QJsonObject model;
                if (!readObject(model, depth + 1, JsonObjectRole::TokenizerModel)) return false;
                out.insert(key, model);
            } else if (role == JsonObjectRole::TokenizerModel && isObject && key == QLatin1String("vocab")) {
                document.vocab.emplace();
                if (!readVocab(*document.vocab, depth + 1)) return false;
                out.remove(key);
            } else if (role == JsonObjectRole::TokenizerModel && isArray && key == QLatin1String("merges")) {
                document.merges.emplace();
                document.firstBadMerge = -1;
                if (!readMerges(*document.merges, depth + 1)) return false;
                out.remove(key);
            } else if (role == JsonObjectRole::SkippingRoot && skip.contains(key)) {
                if (!skipValue(depth + 1)) return false;
            } else {
                QJsonValue v;
                if (!readValue(v, depth + 1)) return false;
                out.insert(key, v); // a repeated name: the last one counts, as in QJsonDocument
            }
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            return expect('}', "expected ',' or '}' in an object");
        }
    }

    // A value read for its syntax only.
    bool skipValue(int depth)
    {
        if (depth > kMaxTokenizerJsonDepth) return fail("nested deeper than 512 levels");
        skipSpace();
        if (m_p == m_end) return fail("unexpected end of the document");
        if (*m_p == '{' || *m_p == '[') {
            const char close = *m_p == '{' ? '}' : ']';
            ++m_p;
            if (peek(close)) {
                ++m_p;
                return true;
            }
            for (;;) {
                if (close == '}') {
                    skipSpace();
                    QString key;
                    if (m_p == m_end || *m_p != '"') return fail("expected a member name in quotes");
                    if (!readString(key) || !expect(':', "expected ':' after a member name")) return false;
                }
                if (!skipValue(depth + 1)) return false;
                skipSpace();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                return expect(close, close == '}' ? "expected ',' or '}' in an object"
                                                  : "expected ',' or ']' in an array");
            }
        }
        QJsonValue ignored;
        return readValue(ignored, depth);
    }

    // At '{': "token": id members. An id that is not a number is read as NaN (the loader names it).
    bool readVocab(std::vector<std::pair<TextSpan, double>>& out, int depth)
    {
        ++m_p;
        if (peek('}')) {
            ++m_p;
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_p == m_end || *m_p != '"') return fail("expected a member name in quotes");
            TextSpan key;
            if (!readSpan(key)) return false;
            if (!expect(':', "expected ':' after a member name")) return false;
            skipSpace();
            double id = std::numeric_limits<double>::quiet_NaN();
            if (m_p < m_end && (*m_p == '-' || (*m_p >= '0' && *m_p <= '9'))) {
                if (!readNumber(id)) return false;
            } else if (!skipValue(depth + 1)) {
                return false;
            }
            out.emplace_back(key, id);
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            return expect('}', "expected ',' or '}' in an object");
        }
    }

    // At '[': "a b" or ["a", "b"] entries.
    bool readMerges(std::vector<std::pair<TextSpan, TextSpan>>& out, int depth)
    {
        ++m_p;
        if (peek(']')) {
            ++m_p;
            return true;
        }
        std::vector<char16_t>& units = document.units;
        for (qsizetype index = 0;; ++index) {
            skipSpace();
            std::pair<TextSpan, TextSpan> merge;
            bool good = false;
            if (m_p < m_end && *m_p == '"') {
                // "a b": split where the one space is, in place.
                TextSpan whole;
                if (!readSpan(whole)) return false;
                const char16_t* begin = units.data() + whole.offset;
                const char16_t* end = begin + whole.length;
                const char16_t* space = std::find(begin, end, u' ');
                good = space != begin && space != end && space + 1 != end && std::find(space + 1, end, u' ') == end;
                if (good)
                    merge = {TextSpan{whole.offset, std::uint32_t(space - begin)},
                             TextSpan{std::uint32_t(whole.offset + (space - begin) + 1),
                                      std::uint32_t(end - space - 1)}};
            } else if (m_p < m_end && *m_p == '[') {
                if (!readMergePair(merge, good, depth + 1)) return false;
            } else if (!skipValue(depth + 1)) {
                return false;
            }
            if (!good && document.firstBadMerge < 0) document.firstBadMerge = index;
            if (document.firstBadMerge < 0) out.push_back(merge);
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            return expect(']', "expected ',' or ']' in an array");
        }
    }

    // At '[': good when the array holds exactly two strings.
    bool readMergePair(std::pair<TextSpan, TextSpan>& out, bool& good, int depth)
    {
        if (depth > kMaxTokenizerJsonDepth) return fail("nested deeper than 512 levels");
        ++m_p;
        int strings = 0, others = 0;
        if (peek(']')) {
            ++m_p;
            good = false;
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_p < m_end && *m_p == '"') {
                TextSpan s;
                if (!readSpan(s)) return false;
                if (strings == 0) out.first = s;
                if (strings == 1) out.second = s;
                ++strings;
            } else {
                if (!skipValue(depth + 1)) return false;
                ++others;
            }
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (!expect(']', "expected ',' or ']' in an array")) return false;
            good = strings == 2 && others == 0;
            return true;
        }
    }

    // At '"'. UTF-8 is decoded here (not by QString::fromUtf8, tokenizer_json.h says why); invalid UTF-8 and
    // raw control characters are errors, as RFC 8259 has it.
    bool readString(QString& out)
    {
        m_buffer.clear();
        if (!readUnits(m_buffer)) return false;
        out = QString(reinterpret_cast<const QChar*>(m_buffer.data()), qsizetype(m_buffer.size()));
        return true;
    }

    // At '"': the string appended to document.units.
    bool readSpan(TextSpan& out)
    {
        std::vector<char16_t>& units = document.units;
        const size_t start = units.size();
        if (!readUnits(units)) return false;
        if (units.size() > 0xFFFFFFFFull) return fail("more text in vocabulary strings than this reader holds");
        out = TextSpan{std::uint32_t(start), std::uint32_t(units.size() - start)};
        return true;
    }

    // At '"': the string's UTF-16 units appended to buffer.
    bool readUnits(std::vector<char16_t>& buffer)
    {
        ++m_p;
        for (;;) {
            // The common case first: a run of plain ASCII.
            const char* run = m_p;
            while (m_p < m_end) {
                const uchar c = uchar(*m_p);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
                ++m_p;
            }
            buffer.insert(buffer.end(), reinterpret_cast<const uchar*>(run), reinterpret_cast<const uchar*>(m_p));
            if (m_p == m_end) return fail("unterminated string");
            const uchar c = uchar(*m_p);
            if (c == '"') {
                ++m_p;
                break;
            }
            if (c < 0x20) return fail("control character in a string");
            if (c == '\\') {
                if (!readEscape(buffer)) return false;
                continue;
            }
            if (!readUtf8Sequence(buffer)) return false;
        }
        return true;
    }

    bool readEscape(std::vector<char16_t>& buffer)
    {
        ++m_p; // the backslash
        if (m_p == m_end) return fail("unterminated string");
        const char e = *m_p++;
        switch (e) {
        case '"': buffer.push_back(u'"'); return true;
        case '\\': buffer.push_back(u'\\'); return true;
        case '/': buffer.push_back(u'/'); return true;
        case 'b': buffer.push_back(u'\b'); return true;
        case 'f': buffer.push_back(u'\f'); return true;
        case 'n': buffer.push_back(u'\n'); return true;
        case 'r': buffer.push_back(u'\r'); return true;
        case 't': buffer.push_back(u'\t'); return true;
        case 'u': {
            if (m_end - m_p < 4) return fail("\\u needs four hexadecimal digits");
            char16_t unit = 0;
            for (int i = 0; i < 4; ++i) {
                const char h = *m_p++;
                int v = -1;
                if (h >= '0' && h <= '9') v = h - '0';
                else if (h >= 'a' && h <= 'f') v = h - 'a' + 10;
                else if (h >= 'A' && h <= 'F') v = h - 'A' + 10;
                if (v < 0) return fail("\\u needs four hexadecimal digits");
                unit = char16_t(unit * 16 + v);
            }
            // UTF-16 units as written: a pair \ud83d\ude00 forms one character, a lone surrogate stays one.
            buffer.push_back(unit);
            return true;
        }
        default:
            --m_p;
            return fail("unknown escape sequence");
        }
    }

    // At a byte >= 0x80: one UTF-8 sequence -> one or two UTF-16 units.
    bool readUtf8Sequence(std::vector<char16_t>& buffer)
    {
        char32_t cp = 0;
        const int length = utf8SequenceAt(m_p, m_end, cp);
        if (length == 0) return fail("invalid UTF-8 in a string");
        m_p += length;
        appendUtf16(buffer, cp);
        return true;
    }

    // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?; out of double's range: ±infinity or 0.
    bool readNumber(double& out)
    {
        const char* start = m_p;
        const auto digits = [&] {
            const char* from = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            return m_p > from;
        };
        if (m_p < m_end && *m_p == '-') ++m_p;
        if (m_p < m_end && *m_p == '0')
            ++m_p;
        else if (!digits())
            return fail("expected a value");
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (!digits()) return fail("expected digits after '.'");
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-')) ++m_p;
            if (!digits()) return fail("expected digits in the exponent");
        }
        const auto [end, ec] = std::from_chars(start, m_p, out);
        if (ec == std::errc::result_out_of_range) {
            // Too large or too small for a double: the sign and the exponent's sign decide.
            const bool negativeExponent = std::string_view(start, size_t(m_p - start)).find("e-") !=
                                              std::string_view::npos ||
                                          std::string_view(start, size_t(m_p - start)).find("E-") !=
                                              std::string_view::npos;
            out = negativeExponent ? 0.0 : std::numeric_limits<double>::infinity();
            if (*start == '-') out = -out;
        } else if (ec != std::errc() || end != m_p) {
            return fail("invalid number");
        }
        return true;
    }

    const char* m_begin;
    const char* m_p;
    const char* m_end;
    QString m_file;
    QString m_error;
    qsizetype m_errorOffset = 0;
    std::vector<char16_t> m_buffer;
};

// Maps (or, where mapping fails, reads) file for the duration of use(bytes).
template <typename R, typename Use>
R withFileBytes(const QString& file, Use use)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return R::failure(QStringLiteral("%1: cannot read: %2").arg(file, f.errorString()));
    const qint64 size = f.size();
    if (size > 0) {
        if (const uchar* mapped = f.map(0, size))
            return use(QByteArrayView(reinterpret_cast<const char*>(mapped), qsizetype(size)));
    }
    const QByteArray bytes = f.readAll();
    return use(QByteArrayView(bytes));
}

QString notAnObjectMessage(const QString& file)
{
    return QStringLiteral("%1: expected a JSON object at the top level").arg(file);
}

} // namespace

Result<TokenizerJsonDocument> parseTokenizerJson(QByteArrayView data, const QString& file)
{
    using R = Result<TokenizerJsonDocument>;
    TokenizerJsonReader reader(data, file);
    // Vocabulary tokens and merge halves are most of a large file; their UTF-16 units come to about a seventh of
    // its bytes (Gemma 3: 4.6 million for 33 MB). Reserving a quarter spares the copies of growing.
    reader.document.units.reserve(size_t(data.size() / 4));
    bool notAnObject = false;
    QJsonObject root;
    if (!reader.readDocument(JsonObjectRole::TokenizerRoot, root, notAnObject))
        return R::failure(notAnObject ? notAnObjectMessage(file) : reader.error());
    reader.document.root = std::move(root);
    return std::move(reader.document);
}

TextSpan TokenizerJsonDocument::addText(QStringView s)
{
    const auto offset = std::uint32_t(units.size());
    units.insert(units.end(), s.utf16(), s.utf16() + s.size());
    return TextSpan{offset, std::uint32_t(s.size())};
}

TokenizerJsonDocument tokenizerJsonDocument(const QJsonObject& root)
{
    TokenizerJsonDocument doc;
    doc.root = root;
    const QJsonValue modelValue = root.value(QStringLiteral("model"));
    if (!modelValue.isObject()) return doc;
    QJsonObject model = modelValue.toObject();
    const QJsonValue vocab = model.value(QStringLiteral("vocab"));
    if (vocab.isObject()) {
        const QJsonObject o = vocab.toObject();
        doc.vocab.emplace();
        doc.vocab->reserve(size_t(o.size()));
        for (auto it = o.begin(); it != o.end(); ++it)
            doc.vocab->emplace_back(doc.addText(it.key()), it.value().isDouble()
                                                                ? it.value().toDouble()
                                                                : std::numeric_limits<double>::quiet_NaN());
        model.remove(QStringLiteral("vocab"));
    }
    const QJsonValue merges = model.value(QStringLiteral("merges"));
    if (merges.isArray()) {
        const QJsonArray a = merges.toArray();
        doc.merges.emplace();
        for (qsizetype i = 0; i < a.size(); ++i) {
            QString left, right;
            bool good = false;
            if (a[i].isString()) {
                const QString s = a[i].toString();
                const qsizetype space = s.indexOf(QLatin1Char(' '));
                good = space > 0 && space + 1 < s.size() && s.indexOf(QLatin1Char(' '), space + 1) < 0;
                if (good) {
                    left = s.left(space);
                    right = s.mid(space + 1);
                }
            } else if (a[i].isArray()) {
                const QJsonArray pair = a[i].toArray();
                good = pair.size() == 2 && pair[0].isString() && pair[1].isString();
                if (good) {
                    left = pair[0].toString();
                    right = pair[1].toString();
                }
            }
            if (!good) {
                doc.firstBadMerge = i;
                break;
            }
            const TextSpan l = doc.addText(left);
            doc.merges->emplace_back(l, doc.addText(right));
        }
        model.remove(QStringLiteral("merges"));
    }
    doc.root.insert(QStringLiteral("model"), model);
    return doc;
}

QString utf8ToString(QByteArrayView bytes)
{
    std::vector<char16_t> units;
    units.reserve(size_t(bytes.size()));
    const char* p = bytes.data();
    const char* end = p + bytes.size();
    while (p < end) {
        char32_t cp = 0;
        const int length = utf8SequenceAt(p, end, cp);
        appendUtf16(units, length ? cp : char32_t(0xFFFD));
        p += length ? length : 1;
    }
    return QString(reinterpret_cast<const QChar*>(units.data()), qsizetype(units.size()));
}

Result<TokenizerJsonDocument> readTokenizerJson(const QString& file)
{
    return withFileBytes<Result<TokenizerJsonDocument>>(
        file, [&](QByteArrayView bytes) { return parseTokenizerJson(bytes, file); });
}

Result<TokenizerJsonDocument> readVocabJson(const QString& file)
{
    using R = Result<TokenizerJsonDocument>;
    return withFileBytes<R>(file, [&](QByteArrayView bytes) {
        TokenizerJsonReader reader(bytes, file);
        bool notAnObject = false;
        if (!reader.readVocabDocument(notAnObject))
            return R::failure(notAnObject ? notAnObjectMessage(file) : reader.error());
        return R(std::move(reader.document));
    });
}

Result<QJsonObject> readJsonObjectFile(const QString& file, const QStringList& skip)
{
    using R = Result<QJsonObject>;
    return withFileBytes<R>(file, [&](QByteArrayView bytes) {
        TokenizerJsonReader reader(bytes, file);
        reader.skip = skip;
        QJsonObject root;
        bool notAnObject = false;
        if (!reader.readDocument(JsonObjectRole::SkippingRoot, root, notAnObject))
            return R::failure(notAnObject ? notAnObjectMessage(file) : reader.error());
        return R(std::move(root));
    });
}

} // namespace attnlab::model
