#pragma once

// What a session or a lesson wants selected once the trace of its input exists: the layer, head, query, the
// step of the step view and exact display. Each part is optional: what is not given stays as it is.

#include <QString>

#include <optional>

namespace attnlab::app {

struct SelectionRequest {
    std::optional<int> layer; // 0-based
    std::optional<int> head;  // 0-based; −1 = all heads
    std::optional<int> query; // 0-based token index
    QString queryToken;       // or a token's text or 1-based number, as lessons name it (resolveQuery)
    std::optional<int> step;  // the step view's stage, 0-based
    std::optional<bool> exact;

    bool operator==(const SelectionRequest&) const = default;
};

} // namespace attnlab::app
