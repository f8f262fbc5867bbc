#include "model/core/json_describe.h"

namespace attnlab::model {

QString describeJson(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::String:
        // Long strings are cut: the message names the value, it need not reprint a file.
        return QStringLiteral("\"%1\"").arg(v.toString().size() > 80 ? v.toString().left(77) + QStringLiteral("…")
                                                                     : v.toString());
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

} // namespace attnlab::model
