#pragma once

// Reading a session file's JSON field by field: each getter checks the type and range of one field and, on
// the first problem, records one message naming the file and the field's path ("input.toy.layers"); later
// getters do nothing, so a reader can ask for every field and report only the first error.

#include "model/core/enum_names.h"
#include "model/core/matrix_types.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace attnlab::app {

// "a number (3)", "a string (\"x\")", "an array", "an object", "null", "nothing": what a field held.
QString describeKind(const QJsonValue& value);

// Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or −1 when all do.
qsizetype invalidUtf8Offset(const QByteArray& bytes);

// The deepest nesting of arrays and objects in JSON text (strings skipped); stops counting past `limit`.
int jsonNestingDepth(const QByteArray& json, int limit);

class SessionJsonReader {
public:
    explicit SessionJsonReader(QString fileName) : m_file(std::move(fileName)) {}

    bool failed() const { return !m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    // Records "<file>: message" unless an error is recorded already; returns false.
    bool fail(const QString& message);
    // Records "<file>: field \"path\" must be <expected>, got <what value is>"; returns false.
    bool failField(const QString& path, const QString& expected, const QJsonValue& got);

    // Valid UTF-8, not nested deeper than the format, JSON, an object at the top -> that object.
    std::optional<QJsonObject> document(const QByteArray& json);
    // Fails on a key of o that is not in known (a misspelt field would otherwise be dropped silently).
    bool onlyKeys(const QJsonObject& o, const QString& at, const QStringList& known);

    // Each reads o[key] into *out when present; an absent field leaves *out unchanged. False on failure.
    bool string(const QJsonObject& o, const QString& at, const char* key, qsizetype maxLength, QString* out);
    bool integer(const QJsonObject& o, const QString& at, const char* key, int min, int max, int* out);
    bool number(const QJsonObject& o, const QString& at, const char* key, double min, double max, double* out);
    bool boolean(const QJsonObject& o, const QString& at, const char* key, bool* out);
    std::optional<QJsonObject> object(const QJsonObject& o, const QString& at, const char* key);
    // ["a", "b"]: at most maxCount strings of at most maxLength characters each.
    bool strings(const QJsonObject& o, const QString& at, const char* key, int maxCount, qsizetype maxLength,
                 QStringList* out);

    // A string field that must be one of the names -> its value.
    template <typename T, std::size_t N>
    bool choice(const QJsonObject& o, const QString& at, const char* key,
                const std::array<model::EnumName<T>, N>& names, T* out)
    {
        if (failed() || !o.contains(QLatin1String(key)))
            return !failed();
        const QJsonValue v = o.value(QLatin1String(key));
        if (const auto value = v.isString() ? model::enumValue(names, v.toString()) : std::nullopt) {
            *out = *value;
            return true;
        }
        QStringList known;
        for (const QString& name : model::enumNames(names))
            known << QStringLiteral("\"%1\"").arg(name);
        return failField(path(at, key), QStringLiteral("one of ") + known.join(QStringLiteral(", ")), v);
    }

    // [["1", "1/√2"], …]: rows of strings, all as long as the first, at most maxSide rows and columns.
    std::optional<std::vector<QStringList>> cellRows(const QJsonValue& value, const QString& field, int maxSide);
    // [[1, 0], [1, 1]] (numbers 0/1 or booleans; 1 = may attend): a non-empty rectangular 0/1 matrix.
    std::optional<model::BoolMatrix> boolRows(const QJsonValue& value, const QString& field, int maxSide);

    static QString path(const QString& at, const char* key)
    {
        return at.isEmpty() ? QLatin1String(key) : at + QLatin1Char('.') + QLatin1String(key);
    }

private:
    QString m_file;
    QString m_error;
};

} // namespace attnlab::app
