#include "app/session/session_json_reader.h"

#include "model/core/json_describe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace attnlab::app {

namespace {

// A session nests at most five levels: the file → "input" → "matrices" → "Q" → a row.
constexpr int kMaxSessionNesting = 5;
constexpr qsizetype kMaxCellLength = 256;

} // namespace

QString describeKind(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Double: return QStringLiteral("a number (%1)").arg(model::describeJson(value));
    case QJsonValue::String: return QStringLiteral("a string (%1)").arg(model::describeJson(value));
    case QJsonValue::Bool: return QStringLiteral("a boolean (%1)").arg(model::describeJson(value));
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

qsizetype invalidUtf8Offset(const QByteArray& bytes)
{
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.constData());
    const qsizetype size = bytes.size();
    for (qsizetype i = 0; i < size;) {
        const unsigned char lead = data[i];
        int length = 0;
        unsigned int min = 0; // the smallest code point the length may encode (no overlong forms)
        unsigned int code = 0;
        if (lead < 0x80) { ++i; continue; }
        if ((lead & 0xE0) == 0xC0) { length = 2; min = 0x80; code = lead & 0x1F; }
        else if ((lead & 0xF0) == 0xE0) { length = 3; min = 0x800; code = lead & 0x0F; }
        else if ((lead & 0xF8) == 0xF0) { length = 4; min = 0x10000; code = lead & 0x07; }
        else return i;
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            if ((data[i + k] & 0xC0) != 0x80)
                return i;
            code = (code << 6) | (data[i + k] & 0x3F);
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return i;
        i += length;
    }
    return -1;
}

int jsonNestingDepth(const QByteArray& json, int limit)
{
    int depth = 0, deepest = 0;
    bool inString = false, escaped = false;
    for (const char ch : json) {
        if (inString) {
            if (escaped) escaped = false;
            else if (ch == '\\') escaped = true;
            else if (ch == '"') inString = false;
        } else if (ch == '"') {
            inString = true;
        } else if (ch == '[' || ch == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit)
                return deepest;
        } else if (ch == ']' || ch == '}') {
            --depth;
        }
    }
    return deepest;
}

bool SessionJsonReader::fail(const QString& message)
{
    if (m_error.isEmpty())
        m_error = m_file + QStringLiteral(": ") + message;
    return false;
}

bool SessionJsonReader::failField(const QString& path, const QString& expected, const QJsonValue& got)
{
    return fail(QStringLiteral("field \"%1\" must be %2, got %3").arg(path, expected, describeKind(got)));
}

std::optional<QJsonObject> SessionJsonReader::document(const QByteArray& json)
{
    if (const qsizetype bad = invalidUtf8Offset(json); bad >= 0) {
        fail(QStringLiteral("invalid UTF-8 at byte %1 (a session file is UTF-8 text)").arg(bad));
        return std::nullopt;
    }
    if (jsonNestingDepth(json, kMaxSessionNesting) > kMaxSessionNesting) {
        fail(QStringLiteral("arrays and objects are nested deeper than a session's %1 levels").arg(kMaxSessionNesting));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(QStringLiteral("not valid JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString()));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        fail(QStringLiteral("expected a JSON object {\"format\": \"attnlab-session\", …}"));
        return std::nullopt;
    }
    return doc.object();
}

bool SessionJsonReader::onlyKeys(const QJsonObject& o, const QString& at, const QStringList& known)
{
    if (failed())
        return false;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            return fail(QStringLiteral("unknown field \"%1\" (known: %2)")
                            .arg(path(at, it.key().toUtf8().constData()), known.join(QStringLiteral(", "))));
    return true;
}

bool SessionJsonReader::string(const QJsonObject& o, const QString& at, const char* key, qsizetype maxLength, QString* out)
{
    if (failed() || !o.contains(QLatin1String(key)))
        return !failed();
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString())
        return failField(path(at, key), QStringLiteral("a string"), v);
    if (v.toString().size() > maxLength)
        return fail(QStringLiteral("field \"%1\" is longer than %2 characters").arg(path(at, key)).arg(maxLength));
    *out = v.toString();
    return true;
}

bool SessionJsonReader::integer(const QJsonObject& o, const QString& at, const char* key, int min, int max, int* out)
{
    if (failed() || !o.contains(QLatin1String(key)))
        return !failed();
    const QJsonValue v = o.value(QLatin1String(key));
    const double d = v.toDouble();
    if (!v.isDouble() || d != std::floor(d) || d < min || d > max)
        return failField(path(at, key), QStringLiteral("a whole number from %1 to %2").arg(min).arg(max), v);
    *out = int(d);
    return true;
}

bool SessionJsonReader::number(const QJsonObject& o, const QString& at, const char* key, double min, double max, double* out)
{
    if (failed() || !o.contains(QLatin1String(key)))
        return !failed();
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble() || !(v.toDouble() >= min && v.toDouble() <= max))
        return failField(path(at, key), QStringLiteral("a number from %1 to %2").arg(min).arg(max), v);
    *out = v.toDouble();
    return true;
}

