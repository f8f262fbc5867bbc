#pragma once

// How a JSON value is named in an error message: strings quoted, numbers and booleans as written, the rest by
// kind ("an array", "an object", "null"). Shared by every reader of JSON files (matrices, config.json,
// safetensors headers, tokenizers).

#include <QJsonValue>
#include <QString>

namespace attnlab::model {

QString describeJson(const QJsonValue& value);

} // namespace attnlab::model