bool SessionJsonReader::boolean(const QJsonObject& o, const QString& at, const char* key, bool* out)
{
    if (failed() || !o.contains(QLatin1String(key)))
        return !failed();
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isBool())
        return failField(path(at, key), QStringLiteral("true or false"), v);
    *out = v.toBool();
    return true;
}

std::optional<QJsonObject> SessionJsonReader::object(const QJsonObject& o, const QString& at, const char* key)
{
    if (failed() || !o.contains(QLatin1String(key)))
        return std::nullopt;
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isObject()) {
        failField(path(at, key), QStringLiteral("an object"), v);
        return std::nullopt;
    }
    return v.toObject();
}

bool SessionJsonReader::strings(const QJsonObject& o, const QString& at, const char* key, int maxCount,
                                qsizetype maxLength, QStringList* out)
{
    if (failed() || !o.contains(QLatin1String(key)))
        return !failed();
    const QJsonValue v = o.value(QLatin1String(key));
    const QJsonArray items = v.toArray();
    if (!v.isArray())
        return failField(path(at, key), QStringLiteral("an array of strings"), v);
    if (items.size() > maxCount)
        return fail(QStringLiteral("field \"%1\" has more than %2 entries").arg(path(at, key)).arg(maxCount));
    QStringList texts;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString item = QStringLiteral("%1[%2]").arg(path(at, key)).arg(i);
        if (!items[i].isString())
            return failField(item, QStringLiteral("a string"), items[i]);
        if (items[i].toString().size() > maxLength)
            return fail(QStringLiteral("field \"%1\" is longer than %2 characters").arg(item).arg(maxLength));
        texts << items[i].toString();
    }
    *out = texts;
    return true;
}

std::optional<std::vector<QStringList>> SessionJsonReader::cellRows(const QJsonValue& value, const QString& field, int maxSide)
{
    const QString expected = QStringLiteral("an array of rows of strings");
    if (failed())
        return std::nullopt;
    if (!value.isArray()) {
        failField(field, expected, value);
        return std::nullopt;
    }
    const QJsonArray rows = value.toArray();
    std::vector<QStringList> cells;
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QJsonArray row = rows[r].toArray();
        if (!rows[r].isArray()) {
            failField(QStringLiteral("%1[%2]").arg(field).arg(r), QStringLiteral("a row (an array of strings)"), rows[r]);
            return std::nullopt;
        }
        if (rows.size() > maxSide || row.size() > maxSide) {
            fail(QStringLiteral("field \"%1\" is larger than %2 × %2").arg(field).arg(maxSide));
            return std::nullopt;
        }
        if (r > 0 && row.size() != rows[0].toArray().size()) {
            fail(QStringLiteral("field \"%1\": row %2 has %3 entries but row 1 has %4")
                     .arg(field).arg(r + 1).arg(row.size()).arg(rows[0].toArray().size()));
            return std::nullopt;
        }
        QStringList texts;
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (!row[c].isString()) {
                // The cell's position, as boolRows gives it: in a 10 × 10 matrix "Q" alone does not find it.
                failField(QStringLiteral("%1[%2][%3]").arg(field).arg(r).arg(c), QStringLiteral("a string"), row[c]);
                return std::nullopt;
            }
            if (row[c].toString().size() > kMaxCellLength) {
                fail(QStringLiteral("field \"%1\": row %2, column %3 is longer than %4 characters")
                         .arg(field).arg(r + 1).arg(c + 1).arg(kMaxCellLength));
                return std::nullopt;
            }
            texts << row[c].toString();
        }
        cells.push_back(texts);
    }
    return cells;
}

std::optional<model::BoolMatrix> SessionJsonReader::boolRows(const QJsonValue& value, const QString& field, int maxSide)
{
    const QString expected = QStringLiteral("a non-empty array of rows of 0 and 1");
    if (failed())
        return std::nullopt;
    const QJsonArray rows = value.toArray();
    if (!value.isArray() || rows.isEmpty() || !rows[0].isArray() || rows[0].toArray().isEmpty()) {
        failField(field, expected, value);
        return std::nullopt;
    }
    const qsizetype cols = rows[0].toArray().size();
    if (rows.size() > maxSide || cols > maxSide) {
        fail(QStringLiteral("field \"%1\" is larger than %2 × %2").arg(field).arg(maxSide));
        return std::nullopt;
    }
    model::BoolMatrix mask(rows.size(), cols);
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QJsonArray row = rows[r].toArray();
        if (!rows[r].isArray() || row.size() != cols) {
            fail(QStringLiteral("field \"%1\": row %2 must have %3 entries like row 1").arg(field).arg(r + 1).arg(cols));
            return std::nullopt;
        }
        for (qsizetype c = 0; c < cols; ++c) {
            const QJsonValue e = row[c];
            if (e.isBool()) {
                mask(r, c) = e.toBool();
            } else if (e.isDouble() && (e.toDouble() == 0.0 || e.toDouble() == 1.0)) {
                mask(r, c) = e.toDouble() == 1.0;
            } else {
                failField(QStringLiteral("%1[%2][%3]").arg(field).arg(r).arg(c), QStringLiteral("0, 1, true or false"), e);
                return std::nullopt;
            }
        }
    }
    return mask;
}

} // namespace attnlab::app
